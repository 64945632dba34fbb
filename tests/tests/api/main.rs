//! Black-box API tests: one binary, the real server, SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attacker;
mod audit;
mod auth;
mod cases;
mod data_rights;
mod disclosure;
mod duty_rota;
mod feedback;
mod headers;
mod hostile;
mod isolation;
mod kpis_csv;
mod limits;
mod metrics;
mod reasons;
mod recompute;
mod revocation;
mod scores;
mod startup;
mod stored;
mod stuck_mail;
mod tenders;
mod voice_loop;
mod web_apps;
mod wrong_tries;
