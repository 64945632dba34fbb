//! sea-orm entities: database rows. They never leave the store layer as API responses.

pub mod audit_entry;
pub mod feedback;
pub mod invite;
pub mod invite_service;
pub mod organisation;
pub mod outbox;
pub mod provider;
pub mod refresh_token;
pub mod response;
pub mod safeguarding_alert;
pub mod safeguarding_phrase;
pub mod score_aggregate;
pub mod service;
pub mod user;
pub mod young_person_service;
