//! The practical advice that goes with a category: where to file, what to do when care started
//! before filing, and what catches people out. Sources: 医保发〔2022〕22号 and local restatements
//! collected in `shared/domain.md` ("Validity, change, late filing", "Settlement"); the
//! 门诊慢特病 list from `crate::chronic` (2024), the hotline from `crate::hotline`.

use crate::chronic::ChronicDisease;
use crate::domain::{FilingCategory, FilingStatus, Visit};
use crate::policy::{FilingRules, national};
use crate::region::Region;

/// Filing channels open to every insured region (national platforms), plus the region's own.
/// The phone line is the national medical-insurance hotline 12393 (`crate::hotline`); 12333, the
/// human-resources line, is named only where a region's data says it takes filings.
pub(super) const CHANNELS: [&str; 5] = [
    "国家医保服务平台 App",
    "国家异地就医备案微信小程序",
    "国务院客户端微信小程序",
    "参保地医保经办窗口",
    "拨打医保服务热线 12393 咨询",
];

/// Within one province each province sets its own rules.
pub(super) const INTRA_PROVINCE_CHANNELS: [&str; 3] = [
    "本省医保 App 或小程序",
    "参保地医保经办窗口",
    "拨打医保服务热线 12393 咨询",
];

pub(super) const INTRA_PROVINCE_REASON: &str = "参保地和就医地在同一个省，属于省内异地就医，不适用跨省备案的规定。各省规定不同：不少省份省内就医不用备案或可以直接结算，有的省份省内就医按参保地的药品目录报销。请在本省医保 App 查询，或问参保地医保经办机构、拨打医保服务热线 12393。";

/// 补办: before discharge settlement the hospital can still settle directly; after, the person
/// files late and claims manually under the insured region's rules.
pub(super) fn late_filing(category: FilingCategory, already_admitted: bool) -> &'static str {
    if category == FilingCategory::Emergency {
        return "急诊抢救视同已经备案：医院能直接结算的，直接结算；不能的，先自己付费，保留好发票、费用清单和病历，回参保地手工报销。有的地区要求事后补办备案手续，请问参保地医保经办机构。";
    }
    if already_admitted {
        "已经住院的，在出院结算之前补办备案，就能在医院直接结算；已经出院并自己付了钱的，也可以补办备案，再带上发票、费用清单、出院小结回参保地手工报销。"
    } else {
        "请在看病之前办好备案。万一来不及：出院结算之前补办的，仍然可以直接结算；已经出院、自己付了钱的，补办备案后回参保地手工报销。"
    }
}

/// What can go wrong even with a filing, and where the insured region needs none.
pub(super) fn warnings(
    category: FilingCategory,
    treatment: &Region,
    rules: &FilingRules,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(rate_cut(category));
    out.push(
        "只有开通了跨省直接结算的定点医院和药店才能直接结算；在没有联网的机构看病，要先自己付费，再回参保地报销。"
            .to_owned(),
    );
    out.push(
        "生育（生孩子）的费用一般不能在外省直接结算，要先自己付费，再回参保地报销。".to_owned(),
    );
    out.push(format!(
        "门诊慢特病要先在参保地办好这个病种的认定，再备案，才能在外省按参保地待遇结算。能跨省直接结算的病种 2024 年起由 5 种增加到 10 种（各省陆续执行）：{}。",
        ChronicDisease::listed_zh()
    ));
    for d in &rules.no_filing_destinations {
        if d.treatment_region == treatment.code || d.treatment_region == treatment.province_code {
            let visits: Vec<&str> = d.visits.iter().map(|v| visit_zh(*v)).collect();
            // The source goes to the result's `sources`, not into the sentence.
            out.push(format!(
                "到{}{}可以不用备案，其他情况仍需备案。{}",
                treatment.name,
                visits.join("、"),
                d.note
            ));
        }
    }
    out.push("看病时带好身份证、社保卡或医保电子凭证。".to_owned());
    out
}

/// Temporary trips may be paid at a lower ratio, by at most the national bound ("原则上",
/// 医保发〔2022〕22号, in `packs/national.json`); regions differ.
fn rate_cut(category: FilingCategory) -> Option<String> {
    let (points, _) = national().max_ratio_cut(FilingStatus::from(category))?;
    Some(format!(
        "报销比例可能比在参保地看病低一些：国家规定原则上最多低 {points} 个百分点，具体看参保地规定。"
    ))
}

fn visit_zh(visit: Visit) -> &'static str {
    match visit {
        Visit::Inpatient => "住院",
        Visit::Outpatient => "看门诊",
        Visit::ChronicOutpatient => "看门诊慢特病",
    }
}
