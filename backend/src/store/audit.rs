//! Appending to, reading, verifying and checkpointing an organisation's keyed, hash-chained
//! audit log. Appends are serialised per organisation (an advisory lock on PostgreSQL; SQLite has
//! one writer). The database refuses updates and deletes of its rows (triggers); see docs/audit.md.

mod keys;

pub use keys::{install_keys, keys, AuditKeys};

use super::entities::{audit_checkpoint, audit_entry, audit_legacy_head};
use crate::domain::audit::{
    check_checkpoints, entry_hash, ChainBreak, Checkpoint, EntryContent, Head, GENESIS,
};
use crate::domain::ids::OrganisationId;
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

/// One thing that happened. `details` must hold no free text and no secrets.
pub struct Event<'a> {
    pub organisation_id: OrganisationId,
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
    super::dialect::lock_organisation(db, event.organisation_id).await?;
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
        &keys()?.chain,
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
    organisation_id: OrganisationId,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await
}

/// The entries about one thing (e.g. `tender:{id}`), oldest first.
pub async fn for_subject(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    subject: &str,
) -> Result<Vec<audit_entry::Model>, DbErr> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .filter(audit_entry::Column::Subject.eq(subject))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await
}

fn content<'a>(entry: &'a audit_entry::Model, organisation_id: &'a str) -> EntryContent<'a> {
    EntryContent {
        seq: entry.seq,
        organisation_id,
        at: &entry.at,
        actor_id: &entry.actor_id,
        action: &entry.action,
        subject: &entry.subject,
        details: &entry.details,
    }
}

/// Verifies `entries` (in order) as the continuation of the chain from `from`.
fn verify_entries(
    keys: &AuditKeys,
    unkeyed_until: i64,
    from: Head,
    entries: &[audit_entry::Model],
) -> Result<Head, ChainBreak> {
    let organisation_ids: Vec<String> = entries
        .iter()
        .map(|e| e.organisation_id.to_string())
        .collect();
    crate::domain::audit::verify(
        &keys.chain,
        unkeyed_until,
        from,
        entries
            .iter()
            .zip(&organisation_ids)
            .map(|(e, org)| (content(e, org), e.prev_hash.as_str(), e.hash.as_str())),
    )
}

