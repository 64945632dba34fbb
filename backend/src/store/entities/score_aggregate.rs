use sea_orm::entity::prelude::*;

/// The integers behind one score: per service, outcome and window.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_aggregates")]
pub struct Model {
    pub organisation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub dimension: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub window_kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub window_end: String,
    pub n: i64,
    pub sum: i64,
    pub sum_sq: i64,
    pub positive: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
