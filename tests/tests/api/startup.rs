//! What the server refuses to start with. On PostgreSQL several instances share the database, so
//! each must sign sign-ins with the same configured key: a key made up per process would sign
//! tokens the other instances refuse. On SQLite (one instance) a made-up key is fine.

use backend::startup::Application;
use chorus_tests::{Backend, TestApp};

async fn builds_without_a_signing_key(backend: Backend) -> Result<(), String> {
    let app = TestApp::spawn(backend).await;
    let mut settings = app.settings();
    settings.auth.jwt_secret = None;
    Application::build(settings)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn on_postgresql_the_server_will_not_start_without_a_signing_key() {
    let refused = builds_without_a_signing_key(Backend::Postgres).await;
    let message = refused.expect_err("refused to start");
    assert!(message.contains("CHORUS_AUTH__JWT_SECRET"), "{message}");
}

#[tokio::test]
async fn on_sqlite_one_instance_may_make_its_own_key() {
    assert_eq!(builds_without_a_signing_key(Backend::Sqlite).await, Ok(()));
}
