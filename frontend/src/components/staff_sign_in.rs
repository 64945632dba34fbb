use crate::api::{self, Failure};
use crate::apps::{home_for, navigator};
use crate::components::error_message::ErrorMessage;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use shared::api::{AuthenticatorSetUp, SecondFactorCode, Session, StaffSignIn, StaffSignInStep};

/// Where a staff sign-in is.
#[derive(Clone)]
enum Stage {
    Password,
    /// A code from the authenticator app is asked for, with this challenge.
    Code(String),
    /// An authenticator app is set up first, then its code typed with this challenge.
    SetUp(String, AuthenticatorSetUp),
    /// Signed in after setting the app up: the recovery codes are shown once, then home.
    RecoveryCodes(Session, Vec<String>),
}

/// Staff sign in with email and password, then (admins and officers, and anyone who set one up)
/// a code from their authenticator app, setting the app up at their first sign-in.
#[component]
pub fn StaffSignIn() -> impl IntoView {
    let stage = RwSignal::new(Stage::Password);
    view! {
        <main class="page staff">
            {move || match stage.get() {
                Stage::Password => view! { <PasswordStep stage=stage /> }.into_any(),
                Stage::Code(challenge) => view! { <CodeStep stage=stage challenge=challenge set_up=None /> }.into_any(),
                Stage::SetUp(challenge, set_up) => view! { <CodeStep stage=stage challenge=challenge set_up=Some(set_up) /> }.into_any(),
                Stage::RecoveryCodes(session, codes) => view! { <SaveRecoveryCodes session=session codes=codes /> }.into_any(),
            }}
        </main>
    }
}

fn go_home(state: SessionState, session: Session) {
    let home = home_for(session.me.role);
    state.signed_in(session);
    navigator()(home);
}

#[component]
fn PasswordStep(stage: RwSignal<Stage>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = StaffSignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::sign_in_staff(&body).await {
                Ok(StaffSignInStep::SignedIn { session }) => go_home(state, session),
                Ok(StaffSignInStep::Code { challenge }) => stage.set(Stage::Code(challenge)),
                Ok(StaffSignInStep::SetUp { challenge, set_up }) => {
                    stage.set(Stage::SetUp(challenge, set_up))
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <h1>{t("staff.title")}</h1>
        <form on:submit=on_submit>
            <label for="who">{t("staff.email_label")}</label>
            <input id="who" name="username" type="email" autocomplete="username" required
                prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
            <label for="secret">{t("staff.password_label")}</label>
            <input id="secret" name="password" type="password" autocomplete="current-password" required
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("staff.submit")}</button>
        </form>
        <p><A href="/staff/forgot-password">{t("password.forgot_link")}</A></p>
    }
}

/// The secret in groups of four, as it is easier to type into an app by hand.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code step: with `set_up`, the app to set up first (a QR code, and the key to type).
#[component]
fn CodeStep(
    stage: RwSignal<Stage>,
    challenge: String,
    set_up: Option<AuthenticatorSetUp>,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let code = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<Failure>);
    let setting_up = set_up.is_some();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SecondFactorCode {
            challenge: challenge.clone(),
            code: code.get_untracked(),
        };
        spawn_local(async move {
            match api::sign_in_staff_code(&body).await {
                Ok(done) if done.recovery_codes.is_empty() => go_home(state, done.session),
                Ok(done) => stage.set(Stage::RecoveryCodes(done.session, done.recovery_codes)),
                Err(f) => {
                    code.set(String::new());
                    failure.set(Some(f));
                }
            }
        });
    };
    let set_up_view = set_up.map(|s| {
        view! {
            <p>{t("two_step.set_up_intro")}</p>
            <ol>
                <li>{t("two_step.set_up_app")}</li>
                <li>
                    {t("two_step.set_up_scan")}
                    <div class="qr" role="img" aria-label=t("two_step.qr_label") inner_html=s.qr_svg></div>
                    <p>{t("two_step.set_up_key")}</p>
                    <p><code class="secret">{grouped(&s.secret)}</code></p>
                </li>
                <li>{t("two_step.set_up_type")}</li>
            </ol>
        }
    });
    view! {
        <h1>{t(if setting_up { "two_step.set_up_title" } else { "two_step.title" })}</h1>
        {set_up_view}
        <form on:submit=on_submit>
            <label for="code">{t("two_step.code_label")}</label>
            <p id="code-hint" class="small">{t(if setting_up { "two_step.code_hint_set_up" } else { "two_step.code_hint" })}</p>
            <input id="code" name="one-time-code" autocomplete="one-time-code" required
                aria-describedby="code-hint" spellcheck="false"
                prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("two_step.submit")}</button>
        </form>
        <p><button type="button" class="button link" on:click=move |_| stage.set(Stage::Password)>
            {t("password.back_to_sign_in")}
        </button></p>
    }
}

/// The recovery codes, shown once, to keep somewhere safe before going on.
#[component]
fn SaveRecoveryCodes(session: Session, codes: Vec<String>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let session = StoredValue::new(session);
    view! {
        <h1>{t("two_step.codes_title")}</h1>
        <p>{t("two_step.codes_intro")}</p>
        <ul class="recovery-codes">
            {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ul>
        <button type="button" class="button primary"
            on:click=move |_| go_home(state, session.get_value())>
            {t("two_step.codes_saved")}
        </button>
    }
}