/// The last entry written before the chain was keyed (0: every entry is keyed).
async fn unkeyed_until(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<i64, DbErr> {
    Ok(audit_legacy_head::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
        .map_or(0, |legacy| legacy.seq))
}

/// The organisation's signed checkpoints, oldest first.
pub async fn checkpoints_for_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<audit_checkpoint::Model>, DbErr> {
    audit_checkpoint::Entity::find()
        .filter(audit_checkpoint::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(audit_checkpoint::Column::Seq)
        .all(db)
        .await
}

fn signed(checkpoint: &audit_checkpoint::Model, organisation_id: &str) -> bool {
    keys().is_ok_and(|keys| {
        keys.checkpoint.verifies(
            &as_checkpoint(checkpoint, organisation_id),
            &checkpoint.signature,
        )
    })
}

fn as_checkpoint<'a>(c: &'a audit_checkpoint::Model, organisation_id: &'a str) -> Checkpoint<'a> {
    Checkpoint {
        organisation_id,
        seq: c.seq,
        hash: &c.hash,
        at: &c.at,
    }
}

/// What verifying an organisation's log found.
#[derive(Debug)]
pub struct Verification {
    pub entries: u64,
    pub checkpoints: u64,
    pub outcome: Result<(), ChainBreak>,
}

/// Verifies the organisation's whole chain from its first entry under the chain key, then checks
/// it against every signed checkpoint (a truncated, emptied or rewritten log fails there).
#[tracing::instrument(skip(db))]
pub async fn verify_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Verification, DbErr> {
    let keys = keys()?;
    let entries = all_for_organisation(db, organisation_id).await?;
    let unkeyed_until = unkeyed_until(db, organisation_id).await?;
    let checkpoints = checkpoints_for_organisation(db, organisation_id).await?;
    let org = organisation_id.to_string();
    let outcome = verify_entries(keys, unkeyed_until, Head::genesis(), &entries).and_then(|head| {
        // A verified chain holds seq 1, 2, 3... in order.
        let hash_at = |seq: i64| {
            let index = usize::try_from(seq.checked_sub(1)?).ok()?;
            entries.get(index).map(|e| e.hash.as_str())
        };
        check_checkpoints(
            &keys.checkpoint,
            &head,
            hash_at,
            checkpoints
                .iter()
                .map(|c| (as_checkpoint(c, &org), c.signature.as_str())),
        )
    });
    Ok(Verification {
        entries: entries.len() as u64,
        checkpoints: checkpoints.len() as u64,
        outcome,
    })
}

/// Signs a checkpoint of the organisation's head if it has moved since the last one, after
/// verifying the entries since then (a broken chain is never signed). Several instances may run
/// this at once: the checkpoint's key is (organisation, seq), so one of them writes it.
#[tracing::instrument(skip(db))]
pub async fn checkpoint_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Option<audit_checkpoint::Model>, DbErr> {
    let keys = keys()?;
    let org = organisation_id.to_string();
    let last = audit_checkpoint::Entity::find()
        .filter(audit_checkpoint::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(audit_checkpoint::Column::Seq)
        .one(db)
        .await?;
    let from = match &last {
        Some(c) if !signed(c, &org) => {
            tracing::error!(organisation = %organisation_id, seq = c.seq, "the last audit checkpoint's signature is not valid; no new checkpoint signed");
            return Ok(None);
        }
        Some(c) => Head {
            entries: u64::try_from(c.seq).unwrap_or(0),
            seq: c.seq,
            hash: c.hash.clone(),
        },
        None => Head::genesis(),
    };
    let newer = audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .filter(audit_entry::Column::Seq.gt(from.seq))
        .order_by_asc(audit_entry::Column::Seq)
        .all(db)
        .await?;
    if newer.is_empty() {
        return Ok(None);
    }
    let unkeyed_until = unkeyed_until(db, organisation_id).await?;
    let head = match verify_entries(keys, unkeyed_until, from, &newer) {
        Ok(head) => head,
        Err(problem) => {
            tracing::error!(organisation = %organisation_id, %problem, "the audit chain does not verify; no checkpoint signed");
            return Ok(None);
        }
    };
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let signature = keys.checkpoint.sign(&Checkpoint {
        organisation_id: &org,
        seq: head.seq,
        hash: &head.hash,
        at: &at,
    });
    let checkpoint = audit_checkpoint::Model {
        organisation_id,
        seq: head.seq,
        hash: head.hash,
        at,
        signature,
    };
    audit_checkpoint::Entity::insert(checkpoint.clone().into_active_model().reset_all())
        .on_conflict(
            OnConflict::columns([
                audit_checkpoint::Column::OrganisationId,
                audit_checkpoint::Column::Seq,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    // A copy outside the database, in the application's log.
    tracing::info!(organisation = %organisation_id, seq = checkpoint.seq, hash = %checkpoint.hash, at = %checkpoint.at, signature = %checkpoint.signature, "audit checkpoint signed");
    Ok(Some(checkpoint))
}

/// Checkpoints every organisation whose head has moved; returns how many were signed.
pub async fn checkpoint_all(db: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let mut signed = 0;
    for organisation in super::organisations::all(db).await? {
        if checkpoint_organisation(db, organisation.id)
            .await?
            .is_some()
        {
            signed += 1;
        }
    }
    Ok(signed)
}

/// The checkpoints as `#` lines for the end of the export: the public key, then one line each.
pub fn checkpoint_lines(checkpoints: &[audit_checkpoint::Model]) -> Result<String, DbErr> {
    if checkpoints.is_empty() {
        return Ok(String::new());
    }
    let mut out = format!(
        "# checkpoints, signed with Ed25519 public key {}: seq,hash,at,signature over \
         (organisation_id, seq, hash, at); see docs/audit.md\n",
        keys()?.checkpoint.public_hex()
    );
    for c in checkpoints {
        out.push_str(&format!(
            "# checkpoint,{},{},{},{}\n",
            c.seq, c.hash, c.at, c.signature
        ));
    }
    Ok(out)
}
