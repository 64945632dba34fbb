//! Score aggregates: one row per service and window with the six outcomes' integers inline,
//! kept up to date in the moderation transaction and rebuilt by `recompute`. Both paths produce
//! the same integers, so they can be compared exactly.

use super::entities::{feedback, organisation, service};
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::scoring::Tally;
use crate::domain::windows::{self, Answered, QuarterVoice, Window, WindowKind};
use sea_orm::sea_query::{Alias, Cond, Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryResult,
    QuerySelect, Statement, StreamTrait,
};
use shared::api::ModerationStatus;
use shared::{Answers, Dimension, Face};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

pub type Key = (Uuid, Dimension, Window);

/// One row: the six outcomes' tallies in `Dimension::ALL` order.
pub type Outcomes = [Tally; 6];
type Tallies = Outcomes;

pub mod assisted;
pub mod providers;
mod read;
pub use read::{counts_of, counts_to_audit, for_windows};

const TABLE: &str = "score_tallies";
const PARTS: [&str; 4] = ["n", "sum", "sum_sq", "positive"];

fn table() -> Alias {
    Alias::new(TABLE)
}

fn col(name: &str) -> Alias {
    Alias::new(name)
}

/// The 24 integer columns, outcome by outcome.
fn tally_columns() -> impl Iterator<Item = Alias> {
    Dimension::ALL.into_iter().flat_map(|d| {
        PARTS
            .into_iter()
            .map(move |p| Alias::new(format!("{}_{p}", d.as_str())))
    })
}

fn slot(dimension: Dimension) -> usize {
    Dimension::ALL
        .iter()
        .position(|d| *d == dimension)
        .unwrap_or_default()
}

fn window_of(kind: &str, end: &str) -> Option<Window> {
    Some(Window {
        kind: WindowKind::parse(kind)?,
        end: Quarter::parse(end)?,
    })
}

/// The 24 integer columns of a row, from column `first` on.
fn outcomes_from(row: &QueryResult, first: usize) -> Result<Outcomes, DbErr> {
    let mut tallies = Tallies::default();
    for (i, t) in tallies.iter_mut().enumerate() {
        let at = |k: usize| row.try_get_by_index::<i64>(first + 4 * i + k);
        *t = Tally {
            n: at(0)?,
            sum: at(1)?,
            sum_sq: at(2)?,
            positive: at(3)?,
        };
    }
    Ok(tallies)
}

fn decode(row: &QueryResult) -> Result<Option<(Uuid, Window, Tallies)>, DbErr> {
    let service: Uuid = row.try_get_by_index(0)?;
    let kind: String = row.try_get_by_index(1)?;
    let end: String = row.try_get_by_index(2)?;
    let tallies = outcomes_from(row, 3)?;
    Ok(window_of(&kind, &end).map(|w| (service, w, tallies)))
}

fn into_keys(rows: Vec<(Uuid, Window, Tallies)>) -> HashMap<Key, Tally> {
    rows.into_iter()
        .flat_map(|(service, window, tallies)| {
            Dimension::ALL
                .into_iter()
                .zip(tallies)
                .filter(|(_, t)| t.n > 0)
                .map(move |(d, t)| ((service, d, window), t))
        })
        .collect()
}

fn is_window(window: Window) -> Cond {
    Cond::all()
        .add(Expr::col(col("window_kind")).eq(window.kind.as_str()))
        .add(Expr::col(col("window_end")).eq(window.end.to_string()))
}

/// Rows matching `filter`, in one query.
async fn read(
    db: &impl ConnectionTrait,
    filter: Cond,
) -> Result<Vec<(Uuid, Window, Tallies)>, DbErr> {
    let query = Query::select()
        .columns([col("service_id"), col("window_kind"), col("window_end")])
        .columns(tally_columns())
        .from(table())
        .cond_where(filter)
        .to_owned();
    let rows = db
        .query_all(db.get_database_backend().build(&query))
        .await?;
    Ok(rows
        .iter()
        .map(decode)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect())
}

