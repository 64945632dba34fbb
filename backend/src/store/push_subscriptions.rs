//! Phones that asked to be told when a young person has news.

use super::entities::push_subscription;
use crate::domain::ids::OrganisationId;
use crate::domain::push::Subscription;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Keeps the phone's subscription for `user_id`. A phone has one subscription whoever signs in
/// on it, so one already kept (another young person on a shared phone) now tells this one.
pub async fn keep(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    subscription: Subscription,
) -> Result<(), DbErr> {
    let row = push_subscription::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        endpoint: Set(subscription.endpoint),
        p256dh: Set(subscription.p256dh),
        auth: Set(subscription.auth),
        created_at: Set(Utc::now()),
    };
    push_subscription::Entity::insert(row)
        .on_conflict(
            OnConflict::column(push_subscription::Column::Endpoint)
                .update_columns([
                    push_subscription::Column::OrganisationId,
                    push_subscription::Column::UserId,
                    push_subscription::Column::P256dh,
                    push_subscription::Column::Auth,
                    push_subscription::Column::CreatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Forgets the young person's subscription at `endpoint` (another's is left alone).
pub async fn forget(db: &impl ConnectionTrait, user_id: Uuid, endpoint: &str) -> Result<(), DbErr> {
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::UserId.eq(user_id))
        .filter(push_subscription::Column::Endpoint.eq(endpoint))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn of_users(
    db: &impl ConnectionTrait,
    user_ids: &[Uuid],
) -> Result<Vec<push_subscription::Model>, DbErr> {
    push_subscription::Entity::find()
        .filter(push_subscription::Column::UserId.is_in(user_ids.iter().copied()))
        .all(db)
        .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<push_subscription::Model>, DbErr> {
    push_subscription::Entity::find_by_id(id).one(db).await
}

pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    push_subscription::Entity::delete_by_id(id)
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn delete_for(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    push_subscription::Entity::delete_many()
        .filter(push_subscription::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map(|_| ())
}
