use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A signed statement of where an organisation's audit chain had reached, kept apart from the
/// log so that deleting its newest entries (or all of them) is detected. Never updated or deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_checkpoints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub hash: String,
    pub at: String,
    /// Ed25519 over (organisation, seq, hash, at), hex.
    pub signature: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
