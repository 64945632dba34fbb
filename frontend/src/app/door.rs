//! The front door at `/join`, `/reset-pin` and `/privacy`: joining with an invite, a new PIN with
//! a reset code, and the privacy notice. The welcome and sign-in pages before it are plain HTML
//! (`frontend/index.html`), so a phone's first load carries no wasm; once someone is signed in,
//! the voice app is a page load away.

use super::{loading, not_found, start, Guard};
use crate::apps::WebApp;
use crate::pages::{join::Join, privacy::Privacy, reset_pin::ResetPinPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn DoorApp() -> impl IntoView {
    let state = start(WebApp::Door);
    view! {
        <Router>
            <Guard public=&["/join", "/reset-pin", "/privacy"] signed_out="/" />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/join") view=Join />
                    <Route path=path!("/reset-pin") view=ResetPinPage />
                    <Route path=path!("/privacy") view=Privacy />
                </Routes>
            </Show>
        </Router>
    }
}
