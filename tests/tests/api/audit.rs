//! The audit log against an attacker with database access (DESIGN.md §4): the database refuses
//! updates and deletes of its rows; past those triggers (dropped here as such an attacker would),
//! an edited entry, a deleted middle entry, a truncated tail, an emptied log and a chain
//! recomputed without the key are each detected by the admin's verification.

use backend::domain::audit::{unkeyed_entry_hash, EntryContent, GENESIS};
use backend::domain::ids::OrganisationId;
use backend::store::entities::audit_entry;
use chorus_tests::{both_databases, Backend, TestApp};
use migration::MigratorTrait;
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, Statement};
use serde_json::json;
use shared::api::AuditVerification;
use std::time::Duration;

/// Loads the demo organisation and records `entries` more audit entries (safeguarding phrase
/// changes); when `checkpointed`, signs a checkpoint of the head as the background job would.
/// Returns the newest entry's seq.
async fn audited(app: &TestApp, entries: usize, checkpointed: bool) -> i64 {
    app.load_demo().await;
    let before = verify(app).await.entries;
    let admin = app.admin().await;
    for i in 0..entries {
        let body = json!({ "phrases": [format!("hurt me {i}")] });
        let r = app
            .put("/admin/safeguarding-phrases", &body, Some(&admin))
            .await;
        assert_eq!(r.status(), reqwest::StatusCode::OK);
    }
    if checkpointed {
        assert_eq!(
            backend::store::audit::checkpoint_all(&app.db)
                .await
                .unwrap(),
            1
        );
    }
    let v = verify(app).await;
    assert!(v.intact && v.entries == before + entries as u64, "{v:?}");
    v.entries as i64
}

