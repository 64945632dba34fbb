//! Storing a submission: once per id, and if it needs a person now, the alert, its emails and the
//! audit entry in the same transaction, before any moderation and whatever the mail server does.

use crate::domain::safeguarding;
use crate::flows::safeguarding::raise_alert;
use crate::store::{self, feedback::Stored};
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use std::collections::{hash_map::Entry, HashMap};
use uuid::Uuid;

/// What became of one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    Stored(Stored),
    /// The service is not one of this young person's: nothing stored.
    NotLinked,
}

/// Stores a batch of submissions in one transaction (group commit) and says, in order, what
/// became of each. Per batch: one query for the service links, one for each organisation's
/// safeguarding phrases, one insert; then an alert for each new submission that needs one.
pub async fn submit_batch(
    db: &DatabaseConnection,
    batch: &[store::feedback::NewFeedback],
) -> Result<Vec<Submitted>, DbErr> {
    let txn = db.begin().await?;
    let pairs: Vec<(Uuid, Uuid)> = batch.iter().map(|f| (f.author_id, f.service_id)).collect();
    let linked = store::services::linked_pairs(&txn, &pairs).await?;
    let mut phrases: HashMap<Uuid, Vec<String>> = HashMap::new();
    for f in batch {
        if let Entry::Vacant(slot) = phrases.entry(f.organisation_id) {
            slot.insert(store::safeguarding::phrases(&txn, f.organisation_id).await?);
        }
    }
    let is_linked =
        |f: &store::feedback::NewFeedback| linked.contains(&(f.author_id, f.service_id));
    let to_store: Vec<_> = batch.iter().filter(|f| is_linked(f)).cloned().collect();
    let stored = store::feedback::insert_many_once(&txn, &to_store).await?;
    for (new, outcome) in to_store.iter().zip(&stored) {
        if !matches!(outcome, Stored::Created(_)) {
            continue;
        }
        let words = [new.tell_us_more.as_deref(), new.make_better.as_deref()];
        let reasons = safeguarding::check(
            &new.answers,
            new.wants_talk,
            words.into_iter().flatten(),
            phrases
                .get(&new.organisation_id)
                .map_or(&[][..], Vec::as_slice),
        );
        if !reasons.is_empty() {
            raise_alert(
                &txn,
                new.organisation_id,
                new.id,
                new.service_id,
                &reasons,
                None,
            )
            .await?;
        }
    }
    txn.commit().await?;
    let mut stored = stored.into_iter();
    Ok(batch
        .iter()
        .map(|f| match is_linked(f) {
            true => stored
                .next()
                .map_or(Submitted::NotLinked, Submitted::Stored),
            false => Submitted::NotLinked,
        })
        .collect())
}
