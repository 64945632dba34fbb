//! The application's one error type: every flow returns it, and `crate::error` maps it to HTTP in
//! one place. Each variant's words are written for the person who will read them, and each carries
//! a stable `Reason` the web apps translate.

use shared::{validate::Invalid, ApiError, ErrorCode, Reason};

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
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
    /// 401: the password was right, the code from the authenticator app was not.
    #[error("That code did not work. Type the code your authenticator app shows now (each works once), or one of your recovery codes.")]
    WrongCode,
    /// 429: too many wrong PINs or passwords; the next try must wait this many seconds. Said
    /// the same whether the sign-in name exists or not.
    #[error("Too many wrong tries. Please wait {} and try again, or ask your participation officer.", wait_in_words(*.0))]
    TooManyWrongTries(u64),
    /// 403: signed in, but this role may not do this.
    #[error("You do not have permission to do that.")]
    Forbidden,
    /// 403: the right details, for an account the admin has switched off.
    #[error("This account has been switched off. Ask the person who set it up for you to switch it back on.")]
    Deactivated,
    /// 404: nothing here that this person may see: what was looked for, and words naming it.
    #[error("{1}")]
    NotFound(Reason, &'static str),
    /// 404: no such invite code.
    #[error("We could not find that invite code. Please check it, or ask your participation officer for a new one.")]
    InviteNotFound,
    /// 410: the invite was used or has expired.
    #[error("That invite code has already been used or has run out. Please ask your participation officer for a new one.")]
    InviteUsed,
    /// 409: someone already has that sign-in name.
    #[error("Someone already has that sign-in name. Please pick another one.")]
    SignInNameTaken,
    /// 409: conflicts with what is stored: the reason, and words saying what to do.
    #[error("{1}")]
    Conflict(Reason, &'static str),
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

/// "30 seconds", "1 minute", "4 minutes": a wait as a person says it, rounded up.
fn wait_in_words(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds} seconds"),
        60 => "1 minute".to_owned(),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

impl From<sea_orm::DbErr> for FlowError {
    fn from(err: sea_orm::DbErr) -> Self {
        FlowError::Internal(anyhow::Error::new(err))
    }
}

impl<E> From<sea_orm::TransactionError<E>> for FlowError
where
    E: Into<FlowError> + std::error::Error,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}

impl FlowError {
    pub fn code(&self) -> ErrorCode {
        match self {
            FlowError::Malformed(_) => ErrorCode::MalformedRequest,
            FlowError::Invalid(_) => ErrorCode::InvalidInput,
            FlowError::Unauthenticated => ErrorCode::Unauthenticated,
            FlowError::WrongCredentials | FlowError::WrongCode => ErrorCode::WrongCredentials,
            FlowError::TooManyWrongTries(_) => ErrorCode::RateLimited,
            FlowError::Forbidden | FlowError::Deactivated => ErrorCode::Forbidden,
            FlowError::NotFound(..) => ErrorCode::NotFound,
            FlowError::InviteNotFound => ErrorCode::InviteNotFound,
            FlowError::InviteUsed => ErrorCode::InviteUsed,
            FlowError::SignInNameTaken => ErrorCode::SignInNameTaken,
            FlowError::Conflict(..) => ErrorCode::Conflict,
            FlowError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            FlowError::RateLimited => ErrorCode::RateLimited,
            FlowError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The stable reason, finer than `code`: the web apps show words for it.
    pub fn reason(&self) -> Reason {
        match self {
            FlowError::Malformed(_) => Reason::MalformedRequest,
            FlowError::Invalid(invalid) => invalid.reason,
            FlowError::Unauthenticated => Reason::Unauthenticated,
            FlowError::WrongCredentials => Reason::WrongCredentials,
            FlowError::WrongCode => Reason::WrongCode,
            FlowError::TooManyWrongTries(_) => Reason::TooManyWrongTries,
            FlowError::Forbidden => Reason::Forbidden,
            FlowError::Deactivated => Reason::AccountDeactivated,
            FlowError::NotFound(reason, _) | FlowError::Conflict(reason, _) => *reason,
            FlowError::InviteNotFound => Reason::InviteNotFound,
            FlowError::InviteUsed => Reason::InviteUsed,
            FlowError::SignInNameTaken => Reason::SignInNameTaken,
            FlowError::PayloadTooLarge => Reason::PayloadTooLarge,
            FlowError::RateLimited => Reason::RateLimited,
            FlowError::Internal(_) => Reason::Internal,
        }
    }

    pub fn body(&self) -> ApiError {
        ApiError {
            error: self.code(),
            reason: self.reason(),
            message: self.to_string(),
            field: match self {
                FlowError::Invalid(invalid) => Some(invalid.field.to_owned()),
                _ => None,
            },
        }
    }
}
