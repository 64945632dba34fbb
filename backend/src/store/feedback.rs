use super::entities::{feedback, provider, service};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set,
};
use shared::api::ModerationStatus;
use shared::{Answers, Dimension};
use uuid::Uuid;

/// A validated submission, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedback {
    pub id: Uuid,
    pub organisation_id: OrganisationId,
    pub service_id: Uuid,
    pub author_id: Uuid,
    pub answers: Answers,
    pub tell_us_more: Option<String>,
    pub make_better: Option<String>,
    pub named: bool,
    pub wants_talk: bool,
    /// In an assisted session, the officer beside the child (the author).
    pub assisted_by: Option<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored now.
    Created(DateTime<Utc>),
    /// Already stored by an earlier try of the same author.
    AlreadyStored(DateTime<Utc>),
    /// The id belongs to someone else's feedback.
    IdTaken,
    /// The same author already stored something else under this id: the new body is not stored.
    DifferentBody,
}

fn rating(answers: &Answers, d: Dimension) -> Option<i16> {
    answers.get(d).map(|f| i16::from(f.value()))
}

/// When an officer read and approved an item, its words published as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    pub read_at: DateTime<Utc>,
    pub approved_at: DateTime<Utc>,
}

/// A new row received at `received_at`: pending, or approved as `approval` says. It takes the
/// times it is given; none is made up here.
pub fn new_row(
    f: NewFeedback,
    received_at: DateTime<Utc>,
    approval: Option<Approval>,
) -> feedback::ActiveModel {
    use chrono::SubsecRound;
    let status = match approval {
        Some(_) => ModerationStatus::Approved,
        None => ModerationStatus::Pending,
    };
    let approved = approval.is_some();
    let published = |text: &Option<String>| if approved { text.clone() } else { None };
    // Microseconds, what PostgreSQL keeps: the stored quarter is the quarter of the stored time.
    let received_at = received_at.trunc_subsecs(6);
    feedback::ActiveModel {
        id: Set(f.id),
        organisation_id: Set(f.organisation_id),
        service_id: Set(f.service_id),
        author_id: Set(f.author_id),
        received_at: Set(received_at),
        quarter: Set(crate::domain::quarter::Quarter::of(received_at).index()),
        named: Set(f.named),
        wants_talk: Set(f.wants_talk),
        published_tell_us_more: Set(published(&f.tell_us_more)),
        published_make_better: Set(published(&f.make_better)),
        tell_us_more: Set(f.tell_us_more),
        make_better: Set(f.make_better),
        status: Set(status),
        safe: Set(rating(&f.answers, Dimension::Safe)),
        nurtured: Set(rating(&f.answers, Dimension::Nurtured)),
        involved: Set(rating(&f.answers, Dimension::Involved)),
        healthy: Set(rating(&f.answers, Dimension::Healthy)),
        achieving: Set(rating(&f.answers, Dimension::Achieving)),
        prepared: Set(rating(&f.answers, Dimension::Prepared)),
        safeguarding: Set(false),
        read_at: Set(approval.map(|a| a.read_at.trunc_subsecs(6))),
        moderated_at: Set(approval.map(|a| a.approved_at.trunc_subsecs(6))),
        moderated_by: Set(None),
        rejection_reason: Set(None),
        rejection_note: Set(None),
        anonymised_at: Set(None),
        assisted_by: Set(f.assisted_by),
    }
}

/// Inserts once per id (`ON CONFLICT DO NOTHING`), so any number of retries store one row.
pub async fn insert_once(
    db: &impl ConnectionTrait,
    new: NewFeedback,
    received_at: DateTime<Utc>,
) -> Result<Stored, DbErr> {
    let mut stored = insert_many_once(db, std::slice::from_ref(&new), received_at).await?;
    stored
        .pop()
        .ok_or_else(|| DbErr::Custom("an insert of one row gave no outcome".into()))
}

