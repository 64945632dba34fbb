use crate::components::sign_in_form::SignInForm;
use leptos::prelude::*;

/// Staff sign in with email and password.
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    view! { <SignInForm young_person=false /> }
}
