//! Each council's score tallies summed per provider and service type (`provider_tallies`): what
//! a region pools (`flows::regions`). `apply` adds a service's change to its group in the same
//! transaction as the change; `rebuild` makes a council's groups again from its service tallies
//! when services move between groups (a kind changed, providers merged) and after a recompute.
//! Both give the same integers, so `summed` (a recompute) and `stored` compare exactly.

use super::{col, outcomes_from, query_error, slot, tally_columns, window_of, Outcomes, PARTS};
use crate::domain::ids::OrganisationId;
use crate::domain::quarter::Quarter;
use crate::domain::scoring::Tally;
use crate::domain::windows::{Window, WindowKind};
use crate::store::dialect::Placeholders;
use crate::store::entities::{organisation, service};
use sea_orm::sea_query::{Alias, Cond, Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryResult, Statement};
use shared::api::ServiceType;
use shared::Dimension;
use std::collections::HashMap;
use uuid::Uuid;

const TABLE: &str = "provider_tallies";
const KEY: [&str; 5] = [
    "organisation_id",
    "provider_id",
    "service_type",
    "window_kind",
    "window_end",
];

/// One council's group row: (council, provider, service type, window, the six outcomes).
pub type Row = (OrganisationId, Uuid, ServiceType, Window, Outcomes);

/// A council's tallies keyed by provider, service type, outcome and window.
pub type Grouped = HashMap<(Uuid, ServiceType, Dimension, Window), Tally>;

fn table() -> Alias {
    Alias::new(TABLE)
}

/// The 24 integer columns' names, as `tally_columns` has them.
fn tally_names() -> Vec<String> {
    Dimension::ALL
        .into_iter()
        .flat_map(|d| {
            PARTS
                .into_iter()
                .map(move |p| format!("{}_{p}", d.as_str()))
        })
        .collect()
}

fn select() -> String {
    KEY.into_iter()
        .map(str::to_owned)
        .chain(tally_names())
        .collect::<Vec<_>>()
        .join(", ")
}

fn decode(row: &QueryResult) -> Result<Option<Row>, DbErr> {
    let organisation: OrganisationId = row.try_get_by_index(0)?;
    let provider: Uuid = row.try_get_by_index(1)?;
    let kind: String = row.try_get_by_index(2)?;
    let window_kind: String = row.try_get_by_index(3)?;
    let end: String = row.try_get_by_index(4)?;
    let outcomes = outcomes_from(row, 5)?;
    let kind = ServiceType::parse(&kind)
        .ok_or_else(|| DbErr::Custom(format!("{kind:?} is not a service type")))?;
    Ok(window_of(&window_kind, &end).map(|w| (organisation, provider, kind, w, outcomes)))
}

