use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A one-time link emailed to a member of staff (`purpose`: "invite" or "password_reset"),
/// stored as the SHA-256 of its secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub user_id: Uuid,
    pub purpose: String,
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
