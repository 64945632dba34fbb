//! Chorus is three web apps, so that a young person's phone downloads only what it uses:
//! the voice app (welcome, joining, feedback, settings) at `/`, the young commissioner's panels
//! at `/panels/`, and the staff pages at `/staff/`. Each is its own wasm; a link from one to
//! another is a full page load, and the session comes back from the refresh cookie.

use leptos::prelude::expect_context;
use leptos_router::hooks::use_navigate;
use shared::Role;

/// One of the three web apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebApp {
    Voice,
    Panels,
    Staff,
}

impl WebApp {
    /// The app that draws the page at `path`.
    pub fn of(path: &str) -> WebApp {
        let first = path.trim_start_matches('/').split(['/', '?', '#']).next();
        match first {
            Some("panels") => WebApp::Panels,
            Some("staff") => WebApp::Staff,
            _ => WebApp::Voice,
        }
    }
}

impl WebApp {
    /// Whether people in `role` use this app: young people the voice and panels apps, staff the
    /// staff app.
    pub fn serves(self, role: Role) -> bool {
        (self == WebApp::Staff) != (role == Role::YoungPerson)
    }
}

/// Where someone lands after signing in.
pub fn home_for(role: Role) -> &'static str {
    match role {
        Role::YoungPerson => "/home",
        Role::ParticipationOfficer => "/staff/officer",
        Role::Commissioner => "/staff/dashboard",
        Role::Admin => "/staff/admin",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_belongs_to_one_app() {
        for (path, app) in [
            ("/", WebApp::Voice),
            ("/home", WebApp::Voice),
            ("/feedback/1", WebApp::Voice),
            ("/panelsx", WebApp::Voice),
            ("/panels", WebApp::Panels),
            ("/panels/1/bids/2", WebApp::Panels),
            ("/panels/training?panel=1", WebApp::Panels),
            ("/staff", WebApp::Staff),
            ("/staff/dashboard/service/1", WebApp::Staff),
            ("/staff?x", WebApp::Staff),
        ] {
            assert_eq!(WebApp::of(path), app, "{path}");
        }
    }

    #[test]
    fn each_role_lands_in_an_app_it_uses_and_uses_only_its_own() {
        let young = Role::YoungPerson;
        assert_eq!(WebApp::of(home_for(young)), WebApp::Voice);
        assert!(WebApp::Voice.serves(young) && WebApp::Panels.serves(young));
        assert!(!WebApp::Staff.serves(young));
        for role in [Role::ParticipationOfficer, Role::Commissioner, Role::Admin] {
            assert_eq!(WebApp::of(home_for(role)), WebApp::Staff, "{role:?}");
            assert!(WebApp::Staff.serves(role), "{role:?}");
            assert!(
                !WebApp::Voice.serves(role) && !WebApp::Panels.serves(role),
                "{role:?}"
            );
        }
    }
}
