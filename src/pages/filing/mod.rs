//! The filing form (`/filings/new`, `/filings/{draft_id}`): six steps over core's
//! [`yidi_core::filing::Draft`], autosaved, checked by `yidi_core::filing::draft_problems` as
//! the user types, submitted into the outbox. One file per step; the wizard holds them together.

mod choice_field;
mod contact;
mod papers;
mod place;
mod problems;
mod review;
mod sign;
mod text_field;
mod who;
mod wizard;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use yidi_core::filing::Draft;

pub use problems::{FormProblems, form_problems};

use crate::drafts::SavedDraft;
use crate::i18n::use_i18n;
use crate::state::use_app;
use wizard::FilingWizard;

/// Loads the draft named in the URL (or starts one, prefilled from the check page's answers)
/// and shows the form.
#[component]
pub fn FilingPage() -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("draft_id"));
    let draft = match id {
        Some(id) => app
            .drafts
            .with_untracked(|l| l.iter().find(|d| d.id == id).cloned()),
        None => Some(SavedDraft::new(query.with_untracked(|q| {
            let text = |k: &str| q.get(k).unwrap_or_default();
            Draft {
                insured_region: text("insured_region"),
                treatment_region: text("treatment_region"),
                scheme: text("scheme").parse().ok(),
                category: text("category").parse().ok(),
                ..Draft::default()
            }
        }))),
    };
    match draft {
        Some(d) => view! { <FilingWizard draft=d /> }.into_any(),
        None => view! {
            <section class="page">
                <h1>{move || i.t("找不到这份草稿", "Draft not found")}</h1>
                <p>{move || i.t("它可能已被删除或已提交。", "It may have been deleted or submitted.")}</p>
                <A href="/filings" attr:class="button">{move || i.t("回到我的备案", "Back to my filings")}</A>
            </section>
        }
        .into_any(),
    }
}
