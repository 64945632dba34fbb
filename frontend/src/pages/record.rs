//! A young commissioner's participation record: panels, training and hours, as a certificate
//! they can print or save as a PDF (the browser's print).

use crate::api;
use crate::components::young_person_bar::YoungPersonBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::tender::ParticipationRecord;

fn date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

#[component]
pub fn Record() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let record = LocalResource::new(move || api::participation(state));
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let show = |r: ParticipationRecord| {
        view! {
            <section class="certificate">
                <h1>{t("record.title")}</h1>
                <p class="lead">{t_with("record.awarded", &[("name", &r.display_name), ("organisation", &r.organisation_name)])}</p>
                <p>{match r.training_passed_at {
                    Some(at) => t_with("record.trained", &[("date", &date(at))]),
                    None => t("record.not_trained"),
                }}</p>
                {if r.panels.is_empty() {
                    view! { <p>{t("record.no_panels")}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {r.panels.into_iter().map(|p| view! {
                                <li>{t_with("record.panel", &[("title", &p.title), ("date", &date(p.scored_at)), ("hours", &p.hours.to_string())])}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p class="lead">{t_with("record.total", &[("hours", &r.total_hours.to_string())])}</p>
            </section>
        }
    };
    view! {
        <YoungPersonBar />
        <main class="page yp">
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || record.get().map(|result| match result {
                    Ok(r) => show(r).into_any(),
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                })}
            </Suspense>
            <button type="button" class="button primary no-print" on:click=print>{t("record.print")}</button>
            <A href="/panels" attr:class="button no-print">{t("panels.back")}</A>
        </main>
    }
}
