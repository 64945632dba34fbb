use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A council in a region (at most one), since its admin joined it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
    pub region_id: Uuid,
    pub joined_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
