use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::AgeBand;
use shared::Role;

/// Staff (email + password hash) and young people (sign-in name + PIN hash) alike.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub role: Role,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub sign_in_name: Option<String>,
    pub pin_hash: Option<String>,
    pub display_name: String,
    pub age_band: Option<AgeBand>,
    pub created_at: DateTimeUtc,
    /// Set when the young person was erased: their identity is gone.
    pub erased_at: Option<DateTimeUtc>,
    /// Written into each access token; raised to revoke every token issued before.
    pub token_generation: i32,
    /// Set while an admin has switched the account off: it cannot sign in.
    pub deactivated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
