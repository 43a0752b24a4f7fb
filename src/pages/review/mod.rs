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
use leptos_router::components::Outlet;

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

/// The console's layout route: its pages (the [`Outlet`]) to a signed-in reviewer, else the token
/// form. One gate for all of them, so the session is read once and shared while moving between
/// the queue and a filing.
#[component]
pub fn ReviewerGate() -> impl IntoView {
    let session = ReviewerSession(RwSignal::new(crate::reviewer::load_token()));
    provide_context(session);
    view! {
        <section class="page review">
            <Show when=move || session.0.with(Option::is_some) fallback=sign_in::TokenForm>
                <Outlet />
            </Show>
        </section>
    }
}

fn use_reviewer() -> ReviewerSession {
    expect_context::<ReviewerSession>()
}
