//! The provider and service directory, imported by the organisation's admin from a CSV file
//! (`docs/directory-sample.csv`).

use super::ServiceType;
use crate::Dimension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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

/// One of the organisation's services as its admin keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DirectoryService {
    pub id: Uuid,
    pub name: String,
    pub service_type: ServiceType,
    /// The Room to Grow outcomes young people are asked about (those for their age).
    pub outcomes: Vec<Dimension>,
    /// No longer offered for feedback or links; its history and scores are kept.
    pub retired: bool,
}

/// A provider of the organisation's services, with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DirectoryProvider {
    pub id: Uuid,
    pub name: String,
    /// Its Ofsted unique reference number, where it has one.
    pub urn: Option<String>,
    /// Only this organisation lists it, so its admin may rename it (providers are shared by
    /// every council).
    pub editable: bool,
    pub services: Vec<DirectoryService>,
}

/// The organisation's directory: its providers, by name, each with its services.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Directory {
    pub providers: Vec<DirectoryProvider>,
}

/// Whose service a new one is: a provider the organisation already lists, or one named here
/// (found by URN, or by name, as a directory file's line is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProviderChoice {
    Listed(Uuid),
    Named {
        name: String,
        #[serde(default)]
        urn: Option<String>,
    },
}

/// A service to add to the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewService {
    pub provider: ProviderChoice,
    pub name: String,
    pub service_type: ServiceType,
    pub outcomes: Vec<Dimension>,
}

/// A service's name, kind and outcomes, changed. Its provider stays: another provider's service
/// is another service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ServiceEdit {
    pub name: String,
    pub service_type: ServiceType,
    pub outcomes: Vec<Dimension>,
}

/// A provider's name and URN, corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProviderEdit {
    pub name: String,
    #[serde(default)]
    pub urn: Option<String>,
}
