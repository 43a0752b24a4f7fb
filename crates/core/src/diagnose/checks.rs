//! The ordered checks, one function each, each answering with one finding.
//!
//! A blocker names its fix when the fix can still happen before this bill is settled
//! ("mendable"); when it cannot, its remedy is `manual_claim` and the text says what to do next
//! time. What can be mended until when:
//!
//! | blocker | mendable while |
//! |---|---|
//! | `not_filed`, `filing_pending`, `filing_expired`, `filed_elsewhere` | the bill is not settled (补办 before discharge settlement) |
//! | `credential_not_shown` | the bill is not settled (show it at the counter) |
//! | `institution_not_networked`, `chronic_not_certified` | the visit has not started (go elsewhere; get certified first) |
//! | `chronic_not_covered` | never: manual claim under the insured region's rules |
//! | `insurance_inactive` | restore the insurance (the outcome is `not_covered`) |
//! | `settled_without_direct` | ask for 补记账, otherwise claim manually |
//!
//! So `stage: settled_paid_self` turns every mendable blocker into `manual_claim`, as the
//! contract says.

use super::facts::{Facts, FilingState, Stage, VisitKind};
use super::result::{Blocker, Check, Finding, Remedy, Source, Status};
use super::sources;
use crate::chronic::ChronicDisease;
use crate::domain::Visit;
use crate::policy::{filing_rules, no_filing_needed};
use crate::region::Region;

/// How to find out whether an institution is networked for cross-province settlement: no public
/// list exists, the official search is the national 医保服务平台 (app and web) and the 国家异地
/// 就医备案 mini program (`research/policy-sources.md`, "National").
pub const FIND_INSTITUTION: &str = "在国家医保服务平台 App（或国家医保服务平台网站、“国家异地就医备案”微信小程序）的定点医药机构查询里，选就医地后搜索这家医院或药店，看是否开通了跨省直接结算；也可以直接问医院的医保办，或拨打医保服务热线 12393。";

/// How to find out the state and place of a filing.
pub const FIND_FILING: &str = "在办理备案的国家医保服务平台 App 或“国家异地就医备案”微信小程序里查看备案记录（是否生效、备案到哪里、有效期到哪天）；也可以问参保地医保经办机构，或拨打 12393。";

/// How to find out whether insurance is in force.
pub const FIND_INSURANCE: &str = "在国家医保服务平台 App 或参保地医保 App 查询参保和缴费记录；也可以问参保地医保经办机构，或拨打 12393。";

/// How to find out the chronic-disease certification.
pub const FIND_CHRONIC: &str = "看参保地给您办的门诊慢特病认定（待遇资格）上写的病种；或在参保地医保 App 查询、问参保地医保经办机构，也可以拨打 12393。";

/// How to find out whether the credential was read.
pub const FIND_CREDENTIAL: &str = "问住院处或收费窗口：入院登记（或挂号）时有没有读取您的社保卡或医保电子凭证、是否登记为跨省异地就医；没有的话，结算前补上。";

const CLAIM_LATER: &str = "这次的费用不能在医院直接结算：先自己付费，保留好发票原件、费用明细清单和病历资料，回参保地医保经办机构申请手工报销（以参保地规定为准）。";

fn is_settled(f: &Facts) -> bool {
    f.stage == Stage::SettledPaidSelf
}

fn finding(check: Check, status: Status, title: String, detail: String) -> Finding {
    Finding {
        check,
        status,
        code: None,
        title,
        detail,
        remedy: None,
        remedy_text: None,
        source: None,
    }
}

fn ok(check: Check, title: &str, detail: String, source: Option<Source>) -> Finding {
    Finding {
        source,
        ..finding(check, Status::Ok, title.to_owned(), detail)
    }
}

fn not_applicable(check: Check, title: &str, detail: &str, source: Option<Source>) -> Finding {
    Finding {
        source,
        ..finding(
            check,
            Status::NotApplicable,
            title.to_owned(),
            detail.to_owned(),
        )
    }
}

