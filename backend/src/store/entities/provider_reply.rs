use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::ModerationStatus;

/// A provider's reply to a theme or a "we did" (`flows::replies`). `feedback_id`, `dimension`
/// and `quarter` say whom it reaches, as a response's do (copied from the "we did" it answers).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "provider_replies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub provider_id: Uuid,
    pub author_id: Uuid,
    pub service_id: Uuid,
    pub response_id: Option<Uuid>,
    pub feedback_id: Option<Uuid>,
    pub dimension: Option<String>,
    pub quarter: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub status: ModerationStatus,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
