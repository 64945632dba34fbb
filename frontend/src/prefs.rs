//! The young person's display choices on this phone: language and easy read. Not personal data,
//! so they are kept in web storage (one key), and applied before anything is drawn: the page's
//! `lang` and `dir` (right-to-left languages mirror the layout) and the easy-read class.

use crate::i18n::{self, Language};
use serde::{Deserialize, Serialize};

pub const KEY: &str = "chorus.prefs";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// None until the young person has chosen (the welcome page asks).
    pub language: Option<String>,
    #[serde(default)]
    pub easy_read: bool,
}

impl Prefs {
    pub fn load() -> Prefs {
        crate::offline::read_item(KEY)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
        crate::offline::write_item(KEY, serde_json::to_string(self).ok().as_deref());
    }
}

/// Applies the saved choices to the page and to the translation layer.
pub fn apply() -> Prefs {
    let prefs = Prefs::load();
    i18n::set_language(prefs.language.as_deref().unwrap_or("en"));
    let language: Language = i18n::language();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", language.code);
            let _ = html.set_attribute("dir", if language.right_to_left { "rtl" } else { "ltr" });
            let class = if prefs.easy_read { "easy-read" } else { "" };
            let _ = html.set_attribute("class", class);
        }
    }
    prefs
}

/// Saves a change and redraws the app in it (a reload keeps every page's words consistent).
pub fn change(update: impl FnOnce(&mut Prefs)) {
    let mut prefs = Prefs::load();
    update(&mut prefs);
    prefs.save();
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
