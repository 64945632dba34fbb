use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// One evaluator's score on one bid and question; locked once `submitted_at` is set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bid_scores")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub tender_id: Uuid,
    pub bid_id: Uuid,
    pub question_id: Uuid,
    pub evaluator_id: Uuid,
    pub young_person: bool,
    pub score: i16,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
