//! The quarterly report for the Corporate Parenting Panel: one page that prints cleanly (the
//! print stylesheet drops the navigation and buttons), and the same as one CSV file.

use crate::api;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::pages::dashboard::{Attention, KpiSummary, ScoresTable};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::QuarterlyReport;

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let quarter = move || params.with(|p| p.get("quarter").unwrap_or_default());
    let report = LocalResource::new(move || api::quarterly_report(state, quarter()));
    view! {
        <StaffBar />
        <main class="page staff wide report">
            <p class="no-print"><A href="/staff/dashboard" attr:class="button">{t("common.back")}</A></p>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || report.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("report.failed")}</p> }.into_any(),
                    Ok(r) => view! { <Report report=r /> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Report(report: QuarterlyReport) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let r = report;
    let quarter = r.quarter.clone();
    let download = move |_| {
        let quarter = quarter.clone();
        spawn_local(async move {
            if let Ok(csv) = api::quarterly_report_csv(state, quarter.clone()).await {
                crate::download::csv_file(&format!("chorus-report-{quarter}.csv"), &csv);
            }
        })
    };
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let services = r.scores.services.clone();
    view! {
        <h1>{format!("{}: {} {}", r.organisation, t("report.title"), r.quarter)}</h1>
        <p class="no-print filters">
            <button type="button" class="button primary" on:click=print>{t("report.print")}</button>
            <button type="button" class="button" on:click=download>{t("report.csv")}</button>
        </p>
        <p class="small">{format!("{} {}", t("report.scope"), r.scores.window_end)}</p>
        <p class="small">{t_with("report.rules", &[("n", &r.scores.min_cohort.to_string())])}</p>
        <KpiSummary kpis=r.participation.clone() export=false />
        <Attention rows=services.clone() />
        <ScoresTable rows=services only=None />
        <section aria-labelledby="quotes-heading">
            <h2 id="quotes-heading">{t("report.quotes")}</h2>
            {r.quotes.is_empty().then(|| view! { <p>{t("report.none")}</p> })}
            <ul class="quotes">
                {r.quotes.iter().map(|q| view! {
                    <li><blockquote>{q.text.clone()}</blockquote>
                        <span class="small">{format!("{} ({})", q.service_name, q.provider_name)}</span></li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="we-did-heading">
            <h2 id="we-did-heading">{t("report.we_did")}</h2>
            {r.responses.is_empty().then(|| view! { <p>{t("report.none")}</p> })}
            <ul>
                {r.responses.iter().map(|w| view! {
                    <li><strong>{format!("{} ({})", w.service_name, w.provider_name)}</strong>
                        {format!(", {}: ", w.created_at.format("%-d %B %Y"))}{w.body.clone()}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}
