//! The audit log for admins: checking the organisation's hash chain, and its rows for export.

use crate::auth::AuthUser;
use crate::flows::FlowError;
use crate::store;
use sea_orm::DatabaseConnection;
use shared::api::AuditVerification;

/// The columns of `rows`, in order.
pub const COLUMNS: [&str; 9] = [
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

/// The signed checkpoints of the chain's head, as `#` lines (with the public key that checks
/// them) to follow the rows in the export.
pub async fn checkpoint_lines(
    db: &DatabaseConnection,
    admin: AuthUser,
) -> Result<String, FlowError> {
    let checkpoints = store::audit::checkpoints_for_organisation(db, admin.organisation_id).await?;
    Ok(store::audit::checkpoint_lines(&checkpoints)?)
}

/// The whole chain, one row per entry in `COLUMNS` order, with each entry's hashes so anyone
/// can re-verify it.
pub async fn rows(db: &DatabaseConnection, admin: AuthUser) -> Result<Vec<Vec<String>>, FlowError> {
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
