//! The offline side of the app: the service worker that keeps the shell, and the outbox of
//! feedback on the phone (sealed: `crate::sealed`), sent when a connection returns.

use crate::api::{self, Failure};
use crate::state::outbox::{key, Outbox, SealedItem};
use crate::state::session::SessionState;
use leptos::prelude::*;
use shared::api::NewFeedback;
use uuid::Uuid;

const USERS_KEY: &str = "chorus.outbox.users";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// How many items are waiting, for the banner; shared through context.
#[derive(Clone, Copy)]
pub struct Pending {
    /// Items kept on this phone, not yet stored by the server.
    pub waiting: RwSignal<usize>,
    /// Why the server refused an item for good, in words for the young person.
    pub refused: RwSignal<Option<String>>,
    /// The last submission asked for someone to talk to them (the thanks page says who will).
    pub asked_to_talk: RwSignal<bool>,
}

impl Pending {
    pub fn new() -> Pending {
        Pending {
            waiting: RwSignal::new(count_all()),
            refused: RwSignal::new(None),
            asked_to_talk: RwSignal::new(false),
        }
    }
}

impl Default for Pending {
    fn default() -> Self {
        Self::new()
    }
}

fn users() -> Vec<Uuid> {
    storage()
        .and_then(|s| s.get_item(USERS_KEY).ok().flatten())
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

fn load(user: Uuid) -> Outbox {
    Outbox::parse(
        storage()
            .and_then(|s| s.get_item(&key(user)).ok().flatten())
            .as_deref(),
    )
}

fn save(user: Uuid, outbox: &Outbox) {
    let Some(s) = storage() else { return };
    let mut all = users();
    if outbox.is_empty() {
        let _ = s.remove_item(&key(user));
        all.retain(|u| *u != user);
    } else {
        let _ = s.set_item(&key(user), &outbox.to_json());
        if !all.contains(&user) {
            all.push(user);
        }
    }
    if all.is_empty() {
        // Nothing waiting: nothing left on the phone.
        let _ = s.remove_item(USERS_KEY);
    } else {
        let _ = s.set_item(USERS_KEY, &serde_json::to_string(&all).unwrap_or_default());
    }
}

/// Items waiting on this phone, for every account.
pub fn count_all() -> usize {
    users().into_iter().map(|u| load(u).len()).sum()
}

/// Keeps the submission on the phone, sealed, before anything is sent. False when it cannot be
/// sealed (no key): then nothing is kept.
pub async fn enqueue(state: SessionState, user: Uuid, item: &NewFeedback) -> bool {
    let Ok(plain) = serde_json::to_string(item) else {
        return false;
    };
    let Some(sealed) = crate::sealed::seal(state, &plain).await else {
        return false;
    };
    let mut outbox = load(user);
    outbox.push(SealedItem {
        id: item.id,
        sealed,
    });
    save(user, &outbox);
    true
}

/// The items, readable again with the signed-in young person's key. One that cannot be opened
/// never will be (its key is gone): it comes back as its id alone, to be dropped.
async fn opened(state: SessionState, outbox: Outbox) -> Vec<Result<NewFeedback, Uuid>> {
    let mut all: Vec<Result<NewFeedback, Uuid>> = outbox.items.into_iter().map(Ok).collect();
    // A session without a key cannot open anything sealed: keep it all for one that can, rather
    // than dropping words as if their key were gone for good (as after erasure).
    if state.storage_key().is_none() {
        return all;
    }
    for item in outbox.sealed {
        let plain = crate::sealed::open(state, &item.sealed).await;
        all.push(
            plain
                .and_then(|p| serde_json::from_str(&p).ok())
                .ok_or(item.id),
        );
    }
    all
}

/// Sends what the signed-in account has waiting. It stops, keeping the items, at the first network
/// failure or when the session has ended (they go after the next sign-in). An item the server
/// refuses for good cannot succeed by resending, so it is dropped and the young person is told why.
pub async fn flush(state: SessionState, pending: Pending) {
    let Some(user) = state.me().map(|m| m.id) else {
        return;
    };
    for item in opened(state, load(user)).await {
        let item = match item {
            Ok(item) => item,
            Err(id) => {
                let mut outbox = load(user);
                outbox.remove(id);
                save(user, &outbox);
                continue;
            }
        };
        let id = item.id;
        match api::submit_feedback(state, item).await {
            Err(Failure::Network) => break,
            Err(f) if f.is_signed_out() => break,
            result => {
                if let Err(Failure::Api(e)) = result {
                    pending.refused.set(Some(crate::i18n::error_text(&e)));
                }
                let mut outbox = load(user);
                outbox.remove(id);
                save(user, &outbox);
            }
        }
    }
    pending.waiting.set(count_all());
}

async fn retry(state: SessionState, pending: Pending) {
    if state.me().is_none() {
        match api::refresh().await {
            Ok(session) => state.signed_in(session),
            Err(Failure::Network) => return,
            // Reached, and not signed in: the pages may send them to the front door now.
            Err(_) => {
                state.unreachable.set(false);
                return;
            }
        }
    }
    flush(state, pending).await;
}

/// When the phone comes back online, and every few seconds while something is waiting (a bad
/// connection does not always say when it returns): restore the session if needed, then send.
pub fn watch(state: SessionState, pending: Pending) {
    let handle = window_event_listener(leptos::ev::online, move |_| {
        leptos::task::spawn_local(retry(state, pending));
    });
    // The listener lives as long as the app.
    std::mem::forget(handle);
    set_interval(
        move || {
            if pending.waiting.get_untracked() > 0 {
                leptos::task::spawn_local(retry(state, pending));
            }
        },
        std::time::Duration::from_secs(5),
    );
}

/// Registers the service worker that keeps the app's shell for offline use.
pub fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().service_worker().register("/sw.js");
    }
}

/// Reads something kept on this phone (e.g. a panel's score drafts).
pub fn read_item(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Keeps something on this phone; `None` removes it.
pub fn write_item(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}
