use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A member of staff's authenticator secret (base32). Pending until `confirmed_at`: they have
/// been shown it but not yet typed a code from it. `last_step` is the newest time step a code was
/// used for; a code for it or an earlier one is refused (a code works once).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub organisation_id: OrganisationId,
    pub secret: String,
    pub created_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_step: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
