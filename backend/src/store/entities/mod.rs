//! sea-orm entities: database rows. They never leave the store layer as API responses.

pub mod audit_checkpoint;
pub mod audit_entry;
pub mod audit_legacy_head;
pub mod bid;
pub mod bid_answer;
pub mod bid_exclusion;
pub mod bid_score;
pub mod consensus_score;
pub mod feedback;
pub mod invite;
pub mod invite_service;
pub mod organisation;
pub mod outbox;
pub mod panel_member;
pub mod provider;
pub mod refresh_token;
pub mod response;
pub mod safeguarding_alert;
pub mod safeguarding_phrase;
pub mod service;
pub mod tender;
pub mod tender_question;
pub mod training_attempt;
pub mod user;
pub mod young_person_service;
