//! Appending to and reading an organisation's hash-chained audit log.
//! Appends are serialised per organisation (an advisory lock on PostgreSQL; SQLite has one writer).

use super::entities::audit_entry;
use crate::domain::audit::{entry_hash, EntryContent, GENESIS};
use chrono::{SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Statement,
};
use uuid::Uuid;

/// One thing that happened. `details` must hold no free text and no secrets.
pub struct Event<'a> {
    pub organisation_id: Uuid,
    /// The member of staff or young person who did it; `None` for the system.
    pub actor_id: Option<Uuid>,
    pub action: &'a str,
    pub subject: String,
    pub details: serde_json::Value,
}

/// Appends an event. Call it inside the transaction that makes the change it records.
pub async fn append(
    db: &impl ConnectionTrait,
    event: Event<'_>,
) -> Result<audit_entry::Model, DbErr> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let key = i64::from_be_bytes(
            event.organisation_id.as_bytes()[..8]
                .try_into()
                .unwrap_or([0; 8]),
        );
        db.execute(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        ))
        .await?;
    }
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(event.organisation_id))
        .order_by_desc(audit_entry::Column::Seq)
        .one(db)
        .await?;
    let (seq, prev_hash) = match last {
        Some(entry) => (entry.seq + 1, entry.hash),
        None => (1, GENESIS.to_owned()),
    };
    let organisation_id = event.organisation_id.to_string();
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let actor_id = event
        .actor_id
        .map(|a| a.to_string())
        .unwrap_or_else(|| "system".to_owned());
    let details = event.details.to_string();
    let hash = entry_hash(
        &prev_hash,
        &EntryContent {
            seq,
            organisation_id: &organisation_id,
            at: &at,
            actor_id: &actor_id,
            action: event.action,
            subject: &event.subject,
            details: &details,
        },
    );
    let entry = audit_entry::Model {
        organisation_id: event.organisation_id,
        seq,
        at,
        actor_id,
        action: event.action.to_owned(),
        subject: event.subject,
        details,
        prev_hash,
        hash,
    };
    audit_entry::Entity::insert(entry.clone().into_active_model().reset_all())
        .exec_without_returning(db)
        .await?;
    Ok(entry)
}

pub async fn all_for_organisation(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await
}

/// Verifies the organisation's chain from its first entry; returns the number of entries.
pub fn verify(entries: &[audit_entry::Model]) -> Result<u64, crate::domain::audit::ChainBreak> {
    let organisation_ids: Vec<String> = entries
        .iter()
        .map(|e| e.organisation_id.to_string())
        .collect();
    crate::domain::audit::verify(entries.iter().zip(&organisation_ids).map(|(e, org)| {
        (
            EntryContent {
                seq: e.seq,
                organisation_id: org,
                at: &e.at,
                actor_id: &e.actor_id,
                action: &e.action,
                subject: &e.subject,
                details: &e.details,
            },
            e.prev_hash.as_str(),
            e.hash.as_str(),
        )
    }))
}

/// The entries about one thing (e.g. `tender:{id}`), oldest first.
pub async fn for_subject(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    subject: &str,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .filter(audit_entry::Column::Subject.eq(subject))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await
}
