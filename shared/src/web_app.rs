//! Chorus is four web apps, so that a phone downloads only what it uses: the front door (welcome,
//! joining, signing in, a new PIN, privacy) at `/`, `/join`, `/sign-in`, `/reset-pin` and `/privacy`, the first and smallest
//! thing a young person's phone loads; the voice app (home, feedback, my feedback, settings) for
//! every other top-level path, built into `/voice/`; the young commissioner's panels at `/panels/`;
//! and the staff pages at `/staff/`. Each is its own wasm, built into its own folder of the static
//! files. The server picks the page for a path with this rule and the web apps pick how
//! to get there (through the router, or by loading the other app's page) with it, so they agree.
//! (The service worker, in JavaScript, keeps its own copy: `frontend/sw.js`.)

use crate::Role;

/// One of the four web apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebApp {
    Door,
    Voice,
    Panels,
    Staff,
}

impl WebApp {
    pub const ALL: [WebApp; 4] = [WebApp::Door, WebApp::Voice, WebApp::Panels, WebApp::Staff];

    /// The app that draws the page at `path` (the first segment says; the voice app draws every
    /// path no other app claims).
    pub fn of(path: &str) -> WebApp {
        let first = path.trim_start_matches('/').split(['/', '?', '#']).next();
        match first {
            None | Some("" | "join" | "sign-in" | "reset-pin" | "privacy") => WebApp::Door,
            Some("panels") => WebApp::Panels,
            Some("staff") => WebApp::Staff,
            _ => WebApp::Voice,
        }
    }

    /// Its folder in the built static files (the front door is at the top).
    pub fn folder(self) -> &'static str {
        match self {
            WebApp::Door => "",
            WebApp::Voice => "voice",
            WebApp::Panels => "panels",
            WebApp::Staff => "staff",
        }
    }

    /// Whether people in `role` use this app: young people the front door, the voice and panels
    /// apps, staff the staff app.
    pub fn serves(self, role: Role) -> bool {
        (self == WebApp::Staff) != (role == Role::YoungPerson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_belongs_to_one_app() {
        for (path, app) in [
            ("/", WebApp::Door),
            ("", WebApp::Door),
            ("/join", WebApp::Door),
            ("/sign-in?x", WebApp::Door),
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
            ("/staff", WebApp::Staff),
            ("/staff/dashboard/service/1", WebApp::Staff),
            ("/staff?x", WebApp::Staff),
        ] {
            assert_eq!(WebApp::of(path), app, "{path}");
        }
        for app in WebApp::ALL {
            assert_eq!(WebApp::of(&format!("/{}", app.folder())), app, "{app:?}");
        }
    }

    #[test]
    fn young_people_use_the_door_voice_and_panels_apps_and_staff_the_staff_app() {
        for role in Role::ALL {
            let young = role == Role::YoungPerson;
            assert_eq!(WebApp::Door.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Voice.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Panels.serves(role), young, "{role:?}");
            assert_eq!(WebApp::Staff.serves(role), !young, "{role:?}");
        }
    }
}
