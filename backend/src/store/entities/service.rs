use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::ServiceType;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub provider_id: Uuid,
    pub name: String,
    pub service_type: ServiceType,
    pub created_at: DateTimeUtc,
    /// The organisation's scores version when this service's score tallies last changed.
    pub scores_version: i64,
    /// The Room to Grow outcomes it asks about, comma-separated (`store::services::outcomes`).
    pub outcomes: String,
    /// Retired: no longer offered for feedback or links; its history and scores are kept.
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::provider::Entity",
        from = "Column::ProviderId",
        to = "super::provider::Column::Id"
    )]
    Provider,
}

impl Related<super::provider::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provider.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
