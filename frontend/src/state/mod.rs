//! Plain-Rust state and rules behind the pages, testable on the host.

pub mod chart;
pub mod dashboard;
pub mod feedback_form;
pub mod outbox;
pub mod redaction_preview;
pub mod score_drafts;
pub mod session;
pub mod tender_form;
