//! The provider and service directory as an admin's import changes it: providers found by URN or
//! name (shared by every council), and an organisation's services found by provider and name.

use super::entities::{provider, service};
use crate::domain::ids::OrganisationId;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use shared::api::ServiceType;
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
        .await
        .map(|_| ())
}
