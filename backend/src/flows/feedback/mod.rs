//! Storing a submission: once per id, and if it needs a person now, the alert, its emails and the
//! audit entry in the same transaction, before any moderation and whatever the mail server does.
//! Requests hand their submissions to the group-commit writer (`writer`), which stores whatever
//! has queued up meanwhile in one transaction (`submit_batch`).

pub mod writer;

use crate::auth::AuthUser;
use crate::domain::ids::OrganisationId;
use crate::domain::safeguarding;
use crate::flows::safeguarding::raise_alert;
use crate::flows::FlowError;
use crate::store::{self, feedback::Stored};
use chrono::Utc;
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use shared::api::FeedbackReceipt;
use shared::validate::{feedback_words, FreeText, Invalid};
use shared::Reason;
use std::collections::{hash_map::Entry, HashMap};
use uuid::Uuid;
use writer::SubmissionWriter;

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
    let mut phrases: HashMap<OrganisationId, Vec<String>> = HashMap::new();
    for f in batch {
        if let Entry::Vacant(slot) = phrases.entry(f.organisation_id) {
            slot.insert(store::safeguarding::phrases(&txn, f.organisation_id).await?);
        }
    }
    let is_linked =
        |f: &store::feedback::NewFeedback| linked.contains(&(f.author_id, f.service_id));
    let to_store: Vec<_> = batch.iter().filter(|f| is_linked(f)).cloned().collect();
    let stored = store::feedback::insert_many_once(&txn, &to_store, Utc::now()).await?;
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

/// The receipt for a submission, and whether it was stored now or by an earlier try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receipt {
    Created(FeedbackReceipt),
    AlreadyStored(FeedbackReceipt),
}

/// A young person's submission: its words checked, then stored through the group-commit writer
/// once per id; answered once its batch has committed.
pub async fn submit(
    writer: &SubmissionWriter,
    young_person: AuthUser,
    body: shared::api::NewFeedback,
) -> Result<Receipt, FlowError> {
    let (tell_us_more, make_better) = feedback_words(
        &body.answers,
        body.tell_us_more.as_deref(),
        body.make_better.as_deref(),
        body.wants_talk,
    )?;
    let submitted = writer
        .submit(store::feedback::NewFeedback {
            id: body.id,
            organisation_id: young_person.organisation_id,
            service_id: body.service_id,
            author_id: young_person.id,
            answers: body.answers,
            tell_us_more: tell_us_more.map(FreeText::into_inner),
            make_better: make_better.map(FreeText::into_inner),
            named: body.named,
            wants_talk: body.wants_talk,
            assisted_by: young_person.assisted_by,
        })
        .await?;
    let receipt = |received_at| FeedbackReceipt {
        id: body.id,
        received_at,
    };
    match submitted {
        Submitted::Stored(Stored::Created(at)) => Ok(Receipt::Created(receipt(at))),
        Submitted::Stored(Stored::AlreadyStored(at)) => Ok(Receipt::AlreadyStored(receipt(at))),
        Submitted::Stored(Stored::IdTaken) => Err(FlowError::Conflict(
            Reason::FeedbackIdTaken,
            "That feedback id is already used. Please send it again from the app.",
        )),
        Submitted::Stored(Stored::DifferentBody) => Err(FlowError::Conflict(
            Reason::FeedbackChanged,
            "You already sent different feedback with this id, so this was not saved. \
             Please send it again from the app.",
        )),
        Submitted::NotLinked => Err(Invalid {
            field: "service_id",
            reason: Reason::UnknownService,
            message:
                "We could not find that service in your list. Please go back and choose it again."
                    .into(),
        }
        .into()),
    }
}
