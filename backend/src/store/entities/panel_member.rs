use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::tender::MemberStatus;

/// A young person's place on a panel: interested, approved or declined.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub tender_id: Uuid,
    pub user_id: Uuid,
    pub status: MemberStatus,
    pub interested_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub conflicts_declared_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
