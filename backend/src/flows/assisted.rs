//! Assisted sessions (`docs/assisted.md`): a participation officer opens, on their own device, a
//! session for a young person of their council (a 4-to-7-year-old, or a child with SEND) and sits
//! beside them while they answer. The session's token is the child's, marked with the officer: it
//! lets in only the child's services and giving feedback (`Access::Child`), never what the child
//! said before, their news or anything else of theirs, and it lasts one sitting. What the child
//! gives is stored as theirs, marked as helped by the officer.

use super::data_rights::not_erased;
use crate::auth::{jwt::ASSISTED_SECONDS, AuthUser, TokenKeys};
use crate::flows::FlowError;
use crate::store;
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::AssistedSession;
use shared::Reason;
use uuid::Uuid;

/// Opens a session for the young person `id`, audited in the council's chain.
pub async fn open(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    officer: AuthUser,
    id: Uuid,
) -> Result<AssistedSession, FlowError> {
    let txn = db.begin().await?;
    let child = not_erased(&txn, &officer, id).await?;
    if child.deactivated_at.is_some() {
        return Err(FlowError::Conflict(
            Reason::AccountDeactivated,
            "This young person's account is switched off. Switch it back on first.",
        ));
    }
    let me = store::users::find(&txn, officer.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: officer.organisation_id,
            actor_id: Some(officer.id),
            action: "assisted_session_opened",
            subject: format!("user:{id}"),
            details: json!({ "minutes": ASSISTED_SECONDS / 60 }),
        },
    )
    .await?;
    txn.commit().await?;
    let access_token = keys
        .issue_assisted(
            (child.id, child.token_generation),
            officer.organisation_id,
            (me.id, me.token_generation),
        )
        .map_err(FlowError::Internal)?;
    Ok(AssistedSession {
        access_token,
        expires_in: u64::try_from(ASSISTED_SECONDS).unwrap_or_default(),
        display_name: child.display_name,
        age_band: child.age_band,
    })
}
