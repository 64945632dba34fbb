use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{DutyRota, RotaHours, RotaStep};
use shared::ErrorCode;

/// One step being edited.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    label: RwSignal<String>,
    email: RwSignal<String>,
    hours: RwSignal<RotaHours>,
    minutes: RwSignal<String>,
}

impl Row {
    fn new(key: u32, step: RotaStep) -> Row {
        Row {
            key,
            label: RwSignal::new(step.label),
            email: RwSignal::new(step.email),
            hours: RwSignal::new(step.hours),
            minutes: RwSignal::new(step.minutes.to_string()),
        }
    }

    fn step(&self) -> Result<RotaStep, Failure> {
        let minutes = self
            .minutes
            .get_untracked()
            .trim()
            .parse::<u32>()
            .map_err(|_| {
                shared::validate::Invalid::new("steps", shared::Reason::Number, t("rota.number"))
            })?;
        Ok(RotaStep {
            label: self.label.get_untracked(),
            email: self.email.get_untracked(),
            hours: self.hours.get_untracked(),
            minutes,
        })
    }
}

/// The admin's duty rota: office hours, and the chain of people told of an alert nobody has
/// acknowledged, each with their hours and time to acknowledge.
#[component]
pub fn DutyRotaForm() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let saved = RwSignal::new(false);
    let opens = RwSignal::new(String::new());
    let closes = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let next_key = StoredValue::new(0u32);
    let add = move |step: RotaStep| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push(Row::new(key, step)));
    };
    let show = move |rota: DutyRota| {
        opens.set(rota.office_opens);
        closes.set(rota.office_closes);
        rows.set(Vec::new());
        rota.steps.into_iter().for_each(add);
    };
    // The form is drawn once the rota has come: typing into it before would be overwritten.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        match api::duty_rota(state).await {
            Ok(rota) => show(rota),
            Err(f) => failure.set(Some(f)),
        }
        loaded.set(true);
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let steps: Result<Vec<RotaStep>, Failure> =
            rows.get_untracked().iter().map(Row::step).collect();
        let steps = match steps {
            Ok(steps) => steps,
            Err(f) => return failure.set(Some(f)),
        };
        let body = DutyRota {
            office_opens: opens.get_untracked(),
            office_closes: closes.get_untracked(),
            steps,
        };
        spawn_local(async move {
            match api::save_duty_rota(state, body).await {
                Ok(rota) => {
                    failure.set(None);
                    show(rota);
                    saved.set(true);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let blank = move |_| {
        add(RotaStep {
            label: String::new(),
            email: String::new(),
            hours: RotaHours::Any,
            minutes: 30,
        })
    };
    view! {
        <form on:submit=save aria-labelledby="rota-heading" novalidate>
            <h2 id="rota-heading">{t("rota.title")}</h2>
            <p class="hint">{t("rota.hint")}</p>
            <Show when=move || loaded.get() fallback=|| view! { <p>{t("common.loading")}</p> }>
            <label for="office-opens">{t("rota.opens")}</label>
            <input id="office-opens" type="time" prop:value=move || opens.get() on:input=move |ev| opens.set(event_target_value(&ev)) />
            <label for="office-closes">{t("rota.closes")}</label>
            <input id="office-closes" type="time" prop:value=move || closes.get() on:input=move |ev| closes.set(event_target_value(&ev)) />
            <For each=move || rows.get() key=|row| row.key let:row>
                <StepFields row=row rows=rows />
            </For>
            <button type="button" class="button" on:click=blank>{t("rota.add")}</button>
            <RotaError failure=failure />
            <button type="submit" class="button primary">{t("rota.save")}</button>
            </Show>
            {move || saved.get().then(|| view! { <p role="status">{t("admin.saved")}</p> })}
        </form>
    }
}

#[component]
fn StepFields(row: Row, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let key = row.key;
    let id = move |name: &str| format!("rota-{name}-{key}");
    let position = move || {
        rows.with(|r| r.iter().position(|x| x.key == key))
            .map_or(0, |i| i + 1)
    };
    view! {
        <fieldset class="card">
            <legend>{move || t_with("rota.step", &[("n", &position().to_string())])}</legend>
            <label for=id("label")>{t("rota.label")}</label>
            <input id=id("label") prop:value=move || row.label.get() on:input=move |ev| row.label.set(event_target_value(&ev)) />
            <label for=id("email")>{t("rota.email")}</label>
            <input id=id("email") type="email" prop:value=move || row.email.get() on:input=move |ev| row.email.set(event_target_value(&ev)) />
            <label for=id("hours")>{t("rota.hours")}</label>
            <select id=id("hours") on:change=move |ev| {
                if let Some(h) = RotaHours::parse(&event_target_value(&ev)) { row.hours.set(h) }
            }>
                {RotaHours::ALL.into_iter().map(|h| view! {
                    <option value=h.as_str() selected=move || row.hours.get() == h>{t(&format!("rota.hours.{}", h.as_str()))}</option>
                }).collect_view()}
            </select>
            <label for=id("minutes")>{t("rota.minutes")}</label>
            <input id=id("minutes") inputmode="numeric" prop:value=move || row.minutes.get() on:input=move |ev| row.minutes.set(event_target_value(&ev)) />
            <button type="button" class="button" on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>
                {move || t_with("rota.remove", &[("n", &position().to_string())])}
            </button>
        </fieldset>
    }
}

/// A refused rota in the server's own words, which name the step at fault (the staff pages are
/// in English); any other failure as usual.
#[component]
fn RotaError(failure: RwSignal<Option<Failure>>) -> impl IntoView {
    move || match failure.get() {
        Some(Failure::Api(e)) if e.error == ErrorCode::InvalidInput => {
            view! { <p class="error" role="alert">{e.message}</p> }.into_any()
        }
        _ => view! { <ErrorMessage failure=failure /> }.into_any(),
    }
}
