use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::{
    Alert, CaseAction, CaseStatus, CaseStep, CloseCase, RecordCaseAction, SafeguardingCase,
};
use uuid::Uuid;

/// One safeguarding case, for the participation team: why it was raised and how long ago, who the
/// young person is (on request, audited), what has been done, and the next step.
#[component]
pub fn CasePage() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let case = LocalResource::new(move || {
        version.track();
        let id = params
            .with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
            .unwrap_or_default();
        api::case(state, id)
    });
    let reload = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <StaffBar />
        <main class="page staff">
            <A href="/staff/officer" attr:class="button">{t("common.back")}</A>
            <h1>{t("case.title")}</h1>
            <Suspense fallback=|| view! { <p>{t("common.loading")}</p> }>
                {move || case.get().map(|result| match result {
                    Err(_) => view! { <p class="error" role="alert">{t("error.not_found")}</p> }.into_any(),
                    Ok(case) => view! { <CaseView case=case on_change=reload /> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

/// Why the alert was raised, in the officer's words.
pub fn reasons_in_words(alert: &Alert) -> String {
    alert
        .reasons
        .iter()
        .map(|r| t(&format!("officer.alert_reason.{r}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A moment as staff read it: "04 Dec 2026 09:15 UTC".
fn when(at: DateTime<Utc>) -> String {
    at.format("%d %b %Y %H:%M UTC").to_string()
}

/// How long something has been waiting, from minutes: "12 min", "3 h 5 min", "2 d 4 h".
pub fn waited(minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, _) => format!("{hours} h {mins} min"),
        _ => format!("{days} d {hours} h"),
    }
}

/// "Open for 3 h 5 min" since the alert was raised, or how long it took to close.
pub fn clock(alert: &Alert) -> String {
    let end = alert.closed_at.unwrap_or_else(Utc::now);
    let minutes = (end - alert.raised_at).num_minutes();
    let key = if alert.closed_at.is_some() {
        "case.took"
    } else {
        "case.open_for"
    };
    t_with(key, &[("time", &waited(minutes))])
}

pub fn status_in_words(status: CaseStatus) -> String {
    t(&format!("case.status.{}", status.as_str()))
}

#[component]
fn CaseView(case: SafeguardingCase, on_change: Callback<()>) -> impl IntoView {
    let alert = case.alert;
    let id = alert.id;
    let next = match alert.status {
        CaseStatus::New => view! { <Acknowledge id=id on_change=on_change /> }.into_any(),
        CaseStatus::Acknowledged => view! { <RecordAction id=id on_change=on_change /> }.into_any(),
        CaseStatus::ActionRecorded => view! {
            <RecordAction id=id on_change=on_change />
            <Close id=id on_change=on_change />
        }
        .into_any(),
        CaseStatus::Closed => view! {
            <h2>{t("case.outcome")}</h2>
            <p class="quote">{case.outcome.unwrap_or_default()}</p>
            <p class="small">{t_with("case.closed_by", &[("name", &case.closed_by.unwrap_or_default())])}</p>
        }
        .into_any(),
    };
    view! {
        <p class="flag">{format!("{} — {}", alert.service_name, reasons_in_words(&alert))}</p>
        <dl class="facts">
            <dt>{t("case.status")}</dt><dd>{status_in_words(alert.status)}</dd>
            <dt>{t("case.raised")}</dt><dd>{format!("{} · {}", when(alert.raised_at), clock(&alert))}</dd>
            {alert.acknowledged_at.map(|at| view! {
                <dt>{t("case.acknowledged")}</dt>
                <dd>{format!("{} · {}", when(at), alert.acknowledged_by.clone().unwrap_or_default())}</dd>
            })}
            {alert.escalated_at.map(|at| view! { <dt>{t("case.escalated")}</dt><dd>{when(at)}</dd> })}
        </dl>
        <WhoIsThis id=id />
        <h2>{t("case.steps")}</h2>
        <Steps steps=case.steps />
        {next}
    }
}

#[component]
fn Steps(steps: Vec<CaseStep>) -> impl IntoView {
    if steps.is_empty() {
        return view! { <p>{t("case.no_steps")}</p> }.into_any();
    }
    view! {
        <ol class="steps">
            {steps.into_iter().map(|step| view! {
                <li>
                    <strong>{t(&format!("case.action.{}", step.action.as_str()))}</strong>
                    {step.detail.map(|d| format!(": {d}"))}
                    <span class="small">{format!(" — {}, {}", step.by, when(step.at))}</span>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// The young person's name and services, fetched only when asked for: each look is audited.
#[component]
fn WhoIsThis(id: Uuid) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let who = RwSignal::new(None);
    let show = move |_| {
        spawn_local(async move {
            match api::case_young_person(state, id).await {
                Ok(person) => who.set(Some(person)),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <section aria-labelledby="who-heading">
            <h2 id="who-heading">{t("case.who")}</h2>
            <ErrorMessage failure=failure />
            {move || match who.get() {
                None => view! {
                    <p class="small">{t("case.who_audited")}</p>
                    <button type="button" class="button" on:click=show>{t("case.who_show")}</button>
                }.into_any(),
                Some(person) => view! {
                    <dl class="facts">
                        <dt>{t("case.name")}</dt><dd>{person.display_name}</dd>
                        <dt>{t("case.sign_in_name")}</dt><dd>{person.sign_in_name.unwrap_or_default()}</dd>
                        <dt>{t("case.services")}</dt><dd>{person.services.join(", ")}</dd>
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Acknowledge(id: Uuid, on_change: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let acknowledge = move |_| {
        spawn_local(async move {
            match api::acknowledge(state, id).await {
                Ok(()) => on_change.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <ErrorMessage failure=failure />
        <button type="button" class="button primary" on:click=acknowledge>{t("officer.acknowledge")}</button>
    }
}

/// What was done: the kind of action and its reference, reason or note.
#[component]
fn RecordAction(id: Uuid, on_change: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let action = RwSignal::new(CaseAction::TalkedWithYoungPerson);
    let detail = RwSignal::new(String::new());
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RecordCaseAction {
            action: action.get_untracked(),
            detail: detail.get_untracked(),
        };
        spawn_local(async move {
            match api::record_case_action(state, id, body).await {
                Ok(_) => on_change.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form class="card" on:submit=record>
            <h2>{t("case.record")}</h2>
            <label for="case-action">{t("case.what_was_done")}</label>
            <select id="case-action" on:change=move |ev| {
                if let Some(a) = CaseAction::parse(&event_target_value(&ev)) { action.set(a) }
            }>
                {CaseAction::ALL.into_iter().map(|a| view! {
                    <option value=a.as_str()>{t(&format!("case.action.{}", a.as_str()))}</option>
                }).collect_view()}
            </select>
            <label for="case-detail">{move || t(&format!("case.detail.{}", action.get().as_str()))}</label>
            <textarea id="case-detail" rows="2" on:input=move |ev| detail.set(event_target_value(&ev))></textarea>
            <ErrorMessage failure=failure />
            <button type="submit" class="button primary">{t("case.record_button")}</button>
        </form>
    }
}

#[component]
fn Close(id: Uuid, on_change: Callback<()>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let outcome = RwSignal::new(String::new());
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CloseCase {
            outcome: outcome.get_untracked(),
        };
        spawn_local(async move {
            match api::close_case(state, id, body).await {
                Ok(_) => on_change.run(()),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form class="card" on:submit=close>
            <h2>{t("case.close")}</h2>
            <label for="case-outcome">{t("case.outcome_label")}</label>
            <textarea id="case-outcome" rows="3" on:input=move |ev| outcome.set(event_target_value(&ev))></textarea>
            <ErrorMessage failure=failure />
            <button type="submit" class="button">{t("case.close_button")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::waited;

    #[test]
    fn waiting_times_read_as_staff_say_them() {
        assert_eq!(waited(-3), "0 min");
        assert_eq!(waited(12), "12 min");
        assert_eq!(waited(185), "3 h 5 min");
        assert_eq!(waited(2 * 1440 + 4 * 60 + 59), "2 d 4 h");
    }
}
