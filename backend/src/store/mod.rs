//! Database access: plain functions over `&impl ConnectionTrait` (a pool or a transaction), with
//! no web types. SQLite by default, PostgreSQL when the URL says so.

pub mod aggregates;
pub mod audit;
pub mod backup;
pub mod data_rights;
pub mod entities;
pub mod feedback;
pub mod invites;
pub mod organisations;
pub mod outbox;
pub mod refresh_tokens;
pub mod responses;
pub mod safeguarding;
pub mod services;
pub mod tenders;
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

/// Connects (creating a SQLite file and its folder if needed) without migrating.
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    if settings.is_sqlite() {
        let options = SqliteConnectOptions::from_str(&settings.url)
            .context("DATABASE_URL is not a valid SQLite URL")?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .disable_statement_logging();
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
