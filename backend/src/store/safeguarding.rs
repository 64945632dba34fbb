//! Safeguarding phrases (per organisation), alerts and the cases they become.

use super::entities::{safeguarding_alert, safeguarding_case_step, safeguarding_phrase};
use crate::domain::ids::OrganisationId;
use crate::domain::safeguarding::DEFAULT_PHRASES;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use shared::api::CaseAction;
use std::collections::HashMap;
use uuid::Uuid;

/// The organisation's phrases; an organisation that has never edited its list gets the defaults.
pub async fn phrases(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<String>, DbErr> {
    let stored: Vec<String> = safeguarding_phrase::Entity::find()
        .filter(safeguarding_phrase::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(safeguarding_phrase::Column::Phrase)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.phrase)
        .collect();
    if stored.is_empty() {
        return Ok(DEFAULT_PHRASES.iter().map(|p| (*p).to_owned()).collect());
    }
    Ok(stored)
}

/// Replaces the organisation's list (in the caller's transaction).
pub async fn replace_phrases(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    phrases: &[String],
) -> Result<(), DbErr> {
    safeguarding_phrase::Entity::delete_many()
        .filter(safeguarding_phrase::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    for phrase in phrases {
        safeguarding_phrase::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(organisation_id),
            phrase: Set(phrase.clone()),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Raises the alert for a submission, told first to the rota's `step`, or returns the one
/// already raised.
pub async fn raise(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    feedback_id: Uuid,
    reasons: &serde_json::Value,
    step: i32,
) -> Result<(safeguarding_alert::Model, bool), DbErr> {
    if let Some(existing) = safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::FeedbackId.eq(feedback_id))
        .one(db)
        .await?
    {
        return Ok((existing, false));
    }
    let alert = safeguarding_alert::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        feedback_id: Set(feedback_id),
        reasons: Set(reasons.to_string()),
        raised_at: Set(Utc::now()),
        acknowledged_at: Set(None),
        acknowledged_by: Set(None),
        escalated_at: Set(None),
        closed_at: Set(None),
        closed_by: Set(None),
        outcome: Set(None),
        escalation_step: Set(step),
        escalations: Set(0),
    }
    .insert(db)
    .await?;
    Ok((alert, true))
}

pub async fn list(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    limit: u64,
) -> Result<Vec<safeguarding_alert::Model>, DbErr> {
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        // Open alerts first (NULL ordering differs between SQLite and PostgreSQL, so say it).
        .order_by(
            Expr::col(safeguarding_alert::Column::AcknowledgedAt).is_null(),
            Order::Desc,
        )
        .order_by_desc(safeguarding_alert::Column::RaisedAt)
        .limit(limit)
        .all(db)
        .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<Option<safeguarding_alert::Model>, DbErr> {
    safeguarding_alert::Entity::find_by_id(id)
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// Acknowledges an open alert; false if it was already acknowledged.
pub async fn acknowledge(
    db: &impl ConnectionTrait,
    id: Uuid,
    officer: Uuid,
) -> Result<bool, DbErr> {
    let result = safeguarding_alert::Entity::update_many()
        .col_expr(
            safeguarding_alert::Column::AcknowledgedAt,
            Expr::value(Some(Utc::now())),
        )
        .col_expr(
            safeguarding_alert::Column::AcknowledgedBy,
            Expr::value(Some(officer)),
        )
        .filter(safeguarding_alert::Column::Id.eq(id))
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The actions recorded on a case, oldest first.
pub async fn steps(
    db: &impl ConnectionTrait,
    alert_id: Uuid,
) -> Result<Vec<safeguarding_case_step::Model>, DbErr> {
    safeguarding_case_step::Entity::find()
        .filter(safeguarding_case_step::Column::AlertId.eq(alert_id))
        .order_by_asc(safeguarding_case_step::Column::At)
        .order_by_asc(safeguarding_case_step::Column::Id)
        .all(db)
        .await
}

/// How many actions each of these cases has.
pub async fn action_counts(
    db: &impl ConnectionTrait,
    alert_ids: &[Uuid],
) -> Result<HashMap<Uuid, usize>, DbErr> {
    let mut counts = HashMap::new();
    let rows: Vec<Uuid> = safeguarding_case_step::Entity::find()
        .select_only()
        .column(safeguarding_case_step::Column::AlertId)
        .filter(safeguarding_case_step::Column::AlertId.is_in(alert_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    for alert_id in rows {
        *counts.entry(alert_id).or_insert(0) += 1;
    }
    Ok(counts)
}

/// Takes the case's row for the rest of the transaction if it is still open (on PostgreSQL a row
/// lock, so an action and a closing of the same case wait for each other); false if closed.
pub async fn hold_open(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = safeguarding_alert::Entity::update_many()
        .col_expr(
            safeguarding_alert::Column::ClosedAt,
            Expr::col(safeguarding_alert::Column::ClosedAt).into(),
        )
        .filter(safeguarding_alert::Column::Id.eq(id))
        .filter(safeguarding_alert::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// One action on a case.
pub struct NewStep<'a> {
    pub organisation_id: OrganisationId,
    pub alert_id: Uuid,
    pub action: CaseAction,
    pub detail: Option<&'a str>,
    pub actor_id: Uuid,
}

pub async fn add_step(db: &impl ConnectionTrait, step: NewStep<'_>) -> Result<(), DbErr> {
    safeguarding_case_step::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(step.organisation_id),
        alert_id: Set(step.alert_id),
        action: Set(step.action),
        detail: Set(step.detail.map(str::to_owned)),
        actor_id: Set(step.actor_id),
        at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Closes an open case with its outcome; false if it was already closed.
pub async fn close(
    db: &impl ConnectionTrait,
    id: Uuid,
    officer: Uuid,
    outcome: &str,
) -> Result<bool, DbErr> {
    let result = safeguarding_alert::Entity::update_many()
        .col_expr(
            safeguarding_alert::Column::ClosedAt,
            Expr::value(Some(Utc::now())),
        )
        .col_expr(
            safeguarding_alert::Column::ClosedBy,
            Expr::value(Some(officer)),
        )
        .col_expr(
            safeguarding_alert::Column::Outcome,
            Expr::value(Some(outcome.to_owned())),
        )
        .filter(safeguarding_alert::Column::Id.eq(id))
        .filter(safeguarding_alert::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The feedback behind every case not yet closed: retention leaves it alone.
pub fn open_case_feedback() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(safeguarding_alert::Column::FeedbackId)
        .from(safeguarding_alert::Entity)
        .and_where(safeguarding_alert::Column::ClosedAt.is_null())
        .to_owned()
}

/// Alerts nobody has acknowledged yet, of cases not closed: those the duty rota may escalate.
pub async fn unacknowledged(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<safeguarding_alert::Model>, DbErr> {
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .filter(safeguarding_alert::Column::ClosedAt.is_null())
        .all(db)
        .await
}

/// Moves an alert on to the rota's `step` at `now`, if it is still unacknowledged and nobody has
/// escalated it since it was read (`seen` escalations): true for exactly one caller however many
/// instances try. On PostgreSQL a row another instance holds is skipped, not waited for.
pub async fn claim_escalation(
    db: &impl ConnectionTrait,
    id: Uuid,
    seen: i32,
    step: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let backend = db.get_database_backend();
    let sql = super::dialect::numbered(
        backend,
        &format!(
            "UPDATE safeguarding_alerts SET escalation_step = ?, escalations = escalations + 1, \
               escalated_at = ? WHERE id IN (\
               SELECT id FROM safeguarding_alerts WHERE id = ? AND escalations = ? \
               AND acknowledged_at IS NULL AND closed_at IS NULL {})",
            super::dialect::skip_locked(backend)
        ),
    );
    let values: Vec<sea_orm::Value> = vec![step.into(), now.into(), id.into(), seen.into()];
    let result = db
        .execute(sea_orm::Statement::from_sql_and_values(
            backend, sql, values,
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Cases not yet closed, in every organisation (for the metrics).
pub async fn open_cases(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::ClosedAt.is_null())
        .count(db)
        .await
}

pub async fn open_count(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .count(db)
        .await
}

/// Open alerts about one service's feedback.
pub async fn open_count_for_service(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    service_id: Uuid,
) -> Result<u64, DbErr> {
    use super::entities::feedback;
    use sea_orm::PaginatorTrait;
    let ids: Vec<Uuid> = feedback::Entity::find()
        .filter(feedback::Column::ServiceId.eq(service_id))
        .filter(feedback::Column::Safeguarding.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.id)
        .collect();
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .filter(safeguarding_alert::Column::FeedbackId.is_in(ids))
        .count(db)
        .await
}
