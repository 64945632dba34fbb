//! Read aloud with the browser's own speech synthesis (nothing leaves the phone), in the chosen
//! language when the phone has a voice for it.

use crate::components::icons::SpeakerIcon;
use crate::i18n::{self, t};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// Speaks `text`, stopping anything already being read.
pub fn speak(text: &str) {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    synth.cancel();
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    let code = i18n::language().code;
    utterance.set_lang(code);
    utterance.set_rate(0.9);
    let voice = synth
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<SpeechSynthesisVoice>().ok())
        .find(|v| v.lang().starts_with(code));
    if let Some(voice) = voice {
        utterance.set_voice(Some(&voice));
    }
    synth.speak(&utterance);
}

/// Everything on the page's main part: every question, option and message.
fn page_text() -> Option<String> {
    let main = web_sys::window()?
        .document()?
        .query_selector("main")
        .ok()??;
    Some(main.dyn_into::<web_sys::HtmlElement>().ok()?.inner_text())
}

/// "Read aloud" for the whole page, in the young person's bar.
#[component]
pub fn ReadPageAloud() -> impl IntoView {
    let read = move |_| {
        if let Some(text) = page_text() {
            speak(&text);
        }
    };
    view! {
        <button type="button" class="read-aloud" on:click=read>
            <SpeakerIcon />{t("common.read_aloud")}
        </button>
    }
}

/// A small button that reads one question and its options.
#[component]
pub fn ReadAloud(
    /// What to read.
    text: String,
    /// The button's accessible name, e.g. "Read this question aloud".
    label: String,
) -> impl IntoView {
    view! {
        <button type="button" class="read-one" title=label.clone() aria-label=label on:click=move |_| speak(&text)>
            <SpeakerIcon />
        </button>
    }
}
