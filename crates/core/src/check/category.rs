//! From the person's situation to a filing category, with the reason in plain words.
//!
//! The definitions are those of 医保发〔2022〕22号: 异地安置退休人员 are retirees who settled
//! elsewhere *and moved their household registration there*; 常驻异地工作人员 are posted there by
//! their employer; 异地长期居住人员 live there and meet the insured region's conditions. A
//! situation that misses a definition falls to the category that does fit, and the reason says so.

use super::request::{CheckRequest, Situation};
use crate::domain::{FilingCategory, Person, Scheme};

/// The category for the request's situation, and why.
pub(super) fn derive(req: &CheckRequest) -> (FilingCategory, &'static str) {
    let employee = req.scheme == Scheme::Employee;
    match req.situation {
        Situation::Resettled if !(employee && req.person == Person::Retired) => (
            FilingCategory::LongTermResident,
            "“异地安置退休人员”指参加职工医保的退休人员。您在外省长期生活，可以按“异地长期居住人员”备案，备案后长期有效。",
        ),
        Situation::Resettled if !req.hukou_moved => (
            FilingCategory::LongTermResident,
            "户口还没有迁到定居地，按规定不算“异地安置”。您在外省长期生活，可以按“异地长期居住人员”备案，备案后长期有效；户口迁过去以后，也可以改为“异地安置退休人员”。",
        ),
        Situation::Resettled => (
            FilingCategory::ResettledRetiree,
            "退休后在外省定居、户口已经迁到定居地，属于“异地安置退休人员”。备案后长期有效，在定居地和参保地都能享受医保待遇。",
        ),
        Situation::Living => (
            FilingCategory::LongTermResident,
            "在外省长期居住生活，属于“异地长期居住人员”。备案后长期有效，在居住地和参保地都能享受医保待遇。",
        ),
        Situation::Working if employee && req.person == Person::Active => (
            FilingCategory::PostedWorker,
            "被单位派到外省长期工作，属于“常驻异地工作人员”。备案后长期有效；单位停止为您缴费后，从下个月起不再有效。",
        ),
        Situation::Working => (
            FilingCategory::LongTermResident,
            "“常驻异地工作人员”指单位派驻外省、参加职工医保的在职人员。您在外省长期生活，可以按“异地长期居住人员”备案，备案后长期有效。",
        ),
        Situation::Referral => (
            FilingCategory::Referral,
            "参保地医院建议转到外省医院治疗，属于“异地转诊就医人员”，需要参保地县级及以上定点医院开具的转诊转院证明。",
        ),
        Situation::Emergency => (
            FilingCategory::Emergency,
            "因工作、旅游等在外省突发急病需要抢救，属于“异地急诊抢救人员”，视同已经备案，不用事先办理。",
        ),
        Situation::Travel => (
            FilingCategory::OtherTemporary,
            "临时去外省看病、没有转诊证明，属于“其他跨省临时外出就医人员”，只需填写备案表，不用其他证明材料。",
        ),
    }
}

/// The category a situation names when its definition fits (the diagnosis prefills a filing with
/// it; the filing form checks the definition).
pub fn usual(situation: Situation) -> FilingCategory {
    match situation {
        Situation::Resettled => FilingCategory::ResettledRetiree,
        Situation::Living => FilingCategory::LongTermResident,
        Situation::Working => FilingCategory::PostedWorker,
        Situation::Referral => FilingCategory::Referral,
        Situation::Emergency => FilingCategory::Emergency,
        Situation::Travel => FilingCategory::OtherTemporary,
    }
}

/// A warning when the situation's own category did not fit, so the switch is never silent.
pub(super) fn switched(situation: Situation, category: FilingCategory) -> Option<String> {
    let wanted = usual(situation);
    (wanted != category).then(|| {
        format!(
            "按您填写的情况，不能按“{}”备案，已改按“{}”判断，原因见说明。",
            wanted.label_zh(),
            category.label_zh()
        )
    })
}
