//! The manual-claim checklist: what to keep and bring, ticked off and kept on this device (local
//! storage, through `crate::storage`), so it is still there after a reload without a network.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use yidi_core::diagnose::{ClaimMaterial, ManualClaim};

use crate::i18n::use_i18n;
use crate::state::use_app;
use crate::storage::{self, Versioned};

/// Where the ticks live.
const KEY: &str = "yidi:claim-checklist";

/// The ticked material codes (`ClaimMaterial::code`). One list for the device: a person has one
/// claim in hand at a time, and a code means the same paper whatever the diagnosis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Ticks {
    ticked: Vec<String>,
}

impl Versioned for Ticks {
    const VERSION: u32 = 1;
}

#[component]
pub fn ClaimChecklist(claim: ManualClaim, materials: Vec<ClaimMaterial>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let ticks = RwSignal::new(
        storage::load::<Ticks>(KEY)
            .ok()
            .flatten()
            .unwrap_or_default(),
    );
    let toggle = move |code: &'static str, on: bool| {
        ticks.update(|t| {
            t.ticked.retain(|c| c.as_str() != code);
            if on {
                t.ticked.push(code.to_owned());
            }
        });
        if let Err(e) = storage::save(KEY, &ticks.get_untracked()) {
            app.notices.save_error(&e);
        }
    };
    let total = materials.len();
    // Ticks of papers not on this list (from another diagnosis) are kept but not counted.
    let codes: Vec<&'static str> = materials.iter().map(|m| m.code()).collect();
    let done = move || {
        ticks.with(|t| {
            codes
                .iter()
                .filter(|c| t.ticked.iter().any(|x| x.as_str() == **c))
                .count()
        })
    };
    view! {
        <section class="card claim" data-testid="claim-checklist" aria-labelledby="claim-title">
            <h2 id="claim-title">{move || i.t("手工报销：要留好、要带的材料", "Manual claim: what to keep and bring")}</h2>
            <p class="small"><strong>{move || i.t("到哪里报：", "Where: ")}</strong>{claim.where_.clone()}</p>
            <ul class="checklist">
                {materials
                    .into_iter()
                    .map(|m| {
                        let code = m.code();
                        let id = format!("claim-{code}");
                        view! {
                            <li class="check">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    data-testid=format!("claim-item-{code}")
                                    prop:checked=move || ticks.with(|t| t.ticked.iter().any(|c| c.as_str() == code))
                                    on:change:target=move |ev| toggle(code, ev.target().checked())
                                />
                                <label for=id>{move || i.t(m.label_zh(), m.label_en())}</label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="small muted" data-testid="claim-progress">
                {move || {
                    let n = done();
                    if i.is_en() { format!("{n} of {total} ready") } else { format!("已备好 {n} / {total} 项") }
                }}
            </p>
            <p class="small"><strong>{move || i.t("期限：", "Deadline: ")}</strong>{claim.deadline.clone()}</p>
            <p class="source small muted">
                {move || i.t("依据：", "Source: ")}
                {format!("{}（{}）", claim.source.citation, claim.source.year)}
            </p>
        </section>
    }
}
