use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// A link between a young person and a service that has ended (a placement changed).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ended_service_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
    pub organisation_id: OrganisationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub linked_at: DateTimeUtc,
    pub unlinked_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
