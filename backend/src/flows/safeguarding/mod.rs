//! Safeguarding: raising an alert when feedback needs a person now, escalating alerts nobody
//! acknowledged, the organisation's phrase list, and (in `cases`) officers taking each alert to an
//! outcome. Every step is one transaction with its emails (through the outbox) and its audit entry.

use crate::auth::AuthUser;
use crate::domain::ids::OrganisationId;
use crate::domain::safeguarding::Reason;
use crate::flows::FlowError;
use crate::store;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::MailStatus;
use shared::validate::Invalid;
use uuid::Uuid;

mod cases;
pub mod rota;

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

/// Flags the feedback, raises the alert, emails the first step of the duty rota that is on now
/// (without a rota, the safeguarding address or every participation officer) and audits it. The
/// email never carries the young person's words.
pub async fn raise_alert(
    txn: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    feedback_id: Uuid,
    service_id: Uuid,
    reasons: &[Reason],
    actor: Option<Uuid>,
) -> Result<(), DbErr> {
    store::feedback::flag_safeguarding(txn, feedback_id).await?;
    let Some(organisation) = store::organisations::find(txn, organisation_id).await? else {
        return Err(DbErr::RecordNotFound("organisation".into()));
    };
    let chain = rota::chain(txn, &organisation).await?;
    let step = crate::domain::safeguarding::rota::first(&chain.steps, chain.hours, Utc::now())
        .unwrap_or(0);
    let reasons_json = json!(reasons);
    let position = i32::try_from(step).unwrap_or(0);
    let (alert, new) =
        store::safeguarding::raise(txn, organisation_id, feedback_id, &reasons_json, position)
            .await?;
    if !new {
        return Ok(());
    }
    let service_name = store::services::name(txn, service_id)
        .await?
        .unwrap_or_default();
    let why: Vec<&str> = reasons.iter().map(describe).collect();
    let body = format!(
        "A young person's feedback about {service_name} needs a participation officer now.\n\n\
         Why: {}.\n\n\
         Open Chorus, go to Safeguarding cases, read it and acknowledge it. If nobody \
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
        details: json!({ "alert_id": alert.id, "reasons": reasons, "told": chain.labels.get(step) }),
    };
    let recipients = chain.recipients.get(step).cloned().unwrap_or_default();
    notify(txn, &recipients, notice).await
}

/// Moves every unacknowledged alert whose step's time is up at `now` on to the next step of the
/// duty rota, emailing it: once per step, however many instances run this at the same time.
pub async fn escalate_due_alerts(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<usize, FlowError> {
    let mut escalated = 0;
    for organisation in store::organisations::all(db).await? {
        let waiting = store::safeguarding::unacknowledged(db, organisation.id).await?;
        if waiting.is_empty() {
            continue;
        }
        let chain = rota::chain(db, &organisation).await?;
        for alert in waiting {
            let current = usize::try_from(alert.escalation_step).unwrap_or(0);
            let told_at = alert.escalated_at.unwrap_or(alert.raised_at);
            let Some(to) = crate::domain::safeguarding::rota::next(
                &chain.steps,
                chain.hours,
                current,
                told_at,
                now,
            ) else {
                continue;
            };
            let txn = db.begin().await?;
            let step = i32::try_from(to).unwrap_or(0);
            if !store::safeguarding::claim_escalation(&txn, alert.id, alert.escalations, step, now)
                .await?
            {
                continue;
            }
            let label = chain.labels.get(to).cloned().unwrap_or_default();
            let waited = (now - alert.raised_at).num_minutes();
            let body = format!(
                "A safeguarding alert raised at {} has not been acknowledged after {waited} \
                 minutes. You are told as: {label}.\n\n\
                 Please open Chorus now, go to Safeguarding cases and act on it.\n\nAlert {}\n",
                alert.raised_at.format("%H:%M on %d %B %Y (UTC)"),
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
                details: json!({ "alert_id": alert.id, "step": to + 1, "told": label }),
            };
            let recipients = chain.recipients.get(to).cloned().unwrap_or_default();
            notify(&txn, &recipients, notice).await?;
            txn.commit().await?;
            escalated += 1;
        }
    }
    Ok(escalated)
}

/// Whether the organisation's safeguarding email is stuck: what the officers' pages warn of when
/// the mail server has not taken alerts for as long as `watch` allows.
pub async fn mail_status(
    db: &DatabaseConnection,
    officer: AuthUser,
    watch: crate::flows::health::MailWatch,
) -> Result<MailStatus, FlowError> {
    let now = Utc::now();
    let before = now - watch.stuck_after;
    let (stuck, oldest) =
        store::outbox::safeguarding_unsent_since(db, officer.organisation_id, before).await?;
    let minutes = oldest.map_or(0, |at| (now - at).num_minutes());
    Ok(MailStatus {
        stuck: u32::try_from(stuck).unwrap_or(u32::MAX),
        oldest_minutes: u32::try_from(minutes).unwrap_or(0),
    })
}

/// The phrases that raise an alert when a young person writes them.
pub async fn phrases(db: &DatabaseConnection, editor: AuthUser) -> Result<Vec<String>, FlowError> {
    Ok(store::safeguarding::phrases(db, editor.organisation_id).await?)
}

/// Replaces the phrase list (trimmed, lower-cased, duplicates dropped); returns the list kept.
pub async fn replace_phrases(
    db: &DatabaseConnection,
    editor: AuthUser,
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
    store::safeguarding::replace_phrases(&txn, editor.organisation_id, &phrases).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: editor.organisation_id,
            actor_id: Some(editor.id),
            action: "safeguarding_phrases_changed",
            subject: "organisation:safeguarding_phrases".into(),
            details: json!({ "count": phrases.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(phrases)
}
