//! Where SQLite and PostgreSQL differ, in one place. Everything else in `store/` is written once
//! through sea-query, or in SQL both accept.

use crate::domain::ids::OrganisationId;
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement};

/// The backend's name, as `/health` reports it.
pub fn name(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Sqlite => "sqlite",
        DatabaseBackend::Postgres => "postgres",
        DatabaseBackend::MySql => "mysql",
    }
}

/// Numbers placeholders as the backend wants them: `$1, $2...` on PostgreSQL, `?` on SQLite.
#[derive(Debug)]
pub struct Placeholders {
    backend: DatabaseBackend,
    n: usize,
}

impl Placeholders {
    pub fn new(backend: DatabaseBackend) -> Self {
        Placeholders { backend, n: 0 }
    }

    /// The next placeholder.
    pub fn placeholder(&mut self) -> String {
        self.n += 1;
        match self.backend {
            DatabaseBackend::Postgres => format!("${}", self.n),
            _ => "?".to_owned(),
        }
    }
}

/// SQL written with `?` placeholders, numbered for the backend.
pub fn numbered(backend: DatabaseBackend, sql: &str) -> String {
    let mut placeholders = Placeholders::new(backend);
    let mut out = String::with_capacity(sql.len() + 8);
    for c in sql.chars() {
        if c == '?' {
            out.push_str(&placeholders.placeholder());
        } else {
            out.push(c);
        }
    }
    out
}

/// A UUID column as text: SQLite keeps a UUID as 16 bytes (written out as hex), PostgreSQL as a
/// `uuid` (written out with dashes). `Uuid::parse_str` reads either.
pub fn uuid_as_text(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("CAST({column} AS TEXT)"),
        _ => format!("hex({column})"),
    }
}

/// What a `SELECT` of rows to lease ends with, so that instances sharing a PostgreSQL database
/// skip each other's rows instead of waiting. SQLite has one writer at a time: nothing to add.
pub fn skip_locked(backend: DatabaseBackend) -> &'static str {
    match backend {
        DatabaseBackend::Postgres => "FOR UPDATE SKIP LOCKED",
        _ => "",
    }
}

/// Holds the organisation's lock until the transaction ends, so that two instances append to
/// one chain (the audit log) one after the other. SQLite's single writer already does.
pub async fn lock_organisation(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<(), DbErr> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let bytes = organisation_id.uuid();
    let key = i64::from_be_bytes(bytes.as_bytes()[..8].try_into().unwrap_or([0; 8]));
    db.execute(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1)",
        [key.into()],
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        let sql = "SELECT a FROM t WHERE b = ? AND c IN (?, ?)";
        assert_eq!(
            numbered(DatabaseBackend::Postgres, sql),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"
        );
        assert_eq!(numbered(DatabaseBackend::Sqlite, sql), sql);
    }
}
