use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::CaseAction;

/// One action an officer recorded on a safeguarding case, with its reference, reason or note.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "safeguarding_case_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub alert_id: Uuid,
    pub action: CaseAction,
    #[sea_orm(column_type = "Text", nullable)]
    pub detail: Option<String>,
    pub actor_id: Uuid,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
