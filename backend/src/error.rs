//! The one API error type. Each variant's status is in `status_code`; the body is always
//! `shared::ApiError` (`{error, message, field?}`). 5xx bodies are opaque; their cause is logged.

use actix_web::{http::StatusCode, HttpResponse, ResponseError};
use shared::{validate::Invalid, ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: the body is not JSON, or not the right shape.
    #[error("{0}")]
    Malformed(String),
    /// 422: a value was refused, with the field and the reason.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// 401: no valid access token (missing, expired, or not ours).
    #[error("Please sign in again.")]
    Unauthenticated,
    /// 401: the sign-in details did not match.
    #[error("That sign-in name and PIN (or email and password) do not match. Please try again.")]
    WrongCredentials,
    /// 423: too many wrong attempts.
    #[error("Too many wrong tries. Your account is locked for a while: try later, or ask your participation officer to unlock it.")]
    AccountLocked,
    /// 403: signed in, but this role may not do this.
    #[error("You do not have permission to do that.")]
    Forbidden,
    /// 404: nothing here that this person may see. The text names what was looked for.
    #[error("{0}")]
    NotFound(&'static str),
    /// 404: no such invite code.
    #[error("We could not find that invite code. Please check it, or ask your participation officer for a new one.")]
    InviteNotFound,
    /// 410: the invite was used or has expired.
    #[error("That invite code has already been used or has run out. Please ask your participation officer for a new one.")]
    InviteUsed,
    /// 409: someone already has that sign-in name.
    #[error("Someone already has that sign-in name. Please pick another one.")]
    SignInNameTaken,
    /// 409: conflicts with what is stored.
    #[error("{0}")]
    Conflict(&'static str),
    /// 413: body too large.
    #[error("That is too much to send at once.")]
    PayloadTooLarge,
    /// 429: slow down.
    #[error("Too many tries in a short time. Please wait a minute and try again.")]
    RateLimited,
    /// 500: opaque to the client; the cause chain is logged.
    #[error("Something went wrong on our side. Nothing was saved half-way; please try again.")]
    Internal(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::Internal(anyhow::Error::new(err))
    }
}

impl<E> From<sea_orm::TransactionError<E>> for AppError
where
    E: Into<AppError> + std::error::Error,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Malformed(_) => ErrorCode::MalformedRequest,
            AppError::Invalid(_) => ErrorCode::InvalidInput,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::WrongCredentials => ErrorCode::WrongCredentials,
            AppError::AccountLocked => ErrorCode::AccountLocked,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::InviteNotFound => ErrorCode::InviteNotFound,
            AppError::InviteUsed => ErrorCode::InviteUsed,
            AppError::SignInNameTaken => ErrorCode::SignInNameTaken,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::RateLimited => ErrorCode::RateLimited,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn body(&self) -> ApiError {
        ApiError {
            error: self.code(),
            message: self.to_string(),
            field: match self {
                AppError::Invalid(invalid) => Some(invalid.field.to_owned()),
                _ => None,
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated | AppError::WrongCredentials => StatusCode::UNAUTHORIZED,
            AppError::AccountLocked => StatusCode::LOCKED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound(_) | AppError::InviteNotFound => StatusCode::NOT_FOUND,
            AppError::InviteUsed => StatusCode::GONE,
            AppError::SignInNameTaken | AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(error.cause_chain = ?cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, AppError::Unauthenticated) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        response.json(self.body())
    }
}

/// JSON bodies up to `limit` bytes, refused in our error body when they are not.
pub fn json_config(limit: usize) -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _| json_error(err).into())
}

/// Turns actix's JSON extractor failures into our error body (never actix's plain-text default).
pub fn json_error(err: actix_web::error::JsonPayloadError) -> AppError {
    use actix_web::error::JsonPayloadError as E;
    match err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => AppError::PayloadTooLarge,
        E::ContentType => AppError::Malformed(
            "Please send JSON, with the header Content-Type: application/json.".into(),
        ),
        E::Deserialize(e) if e.is_data() => AppError::Malformed(format!(
            "Some of what was sent has the wrong type or is missing: {}",
            first_line(&e.to_string())
        )),
        E::Deserialize(_) => AppError::Malformed("That is not valid JSON.".into()),
        _ => AppError::Malformed("We could not read what was sent.".into()),
    }
}

pub fn path_error(_: actix_web::error::PathError) -> AppError {
    AppError::NotFound("There is nothing at that address.")
}

pub fn query_error(err: actix_web::error::QueryPayloadError) -> AppError {
    AppError::Malformed(format!(
        "The address has a value we cannot read: {}",
        first_line(&err.to_string())
    ))
}

/// serde's messages are clear enough to pass on, but never echo more than their first line.
fn first_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}
