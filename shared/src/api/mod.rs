//! Request and response bodies of `/api/v1`. Raw strings arrive here and are parsed into the
//! validated types of [`crate::validate`] by the handler, so refusals carry a field and a reason.

use crate::{AgeBand, Answers, Dimension, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

mod accounts;
mod dashboard;
mod directory;
mod news;
mod organisation;
mod regions;
mod replies;
mod safeguarding;
mod second_factor;
pub use accounts::*;
pub use dashboard::*;
pub use directory::*;
pub use news::*;
pub use organisation::*;
pub use regions::*;
pub use replies::*;
pub use safeguarding::*;
pub use second_factor::*;

/// Staff sign-in with email and password.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StaffSignIn {
    pub email: String,
    pub password: String,
}

/// Young person's sign-in with the sign-in name Chorus gave them and their PIN.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct YoungPersonSignIn {
    pub sign_in_name: String,
    pub pin: String,
}

/// A signed-in session. The refresh token travels separately, in an HttpOnly cookie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Session {
    /// Short-lived bearer token; keep it in memory only.
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    pub me: Me,
    /// A young person's key (256 bits, base64) for sealing what their phone keeps while it
    /// waits to send (AES-GCM). Keep it in memory only: without it, what the phone keeps cannot
    /// be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_key: Option<String>,
}

/// An assisted session: a participation officer beside a young person (a 4-to-7-year-old, or a
/// child with SEND) on the officer's own device. The token lets in only the child's services and
/// giving feedback, which is stored as the child's and marked as helped by the officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistedSession {
    /// Short-lived bearer token (no refresh); keep it in memory only.
    pub access_token: String,
    /// Seconds until it expires.
    pub expires_in: u64,
    /// The child's display name, to greet them.
    pub display_name: String,
    /// The child's age band, for the wording of the questions (none set: the questions for
    /// everyone).
    pub age_band: Option<AgeBand>,
}

/// The signed-in person, as they may see themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub role: Role,
    pub display_name: String,
    pub organisation_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_in_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// The languages their organisation offers (codes, English first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// Check an invite code before redeeming it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InviteCheck {
    pub code: String,
}

/// A valid invite, with a sign-in name Chorus suggests (unique at the time of asking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InviteInfo {
    pub organisation_name: String,
    pub suggested_sign_in_name: String,
}

/// Redeem a one-time invite: choose a sign-in name, a display name and a PIN.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RedeemInvite {
    pub code: String,
    pub sign_in_name: String,
    pub display_name: String,
    pub pin: String,
}

/// A participation officer creates an invite for a young person they are onboarding.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewInvite {
    pub age_band: AgeBand,
    /// Services the young person will be linked to once they redeem it.
    pub service_ids: Vec<Uuid>,
}

/// A freshly made invite; the code is shown once and stored only as a hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreatedInvite {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// Several invites at once, each for a young person of this age band linked to these services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewInviteBatch {
    pub age_band: AgeBand,
    pub service_ids: Vec<Uuid>,
    /// How many (1 to `MAX_BATCH`).
    pub count: u32,
}

impl NewInviteBatch {
    pub const MAX_BATCH: u32 = 30;
}

/// An invite to print as a card: the code, until when, the services it links, and a QR code of
/// the joining address (an SVG drawn by the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PrintableInvite {
    pub code: String,
    pub expires_at: DateTime<Utc>,
    pub services: Vec<String>,
    pub join_url: String,
    pub qr_svg: String,
}

/// The kinds of service a young person can give feedback on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum ServiceType {
    FosteringAgency,
    ChildrensHome,
    SmallGroupHome,
    SupportedAccommodation,
    Advocacy,
    Camhs,
    AlternativeProvision,
    ShortBreaks,
    CareLeaversSupport,
}

