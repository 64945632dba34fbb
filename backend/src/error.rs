//! The HTTP edge of `FlowError`: each variant's status, the response body (always
//! `shared::ApiError`: `{error, reason, message, field?}`), and actix's extractor failures turned
//! into it. 5xx bodies are opaque; their cause is logged.

use crate::flows::FlowError;
use actix_web::{http::StatusCode, HttpResponse, ResponseError};

impl ResponseError for FlowError {
    fn status_code(&self) -> StatusCode {
        match self {
            FlowError::Malformed(_) => StatusCode::BAD_REQUEST,
            FlowError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            FlowError::Unauthenticated | FlowError::WrongCredentials | FlowError::WrongCode => {
                StatusCode::UNAUTHORIZED
            }
            FlowError::Forbidden | FlowError::Deactivated => StatusCode::FORBIDDEN,
            FlowError::NotFound(..) | FlowError::InviteNotFound => StatusCode::NOT_FOUND,
            FlowError::InviteUsed => StatusCode::GONE,
            FlowError::SignInNameTaken | FlowError::Conflict(..) => StatusCode::CONFLICT,
            FlowError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            FlowError::RateLimited | FlowError::TooManyWrongTries(_) => {
                StatusCode::TOO_MANY_REQUESTS
            }
            FlowError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let FlowError::Internal(cause) = self {
            tracing::error!(error.cause_chain = ?cause, "request failed");
        }
        let mut response = HttpResponse::build(self.status_code());
        match self {
            FlowError::Unauthenticated => {
                response.insert_header(("WWW-Authenticate", "Bearer"));
            }
            // Every limit is so many a minute, so a minute always lets the next request through.
            FlowError::RateLimited => {
                response.insert_header(("Retry-After", "60"));
            }
            FlowError::TooManyWrongTries(seconds) => {
                response.insert_header(("Retry-After", seconds.max(&1).to_string()));
            }
            _ => {}
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
pub fn json_error(err: actix_web::error::JsonPayloadError) -> FlowError {
    use actix_web::error::JsonPayloadError as E;
    match err {
        E::OverflowKnownLength { .. } | E::Overflow { .. } => FlowError::PayloadTooLarge,
        E::ContentType => FlowError::Malformed(
            "Please send JSON, with the header Content-Type: application/json.".into(),
        ),
        E::Deserialize(e) if e.is_data() => FlowError::Malformed(format!(
            "Some of what was sent has the wrong type or is missing: {}",
            first_line(&e.to_string())
        )),
        E::Deserialize(_) => FlowError::Malformed("That is not valid JSON.".into()),
        _ => FlowError::Malformed("We could not read what was sent.".into()),
    }
}

pub fn path_error(_: actix_web::error::PathError) -> FlowError {
    FlowError::NotFound(
        shared::Reason::AddressNotFound,
        "There is nothing at that address.",
    )
}

pub fn query_error(err: actix_web::error::QueryPayloadError) -> FlowError {
    FlowError::Malformed(format!(
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