fn unknown(
    check: Check,
    title: &str,
    detail: String,
    how: &str,
    source: Option<Source>,
) -> Finding {
    Finding {
        remedy: Some(Remedy::FindOut),
        remedy_text: Some(how.to_owned()),
        source,
        ..finding(check, Status::Unknown, title.to_owned(), detail)
    }
}

/// A blocker whose fix is `fix` while `mendable`, else a manual claim with `later` advice.
struct Block<'a> {
    check: Check,
    code: Blocker,
    title: String,
    detail: String,
    fix: Remedy,
    fix_text: String,
    mendable: bool,
    later: &'a str,
    source: Option<Source>,
}

impl Block<'_> {
    fn finding(self) -> Finding {
        let (remedy, text) = if self.mendable {
            (self.fix, self.fix_text)
        } else {
            (Remedy::ManualClaim, format!("{CLAIM_LATER}{}", self.later))
        };
        Finding {
            code: Some(self.code),
            remedy: Some(remedy),
            remedy_text: Some(text),
            source: self.source,
            ..finding(self.check, Status::Blocker, self.title, self.detail)
        }
    }
}

/// `region`: cross-province or not.
pub(super) fn region(f: &Facts) -> Finding {
    let (i, t) = (f.insured_region, f.treatment_region);
    if i.province_code == t.province_code {
        return not_applicable(
            Check::Region,
            "省内异地就医",
            &format!(
                "参保地{}和就医地{}都在{}，属于省内异地就医，不适用跨省异地就医直接结算的规定。各省规定不同：请在本省医保 App 查询，或问参保地医保经办机构、拨打 12393。",
                i.name, t.name, i.province_name
            ),
            sources::national(),
        );
    }
    ok(
        Check::Region,
        "跨省异地就医",
        format!(
            "参保地{}和就医地{}不在同一个省，按跨省异地就医直接结算的规定办理。",
            place_zh(i),
            place_zh(t)
        ),
        sources::national(),
    )
}

/// `insurance`: 参保 in force, no arrears.
pub(super) fn insurance(f: &Facts) -> Finding {
    let rule = "医保断缴、欠费或没有参保时，不能享受医保待遇，也不能直接结算。".to_owned();
    match f.insurance_active {
        Some(true) => ok(
            Check::Insurance,
            "医保正在参保缴费",
            "参保状态正常，可以享受医保待遇。".to_owned(),
            sources::national(),
        ),
        Some(false) => Finding {
            code: Some(Blocker::InsuranceInactive),
            remedy: Some(Remedy::RestoreInsurance),
            remedy_text: Some(
                "先到参保地补缴或恢复参保：问参保地医保经办机构或拨打 12393，能不能补缴、补缴后从哪天起能享受待遇；恢复之前的费用能否报销，以参保地规定为准。"
                    .to_owned(),
            ),
            source: sources::national(),
            ..finding(
                Check::Insurance,
                Status::Blocker,
                "医保不在参保状态（断缴、欠费或未参保）".to_owned(),
                rule,
            )
        },
        None => unknown(
            Check::Insurance,
            "不确定医保是否在参保状态",
            rule,
            FIND_INSURANCE,
            sources::national(),
        ),
    }
}

