//! Chorus web app: client-side rendered Leptos, talking to `/api/v1` on the same origin.

pub mod api;
pub mod app;
pub mod apps;
pub mod assisted;
pub mod components;
pub mod download;
pub mod i18n;
pub mod notifications;
pub mod offline;
pub mod pages;
pub mod prefs;
pub mod sealed;
pub mod state;
