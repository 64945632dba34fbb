//! The staff door: signing in (password, then a code from an authenticator app), a forgotten
//! password and choosing one through an emailed link, at `/staff`, `/staff/forgot-password` and
//! `/staff/set-password`. Its own small app, so the staff app's pages load only once signed in.

use super::{loading, not_found, start, Guard};
use crate::apps::WebApp;
use crate::pages::{
    passwords::{ForgotPasswordPage, SetPasswordPage},
    staff_sign_in::StaffSignInPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn StaffDoorApp() -> impl IntoView {
    crate::i18n::use_staff_words();
    let state = start(WebApp::StaffDoor);
    view! {
        <Router>
            <Guard public=&["/staff", "/staff/", "/staff/forgot-password", "/staff/set-password"] signed_out="/staff" />
            <Show when=move || state.ready.get() fallback=loading>
                <Routes fallback=not_found>
                    <Route path=path!("/staff") view=StaffSignInPage />
                    <Route path=path!("/staff/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/staff/set-password") view=SetPasswordPage />
                </Routes>
            </Show>
        </Router>
    }
}
