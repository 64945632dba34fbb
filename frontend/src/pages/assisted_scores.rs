//! Assisted answers told apart, for commissioners (docs/assisted.md): for a closed financial
//! year, each service's scores from answers given with an adult beside the child and from the
//! rest, each shown only where both hold a cohort and the year's score is shown.

use crate::api;
use crate::components::staff_bar::StaffBar;
use crate::components::year_picker::FinancialYearPicker;
use crate::i18n::{t, t_with};
use crate::state::dashboard::one_decimal;
use crate::state::session::SessionState;
use leptos::prelude::*;
use shared::api::{AssistedScores, PartScore};

/// One part as the table shows it: value, interval and how many.
fn part(score: &PartScore) -> String {
    format!(
        "{} ({}–{}), n={}",
        one_decimal(score.value),
        one_decimal(score.low),
        one_decimal(score.high),
        score.n
    )
}

#[component]
pub fn AssistedScoresPage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let year = RwSignal::new(String::new());
    let picker = view! { <FinancialYearPicker year=year /> };
    let report = LocalResource::new(move || api::assisted_scores(state, year.get()));
    view! {
        <StaffBar />
        <main class="page staff wide">
            <h1>{t("assisted_scores.title")}</h1>
            <p class="small">{t("assisted_scores.explain")}</p>
            {picker}
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || report.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    Ok(r) => {
                        let shown: Vec<AssistedScores> = r.services.into_iter()
                            .filter(|s| s.dimensions.iter().any(|d| d.state == "shown"))
                            .collect();
                        view! {
                            <p class="small">{t_with("assisted_scores.rule", &[("n", &r.min_cohort.to_string())])}</p>
                            {shown.is_empty().then(|| view! { <p role="status">{t("assisted_scores.none")}</p> })}
                            {shown.into_iter().map(|s| view! { <Service service=s /> }).collect_view()}
                        }.into_any()
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Service(service: AssistedScores) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{format!("{} · {}", service.service_name, service.provider_name)}</h2>
            <table class="scores">
                <thead><tr>
                    <th scope="col">{t("region.outcome")}</th>
                    <th scope="col">{t("assisted_scores.with")}</th>
                    <th scope="col">{t("assisted_scores.without")}</th>
                </tr></thead>
                <tbody>
                    {service.dimensions.into_iter().map(|d| {
                        let (with, without) = match (&d.assisted, &d.unassisted) {
                            (Some(a), Some(u)) => (part(a), part(u)),
                            _ => (t("assisted_scores.too_few"), String::new()),
                        };
                        view! { <tr>
                            <th scope="row">{t(&format!("dimension.{}", d.dimension.as_str()))}</th>
                            <td>{with}</td>
                            <td>{without}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
