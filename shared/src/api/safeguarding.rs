//! Safeguarding as the participation team works it: alerts that become cases, the steps taken on
//! each, who the young person is (shown to officers only, each look audited), and whether the
//! alert email is getting out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A safeguarding alert, as participation officers see it (in the app; email carries no words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Alert {
    pub id: Uuid,
    pub feedback_id: Uuid,
    pub service_name: String,
    pub raised_at: DateTime<Utc>,
    /// asked_to_talk, feels_unsafe, phrase, escalated_by_officer
    pub reasons: Vec<String>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledged_by: Option<String>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub status: CaseStatus,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Where a case has got to: raised, taken on by an officer, something done, closed with an
/// outcome. Only forward, one step at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    New,
    Acknowledged,
    ActionRecorded,
    Closed,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::New => "new",
            CaseStatus::Acknowledged => "acknowledged",
            CaseStatus::ActionRecorded => "action_recorded",
            CaseStatus::Closed => "closed",
        }
    }
}

/// What the participation team did about a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum CaseAction {
    /// Talked with the young person (a note of it, if wanted).
    TalkedWithYoungPerson,
    /// Referred to children's social care (the referral's reference).
    ReferredToSocialCare,
    /// Passed to the police (the police reference).
    PassedToPolice,
    /// No further action (the reason).
    NoFurtherAction,
}

impl CaseAction {
    pub const ALL: [CaseAction; 4] = [
        CaseAction::TalkedWithYoungPerson,
        CaseAction::ReferredToSocialCare,
        CaseAction::PassedToPolice,
        CaseAction::NoFurtherAction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::TalkedWithYoungPerson => "talked_with_young_person",
            CaseAction::ReferredToSocialCare => "referred_to_social_care",
            CaseAction::PassedToPolice => "passed_to_police",
            CaseAction::NoFurtherAction => "no_further_action",
        }
    }

    pub fn parse(s: &str) -> Option<CaseAction> {
        CaseAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether the action must say something: a reference for a referral or the police, the
    /// reason for no further action. A talk's note is optional.
    pub fn needs_detail(self) -> bool {
        self != CaseAction::TalkedWithYoungPerson
    }
}

/// An action an officer records on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RecordCaseAction {
    pub action: CaseAction,
    /// The reference, the reason or the note (up to `DETAIL_MAX` characters).
    #[serde(default)]
    pub detail: String,
}

/// How a case ended, written when it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CloseCase {
    pub outcome: String,
}

/// The longest reference, reason, note or outcome, in characters.
pub const DETAIL_MAX: usize = 2000;

/// One action on a case: what, with its reference or reason, by whom and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CaseStep {
    pub action: CaseAction,
    pub detail: Option<String>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A case with everything done on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SafeguardingCase {
    pub alert: Alert,
    pub steps: Vec<CaseStep>,
    pub closed_by: Option<String>,
    pub outcome: Option<String>,
}

/// Who wrote the feedback behind a case: for the participation team only, and each look is
/// audited. A young person who has been erased shows as erased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CaseYoungPerson {
    pub display_name: String,
    pub sign_in_name: Option<String>,
    /// The services they are linked to, by name.
    pub services: Vec<String>,
}

/// When a step of the duty rota is on: in office hours, out of hours, or at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum RotaHours {
    Office,
    OutOfHours,
    Any,
}

impl RotaHours {
    pub const ALL: [RotaHours; 3] = [RotaHours::Office, RotaHours::OutOfHours, RotaHours::Any];

    pub fn as_str(self) -> &'static str {
        match self {
            RotaHours::Office => "office",
            RotaHours::OutOfHours => "out_of_hours",
            RotaHours::Any => "any",
        }
    }

    pub fn parse(s: &str) -> Option<RotaHours> {
        RotaHours::ALL.into_iter().find(|h| h.as_str() == s)
    }
}

/// One step of the duty rota: who is told, when they are on, and how long they have to
/// acknowledge before the next step is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RotaStep {
    /// "Duty officer", "Emergency duty team"...
    pub label: String,
    pub email: String,
    pub hours: RotaHours,
    /// Minutes to acknowledge (5 to 1440).
    pub minutes: u32,
}

/// The organisation's duty rota: office hours (weekdays, UK time, "09:00") and the chain of
/// steps an unacknowledged alert goes along; the last step is told again until someone
/// acknowledges. No steps: the safeguarding address (or every officer), then every officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DutyRota {
    pub office_opens: String,
    pub office_closes: String,
    pub steps: Vec<RotaStep>,
}

/// Whether safeguarding email is getting out: alerts and escalations still unsent after the
/// configured time (`jobs.safeguarding_mail_stuck_minutes`, 10 by default) mean the mail server is
/// not answering, and officers must look in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MailStatus {
    /// Safeguarding emails of the organisation unsent for longer than the configured time.
    pub stuck: u32,
    /// How long the oldest of them has waited, in minutes (0 when none is stuck).
    pub oldest_minutes: u32,
}

/// The organisation's safeguarding phrases (admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SafeguardingPhrases {
    pub phrases: Vec<String>,
}
