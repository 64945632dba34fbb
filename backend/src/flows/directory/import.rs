//! The admin imports the organisation's provider and service directory from a CSV file
//! (`domain::directory` reads it). All or nothing: a file with any bad line writes nothing and
//! names every such line; the same file twice changes nothing the second time. A preview runs the
//! same import in a transaction that is rolled back, so it says exactly what importing would do.
//! Audited.

use crate::auth::AuthUser;
use crate::domain::directory::{self, LineError, Row};
use crate::flows::FlowError;
use crate::store::{self, entities::provider};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{DirectoryImport, DirectoryImportReport};
use shared::validate::Invalid;
use shared::Reason;

/// Lines named in one refusal; the count of the rest follows.
const LINES_SHOWN: usize = 20;

fn refused(errors: &[LineError]) -> FlowError {
    let mut words: Vec<String> = errors
        .iter()
        .take(LINES_SHOWN)
        .map(ToString::to_string)
        .collect();
    if errors.len() > LINES_SHOWN {
        words.push(format!("and {} more lines", errors.len() - LINES_SHOWN));
    }
    Invalid::new(
        "csv",
        Reason::DirectoryRows,
        format!(
            "Nothing was imported. Please mend these lines and try again: {}.",
            words.join("; ")
        ),
    )
    .into()
}

pub async fn import(
    db: &DatabaseConnection,
    admin: AuthUser,
    body: DirectoryImport,
) -> Result<DirectoryImportReport, FlowError> {
    let directory::Read { rows, mut errors } = directory::parse(&body.csv);
    let mut report = DirectoryImportReport {
        rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        ..DirectoryImportReport::default()
    };
    // The good lines are tried even when others are bad, so one refusal names every bad line.
    let txn = db.begin().await?;
    for row in &rows {
        let provider = match provider_of(&txn, row, &mut report).await? {
            Ok(provider) => provider,
            Err(message) => {
                errors.push(LineError {
                    line: row.line,
                    message,
                });
                continue;
            }
        };
        service_of(&txn, admin, &provider, row, &mut report).await?;
    }
    if !errors.is_empty() {
        txn.rollback().await?;
        errors.sort_by_key(|e| e.line);
        return Err(refused(&errors));
    }
    if body.preview {
        txn.rollback().await?;
        return Ok(report);
    }
    report.written = true;
    crate::flows::audit::record(
        &txn,
        admin.organisation_id,
        admin.id,
        "directory_imported",
        format!("organisation:{}", admin.organisation_id),
        json!(report),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// The line's provider: by URN; else a provider of that name without one, given the URN; else a
/// new one. In words, why there is none: a URN nobody has on a line without a name to add it by,
/// or a name another provider has with another URN (names are unique).
pub(super) async fn provider_of(
    txn: &impl ConnectionTrait,
    row: &Row,
    report: &mut DirectoryImportReport,
) -> Result<Result<provider::Model, String>, FlowError> {
    let urn = row.urn.as_deref();
    if let Some(urn) = urn {
        if let Some(known) = store::directory::provider_by_urn(txn, urn).await? {
            // Shared by every council: one council's file does not rename it for the others.
            return Ok(Ok(known));
        }
    }
    let Some(name) = row.provider_name.as_deref() else {
        return Ok(Err(format!(
            "no provider with URN {}; give its name on this line to add it",
            urn.unwrap_or_default()
        )));
    };
    let known = match urn {
        Some(_) => store::directory::provider_by_name_without_urn(txn, name).await?,
        None => store::directory::provider_by_name(txn, name).await?,
    };
    match (urn, known) {
        (Some(urn), Some(known)) => {
            store::directory::set_urn(txn, known.id, urn).await?;
            report.providers_identified += 1;
            Ok(Ok(known))
        }
        (None, Some(known)) => Ok(Ok(known)),
        (_, None) => {
            if let Some(namesake) = store::directory::provider_by_name(txn, name).await? {
                return Ok(Err(format!(
                    "\"{name}\" is the name of the provider with URN {}, not {}; check the URN",
                    namesake.urn.unwrap_or_default(),
                    urn.unwrap_or_default()
                )));
            }
            report.providers_added += 1;
            Ok(Ok(store::directory::insert_provider(txn, name, urn).await?))
        }
    }
}

/// Adds the line's service, or changes its kind, or finds it as it is.
async fn service_of(
    txn: &impl ConnectionTrait,
    admin: AuthUser,
    provider: &provider::Model,
    row: &Row,
    report: &mut DirectoryImportReport,
) -> Result<(), FlowError> {
    let organisation = admin.organisation_id;
    match store::directory::service_named(txn, organisation, provider.id, &row.service_name).await?
    {
        Some(known) if known.service_type == row.service_type => report.unchanged += 1,
        Some(known) => {
            // Its kind decides which services it is compared with on the dashboard.
            store::aggregates::begin_change(txn, organisation).await?;
            store::directory::set_service_type(txn, organisation, known.id, row.service_type)
                .await?;
            report.services_changed += 1;
        }
        None => {
            store::services::ensure_service(
                txn,
                organisation,
                provider.id,
                &row.service_name,
                row.service_type,
            )
            .await?;
            report.services_added += 1;
        }
    }
    Ok(())
}
