use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::{t, t_with};
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::{DirectoryImport, DirectoryImportReport};
use shared::Reason;
use wasm_bindgen::JsCast;

/// What an import did or would do, in words.
fn summary(key: &str, r: &DirectoryImportReport) -> String {
    t_with(
        key,
        &[
            ("rows", &r.rows.to_string()),
            ("providers_added", &r.providers_added.to_string()),
            ("providers_identified", &r.providers_identified.to_string()),
            ("services_added", &r.services_added.to_string()),
            ("services_changed", &r.services_changed.to_string()),
            ("unchanged", &r.unchanged.to_string()),
        ],
    )
}

/// The text of the file chosen in a file input.
async fn chosen_text(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// The admin imports the providers and services from a CSV file: checked first (nothing is
/// saved), then imported. A refused file lists every line to mend.
#[component]
pub fn DirectoryImportForm() -> impl IntoView {
    let state = expect_context::<SessionState>();
    let csv = RwSignal::new(None::<String>);
    let checked = RwSignal::new(None::<DirectoryImportReport>);
    let imported = RwSignal::new(None::<DirectoryImportReport>);
    let failure = RwSignal::new(None::<Failure>);
    // A refused file: the server names each line, which says more than general words.
    let line_errors = RwSignal::new(None::<String>);
    let send = move |preview: bool| {
        let Some(text) = csv.get_untracked() else {
            return;
        };
        let body = DirectoryImport { csv: text, preview };
        spawn_local(async move {
            let result = api::import_directory(state, &body).await;
            match &result {
                Err(Failure::Api(e)) if e.reason == Reason::DirectoryRows => {
                    line_errors.set(Some(e.message.clone()));
                    failure.set(None);
                }
                other => {
                    line_errors.set(None);
                    failure.set(other.as_ref().err().cloned());
                }
            }
            let report = result.ok();
            checked.set(report.filter(|_| preview));
            imported.set(report.filter(|_| !preview));
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        spawn_local(async move {
            csv.set(chosen_text(input).await);
            checked.set(None);
            imported.set(None);
            send(true);
        });
    };
    view! {
        <section class="card" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{t("directory.title")}</h2>
            <p>{t("directory.intro")}</p>
            <label for="directory-file">{t("directory.file")}</label>
            <input id="directory-file" type="file" accept=".csv,text/csv" on:change=on_file />
            <ErrorMessage failure=failure />
            {move || line_errors.get().map(|words| view! { <p class="error" role="alert">{words}</p> })}
            {move || checked.get().map(|r| view! {
                <p role="status">{summary("directory.checked", &r)}</p>
                <button type="button" class="button primary" on:click=move |_| send(false)>
                    {t("directory.import")}
                </button>
            })}
            {move || imported.get().map(|r| view! { <p role="status">{summary("directory.imported", &r)}</p> })}
        </section>
    }
}
