//! Wire types (DTOs) and validated newtypes used by both the Chorus backend and its web app.
//!
//! Everything here compiles to `wasm32-unknown-unknown`: the form in the browser and the handler
//! on the server call the same `parse` functions, so they refuse the same input with the same words.

pub mod api;
pub mod error;
pub mod outcome;
pub mod redaction;
pub mod role;
pub mod routes;
pub mod stored;
pub mod tender;
pub mod validate;
pub mod web_app;

pub use error::{ApiError, ErrorCode, Reason};
pub use outcome::{AgeBand, Answers, Dimension, Face};
pub use role::Role;
