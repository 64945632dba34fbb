use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// One alert per submission that needs a person now, and the case it becomes. `reasons` is JSON
/// (never the child's words).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "safeguarding_alerts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub feedback_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub reasons: String,
    pub raised_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub acknowledged_by: Option<Uuid>,
    pub escalated_at: Option<DateTimeUtc>,
    /// Set once, when an officer closes the case with its `outcome`.
    pub closed_at: Option<DateTimeUtc>,
    pub closed_by: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    /// The step of the duty rota last told of it (0: the first, when raised).
    pub escalation_step: i32,
    /// How many times it has been escalated (an instance escalates only from the count it read).
    pub escalations: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