async fn read(
    db: &impl ConnectionTrait,
    filter: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<Row>, DbErr> {
    let backend = db.get_database_backend();
    let sql = crate::store::dialect::numbered(
        backend,
        &format!("SELECT {} FROM {TABLE} WHERE {filter}", select()),
    );
    let rows = db
        .query_all(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(rows
        .iter()
        .map(decode)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// `t − old + new`, field by field: a group's tally after one of its services changed.
fn shift(t: Tally, old: Tally, new: Tally) -> Tally {
    Tally {
        n: t.n - old.n + new.n,
        sum: t.sum - old.sum + new.sum,
        sum_sq: t.sum_sq - old.sum_sq + new.sum_sq,
        positive: t.positive - old.positive + new.positive,
    }
}

fn group_filter(organisation_id: OrganisationId, provider: Uuid, kind: ServiceType) -> Cond {
    Cond::all()
        .add(Expr::col(col("organisation_id")).eq(organisation_id))
        .add(Expr::col(col("provider_id")).eq(provider))
        .add(Expr::col(col("service_type")).eq(kind.as_str()))
}

/// Adds the change in one service's tallies (per window: before, after) to its group, in the
/// transaction that changed them.
pub async fn apply(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    service_id: Uuid,
    changes: &[(Window, Outcomes, Outcomes)],
) -> Result<(), DbErr> {
    if changes.is_empty() {
        return Ok(());
    }
    let Some(s) = service::Entity::find_by_id(service_id).one(db).await? else {
        return Ok(());
    };
    let now = Quarter::of(chrono::Utc::now());
    if changes.iter().any(|(w, _, _)| pooled(*w, now)) {
        mark_pooled_changed(db, organisation_id).await?;
    }
    let current: HashMap<Window, Outcomes> = read(
        db,
        "organisation_id = ? AND provider_id = ? AND service_type = ?",
        vec![
            organisation_id.into(),
            s.provider_id.into(),
            s.service_type.as_str().into(),
        ],
    )
    .await?
    .into_iter()
    .map(|(_, _, _, w, t)| (w, t))
    .collect();
    let builder = db.get_database_backend();
    for (window, old, new) in changes {
        let mut group = current.get(window).copied().unwrap_or_default();
        for d in Dimension::ALL {
            let i = slot(d);
            group[i] = shift(group[i], old[i], new[i]);
        }
        let here = group_filter(organisation_id, s.provider_id, s.service_type)
            .add(Expr::col(col("window_kind")).eq(window.kind.as_str()))
            .add(Expr::col(col("window_end")).eq(window.end.to_string()));
        if group.iter().all(|t| t.n == 0) {
            let delete = Query::delete()
                .from_table(table())
                .cond_where(here)
                .to_owned();
            db.execute(builder.build(&delete)).await?;
            continue;
        }
        let mut values: Vec<SimpleExpr> = vec![
            organisation_id.into(),
            s.provider_id.into(),
            s.service_type.as_str().into(),
            window.kind.as_str().into(),
            window.end.to_string().into(),
        ];
        for t in group {
            values.extend([t.n.into(), t.sum.into(), t.sum_sq.into(), t.positive.into()]);
        }
        let upsert = Query::insert()
            .into_table(table())
            .columns(KEY.into_iter().map(col).chain(tally_columns()))
            .values(values)
            .map_err(query_error)?
            .on_conflict(
                OnConflict::columns(KEY.into_iter().map(col))
                    .update_columns(tally_columns())
                    .to_owned(),
            )
            .to_owned();
        db.execute(builder.build(&upsert)).await?;
    }
    Ok(())
}

/// Makes the council's groups again from its service tallies (in the caller's transaction).
pub async fn rebuild(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(col("organisation_id")).eq(organisation_id))
        .to_owned();
    db.execute(backend.build(&delete)).await?;
    let names = tally_names();
    let sums: Vec<String> = names.iter().map(|c| format!("SUM(t.{c})")).collect();
    let mut placeholders = Placeholders::new(backend);
    let sql = format!(
        "INSERT INTO {TABLE} ({}, {}) \
         SELECT t.organisation_id, s.provider_id, s.service_type, t.window_kind, t.window_end, {} \
         FROM score_tallies t JOIN services s ON s.id = t.service_id \
         WHERE t.organisation_id = {} \
         GROUP BY t.organisation_id, s.provider_id, s.service_type, t.window_kind, t.window_end",
        KEY.join(", "),
        names.join(", "),
        sums.join(", "),
        placeholders.placeholder()
    );
    db.execute(Statement::from_sql_and_values(
        backend,
        sql,
        [organisation_id.into()],
    ))
    .await?;
    // Every service counts as changed (a cached disclosure plan is made again in full), and so do
    // its pooled years.
    mark_pooled_changed(db, organisation_id).await?;
    super::mark_changed(db, organisation_id, None).await
}

/// Whether a change to `window` may change what a region pools: a year ending in January to
/// March (a financial year), ended or ending in the quarter `now`. (Ending in `now` too, so that a
/// change committed as the year closes is never missed by a view cached just after.)
pub fn pooled(window: Window, now: Quarter) -> bool {
    window.kind == WindowKind::Year && window.end.number == 1 && window.end <= now
}

/// Marks the council's pooled years changed: other councils' cached regional views of them are
/// made again (`flows::dashboard::region`).
pub async fn mark_pooled_changed(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    organisation::Entity::update_many()
        .col_expr(
            organisation::Column::PooledVersion,
            Expr::col(organisation::Column::PooledVersion).add(1),
        )
        .filter(organisation::Column::Id.eq(organisation_id))
        .exec(db)
        .await?;
    Ok(())
}

fn into_grouped(rows: impl IntoIterator<Item = Row>) -> Grouped {
    rows.into_iter()
        .flat_map(|(_, provider, kind, window, outcomes)| {
            Dimension::ALL
                .into_iter()
                .zip(outcomes)
                .filter(|(_, t)| t.n > 0)
                .map(move |(d, t)| ((provider, kind, d, window), t))
        })
        .collect()
}

/// Every stored group tally of the council.
pub async fn stored(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Grouped, DbErr> {
    Ok(into_grouped(
        read(db, "organisation_id = ?", vec![organisation_id.into()]).await?,
    ))
}

/// The council's group tallies summed afresh from its service tallies (what `stored` must equal).
pub async fn summed(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Grouped, DbErr> {
    let services: HashMap<Uuid, service::Model> =
        crate::store::directory::listing(db, organisation_id)
            .await?
            .into_iter()
            .map(|(s, _)| (s.id, s))
            .collect();
    let mut grouped = Grouped::new();
    for ((service, dimension, window), t) in super::stored(db, organisation_id).await? {
        if let Some(s) = services.get(&service) {
            let cell = grouped
                .entry((s.provider_id, s.service_type, dimension, window))
                .or_default();
            *cell = cell.merge(t);
        }
    }
    grouped.retain(|_, t| t.n > 0);
    Ok(grouped)
}

/// The group rows of these councils for these providers: every window, or one.
pub async fn of_councils(
    db: &impl ConnectionTrait,
    councils: &[OrganisationId],
    providers: &[Uuid],
    window: Option<Window>,
) -> Result<Vec<Row>, DbErr> {
    if councils.is_empty() || providers.is_empty() {
        return Ok(Vec::new());
    }
    let marks = |n: usize| vec!["?"; n].join(", ");
    let mut values: Vec<sea_orm::Value> = councils
        .iter()
        .map(|c| (*c).into())
        .chain(providers.iter().map(|p| (*p).into()))
        .collect();
    let mut filter = format!(
        "organisation_id IN ({}) AND provider_id IN ({})",
        marks(councils.len()),
        marks(providers.len())
    );
    if let Some(w) = window {
        filter.push_str(" AND window_kind = ? AND window_end = ?");
        values.extend([w.kind.as_str().into(), w.end.to_string().into()]);
    }
    read(db, &filter, values).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_financial_year_ended_or_ending_is_pooled() {
        let q = |s: &str| Quarter::parse(s).unwrap();
        let now = q("2026-Q4");
        assert!(pooled(Window::year(q("2026-Q1")), now));
        assert!(pooled(Window::year(q("2019-Q1")), now));
        assert!(!pooled(Window::year(q("2026-Q4")), now), "a rolling year");
        assert!(!pooled(Window::quarter(q("2026-Q1")), now), "a quarter");
        assert!(!pooled(Window::year(q("2027-Q1")), now), "the open year");
        assert!(pooled(Window::year(q("2027-Q1")), q("2027-Q1")), "closing");
    }
}
