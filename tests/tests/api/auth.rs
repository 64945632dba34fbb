use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;
use shared::api::{CreatedInvite, InviteInfo, MyService, ServiceSummary, Session, StaffSignInStep};
use shared::{Dimension, ErrorCode, Role};

both_databases! {
    async fn staff_sign_in_accepts_the_right_password_only(app: TestApp) {
        app.load_demo().await;
        // A commissioner has no second factor to give: signed in at once.
        let ok = app.post("/auth/staff/sign-in", &json!({"email": "commissioner@stoke-on-trent.example", "password": "chorus-demo-2026"}), None).await;
        assert_eq!(ok.status(), StatusCode::OK);
        let cookie = ok.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"] {
            assert!(cookie.contains(attribute), "refresh cookie lacks {attribute}: {cookie}");
        }
        let StaffSignInStep::SignedIn { session } = ok.json().await.unwrap() else { panic!("signed in") };
        assert_eq!(session.me.role, Role::Commissioner);

        for (email, password) in [("officer@stoke-on-trent.example", "wrong-password-123"), ("nobody@stoke-on-trent.example", "chorus-demo-2026")] {
            let response = app.post("/auth/staff/sign-in", &json!({"email": email, "password": password}), None).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            assert_eq!(error_body(response).await.error, ErrorCode::WrongCredentials);
        }
    }

    async fn a_young_person_joins_with_an_invite_and_signs_in_with_their_pin(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        let chosen: Vec<_> = services.iter().take(2).map(|s| s.id).collect();
        let invite: CreatedInvite = app
            .post("/invites", &json!({"age_band": "16-17", "service_ids": chosen}), Some(&officer))
            .await
            .json()
            .await
            .unwrap();

        let info: InviteInfo = app.post("/invites/check", &json!({"code": invite.code.to_lowercase()}), None).await.json().await.unwrap();
        assert!(shared::validate::SignInName::parse(&info.suggested_sign_in_name).is_ok());
        let token = app.redeem(&invite.code, &info.suggested_sign_in_name, "270394").await;
        let again = app.sign_in_young_person(&info.suggested_sign_in_name, "270394").await;

        let mine: Vec<MyService> = app.get("/me/services", Some(&again)).await.json().await.unwrap();
        let mut ids: Vec<_> = mine.iter().map(|s| s.id).collect();
        ids.sort();
        let mut expected = chosen.clone();
        expected.sort();
        assert_eq!(ids, expected);
        assert!(mine.iter().all(|s| s.questions.contains(&Dimension::Prepared)), "16-17 is asked about being prepared");
        assert_eq!(app.get("/me", Some(&token)).await.status(), StatusCode::OK);
    }

    async fn bad_invites_and_pins_are_refused_and_nothing_is_half_written(app: TestApp) {
        app.load_demo().await;
        let users_before = app.count("users").await;
        let cases = [
            (json!({"code": "STKE-YP2B", "sign_in_name": "kind-fox-9", "display_name": "Sam", "pin": "12345"}), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidInput),
            (json!({"code": "STKE-YP2B", "sign_in_name": "kind-fox-9", "display_name": "Sam", "pin": "111111"}), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::InvalidInput),
            (json!({"code": "ZZZZ-ZZZZ", "sign_in_name": "kind-fox-9", "display_name": "Sam", "pin": "270394"}), StatusCode::NOT_FOUND, ErrorCode::InviteNotFound),
            (json!({"code": "STKE-YP2B", "sign_in_name": "brave-otter-42", "display_name": "Sam", "pin": "270394"}), StatusCode::CONFLICT, ErrorCode::SignInNameTaken),
            (json!({"code": "STKE-YP2B", "sign_in_name": "kind-fox-9", "display_name": "Sam"}), StatusCode::BAD_REQUEST, ErrorCode::MalformedRequest),
            (json!({"code": 42, "sign_in_name": "kind-fox-9", "display_name": "Sam", "pin": "270394"}), StatusCode::BAD_REQUEST, ErrorCode::MalformedRequest),
        ];
        for (body, status, code) in cases {
            let response = app.post("/invites/redeem", &body, None).await;
            assert_eq!(response.status(), status, "{body}");
            let error = error_body(response).await;
            assert_eq!(error.error, code, "{body}");
        }
        assert_eq!(app.count("users").await, users_before, "no account was half-made");

        // The invite is still usable after all that, once; then it is used up.
        app.redeem("STKE-YP2B", "kind-fox-9", "270394").await;
        let reused = app.post("/invites/redeem", &json!({"code": "STKE-YP2B", "sign_in_name": "kind-fox-10", "display_name": "Sam", "pin": "270394"}), None).await;
        assert_eq!(reused.status(), StatusCode::GONE);
        assert_eq!(error_body(reused).await.error, ErrorCode::InviteUsed);
        assert_eq!(app.count("users").await, users_before + 1);
    }

    async fn malformed_bodies_get_clear_errors(app: TestApp) {
        let truncated = app.client.post(app.url("/auth/staff/sign-in")).header("content-type", "application/json").body("{\"email\":").send().await.unwrap();
        assert_eq!(truncated.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_body(truncated).await.error, ErrorCode::MalformedRequest);
        let wrong_type = app.client.post(app.url("/auth/staff/sign-in")).header("content-type", "text/plain").body("hello").send().await.unwrap();
        assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
        let huge = app.client.post(app.url("/auth/staff/sign-in")).header("content-type", "application/json").body(format!("{{\"email\":\"{}\"}}", "a".repeat(100_000))).send().await.unwrap();
        assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(error_body(huge).await.error, ErrorCode::PayloadTooLarge);
        let unknown = app.get("/no-such-route", None).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_body(unknown).await.error, ErrorCode::NotFound);
    }

    async fn refresh_tokens_rotate_and_a_replay_ends_the_sign_in(app: TestApp) {
        app.load_demo().await;
        let signed_in = app.post("/auth/young-person/sign-in", &json!({"sign_in_name": "brave-otter-42", "pin": "481516"}), None).await;
        let first = cookie_of(&signed_in);
        let refreshed = app.client.post(app.url("/auth/refresh")).header("cookie", &first).send().await.unwrap();
        assert_eq!(refreshed.status(), StatusCode::OK);
        let second = cookie_of(&refreshed);
        assert_ne!(first, second);
        let session: Session = refreshed.json().await.unwrap();
        assert_eq!(app.get("/me", Some(&session.access_token)).await.status(), StatusCode::OK);

        // At once, the same token again: two pages opening together, or an answer lost on a bad
        // connection. The sign-in goes on.
        let again = app.client.post(app.url("/auth/refresh")).header("cookie", &first).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::OK, "a token rotated a moment ago still works");
        let third = cookie_of(&again);
        assert_ne!(third, second);

        // Later, the same token is a replay (a stolen copy): the whole sign-in ends.
        app.db
            .execute_unprepared("UPDATE refresh_tokens SET revoked_at = '2000-01-01 00:00:00+00:00' WHERE revoked_at IS NOT NULL")
            .await
            .unwrap();
        let replay = app.client.post(app.url("/auth/refresh")).header("cookie", &first).send().await.unwrap();
        assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
        for cookie in [&second, &third] {
            let after_replay = app.client.post(app.url("/auth/refresh")).header("cookie", cookie).send().await.unwrap();
            assert_eq!(after_replay.status(), StatusCode::UNAUTHORIZED, "the whole sign-in is revoked after a replay");
        }

        let fresh = app.post("/auth/young-person/sign-in", &json!({"sign_in_name": "brave-otter-42", "pin": "481516"}), None).await;
        let rotated = cookie_of(&fresh);
        let current = app.client.post(app.url("/auth/refresh")).header("cookie", &rotated).send().await.unwrap();
        let cookie = cookie_of(&current);
        let out = app.client.post(app.url("/auth/sign-out")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(out.status(), StatusCode::NO_CONTENT);
        // Signed out is signed out, even for the token rotated a moment before.
        for old in [&cookie, &rotated] {
            let after = app.client.post(app.url("/auth/refresh")).header("cookie", old).send().await.unwrap();
            assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
        }
    }
}

