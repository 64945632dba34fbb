//! A participation officer's decisions on a piece of feedback. Each is one transaction with its
//! audit entry; the redacted text is what anyone but the participation team ever sees.

use crate::domain::ids::OrganisationId;
use crate::domain::redaction::{self, Span};
use crate::domain::safeguarding::Reason;
use crate::flows::FlowError;
use crate::store::{self, entities::feedback};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{ModerationItem, ModerationStatus, NewsKind, Redactions, RejectionReason};
use shared::validate::{FreeText, Invalid};
use uuid::Uuid;

/// Who is acting, for which organisation.
#[derive(Debug, Clone, Copy)]
pub struct Officer {
    pub id: Uuid,
    pub organisation_id: OrganisationId,
}

async fn load(
    db: &impl ConnectionTrait,
    officer: Officer,
    id: Uuid,
) -> Result<feedback::Model, FlowError> {
    store::feedback::find_in_organisation(db, officer.organisation_id, id)
        .await?
        .ok_or(FlowError::NotFound(
            shared::Reason::FeedbackNotFound,
            "We could not find that feedback.",
        ))
}

fn redact(
    field: &'static str,
    text: Option<&str>,
    spans: &[Span],
) -> Result<Option<String>, FlowError> {
    match text {
        Some(text) => redaction::apply(text, spans).map(Some).map_err(|e| {
            FlowError::Invalid(Invalid {
                field,
                reason: shared::Reason::BadRedaction,
                message: e.to_string(),
            })
        }),
        None if spans.is_empty() => Ok(None),
        None => Err(FlowError::Invalid(Invalid {
            field,
            reason: shared::Reason::BadRedaction,
            message: "There is no text there to remove anything from.".into(),
        })),
    }
}

/// Tells the author what became of their feedback.
async fn tell(
    db: &impl ConnectionTrait,
    officer: Officer,
    item: &feedback::Model,
    kind: NewsKind,
) -> Result<(), FlowError> {
    crate::flows::news::tell(
        db,
        officer.organisation_id,
        &[item.author_id],
        kind,
        item.id,
    )
    .await?;
    Ok(())
}

