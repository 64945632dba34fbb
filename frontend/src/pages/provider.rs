//! A provider's home: its own services' scores, exactly as the council's commissioners read
//! them (suppressed where there are too few voices), each linking to its page.

use crate::api;
use crate::components::staff_bar::StaffBar;
use crate::i18n::t;
use crate::pages::dashboard::{Attention, ScoresTable};
use crate::state::session::SessionState;
use leptos::prelude::*;

#[component]
pub fn ProviderHome() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let window = RwSignal::new("year".to_owned());
    let report = LocalResource::new(move || api::provider_scores(state, window.get()));
    view! {
        <StaffBar />
        <main class="page staff wide">
            <h1>{t("provider.title")}</h1>
            <p>{t("provider.intro")}</p>
            <div class="filters">
                <label for="window">{t("dashboard.window")}</label>
                <select id="window" on:change=move |ev| window.set(event_target_value(&ev))>
                    <option value="year">{t("dashboard.window.year")}</option>
                    <option value="quarter">{t("dashboard.window.quarter")}</option>
                </select>
            </div>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || report.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("common.offline")}</p> }.into_any(),
                    Ok(r) => view! {
                        <p class="small">{format!("{} {} · {}", t("dashboard.window_end"), r.window_end, t("dashboard.rule"))}</p>
                        <Attention rows=r.services.clone() />
                        <ScoresTable rows=r.services only=None pages="/staff/provider/service" />
                    }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
