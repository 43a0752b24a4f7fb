//! `/sign-in`: phone, then the one-time code (contracts/api.md, "Sign-in"), so the outbox can be
//! sent. The phone number is checked with `yidi_core::validate::Phone` (the server's own rule);
//! the token is kept by [`crate::sync`]. Signed in, the page shows the account and signs out.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use yidi_core::validate::Phone;

use crate::api;
use crate::components::field::{Field, TextInput};
use crate::i18n::use_i18n;
use crate::state::use_app;
use crate::sync::{StoredSession, use_sync};

#[component]
pub fn SignIn() -> impl IntoView {
    let sync = use_sync();
    view! {
        <section class="page sign-in">
            <Show when=move || sync.session.with(Option::is_some) fallback=SignInForm>
                <SignedIn />
            </Show>
        </section>
    }
}

#[component]
fn SignedIn() -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let account = move || {
        sync.session
            .with(|s| s.as_ref().map(StoredSession::masked_phone))
            .unwrap_or_default()
    };
    view! {
        <h1>{move || i.t("已登录", "Signed in")}</h1>
        <p data-testid="signed-in-as">
            {move || i.t("当前账号：", "Account: ")} <strong>{account}</strong>
        </p>
        <p class="muted">
            {move || i.t(
                "待同步的备案会自动发送；退出登录不会删除本机的草稿和待同步的备案。",
                "Waiting filings are sent automatically. Signing out keeps drafts and the outbox on this device.",
            )}
        </p>
        <div class="nav-buttons">
            <a href="/filings" class="button primary">{move || i.t("查看我的备案", "My filings")}</a>
            <button type="button" class="button" data-testid="sign-out" on:click=move |_| sync.sign_out()>
                {move || i.t("退出登录", "Sign out")}
            </button>
        </div>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let sync = use_sync();
    let navigate = use_navigate();
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // The phone the code was sent to (normalised): the code step is shown once it is set.
    let sent_to = RwSignal::new(None::<String>);
    let dev_code = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let tried = RwSignal::new(false);
    let phone_error = Signal::derive(move || {
        let p = phone.get();
        (tried.get() || !p.trim().is_empty() && p.chars().count() >= 11)
            .then(|| Phone::parse(&p).err().map(|e| e.message))
            .flatten()
    });
    let code_error = Signal::derive(move || error.get());

    let send_code = Action::new_local(move |p: &String| {
        let p = p.clone();
        async move {
            match api::request_code(&p).await {
                Ok(dev) => {
                    error.set(None);
                    dev_code.set(dev);
                    sent_to.set(Some(p));
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let sign_in = Action::new_local(move |(p, c): &(String, String)| {
        let (p, c) = (p.clone(), c.clone());
        let navigate = navigate.clone();
        async move {
            match api::sign_in(&p, &c).await {
                Ok(s) => {
                    sync.signed_in_as(StoredSession {
                        phone: p,
                        token: s.token,
                        expires_at: s.expires_at,
                    });
                    navigate("/filings", Default::default());
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let busy = move || send_code.pending().get() || sign_in.pending().get();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let parsed = match Phone::parse(&phone.get_untracked()) {
            Ok(p) => p.as_str().to_owned(),
            Err(e) => {
                error.set(Some(e.message));
                return;
            }
        };
        match sent_to.get_untracked() {
            Some(to) if to == parsed => {
                let c = code.get_untracked().trim().to_owned();
                if c.is_empty() {
                    error.set(Some(
                        i.t("请输入短信验证码", "Enter the code from the text message")
                            .to_owned(),
                    ));
                    return;
                }
                sign_in.dispatch((parsed, c));
            }
            _ => {
                send_code.dispatch(parsed);
            }
        }
    };
    let resend = move |_| {
        sent_to.set(None);
        code.set(String::new());
        dev_code.set(None);
        error.set(None);
    };

    view! {
        <h1>{move || i.t("登录", "Sign in")}</h1>
        <p class="muted">
            {move || i.t(
                "用手机号和短信验证码登录。登录后，本机待同步的备案会自动发送，并可查看审核进度。",
                "Sign in with your mobile number and a text-message code. Waiting filings are then sent and you can follow their review.",
            )}
        </p>
        <form on:submit=on_submit novalidate data-testid="sign-in-form">
            <Field
                id="signin-phone"
                label=Signal::derive(move || i.t("手机号", "Mobile number").to_owned())
                error=phone_error
            >
                <TextInput
                    value=phone
                    on_input=Callback::new(move |v| phone.set(v))
                    kind="tel"
                    inputmode="tel"
                    autocomplete="tel"
                    testid="signin-phone"
                />
            </Field>
            <Show when=move || sent_to.get().is_some()>
                <Field
                    id="signin-code"
                    label=Signal::derive(move || i.t("短信验证码", "Code").to_owned())
                    hint=Signal::derive(move || {
                        i.t("验证码 10 分钟内有效，只能用一次。", "Valid for 10 minutes, once.").to_owned()
                    })
                    error=code_error
                >
                    <TextInput
                        value=code
                        on_input=Callback::new(move |v| code.set(v))
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        testid="signin-code"
                    />
                </Field>
                <p class="hint" role="status" data-testid="signin-sent">
                    {move || i.t("验证码已发送到 ", "Code sent to ")}
                    {move || sent_to.get().and_then(|p| Phone::parse(&p).ok()).map(|p| p.masked())}
                </p>
                {move || dev_code.get().map(|c| view! {
                    <p class="hint" data-testid="signin-dev-code">
                        {move || i.t("开发环境验证码：", "Development code: ")}
                        <strong>{c.clone()}</strong>
                    </p>
                })}
            </Show>
            <Show when=move || sent_to.get().is_none()>
                <p class="error" role="alert" data-testid="signin-error">{move || error.get()}</p>
            </Show>
            <div class="nav-buttons">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="signin-submit"
                    disabled=move || !app.online.get() || busy()
                >
                    {move || {
                        if !app.online.get() {
                            i.t("离线中，联网后再登录", "Offline: sign in when online")
                        } else if sent_to.get().is_some() {
                            i.t("登录", "Sign in")
                        } else {
                            i.t("获取验证码", "Send code")
                        }
                    }}
                </button>
                <Show when=move || sent_to.get().is_some()>
                    <button type="button" class="button" on:click=resend>
                        {move || i.t("重新获取", "Resend")}
                    </button>
                </Show>
            </div>
        </form>
    }
}