async fn scalar(app: &TestApp, sql: &str) -> Option<i64> {
    let row = app
        .db
        .query_one(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<Option<i64>>("", "n").unwrap()
}

async fn wait_for_checkpoint(app: &TestApp, seq: i64) {
    for _ in 0..100 {
        if scalar(app, "SELECT MAX(seq) AS n FROM audit_checkpoints").await == Some(seq) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no checkpoint of entry {seq} was signed");
}

async fn verify(app: &TestApp) -> AuditVerification {
    let admin = app.admin().await;
    let r = app.get("/admin/audit/verify", Some(&admin)).await;
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    r.json().await.unwrap()
}

fn trigger_sql(backend: Backend, table: &str, operation: &str) -> String {
    let name = format!("{table}_no_{operation}");
    match backend {
        Backend::Sqlite => format!("DROP TRIGGER {name}"),
        Backend::Postgres => format!("DROP TRIGGER {name} ON {table}"),
    }
}

/// What an attacker with database access does first.
async fn drop_trigger(app: &TestApp, operation: &str) {
    let sql = trigger_sql(app.backend, "audit_log", operation);
    app.db.execute_unprepared(&sql).await.unwrap();
}

async fn assert_broken(app: &TestApp, expected: &str) {
    let v = verify(app).await;
    assert!(!v.intact, "{v:?}");
    let problem = v.problem.unwrap_or_default();
    assert!(problem.contains(expected), "{problem}");
}

async fn entries(app: &TestApp) -> Vec<audit_entry::Model> {
    let org: OrganisationId = demo_organisation(app).await;
    backend::store::audit::all_for_organisation(&app.db, org)
        .await
        .unwrap()
}

async fn demo_organisation(app: &TestApp) -> OrganisationId {
    backend::store::organisations::find_by_slug(&app.db, demo::ORGANISATION_SLUG)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The entry's hash as it was before the chain was keyed (plain SHA-256, no key needed).
fn unkeyed(prev_hash: &str, row: &audit_entry::Model) -> String {
    let org = row.organisation_id.to_string();
    let content = EntryContent {
        seq: row.seq,
        organisation_id: &org,
        at: &row.at,
        actor_id: &row.actor_id,
        action: &row.action,
        subject: &row.subject,
        details: &row.details,
    };
    unkeyed_entry_hash(prev_hash, &content)
}

/// Rewrites entries from `from` on with the published, unkeyed hash, as an attacker without the
/// key would to make an edit look consistent.
async fn recompute_unkeyed(app: &TestApp, rows: Vec<audit_entry::Model>, from: i64) {
    let mut prev = GENESIS.to_owned();
    for row in rows {
        if row.seq >= from {
            let hash = unkeyed(&prev, &row);
            let mut active = row.clone().into_active_model();
            active.prev_hash = Set(prev.clone());
            active.hash = Set(hash.clone());
            active.details = Set(row.details.clone());
            active.reset_all().update(&app.db).await.unwrap();
            prev = hash;
        } else {
            prev = row.hash;
        }
    }
}

both_databases! {
    async fn the_database_refuses_to_change_or_delete_audit_rows(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        app.put("/admin/safeguarding-phrases", &json!({"phrases": ["hurt me"]}), Some(&admin)).await;
        assert_eq!(backend::store::audit::checkpoint_all(&app.db).await.unwrap(), 1);
        let refused = [
            "UPDATE audit_log SET details = '{}'",
            "DELETE FROM audit_log",
            "DELETE FROM audit_checkpoints",
            "UPDATE audit_checkpoints SET hash = ''",
            "INSERT INTO audit_legacy_heads (organisation_id, seq) SELECT organisation_id, 1 FROM audit_checkpoints",
        ];
        for sql in refused {
            let error = app.db.execute_unprepared(sql).await.unwrap_err();
            assert!(error.to_string().contains("append-only"), "{sql}: {error}");
        }
        if app.backend == Backend::Postgres {
            let error = app.db.execute_unprepared("TRUNCATE audit_log").await.unwrap_err();
            assert!(error.to_string().contains("append-only"), "{error}");
        }
        let v = verify(&app).await;
        assert!(v.intact && v.entries > 1, "{v:?}");
    }

    async fn an_edited_entry_is_detected(app: TestApp) {
        let last = audited(&app, 3, true).await;
        drop_trigger(&app, "update").await;
        let sql = format!("UPDATE audit_log SET details = '{{\"count\":9}}' WHERE seq = {}", last - 1);
        app.db.execute_unprepared(&sql).await.unwrap();
        assert_broken(&app, &format!("entry {} was changed", last - 1)).await;
    }

    async fn a_deleted_middle_entry_is_detected(app: TestApp) {
        let last = audited(&app, 3, true).await;
        drop_trigger(&app, "delete").await;
        let sql = format!("DELETE FROM audit_log WHERE seq = {}", last - 1);
        app.db.execute_unprepared(&sql).await.unwrap();
        assert_broken(&app, &format!("entry {last} does not follow")).await;
    }

    async fn a_truncated_tail_is_detected(app: TestApp) {
        let last = audited(&app, 4, true).await;
        drop_trigger(&app, "delete").await;
        let sql = format!("DELETE FROM audit_log WHERE seq >= {}", last - 1);
        app.db.execute_unprepared(&sql).await.unwrap();
        let expected = format!("the log ends at entry {} but a signed checkpoint saw entry {last}", last - 2);
        assert_broken(&app, &expected).await;
    }

    async fn an_emptied_log_is_detected(app: TestApp) {
        let last = audited(&app, 2, true).await;
        drop_trigger(&app, "delete").await;
        app.db.execute_unprepared("DELETE FROM audit_log").await.unwrap();
        assert_broken(&app, &format!("the log is empty but a signed checkpoint saw {last} entries")).await;
    }

    async fn a_chain_recomputed_without_the_key_is_detected(app: TestApp) {
        let last = audited(&app, 4, false).await;
        drop_trigger(&app, "update").await;
        let edited = last - 2;
        let mut rows = entries(&app).await;
        rows[edited as usize - 1].details = json!({ "count": 9 }).to_string();
        recompute_unkeyed(&app, rows, edited).await;
        // The attacker's chain links up: every prev_hash is the hash before it.
        let rows = entries(&app).await;
        assert!(rows.windows(2).all(|w| w[1].prev_hash == w[0].hash));
        assert_eq!(rows[edited as usize - 1].details, json!({ "count": 9 }).to_string());
        assert_broken(&app, &format!("entry {edited} was changed")).await;
    }

    async fn a_forged_checkpoint_is_detected(app: TestApp) {
        audited(&app, 2, true).await;
        let sql = trigger_sql(app.backend, "audit_checkpoints", "update");
        app.db.execute_unprepared(&sql).await.unwrap();
        app.db.execute_unprepared("UPDATE audit_checkpoints SET seq = seq - 1").await.unwrap();
        assert_broken(&app, "does not carry a valid signature").await;
    }
}

/// Two instances run the checkpoint job on one database: each head is signed once, the export
/// carries the checkpoints and the public key that checks them.
async fn checkpoints_are_signed_in_the_background(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.audit.checkpoint_seconds = 1).await;
    // The demo's many writes go in before a second instance starts its own checkpoint job: on
    // SQLite a transaction that reads and then writes fails at once (SQLITE_BUSY, no waiting)
    // when another connection has written in between, and this test is about checkpoints.
    app.load_demo().await;
    let _beside = app.spawn_beside().await;
    let last = audited(&app, 3, false).await;
    wait_for_checkpoint(&app, last).await;
    let admin = app.admin().await;
    app.put(
        "/admin/safeguarding-phrases",
        &json!({"phrases": ["one more"]}),
        Some(&admin),
    )
    .await;
    wait_for_checkpoint(&app, last + 1).await;
    // Both instances have run the job since: still one checkpoint per head.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let count = format!(
        "SELECT COUNT(*) AS n FROM audit_checkpoints WHERE seq = {}",
        last + 1
    );
    assert_eq!(scalar(&app, &count).await, Some(1));
    let csv = app
        .get("/admin/audit/export", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("seq,organisation_id,at,actor_id,action"),
        "{csv}"
    );
    assert!(csv.contains("signed with Ed25519 public key"), "{csv}");
    let line = format!("# checkpoint,{},", last + 1);
    assert!(csv.lines().any(|l| l.starts_with(&line)), "{csv}");
    let v = verify(&app).await;
    assert!(v.intact && v.entries == last as u64 + 1, "{v:?}");
}

#[tokio::test]
async fn checkpoints_are_signed_in_the_background_sqlite() {
    checkpoints_are_signed_in_the_background(Backend::Sqlite).await
}

#[tokio::test]
async fn checkpoints_are_signed_in_the_background_postgres() {
    checkpoints_are_signed_in_the_background(Backend::Postgres).await
}

/// Migrations from the one that keyed the chain (inclusive) to the newest.
fn steps_since_keying() -> u32 {
    let names: Vec<String> = migration::Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let keyed = names
        .iter()
        .position(|n| n == "m20261203_000010_audit_append_only")
        .unwrap();
    (names.len() - keyed) as u32
}

async fn verify_directly(app: &TestApp, org: OrganisationId) -> (u64, Result<(), String>) {
    let v = backend::store::audit::verify_organisation(&app.db, org)
        .await
        .unwrap();
    (v.entries, v.outcome.map_err(|e| e.to_string()))
}

both_databases! {
    async fn entries_written_before_the_chain_was_keyed_still_verify(app: TestApp) {
        let org = backend::store::organisations::ensure(&app.db, "older", "An Older Council", None).await.unwrap().id;
        migration::Migrator::down(&app.db, Some(steps_since_keying())).await.unwrap();
        // The schema as it was before: `down` keeps these tables (they are evidence), older
        // databases never had them.
        for table in ["audit_legacy_heads", "audit_checkpoints"] {
            app.db.execute_unprepared(&format!("DROP TABLE {table}")).await.unwrap();
        }
        // Two entries as the server wrote them before: plain SHA-256.
        let mut prev = GENESIS.to_owned();
        for seq in 1..=2 {
            let mut row = audit_entry::Model {
                organisation_id: org,
                seq,
                at: "2026-11-30T10:00:00.000000Z".into(),
                actor_id: "system".into(),
                action: "free_text_anonymised".into(),
                subject: "organisation".into(),
                details: "{}".into(),
                prev_hash: prev.clone(),
                hash: String::new(),
            };
            row.hash = unkeyed(&prev, &row);
            prev = row.hash.clone();
            use sea_orm::EntityTrait;
            audit_entry::Entity::insert(row.into_active_model().reset_all()).exec_without_returning(&app.db).await.unwrap();
        }
        migration::Migrator::up(&app.db, None).await.unwrap();
        assert_eq!(scalar(&app, "SELECT MAX(seq) AS n FROM audit_legacy_heads").await, Some(2));
        assert_eq!(verify_directly(&app, org).await, (2, Ok(())));
        // New entries continue the chain, keyed, and the whole verifies.
        let event = backend::store::audit::Event {
            organisation_id: org,
            actor_id: None,
            action: "free_text_anonymised",
            subject: "organisation".into(),
            details: json!({}),
        };
        let third = backend::store::audit::append(&app.db, event).await.unwrap();
        assert_eq!((third.seq, third.prev_hash.as_str()), (3, prev.as_str()));
        assert_eq!(verify_directly(&app, org).await, (3, Ok(())));
        assert_ne!(third.hash, unkeyed(&third.prev_hash, &third), "the new entry is keyed");
        // Migrating down and up again keeps the record: the keyed entry is not taken for an old one.
        migration::Migrator::down(&app.db, Some(steps_since_keying())).await.unwrap();
        migration::Migrator::up(&app.db, None).await.unwrap();
        assert_eq!(verify_directly(&app, org).await, (3, Ok(())));
        // The legacy heads are fixed once recorded.
        let error = app.db.execute_unprepared("UPDATE audit_legacy_heads SET seq = 3").await.unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
}
