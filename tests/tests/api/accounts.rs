//! An admin switches a staff account off and on again: while off it cannot sign in (a 403 in
//! words, after the right password only) and every sign-in it had ends at once; nobody else can
//! do it, an admin cannot switch themself off, and each change is audited.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::api::{StaffMember, StaffSignInStep};
use uuid::Uuid;

const OFFICER2: &str = "officer2@stoke-on-trent.example";

async fn staff(app: &TestApp, admin: &str) -> Vec<StaffMember> {
    app.get("/admin/staff", Some(admin))
        .await
        .json()
        .await
        .unwrap()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post(
        "/auth/staff/sign-in",
        &json!({"email": email, "password": password}),
        None,
    )
    .await
}

both_databases! {
    async fn a_switched_off_account_cannot_sign_in_and_its_sessions_end_at_once(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let listed = staff(&app, &admin).await;
        assert!(listed.iter().all(|s| s.role != shared::Role::YoungPerson && s.active));
        assert_eq!(listed.len(), 5, "two officers, a commissioner, the admin and a provider's manager: {listed:?}");
        let providers: Vec<_> = listed.iter().filter(|s| s.role == shared::Role::Provider).collect();
        assert!(providers.len() == 1 && providers[0].provider_id.is_some(), "{providers:?}");
        let officer = listed.iter().find(|s| s.email.as_deref() == Some(OFFICER2)).unwrap().id;

        // Signed in (password, then a code), with a refresh cookie.
        let step = sign_in(&app, OFFICER2, demo::STAFF_PASSWORD).await;
        assert_eq!(step.status(), StatusCode::OK);
        let StaffSignInStep::Code { challenge } = step.json().await.unwrap() else { panic!("an officer is asked for a code") };
        let code = app.next_code(OFFICER2).await;
        let session = app.post("/auth/staff/second-factor", &json!({"challenge": challenge, "code": code}), None).await;
        assert_eq!(session.status(), StatusCode::OK);
        let cookie = session.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
        let token = session.json::<Value>().await.unwrap()["session"]["access_token"].as_str().unwrap().to_owned();
        assert_eq!(app.get("/moderation/queue", Some(&token)).await.status(), StatusCode::OK);

        let off = app.post(&format!("/admin/staff/{officer}/deactivate"), &json!({}), Some(&admin)).await;
        assert_eq!(off.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get("/moderation/queue", Some(&token)).await.status(), StatusCode::UNAUTHORIZED, "the access token ends at once");
        let refreshed = app.client.post(app.url("/auth/refresh")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(refreshed.status(), StatusCode::UNAUTHORIZED, "and the refresh cookie with it");
        let refused = sign_in(&app, OFFICER2, demo::STAFF_PASSWORD).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let body = error_body(refused).await;
        assert_eq!(body.reason.as_str(), "account_deactivated");
        assert!(body.message.contains("switched off"), "{}", body.message);
        // A wrong password says nothing about the account being off.
        assert_eq!(sign_in(&app, OFFICER2, "not the password").await.status(), StatusCode::UNAUTHORIZED);
        assert!(!staff(&app, &admin).await.iter().find(|s| s.id == officer).unwrap().active);

        let on = app.post(&format!("/admin/staff/{officer}/reactivate"), &json!({}), Some(&admin)).await;
        assert_eq!(on.status(), StatusCode::NO_CONTENT);
        assert_eq!(sign_in(&app, OFFICER2, demo::STAFF_PASSWORD).await.status(), StatusCode::OK);

        let audit = app.get("/admin/audit/export", Some(&admin)).await.text().await.unwrap();
        for action in ["staff_deactivated", "staff_reactivated"] {
            assert!(audit.lines().any(|l| l.contains(action) && l.contains(&format!("user:{officer}"))), "{action} audited");
        }
    }

    async fn only_an_admin_switches_accounts_and_never_their_own(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let me: Value = app.get("/me", Some(&admin)).await.json().await.unwrap();
        let own = app.post(&format!("/admin/staff/{}/deactivate", me["id"].as_str().unwrap()), &json!({}), Some(&admin)).await;
        assert_eq!(own.status(), StatusCode::CONFLICT);
        assert_eq!(error_body(own).await.reason.as_str(), "own_account");

        let officer = app.officer().await;
        let listed = staff(&app, &admin).await;
        let target = listed.iter().find(|s| s.email.as_deref() == Some(OFFICER2)).unwrap().id;
        for token in [officer.clone(), app.commissioner().await, app.young_person().await] {
            let tried = app.post(&format!("/admin/staff/{target}/deactivate"), &json!({}), Some(&token)).await;
            assert_eq!(tried.status(), StatusCode::FORBIDDEN);
        }
        let unknown = app.post(&format!("/admin/staff/{}/deactivate", Uuid::new_v4()), &json!({}), Some(&admin)).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        // A young person is not a member of staff: not switched off here.
        let young: Value = app.get("/me", Some(&app.young_person().await)).await.json().await.unwrap();
        let not_staff = app.post(&format!("/admin/staff/{}/deactivate", young["id"].as_str().unwrap()), &json!({}), Some(&admin)).await;
        assert_eq!(not_staff.status(), StatusCode::NOT_FOUND);
        assert!(staff(&app, &admin).await.iter().all(|s| s.active), "nothing was switched off");
    }
}
