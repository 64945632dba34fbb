//! The provider and service directory, for the admin: a file imported, or a service at a time.

use super::{done, get, no_content, send_json, Failure};
use crate::state::session::SessionState;
use shared::api::{
    Directory, DirectoryImport, DirectoryImportReport, DirectoryService, NewService, ProviderEdit,
    ServiceEdit,
};
use shared::routes;
use uuid::Uuid;

/// Imports (or, previewed, checks) a directory file.
pub async fn import_directory(
    state: SessionState,
    body: &DirectoryImport,
) -> Result<DirectoryImportReport, Failure> {
    send_json(state, &routes::IMPORT_DIRECTORY, &[], body).await
}

pub async fn directory(state: SessionState) -> Result<Directory, Failure> {
    get(state, &routes::GET_DIRECTORY, &[]).await
}

pub async fn add_service(
    state: SessionState,
    body: &NewService,
) -> Result<DirectoryService, Failure> {
    send_json(state, &routes::ADD_SERVICE, &[], body).await
}

pub async fn edit_service(
    state: SessionState,
    id: Uuid,
    body: &ServiceEdit,
) -> Result<DirectoryService, Failure> {
    send_json(state, &routes::EDIT_SERVICE, &[id], body).await
}

pub async fn retire_service(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::RETIRE_SERVICE, &[id]).await
}

pub async fn restore_service(state: SessionState, id: Uuid) -> Result<(), Failure> {
    done(state, &routes::RESTORE_SERVICE, &[id]).await
}

pub async fn edit_provider(
    state: SessionState,
    id: Uuid,
    body: &ProviderEdit,
) -> Result<(), Failure> {
    no_content(state, &routes::EDIT_PROVIDER, &[id], body).await
}
