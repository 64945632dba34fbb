//! Storing a submission: once per id, and if it needs a person now, the alert, its emails and the
//! audit entry in the same transaction, before any moderation and whatever the mail server does.

use crate::domain::safeguarding::{self, Reason};
use crate::store::{self, feedback::Stored};
use sea_orm::{DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::Role;
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

fn describe(reason: &Reason) -> &'static str {
    match reason {
        Reason::AskedToTalk => "asked for someone to talk to them",
        Reason::FeelsUnsafe => "answered \"I feel safe here\" with the lowest face",
        Reason::Phrase(_) => "wrote words that are on the safeguarding list",
        Reason::EscalatedByOfficer => "a participation officer escalated it",
    }
}

/// Flags the feedback, raises the alert, emails the safeguarding address (or every participation
/// officer when none is set) and audits it. The email never carries the young person's words.
pub async fn raise_alert(
    txn: &impl sea_orm::ConnectionTrait,
    organisation_id: Uuid,
    feedback_id: Uuid,
    service_id: Uuid,
    reasons: &[Reason],
    actor: Option<Uuid>,
) -> Result<(), DbErr> {
    store::feedback::flag_safeguarding(txn, feedback_id).await?;
    let (alert, new) =
        store::safeguarding::raise(txn, organisation_id, feedback_id, &json!(reasons)).await?;
    if !new {
        return Ok(());
    }
    let organisation = store::organisations::find(txn, organisation_id).await?;
    let service_name = store::services::name(txn, service_id)
        .await?
        .unwrap_or_default();
    let recipients: Vec<String> = match organisation
        .as_ref()
        .and_then(|o| o.safeguarding_email.clone())
    {
        Some(address) => vec![address],
        None => {
            store::users::emails_with_role(txn, organisation_id, Role::ParticipationOfficer).await?
        }
    };
    let why: Vec<&str> = reasons.iter().map(describe).collect();
    let body = format!(
        "A young person's feedback about {service_name} needs a participation officer now.\n\n\
         Why: {}.\n\n\
         Open Chorus, go to Safeguarding alerts, read it and acknowledge the alert. If nobody \
         acknowledges it, it will be escalated.\n\nAlert {}\n",
        why.join("; "),
        alert.id
    );
    for recipient in &recipients {
        store::outbox::enqueue(
            txn,
            store::outbox::NewEmail {
                organisation_id,
                kind: "safeguarding_alert",
                recipient,
                subject: "Chorus safeguarding alert: please act now",
                body: &body,
            },
        )
        .await?;
    }
    store::audit::append(
        txn,
        store::audit::Event {
            organisation_id,
            actor_id: actor,
            action: "safeguarding_alert_raised",
            subject: format!("feedback:{feedback_id}"),
            details: json!({ "alert_id": alert.id, "reasons": reasons, "emails": recipients.len() }),
        },
    )
    .await?;
    Ok(())
}
