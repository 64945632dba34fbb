use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::NewResponse;
use shared::Dimension;
use uuid::Uuid;

/// "You said, we did" to a theme: everyone who gave feedback on a service (optionally about one
/// outcome, in one quarter) sees it beside their feedback.
#[component]
pub fn ThemeResponse() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let services = LocalResource::new(move || api::services(state));
    let service = RwSignal::new(None::<Uuid>);
    let dimension = RwSignal::new(None::<Dimension>);
    let quarter = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let reached = RwSignal::new(None::<u64>);
    let failure = RwSignal::new(None::<Failure>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let q = quarter.get_untracked();
        let request = NewResponse {
            feedback_id: None,
            service_id: service.get_untracked(),
            dimension: dimension.get_untracked(),
            quarter: (!q.trim().is_empty()).then(|| q.trim().to_owned()),
            body: body.get_untracked(),
        };
        spawn_local(async move {
            match api::respond(state, request).await {
                Ok(created) => reached.set(Some(created.reaches_young_people)),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section aria-labelledby="theme-heading">
            <h2 id="theme-heading">{t("theme.title")}</h2>
            <form on:submit=send>
                <label for="theme-service">{t("theme.service")}</label>
                <select id="theme-service" required on:change=move |ev| service.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="">{t("theme.choose")}</option>
                    <Suspense fallback=|| ()>
                        {move || services.get().map(|r| r.unwrap_or_default().into_iter().map(|s| view! {
                            <option value=s.id.to_string()>{format!("{} — {}", s.name, s.provider_name)}</option>
                        }).collect_view())}
                    </Suspense>
                </select>
                <label for="theme-outcome">{t("theme.outcome")}</label>
                <select id="theme-outcome" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    dimension.set(Dimension::ALL.into_iter().find(|d| d.as_str() == v));
                }>
                    <option value="">{t("theme.all_outcomes")}</option>
                    {Dimension::ALL.into_iter().map(|d| view! { <option value=d.as_str()>{t(&format!("dimension.{}", d.as_str()))}</option> }).collect_view()}
                </select>
                <label for="theme-quarter">{t("theme.quarter")}</label>
                <input id="theme-quarter" placeholder="2026-Q4" on:input=move |ev| quarter.set(event_target_value(&ev)) />
                <label for="theme-body">{t("theme.body")}</label>
                <textarea id="theme-body" rows="3" required on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                <ErrorMessage failure=failure />
                <button type="submit" class="button">{t("theme.send")}</button>
                {move || reached.get().map(|n| view! { <p role="status">{t_with("theme.reached", &[("n", &n.to_string())])}</p> })}
            </form>
        </section>
    }
}
