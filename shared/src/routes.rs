//! Every route of `/api/v1`, declared once: its method, path, who may call it, what it takes and
//! what it gives back. The server registers each handler from this table (and refuses to start if
//! the handler's sign-in extractor lets in other roles than the table says), the authorisation
//! matrix test walks it against the running server and the OpenAPI document, and the web apps call
//! through it, so a route cannot be added in one place and forgotten in another.

use crate::{api, tender, Role};
use std::marker::PhantomData;
use uuid::Uuid;

/// The prefix every path here is under.
pub const BASE: &str = "/api/v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No sign-in (signing in, invites, the refresh cookie's routes, health).
    Anyone,
    /// A valid access token whose role is one of these.
    Roles(&'static [Role]),
    /// A young person, or a trusted adult's assisted session for one (a participation officer
    /// beside the child, on the officer's device): the child's services and giving feedback,
    /// nothing else of theirs (`docs/assisted.md`).
    Child,
}

impl Access {
    /// The roles whose own tokens this lets in.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Access::Anyone => &[],
            Access::Roles(roles) => roles,
            Access::Child => roles::YOUNG_PERSON,
        }
    }
}

/// The role sets routes are open to.
pub mod roles {
    use crate::Role;

    pub const YOUNG_PERSON: &[Role] = &[Role::YoungPerson];
    pub const OFFICER: &[Role] = &[Role::ParticipationOfficer];
    pub const COMMISSIONER: &[Role] = &[Role::Commissioner];
    pub const ADMIN: &[Role] = &[Role::Admin];
    pub const PROVIDER: &[Role] = &[Role::Provider];
    /// Those who answer young people back ("you said, we did").
    pub const RESPONDER: &[Role] = &[Role::ParticipationOfficer, Role::Commissioner];
    /// Those who score tender bids: young commissioners and professionals (commissioners).
    pub const EVALUATOR: &[Role] = &[Role::YoungPerson, Role::Commissioner];
    /// Those who run tenders: commissioners set them up, participation officers run the panels.
    pub const TENDER_STAFF: &[Role] = &[Role::ParticipationOfficer, Role::Commissioner];
    /// Those who keep the safeguarding phrase list: participation officers and the admin.
    pub const PARTICIPATION_TEAM: &[Role] = &[Role::ParticipationOfficer, Role::Admin];
    /// Any member of the council's staff (not a provider's).
    pub const STAFF: &[Role] = &[Role::ParticipationOfficer, Role::Commissioner, Role::Admin];
    /// Anyone signed in.
    pub const SIGNED_IN: &[Role] = &Role::ALL;
}

/// A route's success is a JSON body of `T`.
pub struct Json<T>(PhantomData<T>);
/// A route's success has no body (204).
pub struct NoContent;
/// A route's success is text (CSV or a plain-text export).
pub struct Text;

/// One route: `Req` is its JSON body (`()` for none), `Res` what it answers with.
pub struct Route<Req, Res> {
    pub method: Method,
    /// Under `BASE`, with `{name}` for each id in the path.
    pub path: &'static str,
    pub access: Access,
    types: PhantomData<fn(Req) -> Res>,
}

impl<Req, Res> Clone for Route<Req, Res> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Res> Copy for Route<Req, Res> {}

impl<Req, Res> Route<Req, Res> {
    const fn new(method: Method, path: &'static str, access: Access) -> Self {
        Route {
            method,
            path,
            access,
            types: PhantomData,
        }
    }

    /// The path with its `{…}` segments filled by `ids`, in order.
    pub fn at(&self, ids: &[Uuid]) -> String {
        fill(self.path, ids)
    }
}

/// `path` with its `{…}` segments filled by `ids`, in order. Not generic, so the web apps carry
/// one copy whatever the number of routes.
pub fn fill(path: &str, ids: &[Uuid]) -> String {
    let mut out = String::new();
    let mut ids = ids.iter();
    for (i, part) in path.split('{').enumerate() {
        match part.split_once('}') {
            Some((_, rest)) if i > 0 => {
                if let Some(id) = ids.next() {
                    out.push_str(&id.to_string());
                }
                out.push_str(rest);
            }
            _ => out.push_str(part),
        }
    }
    out
}

/// A route without its types, for tables and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub name: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

macro_rules! routes {
    ($($name:ident: $method:ident $path:literal, $access:expr, $req:ty => $res:ty;)*) => {
        $(pub const $name: Route<$req, $res> = Route::new(Method::$method, $path, $access);)*

        /// Every route, in the order of this file.
        pub const ALL: &[Endpoint] = &[$(Endpoint {
            name: stringify!($name),
            method: Method::$method,
            path: $path,
            access: $access,
        }),*];
    };
}

