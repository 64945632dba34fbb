//! The transactional email outbox: rows written with the event that caused them, claimed by a
//! worker with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so several instances never send
//! the same message at once.

use super::entities::outbox;
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, Statement,
};
use uuid::Uuid;

pub struct NewEmail<'a> {
    pub organisation_id: OrganisationId,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn enqueue(db: &impl ConnectionTrait, email: NewEmail<'_>) -> Result<(), DbErr> {
    let now = Utc::now();
    outbox::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(email.organisation_id),
        kind: Set(email.kind.to_owned()),
        recipient: Set(email.recipient.to_owned()),
        subject: Set(email.subject.to_owned()),
        body: Set(email.body.to_owned()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The outbox row kind of a push; its recipient is the subscription's id, and it has no words.
pub const PUSH: &str = "push";

/// A push to each of these subscriptions, sent (and retried) like the email beside it.
pub async fn enqueue_pushes(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    subscriptions: &[Uuid],
) -> Result<(), DbErr> {
    if subscriptions.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = subscriptions.iter().map(|id| outbox::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        kind: Set(PUSH.to_owned()),
        recipient: Set(id.to_string()),
        subject: Set(String::new()),
        body: Set(String::new()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
    });
    outbox::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// Takes up to `limit` due messages, leasing them until `lease_until` and counting the attempt.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox::Model>, DbErr> {
    let backend = db.get_database_backend();
    let sql = super::dialect::numbered(
        backend,
        &format!(
            "UPDATE outbox SET locked_until = ?, attempts = attempts + 1 WHERE id IN (\
               SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? \
               AND (locked_until IS NULL OR locked_until < ?) ORDER BY next_attempt_at LIMIT ? {}) \
             RETURNING *",
            super::dialect::skip_locked(backend)
        ),
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let values: Vec<sea_orm::Value> =
        vec![lease_until.into(), now.into(), now.into(), limit.into()];
    outbox::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(backend, sql, values))
        .all(db)
        .await
}

pub async fn mark_sent(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(Some(Utc::now())))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    next_attempt_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
        .col_expr(
            outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Some(error.chars().take(500).collect::<String>())),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// The organisation's safeguarding emails (alerts, escalations) unsent since before `before`:
/// how many, and when the oldest was written.
pub async fn safeguarding_unsent_since(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    before: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let waiting = || {
        outbox::Entity::find()
            .filter(outbox::Column::OrganisationId.eq(organisation_id))
            .filter(outbox::Column::SentAt.is_null())
            .filter(outbox::Column::Kind.starts_with("safeguarding"))
            .filter(outbox::Column::CreatedAt.lt(before))
    };
    let count = waiting().count(db).await?;
    let oldest = waiting()
        .order_by_asc(outbox::Column::CreatedAt)
        .one(db)
        .await?
        .map(|row| row.created_at);
    Ok((count, oldest))
}

/// Whether any organisation's safeguarding email created before `before` is still unsent.
pub async fn any_safeguarding_unsent_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::Kind.starts_with("safeguarding"))
        .filter(outbox::Column::CreatedAt.lt(before))
        .one(db)
        .await?
        .is_some())
}

/// How many emails are unsent, and when the oldest of them was written.
pub async fn backlog(db: &impl ConnectionTrait) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let unsent = || outbox::Entity::find().filter(outbox::Column::SentAt.is_null());
    let count = unsent().count(db).await?;
    let oldest = unsent()
        .order_by_asc(outbox::Column::CreatedAt)
        .one(db)
        .await?
        .map(|row| row.created_at);
    Ok((count, oldest))
}

pub async fn unsent_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .count(db)
        .await
}
