//! The admin keeps the directory a service at a time: adds one (to a provider the organisation
//! lists, or to one named as a directory file's line names it), changes a service's name, kind
//! and the outcomes it asks about, retires it (no longer offered for feedback or links; its
//! history and scores are kept) or brings it back, and corrects a provider's name and URN while no
//! other council lists it (providers are shared). What changes the dashboard starts a scores
//! change; everything is audited with what it was.

use super::import::provider_of;
use crate::auth::AuthUser;
use crate::domain::directory::{self, Row};
use crate::flows::FlowError;
use crate::store::{self, entities::service};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{
    Directory, DirectoryImportReport, DirectoryProvider, DirectoryService, NewService,
    ProviderChoice, ProviderEdit, ServiceEdit,
};
use shared::validate::Invalid;
use shared::{Dimension, Reason};
use std::collections::HashMap;
use uuid::Uuid;

const SERVICE_NOT_FOUND: FlowError = FlowError::NotFound(
    Reason::ServiceNotFound,
    "We could not find that service in your directory.",
);
const PROVIDER_NOT_FOUND: FlowError = FlowError::NotFound(
    Reason::ProviderNotFound,
    "We could not find that provider in your directory.",
);
const SERVICE_EXISTS: FlowError = FlowError::Conflict(
    Reason::ServiceExists,
    "That provider already has a service of that name in your directory.",
);

/// A name as the directory keeps it, or the refusal in words.
fn name_of(text: &str, field: &'static str, what: &str) -> Result<String, FlowError> {
    let refused = |words: String| -> FlowError {
        let mut chars = words.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        Invalid::new(
            field,
            Reason::DirectoryName,
            format!("{}{}.", first.unwrap_or_default(), chars.as_str()),
        )
        .into()
    };
    match directory::name(text, what) {
        Ok(Some(name)) => Ok(name),
        Ok(None) => Err(refused(format!("give the {what}"))),
        Err(words) => Err(refused(words)),
    }
}

fn urn_of(text: Option<&str>) -> Result<Option<String>, FlowError> {
    directory::urn(text.unwrap_or_default())
        .map_err(|words| Invalid::new("urn", Reason::NotAnUrn, format!("{words}.")).into())
}

/// The outcomes, each once and in their own order; at least one.
fn outcomes_of(chosen: &[Dimension]) -> Result<Vec<Dimension>, FlowError> {
    let outcomes: Vec<Dimension> = Dimension::ALL
        .into_iter()
        .filter(|d| chosen.contains(d))
        .collect();
    if outcomes.is_empty() {
        return Err(Invalid::new(
            "outcomes",
            Reason::OutcomesRequired,
            "Choose at least one outcome the service asks young people about.",
        )
        .into());
    }
    Ok(outcomes)
}

fn listed(service: &service::Model) -> DirectoryService {
    DirectoryService {
        id: service.id,
        name: service.name.clone(),
        service_type: service.service_type,
        outcomes: store::services::outcomes(&service.outcomes),
        retired: service.retired_at.is_some(),
    }
}

async fn audit(
    txn: &impl ConnectionTrait,
    admin: &AuthUser,
    action: &str,
    subject: String,
    details: serde_json::Value,
) -> Result<(), FlowError> {
    crate::flows::audit::record(
        txn,
        admin.organisation_id,
        admin.id,
        action,
        subject,
        details,
    )
    .await?;
    Ok(())
}

/// The organisation's providers, each with its services (retired ones too).
pub async fn directory(db: &DatabaseConnection, admin: AuthUser) -> Result<Directory, FlowError> {
    let rows = store::directory::listing(db, admin.organisation_id).await?;
    let ids: Vec<Uuid> = rows.iter().map(|(_, p)| p.id).collect();
    let shared = store::directory::shared_providers(db, admin.organisation_id, &ids).await?;
    let mut providers: Vec<DirectoryProvider> = Vec::new();
    let mut at: HashMap<Uuid, usize> = HashMap::new();
    for (service, provider) in rows {
        let index = *at.entry(provider.id).or_insert_with(|| {
            providers.push(DirectoryProvider {
                id: provider.id,
                editable: !shared.contains(&provider.id),
                name: provider.name,
                urn: provider.urn,
                services: Vec::new(),
            });
            providers.len() - 1
        });
        providers[index].services.push(listed(&service));
    }
    Ok(Directory { providers })
}

