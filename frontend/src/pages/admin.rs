use crate::api::{self, Failure};
use crate::components::directory::DirectoryList;
use crate::components::directory_import::DirectoryImportForm;
use crate::components::duty_rota::DutyRotaForm;
use crate::components::error_message::ErrorMessage;
use crate::components::phrases::Phrases;
use crate::components::staff_accounts::StaffAccounts;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with, LANGUAGES};
use crate::pages::region::RegionMembership;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The admin's page: the organisation's settings, staff accounts, provider and service directory,
/// safeguarding phrases and duty rota, how long words are kept, and the audit log's integrity.
/// A new council's admin is first walked through the settings (`SetUpWalk`).
#[component]
pub fn Admin() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let failure = RwSignal::new(None::<Failure>);
    let set_up = RwSignal::new(None::<bool>);
    spawn_local(async move {
        match api::organisation(state).await {
            Ok(o) => set_up.set(Some(o.set_up)),
            Err(f) => {
                set_up.set(Some(true));
                failure.set(Some(f));
            }
        }
    });
    view! {
        <StaffBar />
        <main class="page staff">
            {move || match set_up.get() {
                None => view! { <p>{t("common.loading")}</p> }.into_any(),
                Some(false) => view! { <SetUpWalk finished=set_up /> }.into_any(),
                Some(true) => view! {
                    <h1>{t("admin.title")}</h1>
                    <ErrorMessage failure=failure />
                    <OrganisationForm />
                    <StaffAccounts />
                    <DirectoryImportForm />
                    <DirectoryList />
                    <Phrases />
                    <DutyRotaForm />
                    <RegionMembership />
                    <Retention failure=failure />
                    <Audit failure=failure />
                }.into_any(),
            }}
        </main>
    }
}

/// A new council's first sign-in: the organisation, how long words are kept, who is told of a
/// safeguarding alert, one at a time, each saved as it goes; then the whole admin page.
#[component]
fn SetUpWalk(finished: RwSignal<Option<bool>>) -> impl IntoView {
    const STEPS: usize = 4;
    let state = expect_context::<SessionState>();
    let step = RwSignal::new(1usize);
    let failure = RwSignal::new(None::<Failure>);
    let name = state
        .me()
        .map(|me| me.organisation_name)
        .unwrap_or_default();
    let finish = move |_| {
        spawn_local(async move {
            match api::finish_set_up(state).await {
                Ok(_) => finished.set(Some(true)),
                Err(f) => failure.set(Some(f)),
            }
        })
    };
    let total = STEPS.to_string();
    view! {
        <h1>{t_with("set_up.title", &[("name", &name)])}</h1>
        <p>{t("set_up.intro")}</p>
        <p role="status">{move || t_with("set_up.step", &[("n", &step.get().to_string()), ("total", &total)])}</p>
        <ErrorMessage failure=failure />
        {move || match step.get() {
            1 => view! { <OrganisationForm /> }.into_any(),
            2 => view! { <Retention failure=failure /> }.into_any(),
            3 => view! { <DutyRotaForm /> }.into_any(),
            _ => view! {
                <section class="card" aria-labelledby="set-up-done">
                    <h2 id="set-up-done">{t("set_up.done_title")}</h2>
                    <p>{t("set_up.done")}</p>
                    <button type="button" class="button primary" on:click=finish>{t("set_up.finish")}</button>
                </section>
            }.into_any(),
        }}
        <nav class="actions" aria-label=t("set_up.step_nav")>
            <Show when=move || { step.get() > 1 }>
                <button type="button" class="button" on:click=move |_| step.update(|s| *s -= 1)>{t("set_up.back")}</button>
            </Show>
            <Show when=move || { step.get() < STEPS }>
                <button type="button" class="button primary" on:click=move |_| step.update(|s| *s += 1)>{t("set_up.next")}</button>
            </Show>
        </nav>
    }
}

/// How many months free text is kept.
#[component]
fn Retention(failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let months = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    // Drawn once the setting has come, so nothing typed is overwritten by it.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        match api::retention(state).await {
            Ok(r) => months.set(r.months.to_string()),
            Err(f) => failure.set(Some(f)),
        }
        loaded.set(true);
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Ok(value) = months.get_untracked().trim().parse::<u32>() else {
            return failure.set(Some(
                shared::validate::Invalid::new(
                    "months",
                    shared::Reason::Number,
                    t("admin.retention_number"),
                )
                .into(),
            ));
        };
        spawn_local(async move {
            match api::set_retention(state, value).await {
                Ok(_) => saved.set(true),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form on:submit=save>
            <Show when=move || loaded.get() fallback=|| view! { <p>{t("common.loading")}</p> }>
            <label for="retention">{t("admin.retention")}</label>
            <p class="hint" id="retention-hint">{t("admin.retention_hint")}</p>
            <input id="retention" inputmode="numeric" aria-describedby="retention-hint"
                prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) />
            <button type="submit" class="button">{t("admin.retention_save")}</button>
            </Show>
            {move || saved.get().then(|| view! { <p role="status">{t("admin.saved")}</p> })}
        </form>
    }
}

