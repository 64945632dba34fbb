//! Safeguarding: raising an alert when feedback needs a person now, escalating alerts nobody
//! acknowledged, the organisation's phrase list, and (in `cases`) officers taking each alert to an
//! outcome. Every step is one transaction with its emails (through the outbox) and its audit entry.

use crate::auth::AuthUser;
use crate::domain::ids::OrganisationId;
use crate::domain::safeguarding::Reason;
use crate::flows::FlowError;
use crate::store;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::MailStatus;
use shared::validate::Invalid;
use shared::Role;
use uuid::Uuid;

mod cases;

pub use cases::{acknowledge, alerts, case, close, record_action, young_person};

/// An email to a list of people about one alert, and the audit entry that records it.
struct Notice<'a> {
    organisation_id: OrganisationId,
    actor_id: Option<Uuid>,
    feedback_id: Uuid,
    kind: &'a str,
    subject: &'a str,
    body: String,
    action: &'a str,
    details: serde_json::Value,
}

/// Queues the email to each recipient and audits it, with the count of emails in the details.
async fn notify(
    txn: &impl ConnectionTrait,
    recipients: &[String],
    notice: Notice<'_>,
) -> Result<(), DbErr> {
    for recipient in recipients {
        store::outbox::enqueue(
            txn,
            store::outbox::NewEmail {
                organisation_id: notice.organisation_id,
                kind: notice.kind,
                recipient,
                subject: notice.subject,
                body: &notice.body,
            },
        )
        .await?;
    }
    let mut details = notice.details;
    details["emails"] = json!(recipients.len());
    store::audit::append(
        txn,
        store::audit::Event {
            organisation_id: notice.organisation_id,
            actor_id: notice.actor_id,
            action: notice.action,
            subject: format!("feedback:{}", notice.feedback_id),
            details,
        },
    )
    .await?;
    Ok(())
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
    txn: &impl ConnectionTrait,
    organisation_id: OrganisationId,
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
    let notice = Notice {
        organisation_id,
        actor_id: actor,
        feedback_id,
        kind: "safeguarding_alert",
        subject: "Chorus safeguarding alert: please act now",
        body,
        action: "safeguarding_alert_raised",
        details: json!({ "alert_id": alert.id, "reasons": reasons }),
    };
    notify(txn, &recipients, notice).await
}

/// Emails every unacknowledged alert older than its organisation's escalation time, once, to
/// every participation officer and the safeguarding address.
pub async fn escalate_due_alerts(db: &DatabaseConnection) -> Result<usize, FlowError> {
    let mut escalated = 0;
    for organisation in store::organisations::all(db).await? {
        let cutoff = Utc::now() - Duration::minutes(i64::from(organisation.escalate_after_minutes));
        for alert in store::safeguarding::due_for_escalation(db, organisation.id, cutoff).await? {
            let txn = db.begin().await?;
            if !store::safeguarding::mark_escalated(&txn, alert.id).await? {
                continue;
            }
            let mut recipients =
                store::users::emails_with_role(&txn, organisation.id, Role::ParticipationOfficer)
                    .await?;
            recipients.extend(organisation.safeguarding_email.clone());
            recipients.sort();
            recipients.dedup();
            let body = format!(
                "A safeguarding alert raised at {} has not been acknowledged after {} minutes.\n\n\
                 Please open Chorus now, go to Safeguarding alerts and act on it.\n\nAlert {}\n",
                alert.raised_at.format("%H:%M on %d %B %Y (UTC)"),
                organisation.escalate_after_minutes,
                alert.id
            );
            let notice = Notice {
                organisation_id: organisation.id,
                actor_id: None,
                feedback_id: alert.feedback_id,
                kind: "safeguarding_escalation",
                subject: "ESCALATED: Chorus safeguarding alert not yet acknowledged",
                body,
                action: "safeguarding_alert_escalated",
                details: json!({ "alert_id": alert.id }),
            };
            notify(&txn, &recipients, notice).await?;
            txn.commit().await?;
            escalated += 1;
        }
    }
    Ok(escalated)
}

/// Whether the organisation's safeguarding email is stuck: what the officers' pages warn of when
/// the mail server has not taken alerts for `MailStatus::STUCK_AFTER_MINUTES`.
pub async fn mail_status(
    db: &DatabaseConnection,
    officer: AuthUser,
) -> Result<MailStatus, FlowError> {
    let now = Utc::now();
    let before = now - Duration::minutes(MailStatus::STUCK_AFTER_MINUTES);
    let (stuck, oldest) =
        store::outbox::safeguarding_unsent_since(db, officer.organisation_id, before).await?;
    let minutes = oldest.map_or(0, |at| (now - at).num_minutes());
    Ok(MailStatus {
        stuck: u32::try_from(stuck).unwrap_or(u32::MAX),
        oldest_minutes: u32::try_from(minutes).unwrap_or(0),
    })
}

/// The phrases that raise an alert when a young person writes them.
pub async fn phrases(db: &DatabaseConnection, admin: AuthUser) -> Result<Vec<String>, FlowError> {
    Ok(store::safeguarding::phrases(db, admin.organisation_id).await?)
}

/// Replaces the phrase list (trimmed, lower-cased, duplicates dropped); returns the list kept.
pub async fn replace_phrases(
    db: &DatabaseConnection,
    admin: AuthUser,
    given: &[String],
) -> Result<Vec<String>, FlowError> {
    let mut phrases: Vec<String> = given
        .iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    phrases.sort();
    phrases.dedup();
    let bad = phrases
        .iter()
        .any(|p| p.chars().count() > 100 || p.chars().any(char::is_control));
    if phrases.is_empty() || phrases.len() > 500 || bad {
        return Err(Invalid {
            field: "phrases",
            reason: shared::Reason::PhrasesInvalid,
            message: "Give between 1 and 500 phrases, each up to 100 characters on one line."
                .into(),
        }
        .into());
    }
    let txn = db.begin().await?;
    store::safeguarding::replace_phrases(&txn, admin.organisation_id, &phrases).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: admin.organisation_id,
            actor_id: Some(admin.id),
            action: "safeguarding_phrases_changed",
            subject: "organisation:safeguarding_phrases".into(),
            details: json!({ "count": phrases.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(phrases)
}