fn cookie_of(response: &reqwest::Response) -> String {
    let header = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    header.split(';').next().unwrap().to_owned()
}

fn forged(payload: serde_json::Value, alg: &str, key: &[u8]) -> String {
    use base64::Engine;
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let header = b64(json!({"alg": alg, "typ": "JWT"}).to_string().as_bytes());
    let body = b64(payload.to_string().as_bytes());
    if alg == "none" {
        return format!("{header}.{body}.");
    }
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{header}.{body}").as_bytes());
    format!("{header}.{body}.{}", b64(&mac.finalize().into_bytes()))
}

both_databases! {
    async fn tokens_that_are_missing_forged_or_edited_are_refused(app: TestApp) {
        app.load_demo().await;
        let token = app.young_person().await;
        let payload: serde_json::Value = {
            use base64::Engine;
            let part = token.split('.').nth(1).unwrap();
            serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
        };
        let mut as_officer = payload.clone();
        as_officer["role"] = json!("participation_officer");
        let edited = {
            let parts: Vec<&str> = token.split('.').collect();
            let forged = forged(as_officer.clone(), "HS256", b"whatever");
            let body = forged.split('.').nth(1).unwrap().to_owned();
            format!("{}.{}.{}", parts[0], body, parts[2])
        };
        let no_token = app.get("/me", None).await;
        assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(no_token.headers().get("www-authenticate").unwrap(), "Bearer");
        for bad in [
            "garbage".to_owned(),
            forged(payload.clone(), "HS256", b"another key entirely"),
            forged(as_officer.clone(), "none", b""),
            edited,
        ] {
            let r = app.get("/moderation/queue", Some(&bad)).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{bad}");
        }
        // The real key with the real role still works, so the refusals above are about the token.
        assert_eq!(app.get("/me", Some(&token)).await.status(), StatusCode::OK);
        assert_eq!(app.get("/me", Some(&forged(payload, "HS256", chorus_tests::JWT_SECRET.as_bytes()))).await.status(), StatusCode::OK);
    }

    async fn every_route_in_the_openapi_document_enforces_its_roles(app: TestApp) {
        app.load_demo().await;
        let young = app.young_person().await;
        let officer = app.officer().await;
        let commissioner = app.commissioner().await;
        let admin = app.admin().await;
        let provider = app.provider().await;
        // An officer's assisted session for the young person: only the child's services and
        // giving feedback let it in.
        let me: serde_json::Value = app.get("/me", Some(&young)).await.json().await.unwrap();
        let opened = app.post(&format!("/young-people/{}/assisted-session", me["id"].as_str().unwrap()), &json!({}), Some(&officer)).await;
        assert_eq!(opened.status(), StatusCode::OK);
        let assisted = opened.json::<serde_json::Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
        // Tokens that must never pass: expired, signed with another key, alg none, role edited.
        let payload: serde_json::Value = {
            use base64::Engine;
            let part = young.split('.').nth(1).unwrap();
            serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
        };
        let mut expired = payload.clone();
        expired["exp"] = json!(chrono::Utc::now().timestamp() - 60);
        let mut as_admin = payload.clone();
        as_admin["role"] = json!("admin");
        let edited = {
            let parts: Vec<&str> = young.split('.').collect();
            let body = forged(as_admin.clone(), "HS256", b"x").split('.').nth(1).unwrap().to_owned();
            format!("{}.{}.{}", parts[0], body, parts[2])
        };
        let bad_tokens = [
            forged(expired, "HS256", chorus_tests::JWT_SECRET.as_bytes()),
            forged(payload.clone(), "HS256", b"another key entirely"),
            forged(as_admin, "none", b""),
            edited,
        ];
        // Routes anyone may call.
        let public = PUBLIC;
        let table = chorus_tests::ROUTE_ROLES;
        let doc: serde_json::Value = app.get("/openapi.json", None).await.json().await.unwrap();
        let mut documented = Vec::new();
        for (path, operations) in doc["paths"].as_object().unwrap() {
            for method in operations.as_object().unwrap().keys() {
                let key = format!("{} {}", method.to_uppercase(), path.trim_start_matches("/api/v1"));
                documented.push(key.clone());
                let in_table = table.iter().any(|(m, p, _)| format!("{m} {p}") == key);
                assert!(in_table || public.contains(&key.as_str()), "{key} is in the OpenAPI document but not in this test's table");
            }
        }
        for (method, template, allowed) in table {
            let key = format!("{method} {template}");
            assert!(documented.contains(&key), "{key} is in the table but not in the OpenAPI document");
            let path = fill_ids(template);
            let send = |token: Option<String>| {
                let app = &app;
                let path = path.clone();
                async move {
                    match *method {
                        "GET" => app.get(&path, token.as_deref()).await,
                        "PUT" => app.put(&path, &json!({}), token.as_deref()).await,
                        _ => app.post(&path, &json!({}), token.as_deref()).await,
                    }
                }
            };
            for (who, token) in [&young, &officer, &commissioner, &admin, &provider].into_iter().enumerate() {
                let status = send(Some(token.clone())).await.status();
                if allowed[who] {
                    assert!(status != StatusCode::FORBIDDEN && status != StatusCode::UNAUTHORIZED, "{key} as role {who}: {status}");
                } else {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{key} as role {who}");
                }
                assert!(!status.is_server_error(), "{key} as role {who}: {status}");
            }
            let status = send(Some(assisted.clone())).await.status();
            if chorus_tests::ASSISTED_ROUTES.contains(&(*method, *template)) {
                assert!(status != StatusCode::FORBIDDEN && status != StatusCode::UNAUTHORIZED, "{key} assisted: {status}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{key} in an assisted session");
            }
            assert_eq!(send(None).await.status(), StatusCode::UNAUTHORIZED, "{key} without a token");
            for bad in &bad_tokens {
                assert_eq!(send(Some(bad.clone())).await.status(), StatusCode::UNAUTHORIZED, "{key} with a bad token {bad}");
            }
        }
    }

    async fn the_openapi_document_lists_every_route_and_responses_carry_security_headers(app: TestApp) {
        let response = app.get("/openapi.json", None).await;
        for header in ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"] {
            assert!(response.headers().contains_key(header), "missing {header}");
        }
        assert!(response.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
        let doc: serde_json::Value = response.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for path in [
            "/api/v1/health", "/api/v1/auth/staff/sign-in", "/api/v1/auth/young-person/sign-in", "/api/v1/auth/refresh",
            "/api/v1/auth/sign-out", "/api/v1/auth/sign-out-everywhere", "/api/v1/invites/check", "/api/v1/invites/redeem", "/api/v1/invites", "/api/v1/me",
            "/api/v1/me/services", "/api/v1/me/feedback", "/api/v1/feedback", "/api/v1/services", "/api/v1/moderation/queue",
            "/api/v1/moderation/feedback/{id}", "/api/v1/moderation/feedback/{id}/approve", "/api/v1/moderation/feedback/{id}/reject",
            "/api/v1/moderation/feedback/{id}/escalate", "/api/v1/safeguarding/alerts", "/api/v1/safeguarding/alerts/{id}/acknowledge",
            "/api/v1/admin/safeguarding-phrases", "/api/v1/responses", "/api/v1/admin/audit/verify", "/api/v1/admin/audit/export",
            "/api/v1/dashboard/scores", "/api/v1/dashboard/services/{id}", "/api/v1/dashboard/kpis", "/api/v1/dashboard/report",
            "/api/v1/dashboard/region", "/api/v1/dashboard/assisted", "/api/v1/admin/regions", "/api/v1/admin/regions/{id}/join", "/api/v1/admin/regions/leave",
        ] {
            assert!(paths.contains_key(path), "OpenAPI lacks {path}");
        }
    }

    async fn demo_data_loads_twice_without_duplicates(app: TestApp) {
        let first = demo::load(&app.db).await.unwrap();
        let counts = (app.count("providers").await, app.count("services").await, app.count("users").await, app.count("feedback").await);
        let panels = (app.count("tenders").await, app.count("bids").await, app.count("tender_questions").await);
        assert_eq!(panels, (1, 3, 3), "one demo tender with three bids and three questions");
        let second = demo::load(&app.db).await.unwrap();
        assert_eq!(counts, (app.count("providers").await, app.count("services").await, app.count("users").await, app.count("feedback").await));
        assert_eq!(panels, (app.count("tenders").await, app.count("bids").await, app.count("tender_questions").await));
        assert_eq!((first.providers, first.services), (second.providers, second.services));
        // Stoke's ~60 services and the six homes its two neighbours in the region use.
        assert!((35..=45).contains(&counts.0) && (61..=71).contains(&counts.1), "{counts:?}");
        assert_eq!((app.count("regions").await, app.count("region_members").await), (1, 3), "the West Midlands: Stoke and two neighbours");
    }
}

