//! Tender panels from the staff side (commissioners set up and score, officers run the panel),
//! and scoring, which young people and commissioners share. Each change is one [`Change`]: a
//! transaction with the tender loaded in it and its audit entry, under the subject `tender:{id}`.
//!
//! By stage: `setup` (create, bids, open, end scoring), `members` (approve, exclude), `scoring`,
//! `evaluation` (the sheet, the meeting, close) and `export`; `view` builds what staff read.

mod evaluation;
mod export;
mod members;
mod scoring;
mod setup;
mod view;

pub use evaluation::{close, evaluation, record_consensus, sheet};
pub use export::{export, list_csv};
pub use members::{decide_member, exclude, members};
pub use scoring::{ready_to_score, save_score, submit};
pub use setup::{add_bid, create, end_scoring, get, list, open, providers};
pub use view::{detail, my_scores};

use crate::auth::AuthUser;
use crate::domain::tender::window::Window;
use crate::flows::FlowError;
use crate::store::{self, entities::tender, tenders::TenderData};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use shared::validate::Invalid;
use shared::Reason;
use uuid::Uuid;

pub const NOT_FOUND: FlowError =
    FlowError::NotFound(Reason::TenderNotFound, "We could not find that tender.");

fn invalid(field: &'static str, reason: Reason, message: impl Into<String>) -> FlowError {
    FlowError::Invalid(Invalid::new(field, reason, message))
}

/// One tender of the signed-in person's organisation.
pub async fn load(
    db: &impl ConnectionTrait,
    user: AuthUser,
    tender_id: Uuid,
) -> Result<TenderData, FlowError> {
    store::tenders::load(db, user.organisation_id, tender_id)
        .await?
        .ok_or(NOT_FOUND)
}

pub fn subject(tender_id: Uuid) -> String {
    format!("tender:{tender_id}")
}

/// The tender's status and scoring dates, for the timing rules.
pub fn window(t: &tender::Model) -> Window {
    Window {
        status: t.status,
        opens_at: t.scoring_opens_at,
        closes_at: t.scoring_closes_at,
    }
}

/// One change to a tender: a transaction with the tender loaded in it. The flow checks
/// `data`, writes through `txn()`, then [`Change::commit`] writes the audit entry and commits.
/// Dropped without committing (a refusal), it rolls back.
pub struct Change {
    txn: DatabaseTransaction,
    user: AuthUser,
    pub data: TenderData,
}

impl Change {
    pub async fn begin(
        db: &DatabaseConnection,
        user: AuthUser,
        tender_id: Uuid,
    ) -> Result<Change, FlowError> {
        Change::load(db.begin().await?, user, tender_id).await
    }

    /// Loads the tender inside a transaction already begun (one that just inserted it).
    pub async fn load(
        txn: DatabaseTransaction,
        user: AuthUser,
        tender_id: Uuid,
    ) -> Result<Change, FlowError> {
        let data = load(&txn, user, tender_id).await?;
        Ok(Change { txn, user, data })
    }

    pub fn txn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Reads the tender again, to see what this change wrote.
    pub async fn reload(&mut self) -> Result<(), FlowError> {
        self.data = load(&self.txn, self.user, self.data.tender.id).await?;
        Ok(())
    }

    /// Writes the audit entry (the signed-in person did `action`) and commits; returns the
    /// tender as loaded.
    pub async fn commit(
        self,
        action: &'static str,
        details: serde_json::Value,
    ) -> Result<TenderData, FlowError> {
        store::audit::append(
            &self.txn,
            store::audit::Event {
                organisation_id: self.data.tender.organisation_id,
                actor_id: Some(self.user.id),
                action,
                subject: subject(self.data.tender.id),
                details,
            },
        )
        .await?;
        self.txn.commit().await?;
        Ok(self.data)
    }

    /// As [`Change::commit`], returning the tender as it is after the change.
    pub async fn commit_reloaded(
        mut self,
        action: &'static str,
        details: serde_json::Value,
    ) -> Result<TenderData, FlowError> {
        self.reload().await?;
        self.commit(action, details).await
    }
}