/// Checks the audit log's chain and signatures, and downloads it.
#[component]
fn Audit(failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let verdict = RwSignal::new(None::<String>);
    let verify = move |_| {
        spawn_local(async move {
            match api::verify_audit(state).await {
                Ok(v) if v.intact => verdict.set(Some(t_with(
                    "admin.audit_ok",
                    &[("n", &v.entries.to_string())],
                ))),
                Ok(v) => verdict.set(Some(format!(
                    "{} {}",
                    t("admin.audit_broken"),
                    v.problem.unwrap_or_default()
                ))),
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let export = move |_| {
        spawn_local(async move {
            match api::audit_csv(state).await {
                Ok(csv) => crate::download::csv_file("chorus-audit-log.csv", &csv),
                Err(f) => failure.set(Some(f)),
            }
        })
    };
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t("admin.audit")}</h2>
            <button type="button" class="button" on:click=verify>{t("admin.verify")}</button>
            {move || verdict.get().map(|v| view! { <p role="status">{v}</p> })}
            <button type="button" class="button" on:click=export>{t("admin.export")}</button>
        </section>
    }
}

/// The organisation's name, the smallest group shown (never below 5) and the prior weight.
#[component]
fn OrganisationForm() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let name = RwSignal::new(String::new());
    let cohort = RwSignal::new(String::new());
    let prior = RwSignal::new(String::new());
    let languages = RwSignal::new(Vec::<String>::new());
    let saved = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    // Drawn once the settings have come, so nothing typed is overwritten by them.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        match api::organisation(state).await {
            Ok(o) => {
                name.set(o.name);
                cohort.set(o.min_cohort.to_string());
                prior.set(o.prior_weight.to_string());
                languages.set(o.languages);
            }
            Err(f) => failure.set(Some(f)),
        }
        loaded.set(true);
    });
    let number = |field: &'static str, text: String| {
        text.trim().parse::<u32>().map_err(|_| {
            Failure::from(shared::validate::Invalid::new(
                field,
                shared::Reason::Number,
                t("admin.whole_number"),
            ))
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = match (
            number("min_cohort", cohort.get_untracked()),
            number("prior_weight", prior.get_untracked()),
        ) {
            (Ok(min_cohort), Ok(prior_weight)) => shared::api::OrganisationSettings {
                name: name.get_untracked(),
                min_cohort,
                prior_weight,
                languages: languages.get_untracked(),
                set_up: false,
            },
            (Err(f), _) | (_, Err(f)) => return failure.set(Some(f)),
        };
        spawn_local(async move {
            match api::set_organisation(state, &body).await {
                Ok(_) => {
                    failure.set(None);
                    saved.set(true);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form class="card" on:submit=save novalidate aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">{t("organisation.title")}</h2>
            <Show when=move || loaded.get() fallback=|| view! { <p>{t("common.loading")}</p> }>
            <label for="organisation-name">{t("organisation.name")}</label>
            <input id="organisation-name" autocomplete="organization"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="min-cohort">{t("organisation.min_cohort")}</label>
            <p class="hint" id="min-cohort-hint">{t("organisation.min_cohort_hint")}</p>
            <input id="min-cohort" inputmode="numeric" aria-describedby="min-cohort-hint"
                prop:value=move || cohort.get() on:input=move |ev| cohort.set(event_target_value(&ev)) />
            <label for="prior-weight">{t("organisation.prior_weight")}</label>
            <p class="hint" id="prior-weight-hint">{t("organisation.prior_weight_hint")}</p>
            <input id="prior-weight" inputmode="numeric" aria-describedby="prior-weight-hint"
                prop:value=move || prior.get() on:input=move |ev| prior.set(event_target_value(&ev)) />
            <fieldset class="choice" aria-describedby="languages-hint">
                <legend>{t("organisation.languages")}</legend>
                <p class="hint" id="languages-hint">{t("organisation.languages_hint")}</p>
                {LANGUAGES.iter().map(|language| {
                    let code = language.code;
                    let id = format!("offer-{code}");
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="check" lang=code><input type="checkbox" id=id
                            disabled=code == "en"
                            prop:checked=move || languages.with(|l| l.iter().any(|c| c == code))
                            on:change=move |ev| languages.update(|l| {
                                l.retain(|c| c != code);
                                if event_target_checked(&ev) { l.push(code.to_owned()) }
                            }) />
                            {language.name}</label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">{t("organisation.save")}</button>
            </Show>
            <ErrorMessage failure=failure />
            {move || saved.get().then(|| view! { <p role="status">{t("admin.saved")}</p> })}
        </form>
    }
}
