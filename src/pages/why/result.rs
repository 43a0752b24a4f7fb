//! The diagnosis on screen: what to do now first (with its one-tap action), then each check and
//! its status, then — for a manual claim — the checklist. Texts from `yidi_core` are Chinese; the
//! labels around them are in both languages.

use leptos::prelude::*;
use leptos_router::components::A;
use yidi_core::check::{Situation, usual_category};
use yidi_core::diagnose::{self, Check, Diagnosis, Finding, Outcome, Remedy, Status};

use super::checklist::ClaimChecklist;
use super::{Answered, Answers};
use crate::i18n::{I18n, use_i18n};

fn outcome_label(o: Outcome) -> (&'static str, &'static str) {
    match o {
        Outcome::Direct => ("可以直接结算", "You can settle directly"),
        Outcome::DirectAfterFix => (
            "办好下面的事，就能直接结算",
            "Fix what is below, then settle directly",
        ),
        Outcome::ManualClaim => (
            "这次要先付费，再回参保地报销",
            "Pay now, then claim at home",
        ),
        Outcome::NotCovered => (
            "医保不在参保状态，暂时不能报销",
            "Insurance not in force: no benefit yet",
        ),
        Outcome::Unknown => ("还不确定，先弄清楚下面的事", "Not sure yet: find out first"),
        Outcome::NotCrossProvince => (
            "省内异地就医，按本省规定办理",
            "Same province: your province's rules",
        ),
    }
}

fn check_label(c: Check) -> (&'static str, &'static str) {
    match c {
        Check::Region => ("参保地和就医地", "Where insured, where treated"),
        Check::Insurance => ("参保状态", "Insurance"),
        Check::Chronic => ("门诊慢特病", "Chronic condition"),
        Check::Institution => ("医院或药店", "Hospital or pharmacy"),
        Check::Filing => ("备案", "Filing"),
        Check::Credential => ("医保凭证", "Card or e-credential"),
        Check::Settlement => ("结算", "The bill"),
    }
}

fn status_label(s: Status) -> (&'static str, &'static str, &'static str) {
    match s {
        Status::Ok => ("没问题", "OK", "ok"),
        Status::Blocker => ("卡在这里", "Blocks", "blocker"),
        Status::Unknown => ("不确定", "Unknown", "unknown"),
        Status::NotApplicable => ("不适用", "N/A", "not_applicable"),
    }
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Whether the diagnosis asks for a filing now (file, 补办 or change it).
fn wants_filing(d: &Diagnosis) -> bool {
    d.findings.iter().any(|f| {
        f.check == Check::Filing && f.status == Status::Blocker && d.outcome != Outcome::NotCovered
    }) || matches!(
        d.next_step.remedy,
        Some(Remedy::FileNow | Remedy::ChangeFiling)
    )
}

/// `/filings/new` prefilled with the regions, the scheme if known, and the category the person's
/// situation names (left empty when they are not sure).
fn filing_href(a: Answers) -> String {
    let situation: Option<Situation> =
        serde_json::from_value(serde_json::Value::String(a.situation.get_untracked())).ok();
    let category = situation
        .map(|s| code(&usual_category(s)))
        .unwrap_or_default();
    format!(
        "/filings/new?insured_region={}&treatment_region={}&category={}",
        a.insured.get_untracked(),
        a.treatment.get_untracked(),
        category
    )
}

/// The estimate page with the regions and the kind of visit, where the manual-claim column is.
fn estimate_href(a: Answers) -> String {
    let visit = a.visit.get_untracked();
    let visit = if visit == "pharmacy" {
        "outpatient".to_owned()
    } else {
        visit
    };
    format!(
        "/estimate?insured_region={}&treatment_region={}&visit={visit}",
        a.insured.get_untracked(),
        a.treatment.get_untracked()
    )
}

#[component]
pub fn WhyResult(answered: Memo<Answered>, answers: Answers) -> impl IntoView {
    let i = use_i18n();
    move || match answered.get() {
        Err(e) => view! { <div class="card error-card" role="alert">{e.message}</div> }.into_any(),
        Ok((facts, d)) => {
            let (zh, en) = outcome_label(d.outcome);
            let outcome = code(&d.outcome);
            let filing = wants_filing(&d).then(|| filing_href(answers));
            let claim = d.manual_claim.clone();
            let estimate = claim.is_some().then(|| estimate_href(answers));
            let materials = diagnose::checklist(&facts, &d);
            view! {
                <div class="card result why-result" role="status">
                    <h2 class="big-line" class:ok={d.outcome == Outcome::Direct} data-testid="diagnose-outcome" data-value=outcome>
                        {move || i.t(zh, en)}
                    </h2>
                    <p class="next-step" data-testid="diagnose-next-step">
                        <strong>{move || i.t("现在要做的：", "Do now: ")}</strong>
                        {d.next_step.text.clone()}
                    </p>
                    <div class="actions">
                        {filing.map(|href| view! {
                            <A href=href attr:class="button primary" attr:data-testid="why-start-filing">
                                {move || i.t("现在去备案（已填好地区）", "Start the filing (regions filled in)")}
                            </A>
                        })}
                        {estimate.map(|href| view! {
                            <A href=href attr:class="button" attr:data-testid="why-open-estimate">
                                {move || i.t("算一算手工报销能报多少", "Estimate the manual claim")}
                            </A>
                        })}
                    </div>
                </div>
                {claim.map(|c| view! { <ClaimChecklist claim=c materials=materials /> })}
                <h2>{move || i.t("逐项检查", "Each check")}</h2>
                <ol class="findings" data-testid="diagnose-findings">
                    {d.findings.iter().map(|f| finding_view(i, f)).collect_view()}
                </ol>
                <p class="muted small">
                    {move || i.t(
                        "结果仅供参考，以医院和参保地医保经办机构的办理为准。医保服务热线：12393。",
                        "A guide only; the hospital and your insurance office decide. Hotline: 12393.",
                    )}
                </p>
            }
            .into_any()
        }
    }
}

fn finding_view(i: I18n, f: &Finding) -> impl IntoView {
    let (czh, cen) = check_label(f.check);
    let (szh, sen, scls) = status_label(f.status);
    let check = code(&f.check);
    let how_label = if f.remedy == Some(Remedy::FindOut) {
        ("怎么弄清楚：", "How to find out: ")
    } else {
        ("怎么办：", "What to do: ")
    };
    view! {
        <li class=format!("card finding {scls}") data-testid=format!("finding-{check}") data-status=scls>
            <div class="card-head">
                <span class="small muted">{move || i.t(czh, cen)}</span>
                <span class=format!("status {scls}")>{move || i.t(szh, sen)}</span>
            </div>
            <strong>{f.title.clone()}</strong>
            <p class="small">{f.detail.clone()}</p>
            {f.remedy_text.clone().map(|t| view! {
                <p class="remedy"><strong>{move || i.t(how_label.0, how_label.1)}</strong>{t}</p>
            })}
            {f.source.clone().map(|s| view! {
                <p class="source small muted">{move || i.t("依据：", "Source: ")}{format!("{}（{}）", s.citation, s.year)}</p>
            })}
        </li>
    }
}
