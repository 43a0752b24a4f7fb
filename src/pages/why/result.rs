//! The diagnosis on screen: what to do now first (with its one-tap action), then each check and
//! its status, then — for a manual claim — the checklist. Texts from `yidi_core` are Chinese; the
//! labels around them are in both languages.

use leptos::prelude::*;
use leptos_router::components::A;
use yidi_core::check::{Situation, usual_category};
use yidi_core::diagnose::{self, Check, Diagnosis, Facts, Finding, Outcome, Remedy, Status};

use super::checklist::ClaimChecklist;
use super::{Answered, Answers};
use crate::i18n::{I18n, use_i18n};

/// Whether the diagnosis asks for a filing now (file, 补办 or change it).
fn wants_filing(d: &Diagnosis) -> bool {
    d.findings.iter().any(|f| {
        f.check == Check::Filing && f.status == Status::Blocker && d.outcome != Outcome::NotCovered
    }) || matches!(
        d.next_step.remedy,
        Some(Remedy::FileNow | Remedy::ChangeFiling)
    )
}

/// `/filings/new` prefilled with the regions and the category the person's situation names
/// (left empty when they are not sure).
fn filing_href(facts: &Facts, situation: Option<Situation>) -> String {
    let category = situation.map_or("", |s| usual_category(s).code());
    format!(
        "/filings/new?insured_region={}&treatment_region={}&category={category}",
        facts.insured_region.code, facts.treatment_region.code,
    )
}

/// The estimate page with the regions and the kind of visit, where the manual-claim column is.
fn estimate_href(facts: &Facts) -> String {
    format!(
        "/estimate?insured_region={}&treatment_region={}&visit={}",
        facts.insured_region.code,
        facts.treatment_region.code,
        facts.visit.estimate_visit().code(),
    )
}

#[component]
pub fn WhyResult(answered: Memo<Answered>, answers: Answers) -> impl IntoView {
    let i = use_i18n();
    move || match answered.get() {
        Err(e) => view! { <div class="card error-card" role="alert">{e.message}</div> }.into_any(),
        Ok((facts, d)) => {
            let (zh, en) = (d.outcome.label_zh(), d.outcome.label_en());
            let outcome = d.outcome.code();
            let filing =
                wants_filing(&d).then(|| filing_href(&facts, answers.situation.get_untracked()));
            let claim = d.manual_claim.clone();
            let estimate = claim.is_some().then(|| estimate_href(&facts));
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
    let (czh, cen) = (f.check.label_zh(), f.check.label_en());
    let (szh, sen, scls) = (f.status.label_zh(), f.status.label_en(), f.status.code());
    let check = f.check.code();
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
