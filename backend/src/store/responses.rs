use super::entities::response;
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

pub struct NewResponse {
    pub organisation_id: OrganisationId,
    pub author_id: Uuid,
    pub feedback_id: Option<Uuid>,
    pub service_id: Uuid,
    pub dimension: Option<String>,
    pub quarter: Option<String>,
    pub body: String,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewResponse) -> Result<response::Model, DbErr> {
    response::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(new.organisation_id),
        author_id: Set(new.author_id),
        feedback_id: Set(new.feedback_id),
        service_id: Set(new.service_id),
        dimension: Set(new.dimension),
        quarter: Set(new.quarter),
        body: Set(new.body),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn for_services(
    db: &impl ConnectionTrait,
    service_ids: &[Uuid],
) -> Result<Vec<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::ServiceId.is_in(service_ids.iter().copied()))
        .order_by_asc(response::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// An organisation's "we did" answers written in `[from, to)`, oldest first.
pub async fn written_between(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<response::Model>, DbErr> {
    response::Entity::find()
        .filter(response::Column::OrganisationId.eq(organisation_id))
        .filter(response::Column::CreatedAt.gte(from))
        .filter(response::Column::CreatedAt.lt(to))
        .order_by_asc(response::Column::CreatedAt)
        .all(db)
        .await
}
