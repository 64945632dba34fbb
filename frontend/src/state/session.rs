//! The signed-in session, kept in memory only (never in localStorage): the access token and who.

use crate::assisted::Choices;
use leptos::prelude::*;
use shared::api::{Me, Session};

/// Shared through Leptos context.
#[derive(Clone, Copy)]
pub struct SessionState {
    pub session: RwSignal<Option<Session>>,
    /// True once the start-up refresh has answered (signed in or not).
    pub ready: RwSignal<bool>,
    /// The start-up refresh could not reach the server (no connection): nobody is known to be
    /// signed in, but nobody is known to be signed out either, so pages stay where they are until
    /// the connection returns.
    pub unreachable: RwSignal<bool>,
    /// An assisted session (`crate::assisted`): an adult beside the child, on the adult's device,
    /// with the faces the child chooses from.
    pub assisted: RwSignal<Option<Choices>>,
}

impl SessionState {
    pub fn new() -> SessionState {
        SessionState {
            session: RwSignal::new(None),
            ready: RwSignal::new(false),
            unreachable: RwSignal::new(false),
            assisted: RwSignal::new(None),
        }
    }

    pub fn token(&self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
    }

    /// The young person's key for sealing what the phone keeps (`crate::sealed`), in memory only.
    pub fn storage_key(&self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().and_then(|s| s.storage_key.clone()))
    }

    pub fn me(&self) -> Option<Me> {
        self.session.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    /// Keeps a new session; young people aged 4 to 11 get the wording for their age.
    pub fn signed_in(&self, session: Session) {
        crate::i18n::set_wording(session.me.age_band);
        self.unreachable.set(false);
        self.session.set(Some(session));
    }

    pub fn clear(&self) {
        crate::i18n::set_wording(None);
        self.assisted.set(None);
        self.session.set(None);
    }

    /// Whether this is an assisted session (an adult beside the child).
    pub fn is_assisted(&self) -> bool {
        self.assisted.with_untracked(Option::is_some)
    }

    /// Forgets the session without telling anything that watches it: for a page that is being
    /// left this instant (quick exit), so nothing reacts by going somewhere else instead.
    pub fn forget_quietly(&self) {
        crate::i18n::set_wording(None);
        self.assisted.update_untracked(|a| *a = None);
        self.session.update_untracked(|s| *s = None);
    }
}

impl Default for SessionState {
    fn default() -> Self {
        Self::new()
    }
}