/// Routes anyone may call.
const PUBLIC: [&str; 15] = [
    "POST /health",
    "GET /health",
    "GET /health/live",
    "POST /auth/staff/sign-in",
    "POST /auth/staff/second-factor",
    "POST /auth/young-person/sign-in",
    "POST /auth/refresh",
    "POST /auth/sign-out",
    "POST /auth/sign-out-everywhere",
    "POST /auth/password-reset",
    "POST /auth/set-password",
    "POST /auth/pin-reset",
    "POST /invites/check",
    "POST /invites/redeem",
    "GET /openapi.json",
];

/// The route table the server registers from and the web apps call through says what this
/// file's policy (written out by hand, route by route) says: the same routes, each open to the
/// same roles, and the same ones open to anyone.
#[test]
fn the_route_table_is_the_policy_written_here() {
    use shared::routes::{Access, ALL};
    let policy = chorus_tests::ROUTE_ROLES;
    for endpoint in ALL {
        let key = format!("{} {}", endpoint.method.as_str(), endpoint.path);
        match endpoint.access {
            Access::Anyone => assert!(
                PUBLIC.contains(&key.as_str()),
                "{key} is open to anyone in the route table"
            ),
            Access::Roles(_) | Access::Child => {
                let allowed = shared::Role::ALL.map(|r| endpoint.access.roles().contains(&r));
                let assisted = chorus_tests::ASSISTED_ROUTES
                    .iter()
                    .any(|(m, p)| format!("{m} {p}") == key);
                assert_eq!(
                    assisted,
                    endpoint.access == Access::Child,
                    "{key}: an assisted session's access"
                );
                let written = policy.iter().find(|(m, p, _)| format!("{m} {p}") == key);
                assert_eq!(
                    written.map(|(_, _, a)| *a),
                    Some(allowed),
                    "{key} ({})",
                    endpoint.name
                );
            }
        }
    }
    let signed_in = ALL.iter().filter(|e| e.access != Access::Anyone).count();
    assert_eq!(
        signed_in,
        policy.len(),
        "a route of the policy is missing from the route table"
    );
}