/// `chronic` (门诊慢特病 only): the disease is on the national list and certified at home.
pub(super) fn chronic(f: &Facts) -> Finding {
    let list = format!(
        "能跨省直接结算的门诊慢特病有 10 种（2024 年起由 5 种增加到 10 种，各省陆续执行）：{}。",
        ChronicDisease::listed_zh()
    );
    let certify =
        "门诊慢特病要先在参保地办好这个病种的认定（待遇资格认定），再备案，才能在外省直接结算。";
    match (f.chronic_disease, f.chronic_certified) {
        (None, _) => unknown(
            Check::Chronic,
            "不确定是哪个门诊慢特病病种",
            list,
            FIND_CHRONIC,
            sources::chronic(),
        ),
        (Some(ChronicDisease::Other), _) => Block {
            check: Check::Chronic,
            code: Blocker::ChronicNotCovered,
            title: "这个病种不能跨省直接结算".to_owned(),
            detail: format!("{list}其他病种的门诊费用按参保地的规定办理。"),
            fix: Remedy::ManualClaim,
            fix_text: String::new(),
            mendable: false,
            later: "能否报销、报销多少，按参保地门诊慢特病的规定。",
            source: sources::chronic(),
        }
        .finding(),
        (Some(d), Some(false)) => Block {
            check: Check::Chronic,
            code: Blocker::ChronicNotCertified,
            title: format!("参保地还没有认定“{}”", d.label_zh()),
            detail: certify.to_owned(),
            fix: Remedy::GetCertified,
            fix_text: format!(
                "看病之前，先在参保地办好“{}”的门诊慢特病认定（问参保地医保经办机构，不少地方可以在医保 App 上办），再办备案。",
                d.label_zh()
            ),
            mendable: f.stage == Stage::BeforeVisit,
            later: "没有认定的病种可能报不了门诊慢特病待遇：请先在参保地办好认定，再问能否报销这次的费用；以后看病前先办好认定和备案。",
            source: sources::chronic(),
        }
        .finding(),
        (Some(d), None) => unknown(
            Check::Chronic,
            &format!("不确定参保地是否认定了“{}”", d.label_zh()),
            certify.to_owned(),
            FIND_CHRONIC,
            sources::chronic(),
        ),
        (Some(d), Some(true)) => ok(
            Check::Chronic,
            &format!("“{}”可以跨省直接结算，参保地已经认定", d.label_zh()),
            list,
            sources::chronic(),
        ),
    }
}

/// `institution`: the hospital or pharmacy is open for cross-province settlement of this visit.
pub(super) fn institution(f: &Facts) -> Finding {
    let rule = format!(
        "只有开通了{}跨省直接结算的定点医院和药店才能直接结算；没有开通的，要先自己付费，再回参保地报销。",
        visit_noun(f.visit)
    );
    match f.networked {
        Some(true) => ok(
            Check::Institution,
            "这家医院或药店开通了跨省直接结算",
            rule,
            sources::national(),
        ),
        Some(false) => Block {
            check: Check::Institution,
            code: Blocker::InstitutionNotNetworked,
            title: "这家医院或药店没有开通跨省直接结算".to_owned(),
            detail: rule,
            fix: Remedy::GoToNetworked,
            fix_text: format!(
                "换一家开通了跨省直接结算的定点医院或药店。怎么找：{FIND_INSTITUTION}"
            ),
            mendable: f.stage == Stage::BeforeVisit,
            later: "以后看病前，先查好开通了跨省直接结算的医院或药店。",
            source: sources::national(),
        }
        .finding(),
        None => unknown(
            Check::Institution,
            "不确定这家医院或药店是否开通了跨省直接结算",
            rule,
            FIND_INSTITUTION,
            sources::national(),
        ),
    }
}

