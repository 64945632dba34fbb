use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::NewsKind;

/// One piece of a young person's news: what happened (`kind`) to what (`subject_id`: a feedback
/// item, a response or a tender, by kind), and whether they have seen it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub user_id: Uuid,
    pub kind: NewsKind,
    pub subject_id: Uuid,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
