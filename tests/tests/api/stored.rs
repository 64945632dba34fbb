//! Statuses and kinds are enums in the database layer: a word no version of Chorus writes is an
//! error when read, never quietly taken for a default (a tender "archived" by hand must not
//! show as a draft, a young person's unknown band must not become 12-15).

use chorus_tests::{both_databases, TestApp};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};

async fn execute(app: &TestApp, sql: &str) {
    app.db
        .execute(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap();
}

both_databases! {
    async fn an_unknown_status_in_the_database_is_an_error_not_a_default(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let listed = app.get("/tenders", Some(&commissioner)).await;
        assert_eq!(listed.status(), StatusCode::OK);
        execute(&app, "UPDATE tenders SET status = 'archived'").await;
        let listed = app.get("/tenders", Some(&commissioner)).await;
        assert_eq!(listed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = listed.text().await.unwrap();
        assert!(!body.contains("draft"), "{body}");

        let young = app.young_person().await;
        assert_eq!(app.get("/me/services", Some(&young)).await.status(), StatusCode::OK);
        execute(&app, "UPDATE users SET age_band = '5-7' WHERE role = 'young_person'").await;
        assert_eq!(app.get("/me/services", Some(&young)).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
