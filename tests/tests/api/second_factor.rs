//! Two-factor sign-in for staff: admins and officers give a code from an authenticator app after
//! their password (setting the app up at their first sign-in), each code works once, wrong codes
//! slow further tries like wrong passwords, recovery codes work once each, and an admin resets a
//! lost phone. Tried from an attacker's side too: a stolen password alone, a challenge used as an
//! access token, a code replayed, a challenge outliving a sign-out everywhere.
use backend::domain::second_factor::{code_at, STEP_SECONDS};
use chorus_tests::{both_databases, error_body, Backend, TestApp};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use shared::api::{
    RecoveryCodes, SecondFactorSignedIn, SecondFactorStatus, StaffMember, StaffSignInStep,
};
use shared::Role;

const OFFICER2: &str = "officer2@stoke-on-trent.example";
const NEWCOMER: &str = "sam.patel@stoke-on-trent.example";

async fn password_step(app: &TestApp, email: &str) -> StaffSignInStep {
    let response = app
        .post(
            "/auth/staff/sign-in",
            &json!({"email": email, "password": demo::STAFF_PASSWORD}),
            None,
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "password step for {email}"
    );
    response.json().await.unwrap()
}

async fn challenge_for(app: &TestApp, email: &str) -> String {
    match password_step(app, email).await {
        StaffSignInStep::Code { challenge } => challenge,
        other => panic!("{email} should be asked for a code: {other:?}"),
    }
}

async fn code_step(app: &TestApp, challenge: &str, code: &str) -> Response {
    app.post(
        "/auth/staff/second-factor",
        &json!({"challenge": challenge, "code": code}),
        None,
    )
    .await
}

async fn refused_as(response: Response, status: StatusCode, reason: &str) {
    assert_eq!(response.status(), status, "expected {reason}");
    assert_eq!(error_body(response).await.reason.as_str(), reason);
}

/// An officer with a password and no authenticator app yet, as `create-admin` or an accepted
/// invitation leaves one.
async fn newcomer(app: &TestApp) {
    let organisation = backend::store::users::find_by_email(&app.db, demo::OFFICER_EMAIL)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    backend::seed::staff(
        &app.db,
        organisation,
        Role::ParticipationOfficer,
        NEWCOMER,
        demo::STAFF_PASSWORD,
        "Sam Patel",
    )
    .await
    .unwrap();
}

fn now_code(secret: &str, offset_steps: i64) -> String {
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = unix.saturating_add_signed(offset_steps * STEP_SECONDS as i64);
    code_at(secret, at).unwrap()
}

async fn audit(app: &TestApp) -> String {
    let admin = app.admin().await;
    app.get("/admin/audit/export", Some(&admin))
        .await
        .text()
        .await
        .unwrap()
}