/// Inserts a batch in one statement, each id once (`ON CONFLICT DO NOTHING RETURNING id`), and
/// says for each submission, in order, whether it was stored now, was already stored by the same
/// author with the same body (a retry, perhaps queued in this very batch), was stored by the same
/// author with a different body, or is someone else's id. New rows are received at `received_at`.
pub async fn insert_many_once(
    db: &impl ConnectionTrait,
    batch: &[NewFeedback],
    received_at: DateTime<Utc>,
) -> Result<Vec<Stored>, DbErr> {
    use chrono::SubsecRound;
    use std::collections::{hash_map::Entry, HashMap, HashSet};
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    // Microseconds: what PostgreSQL keeps, so a retry's receipt equals the first one.
    let now = received_at.trunc_subsecs(6);
    let mut first: HashMap<Uuid, &NewFeedback> = HashMap::new();
    let rows: Vec<feedback::ActiveModel> = batch
        .iter()
        .filter(|f| match first.entry(f.id) {
            Entry::Vacant(slot) => {
                slot.insert(f);
                true
            }
            Entry::Occupied(_) => false,
        })
        .map(|f| new_row(f.clone(), now, None))
        .collect();
    let mut insert = feedback::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(feedback::Column::Id)
                .do_nothing()
                .to_owned(),
        )
        .into_query();
    insert.returning_col(feedback::Column::Id);
    let created: HashSet<Uuid> = db
        .query_all(db.get_database_backend().build(&insert))
        .await?
        .iter()
        .map(|row| row.try_get::<Uuid>("", "id"))
        .collect::<Result<_, _>>()?;
    let others: Vec<Uuid> = first
        .keys()
        .filter(|id| !created.contains(id))
        .copied()
        .collect();
    let existing = rows_by_id(db, others).await?;
    let mut answered: HashSet<Uuid> = HashSet::new();
    Ok(batch
        .iter()
        .map(|f| {
            let stored_now = created.contains(&f.id);
            // The author, body check and receipt time of what holds this id.
            let holder = if stored_now {
                first.get(&f.id).map(|e| (e.author_id, *e == f, now))
            } else {
                existing
                    .get(&f.id)
                    .map(|row| (row.author_id, same_body(f, row), row.received_at))
            };
            match holder {
                Some((author, _, _)) if author != f.author_id => Stored::IdTaken,
                None => Stored::IdTaken,
                Some((_, false, _)) => Stored::DifferentBody,
                Some((_, true, at)) if stored_now && answered.insert(f.id) => Stored::Created(at),
                Some((_, true, at)) => Stored::AlreadyStored(at),
            }
        })
        .collect())
}