fn values(
    organisation_id: OrganisationId,
    service: Uuid,
    window: Window,
    tallies: &Tallies,
) -> Vec<SimpleExpr> {
    let mut values: Vec<SimpleExpr> = vec![
        organisation_id.into(),
        service.into(),
        window.kind.as_str().into(),
        window.end.to_string().into(),
    ];
    for t in tallies {
        values.extend([t.n.into(), t.sum.into(), t.sum_sq.into(), t.positive.into()]);
    }
    values
}

fn insert_columns() -> Vec<Alias> {
    [
        col("organisation_id"),
        col("service_id"),
        col("window_kind"),
        col("window_end"),
    ]
    .into_iter()
    .chain(tally_columns())
    .collect()
}

fn query_error(e: sea_orm::sea_query::error::Error) -> DbErr {
    DbErr::Custom(e.to_string())
}

/// A young person's approved submissions about one service.
pub async fn approved_by(
    db: &impl ConnectionTrait,
    author: Uuid,
    service: Uuid,
) -> Result<Vec<Answered>, DbErr> {
    Ok(feedback::Entity::find()
        .filter(feedback::Column::AuthorId.eq(author))
        .filter(feedback::Column::ServiceId.eq(service))
        .filter(feedback::Column::Status.eq(ModerationStatus::Approved))
        .all(db)
        .await?
        .iter()
        .map(|f| Answered {
            id: f.id,
            at: f.received_at,
            answers: super::feedback::answers_of(f),
        })
        .collect())
}

