use crate::api::{self, Failure};
use crate::apps::{home_for, navigator};
use crate::components::error_message::ErrorMessage;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{StaffSignIn, YoungPersonSignIn};

/// Sign in, then go to the signed-in person's home. Young people use their sign-in name and
/// PIN; staff their email and password. Both fields work with password managers.
#[component]
pub fn SignInForm(
    /// A young person's form (sign-in name + PIN) rather than staff's (email + password).
    young_person: bool,
) -> impl IntoView {
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
            let result = if young_person {
                api::sign_in_young_person(&YoungPersonSignIn {
                    sign_in_name: who,
                    pin: secret,
                })
                .await
            } else {
                api::sign_in_staff(&StaffSignIn {
                    email: who,
                    password: secret,
                })
                .await
            };
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
    let (title, who_label, secret_label, submit) = if young_person {
        (
            "sign_in.title",
            "sign_in.name_label",
            "sign_in.pin_label",
            "sign_in.submit",
        )
    } else {
        (
            "staff.title",
            "staff.email_label",
            "staff.password_label",
            "staff.submit",
        )
    };
    view! {
        <main class=if young_person { "page yp" } else { "page staff" }>
            <h1>{t(title)}</h1>
            <form on:submit=on_submit>
                <label for="who">{t(who_label)}</label>
                <input id="who" name="username" type=if young_person { "text" } else { "email" }
                    autocomplete="username" required
                    prop:value=move || who.get() on:input=move |ev| who.set(event_target_value(&ev)) />
                <label for="secret">{t(secret_label)}</label>
                <input id="secret" name="password" type="password" autocomplete="current-password" required
                    inputmode=if young_person { "numeric" } else { "text" }
                    prop:value=move || secret.get() on:input=move |ev| secret.set(event_target_value(&ev)) />
                <ErrorMessage failure=failure />
                <button type="submit" class="button primary">{t(submit)}</button>
            </form>
            <p>
                {if young_person {
                    view! { <A href="/reset-pin">{t("sign_in.forgot_pin")}</A> }.into_any()
                } else {
                    view! { <A href="/staff/forgot-password">{t("password.forgot_link")}</A> }.into_any()
                }}
            </p>
        </main>
    }
}
