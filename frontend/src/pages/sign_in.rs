use crate::components::sign_in_form::SignInForm;
use leptos::prelude::*;

/// A young person signs in with their sign-in name and PIN.
#[component]
pub fn SignIn() -> impl IntoView {
    view! { <SignInForm young_person=true /> }
}
