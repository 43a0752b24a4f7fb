//! The six-step form around one draft: autosaved, checked as the user types, submitted into the
//! outbox once every step is clean.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use yidi_core::CoreError;
use yidi_core::filing::{Draft, DraftAttachment};

use super::problems::{
    FormProblems, REVIEW_STEP, STEPS, dom_id, field_label, form_problems, key_of, step_of,
};
use super::{contact, papers, place, review, sign, who};
use crate::attachments::{self, LocalAttachment};
use crate::autosave::use_autosave;
use crate::drafts::SavedDraft;
use crate::format::clock_now;
use crate::i18n::{I18n, use_i18n};
use crate::outbox::OutboxEntry;
use crate::state::{AppState, use_app};
use crate::sync::SyncState;

/// What every step reads and writes.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub i: I18n,
    pub form: RwSignal<Draft>,
    pub problems: Memo<FormProblems>,
    touched: RwSignal<BTreeSet<String>>,
    /// Steps whose "下一步" was pressed: show all their errors.
    attempted: RwSignal<BTreeSet<u8>>,
    /// The server's problem with the last submission, until its field is edited.
    refused: RwSignal<Option<CoreError>>,
    /// The draft's id, which owns its attached files.
    pub owner: RwSignal<String>,
    /// The files attached to the draft (their bytes stay in IndexedDB).
    pub attached: RwSignal<Vec<LocalAttachment>>,
}

impl Ctx {
    /// The problem to show on `field`: once it was edited or its step was attempted.
    pub fn error(&self, field: &'static str) -> Signal<Option<String>> {
        let s = *self;
        Signal::derive(move || {
            let show = s.touched.with(|t| t.contains(field))
                || s.attempted.with(|a| a.contains(&step_of(field)));
            if show {
                s.problems.with(|p| p.get(field).cloned())
            } else {
                None
            }
        })
    }

    /// The user edited `field`: its problems show from now on; the server's verdict on it is
    /// stale.
    pub fn touch(&self, field: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(field)) {
            self.touched.update(|t| {
                t.insert(field.to_owned());
            });
        }
        let refused_here = self.refused.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|e| key_of(e.field.as_deref().unwrap_or("")) == field)
        });
        if refused_here {
            self.refused.set(None);
        }
    }
}

