//! Reusable pieces of the pages.

pub mod error_message;
pub mod face_scale;
pub mod moderation_card;
pub mod sign_in_form;
pub mod theme_response;
pub mod young_person_bar;
