//! Feedback waiting to be sent: kept on the phone (per account) until the server has stored it,
//! sealed (`crate::sealed`) so nobody else can read it. The phone made each item's id, so sending
//! an item twice stores it once.

use serde::{Deserialize, Serialize};
use shared::api::NewFeedback;
use uuid::Uuid;

/// One waiting item: its id (made on the phone; no words) and the rest, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedItem {
    pub id: Uuid,
    pub sealed: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    #[serde(default)]
    pub sealed: Vec<SealedItem>,
    /// Kept by an older version of the app, before sealing: sent as they are, never added to.
    #[serde(default)]
    pub items: Vec<NewFeedback>,
}

impl Outbox {
    pub fn parse(json: Option<&str>) -> Outbox {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds a sealed item once (by id).
    pub fn push(&mut self, item: SealedItem) {
        if !self.sealed.iter().any(|i| i.id == item.id) {
            self.sealed.push(item);
        }
    }

    pub fn remove(&mut self, id: Uuid) {
        self.sealed.retain(|i| i.id != id);
        self.items.retain(|i| i.id != id);
    }

    pub fn len(&self) -> usize {
        self.sealed.len() + self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The storage key for one account's outbox.
pub fn key(user: Uuid) -> String {
    format!("chorus.outbox.{user}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: u128) -> SealedItem {
        SealedItem {
            id: Uuid::from_u128(n),
            sealed: format!("sealed1.{n}"),
        }
    }

    #[test]
    fn items_survive_a_round_trip_and_are_queued_once() {
        let mut outbox = Outbox::default();
        outbox.push(item(1));
        outbox.push(item(1));
        outbox.push(item(2));
        let restored = Outbox::parse(Some(&outbox.to_json()));
        assert_eq!(restored.len(), 2);
        let mut restored = restored;
        restored.remove(Uuid::from_u128(1));
        assert_eq!(
            restored.sealed.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![Uuid::from_u128(2)]
        );
        assert_eq!(Outbox::parse(Some("not json")), Outbox::default());
    }

    #[test]
    fn an_older_app_s_unsealed_items_are_still_read_and_removed() {
        let old = r#"{"items":[{"id":"00000000-0000-0000-0000-000000000007","service_id":"00000000-0000-0000-0000-000000000000","answers":{},"tell_us_more":"words","make_better":null,"named":false,"wants_talk":false}]}"#;
        let mut outbox = Outbox::parse(Some(old));
        assert_eq!((outbox.items.len(), outbox.sealed.len()), (1, 0));
        outbox.remove(Uuid::from_u128(7));
        assert!(outbox.is_empty());
        assert!(!outbox.to_json().contains("words"));
    }
}
