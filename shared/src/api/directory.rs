//! The provider and service directory, imported by the organisation's admin from a CSV file
//! (`docs/directory-sample.csv`).

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A directory file to import: one line per service (`provider_urn,provider_name,service_name,
/// service_type`). With `preview`, nothing is written: the answer says what importing would do.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DirectoryImport {
    pub csv: String,
    #[serde(default)]
    pub preview: bool,
}

/// What an import did (or, previewed, would do). The same file twice changes nothing the second
/// time: everything is `unchanged`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DirectoryImportReport {
    /// False for a preview.
    pub written: bool,
    /// Service lines read.
    pub rows: u32,
    pub providers_added: u32,
    /// Providers already known by name, given their URN.
    pub providers_identified: u32,
    pub services_added: u32,
    /// Services whose kind changed.
    pub services_changed: u32,
    pub unchanged: u32,
}
