//! The application: what happens when a young person speaks or signs in, when an officer
//! moderates, when someone answers back. Routes call one flow each; a flow owns the transaction,
//! checks that the signed-in user's organisation holds what is asked for, writes the audit entry,
//! and calls `domain` (pure rules) and `store` (queries). Every flow returns `FlowError`.

pub mod accounts;
pub mod assisted;
pub mod audit;
pub mod dashboard;
pub mod data_rights;
pub mod directory;
pub mod error;
pub mod feedback;
pub mod health;
pub mod invites;
pub mod moderation;
pub mod news;
pub mod organisation;
pub mod panels;
pub mod passwords;
pub mod pin_resets;
pub mod placements;
pub mod provider;
pub mod push;
pub mod regions;
pub mod replies;
pub mod responses;
pub mod safeguarding;
pub mod second_factor;
pub mod services;
pub mod sign_in;
pub mod tenders;

pub use error::FlowError;