routes! {
    // health
    GET_HEALTH: Get "/health", Access::Anyone, () => Json<api::Health>;
    GET_LIVE: Get "/health/live", Access::Anyone, () => NoContent;
    // auth
    SIGN_IN_STAFF: Post "/auth/staff/sign-in", Access::Anyone, api::StaffSignIn => Json<api::StaffSignInStep>;
    SIGN_IN_STAFF_CODE: Post "/auth/staff/second-factor", Access::Anyone, api::SecondFactorCode => Json<api::SecondFactorSignedIn>;
    SIGN_IN_YOUNG_PERSON: Post "/auth/young-person/sign-in", Access::Anyone, api::YoungPersonSignIn => Json<api::Session>;
    REFRESH_SESSION: Post "/auth/refresh", Access::Anyone, () => Json<api::Session>;
    SIGN_OUT_EVERYWHERE: Post "/auth/sign-out-everywhere", Access::Anyone, () => NoContent;
    SIGN_OUT: Post "/auth/sign-out", Access::Anyone, () => NoContent;
    REQUEST_PASSWORD_RESET: Post "/auth/password-reset", Access::Anyone, api::PasswordResetRequest => NoContent;
    SET_PASSWORD: Post "/auth/set-password", Access::Anyone, api::SetPassword => NoContent;
    RESET_PIN: Post "/auth/pin-reset", Access::Anyone, api::ResetPin => Json<api::Session>;
    // invites
    CHECK_INVITE: Post "/invites/check", Access::Anyone, api::InviteCheck => Json<api::InviteInfo>;
    REDEEM_INVITE: Post "/invites/redeem", Access::Anyone, api::RedeemInvite => Json<api::Session>;
    CREATE_INVITE: Post "/invites", Access::Roles(roles::OFFICER), api::NewInvite => Json<api::CreatedInvite>;
    CREATE_INVITE_BATCH: Post "/invites/batch", Access::Roles(roles::OFFICER), api::NewInviteBatch => Json<Vec<api::PrintableInvite>>;
    // me
    GET_ME: Get "/me", Access::Roles(roles::SIGNED_IN), () => Json<api::Me>;
    LIST_MY_SERVICES: Get "/me/services", Access::Child, () => Json<Vec<api::MyService>>;
    LIST_MY_FEEDBACK: Get "/me/feedback", Access::Roles(roles::YOUNG_PERSON), () => Json<Vec<api::MyFeedback>>;
    GET_MY_NEWS: Get "/me/news", Access::Roles(roles::YOUNG_PERSON), () => Json<api::News>;
    SEEN_MY_NEWS: Post "/me/news/seen", Access::Roles(roles::YOUNG_PERSON), api::NewsSeen => NoContent;
    GET_PUSH_KEY: Get "/me/push/key", Access::Roles(roles::YOUNG_PERSON), () => Json<api::PushKey>;
    TURN_PUSH_ON: Post "/me/push", Access::Roles(roles::YOUNG_PERSON), api::PushSubscription => NoContent;
    TURN_PUSH_OFF: Post "/me/push/off", Access::Roles(roles::YOUNG_PERSON), api::PushEndpoint => NoContent;
    GET_MY_SECOND_FACTOR: Get "/me/second-factor", Access::Roles(roles::STAFF), () => Json<api::SecondFactorStatus>;
    NEW_RECOVERY_CODES: Post "/me/second-factor/recovery-codes", Access::Roles(roles::STAFF), api::CurrentCode => Json<api::RecoveryCodes>;
    // feedback
    SUBMIT_FEEDBACK: Post "/feedback", Access::Child, api::NewFeedback => Json<api::FeedbackReceipt>;
    // moderation
    LIST_PENDING_FEEDBACK: Get "/moderation/queue", Access::Roles(roles::OFFICER), () => Json<Vec<api::ModerationItem>>;
    GET_FEEDBACK_ORIGINAL: Get "/moderation/feedback/{id}", Access::Roles(roles::OFFICER), () => Json<api::ModerationItem>;
    APPROVE_FEEDBACK: Post "/moderation/feedback/{id}/approve", Access::Roles(roles::OFFICER), api::ApproveFeedback => NoContent;
    REJECT_FEEDBACK: Post "/moderation/feedback/{id}/reject", Access::Roles(roles::OFFICER), api::RejectFeedback => NoContent;
    ESCALATE_FEEDBACK: Post "/moderation/feedback/{id}/escalate", Access::Roles(roles::OFFICER), () => NoContent;
    // safeguarding
    LIST_ALERTS: Get "/safeguarding/alerts", Access::Roles(roles::OFFICER), () => Json<Vec<api::Alert>>;
    ACKNOWLEDGE_ALERT: Post "/safeguarding/alerts/{id}/acknowledge", Access::Roles(roles::OFFICER), () => NoContent;
    GET_CASE: Get "/safeguarding/alerts/{id}", Access::Roles(roles::OFFICER), () => Json<api::SafeguardingCase>;
    RECORD_CASE_ACTION: Post "/safeguarding/alerts/{id}/actions", Access::Roles(roles::OFFICER), api::RecordCaseAction => Json<api::SafeguardingCase>;
    CLOSE_CASE: Post "/safeguarding/alerts/{id}/close", Access::Roles(roles::OFFICER), api::CloseCase => Json<api::SafeguardingCase>;
    CASE_YOUNG_PERSON: Get "/safeguarding/alerts/{id}/young-person", Access::Roles(roles::OFFICER), () => Json<api::CaseYoungPerson>;
    GET_PHRASES: Get "/admin/safeguarding-phrases", Access::Roles(roles::PARTICIPATION_TEAM), () => Json<api::SafeguardingPhrases>;
    PUT_PHRASES: Put "/admin/safeguarding-phrases", Access::Roles(roles::PARTICIPATION_TEAM), api::SafeguardingPhrases => Json<api::SafeguardingPhrases>;
    GET_MAIL_STATUS: Get "/safeguarding/mail", Access::Roles(roles::OFFICER), () => Json<api::MailStatus>;
    LIST_STAFF: Get "/admin/staff", Access::Roles(roles::ADMIN), () => Json<Vec<api::StaffMember>>;
    INVITE_STAFF: Post "/admin/staff", Access::Roles(roles::ADMIN), api::NewStaffMember => Json<api::StaffMember>;
    DEACTIVATE_STAFF: Post "/admin/staff/{id}/deactivate", Access::Roles(roles::ADMIN), () => NoContent;
    REACTIVATE_STAFF: Post "/admin/staff/{id}/reactivate", Access::Roles(roles::ADMIN), () => NoContent;
    RESET_SECOND_FACTOR: Post "/admin/staff/{id}/second-factor/reset", Access::Roles(roles::ADMIN), () => NoContent;
    IMPORT_DIRECTORY: Post "/admin/directory/import", Access::Roles(roles::ADMIN), api::DirectoryImport => Json<api::DirectoryImportReport>;
    GET_DIRECTORY: Get "/admin/directory", Access::Roles(roles::ADMIN), () => Json<api::Directory>;
    ADD_SERVICE: Post "/admin/services", Access::Roles(roles::ADMIN), api::NewService => Json<api::DirectoryService>;
    EDIT_SERVICE: Put "/admin/services/{id}", Access::Roles(roles::ADMIN), api::ServiceEdit => Json<api::DirectoryService>;
    RETIRE_SERVICE: Post "/admin/services/{id}/retire", Access::Roles(roles::ADMIN), () => NoContent;
    RESTORE_SERVICE: Post "/admin/services/{id}/restore", Access::Roles(roles::ADMIN), () => NoContent;
    EDIT_PROVIDER: Put "/admin/providers/{id}", Access::Roles(roles::ADMIN), api::ProviderEdit => NoContent;
    GET_DUTY_ROTA: Get "/admin/duty-rota", Access::Roles(roles::ADMIN), () => Json<api::DutyRota>;
    PUT_DUTY_ROTA: Put "/admin/duty-rota", Access::Roles(roles::ADMIN), api::DutyRota => Json<api::DutyRota>;
    // responses
    CREATE_RESPONSE: Post "/responses", Access::Roles(roles::RESPONDER), api::NewResponse => Json<api::CreatedResponse>;
    // services
    LIST_SERVICES: Get "/services", Access::Roles(roles::STAFF), () => Json<Vec<api::ServiceSummary>>;
    // dashboard
    GET_SCORES: Get "/dashboard/scores", Access::Roles(roles::STAFF), () => Json<api::ScoresReport>;
    GET_SERVICE_DETAIL: Get "/dashboard/services/{id}", Access::Roles(roles::STAFF), () => Json<api::ServiceDetail>;
    GET_KPIS: Get "/dashboard/kpis", Access::Roles(roles::STAFF), () => Json<api::Kpis>;
    GET_QUARTERLY_REPORT: Get "/dashboard/report", Access::Roles(roles::STAFF), () => Json<api::QuarterlyReport>;
    GET_REGION_SCORES: Get "/dashboard/region", Access::Roles(roles::STAFF), () => Json<api::RegionReport>;
    GET_ASSISTED_SCORES: Get "/dashboard/assisted", Access::Roles(roles::STAFF), () => Json<api::AssistedReport>;
    // regions
    LIST_REGIONS: Get "/admin/regions", Access::Roles(roles::ADMIN), () => Json<api::Regions>;
    CREATE_REGION: Post "/admin/regions", Access::Roles(roles::ADMIN), api::NewRegion => Json<api::Regions>;
    JOIN_REGION: Post "/admin/regions/{id}/join", Access::Roles(roles::ADMIN), () => Json<api::Regions>;
    LEAVE_REGION: Post "/admin/regions/leave", Access::Roles(roles::ADMIN), () => Json<api::Regions>;
    // data_rights
    EXPORT_MY_DATA: Get "/me/export", Access::Roles(roles::YOUNG_PERSON), () => Text;
    LIST_YOUNG_PEOPLE: Get "/young-people", Access::Roles(roles::OFFICER), () => Json<Vec<api::YoungPersonSummary>>;
    EXPORT_YOUNG_PERSON: Get "/young-people/{id}/export", Access::Roles(roles::OFFICER), () => Text;
    ERASE_YOUNG_PERSON: Post "/young-people/{id}/erase", Access::Roles(roles::OFFICER), () => NoContent;
    GET_RETENTION: Get "/admin/retention", Access::Roles(roles::ADMIN), () => Json<api::Retention>;
    GET_ORGANISATION: Get "/admin/organisation", Access::Roles(roles::ADMIN), () => Json<api::OrganisationSettings>;
    PUT_ORGANISATION: Put "/admin/organisation", Access::Roles(roles::ADMIN), api::OrganisationSettings => Json<api::OrganisationSettings>;
    FINISH_SET_UP: Post "/admin/organisation/set-up", Access::Roles(roles::ADMIN), () => Json<api::OrganisationSettings>;
    PUT_RETENTION: Put "/admin/retention", Access::Roles(roles::ADMIN), api::Retention => Json<api::Retention>;
    YOUNG_PERSON_SERVICES: Get "/young-people/{id}/services", Access::Roles(roles::OFFICER), () => Json<Vec<api::ServiceLink>>;
    LINK_SERVICE: Post "/young-people/{id}/services", Access::Roles(roles::OFFICER), api::LinkService => NoContent;
    UNLINK_SERVICE: Post "/young-people/{id}/services/{service_id}/unlink", Access::Roles(roles::OFFICER), () => NoContent;
    DEACTIVATE_YOUNG_PERSON: Post "/young-people/{id}/deactivate", Access::Roles(roles::OFFICER), () => NoContent;
    REACTIVATE_YOUNG_PERSON: Post "/young-people/{id}/reactivate", Access::Roles(roles::OFFICER), () => NoContent;
    SET_AGE_BAND: Put "/young-people/{id}/age-band", Access::Roles(roles::OFFICER), api::AgeBandChange => NoContent;
    UNLOCK_YOUNG_PERSON: Post "/young-people/{id}/unlock", Access::Roles(roles::OFFICER), () => NoContent;
    OPEN_ASSISTED_SESSION: Post "/young-people/{id}/assisted-session", Access::Roles(roles::OFFICER), () => Json<api::AssistedSession>;
    ISSUE_PIN_RESET: Post "/young-people/{id}/pin-reset", Access::Roles(roles::OFFICER), () => Json<api::PinResetCode>;
    // audit
    VERIFY_AUDIT_LOG: Get "/admin/audit/verify", Access::Roles(roles::ADMIN), () => Json<api::AuditVerification>;
    EXPORT_AUDIT_LOG: Get "/admin/audit/export", Access::Roles(roles::ADMIN), () => Text;
    // tenders
    LIST_TENDERS: Get "/tenders", Access::Roles(roles::TENDER_STAFF), () => Json<Vec<tender::TenderSummary>>;
    CREATE_TENDER: Post "/tenders", Access::Roles(roles::COMMISSIONER), tender::NewTender => Json<tender::TenderDetail>;
    GET_TENDER: Get "/tenders/{id}", Access::Roles(roles::TENDER_STAFF), () => Json<tender::TenderDetail>;
    ADD_BID: Post "/tenders/{id}/bids", Access::Roles(roles::COMMISSIONER), tender::NewBid => Json<tender::StaffBid>;
    OPEN_PANEL: Post "/tenders/{id}/open", Access::Roles(roles::OFFICER), () => Json<tender::TenderDetail>;
    END_SCORING: Post "/tenders/{id}/end-scoring", Access::Roles(roles::OFFICER), () => Json<tender::TenderDetail>;
    CLOSE_PANEL: Post "/tenders/{id}/close", Access::Roles(roles::OFFICER), () => Json<tender::Evaluation>;
    LIST_MEMBERS: Get "/tenders/{id}/members", Access::Roles(roles::OFFICER), () => Json<Vec<tender::Member>>;
    APPROVE_MEMBER: Post "/tenders/{id}/members/{user_id}/approve", Access::Roles(roles::OFFICER), () => NoContent;
    DECLINE_MEMBER: Post "/tenders/{id}/members/{user_id}/decline", Access::Roles(roles::OFFICER), () => NoContent;
    EXCLUDE_MEMBER: Post "/tenders/{id}/exclusions", Access::Roles(roles::OFFICER), tender::NewExclusion => NoContent;
    SAVE_SCORE: Put "/tenders/{id}/bids/{bid_id}/scores/{question_id}", Access::Roles(roles::EVALUATOR), tender::ScoreDraft => Json<tender::MyScore>;
    SUBMIT_SCORES: Post "/tenders/{id}/submit", Access::Roles(roles::EVALUATOR), () => Json<Vec<tender::MyScore>>;
    GET_EVALUATION: Get "/tenders/{id}/evaluation", Access::Roles(roles::TENDER_STAFF), () => Json<tender::Evaluation>;
    RECORD_CONSENSUS: Post "/tenders/{id}/consensus", Access::Roles(roles::OFFICER), tender::NewConsensus => NoContent;
    EXPORT_EVALUATION: Get "/tenders/{id}/export", Access::Roles(roles::TENDER_STAFF), () => Text;
    LIST_PROVIDERS: Get "/providers", Access::Roles(roles::STAFF), () => Json<Vec<tender::ProviderSummary>>;
    // provider
    GET_PROVIDER_SCORES: Get "/provider/scores", Access::Roles(roles::PROVIDER), () => Json<api::ScoresReport>;
    GET_PROVIDER_SERVICE: Get "/provider/services/{id}", Access::Roles(roles::PROVIDER), () => Json<api::ServiceDetail>;
    CREATE_PROVIDER_REPLY: Post "/provider/replies", Access::Roles(roles::PROVIDER), api::NewProviderReply => Json<api::ProviderReply>;
    LIST_PENDING_REPLIES: Get "/moderation/replies", Access::Roles(roles::OFFICER), () => Json<Vec<api::ProviderReply>>;
    APPROVE_REPLY: Post "/moderation/replies/{id}/approve", Access::Roles(roles::OFFICER), () => Json<api::ReplyApproved>;
    REJECT_REPLY: Post "/moderation/replies/{id}/reject", Access::Roles(roles::OFFICER), () => NoContent;
    // panels
    LIST_PANELS: Get "/panels", Access::Roles(roles::YOUNG_PERSON), () => Json<Vec<tender::Panel>>;
    GET_PANEL: Get "/panels/{id}", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::Panel>;
    EXPRESS_INTEREST: Post "/panels/{id}/interest", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::Panel>;
    GET_CONFLICTS: Get "/panels/{id}/conflicts", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::ConflictList>;
    DECLARE_CONFLICTS: Post "/panels/{id}/conflicts", Access::Roles(roles::YOUNG_PERSON), tender::ConflictDeclaration => Json<tender::ConflictList>;
    LIST_PANEL_BIDS: Get "/panels/{id}/bids", Access::Roles(roles::YOUNG_PERSON), () => Json<Vec<tender::PanelBid>>;
    GET_PANEL_BID: Get "/panels/{id}/bids/{bid_id}", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::PanelBid>;
    GET_OUTCOME: Get "/panels/{id}/outcome", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::PanelOutcome>;
    GET_TRAINING: Get "/training", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::TrainingStatus>;
    TAKE_QUIZ: Post "/training", Access::Roles(roles::YOUNG_PERSON), tender::QuizAnswers => Json<tender::QuizResult>;
    GET_PARTICIPATION: Get "/me/participation", Access::Roles(roles::YOUNG_PERSON), () => Json<tender::ParticipationRecord>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fill_the_path_in_order() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(GET_PANEL_BID.at(&[a, b]), format!("/panels/{a}/bids/{b}"));
        assert_eq!(LIST_SERVICES.at(&[]), "/services");
    }

    #[test]
    fn no_two_routes_share_a_method_and_path() {
        for (i, one) in ALL.iter().enumerate() {
            for other in &ALL[i + 1..] {
                assert!(
                    (one.method, one.path) != (other.method, other.path),
                    "{} and {}",
                    one.name,
                    other.name
                );
            }
        }
    }
}
