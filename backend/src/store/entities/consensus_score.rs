use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// The moderation meeting's agreed score for one bid and question.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consensus_scores")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub tender_id: Uuid,
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub score: i16,
    #[sea_orm(column_type = "Text")]
    pub rationale: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
