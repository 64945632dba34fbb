//! The organisation's duty rota and office hours.

use super::entities::{duty_rota_step, organisation};
use crate::domain::ids::OrganisationId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use shared::api::RotaHours;
use uuid::Uuid;

/// The steps, in order (none when the organisation has not set a rota).
pub async fn steps(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<duty_rota_step::Model>, DbErr> {
    duty_rota_step::Entity::find()
        .filter(duty_rota_step::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(duty_rota_step::Column::Position)
        .all(db)
        .await
}

/// One step as it is written.
pub struct NewStep<'a> {
    pub label: &'a str,
    pub email: &'a str,
    pub hours: RotaHours,
    pub minutes: i32,
}

/// Replaces the rota and the office hours (in the caller's transaction).
pub async fn replace(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    (opens, closes): (i32, i32),
    steps: &[NewStep<'_>],
) -> Result<(), DbErr> {
    organisation::Entity::update_many()
        .col_expr(organisation::Column::OfficeOpens, Expr::value(opens))
        .col_expr(organisation::Column::OfficeCloses, Expr::value(closes))
        .filter(organisation::Column::Id.eq(organisation_id))
        .exec(db)
        .await?;
    duty_rota_step::Entity::delete_many()
        .filter(duty_rota_step::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    for (position, step) in (0..).zip(steps) {
        duty_rota_step::ActiveModel {
            id: Set(Uuid::new_v4()),
            organisation_id: Set(organisation_id),
            position: Set(position),
            label: Set(step.label.to_owned()),
            email: Set(step.email.to_owned()),
            hours: Set(step.hours),
            minutes: Set(step.minutes),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
