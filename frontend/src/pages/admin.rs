use crate::api::{self, Failure};
use crate::components::duty_rota::DutyRotaForm;
use crate::components::error_message::ErrorMessage;
use crate::components::phrases::Phrases;
use crate::components::staff_accounts::StaffAccounts;
use crate::components::staff_bar::StaffBar;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The admin's page: the organisation's safeguarding phrases and duty rota, how long words are
/// kept, and the audit log's integrity.
#[component]
pub fn Admin() -> impl IntoView {
    let failure = RwSignal::new(None::<Failure>);
    view! {
        <StaffBar />
        <main class="page staff">
            <h1>{t("admin.title")}</h1>
            <ErrorMessage failure=failure />
            <StaffAccounts />
            <Phrases />
            <DutyRotaForm />
            <Retention failure=failure />
            <Audit failure=failure />
        </main>
    }
}

/// How many months free text is kept.
#[component]
fn Retention(failure: RwSignal<Option<Failure>>) -> impl IntoView {
    let state = expect_context::<SessionState>();
    let months = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(r) = api::retention(state).await {
            months.set(r.months.to_string());
        }
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
            <label for="retention">{t("admin.retention")}</label>
            <p class="hint" id="retention-hint">{t("admin.retention_hint")}</p>
            <input id="retention" inputmode="numeric" aria-describedby="retention-hint"
                prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) />
            <button type="submit" class="button">{t("admin.retention_save")}</button>
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
