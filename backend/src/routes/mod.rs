//! `/api/v1`: each module owns its routes and exposes `config`.

pub mod audit;
pub mod auth;
pub mod dashboard;
pub mod data_rights;
pub mod export;
pub mod feedback;
pub mod health;
pub mod invites;
pub mod me;
pub mod moderation;
pub mod openapi;
pub mod panels;
pub mod responses;
pub mod safeguarding;
pub mod services;
pub mod tenders;

use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::web;

/// `Cache-Control` for a response holding personal data: kept by no cache.
pub fn not_cached() -> CacheControl {
    CacheControl(vec![CacheDirective::NoStore])
}

pub fn config(cfg: &mut web::ServiceConfig) {
    health::config(cfg);
    auth::config(cfg);
    invites::config(cfg);
    me::config(cfg);
    feedback::config(cfg);
    moderation::config(cfg);
    services::config(cfg);
    safeguarding::config(cfg);
    responses::config(cfg);
    audit::config(cfg);
    dashboard::config(cfg);
    tenders::config(cfg);
    panels::config(cfg);
    data_rights::config(cfg);
    openapi::config(cfg);
}