pub async fn approve(
    db: &DatabaseConnection,
    officer: Officer,
    id: Uuid,
    redactions: &Redactions,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    store::aggregates::begin_change(&txn, officer.organisation_id).await?;
    let item = load(&txn, officer, id).await?;
    let published_tell = redact(
        "tell_us_more",
        item.tell_us_more.as_deref(),
        &redactions.tell_us_more,
    )?;
    let published_better = redact(
        "make_better",
        item.make_better.as_deref(),
        &redactions.make_better,
    )?;
    let before = store::aggregates::approved_by(&txn, item.author_id, item.service_id).await?;
    store::feedback::record_decision(
        &txn,
        id,
        officer.id,
        store::feedback::Decision::Approved {
            tell_us_more: published_tell,
            make_better: published_better,
        },
    )
    .await?;
    update_scores(&txn, &item, &before).await?;
    tell(&txn, officer, &item, NewsKind::FeedbackPublished).await?;
    audit(
        &txn,
        officer,
        "feedback_approved",
        id,
        json!({
            "previous_status": item.status,
            "removed_spans": redactions.tell_us_more.len() + redactions.make_better.len(),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn reject(
    db: &DatabaseConnection,
    officer: Officer,
    id: Uuid,
    reason: RejectionReason,
    note: Option<&str>,
) -> Result<(), FlowError> {
    let note = FreeText::parse("note", note)?;
    if reason == RejectionReason::Other && note.is_none() {
        return Err(Invalid {
            field: "note",
            reason: shared::Reason::NoteNeeded,
            message: "Please write a few words for the young person about why.".into(),
        }
        .into());
    }
    let txn = db.begin().await?;
    store::aggregates::begin_change(&txn, officer.organisation_id).await?;
    let item = load(&txn, officer, id).await?;
    let before = store::aggregates::approved_by(&txn, item.author_id, item.service_id).await?;
    store::feedback::record_decision(
        &txn,
        id,
        officer.id,
        store::feedback::Decision::Rejected {
            reason: reason.as_str(),
            note: note.map(FreeText::into_inner),
        },
    )
    .await?;
    update_scores(&txn, &item, &before).await?;
    tell(&txn, officer, &item, NewsKind::FeedbackNotPublished).await?;
    audit(
        &txn,
        officer,
        "feedback_rejected",
        id,
        json!({ "previous_status": item.status, "reason": reason.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn escalate(
    db: &DatabaseConnection,
    officer: Officer,
    id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let item = load(&txn, officer, id).await?;
    crate::flows::safeguarding::raise_alert(
        &txn,
        officer.organisation_id,
        id,
        item.service_id,
        &[Reason::EscalatedByOfficer],
        Some(officer.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The original words of one item, for the participation team only; every read is audited.
pub async fn read_original(
    db: &DatabaseConnection,
    officer: Officer,
    id: Uuid,
) -> Result<ModerationItem, FlowError> {
    let txn = db.begin().await?;
    let item = load(&txn, officer, id).await?;
    store::feedback::mark_read(&txn, id).await?;
    audit(&txn, officer, "original_text_read", id, json!({})).await?;
    let service = store::services::row(&txn, item.service_id).await?;
    let people = [Some(item.author_id), item.assisted_by];
    let names =
        store::users::display_names(&txn, &people.into_iter().flatten().collect::<Vec<_>>())
            .await?;
    txn.commit().await?;
    let (service_name, provider_name) = service
        .map(|s| (s.name, s.provider_name))
        .unwrap_or_default();
    let author = names.get(&item.author_id).cloned().unwrap_or_default();
    let helper = item.assisted_by.and_then(|h| names.get(&h).cloned());
    Ok(moderation_item(
        item,
        (service_name, provider_name),
        author,
        helper,
    ))
}

/// Listing the pending queue shows officers the original words, so it is audited too.
pub async fn read_queue(
    db: &DatabaseConnection,
    officer: Officer,
) -> Result<Vec<ModerationItem>, FlowError> {
    let txn = db.begin().await?;
    let items = store::feedback::pending_queue(&txn, officer.organisation_id, 200).await?;
    if !items.is_empty() {
        let ids: Vec<Uuid> = items.iter().map(|i| i.feedback.id).collect();
        store::feedback::mark_read_many(&txn, &ids).await?;
        store::audit::append(
            &txn,
            store::audit::Event {
                organisation_id: officer.organisation_id,
                actor_id: Some(officer.id),
                action: "moderation_queue_read",
                subject: "feedback:pending".into(),
                details: json!({ "feedback_ids": ids }),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(items
        .into_iter()
        .map(|i| {
            moderation_item(
                i.feedback,
                (i.service_name, i.provider_name),
                i.author_display_name,
                i.helper_display_name,
            )
        })
        .collect())
}

/// An item as officers see it, with identifying details pre-highlighted.
fn moderation_item(
    f: feedback::Model,
    (service_name, provider_name): (String, String),
    author: String,
    helper: Option<String>,
) -> ModerationItem {
    let highlights = Redactions {
        tell_us_more: f
            .tell_us_more
            .as_deref()
            .map(redaction::detect)
            .unwrap_or_default(),
        make_better: f
            .make_better
            .as_deref()
            .map(redaction::detect)
            .unwrap_or_default(),
    };
    ModerationItem {
        id: f.id,
        service_id: f.service_id,
        service_name,
        provider_name,
        received_at: f.received_at,
        status: status_of(&f),
        safeguarding: f.safeguarding,
        answers: store::feedback::answers_of(&f),
        highlights,
        wants_talk: f.wants_talk,
        // Officers see a name only when the young person chose to be named.
        author_display_name: f.named.then_some(author),
        assisted_by: helper,
        tell_us_more: f.tell_us_more,
        make_better: f.make_better,
    }
}

/// Keeps the score aggregates in step with the decision, in the same transaction.
async fn update_scores(
    txn: &impl ConnectionTrait,
    item: &feedback::Model,
    before: &[crate::domain::windows::Answered],
) -> Result<(), FlowError> {
    let after = store::aggregates::approved_by(txn, item.author_id, item.service_id).await?;
    store::aggregates::apply_change(txn, item.organisation_id, item.service_id, before, &after)
        .await?;
    Ok(())
}

async fn audit(
    txn: &impl ConnectionTrait,
    officer: Officer,
    action: &str,
    id: Uuid,
    details: serde_json::Value,
) -> Result<(), FlowError> {
    let subject = format!("feedback:{id}");
    super::audit::record(
        txn,
        officer.organisation_id,
        officer.id,
        action,
        subject,
        details,
    )
    .await?;
    Ok(())
}

/// Statuses an item can be in, for callers that show it.
pub fn status_of(item: &feedback::Model) -> ModerationStatus {
    item.status
}