async fn rows_by_id(
    db: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<std::collections::HashMap<Uuid, feedback::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(feedback::Entity::find()
        .filter(feedback::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect())
}

/// Is `new` what was stored as `row` (a retry)? Words removed since (retention) cannot be
/// compared, so they are not.
fn same_body(new: &NewFeedback, row: &feedback::Model) -> bool {
    let words_kept = row.anonymised_at.is_none();
    new.service_id == row.service_id
        && new.answers == answers_of(row)
        && new.named == row.named
        && new.wants_talk == row.wants_talk
        && new.assisted_by == row.assisted_by
        && (!words_kept
            || (new.tell_us_more == row.tell_us_more && new.make_better == row.make_better))
}

/// A pending item with what an officer needs to moderate it.
pub struct QueueItem {
    pub feedback: feedback::Model,
    pub service_name: String,
    pub provider_name: String,
    pub author_display_name: String,
    /// The officer who helped, in an assisted session.
    pub helper_display_name: Option<String>,
}

/// The organisation's pending feedback, those asking to talk first, then oldest first.
pub async fn pending_queue(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    limit: u64,
) -> Result<Vec<QueueItem>, DbErr> {
    let rows = feedback::Entity::find()
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .filter(feedback::Column::Status.eq(ModerationStatus::Pending))
        .order_by_desc(feedback::Column::Safeguarding)
        .order_by_desc(feedback::Column::WantsTalk)
        .order_by_asc(feedback::Column::ReceivedAt)
        .limit(limit)
        .all(db)
        .await?;
    let service_ids: Vec<Uuid> = rows.iter().map(|f| f.service_id).collect();
    // Authors, and the officers who helped in assisted sessions.
    let people: Vec<Uuid> = rows
        .iter()
        .flat_map(|f| [Some(f.author_id), f.assisted_by])
        .flatten()
        .collect();
    let services: std::collections::HashMap<Uuid, (String, String)> = service::Entity::find()
        .filter(service::Column::Id.is_in(service_ids))
        .find_also_related(provider::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(s, p)| (s.id, (s.name, p.map(|p| p.name).unwrap_or_default())))
        .collect();
    let authors = super::users::display_names(db, &people).await?;
    Ok(rows
        .into_iter()
        .map(|f| {
            let (service_name, provider_name) =
                services.get(&f.service_id).cloned().unwrap_or_default();
            let author_display_name = authors.get(&f.author_id).cloned().unwrap_or_default();
            let helper_display_name = f.assisted_by.and_then(|h| authors.get(&h).cloned());
            QueueItem {
                feedback: f,
                service_name,
                provider_name,
                author_display_name,
                helper_display_name,
            }
        })
        .collect())
}

pub fn answers_of(f: &feedback::Model) -> Answers {
    answers_from_columns([
        f.safe,
        f.nurtured,
        f.involved,
        f.healthy,
        f.achieving,
        f.prepared,
    ])
}

/// Answers from the six rating columns, in `Dimension::ALL` order.
pub fn answers_from_columns(columns: [Option<i16>; 6]) -> Answers {
    let mut answers = Answers::default();
    for (dimension, value) in Dimension::ALL.into_iter().zip(columns) {
        let face = value
            .and_then(|v| u8::try_from(v).ok())
            .and_then(|v| shared::Face::new(v).ok());
        answers.set(dimension, face);
    }
    answers
}

pub async fn count_for_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    feedback::Entity::find()
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await
}

