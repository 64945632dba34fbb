//! The front door at `/`: welcome, joining with an invite, signing in (and a new PIN with a reset
//! code) and the privacy notice. It
//! is the first thing a young person's phone downloads, so it holds only these pages; once
//! someone is signed in, the voice app (or the staff app) is a page load away.

use super::{loading, not_found, start, Guard};
use crate::apps::WebApp;
use crate::pages::{
    join::Join, privacy::Privacy, reset_pin::ResetPinPage, sign_in::SignIn, welcome::Welcome,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn DoorApp() -> impl IntoView {
    let state = start(WebApp::Door);
    view! {
        <Router>
            <Guard public=&["/", "/join", "/sign-in", "/reset-pin", "/privacy"] signed_out="/" />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/") view=Welcome />
                    <Route path=path!("/join") view=Join />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/reset-pin") view=ResetPinPage />
                    <Route path=path!("/privacy") view=Privacy />
                </Routes>
            </Show>
        </Router>
    }
}
