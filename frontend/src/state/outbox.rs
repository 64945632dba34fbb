//! Feedback waiting to be sent: kept on the phone (per account) until the server has stored it.
//! The phone made each item's id, so sending an item twice stores it once.

use serde::{Deserialize, Serialize};
use shared::api::NewFeedback;
use uuid::Uuid;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
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

    /// Adds an item once (by id).
    pub fn push(&mut self, item: NewFeedback) {
        if !self.items.iter().any(|i| i.id == item.id) {
            self.items.push(item);
        }
    }

    pub fn remove(&mut self, id: Uuid) {
        self.items.retain(|i| i.id != id);
    }
}

/// The storage key for one account's outbox.
pub fn key(user: Uuid) -> String {
    format!("chorus.outbox.{user}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: u128) -> NewFeedback {
        NewFeedback {
            id: Uuid::from_u128(n),
            service_id: Uuid::nil(),
            answers: shared::Answers::default(),
            tell_us_more: Some("words".into()),
            make_better: None,
            named: false,
            wants_talk: false,
        }
    }

    #[test]
    fn items_survive_a_round_trip_and_are_queued_once() {
        let mut outbox = Outbox::default();
        outbox.push(item(1));
        outbox.push(item(1));
        outbox.push(item(2));
        let restored = Outbox::parse(Some(&outbox.to_json()));
        assert_eq!(restored.items.len(), 2);
        let mut restored = restored;
        restored.remove(Uuid::from_u128(1));
        assert_eq!(
            restored.items.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![Uuid::from_u128(2)]
        );
        assert_eq!(Outbox::parse(Some("not json")), Outbox::default());
    }
}
