//! One-time secrets by their SHA-256: links emailed to staff (an invitation or a password reset)
//! and the PIN reset codes officers give young people. One is taken once, atomically, so two
//! clicks (or two instances) cannot both use it.

use super::entities::account_link;
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

pub struct NewLink<'a> {
    pub organisation_id: OrganisationId,
    pub user_id: Uuid,
    pub purpose: &'a str,
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new link and voids that person's earlier unused ones: only the newest email works.
pub async fn replace(db: &impl ConnectionTrait, link: NewLink<'_>) -> Result<(), DbErr> {
    let now = Utc::now();
    account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .filter(account_link::Column::UserId.eq(link.user_id))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    account_link::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(link.organisation_id),
        user_id: Set(link.user_id),
        purpose: Set(link.purpose.to_owned()),
        token_hash: Set(link.token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(link.expires_at),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Uses the link with this hash, for one of `purposes`, if it is unused and unexpired at `now`:
/// marks it used and gives it back. `None` for an unknown, used or expired link.
pub async fn take(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<account_link::Model>, DbErr> {
    let taken = account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .filter(account_link::Column::TokenHash.eq(token_hash))
        .filter(account_link::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(None);
    }
    account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// The link with this hash, for one of `purposes`, if it is unused and unexpired at `now`
/// (nothing changed).
pub async fn usable(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purposes: &[&str],
    now: DateTime<Utc>,
) -> Result<Option<account_link::Model>, DbErr> {
    account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(token_hash))
        .filter(account_link::Column::Purpose.is_in(purposes.iter().copied()))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Whether a link for `purpose` was made for this person since `since`.
pub async fn sent_since(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: &str,
    since: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    Ok(account_link::Entity::find()
        .filter(account_link::Column::UserId.eq(user_id))
        .filter(account_link::Column::Purpose.eq(purpose))
        .filter(account_link::Column::CreatedAt.gt(since))
        .count(db)
        .await?
        > 0)
}
