use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::ServiceType;
use shared::tender::TenderStatus;

/// A tender a commissioner sets up for a young commissioner panel.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub service_type: ServiceType,
    pub quality_weight: i32,
    pub price_weight: i32,
    pub hours: i32,
    pub scoring_opens_at: DateTimeUtc,
    pub scoring_closes_at: DateTimeUtc,
    pub status: TenderStatus,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
