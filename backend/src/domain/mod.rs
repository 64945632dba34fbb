//! Pure rules, no I/O: scoring, disclosure, windows, sign-in names, invite codes, typed ids.

pub mod audit;
pub mod csv;
pub mod directory;
pub mod disclosure;
pub mod ids;
pub mod invite_codes;
pub mod passwords;
pub mod provider_names;
pub mod push;
pub mod quarter;
pub mod redaction;
pub mod regions;
pub mod safeguarding;
pub mod scoring;
pub mod second_factor;
pub mod sign_in_names;
pub mod slowdown;
pub mod tender;
pub mod training;
pub mod windows;
