//! The audit log becomes tamper-evident against someone with database access: its chain is keyed
//! from here on (the last unkeyed entry of each organisation is recorded in `audit_legacy_heads`),
//! signed checkpoints of its head are kept in their own table, and triggers refuse UPDATE and
//! DELETE (and TRUNCATE on PostgreSQL) of audit rows, checkpoints and legacy heads.
//!
//! `down` removes the triggers but keeps both tables: the checkpoints are evidence, and the legacy
//! heads say which entries are unkeyed. Recording them again on a later `up` would mark entries
//! written under the key as unkeyed, so `up` records them only when it creates the table.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditCheckpoints {
    Table,
    OrganisationId,
    Seq,
    Hash,
    At,
    Signature,
}

#[derive(DeriveIden)]
enum AuditLegacyHeads {
    Table,
    OrganisationId,
    Seq,
}

/// (table, operations refused) for the triggers.
const GUARDED: [(&str, &[&str]); 3] = [
    ("audit_log", &["UPDATE", "DELETE"]),
    ("audit_checkpoints", &["UPDATE", "DELETE"]),
    ("audit_legacy_heads", &["INSERT", "UPDATE", "DELETE"]),
];

fn trigger_name(table: &str, operation: &str) -> String {
    format!("{table}_no_{}", operation.to_lowercase())
}

/// The statements that create the triggers on this backend.
fn create_triggers(backend: DatabaseBackend) -> Vec<String> {
    let mut statements = Vec::new();
    if backend == DatabaseBackend::Postgres {
        statements.push(
            "CREATE FUNCTION chorus_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, \
             TG_TABLE_NAME; END $$"
                .to_owned(),
        );
    }
    for (table, operations) in GUARDED {
        for operation in operations {
            let name = trigger_name(table, operation);
            statements.push(match backend {
                DatabaseBackend::Postgres => format!(
                    "CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW \
                     EXECUTE FUNCTION chorus_refuse_audit_change()"
                ),
                _ => format!(
                    "CREATE TRIGGER {name} BEFORE {operation} ON {table} BEGIN SELECT \
                     RAISE(ABORT, 'the audit log is append-only: {operation} on {table} is \
                     refused'); END"
                ),
            });
        }
        if backend == DatabaseBackend::Postgres {
            statements.push(format!(
                "CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH \
                 STATEMENT EXECUTE FUNCTION chorus_refuse_audit_change()"
            ));
        }
    }
    statements
}

fn drop_triggers(backend: DatabaseBackend) -> Vec<String> {
    let mut statements = Vec::new();
    for (table, operations) in GUARDED {
        for operation in operations {
            let name = trigger_name(table, operation);
            statements.push(match backend {
                DatabaseBackend::Postgres => format!("DROP TRIGGER IF EXISTS {name} ON {table}"),
                _ => format!("DROP TRIGGER IF EXISTS {name}"),
            });
        }
        if backend == DatabaseBackend::Postgres {
            statements.push(format!(
                "DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"
            ));
        }
    }
    if backend == DatabaseBackend::Postgres {
        statements.push("DROP FUNCTION IF EXISTS chorus_refuse_audit_change()".to_owned());
    }
    statements
}

fn org_fk(table: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, Alias::new("organisation_id"))
        .to(Organisations::Table, Organisations::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let keyed_before = manager.has_table("audit_legacy_heads").await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditCheckpoints::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(AuditCheckpoints::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::Seq)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::Hash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::At)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AuditCheckpoints::Signature)
                            .string_len(128)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(AuditCheckpoints::OrganisationId)
                            .col(AuditCheckpoints::Seq),
                    )
                    .foreign_key(&mut org_fk(
                        AuditCheckpoints::Table,
                        "fk_audit_checkpoint_org",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLegacyHeads::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(AuditLegacyHeads::OrganisationId)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AuditLegacyHeads::Seq)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(&mut org_fk(AuditLegacyHeads::Table, "fk_audit_legacy_org"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        if !keyed_before {
            // Every entry already written carries the unkeyed hash; the keyed chain continues after.
            db.execute_unprepared(
                "INSERT INTO audit_legacy_heads (organisation_id, seq) \
                 SELECT organisation_id, MAX(seq) FROM audit_log GROUP BY organisation_id",
            )
            .await?;
        }
        for statement in create_triggers(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for statement in drop_triggers(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }
}
