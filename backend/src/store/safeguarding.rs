//! Safeguarding phrases (per organisation) and alerts.

use super::entities::{safeguarding_alert, safeguarding_phrase};
use crate::domain::ids::OrganisationId;
use crate::domain::safeguarding::DEFAULT_PHRASES;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
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

/// Raises the alert for a submission, or returns the one already raised.
pub async fn raise(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    feedback_id: Uuid,
    reasons: &serde_json::Value,
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

/// Open alerts raised before `cutoff` and not yet escalated.
pub async fn due_for_escalation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    cutoff: DateTime<Utc>,
) -> Result<Vec<safeguarding_alert::Model>, DbErr> {
    safeguarding_alert::Entity::find()
        .filter(safeguarding_alert::Column::OrganisationId.eq(organisation_id))
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .filter(safeguarding_alert::Column::EscalatedAt.is_null())
        .filter(safeguarding_alert::Column::RaisedAt.lt(cutoff))
        .all(db)
        .await
}

/// Marks an alert escalated; false if another instance already did (so it is escalated once).
pub async fn mark_escalated(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = safeguarding_alert::Entity::update_many()
        .col_expr(
            safeguarding_alert::Column::EscalatedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(safeguarding_alert::Column::Id.eq(id))
        .filter(safeguarding_alert::Column::EscalatedAt.is_null())
        .filter(safeguarding_alert::Column::AcknowledgedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
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
