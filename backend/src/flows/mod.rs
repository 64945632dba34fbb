//! Workflows that span several stores in one transaction: what happens when a young person
//! speaks, when an officer moderates, and when someone answers back.

pub mod audit;
pub mod dashboard;
pub mod data_rights;
pub mod error;
pub mod feedback;
pub mod invites;
pub mod moderation;
pub mod panels;
pub mod responses;
pub mod safeguarding;
pub mod services;
pub mod sign_in;
pub mod tenders;

pub use error::FlowError;
