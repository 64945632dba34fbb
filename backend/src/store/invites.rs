use super::entities::{invite, invite_service};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};
use shared::AgeBand;
use uuid::Uuid;

/// Invite codes are secrets: only their SHA-256 is stored.
pub fn code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<invite::Model>, DbErr> {
    invite::Entity::find()
        .filter(invite::Column::CodeHash.eq(code_hash(code)))
        .one(db)
        .await
}

pub fn is_usable(invite: &invite::Model, now: DateTime<Utc>) -> bool {
    invite.redeemed_at.is_none() && invite.expires_at > now
}

pub struct NewInvite<'a> {
    pub organisation_id: OrganisationId,
    pub code: &'a str,
    pub age_band: AgeBand,
    pub created_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
    pub service_ids: &'a [Uuid],
}

pub async fn insert(db: &impl ConnectionTrait, new: NewInvite<'_>) -> Result<invite::Model, DbErr> {
    let model = invite::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(new.organisation_id),
        code_hash: Set(code_hash(new.code)),
        age_band: Set(new.age_band),
        created_by: Set(new.created_by),
        expires_at: Set(new.expires_at),
        redeemed_by: Set(None),
        redeemed_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    for service_id in new.service_ids {
        invite_service::ActiveModel {
            invite_id: Set(model.id),
            service_id: Set(*service_id),
        }
        .insert(db)
        .await?;
    }
    Ok(model)
}

pub async fn service_ids(db: &impl ConnectionTrait, invite_id: Uuid) -> Result<Vec<Uuid>, DbErr> {
    Ok(invite_service::Entity::find()
        .filter(invite_service::Column::InviteId.eq(invite_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.service_id)
        .collect())
}

/// Marks the invite used by `user_id`. Returns false if someone else redeemed it first (the update
/// is conditional, so two simultaneous redemptions cannot both succeed).
pub async fn mark_redeemed(
    db: &impl ConnectionTrait,
    invite_id: Uuid,
    user_id: Uuid,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let result = invite::Entity::update_many()
        .col_expr(invite::Column::RedeemedBy, Expr::value(Some(user_id)))
        .col_expr(invite::Column::RedeemedAt, Expr::value(Some(now)))
        .filter(invite::Column::Id.eq(invite_id))
        .filter(invite::Column::RedeemedAt.is_null())
        .filter(invite::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
