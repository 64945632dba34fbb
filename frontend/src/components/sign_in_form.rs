use crate::api::{self, Failure};
use crate::apps::{home_for, navigator};
use crate::components::error_message::ErrorMessage;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::YoungPersonSignIn;

/// A young person signs in with their sign-in name and PIN, then goes to their home. Both
/// fields work with password managers. (Staff sign in with `StaffSignIn`.)
#[component]
pub fn SignInForm() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let go = navigator();
    let who = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (who, secret) = (who.get_untracked(), secret.get_untracked());
        let go = go.clone();
        spawn_local(async move {
            let result = api::sign_in_young_person(&YoungPersonSignIn {
                sign_in_name: who,
                pin: secret,
            })
            .await;
            match result {
                Ok(session) => {
                    let home = home_for(session.me.role);
                    state.signed_in(session);
                    go(home);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <main class="page yp">
            <h1>{t("sign_in.title")}</h1>
            <form on:submit=on_submit>
                <label for="who">{t("sign_in.name_label")}</label>
                <input id="who" name="username" type="text" autocomplete="username" required
                    prop:value=move || who.get() on:input=move |ev| who.set(event_target_value(&ev)) />
                <label for="secret">{t("sign_in.pin_label")}</label>
                <input id="secret" name="password" type="password" autocomplete="current-password" required
                    inputmode="numeric"
                    prop:value=move || secret.get() on:input=move |ev| secret.set(event_target_value(&ev)) />
                <ErrorMessage failure=failure />
                <button type="submit" class="button primary">{t("sign_in.submit")}</button>
            </form>
            <p><A href="/reset-pin">{t("sign_in.forgot_pin")}</A></p>
        </main>
    }
}
