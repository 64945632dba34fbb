//! The organisation's own settings, as its admin keeps them: how long free text is kept, and its
//! name, smallest group shown, prior weight and the languages it offers.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// How long young people's free text is kept before it is anonymised (months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Retention {
    pub months: u32,
}

impl Retention {
    pub const MIN_MONTHS: u32 = 1;
    pub const MAX_MONTHS: u32 = 120;

    pub fn validated(self) -> Result<Retention, crate::validate::Invalid> {
        if (Self::MIN_MONTHS..=Self::MAX_MONTHS).contains(&self.months) {
            Ok(self)
        } else {
            Err(crate::validate::Invalid::new(
                "months",
                crate::Reason::RetentionRange,
                "Keep free text for between 1 and 120 months.",
            ))
        }
    }
}

/// The languages Chorus speaks to young people: codes, as the web apps' word files are named.
pub const LANGUAGES: [&str; 4] = ["en", "pl", "ur", "ar"];

/// The organisation's own settings (the admin's): its name as people see it, the fewest young
/// people whose answers are ever shown (never below 5), how strongly a service's score is pulled
/// towards similar services' while it has few answers (the prior weight), and the languages
/// offered to its young people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationSettings {
    pub name: String,
    pub min_cohort: u32,
    pub prior_weight: u32,
    /// Codes from `LANGUAGES`; English always (every page falls back to it).
    pub languages: Vec<String>,
    /// Whether the admin has finished the walk through these settings (read only: finishing is
    /// `POST /admin/organisation/set-up`).
    #[serde(default)]
    pub set_up: bool,
}

impl OrganisationSettings {
    /// DESIGN.md: the cohort is never below 5.
    pub const MIN_COHORT: u32 = 5;
    pub const MAX_COHORT: u32 = 50;
    pub const MAX_PRIOR_WEIGHT: u32 = 50;

    pub fn validated(self) -> Result<OrganisationSettings, crate::validate::Invalid> {
        use crate::validate::Invalid;
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            return Err(Invalid::new(
                "name",
                crate::Reason::Required,
                "Give the organisation's name.",
            ));
        }
        if name.chars().count() > 120 {
            return Err(Invalid::new(
                "name",
                crate::Reason::TextTooLong,
                "The name can have at most 120 characters.",
            ));
        }
        if name.chars().any(|c| {
            c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            return Err(Invalid::new(
                "name",
                crate::Reason::TextCharacters,
                "The name has characters Chorus cannot keep. Please type it again.",
            ));
        }
        if !(Self::MIN_COHORT..=Self::MAX_COHORT).contains(&self.min_cohort) {
            return Err(Invalid::new(
                "min_cohort",
                crate::Reason::CohortRange,
                "The smallest group shown must be between 5 and 50 young people: below 5, a child could be recognised from the figures.",
            ));
        }
        if self.prior_weight > Self::MAX_PRIOR_WEIGHT {
            return Err(Invalid::new(
                "prior_weight",
                crate::Reason::PriorWeightRange,
                "The prior weight must be between 0 and 50.",
            ));
        }
        if self
            .languages
            .iter()
            .any(|l| !LANGUAGES.contains(&l.as_str()))
        {
            return Err(Invalid::new(
                "languages",
                crate::Reason::LanguagesOffered,
                "Chorus speaks English, Polish, Urdu and Arabic: choose from those.",
            ));
        }
        if !self.languages.iter().any(|l| l == "en") {
            return Err(Invalid::new(
                "languages",
                crate::Reason::LanguagesOffered,
                "English is always offered: every page falls back to it.",
            ));
        }
        // Each once, in Chorus's own order.
        let languages = LANGUAGES
            .iter()
            .filter(|code| self.languages.iter().any(|l| l == *code))
            .map(|code| (*code).to_owned())
            .collect();
        Ok(OrganisationSettings {
            name,
            languages,
            ..self
        })
    }
}
