//! Choosing the language: each one named in itself, so a young person finds their own.

use crate::i18n::{self, t, LANGUAGES};
use crate::prefs;
use crate::state::session::SessionState;
use leptos::prelude::*;

/// Those the young person's organisation offers (every language before anyone is signed in; the
/// welcome page has its own buttons, in `frontend/index.html`).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let current = i18n::language().code;
    let state = use_context::<SessionState>();
    // Read as the page draws, so a session that arrives after it is followed.
    let shown = move |code: &str| {
        state
            .and_then(|state| state.me())
            .map(|me| me.languages)
            .filter(|codes| !codes.is_empty())
            .is_none_or(|offered| offered.iter().any(|c| c == code))
    };
    view! {
        <nav class="languages" aria-label=t("settings.language")>
            {move || LANGUAGES.iter().filter(|language| shown(language.code)).map(|language| {
                let code = language.code;
                view! {
                    <button type="button" class="language" lang=code dir=if language.right_to_left { "rtl" } else { "ltr" }
                        aria-pressed=if code == current { "true" } else { "false" }
                        on:click=move |_| prefs::change(|p| p.language = Some(code.to_owned()))>
                        {language.name}
                    </button>
                }
            }).collect_view()}
        </nav>
    }
}
