use crate::api::{self, Failure};
use crate::apps::AppLink;
use crate::components::error_message::ErrorMessage;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::RedeemInvite;
use shared::validate::{InviteCode, PinCode};
use shared::ApiError;

/// Redeem an invite: check the code, choose names and a PIN, then see the sign-in name to keep.
#[component]
pub fn Join() -> impl IntoView {
    let code = RwSignal::new(String::new());
    let checked = RwSignal::new(false);
    let sign_in_name = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<Failure>);
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <h1>{t("join.title")}</h1>
            <Show when=move || done.get().is_some() fallback=move || view! {
                <Show when=move || checked.get() fallback=move || view! {
                    <CodeForm code=code checked=checked sign_in_name=sign_in_name failure=failure />
                }>
                    <ChooseForm code=code sign_in_name=sign_in_name done=done failure=failure />
                </Show>
            }>
                <section class="done">
                    <p>{t("join.done")}</p>
                    <p class="big-name" id="my-sign-in-name">{move || done.get().unwrap_or_default()}</p>
                    <p>{t("join.write_down")}</p>
                    <h2>{t("join.privacy_title")}</h2>
                    <p>{t("join.privacy_short")}</p>
                    <A href="/privacy" attr:class="button">{t("settings.privacy")}</A>
                    <AppLink href="/home" class="button primary">{t("join.continue")}</AppLink>
                </section>
            </Show>
        </main>
    }
}

/// The invite code, checked before anything else is asked.
#[component]
fn CodeForm(
    code: RwSignal<String>,
    checked: RwSignal<bool>,
    sign_in_name: RwSignal<String>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let on_check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let raw = code.get_untracked();
        match InviteCode::parse(&raw) {
            Err(invalid) => failure.set(Some(invalid.into())),
            Ok(valid) => spawn_local(async move {
                match api::check_invite(valid.as_str()).await {
                    Ok(info) => {
                        code.set(valid.into_inner());
                        sign_in_name.set(info.suggested_sign_in_name);
                        checked.set(true);
                    }
                    Err(f) => failure.set(Some(f)),
                }
            }),
        }
    };
    view! {
        <form on:submit=on_check>
            <label for="invite-code">{t("join.code_label")}</label>
            <p class="hint" id="invite-code-hint">{t("join.code_hint")}</p>
            <input id="invite-code" autocomplete="off" autocapitalize="characters" required aria-describedby="invite-code-hint"
                prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("join.check")}</button>
        </form>
    }
}

/// The sign-in name, the name we call them and the PIN (twice); then they are signed in.
#[component]
fn ChooseForm(
    code: RwSignal<String>,
    sign_in_name: RwSignal<String>,
    done: RwSignal<Option<String>>,
    failure: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let display_name = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let on_create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        if let Err(f) = check_new_pin(&pin.get_untracked(), &pin_again.get_untracked()) {
            failure.set(Some(f));
            return;
        }
        let body = RedeemInvite {
            code: code.get_untracked(),
            sign_in_name: sign_in_name.get_untracked(),
            display_name: display_name.get_untracked(),
            pin: pin.get_untracked(),
        };
        spawn_local(async move {
            signed_in_showing_name(api::redeem_invite(&body).await, state, done, failure);
        });
    };
    view! {
        <form on:submit=on_create>
            <h2>{t("join.choose_title")}</h2>
            <label for="new-sign-in-name">{t("join.sign_in_name_label")}</label>
            <p class="hint" id="sign-in-name-hint">{t("join.sign_in_name_hint")}</p>
            <input id="new-sign-in-name" name="username" autocomplete="username" required aria-describedby="sign-in-name-hint"
                prop:value=move || sign_in_name.get() on:input=move |ev| sign_in_name.set(event_target_value(&ev)) />
            <label for="display-name">{t("join.display_name_label")}</label>
            <input id="display-name" autocomplete="nickname" required
                prop:value=move || display_name.get() on:input=move |ev| display_name.set(event_target_value(&ev)) />
            <label for="new-pin">{t("join.pin_label")}</label>
            <input id="new-pin" name="password" type="password" inputmode="numeric" autocomplete="new-password" required
                prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
            <label for="new-pin-again">{t("join.pin_confirm_label")}</label>
            <input id="new-pin-again" type="password" inputmode="numeric" autocomplete="new-password" required
                prop:value=move || pin_again.get() on:input=move |ev| pin_again.set(event_target_value(&ev)) />
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("join.create")}</button>
        </form>
    }
}

/// A PIN being chosen, typed twice: the same both times, and one the server will take.
pub fn check_new_pin(pin: &str, again: &str) -> Result<(), Failure> {
    if pin != again {
        return Err(Failure::Api(ApiError {
            error: shared::ErrorCode::InvalidInput,
            reason: shared::Reason::PinMismatch,
            message: t("reason.pin_mismatch"),
            field: Some("pin".into()),
        }));
    }
    PinCode::parse(pin).map(|_| ()).map_err(Failure::from)
}

/// After a call that signs a young person in (joining, a new PIN): keeps the session and puts
/// their sign-in name on screen to write down; or says why not.
pub fn signed_in_showing_name(
    result: Result<shared::api::Session, Failure>,
    state: SessionState,
    done: RwSignal<Option<String>>,
    failure: RwSignal<Option<Failure>>,
) {
    match result {
        Ok(session) => {
            done.set(session.me.sign_in_name.clone());
            state.signed_in(session);
        }
        Err(f) => failure.set(Some(f)),
    }
}
