//! The refusals a route can answer with, for its OpenAPI description: each is an `ApiError`
//! body under its status, so a handler lists them by name (`SignedIn, NotFound`) instead of
//! writing `(status = 404, body = shared::ApiError)` out again.

use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::IntoResponses;

fn api_error() -> RefOr<Response> {
    ResponseBuilder::new()
        .description("")
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ApiError")))
                .build(),
        )
        .build()
        .into()
}

macro_rules! refusals {
    ($($(#[$doc:meta])* $name:ident: $($status:literal),+;)*) => {$(
        $(#[$doc])*
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                [$($status),+]
                    .into_iter()
                    .map(|status: u16| (status.to_string(), api_error()))
                    .collect()
            }
        }
    )*};
}

refusals! {
    /// 401 without a valid access token, 403 with one of the wrong role.
    SignedIn: 401, 403;
    /// 401 alone: a route any signed-in role may call.
    Unauthenticated: 401;
    /// 400: the request is not one this route reads (a malformed cookie, a bad query).
    BadRequest: 400;
    /// 404: nothing of the caller's organisation by that id.
    NotFound: 404;
    /// 409: the thing is not in a state that allows this (already decided, window closed).
    Conflict: 409;
    /// 410: the invite code has been used or has expired.
    Gone: 410;
    /// 422: the body breaks a rule, with the field and reason.
    Unprocessable: 422;
    /// 429: too many tries; wait and try again.
    TooMany: 429;
    /// 500: the server could not do it (nothing half-written).
    Failed: 500;
}
