//! The provider and service directory as an admin keeps it: providers found by URN or name (shared
//! by every council), and an organisation's services found by provider and name, edited, retired.

use super::entities::{bid, provider, service};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared::api::ServiceType;
use shared::Dimension;
use std::collections::HashSet;
use uuid::Uuid;

pub async fn provider_by_urn(
    db: &impl ConnectionTrait,
    urn: &str,
) -> Result<Option<provider::Model>, DbErr> {
    provider::Entity::find()
        .filter(provider::Column::Urn.eq(urn))
        .one(db)
        .await
}

/// A provider of this name (the first, if there are several).
pub async fn provider_by_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<provider::Model>, DbErr> {
    provider::Entity::find()
        .filter(provider::Column::Name.eq(name))
        .one(db)
        .await
}

/// A provider of this name that has no URN yet (the first, if there are several).
pub async fn provider_by_name_without_urn(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<provider::Model>, DbErr> {
    provider::Entity::find()
        .filter(provider::Column::Name.eq(name))
        .filter(provider::Column::Urn.is_null())
        .one(db)
        .await
}

/// Gives a provider its URN.
pub async fn set_urn(db: &impl ConnectionTrait, id: Uuid, urn: &str) -> Result<(), DbErr> {
    provider::Entity::update_many()
        .col_expr(provider::Column::Urn, Expr::value(urn))
        .filter(provider::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn insert_provider(
    db: &impl ConnectionTrait,
    name: &str,
    urn: Option<&str>,
) -> Result<provider::Model, DbErr> {
    provider::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(name.to_owned()),
        urn: Set(urn.map(str::to_owned)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

/// The organisation's service of this provider with this name, if there is one.
pub async fn service_named(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_id: Uuid,
    name: &str,
) -> Result<Option<service::Model>, DbErr> {
    service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::ProviderId.eq(provider_id))
        .filter(service::Column::Name.eq(name))
        .one(db)
        .await
}

/// Changes the kind of one of the organisation's services.
pub async fn set_service_type(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
    service_type: ServiceType,
) -> Result<(), DbErr> {
    service::Entity::update_many()
        .col_expr(
            service::Column::ServiceType,
            Expr::value(service_type.as_str()),
        )
        .filter(service::Column::Id.eq(id))
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    // The service's tallies now count towards its new kind's group.
    super::aggregates::providers::rebuild(db, organisation_id).await
}

/// The organisation's services, retired ones too, each with its provider: by provider name, then
/// service name.
pub async fn listing(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<(service::Model, provider::Model)>, DbErr> {
    let rows = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .find_also_related(provider::Entity)
        .order_by_asc(provider::Column::Name)
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, p)| Some((s, p?)))
        .collect())
}

/// Of these providers, those another organisation also has services of.
pub async fn shared_providers(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_ids: &[Uuid],
) -> Result<HashSet<Uuid>, DbErr> {
    let ids: Vec<Uuid> = service::Entity::find()
        .select_only()
        .column(service::Column::ProviderId)
        .filter(service::Column::ProviderId.is_in(provider_ids.iter().copied()))
        .filter(service::Column::OrganisationId.ne(organisation_id))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Whether the organisation has a service of this provider.
pub async fn lists_provider(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_id: Uuid,
) -> Result<bool, DbErr> {
    Ok(service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::ProviderId.eq(provider_id))
        .one(db)
        .await?
        .is_some())
}

/// One of the organisation's services (another organisation's is not found).
pub async fn service(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<Option<service::Model>, DbErr> {
    service::Entity::find_by_id(id)
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// Changes one of the organisation's services' name, kind and outcomes.
pub async fn update_service(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
    name: &str,
    service_type: ServiceType,
    outcomes: &[Dimension],
) -> Result<(), DbErr> {
    service::Entity::update_many()
        .col_expr(service::Column::Name, Expr::value(name))
        .col_expr(
            service::Column::ServiceType,
            Expr::value(service_type.as_str()),
        )
        .col_expr(
            service::Column::Outcomes,
            Expr::value(super::services::outcomes_text(outcomes)),
        )
        .filter(service::Column::Id.eq(id))
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    // The service's tallies now count towards its new kind's group.
    super::aggregates::providers::rebuild(db, organisation_id).await
}

/// Retires one of the organisation's services (`Some`) or brings it back (`None`).
pub async fn set_retired(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
    at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    service::Entity::update_many()
        .col_expr(service::Column::RetiredAt, Expr::value(at))
        .filter(service::Column::Id.eq(id))
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Corrects a provider's name and URN.
pub async fn update_provider(
    db: &impl ConnectionTrait,
    id: Uuid,
    name: &str,
    urn: Option<&str>,
) -> Result<(), DbErr> {
    provider::Entity::update_many()
        .col_expr(provider::Column::Name, Expr::value(name))
        .col_expr(provider::Column::Urn, Expr::value(urn))
        .filter(provider::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn provider(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<provider::Model>, DbErr> {
    provider::Entity::find_by_id(id).one(db).await
}

/// Every provider, oldest first.
pub async fn providers_oldest_first(
    db: &impl ConnectionTrait,
) -> Result<Vec<provider::Model>, DbErr> {
    provider::Entity::find()
        .order_by_asc(provider::Column::CreatedAt)
        .order_by_asc(provider::Column::Id)
        .all(db)
        .await
}

/// Every council's services of these providers.
pub async fn services_of_providers(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<service::Model>, DbErr> {
    service::Entity::find()
        .filter(service::Column::ProviderId.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Every tender's bids from these providers.
pub async fn bids_of_providers(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<bid::Model>, DbErr> {
    bid::Entity::find()
        .filter(bid::Column::ProviderId.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Moves every service, bid and provider account of `from` to `into`, then deletes `from`.
pub async fn fold_providers(
    db: &impl ConnectionTrait,
    from: &[Uuid],
    into: Uuid,
) -> Result<(), DbErr> {
    let councils: HashSet<OrganisationId> = services_of_providers(db, from)
        .await?
        .into_iter()
        .map(|s| s.organisation_id)
        .collect();
    service::Entity::update_many()
        .col_expr(service::Column::ProviderId, Expr::value(into))
        .filter(service::Column::ProviderId.is_in(from.iter().copied()))
        .exec(db)
        .await?;
    // Their tallies now count towards the kept provider's groups.
    for council in councils {
        super::aggregates::begin_change(db, council).await?;
        super::aggregates::providers::rebuild(db, council).await?;
    }
    bid::Entity::update_many()
        .col_expr(bid::Column::ProviderId, Expr::value(into))
        .filter(bid::Column::ProviderId.is_in(from.iter().copied()))
        .exec(db)
        .await?;
    super::provider_accounts::move_to(db, from, into).await?;
    provider::Entity::delete_many()
        .filter(provider::Column::Id.is_in(from.iter().copied()))
        .exec(db)
        .await
        .map(|_| ())
}
