use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::AgeBand;

/// A one-time invite. Only the SHA-256 of the code is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invites")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub code_hash: String,
    pub age_band: AgeBand,
    pub created_by: Option<Uuid>,
    pub expires_at: DateTimeUtc,
    pub redeemed_by: Option<Uuid>,
    pub redeemed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