/// Fills each `{param}` of a path template with a fresh id (nobody's data).
fn fill_ids(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c + 1)
            .unwrap_or(rest.len());
        out.push_str(&uuid::Uuid::new_v4().to_string());
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

both_databases! {
    async fn another_organisation_s_lists_hold_none_of_its_data(app: TestApp) {
        // Every route that names something by id is walked in isolation.rs; here, the lists.
        app.load_demo().await;
        let young_a = app.young_person().await;
        let service_a = app.first_service(&young_a).await;
        let feedback_a = uuid::Uuid::new_v4();
        let sent = app.post("/feedback", &json!({ "id": feedback_a, "service_id": service_a, "tell_us_more": "Only my organisation may read this" }), Some(&young_a)).await;
        assert_eq!(sent.status(), StatusCode::CREATED);
        let [young_b, officer_b, commissioner_b, _, _] = app.second_organisation().await;
        for (token, path) in [
            (&officer_b, "/moderation/queue"),
            (&officer_b, "/safeguarding/alerts"),
            (&officer_b, "/tenders"),
            (&commissioner_b, "/tenders"),
            (&commissioner_b, "/services"),
            (&young_b, "/panels"),
            (&young_b, "/me/services"),
        ] {
            let list: Vec<serde_json::Value> = app.get(path, Some(token)).await.json().await.unwrap();
            assert!(list.is_empty(), "{path} from another organisation: {list:?}");
        }
        let people: Vec<serde_json::Value> = app.get("/young-people", Some(&officer_b)).await.json().await.unwrap();
        assert_eq!(people.len(), 1, "only B's own young person: {people:?}");
        assert_eq!(people[0]["sign_in_name"], "other-town-1");
        let scores: serde_json::Value = app.get("/dashboard/scores", Some(&commissioner_b)).await.json().await.unwrap();
        assert_eq!(scores["services"], json!([]), "no scores of another organisation's services");
    }
}
