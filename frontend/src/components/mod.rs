//! Reusable pieces of the pages.

pub mod directory;
pub mod directory_import;
pub mod duty_rota;
pub mod error_message;
pub mod face_scale;
pub mod icons;
pub mod language_picker;
pub mod moderation_card;
pub mod phrases;
pub mod placements;
pub mod read_aloud;
pub mod replies;
pub mod staff_accounts;
pub mod staff_bar;
pub mod staff_sign_in;
pub mod theme_response;
pub mod year_picker;
pub mod young_person_bar;
