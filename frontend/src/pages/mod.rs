//! One page per route.

pub mod admin;
pub mod case;
pub mod dashboard;
pub mod feedback;
pub mod home;
pub mod invites;
pub mod join;
pub mod my_feedback;
pub mod news;
pub mod officer;
pub mod panels;
pub mod passwords;
pub mod privacy;
pub mod record;
pub mod reset_pin;
pub mod score_bid;
pub mod service_detail;
pub mod settings;
pub mod sign_in;
pub mod staff_sign_in;
pub mod tender;
pub mod tenders;
pub mod thanks;
pub mod training;
pub mod welcome;
pub mod young_people;