pub async fn flag_safeguarding(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    feedback::Entity::update_many()
        .col_expr(
            feedback::Column::Safeguarding,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(feedback::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn find_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
) -> Result<Option<feedback::Model>, DbErr> {
    feedback::Entity::find_by_id(id)
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// An officer's decision on a piece of feedback.
pub enum Decision<'a> {
    Approved {
        tell_us_more: Option<String>,
        make_better: Option<String>,
    },
    Rejected {
        reason: &'a str,
        note: Option<String>,
    },
}

pub async fn record_decision(
    db: &impl ConnectionTrait,
    id: Uuid,
    officer: Uuid,
    decision: Decision<'_>,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    let now = Utc::now();
    let (status, tell, better, reason, note) = match decision {
        Decision::Approved {
            tell_us_more,
            make_better,
        } => (
            ModerationStatus::Approved,
            tell_us_more,
            make_better,
            None,
            None,
        ),
        Decision::Rejected { reason, note } => (
            ModerationStatus::Rejected,
            None,
            None,
            Some(reason.to_owned()),
            note,
        ),
    };
    feedback::Entity::update_many()
        .col_expr(feedback::Column::Status, Expr::value(status))
        .col_expr(feedback::Column::ModeratedAt, Expr::value(Some(now)))
        .col_expr(feedback::Column::ModeratedBy, Expr::value(Some(officer)))
        .col_expr(feedback::Column::PublishedTellUsMore, Expr::value(tell))
        .col_expr(feedback::Column::PublishedMakeBetter, Expr::value(better))
        .col_expr(feedback::Column::RejectionReason, Expr::value(reason))
        .col_expr(feedback::Column::RejectionNote, Expr::value(note))
        .filter(feedback::Column::Id.eq(id))
        .exec(db)
        .await?;
    mark_read(db, id).await
}

pub async fn mark_read(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    mark_read_many(db, &[id]).await
}

pub async fn mark_read_many(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    feedback::Entity::update_many()
        .col_expr(feedback::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(feedback::Column::Id.is_in(ids.iter().copied()))
        .filter(feedback::Column::ReadAt.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// A young person's own submissions, newest first.
pub async fn by_author(
    db: &impl ConnectionTrait,
    author_id: Uuid,
    limit: u64,
) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::AuthorId.eq(author_id))
        .order_by_desc(feedback::Column::ReceivedAt)
        .limit(limit)
        .all(db)
        .await
}

/// Every submission about a service (to find who a themed response reaches).
pub async fn for_service(
    db: &impl ConnectionTrait,
    service_id: Uuid,
) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::ServiceId.eq(service_id))
        .all(db)
        .await
}

/// Historical, already-moderated feedback for demo data and benchmarks (never from the API),
/// with the times its maker gives it.
pub struct Historical {
    pub feedback: NewFeedback,
    pub received_at: DateTime<Utc>,
    /// `None`: still pending.
    pub approved: Option<Approval>,
}

/// Inserts historical rows in bulk, skipping ids already stored.
pub async fn insert_historical(
    db: &impl ConnectionTrait,
    rows: Vec<Historical>,
) -> Result<(), DbErr> {
    let models: Vec<feedback::ActiveModel> = rows
        .into_iter()
        .map(|h| new_row(h.feedback, h.received_at, h.approved))
        .collect();
    for chunk in models.chunks(200) {
        feedback::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::column(feedback::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Feedback of an organisation received in `[from, to)`.
pub async fn received_between(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .filter(feedback::Column::ReceivedAt.gte(from))
        .filter(feedback::Column::ReceivedAt.lt(to))
        .all(db)
        .await
}

/// The latest approved, published (redacted) words about a service.
pub async fn quotes(
    db: &impl ConnectionTrait,
    service_id: Uuid,
    limit: u64,
) -> Result<Vec<(DateTime<Utc>, String)>, DbErr> {
    let rows = feedback::Entity::find()
        .filter(feedback::Column::ServiceId.eq(service_id))
        .filter(feedback::Column::Status.eq(ModerationStatus::Approved))
        .filter(feedback::Column::PublishedTellUsMore.is_not_null())
        .order_by_desc(feedback::Column::ReceivedAt)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|f| f.published_tell_us_more.map(|t| (f.received_at, t)))
        .collect())
}

/// An organisation's approved, published (redacted) words received in `[from, to)`, newest
/// first, with their service.
pub async fn quotes_between(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Uuid, String)>, DbErr> {
    feedback::Entity::find()
        .select_only()
        .columns([
            feedback::Column::ServiceId,
            feedback::Column::PublishedTellUsMore,
        ])
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .filter(feedback::Column::Status.eq(ModerationStatus::Approved))
        .filter(feedback::Column::PublishedTellUsMore.is_not_null())
        .filter(feedback::Column::ReceivedAt.gte(from))
        .filter(feedback::Column::ReceivedAt.lt(to))
        .order_by_desc(feedback::Column::ReceivedAt)
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await
}

/// The service of each of these feedback items of the organisation.
pub async fn services_of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Uuid>, DbErr> {
    Ok(feedback::Entity::find()
        .select_only()
        .columns([feedback::Column::Id, feedback::Column::ServiceId])
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .filter(feedback::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<(Uuid, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Those of `ids` that `author_id` wrote.
pub async fn by_author_among(
    db: &impl ConnectionTrait,
    author_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<feedback::Model>, DbErr> {
    feedback::Entity::find()
        .filter(feedback::Column::AuthorId.eq(author_id))
        .filter(feedback::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}
