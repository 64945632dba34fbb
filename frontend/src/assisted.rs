//! An assisted session on the officer's device (docs/assisted.md): the staff app opens it for a
//! child and hands it to the voice app through this tab's session storage, for one page load;
//! the voice app takes it out as it starts (so a reload ends it) and holds it in memory only, in
//! place of the refresh cookie's sign-in, which is the officer's.

use serde::{Deserialize, Serialize};
use shared::api::{AssistedSession, Me, Session};
use shared::Role;
use uuid::Uuid;

const KEY: &str = "chorus.assisted";

/// Where the officer goes back to when the child is done.
pub const BACK_TO: &str = "/staff/young-people";

/// How many faces the child chooses from, by what suits them: three (the two ends and the
/// middle) or all five.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choices {
    Three,
    Five,
}

impl Choices {
    /// The faces offered, as the values they stand for on the 1–5 scale.
    pub fn values(self) -> &'static [u8] {
        match self {
            Choices::Three => &[1, 3, 5],
            Choices::Five => &[1, 2, 3, 4, 5],
        }
    }
}

/// What the staff app leaves for the voice app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandOver {
    pub child: Uuid,
    pub session: AssistedSession,
    pub choices: Choices,
    /// When it was left (milliseconds since 1970): a hand-over the voice app did not take at
    /// once (its page never loaded) is not taken later.
    pub left_at: f64,
}

/// How long a hand-over waits for the voice app's page to load.
const WAITS_MS: f64 = 60_000.0;

/// Whether a hand-over left at `left_at` may still be taken at `now`.
fn fresh(left_at: f64, now: f64) -> bool {
    (0.0..=WAITS_MS).contains(&(now - left_at))
}

impl HandOver {
    /// The child's session as the voice app holds it. No key for the phone's storage: nothing of
    /// the child's is kept on the officer's device.
    pub fn into_session(self) -> Session {
        Session {
            access_token: self.session.access_token,
            expires_in: self.session.expires_in,
            me: Me {
                id: self.child,
                role: Role::YoungPerson,
                display_name: self.session.display_name,
                organisation_name: String::new(),
                sign_in_name: None,
                age_band: self.session.age_band,
                languages: Vec::new(),
            },
            storage_key: None,
        }
    }
}

/// Whether an assisted session may show `path`: the child's services, the feedback page and the
/// thanks after it. Everything else of the child's is not the adult's to see.
pub fn may_visit(path: &str) -> bool {
    path == "/home" || path == "/thanks" || path.starts_with("/feedback/")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Staff app: leaves the session for the voice app and loads it. False when this browser keeps
/// nothing in session storage (the officer is told it could not start).
pub fn hand_over(hand: &HandOver) -> bool {
    let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(hand)) else {
        return false;
    };
    if storage.set_item(KEY, &json).is_err() {
        return false;
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign("/home");
    }
    true
}

/// Voice app, at start-up: the session the staff app left on this tab, taken out for good.
pub fn take() -> Option<HandOver> {
    let storage = session_storage()?;
    let json = storage.get_item(KEY).ok().flatten()?;
    let _ = storage.remove_item(KEY);
    serde_json::from_str::<HandOver>(&json)
        .ok()
        .filter(|hand| fresh(hand.left_at, js_sys::Date::now()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::AgeBand;

    #[test]
    fn three_faces_are_the_ends_and_the_middle() {
        assert_eq!(Choices::Three.values(), &[1, 3, 5]);
        assert_eq!(Choices::Five.values(), &[1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_hand_over_becomes_the_childs_session_with_no_storage_key() {
        let child = Uuid::new_v4();
        let hand = HandOver {
            child,
            session: AssistedSession {
                access_token: "t".into(),
                expires_in: 1800,
                display_name: "Pip".into(),
                age_band: Some(AgeBand::Age4To7),
            },
            choices: Choices::Three,
            left_at: 0.0,
        };
        let json = serde_json::to_string(&hand).unwrap();
        let session = serde_json::from_str::<HandOver>(&json)
            .unwrap()
            .into_session();
        assert_eq!(session.me.id, child);
        assert_eq!(session.me.role, Role::YoungPerson);
        assert_eq!(session.me.age_band, Some(AgeBand::Age4To7));
        assert_eq!(session.storage_key, None);
    }

    #[test]
    fn a_hand_over_not_taken_within_a_minute_is_not_taken() {
        assert!(fresh(1_000.0, 1_000.0));
        assert!(fresh(1_000.0, 61_000.0));
        assert!(!fresh(1_000.0, 61_001.0), "left too long ago");
        assert!(!fresh(1_000.0, 999.0), "left in the future");
    }

    #[test]
    fn only_the_services_feedback_and_thanks_are_open_to_it() {
        for path in ["/home", "/feedback/0b7e", "/thanks"] {
            assert!(may_visit(path), "{path}");
        }
        for path in [
            "/my-feedback",
            "/news",
            "/settings",
            "/panels",
            "/feedbackx",
        ] {
            assert!(!may_visit(path), "{path}");
        }
    }
}
