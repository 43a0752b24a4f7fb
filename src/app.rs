//! The shell: state in context, header, notices, and the router.

use leptos::prelude::*;
use leptos_router::components::{A, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::account_link::AccountLink;
use crate::components::deferred::Deferred;
use crate::components::elder_toggle::ElderToggle;
use crate::components::lang_switch::LangSwitch;
use crate::components::notices_bar::NoticesBar;
use crate::components::offline_badge::OfflineBadge;
use crate::components::update_prompt::UpdatePrompt;
use crate::i18n::use_i18n;
use crate::pages::{
    about::About,
    check::Check,
    estimate::Estimate,
    filing::FilingPage,
    filings::Filings,
    home::Home,
    not_found::NotFound,
    review::{ReviewFilingPage, ReviewQueuePage, ReviewerGate},
    sign_in::SignIn,
    why::Why,
};
use crate::state::{AppState, provide_app_state};

/// The state in context before anything is mounted: preferences, drafts, the outbox, notices and
/// the sync state. The policy packs ([`crate::packs::provide_packs`]) follow a task later
/// ([`crate::run`]).
pub fn provide_state() -> AppState {
    let app = provide_app_state();
    crate::sync::provide_sync(app);
    app
}

/// The shell, mounted once [`provide_state`] and the packs are in context.
#[component]
pub fn App() -> impl IntoView {
    let i = use_i18n();
    view! {
        <Router>
            <header class="top">
                <div class="bar">
                    <A href="/" attr:class="brand">
                        {move || i.t("异地就医助手", "Yidi: care away from home")}
                    </A>
                    <div class="tools">
                        <OfflineBadge />
                        <AccountLink />
                        <ElderToggle />
                        <LangSwitch />
                    </div>
                </div>
                <nav aria-label=move || i.t("主导航", "Main")>
                    <A href="/check">{move || i.t("能否结算", "Check")}</A>
                    <A href="/estimate">{move || i.t("能报多少", "Estimate")}</A>
                    <A href="/filings">{move || i.t("我的备案", "My filings")}</A>
                    <A href="/about">{move || i.t("关于", "About")}</A>
                </nav>
            </header>
            <UpdatePrompt />
            <NoticesBar />
            <main id="main">
                // The page renders in the start's next task, after the shell (src/lib.rs).
                <Deferred>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/check") view=Check />
                        <Route path=path!("/estimate") view=Estimate />
                        <Route path=path!("/filings") view=Filings />
                        <Route path=path!("/filings/new") view=FilingPage />
                        <Route path=path!("/filings/:draft_id") view=FilingPage />
                        <Route path=path!("/why") view=Why />
                        <Route path=path!("/about") view=About />
                        <Route path=path!("/sign-in") view=SignIn />
                        // The office's console: not in the citizens' navigation.
                        <ParentRoute path=path!("/review") view=ReviewerGate>
                            <Route path=path!("") view=ReviewQueuePage />
                            <Route path=path!(":id") view=ReviewFilingPage />
                        </ParentRoute>
                    </Routes>
                </Deferred>
            </main>
        </Router>
    }
}
