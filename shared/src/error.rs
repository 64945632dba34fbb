//! The one error body every API failure carries: `{ "error": "snake_case_code", "message": "human words" }`.
//! The web app translates `error` and falls back to `message`.

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
    /// 423: too many wrong PINs or passwords; try later or ask a participation officer.
    AccountLocked,
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
            ErrorCode::AccountLocked => "account_locked",
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
    pub message: String,
    /// The form field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
