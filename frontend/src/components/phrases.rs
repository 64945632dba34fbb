use crate::api::{self, Failure};
use crate::components::error_message::ErrorMessage;
use crate::i18n::t;
use crate::state::session::SessionState;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::SafeguardingPhrases;

/// The words and phrases that raise a safeguarding alert, for the participation team and the
/// admin to keep (each change audited on the server).
#[component]
pub fn Phrases() -> impl IntoView {
    let failure = RwSignal::new(None::<Failure>);
    let state = expect_context::<SessionState>();
    let phrases = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    // Drawn once the list has come, so nothing typed is overwritten by it.
    let loaded = RwSignal::new(false);
    spawn_local(async move {
        match api::phrases(state).await {
            Ok(list) => phrases.set(list.phrases.join("\n")),
            Err(f) => failure.set(Some(f)),
        }
        loaded.set(true);
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = SafeguardingPhrases {
            phrases: phrases.get_untracked().lines().map(str::to_owned).collect(),
        };
        spawn_local(async move {
            match api::save_phrases(state, body).await {
                Ok(list) => {
                    phrases.set(list.phrases.join("\n"));
                    saved.set(true);
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    view! {
        <form on:submit=save>
            <label for="phrases">{t("admin.phrases")}</label>
            <p class="hint" id="phrases-hint">{t("admin.phrases_hint")}</p>
            <Show when=move || loaded.get() fallback=|| view! { <p>{t("common.loading")}</p> }>
            <textarea id="phrases" rows="12" aria-describedby="phrases-hint"
                prop:value=move || phrases.get() on:input=move |ev| phrases.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button primary">{t("admin.save")}</button>
            </Show>
            <ErrorMessage failure=failure />
            {move || saved.get().then(|| view! { <p role="status">{t("admin.saved")}</p> })}
        </form>
    }
}
