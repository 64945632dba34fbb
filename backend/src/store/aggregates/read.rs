//! The dashboard's reads of the score aggregates: a few windows' tallies, or every window's
//! counts, each in one query answering with one packed value.

use super::{window_of, Outcomes, Tallies, PARTS, TABLE};
use crate::domain::ids::OrganisationId;
use crate::domain::scoring::Tally;
use crate::domain::windows::Window;
use crate::store::dialect;
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement};
use shared::Dimension;
use uuid::Uuid;

/// The rows of some windows for the whole organisation (the dashboard's read: O(services ×
/// windows)), in one query that answers with one value: the rows as text. On SQLite every row
/// a query returns is a hand-off between threads (sqlx runs SQLite on a thread of its own), so
/// 800 rows in one value read several times faster. The query asks for the windows' kinds ×
/// ends, which the index `ix_tallies_window` answers directly (a list of `(kind = … AND end =
/// …) OR …` would make the database read every window of the organisation); windows not asked
/// for are dropped here.
pub async fn for_windows(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    windows: &[Window],
) -> Result<Vec<(Uuid, Window, Outcomes)>, DbErr> {
    let mut kinds: Vec<&str> = windows.iter().map(|w| w.kind.as_str()).collect();
    let mut ends: Vec<String> = windows.iter().map(|w| w.end.to_string()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    ends.sort_unstable();
    ends.dedup();
    let backend = db.get_database_backend();
    let row = db
        .query_one(packed_rows_query(backend, organisation_id, &kinds, &ends))
        .await?;
    let packed: Option<String> = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => None,
    };
    let mut rows = unpack_rows(packed.as_deref().unwrap_or_default())?;
    rows.retain(|(_, window, _)| windows.contains(window));
    Ok(rows)
}

/// How many young people each stored window holds, per outcome, for the services that have a
/// quarter with fewer than `min_cohort` (but some) young people in some outcome: the only ones
/// the disclosure plan has to audit (three columns and six integers a row; the services filter
/// is answered by the database over the quarter rows). One query answering with one value, as
/// `for_windows` does.
pub async fn counts_to_audit(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    min_cohort: i64,
) -> Result<Vec<(Uuid, Window, [i64; 6])>, DbErr> {
    counts(db, organisation_id, Filter::HiddenBelow(min_cohort)).await
}

/// How many young people each stored window of these services holds, per outcome: what the
/// disclosure plan re-reads for the services changed since it was made.
pub async fn counts_of(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    services: &[Uuid],
) -> Result<Vec<(Uuid, Window, [i64; 6])>, DbErr> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    counts(db, organisation_id, Filter::Services(services)).await
}

async fn counts(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    rows: Filter<'_>,
) -> Result<Vec<(Uuid, Window, [i64; 6])>, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one(packed_query(backend, organisation_id, &["n"], rows))
        .await?;
    let packed: Option<String> = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => None,
    };
    unpack(packed.as_deref().unwrap_or_default(), 1, |ints| {
        let mut ns = [0; 6];
        ns.copy_from_slice(ints);
        ns
    })
}

/// Which rows of the organisation a packed query reads.
enum Filter<'a> {
    /// Windows of these kinds and ends.
    Windows(&'a [&'a str], &'a [String]),
    /// Every window of the services with a quarter below this cohort in some outcome.
    HiddenBelow(i64),
    /// Every window of these services.
    Services(&'a [Uuid]),
}

fn packed_rows_query(
    backend: DatabaseBackend,
    organisation_id: OrganisationId,
    kinds: &[&str],
    ends: &[String],
) -> Statement {
    packed_query(
        backend,
        organisation_id,
        &PARTS,
        Filter::Windows(kinds, ends),
    )
}

/// `service window_kind window_end` and the outcomes' `parts`, space-separated; rows
/// `;`-separated; of the windows of these kinds and ends, or all.
fn packed_query(
    backend: DatabaseBackend,
    organisation_id: OrganisationId,
    parts: &[&str],
    rows: Filter,
) -> Statement {
    let service = dialect::uuid_as_text(backend, "service_id");
    let fields = std::iter::once(format!(
        "{service} || ' ' || window_kind || ' ' || window_end"
    ))
    .chain(Dimension::ALL.into_iter().flat_map(|d| {
        parts
            .iter()
            .map(move |p| format!("' ' || {}_{p}", d.as_str()))
    }))
    .collect::<Vec<_>>()
    .join(" || ");
    let mut values: Vec<sea_orm::Value> = vec![organisation_id.into()];
    let mut placeholders = dialect::Placeholders::new(backend);
    let mut next = || placeholders.placeholder();
    let organisation = next();
    let filter = match rows {
        Filter::Windows(kinds, ends) => {
            values.extend(kinds.iter().map(|k| (*k).into()));
            values.extend(ends.iter().map(|e| e.as_str().into()));
            let kinds = kinds.iter().map(|_| next()).collect::<Vec<_>>().join(", ");
            let ends = ends.iter().map(|_| next()).collect::<Vec<_>>().join(", ");
            format!(" AND window_kind IN ({kinds}) AND window_end IN ({ends})")
        }
        Filter::HiddenBelow(cohort) => {
            values.push(organisation_id.into());
            let organisation = next();
            let hidden = Dimension::ALL
                .iter()
                .map(|d| format!("({0}_n > 0 AND {0}_n < {cohort})", d.as_str()))
                .collect::<Vec<_>>()
                .join(" OR ");
            format!(
                " AND service_id IN (SELECT service_id FROM {TABLE} WHERE organisation_id = \
                 {organisation} AND window_kind = 'quarter' AND ({hidden}))"
            )
        }
        Filter::Services(services) => {
            values.extend(services.iter().map(|s| (*s).into()));
            let services = services
                .iter()
                .map(|_| next())
                .collect::<Vec<_>>()
                .join(", ");
            format!(" AND service_id IN ({services})")
        }
    };
    Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT string_agg({fields}, ';') FROM {TABLE} WHERE organisation_id = {organisation}{filter}"
        ),
        values,
    )
}

pub(super) fn unpack_rows(packed: &str) -> Result<Vec<(Uuid, Window, Outcomes)>, DbErr> {
    unpack(packed, PARTS.len(), |ints| {
        let mut tallies = Tallies::default();
        for (t, part) in tallies.iter_mut().zip(ints.chunks(PARTS.len())) {
            *t = Tally {
                n: part[0],
                sum: part[1],
                sum_sq: part[2],
                positive: part[3],
            };
        }
        tallies
    })
}

/// Rows of `packed_query`, each with its `per_outcome × 6` integers made into a `T`.
fn unpack<T>(
    packed: &str,
    per_outcome: usize,
    make: impl Fn(&[i64]) -> T,
) -> Result<Vec<(Uuid, Window, T)>, DbErr> {
    let bad = || DbErr::Custom("a packed score tally row did not read back".into());
    packed
        .split(';')
        .filter(|row| !row.is_empty())
        .map(|row| {
            let mut fields = row.split(' ');
            let mut field = || fields.next().ok_or_else(bad);
            let service = Uuid::parse_str(field()?).map_err(|_| bad())?;
            let window = window_of(field()?, field()?).ok_or_else(bad)?;
            let ints = (0..per_outcome * Dimension::ALL.len())
                .map(|_| field()?.parse::<i64>().map_err(|_| bad()))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((service, window, make(&ints)))
        })
        .collect()
}
