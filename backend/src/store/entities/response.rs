use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

/// "You said, we did": to one feedback item, or to a theme (service + dimension + quarter).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub author_id: Uuid,
    pub feedback_id: Option<Uuid>,
    pub service_id: Uuid,
    pub dimension: Option<String>,
    pub quarter: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
