//! Chorus is five web apps and a plain page, so that a phone downloads only what it uses: the
//! welcome and sign-in pages at `/` and `/sign-in`, plain HTML with a small script
//! (`frontend/index.html`), the first thing a young person's phone loads; the front door (joining,
//! a new PIN, privacy) at `/join`, `/reset-pin` and `/privacy`, built into `/door/`; the voice app (home, feedback, my feedback, settings) for
//! every other top-level path, built into `/voice/`; the young commissioner's panels at `/panels/`;
//! the staff door (signing in with two steps, a forgotten password, choosing one) at `/staff`,
//! `/staff/forgot-password` and `/staff/set-password`, built into `/staff-door/`; and the other
//! staff pages at `/staff/`. Each is its own wasm, built into its own folder of the static
//! files. The server picks the page for a path with this rule and the web apps pick how
//! to get there (through the router, or by loading the other app's page) with it, so they agree.
//! (The service worker, in JavaScript, keeps its own copy: `frontend/sw.js`.)

use crate::Role;

/// One of the five web apps, or the plain welcome page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebApp {
    /// The welcome and sign-in pages: plain HTML, no wasm.
    Welcome,
    Door,
    Voice,
    Panels,
    StaffDoor,
    Staff,
}

impl WebApp {
    pub const ALL: [WebApp; 6] = [
        WebApp::Welcome,
        WebApp::Door,
        WebApp::Voice,
        WebApp::Panels,
        WebApp::StaffDoor,
        WebApp::Staff,
    ];

    /// The app that draws the page at `path` (the first segment says; the voice app draws every
    /// path no other app claims).
    pub fn of(path: &str) -> WebApp {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments = path.trim_start_matches('/').split('/');
        match (segments.next(), segments.next()) {
            (None | Some("" | "sign-in"), _) => WebApp::Welcome,
            (Some("join" | "reset-pin" | "privacy" | "door"), _) => WebApp::Door,
            (Some("panels"), _) => WebApp::Panels,
            (Some("staff"), None | Some("" | "forgot-password" | "set-password"))
            | (Some("staff-door"), _) => WebApp::StaffDoor,
            (Some("staff"), _) => WebApp::Staff,
            _ => WebApp::Voice,
        }
    }

    /// Whether this app is one of the staff's.
    pub fn for_staff(self) -> bool {
        matches!(self, WebApp::StaffDoor | WebApp::Staff)
    }

    /// Its folder in the built static files (the welcome page is at the top).
    pub fn folder(self) -> &'static str {
        match self {
            WebApp::Welcome => "",
            WebApp::Door => "door",
            WebApp::Voice => "voice",
            WebApp::Panels => "panels",
            WebApp::StaffDoor => "staff-door",
            WebApp::Staff => "staff",
        }
    }

    /// Whether people in `role` use this app: young people the welcome page, the front door, the
    /// voice and panels apps, staff the staff door and app.
    pub fn serves(self, role: Role) -> bool {
        self.for_staff() != (role == Role::YoungPerson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_belongs_to_one_app() {
        for (path, app) in [
            ("/", WebApp::Welcome),
            ("", WebApp::Welcome),
            ("/?x", WebApp::Welcome),
            ("/sign-in?x", WebApp::Welcome),
            ("/join", WebApp::Door),
            ("/door/door-0123.js", WebApp::Door),
            ("/privacy", WebApp::Door),
            ("/reset-pin", WebApp::Door),
            ("/joined", WebApp::Voice),
            ("/home", WebApp::Voice),
            ("/voice/", WebApp::Voice),
            ("/settings", WebApp::Voice),
            ("/feedback/1", WebApp::Voice),
            ("/panelsx", WebApp::Voice),
            ("/panels", WebApp::Panels),
            ("/panels/1/bids/2", WebApp::Panels),
            ("/panels/training?panel=1", WebApp::Panels),
            ("/staff", WebApp::StaffDoor),
            ("/staff/", WebApp::StaffDoor),
            ("/staff?x", WebApp::StaffDoor),
            ("/staff/forgot-password", WebApp::StaffDoor),
            ("/staff/set-password#secret", WebApp::StaffDoor),
            ("/staff-door/staff_door.wasm", WebApp::StaffDoor),
            ("/staff/officer", WebApp::Staff),
            ("/staff/dashboard/service/1", WebApp::Staff),
            ("/staffroom", WebApp::Voice),
        ] {
            assert_eq!(WebApp::of(path), app, "{path}");
        }
        // Each app's built files are its own (the welcome page's are at the top).
        for app in WebApp::ALL.into_iter().filter(|a| *a != WebApp::Welcome) {
            let file = format!("/{}/app-0123.wasm", app.folder());
            assert_eq!(WebApp::of(&file), app, "{app:?}");
        }
    }

    #[test]
    fn young_people_use_the_door_voice_and_panels_apps_and_staff_the_staff_app() {
        for role in Role::ALL {
            let young = role == Role::YoungPerson;
            assert_eq!(WebApp::Welcome.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Door.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Voice.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Panels.serves(role), young, "{role:?}");
            assert_eq!(WebApp::StaffDoor.serves(role), !young, "{role:?}");
            assert_eq!(WebApp::Staff.serves(role), !young, "{role:?}");
        }
    }
}
