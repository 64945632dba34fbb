//! Backups of the embedded SQLite database while Chorus runs: `VACUUM INTO` writes a consistent
//! snapshot (one read transaction) to a new file without stopping writers for long. On
//! PostgreSQL, use `pg_dump`, which does the same.

use anyhow::{bail, Context};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use std::path::Path;
use std::time::Instant;

/// Writes a snapshot of the SQLite database to `to` (which must not exist); returns the seconds taken.
pub async fn sqlite_snapshot(db: &DatabaseConnection, to: &Path) -> anyhow::Result<f64> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        bail!("backup copies the SQLite database; for PostgreSQL use pg_dump");
    }
    if to.exists() {
        bail!(
            "{} exists already; choose a new file so no backup is overwritten",
            to.display()
        );
    }
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let started = Instant::now();
    db.execute(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "VACUUM INTO ?",
        [to.to_string_lossy().into_owned().into()],
    ))
    .await
    .context("the backup could not be written")?;
    Ok(started.elapsed().as_secs_f64())
}