/// Starts a change to what the organisation's dashboard shows: bumps its scores version, so no
/// instance serves a report cached before it, and (on PostgreSQL) holds the organisation's row
/// until the transaction ends, so changes to its scores run one after another and none is
/// lost. Call it first in the transaction, before reading what the change depends on.
pub async fn begin_change(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<(), DbErr> {
    organisation::Entity::update_many()
        .col_expr(
            organisation::Column::ScoresVersion,
            Expr::col(organisation::Column::ScoresVersion).add(1),
        )
        .filter(organisation::Column::Id.eq(organisation_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the services' tallies as changed at the organisation's current scores version (after
/// `begin_change`, in its transaction): a disclosure plan cached at an older version is brought
/// up to date by re-reading these services only. `None`: every service of the organisation.
pub async fn mark_changed(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    service: Option<Uuid>,
) -> Result<(), DbErr> {
    let Some(organisation) = organisation::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let mut update = service::Entity::update_many()
        .col_expr(
            service::Column::ScoresVersion,
            Expr::value(organisation.scores_version),
        )
        .filter(service::Column::OrganisationId.eq(organisation_id));
    if let Some(id) = service {
        update = update.filter(service::Column::Id.eq(id));
    }
    update.exec(db).await?;
    Ok(())
}

/// Holds the organisation's row (PostgreSQL) so no score change commits until the transaction
/// ends, without bumping the version: for comparing stored and recomputed tallies.
pub async fn hold(db: &impl ConnectionTrait, organisation_id: OrganisationId) -> Result<(), DbErr> {
    organisation::Entity::find_by_id(organisation_id)
        .lock_exclusive()
        .one(db)
        .await?;
    Ok(())
}

/// Applies the change in one young person's voices to the stored tallies (same transaction as
/// the moderation decision that caused it, after `begin_change`).
pub async fn apply_change(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    service: Uuid,
    before: &[Answered],
    after: &[Answered],
) -> Result<(), DbErr> {
    // Per window: each outcome's old voice and new one.
    type Changes = Vec<(Dimension, Option<u8>, Option<u8>)>;
    let mut by_window: BTreeMap<Window, Changes> = BTreeMap::new();
    for ((dimension, window), old, new) in
        windows::changes(&windows::voices(before), &windows::voices(after))
    {
        by_window
            .entry(window)
            .or_default()
            .push((dimension, old, new));
    }
    if by_window.is_empty() {
        return Ok(());
    }
    let windows = by_window
        .keys()
        .fold(Cond::any(), |c, w| c.add(is_window(*w)));
    let current: HashMap<Window, Tallies> = read(
        db,
        Cond::all()
            .add(Expr::col(col("service_id")).eq(service))
            .add(windows),
    )
    .await?
    .into_iter()
    .map(|(_, w, t)| (w, t))
    .collect();
    let builder = db.get_database_backend();
    let mut group_changes = Vec::with_capacity(by_window.len());
    for (window, changes) in by_window {
        let before = current.get(&window).copied().unwrap_or_default();
        let mut tallies = before;
        for (dimension, old, new) in changes {
            let t = &mut tallies[slot(dimension)];
            *t = windows::apply(*t, old, new);
        }
        group_changes.push((window, before, tallies));
        if tallies.iter().all(|t| t.n == 0) {
            let delete = Query::delete()
                .from_table(table())
                .cond_where(
                    Cond::all()
                        .add(Expr::col(col("service_id")).eq(service))
                        .add(is_window(window)),
                )
                .to_owned();
            db.execute(builder.build(&delete)).await?;
        } else {
            let upsert = Query::insert()
                .into_table(table())
                .columns(insert_columns())
                .values(values(organisation_id, service, window, &tallies))
                .map_err(query_error)?
                .on_conflict(
                    OnConflict::columns([col("service_id"), col("window_kind"), col("window_end")])
                        .update_columns(tally_columns())
                        .to_owned(),
                )
                .to_owned();
            db.execute(builder.build(&upsert)).await?;
        }
    }
    providers::apply(db, organisation_id, service, &group_changes).await?;
    mark_changed(db, organisation_id, Some(service)).await
}

/// Every stored tally of the organisation.
pub async fn stored(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<HashMap<Key, Tally>, DbErr> {
    Ok(into_keys(
        read(
            db,
            Cond::all().add(Expr::col(col("organisation_id")).eq(organisation_id)),
        )
        .await?,
    ))
}

/// One young person's approved answers about one service, oldest first, each as
/// `quarter index × 10⁶ + the six faces as digits` (0: skipped), comma-separated.
fn voices_query(backend: DatabaseBackend, organisation_id: OrganisationId) -> Statement {
    // The rating columns are named after the outcomes.
    let faces = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| format!("COALESCE({}, 0) * {}", d.as_str(), 10i64.pow(5 - i as u32)))
        .collect::<Vec<_>>()
        .join(" + ");
    let parameter = super::dialect::Placeholders::new(backend).placeholder();
    // The status is written out, not bound, so both databases use the partial index
    // ix_feedback_approved_voices, which holds the rows in this order.
    Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT service_id, string_agg(CAST(CAST(quarter AS BIGINT) * 1000000 + {faces} AS TEXT), ',' \
             ORDER BY received_at, id) AS voices FROM feedback \
             WHERE organisation_id = {parameter} AND status = 'approved' \
             GROUP BY service_id, author_id"
        ),
        [organisation_id.into()],
    )
}

/// Each quarter's latest answer per outcome, from `voices_query`'s list (oldest first, so a
/// later answer in the same quarter replaces an earlier one).
fn quarter_voices(list: &str) -> Result<Vec<QuarterVoice>, DbErr> {
    let mut out: Vec<QuarterVoice> = Vec::new();
    for item in list.split(',') {
        let code: i64 = item
            .trim()
            .parse()
            .map_err(|_| DbErr::Custom(format!("bad voice {item:?}")))?;
        let quarter = Quarter::from_index(i32::try_from(code / 1_000_000).unwrap_or_default());
        if out.last().map(|v| v.quarter) != Some(quarter) {
            out.push(QuarterVoice {
                quarter,
                answers: Answers::default(),
            });
        }
        let Some(voice) = out.last_mut() else {
            continue;
        };
        for (i, dimension) in Dimension::ALL.into_iter().enumerate() {
            let digit = (code / 10i64.pow(5 - i as u32)) % 10;
            if let Ok(face) = Face::new(u8::try_from(digit).unwrap_or_default()) {
                voice.answers.set(dimension, Some(face));
            }
        }
    }
    Ok(out)
}

/// Computes every tally from the raw approved feedback: the database lists each young person's
/// answers per service in "latest answer" order (one row per young person and service), and
/// the rule folds them (`windows::add_quarter_voices`).
pub async fn compute_from_raw(
    db: &(impl ConnectionTrait + StreamTrait),
    organisation_id: OrganisationId,
    mut progress: impl FnMut(u64),
) -> Result<HashMap<Key, Tally>, DbErr> {
    use futures_util::TryStreamExt;
    let mut tallies: HashMap<Key, Tally> = HashMap::new();
    let stream = db
        .stream(voices_query(db.get_database_backend(), organisation_id))
        .await?;
    let mut stream = std::pin::pin!(stream);
    let mut read = 0u64;
    while let Some(row) = stream.try_next().await? {
        let service: Uuid = row.try_get_by_index(0)?;
        let list: String = row.try_get_by_index(1)?;
        windows::add_quarter_voices(&mut tallies, service, &quarter_voices(&list)?);
        read += 1;
        if read.is_multiple_of(10_000) {
            progress(read);
        }
    }
    progress(read);
    Ok(tallies)
}

/// Replaces the organisation's stored tallies with `tallies` (in the caller's transaction,
/// after `begin_change`).
pub async fn replace_all(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    tallies: &HashMap<Key, Tally>,
) -> Result<(), DbErr> {
    let builder = db.get_database_backend();
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(col("organisation_id")).eq(organisation_id))
        .to_owned();
    db.execute(builder.build(&delete)).await?;
    let mut rows: BTreeMap<(Uuid, Window), Tallies> = BTreeMap::new();
    for ((service, dimension, window), t) in tallies.iter().filter(|(_, t)| t.n > 0) {
        rows.entry((*service, *window)).or_default()[slot(*dimension)] = *t;
    }
    let rows: Vec<_> = rows.into_iter().collect();
    for chunk in rows.chunks(500) {
        let mut insert = Query::insert();
        insert.into_table(table()).columns(insert_columns());
        for ((service, window), t) in chunk {
            insert
                .values(values(organisation_id, *service, *window, t))
                .map_err(query_error)?;
        }
        db.execute(builder.build(&insert)).await?;
    }
    providers::rebuild(db, organisation_id).await?;
    mark_changed(db, organisation_id, None).await
}

#[cfg(test)]
mod tests {
    use super::read::unpack_rows;
    use super::*;

    #[test]
    fn a_voice_list_keeps_each_quarters_latest_answer_per_outcome() {
        let q = Quarter {
            year: 2026,
            number: 2,
        };
        let code = |quarter: Quarter, faces: i64| i64::from(quarter.index()) * 1_000_000 + faces;
        let list = format!(
            "{},{},{}",
            code(q, 300_005),
            code(q, 100_000),
            code(q.next(), 20)
        );
        let voices = quarter_voices(&list).unwrap_or_default();
        assert_eq!(voices.len(), 2);
        assert_eq!(voices[0].quarter, q);
        assert_eq!(voices[0].answers.safe.map(Face::value), Some(1));
        assert_eq!(voices[0].answers.prepared.map(Face::value), Some(5));
        assert_eq!(voices[0].answers.nurtured, None);
        assert_eq!(voices[1].answers.achieving.map(Face::value), Some(2));
    }

    #[test]
    fn packed_rows_read_back_and_a_damaged_one_is_an_error() {
        let ints = (1..=24)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let packed = format!(
            "007AD7FC8D684C85851A02D5BF0CBB7D year 2026-Q4 {ints};\
             0d3c5f40-3e9c-4a8e-9a51-0e6f3f9d2a11 quarter 2026-Q3 {ints}"
        );
        let rows = unpack_rows(&packed).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].0,
            Uuid::parse_str("007ad7fc-8d68-4c85-851a-02d5bf0cbb7d").unwrap()
        );
        assert_eq!(
            rows[0].1,
            Window::year(Quarter {
                year: 2026,
                number: 4
            })
        );
        assert_eq!(
            rows[1].1,
            Window::quarter(Quarter {
                year: 2026,
                number: 3
            })
        );
        assert_eq!(
            rows[1].2[5],
            Tally {
                n: 21,
                sum: 22,
                sum_sq: 23,
                positive: 24
            }
        );
        assert!(unpack_rows("").unwrap().is_empty());
        for damaged in [
            "x year 2026-Q4 1",
            "007AD7FC8D684C85851A02D5BF0CBB7D year 2026-Q4 1 2",
        ] {
            assert!(unpack_rows(damaged).is_err(), "{damaged}");
        }
    }
}
