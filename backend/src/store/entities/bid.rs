use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A bid: the bidder and price are for staff only; young people see the label.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bids")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub tender_id: Uuid,
    pub provider_id: Uuid,
    pub label: Option<String>,
    pub price_pence: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
