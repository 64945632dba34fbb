//! Raising a user's token generation (their access tokens stop working) and reading the recent
//! raises, which every instance keeps in memory (`auth::revocations`).

use super::entities::{refresh_token, token_revocation, user};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

/// Ends every sign-in of this user: raises their token generation, records the raise, and
/// deletes their refresh tokens. Returns the new generation (`None` for no such user). Call it
/// in the transaction that causes it.
pub async fn revoke(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
) -> Result<Option<i32>, DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenGeneration,
            Expr::col(user::Column::TokenGeneration).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    let Some(found) = user::Entity::find_by_id(user_id)
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    token_revocation::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        generation: Set(found.token_generation),
        revoked_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(Some(found.token_generation))
}

/// Every raise since `since`: (user, generation, when).
pub async fn since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<(Uuid, i32, DateTime<Utc>)>, DbErr> {
    Ok(token_revocation::Entity::find()
        .filter(token_revocation::Column::RevokedAt.gte(since))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.user_id, r.generation, r.revoked_at))
        .collect())
}

/// Drops raises made before `before`: every token they revoked has expired.
pub async fn purge(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let deleted = token_revocation::Entity::delete_many()
        .filter(token_revocation::Column::RevokedAt.lt(before))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
