//! The one error body every API failure carries:
//! `{ "error": "snake_case_code", "reason": "snake_case_reason", "message": "human words" }`.
//! The web app shows the words for `reason` in the reader's language, then for `error`, then
//! falls back to `message` (English).

use serde::{Deserialize, Serialize};

/// Machine-readable reason for a failed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the body is not valid JSON or has the wrong shape.
    MalformedRequest,
    /// 422: a field's value was refused; `field` names it.
    InvalidInput,
    /// 401: no valid access token.
    Unauthenticated,
    /// 401: wrong sign-in details.
    WrongCredentials,
    /// 403: signed in, but this role may not do this.
    Forbidden,
    /// 404: nothing here, or nothing this user may see.
    NotFound,
    /// 404: the invite code does not exist.
    InviteNotFound,
    /// 410: the invite code was already used or has expired.
    InviteUsed,
    /// 409: the sign-in name is taken.
    SignInNameTaken,
    /// 409: the request conflicts with what is stored (e.g. a reused id).
    Conflict,
    /// 413: the request body is too large.
    PayloadTooLarge,
    /// 429: too many requests; slow down.
    RateLimited,
    /// 500: something went wrong on the server; nothing was half-written.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::WrongCredentials => "wrong_credentials",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InviteNotFound => "invite_not_found",
            ErrorCode::InviteUsed => "invite_used",
            ErrorCode::SignInNameTaken => "sign_in_name_taken",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Internal => "internal",
        }
    }
}

/// The JSON body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ErrorCode,
    /// Why, more precisely than `error`: a stable key the web apps translate.
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub reason: Reason,
    pub message: String,
    /// The form field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Declares `Reason` from `Variant = "wire_name"` pairs, so the enum, `as_str` (which its
