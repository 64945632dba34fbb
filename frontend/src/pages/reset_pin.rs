//! A young person who has forgotten their PIN chooses a new one with the reset code their officer
//! gave them, and is signed in again: the same account, history and sign-in name (shown, in case
//! they have forgotten that too).

use crate::api::{self, Failure};
use crate::apps::AppLink;
use crate::components::error_message::ErrorMessage;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use crate::pages::join::{check_new_pin, signed_in_showing_name};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::ResetPin;

#[component]
pub fn ResetPinPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let code = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        if let Err(f) = check_new_pin(&pin.get_untracked(), &pin_again.get_untracked()) {
            failure.set(Some(f));
            return;
        }
        let body = ResetPin {
            code: code.get_untracked(),
            pin: pin.get_untracked(),
        };
        spawn_local(async move {
            signed_in_showing_name(api::reset_pin(&body).await, state, done, failure);
        });
    };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("reset_pin.title")}</h1>
            <Show when=move || done.get().is_some() fallback=move || view! {
                <form on:submit=on_submit novalidate>
                    <label for="reset-code">{t("reset_pin.code_label")}</label>
                    <p class="hint" id="reset-code-hint">{t("reset_pin.code_hint")}</p>
                    <input id="reset-code" autocomplete="off" autocapitalize="characters" required aria-describedby="reset-code-hint"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    <label for="new-pin">{t("join.pin_label")}</label>
                    <input id="new-pin" name="password" type="password" inputmode="numeric" autocomplete="new-password" required
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
                    <label for="new-pin-again">{t("join.pin_confirm_label")}</label>
                    <input id="new-pin-again" type="password" inputmode="numeric" autocomplete="new-password" required
                        prop:value=move || pin_again.get() on:input=move |ev| pin_again.set(event_target_value(&ev)) />
                    <ErrorMessage failure=failure />
                    <button type="submit" class="button primary">{t("reset_pin.submit")}</button>
                </form>
            }>
                <section class="done" role="status">
                    <p>{t("reset_pin.done")}</p>
                    <p>{t("join.done")}</p>
                    <p class="big-name" id="my-sign-in-name">{move || done.get().unwrap_or_default()}</p>
                    <p>{t("join.write_down")}</p>
                    <AppLink href="/home" class="button primary">{t("join.continue")}</AppLink>
                </section>
            </Show>
        </main>
    }
}
