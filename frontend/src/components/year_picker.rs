//! The financial-year picker of the pages that show whole closed years only (the regional view,
//! assisted answers told apart).

use crate::i18n::{t, t_with};
use crate::state::dashboard::recent_financial_years;
use leptos::prelude::*;

/// The last five closed financial years, latest first; `year` holds the chosen one as the server
/// names it, by its last quarter ("2026-Q1").
#[component]
pub fn FinancialYearPicker(year: RwSignal<String>) -> impl IntoView {
    let years = recent_financial_years();
    if year.get_untracked().is_empty() {
        year.set(years.first().map(|y| y.0.clone()).unwrap_or_default());
    }
    view! {
        <div class="filters">
            <label for="financial-year">{t("region.year_label")}</label>
            <select id="financial-year" on:change=move |ev| year.set(event_target_value(&ev))>
                {years.into_iter().map(|(end, from, to)| {
                    let label = t_with("region.year", &[("from", &from.to_string()), ("to", &to.to_string())]);
                    view! { <option value=end>{label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
