//! Which provider each provider account speaks for, and which of an organisation's services
//! that provider runs.

use super::entities::{provider_account, service};
use crate::domain::ids::OrganisationId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Set,
};
use uuid::Uuid;

pub async fn insert(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    provider_id: Uuid,
) -> Result<(), DbErr> {
    provider_account::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        provider_id: Set(provider_id),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The provider an account of the organisation speaks for.
pub async fn provider_of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
) -> Result<Option<Uuid>, DbErr> {
    Ok(provider_account::Entity::find_by_id(user_id)
        .filter(provider_account::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .map(|a| a.provider_id))
}

/// The providers of these accounts, by account.
pub async fn providers_of(
    db: &impl ConnectionTrait,
    user_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    provider_account::Entity::find()
        .select_only()
        .columns([
            provider_account::Column::UserId,
            provider_account::Column::ProviderId,
        ])
        .filter(provider_account::Column::UserId.is_in(user_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await
}

/// The organisation's services that `provider_id` runs (retired ones too: their history stays).
pub async fn services_of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_id: Uuid,
) -> Result<Vec<Uuid>, DbErr> {
    service::Entity::find()
        .select_only()
        .column(service::Column::Id)
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::ProviderId.eq(provider_id))
        .into_tuple()
        .all(db)
        .await
}

/// Accounts of the providers `from` now speak for `into` (providers merged).
pub async fn move_to(db: &impl ConnectionTrait, from: &[Uuid], into: Uuid) -> Result<(), DbErr> {
    provider_account::Entity::update_many()
        .col_expr(provider_account::Column::ProviderId, Expr::value(into))
        .filter(provider_account::Column::ProviderId.is_in(from.iter().copied()))
        .exec(db)
        .await
        .map(|_| ())
}