impl ServiceType {
    pub const ALL: [ServiceType; 9] = [
        ServiceType::FosteringAgency,
        ServiceType::ChildrensHome,
        ServiceType::SmallGroupHome,
        ServiceType::SupportedAccommodation,
        ServiceType::Advocacy,
        ServiceType::Camhs,
        ServiceType::AlternativeProvision,
        ServiceType::ShortBreaks,
        ServiceType::CareLeaversSupport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::FosteringAgency => "fostering_agency",
            ServiceType::ChildrensHome => "childrens_home",
            ServiceType::SmallGroupHome => "small_group_home",
            ServiceType::SupportedAccommodation => "supported_accommodation",
            ServiceType::Advocacy => "advocacy",
            ServiceType::Camhs => "camhs",
            ServiceType::AlternativeProvision => "alternative_provision",
            ServiceType::ShortBreaks => "short_breaks",
            ServiceType::CareLeaversSupport => "care_leavers_support",
        }
    }

    pub fn parse(s: &str) -> Option<ServiceType> {
        ServiceType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A service linked to the signed-in young person, with the questions to ask about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MyService {
    pub id: Uuid,
    pub name: String,
    pub provider_name: String,
    pub service_type: ServiceType,
    /// The outcome questions for this young person's age band, in order.
    pub questions: Vec<Dimension>,
}

/// A young person's feedback on one service. `id` is made on the phone, so a retry stores it once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewFeedback {
    pub id: Uuid,
    pub service_id: Uuid,
    #[serde(default)]
    pub answers: Answers,
    /// "Tell us more"
    #[serde(default)]
    pub tell_us_more: Option<String>,
    /// "What would make it better?"
    #[serde(default)]
    pub make_better: Option<String>,
    /// `false` (the default): anonymous to everyone but the participation team.
    #[serde(default)]
    pub named: bool,
    /// "I'd like someone to talk to me about this."
    #[serde(default)]
    pub wants_talk: bool,
}

/// Where a piece of feedback is in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum ModerationStatus {
    Pending,
    Approved,
    Rejected,
}

impl ModerationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ModerationStatus::Pending => "pending",
            ModerationStatus::Approved => "approved",
            ModerationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<ModerationStatus> {
        [
            ModerationStatus::Pending,
            ModerationStatus::Approved,
            ModerationStatus::Rejected,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// The server's acknowledgement: the feedback is stored (201 the first time, 200 on a retry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FeedbackReceipt {
    pub id: Uuid,
    pub received_at: DateTime<Utc>,
}

/// Liveness and readiness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    /// "ok", or "degraded" while safeguarding email is stuck.
    pub status: String,
    pub database: String,
    /// "ok", or "stuck" when safeguarding email has waited longer than the configured time.
    pub safeguarding_mail: String,
}

/// A service in the organisation's directory, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceSummary {
    pub id: Uuid,
    pub name: String,
    pub provider_name: String,
    pub service_type: ServiceType,
}

/// What a stretch of free text looks like; officers can also mark names or anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Phone,
    Email,
    Postcode,
    Address,
    Marked,
}

/// A stretch of free text, in characters (Unicode scalar values, not bytes): `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
}

/// Spans to remove from each free-text field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Redactions {
    #[serde(default)]
    pub tell_us_more: Vec<TextSpan>,
    #[serde(default)]
    pub make_better: Vec<TextSpan>,
}

/// Approve a piece of feedback, publishing its text with these spans removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApproveFeedback {
    #[serde(default)]
    pub redactions: Redactions,
}

/// Why an officer did not publish a young person's words. Each has a plain-language explanation
/// for the young person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectionReason {
    /// It could identify the young person or someone else.
    Identifying,
    /// It names or is unkind about a particular person.
    AboutAPerson,
    /// It is about something other than this service.
    NotAboutService,
    /// The same thing was sent twice.
    Duplicate,
    /// It is being followed up in person instead.
    FollowedUpInPerson,
    Other,
}

