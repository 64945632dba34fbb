//! The participation team's work on a case: the list with each case's status, taking one on,
//! recording what was done, closing it with an outcome, and finding out who the young person is
//! (each look audited). Every change is one transaction with its audit entry.

use crate::auth::AuthUser;
use crate::domain::safeguarding::case::{self, OutOfOrder, Step};
use crate::flows::FlowError;
use crate::store::{self, entities::safeguarding_alert};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::{Alert, CaseStep, CaseYoungPerson, RecordCaseAction, SafeguardingCase};
use uuid::Uuid;

const NOT_FOUND: FlowError = FlowError::NotFound(
    shared::Reason::AlertNotFound,
    "We could not find that alert.",
);

/// The organisation's alerts, open ones first. Never the young person's words.
pub async fn alerts(db: &DatabaseConnection, officer: AuthUser) -> Result<Vec<Alert>, FlowError> {
    let txn = db.begin().await?;
    let alerts = store::safeguarding::list(&txn, officer.organisation_id, 200).await?;
    let views = views(&txn, &officer, alerts).await?;
    txn.commit().await?;
    Ok(views)
}

/// The alerts as officers see them: five batched reads, not five per alert.
async fn views(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    alerts: Vec<safeguarding_alert::Model>,
) -> Result<Vec<Alert>, DbErr> {
    let feedback_ids: Vec<Uuid> = alerts.iter().map(|a| a.feedback_id).collect();
    let service_of =
        store::feedback::services_of(txn, officer.organisation_id, &feedback_ids).await?;
    let service_ids: Vec<Uuid> = service_of.values().copied().collect();
    let service_names = store::services::names(txn, &service_ids).await?;
    let officer_ids: Vec<Uuid> = alerts.iter().filter_map(|a| a.acknowledged_by).collect();
    let officer_names = store::users::display_names(txn, &officer_ids).await?;
    let alert_ids: Vec<Uuid> = alerts.iter().map(|a| a.id).collect();
    let actions = store::safeguarding::action_counts(txn, &alert_ids).await?;
    let view = |alert: safeguarding_alert::Model| Alert {
        id: alert.id,
        feedback_id: alert.feedback_id,
        service_name: service_of
            .get(&alert.feedback_id)
            .and_then(|s| service_names.get(s))
            .cloned()
            .unwrap_or_default(),
        raised_at: alert.raised_at,
        reasons: reason_names(&alert.reasons),
        acknowledged_at: alert.acknowledged_at,
        acknowledged_by: alert
            .acknowledged_by
            .and_then(|id| officer_names.get(&id).cloned()),
        escalated_at: alert.escalated_at,
        status: case::status(
            alert.acknowledged_at.is_some(),
            actions.get(&alert.id).copied().unwrap_or(0),
            alert.closed_at.is_some(),
        ),
        closed_at: alert.closed_at,
    };
    Ok(alerts.into_iter().map(view).collect())
}

fn reason_names(json: &str) -> Vec<String> {
    serde_json::from_str::<Vec<serde_json::Value>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .collect()
}

async fn find(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    id: Uuid,
) -> Result<safeguarding_alert::Model, FlowError> {
    store::safeguarding::find(txn, officer.organisation_id, id)
        .await?
        .ok_or(NOT_FOUND)
}

