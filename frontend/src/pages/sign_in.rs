use crate::components::sign_in_form::SignInForm;
use crate::components::young_person_bar::YoungPersonBar;
use leptos::prelude::*;

/// A young person signs in with their sign-in name and PIN.
#[component]
pub fn SignIn() -> impl IntoView {
    view! { <YoungPersonBar /><SignInForm /> }
}
