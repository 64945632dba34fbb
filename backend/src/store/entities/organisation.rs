use crate::domain::ids::OrganisationId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: OrganisationId,
    pub slug: String,
    pub name: String,
    pub min_cohort: i32,
    pub prior_weight: i32,
    pub safeguarding_email: Option<String>,
    pub created_at: DateTimeUtc,
    /// Unacknowledged safeguarding alerts are escalated by email after this long.
    pub escalate_after_minutes: i32,
    /// Free text is anonymised after this many months.
    pub retention_months: i32,
    /// Bumped in every transaction that changes what the dashboard's scores show, so a cached
    /// report is used only while this is unchanged.
    pub scores_version: i64,
    /// Bumped by changes to the council's pooled figures for a closed (or closing) financial
    /// year, and by rebuilds of its provider groups (`store::aggregates::providers`).
    pub pooled_version: i64,
    /// Office hours on weekdays, in minutes after midnight UK time (the duty rota's "office").
    pub office_opens: i32,
    pub office_closes: i32,
    /// The languages offered to its young people, comma-separated codes (`en,pl,ur,ar`).
    pub languages: String,
    /// When its admin finished the walk through its settings; `None` for a council just created.
    pub set_up_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
