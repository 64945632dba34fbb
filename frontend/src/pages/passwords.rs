//! Staff passwords through emailed links: asking for a reset, and choosing a password from an
//! invitation or a reset. Both are reached signed out.

use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// "Forgotten your password?": the email, then the same words whether it has an account or not.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = email.get_untracked();
        spawn_local(async move {
            match api::request_password_reset(&address).await {
                Ok(()) => {
                    failure.set(None);
                    sent.set(Some(address));
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <main class="page staff">
            <h1>{t("password.forgot_title")}</h1>
            <Show when=move || sent.get().is_some() fallback=move || view! {
                <form on:submit=on_submit novalidate>
                    <p>{t("password.forgot_intro")}</p>
                    <label for="reset-email">{t("staff.email_label")}</label>
                    <input id="reset-email" type="email" autocomplete="username" required
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                    <ErrorMessage failure=failure />
                    <button type="submit" class="button primary">{t("password.forgot_submit")}</button>
                </form>
            }>
                <p role="status">{move || t_with("password.forgot_sent", &[("email", &sent.get().unwrap_or_default())])}</p>
            </Show>
            <p><A href="/staff">{t("password.back_to_sign_in")}</A></p>
        </main>
    }
}

/// The link's secret: what follows `#`. It is then taken out of the address bar and this page's
/// history entry.
fn take_secret() -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let hash = window.location().hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("/staff/set-password"),
        );
    }
    hash.trim_start_matches('#').to_owned()
}

/// Choosing a password from an emailed link (an invitation or a reset).
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let secret = take_secret();
    let password = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (secret, chosen) = (secret.clone(), password.get_untracked());
        spawn_local(async move {
            match api::set_password(&secret, &chosen).await {
                Ok(()) => done.set(true),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <main class="page staff">
            <h1>{t("password.set_title")}</h1>
            <Show when=move || done.get() fallback=move || view! {
                <form on:submit=on_submit.clone() novalidate>
                    <label for="new-password">{t("password.new_label")}</label>
                    <p class="hint" id="new-password-hint">{t("password.new_hint")}</p>
                    <input id="new-password" name="password" type="password" autocomplete="new-password" required
                        aria-describedby="new-password-hint"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                    <ErrorMessage failure=failure />
                    <button type="submit" class="button primary">{t("password.set_submit")}</button>
                </form>
            }>
                <p role="status">{t("password.set_done")}</p>
                <A href="/staff" attr:class="button primary">{t("staff.submit")}</A>
            </Show>
        </main>
    }
}
