use super::entities::refresh_token;
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

pub struct NewRefreshToken<'a> {
    pub organisation_id: OrganisationId,
    pub user_id: Uuid,
    pub token_hash: &'a str,
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewRefreshToken<'_>) -> Result<(), DbErr> {
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(new.organisation_id),
        user_id: Set(new.user_id),
        token_hash: Set(new.token_hash.to_owned()),
        family_id: Set(new.family_id),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<refresh_token::Model>, DbErr> {
    refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Revokes one token if it is still live; false if it was already revoked (a replay).
pub async fn revoke(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let result = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ends one sign-in (on sign-out, or when a rotated token is replayed): every token of it is
/// deleted, so none works again, not even one rotated a moment ago (`flows::sign_in::refresh`
/// takes those for a while).
pub async fn revoke_family(db: &impl ConnectionTrait, family_id: Uuid) -> Result<(), DbErr> {
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .exec(db)
        .await
        .map(|_| ())
}