impl RejectionReason {
    pub const ALL: [RejectionReason; 6] = [
        RejectionReason::Identifying,
        RejectionReason::AboutAPerson,
        RejectionReason::NotAboutService,
        RejectionReason::Duplicate,
        RejectionReason::FollowedUpInPerson,
        RejectionReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectionReason::Identifying => "identifying",
            RejectionReason::AboutAPerson => "about_a_person",
            RejectionReason::NotAboutService => "not_about_service",
            RejectionReason::Duplicate => "duplicate",
            RejectionReason::FollowedUpInPerson => "followed_up_in_person",
            RejectionReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RejectionReason> {
        RejectionReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// What the young person is told, in plain words (English; the web app translates by code).
    pub fn explanation(self) -> &'static str {
        match self {
            RejectionReason::Identifying => "Your words had details that could show who you or someone else are, so we kept them private. We still read them and your scores still count.",
            RejectionReason::AboutAPerson => "Your words were about a particular person, so we did not share them. We still read them and your scores still count.",
            RejectionReason::NotAboutService => "Your words were about something else, so we passed them to the right person instead of sharing them here.",
            RejectionReason::Duplicate => "You told us the same thing twice, so we kept one of them.",
            RejectionReason::FollowedUpInPerson => "Someone from the participation team will talk to you about this in person, so we did not share it here.",
            RejectionReason::Other => "We did not share your words this time. The note from the participation team says why.",
        }
    }
}

/// Do not publish the words: a reason from the list, plus words for the young person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RejectFeedback {
    pub reason: RejectionReason,
    /// A short note the young person will see.
    #[serde(default)]
    pub note: Option<String>,
}

/// A piece of feedback as the participation team moderates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModerationItem {
    pub id: Uuid,
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    pub received_at: DateTime<Utc>,
    pub status: ModerationStatus,
    pub safeguarding: bool,
    pub answers: Answers,
    pub tell_us_more: Option<String>,
    pub make_better: Option<String>,
    /// Phone numbers, emails, postcodes and addresses found in the text, to remove.
    pub highlights: Redactions,
    pub wants_talk: bool,
    pub author_display_name: Option<String>,
    /// Given in an assisted session: the display name of the officer who sat beside the child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assisted_by: Option<String>,
}

/// Where a young person's feedback has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MyFeedbackStatus {
    /// It arrived.
    Sent,
    /// Someone from the participation team has read it.
    Read,
    /// Something changed because of it: there is a "we did" response.
    Changed,
}

/// A "we did" response, as a young person sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WeDid {
    pub id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// One of the young person's own submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MyFeedback {
    pub id: Uuid,
    pub service_name: String,
    pub received_at: DateTime<Utc>,
    pub status: MyFeedbackStatus,
    pub answers: Answers,
    /// Their own words, as they wrote them.
    pub tell_us_more: Option<String>,
    pub make_better: Option<String>,
    /// Set when their words were not published.
    pub not_published: Option<NotPublished>,
    pub responses: Vec<WeDid>,
}

/// Why a young person's words were not published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NotPublished {
    pub reason: RejectionReason,
    pub explanation: String,
    pub note: Option<String>,
}

/// A "you said, we did" response to one piece of feedback, or to a theme: a service, optionally
/// one outcome and one quarter (e.g. "2026-Q4").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewResponse {
    #[serde(default)]
    pub feedback_id: Option<Uuid>,
    #[serde(default)]
    pub service_id: Option<Uuid>,
    #[serde(default)]
    pub dimension: Option<Dimension>,
    #[serde(default)]
    pub quarter: Option<String>,
    pub body: String,
}

/// A stored response and how many young people it reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreatedResponse {
    pub id: Uuid,
    pub reaches_young_people: u64,
}

/// The result of checking the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditVerification {
    pub entries: u64,
    pub intact: bool,
    /// When not intact: what is wrong, and where.
    pub problem: Option<String>,
}

/// A young person as a participation officer lists them for data requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct YoungPersonSummary {
    pub id: Uuid,
    pub display_name: String,
    pub sign_in_name: Option<String>,
    pub erased: bool,
    /// Which questions and wording they get; the officer moves them as they grow.
    pub age_band: Option<AgeBand>,
    /// False once an officer has switched their account off (they left care): no sign-in, their
    /// data kept (unlike erasing).
    pub active: bool,
}

/// A young person's new age band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AgeBandChange {
    pub age_band: AgeBand,
}

/// One of a young person's services: since when, and until when if the link has ended (a
/// placement changed). Their feedback and scores about it are kept either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceLink {
    pub service_id: Uuid,
    pub service_name: String,
    pub provider_name: String,
    pub since: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// A service to link a young person to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LinkService {
    pub service_id: Uuid,
}
