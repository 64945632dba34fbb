//! Providers' replies, as written and as decided.

use super::entities::provider_reply;
use crate::domain::ids::OrganisationId;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use shared::api::ModerationStatus;
use uuid::Uuid;

pub async fn insert(
    db: &impl ConnectionTrait,
    reply: provider_reply::Model,
) -> Result<provider_reply::Model, DbErr> {
    provider_reply::ActiveModel::from(reply).insert(db).await
}

/// The organisation's replies waiting for an officer, oldest first.
pub async fn pending(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<provider_reply::Model>, DbErr> {
    provider_reply::Entity::find()
        .filter(provider_reply::Column::OrganisationId.eq(organisation_id))
        .filter(provider_reply::Column::Status.eq(ModerationStatus::Pending))
        .order_by_asc(provider_reply::Column::CreatedAt)
        .all(db)
        .await
}

/// Every reply about a service, newest first.
pub async fn for_service(
    db: &impl ConnectionTrait,
    service_id: Uuid,
) -> Result<Vec<provider_reply::Model>, DbErr> {
    provider_reply::Entity::find()
        .filter(provider_reply::Column::ServiceId.eq(service_id))
        .order_by_desc(provider_reply::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<provider_reply::Model>, DbErr> {
    provider_reply::Entity::find()
        .filter(provider_reply::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Decides a pending reply of the organisation, once: the reply as decided, or none when there
/// is no such pending reply (another officer decided it first).
pub async fn decide(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
    officer: Uuid,
    status: ModerationStatus,
) -> Result<Option<provider_reply::Model>, DbErr> {
    let done = provider_reply::Entity::update_many()
        .col_expr(provider_reply::Column::Status, Expr::value(status))
        .col_expr(provider_reply::Column::DecidedAt, Expr::value(Utc::now()))
        .col_expr(provider_reply::Column::DecidedBy, Expr::value(officer))
        .filter(provider_reply::Column::Id.eq(id))
        .filter(provider_reply::Column::OrganisationId.eq(organisation_id))
        .filter(provider_reply::Column::Status.eq(ModerationStatus::Pending))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Ok(None);
    }
    provider_reply::Entity::find_by_id(id).one(db).await
}
