//! Chorus backend: the young people's voice and co-production platform's server.

pub mod auth;
pub mod config;
pub mod domain;
pub mod encoded;
pub mod error;
pub mod flows;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod push;
pub mod recompute;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod web_apps;
