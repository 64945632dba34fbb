//! Black-box API tests: one binary, the real server, SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attacker;
mod auth;
mod data_rights;
mod disclosure;
mod feedback;
mod hostile;
mod isolation;
mod limits;
mod recompute;
mod scores;
mod tenders;
mod voice_loop;
mod web_apps;
