use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// The last entry of an organisation's audit chain written before the chain was keyed (recorded
/// by the migration that keyed it): entries up to `seq` carry the old unkeyed hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_legacy_heads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
    pub seq: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
