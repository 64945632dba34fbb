//! Choosing the language: each one named in itself, so a young person finds their own.

use crate::i18n::{self, t, LANGUAGES};
use crate::prefs;
use leptos::prelude::*;

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let current = i18n::language().code;
    view! {
        <nav class="languages" aria-label=t("settings.language")>
            {LANGUAGES.iter().map(|language| {
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
