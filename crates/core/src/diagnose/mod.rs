//! "为什么不能直接结算？" — the settlement diagnosis of `contracts/diagnose.md`.
//!
//! A person at a hospital counter (or at home with a receipt) says what they know; the checks
//! run in the contract's order (`region`, `insurance`, `chronic`, `institution`, `filing`,
//! `credential`, `settlement`), each with one finding, and the outcome says what to do now.
//!
//! How the contract is read where it leaves room (each case is pinned in
//! `tests/diagnose.rs`, table `READINGS`):
//! - Same province: only the `region` finding (status `not_applicable`), outcome
//!   `not_cross_province`, next step without a remedy.
//! - `chronic` is a finding for `chronic_outpatient` visits only; for other visits the check does
//!   not exist (no entry), as the contract's "(chronic_outpatient only)" says.
//! - Outcome, first match wins: `insurance_inactive` → `not_covered`; any blocker whose remedy is
//!   `manual_claim`, or `settled_without_direct` → `manual_claim`; any other blocker →
//!   `direct_after_fix`; any unknown → `unknown`; else `direct`. Blockers beat unknowns.
//! - Which blockers are mendable at which stage: see `checks`.
//! - Next step: `not_covered` → `restore_insurance`; `manual_claim` → `manual_claim`, or
//!   `ask_rebilling` when `settled_without_direct` is the only blocker; `direct_after_fix` → the
//!   first blocker's remedy (the text lists every fix in order); `unknown` → `find_out` (the
//!   first unknown's how-to); `direct` and `not_cross_province` → no remedy.
//! - `emergency: true` counts as filed whatever the `filing` says (视同备案). A destination the
//!   insured region's filing rules exempt for this visit (苏州 → 上海 outpatient) also passes the
//!   filing check, citing the region's source.

mod checks;
mod claim;
mod facts;
mod result;
mod sources;

pub use checks::{FIND_CHRONIC, FIND_CREDENTIAL, FIND_FILING, FIND_INSTITUTION, FIND_INSURANCE};
pub use claim::{ClaimMaterial, checklist, claim_materials};
pub use facts::{Facts, FilingFact, FilingState, Stage, VisitKind, parse_facts};
pub use result::{
    Blocker, Check, Diagnosis, Finding, ManualClaim, NextStep, Outcome, Remedy, Source, Status,
};

/// Walks the checks and answers. Total: every checked [`Facts`] gets a diagnosis.
pub fn diagnose(facts: &Facts) -> Diagnosis {
    let region = checks::region(facts);
    if region.status == Status::NotApplicable {
        let findings = vec![region];
        return Diagnosis {
            cross_province: false,
            outcome: Outcome::NotCrossProvince,
            next_step: next_step(Outcome::NotCrossProvince, &findings, facts, false),
            findings,
            manual_claim: None,
        };
    }
    let mut findings = vec![region, checks::insurance(facts)];
    if facts.visit == VisitKind::ChronicOutpatient {
        findings.push(checks::chronic(facts));
    }
    findings.push(checks::institution(facts));
    findings.push(checks::filing(facts));
    findings.push(checks::credential(facts));
    let blocked = findings.iter().any(|f| f.status == Status::Blocker);
    findings.push(checks::settlement(facts, blocked));

    let outcome = outcome(&findings);
    let late_filing = claim::needs_late_filing(&findings);
    Diagnosis {
        cross_province: true,
        outcome,
        next_step: next_step(outcome, &findings, facts, late_filing),
        manual_claim: (outcome == Outcome::ManualClaim)
            .then(|| claim::manual_claim(facts.insured_region, facts.visit, late_filing)),
        findings,
    }
}

fn blockers(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| f.status == Status::Blocker)
}

fn outcome(findings: &[Finding]) -> Outcome {
    let has = |code| blockers(findings).any(|f| f.code == Some(code));
    if has(Blocker::InsuranceInactive) {
        Outcome::NotCovered
    } else if has(Blocker::SettledWithoutDirect)
        || blockers(findings).any(|f| f.remedy == Some(Remedy::ManualClaim))
    {
        Outcome::ManualClaim
    } else if blockers(findings).next().is_some() {
        Outcome::DirectAfterFix
    } else if findings.iter().any(|f| f.status == Status::Unknown) {
        Outcome::Unknown
    } else {
        Outcome::Direct
    }
}

fn next_step(outcome: Outcome, findings: &[Finding], facts: &Facts, late_filing: bool) -> NextStep {
    let text_of = |f: &Finding| f.remedy_text.clone().unwrap_or_default();
    match outcome {
        Outcome::NotCovered | Outcome::DirectAfterFix => {
            let mut fixes = blockers(findings).filter(|f| {
                outcome == Outcome::DirectAfterFix || f.code == Some(Blocker::InsuranceInactive)
            });
            let first = fixes.next();
            let rest: Vec<String> = fixes.map(text_of).collect();
            let text = match (first, rest.is_empty()) {
                (Some(f), true) => text_of(f),
                (Some(f), false) => {
                    let mut steps = vec![text_of(f)];
                    steps.extend(rest);
                    let numbered: Vec<String> = steps
                        .iter()
                        .enumerate()
                        .map(|(n, s)| format!("{}. {s}", n + 1))
                        .collect();
                    format!("在结算之前依次办好：{}", numbered.join(" "))
                }
                (None, _) => String::new(),
            };
            NextStep {
                remedy: first.and_then(|f| f.remedy),
                text,
            }
        }
        Outcome::ManualClaim => {
            let only_rebilling = blockers(findings)
                .all(|f| f.code == Some(Blocker::SettledWithoutDirect));
            if only_rebilling {
                let f = blockers(findings).next();
                return NextStep {
                    remedy: Some(Remedy::AskRebilling),
                    text: f.map(text_of).unwrap_or_default(),
                };
            }
            let pay = if facts.stage == Stage::SettledPaidSelf {
                "费用已经自己付了"
            } else {
                "结算时先自己付费"
            };
            let file = if late_filing {
                "先补办（或变更）备案，"
            } else {
                ""
            };
            NextStep {
                remedy: Some(Remedy::ManualClaim),
                text: format!(
                    "这次的费用不能在医院直接结算。{pay}，保留好发票原件、费用明细清单和病历资料；{file}再回参保地医保经办机构申请手工报销（要带的材料见清单）。"
                ),
            }
        }
        Outcome::Unknown => {
            let first = findings.iter().find(|f| f.status == Status::Unknown);
            NextStep {
                remedy: Some(Remedy::FindOut),
                text: first
                    .map(|f| format!("还不能确定能否直接结算，先弄清楚：{}。{}", f.title, text_of(f)))
                    .unwrap_or_default(),
            }
        }
        Outcome::Direct => NextStep {
            remedy: None,
            text: if facts.stage == Stage::BeforeVisit {
                "可以直接结算：看病时带好身份证、社保卡或医保电子凭证，入院登记或挂号时出示。"
            } else {
                "可以直接结算：结算时出示社保卡或医保电子凭证，只付个人负担的部分。"
            }
            .to_owned(),
        },
        Outcome::NotCrossProvince => NextStep {
            remedy: None,
            text: "省内异地就医按本省的规定办理：请在本省医保 App 查询能否直接结算、要不要备案，或问参保地医保经办机构、拨打 12393。".to_owned(),
        },
    }
}