/// `filing`: a filing in effect for the treatment province; 急诊抢救 counts as filed (视同
/// 备案), and so does a destination the insured region exempts from filing for this visit.
///
/// Readings of the contract: a cancelled filing is no filing (`not_filed`); a filing in effect
/// or pending that names another province is `filed_elsewhere` (the place must change before
/// waiting for approval helps); an expired one is `filing_expired` whatever place it named (a new
/// filing names the right one); a filing in effect for an unknown place, or of unknown state, is
/// unknown.
pub(super) fn filing(f: &Facts) -> Finding {
    if f.emergency {
        return ok(
            Check::Filing,
            "急诊抢救视同已经备案",
            "因急诊抢救在外省就医的，视同已经备案，不用先办备案，可以直接结算；有的地区要求事后补办备案手续，请问参保地医保经办机构。".to_owned(),
            sources::national(),
        );
    }
    if let Some(visit) = core_visit(f.visit) {
        let rules = filing_rules(f.insured_region.code);
        if let Some(d) = no_filing_needed(&rules, f.treatment_region.code, visit) {
            return ok(
                Check::Filing,
                "这次就医不用备案",
                format!(
                    "{}参保人员到{}{}不用备案。{}",
                    f.insured_region.name,
                    f.treatment_region.name,
                    f.visit.label_zh(),
                    d.note
                ),
                sources::regional(&d.source, &d.note),
            );
        }
    }
    let treatment = f.treatment_region;
    let settled = is_settled(f);
    let claim_later = "先补办备案，再回参保地申请手工报销。";
    let block = |code: Blocker, title: String, detail: String, fix: Remedy, fix_text: String| {
        Block {
            check: Check::Filing,
            code,
            title,
            detail,
            fix,
            fix_text,
            mendable: !settled,
            later: if code == Blocker::FiledElsewhere {
                "先把备案变更到就医地（或补办就医地的备案），再回参保地申请手工报销。"
            } else {
                claim_later
            },
            source: sources::late_filing(),
        }
        .finding()
    };
    let file_now = match f.stage {
        Stage::BeforeVisit => {
            "看病之前办好跨省异地就医备案：国家医保服务平台 App、“国家异地就医备案”微信小程序，或参保地医保经办窗口。"
        }
        _ => {
            "现在就补办备案（国家医保服务平台 App、“国家异地就医备案”微信小程序，或参保地医保经办窗口）。在出院结算之前办好，就能在医院直接结算；办好后告诉医院的医保办或住院处。"
        }
    };
    let state = f.filing.map(|filing| (filing.state, filing.place));
    match state {
        None | Some((Some(FilingState::Cancelled), _)) => block(
            Blocker::NotFiled,
            "还没有备案".to_owned(),
            "跨省异地就医要先办备案（急诊抢救除外），医院才能直接结算。".to_owned(),
            Remedy::FileNow,
            file_now.to_owned(),
        ),
        Some((None, _)) => unknown(
            Check::Filing,
            "不确定备案的状态",
            "备案生效、并且备案地就是就医的省份，才能直接结算。".to_owned(),
            FIND_FILING,
            sources::national(),
        ),
        Some((Some(FilingState::InEffect | FilingState::Pending), Some(place)))
            if place.code != treatment.province_code =>
        {
            block(
                Blocker::FiledElsewhere,
                "备案的地方不是这次就医的省份".to_owned(),
                format!(
                    "您的备案是{}，这次在{}看病；备案地和就医地不在同一个省，不能直接结算。",
                    place.name,
                    place_zh(treatment)
                ),
                Remedy::ChangeFiling,
                format!(
                    "在结算之前把备案变更为{}（或新增一个备案）：在办理备案的 App、小程序或参保地医保经办窗口办理，办好后告诉医院的医保办。",
                    treatment.province_name
                ),
            )
        }
        Some((Some(FilingState::Pending), _)) => block(
            Blocker::FilingPending,
            "备案还在审核，没有生效".to_owned(),
            "备案生效以后，医院才能直接结算。".to_owned(),
            Remedy::FileNow,
            "在结算之前跟进备案：在办理备案的 App 或小程序里看审核结果，或问参保地医保经办机构；生效后告诉医院的医保办，再结算。".to_owned(),
        ),
        Some((Some(FilingState::Expired), _)) => block(
            Blocker::FilingExpired,
            "备案已经过期".to_owned(),
            "临时外出就医的备案有有效期，过期以后要重新备案才能直接结算。".to_owned(),
            Remedy::FileNow,
            format!("备案过期了，要重新备案。{file_now}"),
        ),
        Some((Some(FilingState::InEffect), None)) => unknown(
            Check::Filing,
            "不确定备案的是哪个地方",
            "备案地要和就医地在同一个省，才能直接结算。".to_owned(),
            FIND_FILING,
            sources::national(),
        ),
        Some((Some(FilingState::InEffect), Some(_))) => ok(
            Check::Filing,
            "备案已经生效，备案地就是就医的省份",
            "备案有效期内可以多次就医、直接结算。".to_owned(),
            sources::national(),
        ),
    }
}

