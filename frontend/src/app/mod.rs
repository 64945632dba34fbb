//! What the web apps share: the session restored from the refresh cookie at start-up (with
//! the chosen language loaded beside it), the guard that sends people to the right place, and the
//! young person's banner for feedback still on the phone. Each app has its own router.

pub mod door;
pub mod panels;
pub mod staff;
pub mod staff_door;
pub mod voice;

use crate::api;
use crate::apps::{home_for, navigator, WebApp};
use crate::i18n::{self, t};
use crate::offline;
use crate::state::session::SessionState;
use futures_util::future::join;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

/// Starts an app: shares which app this is and the session, and restores the session (and, for
/// young people's apps, loads the chosen language and keeps the app on the phone) before any page
/// is drawn.
fn start(app: WebApp) -> SessionState {
    start_then(app, |_| {})
}

/// `start` for the apps a young person uses signed in: feedback left on the phone is sent once
/// the session is back, and again whenever the connection returns. (A function of its own, so the
/// front door's wasm carries none of it.)
fn start_keeping_feedback(app: WebApp) -> SessionState {
    let pending = offline::Pending::new();
    provide_context(pending);
    let state = start_then(app, move |state| {
        spawn_local(offline::flush(state, pending));
    });
    offline::watch(state, pending);
    state
}

/// The voice app's start: an assisted session the staff app handed over on this tab
/// (`crate::assisted`) takes the place of the refresh cookie's sign-in, which is the officer's;
/// nothing is kept on the device for it or sent from it later.
fn start_voice() -> SessionState {
    let Some(hand) = crate::assisted::take() else {
        return start_keeping_feedback(WebApp::Voice);
    };
    provide_context(offline::Pending::new());
    let state = provided(WebApp::Voice);
    let language = crate::prefs::apply();
    state.assisted.set(Some(hand.choices));
    state.signed_in(hand.into_session());
    spawn_local(async move {
        i18n::load(language.as_deref()).await;
        crate::prefs::mark_language();
        state.ready.set(true);
    });
    state
}

/// Shares which app this is and a session state, not yet known.
fn provided(app: WebApp) -> SessionState {
    provide_context(app);
    let state = SessionState::new();
    provide_context(state);
    state
}

fn start_then(app: WebApp, when_ready: impl FnOnce(SessionState) + 'static) -> SessionState {
    let state = provided(app);
    let young = !app.for_staff();
    if young {
        offline::register_service_worker();
    }
    let language = young.then(crate::prefs::apply).flatten();
    spawn_local(async move {
        let (session, ()) = join(api::refresh(), i18n::load(language.as_deref())).await;
        match session {
            Ok(session) => state.signed_in(session),
            Err(api::Failure::Network) => state.unreachable.set(true),
            Err(_) => {}
        }
        crate::prefs::mark_language();
        state.ready.set(true);
        when_ready(state);
    });
    state
}

/// "Loading…" until the session is known.
fn loading() -> impl IntoView {
    view! { <main class="page"><p>{t("common.loading")}</p></main> }
}

fn not_found() -> impl IntoView {
    view! { <main class="page"><h1>{t("error.not_found")}</h1></main> }
}

/// Sends signed-out people on private pages to `signed_out`, people of another app to their own
/// home, and signed-in people on this app's public pages to their home.
#[component]
fn Guard(
    /// Pages of this app anyone may see.
    public: &'static [&'static str],
    /// Where a signed-out person goes from a private page.
    signed_out: &'static str,
) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let app = expect_context::<WebApp>();
    let location = use_location();
    let go = navigator();
    Effect::new(move |_| {
        if !state.ready.get() {
            return;
        }
        let path = location.pathname.get();
        let is_public = public.contains(&path.as_str());
        match state.me() {
            // Offline: stay (feedback waiting on the phone says so) until the session is back.
            None if !is_public && !state.unreachable.get() => go(signed_out),
            Some(me) => {
                let home = home_for(me.role);
                // Just joined, or just chose a new PIN: their sign-in name is on screen to write down.
                let stays = matches!(path.as_str(), "/join" | "/reset-pin" | "/privacy");
                if !app.serves(me.role) || (is_public && !stays) {
                    go(home);
                }
            }
            None => {}
        }
    });
}

/// Tells the young person their feedback is waiting to send (no connection yet).
#[component]
fn PendingBanner() -> impl IntoView {
    let pending = expect_context::<offline::Pending>();
    move || {
        let n = pending.waiting.get();
        (n > 0).then(|| view! { <p class="pending" role="status">{t("offline.waiting")}</p> })
    }
}
