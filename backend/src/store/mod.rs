//! Database access: plain functions over `&impl ConnectionTrait` (a pool or a transaction), with
//! no web types. SQLite by default, PostgreSQL when the URL says so.

pub mod account_links;
pub mod aggregates;
pub mod audit;
pub mod backup;
pub mod data_rights;
pub mod dialect;
pub mod directory;
pub mod duty_rota;
pub mod entities;
pub mod feedback;
pub mod invites;
pub mod news;
pub mod organisations;
pub mod outbox;
pub mod provider_accounts;
pub mod provider_replies;
pub mod push_subscriptions;
pub mod refresh_tokens;
pub mod regions;
pub mod responses;
pub mod safeguarding;
pub mod second_factors;
pub mod services;
pub mod sign_in_failures;
pub mod storage_keys;
pub mod tenders;
pub mod token_revocations;
pub mod users;

use crate::config::DatabaseSettings;
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::sqlx::ConnectOptions as _;
use sea_orm::{DatabaseConnection, DbErr, SqlErr, SqlxSqliteConnector};
use std::str::FromStr;
use std::time::Duration;

/// WAL frames after which a committing connection checkpoints by itself. The server checkpoints
/// in the background (`spawn_wal_checkpointer`), so this is only a safety valve: a checkpoint in
/// the commit path holds the one writer for tens of milliseconds (it fsyncs the database file).
const WAL_AUTOCHECKPOINT_PAGES: u32 = 20_000;
/// How often the background checkpointer copies the WAL back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(50);

fn sqlite_options(url: &str) -> anyhow::Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str(url)
        .context("DATABASE_URL is not a valid SQLite URL")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES.to_string())
        .disable_statement_logging())
}

/// Connects (creating a SQLite file and its folder if needed) without migrating.
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    if settings.is_sqlite() {
        let options = sqlite_options(&settings.url)?;
        if let Some(parent) = options.get_filename().parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent).with_context(|| {
                    format!("cannot create the database folder {}", parent.display())
                })?;
            }
        }
        // One writer: SQLite serialises writes anyway, and a single connection means no
        // SQLITE_BUSY from lock upgrades inside transactions.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .context("cannot open the SQLite database")?;
        Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
    } else {
        let mut options = sea_orm::ConnectOptions::new(settings.url.clone());
        options
            .max_connections(settings.max_connections)
            .connect_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        sea_orm::Database::connect(options)
            .await
            .context("cannot connect to the database named by DATABASE_URL")
    }
}

/// On SQLite, checkpoints the WAL from a connection of its own every `CHECKPOINT_EVERY`, so the
/// writer's commits never wait for the database file's fsync. A passive checkpoint takes no lock
/// that writers or readers wait for. Does nothing on PostgreSQL.
pub async fn spawn_wal_checkpointer(settings: &DatabaseSettings) -> anyhow::Result<()> {
    if !settings.is_sqlite() {
        return Ok(());
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(sqlite_options(&settings.url)?)
        .await
        .context("cannot open the SQLite database for checkpoints")?;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // Not a cached prepared statement: one left unreset would hold a read transaction,
            // and a reader on the WAL stops the writer from starting it afresh.
            let done = sea_orm::sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .persistent(false)
                .execute(&pool)
                .await;
            if let Err(err) = done {
                tracing::warn!(error = %err, "WAL checkpoint failed; the next one will retry");
            }
        }
    });
    Ok(())
}

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(
    settings: &DatabaseSettings,
) -> anyhow::Result<DatabaseConnection> {
    let db = connect(settings).await?;
    Migrator::up(&db, None)
        .await
        .context("database migration failed")?;
    Ok(db)
}

pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