#[component]
pub fn FilingWizard(draft: SavedDraft) -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    let form = RwSignal::new(draft.form.clone());
    let refused = RwSignal::new(draft.refused.clone());
    // A refused submission reopens on the refused field's step with every problem showing.
    let step = RwSignal::new(match &draft.refused {
        Some(e) => step_of(e.field.as_deref().unwrap_or("")),
        None => draft.step.min(REVIEW_STEP),
    });
    let attempted: BTreeSet<u8> = match draft.refused {
        Some(_) => (0..REVIEW_STEP).collect(),
        None => BTreeSet::new(),
    };
    // The stored identity of the draft: id and the revision this tab's copy is based on.
    let meta = StoredValue::new(draft.clone());
    // What was last written or adopted, so adopting another tab's copy never triggers a write.
    let last_saved = StoredValue::new((draft.form.clone(), draft.step, draft.refused.clone()));
    // The server's problem joins the form's when it names a field of the form; otherwise the
    // notice above the form says it.
    let problems = Memo::new(move |_| {
        let mut p = form.with(form_problems);
        if let Some(e) = refused.get()
            && !field_label(key_of(e.field.as_deref().unwrap_or(""))).is_empty()
        {
            p.add(&e);
        }
        p
    });
    let ctx = Ctx {
        i,
        form,
        problems,
        touched: RwSignal::new(BTreeSet::new()),
        attempted: RwSignal::new(attempted),
        refused,
        owner: RwSignal::new(draft.id.clone()),
        attached: RwSignal::new(Vec::new()),
    };
    {
        let owner = draft.id.clone();
        spawn_local(async move {
            let list = attachments::list(&owner).await;
            ctx.attached.try_set(list);
        });
    }
    let submitted = RwSignal::new(false);
    let sync = use_context::<SyncState>();
    let saved_at = RwSignal::new(None::<String>);

    // `try_*`: this also runs from `on_cleanup` and `pagehide`, when the signals may be gone.
    let save_now = move || {
        if submitted.try_get_untracked().unwrap_or(true) {
            return;
        }
        let (Some(f), Some(s), Some(r), Some(mut d)) = (
            form.try_get_untracked(),
            step.try_get_untracked(),
            refused.try_get_untracked(),
            meta.try_get_value(),
        ) else {
            return;
        };
        let unchanged = last_saved
            .try_with_value(|(lf, ls, lr)| *lf == f && *ls == s && *lr == r)
            .unwrap_or(true);
        if unchanged {
            return;
        }
        d.form = f.clone();
        d.step = s;
        d.refused = r.clone();
        if let Some(stored) = app.save_draft(&d) {
            let first = d.rev == 0 || stored.id != d.id;
            meta.set_value(stored.clone());
            ctx.owner.try_set(stored.id.clone());
            last_saved.set_value((f, s, r));
            saved_at.try_set(Some(clock_now()));
            if first {
                replace_url(&format!("/filings/{}", stored.id));
            }
        }
    };
    use_autosave(
        move || {
            form.track();
            step.track();
            refused.track();
        },
        save_now,
    );
    // Another tab saved this draft: adopt its copy.
    Effect::new(move |_| {
        let id = meta.with_value(|m| m.id.clone());
        let theirs = app.drafts.with(|l| l.iter().find(|d| d.id == id).cloned());
        if let Some(t) = theirs
            && t.rev > meta.with_value(|m| m.rev)
        {
            last_saved.set_value((t.form.clone(), t.step, t.refused.clone()));
            meta.set_value(t.clone());
            form.set(t.form);
            refused.set(t.refused);
            app.notices
                .push("这份草稿在另一个窗口里更新了，已载入最新内容。", false);
        }
    });

    let go = move |to: u8| {
        step.set(to);
        scroll_top();
    };
    let next = move |_| {
        let s = step.get_untracked();
        ctx.attempted.update(|a| {
            a.insert(s);
        });
        let has = problems.with_untracked(|p| p.iter().any(|(k, _)| step_of(k) == s));
        if !has {
            go(s + 1);
        } else {
            focus_summary();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.attempted.update(|a| a.extend(0..REVIEW_STEP));
        let application = form.with_untracked(Draft::to_application);
        let (true, Some(application)) =
            (problems.with_untracked(FormProblems::is_empty), application)
        else {
            focus_summary();
            return;
        };
        let d = meta.get_value();
        // Only the files of the materials still ticked.
        let ticked = form.with_untracked(|f| f.materials.clone());
        let files = ctx.attached.with_untracked(|l| {
            l.iter()
                .filter(|a| ticked.contains(&a.material))
                .map(|a| DraftAttachment {
                    material: a.material.clone(),
                    key: a.key.clone(),
                    id: None,
                })
                .collect()
        });
        if app.put_outbox(OutboxEntry::new(&d.id, application).with_attachments(files)) {
            if let Some(sync) = sync {
                crate::sync::drain(app, sync);
            }
            submitted.set(true);
            app.delete_draft(&d.id);
            scroll_top();
        }
    };

    // The errors of what is on screen: this step's, or all of them on the review step.
    let visible_errors = move || {
        let s = step.get();
        let attempted = ctx.attempted.get();
        problems.with(|p| {
            p.iter()
                .filter(|(k, _)| {
                    let ks = step_of(k);
                    (s == REVIEW_STEP && attempted.contains(&ks))
                        || (ks == s && attempted.contains(&s))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="page filing">
            <Show
                when=move || !submitted.get()
                fallback=move || view! { <Submitted app=app /> }
            >
                <h1>{move || i.t("备案申请", "Filing application")}</h1>
                <StepList step=step go=go />
                <p class="muted small" aria-live="polite" data-testid="autosave">
                    {move || match saved_at.get() {
                        Some(t) => format!("{}{t}", i.t("已自动保存 ", "Saved ")),
                        None => i.t("填写内容会自动保存在本机", "Your input is saved on this device as you type").to_owned(),
                    }}
                </p>
                {move || refused.get().map(|e| view! {
                    <p class="hint" data-testid="draft-refused">
                        {i.t(
                            "服务器没有接受上次提交的内容，请修改后重新提交：",
                            "The server did not accept the last submission. Fix this and submit again: ",
                        )}
                        {e.message}
                    </p>
                })}
                <Show when=move || !visible_errors().is_empty()>
                    <div class="summary" id="error-summary" tabindex="-1" role="alert">
                        <h2>{move || i.t("请先改正以下问题：", "Please fix these first:")}</h2>
                        <ul>
                            {move || {
                                visible_errors()
                                    .into_iter()
                                    .map(|(k, m)| {
                                        let target = step_of(&k);
                                        let href = format!("#{}", dom_id(&k));
                                        view! {
                                            <li>
                                                <a href=href on:click=move |_| step.set(target)>
                                                    {match field_label(&k) {
                                                        "" => m,
                                                        l => format!("{l}：{m}"),
                                                    }}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <form on:submit=submit novalidate>
                    {move || match step.get() {
                        0 => who::step(ctx).into_any(),
                        1 => place::step(ctx).into_any(),
                        2 => contact::step(ctx).into_any(),
                        3 => papers::step(ctx).into_any(),
                        4 => sign::step(ctx).into_any(),
                        _ => review::step(ctx, go).into_any(),
                    }}
                    <div class="nav-buttons">
                        <Show when=move || { step.get() > 0 }>
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| go(step.get_untracked() - 1)
                            >
                                {move || i.t("上一步", "Back")}
                            </button>
                        </Show>
                        <Show
                            when=move || { step.get() < REVIEW_STEP }
                            fallback=move || {
                                view! {
                                    <button type="submit" class="button primary">
                                        {move || i.t("提交备案申请", "Submit")}
                                    </button>
                                }
                            }
                        >
                            <button type="button" class="button primary" on:click=next>
                                {move || i.t("下一步", "Next")}
                            </button>
                        </Show>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// The numbered steps; each is a button to jump there.
#[component]
fn StepList(step: RwSignal<u8>, go: impl Fn(u8) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i = use_i18n();
    view! {
        <ol class="steps" aria-label=move || i.t("步骤", "Steps")>
            {STEPS
                .iter()
                .enumerate()
                .map(|(n, (zh, en))| {
                    let n = n as u8;
                    view! {
                        <li
                            class:current=move || step.get() == n
                            class:done=move || { step.get() > n }
                            aria-current=move || if step.get() == n { Some("step") } else { None }
                        >
                            <button type="button" class="link" on:click=move |_| go(n)>
                                {format!("{} ", n + 1)}
                                {move || i.t(zh, en)}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn Submitted(app: AppState) -> impl IntoView {
    let i = use_i18n();
    let online = app.online;
    view! {
        <h1>{move || i.t("已提交，待同步", "Submitted, waiting to sync")}</h1>
        <p class="status pending" data-testid="submitted-status">"待同步"</p>
        <p>
            {move || {
                if online.get() {
                    i.t(
                        "申请已保存在本机的待发送列表里，联网并登录后会自动发送到医保服务，不会重复提交。",
                        "Saved in this device's outbox; it is sent once you are online and signed in, never twice.",
                    )
                } else {
                    i.t(
                        "现在没有网络。申请已保存在本机，恢复网络后会自动发送，不会重复提交。",
                        "You are offline. It is saved on this device and sent when the network is back, never twice.",
                    )
                }
            }}
        </p>
        <A href="/filings" attr:class="button primary">{move || i.t("查看我的备案", "My filings")}</A>
    }
}

/// Gives a new draft its own address without re-rendering the form (the router would remount
/// it and take the focus away from the input being typed in).
fn replace_url(path: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

fn scroll_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

fn focus_summary() {
    // After the summary renders.
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("error-summary") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
