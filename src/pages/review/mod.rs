//! The review console (`/review`, `/review/{id}`): the insured region's office reads the queue,
//! a filing with its proof materials and history, and decides (contracts/api.md "Review"). It
//! lives in the same SPA but is not in the citizens' navigation; it works only with a reviewer
//! token, which stays in this tab's `sessionStorage` ([`crate::reviewer`]).

mod decision;
mod detail;
mod materials;
mod queue;
mod sign_in;

use leptos::prelude::*;

pub use detail::ReviewFilingPage;
pub use queue::ReviewQueuePage;

/// The reviewer's token for this tab, in context for the console's pages.
#[derive(Clone, Copy)]
pub struct ReviewerSession(pub RwSignal<Option<String>>);

impl ReviewerSession {
    /// The token was refused (401/404 to a non-reviewer): forget it and ask again.
    pub fn refused(&self) {
        crate::reviewer::forget_token();
        self.0.set(None);
    }
}

/// Shows `children` to a signed-in reviewer, else the token form.
#[component]
fn ReviewerGate(children: ChildrenFn) -> impl IntoView {
    let session = ReviewerSession(RwSignal::new(crate::reviewer::load_token()));
    provide_context(session);
    view! {
        <section class="page review">
            <Show when=move || session.0.with(Option::is_some) fallback=sign_in::TokenForm>
                {children()}
            </Show>
        </section>
    }
}

fn use_reviewer() -> ReviewerSession {
    expect_context::<ReviewerSession>()
}