/// `credential`: the 社保卡 or 医保电子凭证 was shown, so the hospital registers the visit as
/// cross-province. Before the visit there is nothing to show yet.
pub(super) fn credential(f: &Facts) -> Finding {
    let rule = "就医时要出示社保卡或医保电子凭证，医院读取后才能按跨省异地就医直接结算。";
    if f.stage == Stage::BeforeVisit {
        return not_applicable(
            Check::Credential,
            "看病时记得出示医保凭证",
            "入院登记或挂号时，出示社保卡或医保电子凭证，说明是跨省异地就医。",
            sources::national(),
        );
    }
    match f.credential_shown {
        Some(true) => ok(
            Check::Credential,
            "已经出示社保卡或医保电子凭证",
            rule.to_owned(),
            sources::national(),
        ),
        Some(false) => Block {
            check: Check::Credential,
            code: Blocker::CredentialNotShown,
            title: "还没有出示社保卡或医保电子凭证".to_owned(),
            detail: rule.to_owned(),
            fix: Remedy::ShowCredential,
            fix_text: "结算之前，到住院处或收费窗口出示社保卡或医保电子凭证，说明是跨省异地就医，请医院按直接结算办理。".to_owned(),
            mendable: !is_settled(f),
            later: "也可以先问医院的医保办，能否重新按医保结算。",
            source: sources::national(),
        }
        .finding(),
        None => unknown(
            Check::Credential,
            "不确定医院是否读取了您的医保凭证",
            rule.to_owned(),
            FIND_CREDENTIAL,
            sources::national(),
        ),
    }
}

/// `settlement`: whether the bill is still open. A bill paid in full with nothing else in the
/// way is `settled_without_direct`; with other blockers, they are the reason and this check only
/// notes the stage.
pub(super) fn settlement(f: &Facts, blocked_elsewhere: bool) -> Finding {
    match f.stage {
        Stage::BeforeVisit => not_applicable(
            Check::Settlement,
            "还没有产生费用",
            "看病以后、结算之前，都还来得及办好上面的事。",
            sources::late_filing(),
        ),
        Stage::InHospital | Stage::DischargedUnsettled => ok(
            Check::Settlement,
            "账单还没有结算",
            "在出院结算（或交费）之前把上面的问题办好，仍然可以在医院直接结算。".to_owned(),
            sources::late_filing(),
        ),
        Stage::SettledPaidSelf if blocked_elsewhere => not_applicable(
            Check::Settlement,
            "账单已经自费结算",
            "不能直接结算的原因见上面的检查；这次的费用按手工报销办理。",
            sources::late_filing(),
        ),
        Stage::SettledPaidSelf => Finding {
            code: Some(Blocker::SettledWithoutDirect),
            remedy: Some(Remedy::AskRebilling),
            remedy_text: Some(
                "先问医院的医保办，能否撤销自费结算、重新按医保直接结算（补记账）；不能的，带上发票原件、费用明细清单和病历资料，回参保地医保经办机构申请手工报销。"
                    .to_owned(),
            ),
            source: sources::late_filing(),
            ..finding(
                Check::Settlement,
                Status::Blocker,
                "账单没有按医保直接结算，您自己付了全款".to_owned(),
                "上面的条件看起来都满足，但这次账单是按自费结算的。".to_owned(),
            )
        },
    }
}

/// The visit in the filing rules' terms; a pharmacy purchase has no filing exemption of its own.
fn core_visit(visit: VisitKind) -> Option<Visit> {
    match visit {
        VisitKind::Inpatient => Some(Visit::Inpatient),
        VisitKind::Outpatient => Some(Visit::Outpatient),
        VisitKind::ChronicOutpatient => Some(Visit::ChronicOutpatient),
        VisitKind::Pharmacy => None,
    }
}

/// "苏州市（江苏省）", or just "上海市" for a municipality.
fn place_zh(r: &Region) -> String {
    if r.name == r.province_name {
        r.name.to_owned()
    } else {
        format!("{}（{}）", r.name, r.province_name)
    }
}

fn visit_noun(visit: VisitKind) -> &'static str {
    match visit {
        VisitKind::Inpatient => "住院",
        VisitKind::Outpatient => "普通门诊",
        VisitKind::ChronicOutpatient => "门诊慢特病",
        VisitKind::Pharmacy => "药店购药",
    }
}