/// One case with its actions and how it ended.
pub async fn case(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<SafeguardingCase, FlowError> {
    let txn = db.begin().await?;
    let alert = find(&txn, &officer, id).await?;
    let found = read_case(&txn, &officer, alert).await?;
    txn.commit().await?;
    Ok(found)
}

async fn read_case(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    alert: safeguarding_alert::Model,
) -> Result<SafeguardingCase, DbErr> {
    let steps = store::safeguarding::steps(txn, alert.id).await?;
    let mut people: Vec<Uuid> = steps.iter().map(|s| s.actor_id).collect();
    people.extend(alert.closed_by);
    let names = store::users::display_names(txn, &people).await?;
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
    let closed_by = alert.closed_by.map(name);
    let outcome = alert.outcome.clone();
    let steps = steps
        .into_iter()
        .map(|step| CaseStep {
            action: step.action,
            detail: step.detail,
            by: name(step.actor_id),
            at: step.at,
        })
        .collect();
    let alert = views(txn, officer, vec![alert])
        .await?
        .pop()
        .ok_or(DbErr::RecordNotFound("alert".into()))?;
    Ok(SafeguardingCase {
        alert,
        steps,
        closed_by,
        outcome,
    })
}

fn refused(out_of_order: OutOfOrder) -> FlowError {
    match out_of_order {
        OutOfOrder::Closed => FlowError::Conflict(
            shared::Reason::CaseClosed,
            "This case is closed; nothing more can be recorded on it.",
        ),
        OutOfOrder::NotReady => FlowError::Conflict(
            shared::Reason::CaseNotReady,
            "Acknowledge the case, record what was done, then close it, in that order.",
        ),
    }
}

/// Holds the case for this transaction (so an action and a closing cannot cross) and checks the
/// step may be taken now.
async fn hold(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    id: Uuid,
    step: Step,
) -> Result<safeguarding_alert::Model, FlowError> {
    let alert = find(txn, officer, id).await?;
    if !store::safeguarding::hold_open(txn, alert.id).await? {
        return Err(refused(OutOfOrder::Closed));
    }
    let actions = store::safeguarding::action_counts(txn, &[alert.id]).await?;
    let status = case::status(
        alert.acknowledged_at.is_some(),
        actions.get(&alert.id).copied().unwrap_or(0),
        false,
    );
    case::may(status, step).map_err(refused)?;
    Ok(alert)
}

async fn audit(
    txn: &impl ConnectionTrait,
    officer: &AuthUser,
    action: &'static str,
    subject: String,
    details: serde_json::Value,
) -> Result<(), DbErr> {
    let organisation_id = officer.organisation_id;
    crate::flows::audit::record(txn, organisation_id, officer.id, action, subject, details).await
}

/// An officer takes an alert on: it stops escalating. Once only.
pub async fn acknowledge(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let alert = find(&txn, &officer, id).await?;
    if !store::safeguarding::acknowledge(&txn, alert.id, officer.id).await? {
        return Err(FlowError::Conflict(
            shared::Reason::AlertAcknowledged,
            "Someone has already acknowledged that alert.",
        ));
    }
    let subject = format!("feedback:{}", alert.feedback_id);
    let details = json!({ "alert_id": alert.id });
    audit(
        &txn,
        &officer,
        "safeguarding_alert_acknowledged",
        subject,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records what was done on an acknowledged case. The audit names the action, not its words.
pub async fn record_action(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
    given: RecordCaseAction,
) -> Result<SafeguardingCase, FlowError> {
    let detail = case::detail(given.action, &given.detail)?;
    let txn = db.begin().await?;
    let alert = hold(&txn, &officer, id, Step::Act).await?;
    let step = store::safeguarding::NewStep {
        organisation_id: officer.organisation_id,
        alert_id: alert.id,
        action: given.action,
        detail: detail.as_deref(),
        actor_id: officer.id,
    };
    store::safeguarding::add_step(&txn, step).await?;
    let subject = format!("feedback:{}", alert.feedback_id);
    let details = json!({ "alert_id": alert.id, "action": given.action.as_str() });
    audit(&txn, &officer, "safeguarding_case_action", subject, details).await?;
    let alert = find(&txn, &officer, id).await?;
    let updated = read_case(&txn, &officer, alert).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Closes a case that has at least one action, with its outcome. From then on retention may
/// remove the young person's words in their time.
pub async fn close(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
    outcome: &str,
) -> Result<SafeguardingCase, FlowError> {
    let outcome = case::outcome(outcome)?;
    let txn = db.begin().await?;
    let alert = hold(&txn, &officer, id, Step::Close).await?;
    if !store::safeguarding::close(&txn, alert.id, officer.id, &outcome).await? {
        return Err(refused(OutOfOrder::Closed));
    }
    let subject = format!("feedback:{}", alert.feedback_id);
    audit(
        &txn,
        &officer,
        "safeguarding_case_closed",
        subject,
        json!({ "alert_id": alert.id }),
    )
    .await?;
    let alert = find(&txn, &officer, id).await?;
    let updated = read_case(&txn, &officer, alert).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Who wrote the feedback behind a case, for the participation team to find them. Audited each
/// time, so who looked at which child's identity can always be answered.
pub async fn young_person(
    db: &DatabaseConnection,
    officer: AuthUser,
    id: Uuid,
) -> Result<CaseYoungPerson, FlowError> {
    let txn = db.begin().await?;
    let alert = find(&txn, &officer, id).await?;
    let author =
        store::feedback::find_in_organisation(&txn, officer.organisation_id, alert.feedback_id)
            .await?
            .map(|f| f.author_id)
            .ok_or(NOT_FOUND)?;
    let person = store::users::find(&txn, author)
        .await?
        .filter(|u| u.organisation_id == officer.organisation_id)
        .ok_or(NOT_FOUND)?;
    let services: Vec<String> = store::services::list_for_young_person(&txn, person.id)
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let details = json!({ "alert_id": alert.id });
    audit(
        &txn,
        &officer,
        "safeguarding_identity_viewed",
        format!("user:{}", person.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(CaseYoungPerson {
        display_name: person.display_name,
        sign_in_name: person.sign_in_name,
        services,
    })
}
