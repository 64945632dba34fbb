use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;
use shared::api::ModerationStatus;

/// One submission. The id is made on the phone, so a retried submission is stored once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub service_id: Uuid,
    pub author_id: Uuid,
    pub received_at: DateTimeUtc,
    /// `Quarter::of(received_at).index()`, for the recompute's index.
    pub quarter: i32,
    pub named: bool,
    pub wants_talk: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub tell_us_more: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub make_better: Option<String>,
    pub status: ModerationStatus,
    pub safe: Option<i16>,
    pub nurtured: Option<i16>,
    pub involved: Option<i16>,
    pub healthy: Option<i16>,
    pub achieving: Option<i16>,
    pub prepared: Option<i16>,
    /// An alert was raised for this submission (shown first in the moderation queue).
    pub safeguarding: bool,
    /// When a participation officer first opened it ("read" for the young person).
    pub read_at: Option<DateTimeUtc>,
    pub moderated_at: Option<DateTimeUtc>,
    pub moderated_by: Option<Uuid>,
    /// The redacted text: what anyone but the participation team ever sees.
    #[sea_orm(column_type = "Text", nullable)]
    pub published_tell_us_more: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub published_make_better: Option<String>,
    pub rejection_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub rejection_note: Option<String>,
    /// Set when the retention job removed the free text.
    pub anonymised_at: Option<DateTimeUtc>,
    /// The participation officer who sat beside the child in an assisted session.
    pub assisted_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
