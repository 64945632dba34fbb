//! Staff authenticator secrets and recovery codes (`domain::second_factor` has the rules). A code
//! is taken atomically: the time step it was for must be newer than the last one used, and a
//! recovery code must be unused, in the same statement that records its use, so two instances
//! given the same code at once cannot both accept it.

use super::entities::{recovery_code, second_factor};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};
use std::collections::HashSet;
use uuid::Uuid;

pub async fn find(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Option<second_factor::Model>, DbErr> {
    second_factor::Entity::find_by_id(user_id).one(db).await
}

/// Who in the organisation has an authenticator app set up.
pub async fn set_up_in(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<HashSet<Uuid>, DbErr> {
    Ok(second_factor::Entity::find()
        .filter(second_factor::Column::OrganisationId.eq(organisation_id))
        .filter(second_factor::Column::ConfirmedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect())
}

/// Keeps `secret` as this person's pending secret unless they already have one (pending or
/// confirmed), and gives back the one they have.
pub async fn keep_pending(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    secret: &str,
) -> Result<second_factor::Model, DbErr> {
    second_factor::Entity::insert(second_factor::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        secret: Set(secret.to_owned()),
        created_at: Set(Utc::now()),
        confirmed_at: Set(None),
        last_step: Set(None),
    })
    .on_conflict(
        OnConflict::column(second_factor::Column::UserId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    find(db, user_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("second factor just kept".into()))
}

/// Marks this person's secret set up without a first code (the demo's published secret).
pub async fn confirm(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), DbErr> {
    second_factor::Entity::update_many()
        .col_expr(second_factor::Column::ConfirmedAt, Expr::value(Utc::now()))
        .filter(second_factor::Column::UserId.eq(user_id))
        .filter(second_factor::Column::ConfirmedAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Records that a code for time step `step` was used: only if it is newer than the last one
/// used. Confirms a pending secret. `false` if the step was already used (or an earlier one).
pub async fn take_step(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let taken = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::LastStep, Expr::value(step))
        .col_expr(
            second_factor::Column::ConfirmedAt,
            Func::coalesce([
                Expr::col(second_factor::Column::ConfirmedAt).into(),
                Expr::value(now),
            ])
            .into(),
        )
        .filter(second_factor::Column::UserId.eq(user_id))
        .filter(
            second_factor::Column::LastStep
                .is_null()
                .or(second_factor::Column::LastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Forgets this person's secret and recovery codes (an admin resetting a lost phone): they are
/// asked to set up their authenticator app at their next sign-in.
pub async fn remove(db: &impl ConnectionTrait, user_id: Uuid) -> Result<bool, DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let removed = second_factor::Entity::delete_by_id(user_id)
        .exec(db)
        .await?;
    Ok(removed.rows_affected == 1)
}

/// Replaces this person's recovery codes with these (by their hashes).
pub async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    hashes: &[String],
) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let now = Utc::now();
    for hash in hashes {
        recovery_code::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(organisation_id),
            user_id: Set(user_id),
            code_hash: Set(hash.clone()),
            created_at: Set(now),
            used_at: Set(None),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Uses this person's unused recovery code with this hash. `false` if there is none.
pub async fn take_recovery_code(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let taken = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// How many of this person's recovery codes are still unused.
pub async fn recovery_codes_left(db: &impl ConnectionTrait, user_id: Uuid) -> Result<u64, DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}