/// serialisation uses) and `ALL` cannot disagree. The OpenAPI document names the variants in
/// snake_case; an API test checks that those are the wire names.
macro_rules! reasons {
    ($($(#[$doc:meta])* $variant:ident = $code:tt,)*) => {
        /// The stable reason a request was refused, finer than `ErrorCode`: each has words in every
        /// language its readers use (`frontend/locales`). Never rename one; add new ones.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(rename_all = "snake_case"))]
        pub enum Reason {
            $($(#[$doc])* $variant,)*
        }

        impl Reason {
            /// Every reason, for the tests that check each one has words.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$variant => $code,)*
                }
            }
        }
    };
}

reasons! {
    // Refusals that are their error code (one reason each).
    MalformedRequest = "malformed_request",
    Unauthenticated = "unauthenticated",
    WrongCredentials = "wrong_credentials",
    /// 429: too many wrong PINs or passwords; wait (`Retry-After`) or ask an officer.
    TooManyWrongTries = "too_many_wrong_tries",
    Forbidden = "forbidden",
    InviteNotFound = "invite_not_found",
    InviteUsed = "invite_used",
    SignInNameTaken = "sign_in_name_taken",
    PayloadTooLarge = "payload_too_large",
    RateLimited = "rate_limited",
    Internal = "internal",

    // A value refused (422, `invalid_input`): joining and signing in.
    PinDigitsOnly = "pin_digits_only",
    PinTooShort = "pin_too_short",
    PinTooLong = "pin_too_long",
    PinTooEasy = "pin_too_easy",
    /// The two PINs typed while joining differ (checked in the browser only).
    PinMismatch = "pin_mismatch",
    DisplayNameEmpty = "display_name_empty",
    DisplayNameTooLong = "display_name_too_long",
    DisplayNameCharacters = "display_name_characters",
    SignInNameFormat = "sign_in_name_format",
    InviteCodeFormat = "invite_code_format",
    EmailFormat = "email_format",
    PasswordTooShort = "password_too_short",
    PasswordTooLong = "password_too_long",
    /// A new staff password that is common, breached or close to the person's own details.
    PasswordTooCommon = "password_too_common",
    /// Inviting a member of staff with the young person's role.
    StaffRole = "staff_role",
    // Words and feedback.
    /// A text box that must be filled in is empty.
    Required = "required",
    TextTooLong = "text_too_long",
    TextCharacters = "text_characters",
    FeedbackEmpty = "feedback_empty",
    UnknownService = "unknown_service",
    TooManyServices = "too_many_services",
    BodyEmpty = "body_empty",
    ResponseTarget = "response_target",
    BadRedaction = "bad_redaction",
    NoteNeeded = "note_needed",
    PhrasesInvalid = "phrases_invalid",
    RetentionRange = "retention_range",
    /// The smallest group shown outside 5 to 50.
    CohortRange = "cohort_range",
    PriorWeightRange = "prior_weight_range",
    // Dashboard queries.
    QuarterFormat = "quarter_format",
    QuartersRange = "quarters_range",
    WindowKind = "window_kind",
    /// An export format other than json or csv.
    Format = "format",
    // Tenders and panels.
    WeightsTotal = "weights_total",
    HoursRange = "hours_range",
    WindowOrder = "window_order",
    QuestionCount = "question_count",
    NoYoungPeoplesQuestion = "no_young_peoples_question",
    WeightZero = "weight_zero",
    RubricLength = "rubric_length",
    EasyReadMissing = "easy_read_missing",
    ScoreRange = "score_range",
    TooManyBids = "too_many_bids",
    PriceRange = "price_range",
    /// A price that is not an amount of pounds (checked in the browser only).
    PriceFormat = "price_format",
    UnknownProvider = "unknown_provider",
    UnknownQuestion = "unknown_question",
    DuplicateAnswer = "duplicate_answer",
    ScoresMissing = "scores_missing",
    ConsensusMissing = "consensus_missing",
    QuizAnswers = "quiz_answers",
    UnknownBidder = "unknown_bidder",
    /// A box that takes a whole number holds something else (checked in the browser only).
    Number = "number",
    /// A box that takes a date holds something else (checked in the browser only).
    Date = "date",
    /// A case's action without its reference or reason, or a closing without an outcome.
    CaseDetail = "case_detail",
    /// A batch of invites of no size, or too many at once.
    BatchSize = "batch_size",
    /// A duty rota step or office hours that cannot be used.
    DutyRota = "duty_rota",

    // Not found (404, `not_found`), by what was looked for.
    AddressNotFound = "address_not_found",
    TenderNotFound = "tender_not_found",
    BidNotFound = "bid_not_found",
    BidQuestionNotFound = "bid_question_not_found",
    /// The question is not one this young person scores.
    QuestionNotYours = "question_not_yours",
    /// The young person has not asked to join the panel.
    JoinRequestNotFound = "join_request_not_found",
    MemberNotFound = "member_not_found",
    FeedbackNotFound = "feedback_not_found",
    YoungPersonNotFound = "young_person_not_found",
    OrganisationNotFound = "organisation_not_found",
    AlertNotFound = "alert_not_found",
    ServiceNotFound = "service_not_found",
    StaffNotFound = "staff_not_found",
    ProviderNotFound = "provider_not_found",
    /// An emailed link that is unknown, used or expired (told apart for nobody).
    LinkNotUsable = "link_not_usable",
    /// A PIN reset code that is unknown, used or run out.
    ResetCodeNotUsable = "reset_code_not_usable",

    // Conflicts with what is stored (409, `conflict`).
    FeedbackIdTaken = "feedback_id_taken",
    FeedbackChanged = "feedback_changed",
    AlertAcknowledged = "alert_acknowledged",
    /// A case step out of order: acknowledge, record an action, then close.
    CaseNotReady = "case_not_ready",
    CaseClosed = "case_closed",
    /// An admin switching off their own account (another admin must).
    OwnAccount = "own_account",
    /// Inviting staff with an email another account has.
    EmailTaken = "email_taken",
    /// Adding a service its provider already has under that name.
    ServiceExists = "service_exists",
    /// Renaming a provider another council also lists (providers are shared).
    ProviderShared = "provider_shared",
    /// Giving a provider a URN another provider has (or a name another has with another URN).
    UrnTaken = "urn_taken",
    /// Renaming a provider to another provider's name (names are unique).
    ProviderNameTaken = "provider_name_taken",
    /// Signing in to an account the admin has switched off (403).
    AccountDeactivated = "account_deactivated",
    /// A staff sign-in's second step: the code from the authenticator app (or the recovery code)
    /// did not match (401).
    WrongCode = "wrong_code",
    /// What was typed is neither six digits nor a recovery code.
    CodeFormat = "code_format",
    /// New recovery codes asked for before an authenticator app is set up.
    SecondFactorNotSetUp = "second_factor_not_set_up",
    /// Lines of a directory file that cannot be imported (the message names each line).
    DirectoryRows = "directory_rows",
    /// A provider's number that is not an Ofsted URN (such as SC123456).
    NotAnUrn = "not_an_urn",
    /// Languages offered that Chorus does not speak, or without English.
    LanguagesOffered = "languages_offered",
    /// More pieces of news marked seen at once than a young person is shown.
    TooManyNews = "too_many_news",
    /// This Chorus sends no notifications (no VAPID key is set).
    NotificationsOff = "notifications_off",
    /// A provider's account without a provider of the organisation, or a provider named for
    /// another role's account.
    ProviderForAccount = "provider_for_account",
    /// A provider's reply that is not there (or not this organisation's, or decided already).
    ReplyNotFound = "reply_not_found",
    /// A region's name that is empty, too long or holds control characters.
    RegionName = "region_name",
    /// A region of that name exists already (join it instead).
    RegionNameTaken = "region_name_taken",
    /// The council is in a region already: it leaves that one first.
    AlreadyInRegion = "already_in_region",
    /// The council is in no region, so there is none to leave.
    NotInRegion = "not_in_region",
    /// A region that is not there.
    RegionNotFound = "region_not_found",
    /// A phone's push subscription Chorus cannot use: an unknown push service, or keys that
    /// cannot be read.
    PushSubscription = "push_subscription",
    /// A service that asks about no outcome.
    OutcomesRequired = "outcomes_required",
    /// A provider or service name that is empty, too long or holds control characters.
    DirectoryName = "directory_name",
    YoungPersonErased = "young_person_erased",
    AlreadyErased = "already_erased",
    PanelNotTakingMembers = "panel_not_taking_members",
    TrainingNeeded = "training_needed",
    ConflictsNotDeclared = "conflicts_not_declared",
    PanelClosed = "panel_closed",
    PanelUndecided = "panel_undecided",
    PanelAlreadyOpen = "panel_already_open",
    /// Closing, or recording agreed scores, needs an open panel.
    PanelNotOpen = "panel_not_open",
    BidsClosed = "bids_closed",
    BidExists = "bid_exists",
    NoBids = "no_bids",
    /// An officer ends scoring that is not running.
    ScoringNotOpen = "scoring_not_open",
    /// A young person scores outside the panel's dates.
    OutsideScoringDates = "outside_scoring_dates",
    ScoresLocked = "scores_locked",
    /// Scores are shown once the scoring window has closed.
    ScoresHidden = "scores_hidden",
    /// The moderation meeting, or closing, waits for the scoring window to close.
    ScoringNotEnded = "scoring_not_ended",
    AlreadyExcluded = "already_excluded",
}

// Written by hand rather than derived: serde's derive unrolls the ~100 names into code the voice
// app would download; a look-up in `ALL` is a few bytes.
impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Reason, D::Error> {
        let name = String::deserialize(deserializer)?;
        Reason::ALL
            .iter()
            .copied()
            .find(|reason| reason.as_str() == name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &[]))
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// So a test can say `assert_eq!(invalid.reason, "pin_too_easy")`.
impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_is_sent_as_its_name_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for reason in Reason::ALL {
            assert!(seen.insert(reason.as_str()), "{reason} twice");
            let json = serde_json::to_string(reason).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
            assert_eq!(serde_json::from_str::<Reason>(&json).ok(), Some(*reason));
        }
        assert!(serde_json::from_str::<Reason>("\"no_such_reason\"").is_err());
    }
}
