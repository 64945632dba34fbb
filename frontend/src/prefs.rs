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

/// Applies the easy-read choice to the page at once; returns the chosen language's code, for
/// `i18n::load`.
pub fn apply() -> Option<String> {
    let prefs = Prefs::load();
    if let Some(html) = root() {
        let _ = html.set_attribute("class", if prefs.easy_read { "easy-read" } else { "" });
    }
    prefs.language
}

/// Marks the page with the language in use: `lang`, and `dir` (right-to-left languages mirror
/// the layout).
pub fn mark_language() {
    let language: Language = i18n::language();
    if let Some(html) = root() {
        let _ = html.set_attribute("lang", language.code);
        let _ = html.set_attribute("dir", if language.right_to_left { "rtl" } else { "ltr" });
    }
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
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
