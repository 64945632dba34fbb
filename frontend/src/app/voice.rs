//! The young person's voice app, signed in: home, feedback, my feedback and settings. The front
//! door (`door.rs`) welcomes, signs in and shows the privacy notice.

use super::{loading, not_found, start_keeping_feedback, Guard, PendingBanner};
use crate::apps::WebApp;
use crate::pages::{
    feedback::Feedback, home::Home, my_feedback::MyFeedbackPage, news::NewsPage,
    settings::Settings, thanks::Thanks,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn VoiceApp() -> impl IntoView {
    let state = start_keeping_feedback(WebApp::Voice);
    view! {
        <Router>
            <Guard public=&[] signed_out="/" />
            <PendingBanner />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/home") view=Home />
                    <Route path=path!("/feedback/:service_id") view=Feedback />
                    <Route path=path!("/thanks") view=Thanks />
                    <Route path=path!("/my-feedback") view=MyFeedbackPage />
                    <Route path=path!("/news") view=NewsPage />
                    <Route path=path!("/settings") view=Settings />
                </Routes>
            </Show>
        </Router>
    }
}