both_databases! {
    async fn an_officer_signs_in_with_a_code_that_works_once(app: TestApp) {
        app.load_demo().await;
        // The right password alone gives no session, and no cookie.
        let response = app.post("/auth/staff/sign-in", &json!({"email": demo::OFFICER_EMAIL, "password": demo::STAFF_PASSWORD}), None).await;
        assert!(response.headers().get("set-cookie").is_none(), "no refresh cookie before the code");
        let StaffSignInStep::Code { challenge } = response.json().await.unwrap() else { panic!("a code is asked for") };
        // The challenge is not an access token.
        assert_eq!(app.get("/me", Some(&challenge)).await.status(), StatusCode::UNAUTHORIZED);

        refused_as(code_step(&app, &challenge, "12345").await, StatusCode::UNPROCESSABLE_ENTITY, "code_format").await;
        let wrong = format!("{:06}", (now_code(demo::STAFF_AUTHENTICATOR_KEY, 0).parse::<u32>().unwrap() + 500_000) % 1_000_000);
        refused_as(code_step(&app, &challenge, &wrong).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        // A code from an hour ago is refused; one from the app now works, with spaces as typed.
        refused_as(code_step(&app, &challenge, &now_code(demo::STAFF_AUTHENTICATOR_KEY, -120)).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        let code = app.next_code(demo::OFFICER_EMAIL).await;
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        let signed_in = code_step(&app, &challenge, &spaced).await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        let cookie = signed_in.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/api/v1/auth"), "{cookie}");
        let body: SecondFactorSignedIn = signed_in.json().await.unwrap();
        assert!(body.recovery_codes.is_empty(), "recovery codes come only when setting the app up");
        assert_eq!(body.session.me.role, Role::ParticipationOfficer);
        assert_eq!(app.get("/moderation/queue", Some(&body.session.access_token)).await.status(), StatusCode::OK);
        // An access token is not a challenge.
        refused_as(code_step(&app, &body.session.access_token, &app.next_code(demo::OFFICER_EMAIL).await).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;

        // Someone who saw that code (and knows the password) cannot use it again, even at once.
        let again = challenge_for(&app, demo::OFFICER_EMAIL).await;
        refused_as(code_step(&app, &again, &code).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        let status: SecondFactorStatus = app.get("/me/second-factor", Some(&body.session.access_token)).await.json().await.unwrap();
        assert_eq!((status.set_up, status.required), (true, true));
    }

    async fn staff_without_an_app_set_one_up_and_get_recovery_codes_once(app: TestApp) {
        app.load_demo().await;
        newcomer(&app).await;
        let StaffSignInStep::SetUp { challenge, set_up } = password_step(&app, NEWCOMER).await else { panic!("set the app up first") };
        assert!(set_up.uri.starts_with("otpauth://totp/Chorus:sam.patel%40stoke-on-trent.example?"), "{}", set_up.uri);
        assert!(set_up.uri.contains(&format!("secret={}", set_up.secret)));
        assert!(set_up.qr_svg.starts_with("<?xml") || set_up.qr_svg.contains("<svg"), "an SVG");
        // Asked twice before the first code (two tabs): the same secret.
        let StaffSignInStep::SetUp { set_up: twice, .. } = password_step(&app, NEWCOMER).await else { panic!("still setting up") };
        assert_eq!(twice.secret, set_up.secret);
        assert_ne!(set_up.secret, demo::STAFF_AUTHENTICATOR_KEY);
        // Nothing is set up until a code from the app is typed: no recovery codes to use yet.
        refused_as(code_step(&app, &challenge, "BCDFG-HJKMN").await, StatusCode::UNAUTHORIZED, "wrong_code").await;

        let first = code_step(&app, &challenge, &now_code(&set_up.secret, 0)).await;
        assert_eq!(first.status(), StatusCode::OK);
        let body: SecondFactorSignedIn = first.json().await.unwrap();
        assert_eq!(body.recovery_codes.len(), 10);
        let token = body.session.access_token;
        let status: SecondFactorStatus = app.get("/me/second-factor", Some(&token)).await.json().await.unwrap();
        assert_eq!((status.set_up, status.recovery_codes_left), (true, 10));

        // From now on a code is asked for, and the secret is never shown again.
        let challenge = challenge_for(&app, NEWCOMER).await;
        let recovery = &body.recovery_codes[3];
        let with_recovery = code_step(&app, &challenge, &recovery.to_lowercase()).await;
        assert_eq!(with_recovery.status(), StatusCode::OK, "a recovery code, in any case");
        let token: SecondFactorSignedIn = with_recovery.json().await.unwrap();
        let status: SecondFactorStatus = app.get("/me/second-factor", Some(&token.session.access_token)).await.json().await.unwrap();
        assert_eq!(status.recovery_codes_left, 9);
        let challenge = challenge_for(&app, NEWCOMER).await;
        refused_as(code_step(&app, &challenge, recovery).await, StatusCode::UNAUTHORIZED, "wrong_code").await;

        let audit = audit(&app).await;
        for action in ["second_factor_set_up", "recovery_code_used"] {
            assert!(audit.lines().any(|l| l.contains(action)), "{action} audited");
        }
        assert!(!audit.contains(&set_up.secret) && !audit.contains(recovery.as_str()), "no secret in the audit log");
    }

    async fn new_recovery_codes_need_a_code_from_the_app(app: TestApp) {
        app.load_demo().await;
        newcomer(&app).await;
        let StaffSignInStep::SetUp { challenge, set_up } = password_step(&app, NEWCOMER).await else { panic!("set up") };
        let first: SecondFactorSignedIn = code_step(&app, &challenge, &now_code(&set_up.secret, 0)).await.json().await.unwrap();
        let token = first.session.access_token;
        // A stolen access token alone cannot make new codes.
        refused_as(app.post("/me/second-factor/recovery-codes", &json!({"code": "000000"}), Some(&token)).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        refused_as(app.post("/me/second-factor/recovery-codes", &json!({"code": first.recovery_codes[0]}), Some(&token)).await, StatusCode::UNPROCESSABLE_ENTITY, "code_format").await;
        let made = app.post("/me/second-factor/recovery-codes", &json!({"code": now_code(&set_up.secret, 1)}), Some(&token)).await;
        assert_eq!(made.status(), StatusCode::OK);
        let new: RecoveryCodes = made.json().await.unwrap();
        assert_eq!(new.codes.len(), 10);
        assert!(new.codes.iter().all(|c| !first.recovery_codes.contains(c)));
        // The old ones stop working; the new ones work.
        let challenge = challenge_for(&app, NEWCOMER).await;
        refused_as(code_step(&app, &challenge, &first.recovery_codes[0]).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        assert_eq!(code_step(&app, &challenge, &new.codes[0]).await.status(), StatusCode::OK);

        // A commissioner without an app is told to set one up first.
        let commissioner = app.commissioner().await;
        let status: SecondFactorStatus = app.get("/me/second-factor", Some(&commissioner)).await.json().await.unwrap();
        assert_eq!((status.set_up, status.required), (false, false));
        refused_as(app.post("/me/second-factor/recovery-codes", &json!({"code": "123456"}), Some(&commissioner)).await, StatusCode::CONFLICT, "second_factor_not_set_up").await;
        assert!(audit(&app).await.lines().any(|l| l.contains("recovery_codes_replaced")));
    }

    async fn an_admin_resets_a_lost_phone_and_the_old_app_stops_working(app: TestApp) {
        app.load_demo().await;
        let admin = app.admin().await;
        let staff: Vec<StaffMember> = app.get("/admin/staff", Some(&admin)).await.json().await.unwrap();
        let by_email = |email: &str| staff.iter().find(|s| s.email.as_deref() == Some(email)).unwrap().clone();
        assert!(by_email(OFFICER2).second_factor && by_email(demo::ADMIN_EMAIL).second_factor);
        assert!(!by_email(demo::COMMISSIONER_EMAIL).second_factor);
        let officer2 = by_email(OFFICER2).id;

        // Not their own: another admin must.
        let own = app.post(&format!("/admin/staff/{}/second-factor/reset", by_email(demo::ADMIN_EMAIL).id), &json!({}), Some(&admin)).await;
        refused_as(own, StatusCode::CONFLICT, "own_account").await;
        let unknown = app.post(&format!("/admin/staff/{}/second-factor/reset", uuid::Uuid::new_v4()), &json!({}), Some(&admin)).await;
        refused_as(unknown, StatusCode::NOT_FOUND, "staff_not_found").await;

        // A challenge from before the reset is void; so is the old app.
        let before = challenge_for(&app, OFFICER2).await;
        let reset = app.post(&format!("/admin/staff/{officer2}/second-factor/reset"), &json!({}), Some(&admin)).await;
        assert_eq!(reset.status(), StatusCode::NO_CONTENT);
        refused_as(code_step(&app, &before, &app.next_code(OFFICER2).await).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
        let StaffSignInStep::SetUp { challenge, set_up } = password_step(&app, OFFICER2).await else { panic!("a new app to set up") };
        assert_ne!(set_up.secret, demo::STAFF_AUTHENTICATOR_KEY);
        refused_as(code_step(&app, &challenge, &app.next_code(OFFICER2).await).await, StatusCode::UNAUTHORIZED, "wrong_code").await;
        assert_eq!(code_step(&app, &challenge, &now_code(&set_up.secret, 0)).await.status(), StatusCode::OK);
        assert!(audit(&app).await.lines().any(|l| l.contains("second_factor_reset") && l.contains(&format!("user:{officer2}"))));
    }

    async fn signing_out_everywhere_voids_a_challenge_given_before(app: TestApp) {
        app.load_demo().await;
        // Someone has the officer's password and is at the code step.
        let stolen = challenge_for(&app, OFFICER2).await;
        // The officer, signed in elsewhere, signs out everywhere.
        let challenge = challenge_for(&app, OFFICER2).await;
        let mine = code_step(&app, &challenge, &app.next_code(OFFICER2).await).await;
        let cookie = mine.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
        let out = app.client.post(app.url("/auth/sign-out-everywhere")).header("cookie", cookie).send().await.unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        refused_as(code_step(&app, &stolen, &app.next_code(OFFICER2).await).await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
}

/// Wrong codes count as wrong tries for the account's name: after the free ones each further
/// try waits, even with the right password, and a right password in between does not wipe the
/// count (else someone holding the password could guess codes for ever).
async fn wrong_codes_slow_further_tries_like_wrong_passwords(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.rate_limits.sign_in_per_minute = 0).await;
    app.load_demo().await;
    let mut slowed = None;
    for n in 0..12 {
        let step = app
            .post(
                "/auth/staff/sign-in",
                &json!({"email": OFFICER2, "password": demo::STAFF_PASSWORD}),
                None,
            )
            .await;
        if step.status() == StatusCode::TOO_MANY_REQUESTS {
            slowed = Some(n);
            break;
        }
        let StaffSignInStep::Code { challenge } = step.json().await.unwrap() else {
            panic!("code")
        };
        let answer = code_step(&app, &challenge, "000000").await;
        if answer.status() == StatusCode::TOO_MANY_REQUESTS {
            slowed = Some(n);
            break;
        }
        refused_as(answer, StatusCode::UNAUTHORIZED, "wrong_code").await;
    }
    let slowed = slowed.expect("wrong codes slowed the sign-in down");
    assert!(slowed >= 3, "a few free tries first: slowed after {slowed}");
    let retry: Value = app
        .post(
            "/auth/staff/sign-in",
            &json!({"email": OFFICER2, "password": demo::STAFF_PASSWORD}),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(retry["reason"], "too_many_wrong_tries");
}

#[tokio::test]
async fn wrong_codes_slow_further_tries_sqlite() {
    wrong_codes_slow_further_tries_like_wrong_passwords(Backend::Sqlite).await;
}

#[tokio::test]
async fn wrong_codes_slow_further_tries_postgres() {
    wrong_codes_slow_further_tries_like_wrong_passwords(Backend::Postgres).await;
}
