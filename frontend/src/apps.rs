//! Moving between the web apps (`shared::web_app`): where each person lands, and going to a
//! path through this app's router or, for another app, by loading its page (the session comes
//! back from the refresh cookie).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
pub use shared::web_app::WebApp;
use shared::Role;

/// Where someone lands after signing in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::YoungPerson => "/home",
        Role::ParticipationOfficer => "/staff/officer",
        Role::Commissioner => "/staff/dashboard",
        Role::Admin => "/staff/admin",
        Role::Provider => "/staff/provider",
    }
}

/// Goes to a path: within this app through the router, to another app by loading its page.
/// Call it while the component is built (it holds the router's `navigate`).
pub fn navigator() -> impl Fn(&str) + Clone + 'static {
    let this = expect_context::<WebApp>();
    let navigate = use_navigate();
    move |path: &str| {
        if WebApp::of(path) == this {
            navigate(path, Default::default());
        } else if let Some(window) = web_sys::window() {
            let _ = window.location().assign(path);
        }
    }
}

/// A link: the router follows it within this app; to another app it is a page load
/// (`rel="external"`, which the router leaves alone).
#[component]
pub fn AppLink(
    href: &'static str,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let other = WebApp::of(href) != expect_context::<WebApp>();
    view! { <a href=href class=class rel=other.then_some("external")>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_lands_in_an_app_it_uses() {
        for role in Role::ALL {
            assert!(WebApp::of(home_for(role)).serves(role), "{role:?}");
        }
        assert_eq!(WebApp::of(home_for(Role::YoungPerson)), WebApp::Voice);
    }
}