/// Adds a service; its provider is found or added as a directory file's line's is.
pub async fn add_service(
    db: &DatabaseConnection,
    admin: AuthUser,
    new: NewService,
) -> Result<DirectoryService, FlowError> {
    let name = name_of(&new.name, "name", "service's name")?;
    let outcomes = outcomes_of(&new.outcomes)?;
    let organisation = admin.organisation_id;
    let txn = db.begin().await?;
    let provider = match new.provider {
        ProviderChoice::Listed(id) => {
            if !store::directory::lists_provider(&txn, organisation, id).await? {
                return Err(PROVIDER_NOT_FOUND);
            }
            store::directory::provider(&txn, id)
                .await?
                .ok_or(PROVIDER_NOT_FOUND)?
        }
        ProviderChoice::Named {
            name: provider_name,
            urn,
        } => {
            let row = Row {
                line: 0,
                urn: urn_of(urn.as_deref())?,
                provider_name: Some(name_of(&provider_name, "provider", "provider's name")?),
                service_name: name.clone(),
                service_type: new.service_type,
            };
            provider_of(&txn, &row, &mut DirectoryImportReport::default())
                .await?
                .map_err(|_| {
                    FlowError::Conflict(
                        Reason::UrnTaken,
                        "A provider of that name has another URN. Please check the URN, or choose that provider from the list.",
                    )
                })?
        }
    };
    if store::directory::service_named(&txn, organisation, provider.id, &name)
        .await?
        .is_some()
    {
        return Err(SERVICE_EXISTS);
    }
    let added =
        store::services::ensure_service(&txn, organisation, provider.id, &name, new.service_type)
            .await?;
    store::directory::update_service(
        &txn,
        organisation,
        added.id,
        &name,
        new.service_type,
        &outcomes,
    )
    .await?;
    let service = DirectoryService {
        outcomes,
        ..listed(&added)
    };
    let details = json!({ "provider_id": provider.id, "service": &service });
    audit(
        &txn,
        &admin,
        "service_added",
        format!("service:{}", added.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(service)
}

/// Changes a service's name, kind and outcomes.
pub async fn edit_service(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
    edit: ServiceEdit,
) -> Result<DirectoryService, FlowError> {
    let name = name_of(&edit.name, "name", "service's name")?;
    let outcomes = outcomes_of(&edit.outcomes)?;
    let organisation = admin.organisation_id;
    let txn = db.begin().await?;
    // Its kind decides which services it is compared with: every score may change.
    store::aggregates::begin_change(&txn, organisation).await?;
    store::aggregates::mark_changed(&txn, organisation, None).await?;
    let was = store::directory::service(&txn, organisation, id)
        .await?
        .ok_or(SERVICE_NOT_FOUND)?;
    if let Some(namesake) =
        store::directory::service_named(&txn, organisation, was.provider_id, &name).await?
    {
        if namesake.id != id {
            return Err(SERVICE_EXISTS);
        }
    }
    store::directory::update_service(&txn, organisation, id, &name, edit.service_type, &outcomes)
        .await?;
    let now = DirectoryService {
        id,
        name,
        service_type: edit.service_type,
        outcomes,
        retired: was.retired_at.is_some(),
    };
    let details = json!({ "was": listed(&was), "now": &now });
    audit(
        &txn,
        &admin,
        "service_changed",
        format!("service:{id}"),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(now)
}

/// Retires a service (`retire`) or brings it back. Already so: nothing changes.
async fn set_retired(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
    retire: bool,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let service = store::directory::service(&txn, admin.organisation_id, id)
        .await?
        .ok_or(SERVICE_NOT_FOUND)?;
    if service.retired_at.is_some() == retire {
        return Ok(());
    }
    let at = retire.then(Utc::now);
    store::directory::set_retired(&txn, admin.organisation_id, id, at).await?;
    let action = if retire {
        "service_retired"
    } else {
        "service_restored"
    };
    let details = json!({ "name": service.name });
    audit(&txn, &admin, action, format!("service:{id}"), details).await?;
    txn.commit().await?;
    Ok(())
}

/// No longer offered to young people or for links; its feedback, scores and links' history stay.
pub async fn retire_service(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    set_retired(db, admin, id, true).await
}

pub async fn restore_service(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    set_retired(db, admin, id, false).await
}

/// Corrects a provider's name and URN, while only this organisation lists it.
pub async fn edit_provider(
    db: &DatabaseConnection,
    admin: AuthUser,
    id: Uuid,
    edit: ProviderEdit,
) -> Result<(), FlowError> {
    let name = name_of(&edit.name, "name", "provider's name")?;
    let urn = urn_of(edit.urn.as_deref())?;
    let organisation = admin.organisation_id;
    let txn = db.begin().await?;
    // Its name is on the dashboard: no cached report outlives the change.
    store::aggregates::begin_change(&txn, organisation).await?;
    if !store::directory::lists_provider(&txn, organisation, id).await? {
        return Err(PROVIDER_NOT_FOUND);
    }
    let was = store::directory::provider(&txn, id)
        .await?
        .ok_or(PROVIDER_NOT_FOUND)?;
    if !store::directory::shared_providers(&txn, organisation, &[id])
        .await?
        .is_empty()
    {
        return Err(FlowError::Conflict(
            Reason::ProviderShared,
            "Another council lists this provider too, so its name and URN stay as they are. Ask Chorus support to correct them.",
        ));
    }
    if let Some(namesake) = store::directory::provider_by_name(&txn, &name).await? {
        if namesake.id != id {
            return Err(FlowError::Conflict(
                Reason::ProviderNameTaken,
                "Another provider already has that name. If they are the same provider, ask Chorus support to merge them.",
            ));
        }
    }
    if let Some(urn) = urn.as_deref() {
        if let Some(holder) = store::directory::provider_by_urn(&txn, urn).await? {
            if holder.id != id {
                return Err(FlowError::Conflict(
                    Reason::UrnTaken,
                    "Another provider has that URN. Please check the number on Ofsted's register.",
                ));
            }
        }
    }
    store::directory::update_provider(&txn, id, &name, urn.as_deref()).await?;
    let details = json!({
        "was": { "name": was.name, "urn": was.urn },
        "now": { "name": name, "urn": urn },
    });
    audit(
        &txn,
        &admin,
        "provider_changed",
        format!("provider:{id}"),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
