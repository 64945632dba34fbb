//! A young commissioner's scores on one panel as they go: kept on the phone (per account and
//! panel) until the server has them, so a score given offline is not lost and is sent later.

use serde::{Deserialize, Serialize};
use shared::tender::{MyScore, PanelBid};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub score: Option<u8>,
    pub reason: String,
    /// The server has this version.
    pub saved: bool,
}

/// Drafts by (bid, question).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafts {
    pub items: BTreeMap<String, Draft>,
}

fn slot(bid: Uuid, question: Uuid) -> String {
    format!("{bid}:{question}")
}

impl Drafts {
    pub fn parse(json: Option<&str>) -> Drafts {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What the server holds, overlaid with what the phone has not sent yet.
    pub fn merged(server: &[MyScore], local: &Drafts) -> Drafts {
        let mut items: BTreeMap<String, Draft> = server
            .iter()
            .map(|s| {
                (
                    slot(s.bid_id, s.question_id),
                    Draft {
                        score: Some(s.score),
                        reason: s.reason.clone(),
                        saved: true,
                    },
                )
            })
            .collect();
        for (key, draft) in &local.items {
            if !draft.saved {
                items.insert(key.clone(), draft.clone());
            }
        }
        Drafts { items }
    }

    pub fn get(&self, bid: Uuid, question: Uuid) -> Option<&Draft> {
        self.items.get(&slot(bid, question))
    }

    pub fn set(&mut self, bid: Uuid, question: Uuid, score: Option<u8>, reason: String) {
        self.items.insert(
            slot(bid, question),
            Draft {
                score,
                reason,
                saved: false,
            },
        );
    }

    pub fn mark_saved(&mut self, bid: Uuid, question: Uuid, score: u8, reason: &str) {
        if let Some(d) = self.items.get_mut(&slot(bid, question)) {
            if d.score == Some(score) && d.reason.trim() == reason.trim() {
                d.saved = true;
            }
        }
    }

    /// Drafts ready to send (a score and a reason) that the server does not have yet.
    pub fn unsent(&self) -> Vec<(Uuid, Uuid, u8, String)> {
        self.items
            .iter()
            .filter(|(_, d)| !d.saved && !d.reason.trim().is_empty())
            .filter_map(|(key, d)| {
                let (bid, question) = key.split_once(':')?;
                Some((
                    bid.parse().ok()?,
                    question.parse().ok()?,
                    d.score?,
                    d.reason.clone(),
                ))
            })
            .collect()
    }

    /// How many answered questions on these bids still need a score and a reason.
    pub fn to_do(&self, bids: &[PanelBid]) -> usize {
        bids.iter()
            .flat_map(|b| {
                b.questions
                    .iter()
                    .filter(|q| q.easy_read.is_some())
                    .map(move |q| (b.id, q.id))
            })
            .filter(|&(b, q)| !self.get(b, q).is_some_and(|d| d.saved && d.score.is_some()))
            .count()
    }
}

/// The storage key for one account's drafts on one panel.
pub fn key(user: Uuid, tender: Uuid) -> String {
    format!("chorus.scores.{user}.{tender}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use shared::tender::PanelQuestion;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn unsent_local_drafts_win_over_the_server_and_survive_a_round_trip() {
        let server = vec![MyScore {
            bid_id: id(1),
            question_id: id(2),
            score: 3,
            reason: "ok".into(),
            submitted: false,
        }];
        let mut local = Drafts::default();
        local.set(id(1), id(2), Some(5), "changed my mind offline".into());
        local.set(id(1), id(3), Some(2), String::new());
        let merged = Drafts::merged(&server, &Drafts::parse(Some(&local.to_json())));
        assert_eq!(merged.get(id(1), id(2)).unwrap().score, Some(5));
        assert_eq!(
            merged.unsent(),
            vec![(id(1), id(2), 5, "changed my mind offline".to_owned())],
            "no reason, not sent"
        );
        let mut merged = merged;
        merged.mark_saved(id(1), id(2), 5, "changed my mind offline");
        assert!(merged.unsent().is_empty());
    }

    #[test]
    fn to_do_counts_answered_questions_without_a_saved_score() {
        let bid = PanelBid {
            id: id(1),
            label: "A".into(),
            questions: vec![
                PanelQuestion {
                    id: id(2),
                    plain_text: "Q".into(),
                    rubric: vec![],
                    easy_read: Some("x".into()),
                },
                PanelQuestion {
                    id: id(3),
                    plain_text: "Q".into(),
                    rubric: vec![],
                    easy_read: None,
                },
            ],
            my_scores: vec![],
        };
        let mut drafts = Drafts::default();
        assert_eq!(drafts.to_do(std::slice::from_ref(&bid)), 1);
        drafts.set(id(1), id(2), Some(4), "good".into());
        assert_eq!(drafts.to_do(std::slice::from_ref(&bid)), 1, "not saved yet");
        drafts.mark_saved(id(1), id(2), 4, "good");
        assert_eq!(drafts.to_do(&[bid]), 0);
    }
}
