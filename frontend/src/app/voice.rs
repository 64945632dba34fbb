//! The young person's voice app, signed in: home, feedback, my feedback and settings. The front
//! door (`door.rs`) welcomes, signs in and shows the privacy notice.

use super::{loading, not_found, start_voice, Guard, PendingBanner};
use crate::pages::{
    feedback::Feedback, home::Home, my_feedback::MyFeedbackPage, news::NewsPage,
    settings::Settings, thanks::Thanks,
};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

#[component]
pub fn VoiceApp() -> impl IntoView {
    let state = start_voice();
    view! {
        <Router>
            <Guard public=&[] signed_out="/" />
            <AssistedGuard />
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

/// In an assisted session, every page but the child's services, feedback and thanks goes home.
#[component]
fn AssistedGuard() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let path = location.pathname.get();
        if state.assisted.get().is_some() && !crate::assisted::may_visit(&path) {
            navigate("/home", Default::default());
        }
    });
}
