use crate::components::staff_sign_in::StaffSignIn;
use leptos::prelude::*;

/// Staff sign in with email and password, and a code from their authenticator app.
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    view! { <StaffSignIn /> }
}
