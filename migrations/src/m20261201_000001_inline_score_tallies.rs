//! Faster scores: one aggregate row per service and window with the six outcomes inline (the
//! dashboard reads 200 rows per window instead of 1,200); each submission's quarter stored as an
//! integer with an index over approved answers in "latest answer" order (the recompute reads
//! one row per young person and service instead of one per submission); and a scores version
//! per organisation, bumped in every transaction that changes what the dashboard shows, so an
//! instance may cache the scores and still never serve them stale.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The outcomes, in `shared::Dimension::ALL` order; each has `_n`, `_sum`, `_sum_sq` and
/// `_positive` columns.
const OUTCOMES: [&str; 6] = [
    "safe",
    "nurtured",
    "involved",
    "healthy",
    "achieving",
    "prepared",
];
const PARTS: [&str; 4] = ["n", "sum", "sum_sq", "positive"];

#[derive(DeriveIden)]
enum ScoreTallies {
    Table,
    OrganisationId,
    ServiceId,
    /// "quarter" or "year" (the four quarters ending with `window_end`).
    WindowKind,
    /// A quarter, e.g. "2026-Q4".
    WindowEnd,
}

#[derive(DeriveIden)]
enum Feedback {
    Table,
    Quarter,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    ScoresVersion,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

fn columns() -> impl Iterator<Item = (&'static str, &'static str, String)> {
    OUTCOMES
        .into_iter()
        .flat_map(|o| PARTS.into_iter().map(move |p| (o, p, format!("{o}_{p}"))))
}

/// The backfill's quarter (`year × 4 + quarter − 1`, in UTC), as `Quarter::index` computes it.
fn quarter_of_received_at(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => {
            "EXTRACT(YEAR FROM received_at AT TIME ZONE 'UTC')::integer * 4 \
             + (EXTRACT(MONTH FROM received_at AT TIME ZONE 'UTC')::integer - 1) / 3"
        }
        _ => {
            "CAST(strftime('%Y', received_at) AS INTEGER) * 4 \
             + (CAST(strftime('%m', received_at) AS INTEGER) - 1) / 3"
        }
    }
}

/// Approved answers in the order the "latest answer" rule reads them, with everything the
/// recompute needs (PostgreSQL keeps the answers as included columns).
fn voices_index(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => {
            "CREATE INDEX ix_feedback_approved_voices ON feedback \
             (organisation_id, service_id, author_id, received_at, id) \
             INCLUDE (quarter, safe, nurtured, involved, healthy, achieving, prepared) \
             WHERE status = 'approved'"
        }
        _ => {
            "CREATE INDEX ix_feedback_approved_voices ON feedback \
             (organisation_id, service_id, author_id, received_at, id, \
              quarter, safe, nurtured, involved, healthy, achieving, prepared) \
             WHERE status = 'approved'"
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let mut table = Table::create();
        table
            .table(ScoreTallies::Table)
            .col(
                ColumnDef::new(ScoreTallies::OrganisationId)
                    .uuid()
                    .not_null(),
            )
            .col(ColumnDef::new(ScoreTallies::ServiceId).uuid().not_null())
            .col(
                ColumnDef::new(ScoreTallies::WindowKind)
                    .string_len(8)
                    .not_null(),
            )
            .col(
                ColumnDef::new(ScoreTallies::WindowEnd)
                    .string_len(7)
                    .not_null(),
            );
        for (_, _, name) in columns() {
            table.col(
                ColumnDef::new(Alias::new(name))
                    .big_integer()
                    .not_null()
                    .default(0),
            );
        }
        manager
            .create_table(
                table
                    .primary_key(
                        Index::create()
                            .col(ScoreTallies::ServiceId)
                            .col(ScoreTallies::WindowKind)
                            .col(ScoreTallies::WindowEnd),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tallies_org")
                            .from(ScoreTallies::Table, ScoreTallies::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tallies_service")
                            .from(ScoreTallies::Table, ScoreTallies::ServiceId)
                            .to(Services::Table, Services::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tallies_window")
                    .table(ScoreTallies::Table)
                    .col(ScoreTallies::OrganisationId)
                    .col(ScoreTallies::WindowKind)
                    .col(ScoreTallies::WindowEnd)
                    .to_owned(),
            )
            .await?;
        // Pivot the existing one-row-per-outcome aggregates.
        let names: Vec<String> = columns().map(|(_, _, name)| name).collect();
        let pivots: Vec<String> = columns()
            .map(|(o, p, _)| format!("SUM(CASE WHEN dimension = '{o}' THEN {p} ELSE 0 END)"))
            .collect();
        db.execute_unprepared(&format!(
            "INSERT INTO score_tallies (organisation_id, service_id, window_kind, window_end, {}) \
             SELECT organisation_id, service_id, window_kind, window_end, {} FROM score_aggregates \
             GROUP BY organisation_id, service_id, window_kind, window_end",
            names.join(", "),
            pivots.join(", ")
        ))
        .await?;
        db.execute_unprepared("DROP TABLE score_aggregates").await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .add_column(
                        ColumnDef::new(Feedback::Quarter)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(&format!(
            "UPDATE feedback SET quarter = {}",
            quarter_of_received_at(backend)
        ))
        .await?;
        db.execute_unprepared(voices_index(backend)).await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .add_column(
                        ColumnDef::new(Organisations::ScoresVersion)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        manager
            .alter_table(
                Table::alter()
                    .table(Organisations::Table)
                    .drop_column(Organisations::ScoresVersion)
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared("DROP INDEX ix_feedback_approved_voices")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Feedback::Table)
                    .drop_column(Feedback::Quarter)
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "CREATE TABLE score_aggregates (organisation_id uuid NOT NULL, service_id uuid NOT NULL, \
             dimension varchar(16) NOT NULL, window_kind varchar(8) NOT NULL, window_end varchar(7) NOT NULL, \
             n bigint NOT NULL, sum bigint NOT NULL, sum_sq bigint NOT NULL, positive bigint NOT NULL, \
             PRIMARY KEY (service_id, dimension, window_kind, window_end), \
             CONSTRAINT fk_aggregates_org FOREIGN KEY (organisation_id) REFERENCES organisations (id), \
             CONSTRAINT fk_aggregates_service FOREIGN KEY (service_id) REFERENCES services (id))",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_aggregates_window ON score_aggregates (organisation_id, window_kind, window_end)",
        )
        .await?;
        for outcome in OUTCOMES {
            db.execute_unprepared(&format!(
                "INSERT INTO score_aggregates \
                 SELECT organisation_id, service_id, '{outcome}', window_kind, window_end, \
                 {outcome}_n, {outcome}_sum, {outcome}_sum_sq, {outcome}_positive \
                 FROM score_tallies WHERE {outcome}_n > 0"
            ))
            .await?;
        }
        manager
            .drop_table(Table::drop().table(ScoreTallies::Table).to_owned())
            .await
    }
}
