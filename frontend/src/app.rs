//! The router and the session restored from the refresh cookie at start-up.

use crate::api;
use crate::i18n::t;
use crate::offline;
use crate::pages::{
    admin::Admin,
    dashboard::Dashboard,
    feedback::Feedback,
    home::Home,
    join::Join,
    my_feedback::MyFeedbackPage,
    officer::Officer,
    panels::{PanelPage, Panels},
    privacy::Privacy,
    record::Record,
    score_bid::ScoreBid,
    service_detail::ServiceDetailPage,
    settings::Settings,
    sign_in::SignIn,
    staff_home::StaffHome,
    staff_sign_in::StaffSignInPage,
    tender::TenderPage,
    tenders::Tenders,
    thanks::Thanks,
    training::Training,
    welcome::Welcome,
    young_people::YoungPeople,
};
use crate::state::session::{home_for, SessionState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    crate::prefs::apply();
    let state = SessionState::new();
    provide_context(state);
    let pending = offline::Pending::new();
    provide_context(pending);
    offline::register_service_worker();
    offline::watch(state, pending);
    spawn_local(async move {
        if let Ok(session) = api::refresh().await {
            state.signed_in(session);
        }
        state.ready.set(true);
        offline::flush(state, pending).await;
    });
    view! {
        <Router>
            <Guard />
            <PendingBanner />
            <Show when=move || state.ready.get() fallback=|| view! { <main class="page"><p>{t("common.loading")}</p></main> }>
                <Routes fallback=|| view! { <main class="page"><h1>{t("error.not_found")}</h1></main> }>
                    <Route path=path!("/") view=Welcome />
                    <Route path=path!("/join") view=Join />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/staff") view=StaffSignInPage />
                    <Route path=path!("/home") view=Home />
                    <Route path=path!("/feedback/:service_id") view=Feedback />
                    <Route path=path!("/thanks") view=Thanks />
                    <Route path=path!("/my-feedback") view=MyFeedbackPage />
                    <Route path=path!("/panels") view=Panels />
                    <Route path=path!("/panels/:id") view=PanelPage />
                    <Route path=path!("/panels/:id/bids/:bid_id") view=ScoreBid />
                    <Route path=path!("/training") view=Training />
                    <Route path=path!("/record") view=Record />
                    <Route path=path!("/settings") view=Settings />
                    <Route path=path!("/privacy") view=Privacy />
                    <Route path=path!("/tenders") view=Tenders />
                    <Route path=path!("/young-people") view=YoungPeople />
                    <Route path=path!("/tenders/:id") view=TenderPage />
                    <Route path=path!("/officer") view=Officer />
                    <Route path=path!("/staff-home") view=StaffHome />
                    <Route path=path!("/dashboard") view=Dashboard />
                    <Route path=path!("/admin") view=Admin />
                    <Route path=path!("/dashboard/service/:id") view=ServiceDetailPage />
                </Routes>
            </Show>
        </Router>
    }
}

/// Sends signed-out people on private pages to the welcome page, and signed-in people on the
/// welcome or sign-in pages to their home.
#[component]
fn Guard() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if !state.ready.get() {
            return;
        }
        let path = location.pathname.get();
        let public = matches!(
            path.as_str(),
            "/" | "/join" | "/sign-in" | "/staff" | "/privacy"
        );
        match state.me() {
            None if !public => navigate("/", Default::default()),
            Some(me) if public && path != "/join" && path != "/privacy" => {
                navigate(home_for(me.role), Default::default())
            }
            _ => {}
        }
    });
}

/// Tells the young person their feedback is waiting to send (no connection yet).
#[component]
fn PendingBanner() -> impl IntoView {
    let pending = expect_context::<offline::Pending>();
    move || {
        let n = pending.waiting.get();
        (n > 0).then(
            || view! { <p class="pending" role="status">{crate::i18n::t("offline.waiting")}</p> },
        )
    }
}
