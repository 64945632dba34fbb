//! The young person's voice app at `/`: welcome, joining, signing in, feedback and settings.

use super::{loading, not_found, start, Guard, PendingBanner};
use crate::apps::WebApp;
use crate::pages::{
    feedback::Feedback, home::Home, join::Join, my_feedback::MyFeedbackPage, privacy::Privacy,
    settings::Settings, sign_in::SignIn, thanks::Thanks, welcome::Welcome,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn VoiceApp() -> impl IntoView {
    let state = start(WebApp::Voice);
    view! {
        <Router>
            <Guard public=&["/", "/join", "/sign-in", "/privacy"] signed_out="/" />
            <PendingBanner />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/") view=Welcome />
                    <Route path=path!("/join") view=Join />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/home") view=Home />
                    <Route path=path!("/feedback/:service_id") view=Feedback />
                    <Route path=path!("/thanks") view=Thanks />
                    <Route path=path!("/my-feedback") view=MyFeedbackPage />
                    <Route path=path!("/settings") view=Settings />
                    <Route path=path!("/privacy") view=Privacy />
                </Routes>
            </Show>
        </Router>
    }
}
