use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::tender::ScoredBy;

/// A question of a tender; `rubric` is a JSON array of six descriptors (0..=5).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tender_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub tender_id: Uuid,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    #[sea_orm(column_type = "Text")]
    pub plain_text: String,
    pub weight: i32,
    #[sea_orm(column_type = "Text")]
    pub rubric: String,
    pub scored_by: ScoredBy,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
