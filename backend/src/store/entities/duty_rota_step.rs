use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::RotaHours;

/// One step of an organisation's duty rota: who is told of a safeguarding alert at this point of
/// the chain, in which hours, and how long they have to acknowledge it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "duty_rota_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub position: i32,
    pub label: String,
    pub email: String,
    pub hours: RotaHours,
    pub minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
