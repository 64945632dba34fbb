//! The Chorus schema. Every row belongs to an organisation (a local authority), except providers,
//! which are shared so that a region can later pool feedback on the same provider.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_core;
mod m20261124_000001_voice_loop;
mod m20261124_000002_score_aggregates;
mod m20261125_000001_tender_panels;
mod m20261125_000002_data_rights;
mod m20261201_000001_inline_score_tallies;
mod m20261203_000010_audit_append_only;
mod m20261203_000020_sign_in_slowdown;
mod m20261203_000030_token_generations;
mod m20261204_000010_service_scores_version;
mod m20261204_000020_safeguarding_cases;
mod m20261204_000030_duty_rota;
mod m20261204_000040_account_deactivation;
mod m20261204_000050_service_link_history;
mod m20261204_000060_account_links;
mod m20261205_000010_second_factors;
mod m20261205_000020_provider_urns;
mod m20261206_000010_service_outcomes;
mod m20261206_000020_organisation_set_up;
mod m20261206_000030_storage_keys;
mod m20261207_000010_news;
mod m20261207_000020_push_subscriptions;
mod m20261208_000010_provider_accounts;
mod m20261208_000020_provider_replies;
mod m20261209_000010_regions;
mod m20261210_000010_assisted_feedback;
mod m20261210_000020_pooled_version;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_core::Migration),
            Box::new(m20261124_000001_voice_loop::Migration),
            Box::new(m20261124_000002_score_aggregates::Migration),
            Box::new(m20261125_000001_tender_panels::Migration),
            Box::new(m20261125_000002_data_rights::Migration),
            Box::new(m20261201_000001_inline_score_tallies::Migration),
            Box::new(m20261203_000010_audit_append_only::Migration),
            Box::new(m20261203_000020_sign_in_slowdown::Migration),
            Box::new(m20261203_000030_token_generations::Migration),
            Box::new(m20261204_000010_service_scores_version::Migration),
            Box::new(m20261204_000020_safeguarding_cases::Migration),
            Box::new(m20261204_000030_duty_rota::Migration),
            Box::new(m20261204_000040_account_deactivation::Migration),
            Box::new(m20261204_000050_service_link_history::Migration),
            Box::new(m20261204_000060_account_links::Migration),
            Box::new(m20261205_000010_second_factors::Migration),
            Box::new(m20261205_000020_provider_urns::Migration),
            Box::new(m20261206_000010_service_outcomes::Migration),
            Box::new(m20261206_000020_organisation_set_up::Migration),
            Box::new(m20261206_000030_storage_keys::Migration),
            Box::new(m20261207_000010_news::Migration),
            Box::new(m20261207_000020_push_subscriptions::Migration),
            Box::new(m20261208_000010_provider_accounts::Migration),
            Box::new(m20261208_000020_provider_replies::Migration),
            Box::new(m20261209_000010_regions::Migration),
            Box::new(m20261210_000010_assisted_feedback::Migration),
            Box::new(m20261210_000020_pooled_version::Migration),
        ]
    }
}
