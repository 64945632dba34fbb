//! The audit log for admins: checking the organisation's hash chain, and its rows for export.

use crate::auth::AuthUser;
use crate::domain::ids::OrganisationId;
use crate::flows::FlowError;
use crate::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use shared::api::AuditVerification;
use uuid::Uuid;

/// Appends what one person did to their organisation's chain, in the caller's transaction.
pub async fn record(
    txn: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    actor: Uuid,
    action: &str,
    subject: String,
    details: serde_json::Value,
) -> Result<(), DbErr> {
    store::audit::append(
        txn,
        store::audit::Event {
            organisation_id,
            actor_id: Some(actor),
            action,
            subject,
            details,
        },
    )
    .await
    .map(|_| ())
}

/// The columns of the export, in order.
const COLUMNS: [&str; 9] = [
    "seq",
    "organisation_id",
    "at",
    "actor_id",
    "action",
    "subject",
    "details",
    "prev_hash",
    "hash",
];

/// Recomputes every hash of the organisation's chain and checks it against its signed checkpoints.
pub async fn verify(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<AuditVerification, FlowError> {
    let verification = store::audit::verify_organisation(db, admin.organisation_id).await?;
    Ok(AuditVerification {
        entries: verification.entries,
        intact: verification.outcome.is_ok(),
        problem: verification.outcome.err().map(|e| e.to_string()),
    })
}

/// The whole chain as CSV, one row per entry with its hashes so anyone can re-verify it, then the
/// signed checkpoints of its head as `#` lines with the public key that checks them.
pub async fn export(db: &DatabaseConnection, admin: AuthUser) -> Result<String, FlowError> {
    let mut body = crate::domain::csv::write(&[], &COLUMNS, rows(db, admin).await?);
    let checkpoints = store::audit::checkpoints_for_organisation(db, admin.organisation_id).await?;
    body.push_str(&store::audit::checkpoint_lines(&checkpoints)?);
    Ok(body)
}

/// One row per entry, in `COLUMNS` order.
async fn rows(db: &DatabaseConnection, admin: AuthUser) -> Result<Vec<Vec<String>>, FlowError> {
    let entries = store::audit::all_for_organisation(db, admin.organisation_id).await?;
    Ok(entries
        .into_iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.organisation_id.to_string(),
                e.at,
                e.actor_id,
                e.action,
                e.subject,
                e.details,
                e.prev_hash,
                e.hash,
            ]
        })
        .collect())
}
