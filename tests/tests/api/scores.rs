use backend::domain::ids::OrganisationId;
use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{ModerationItem, ScoresReport};
use uuid::Uuid;

both_databases! {
    async fn maintained_aggregates_equal_a_full_recompute_after_random_moderation(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let mut tokens = vec![app.young_person().await];
        for (i, code) in ["STKE-YP2E", "STKE-YP2F", "STKE-YP2G"].iter().enumerate() {
            tokens.push(app.redeem(code, &format!("tidy-seal-{}", i + 2), "270394").await);
        }
        // A fixed pseudo-random sequence: submissions, approvals, rejections and re-moderations.
        let mut state: u64 = 0x2026_1124;
        let mut next = move |n: u64| { state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (state >> 33) % n };
        let mut ids = Vec::new();
        for _ in 0..24 {
            let token = &tokens[next(tokens.len() as u64) as usize];
            let services: Vec<shared::api::MyService> = app.get("/me/services", Some(token)).await.json().await.unwrap();
            let service = services[next(services.len() as u64) as usize].id;
            let id = Uuid::new_v4();
            let face = |n: u64| n + 2;
            let r = app.post("/feedback", &json!({"id": id, "service_id": service, "answers": {"safe": face(next(4)), "involved": face(next(4))}}), Some(token)).await;
            assert_eq!(r.status(), StatusCode::CREATED);
            ids.push(id);
        }
        let commissioner = app.commissioner().await;
        for round in 0..40 {
            let id = ids[next(ids.len() as u64) as usize];
            let path = if next(3) == 0 { format!("/moderation/feedback/{id}/reject") } else { format!("/moderation/feedback/{id}/approve") };
            let body = if path.ends_with("reject") { json!({"reason": "duplicate"}) } else { json!({}) };
            assert_eq!(app.post(&path, &body, Some(&officer)).await.status(), StatusCode::NO_CONTENT);
            if round % 4 == 0 {
                // Reports (and so disclosure plans) cached along the way, brought up to date after.
                every_report(&app, &commissioner).await;
            }
        }
        let outcome = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(outcome.differences, 0);
        assert!(outcome.tallies > 0);
        // What this instance shows after catching up change by change is what a fresh one shows.
        let fresh = app.spawn_beside().await;
        assert_eq!(every_report(&app, &commissioner).await, every_report(&fresh, &commissioner).await);
    }

    async fn suppressed_scores_carry_no_numbers_and_one_voice_counts_once(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let report: ScoresReport = app.get("/dashboard/scores", Some(&commissioner)).await.json().await.unwrap();
        let raw = serde_json::to_value(&report).unwrap();
        let mut suppressed = 0;
        for service in raw["services"].as_array().unwrap() {
            for d in service["dimensions"].as_array().unwrap() {
                if d["state"] == "suppressed" {
                    suppressed += 1;
                    let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
                    assert_eq!(keys.len(), 2, "a suppressed score has only its outcome and state: {d}");
                } else {
                    assert!(d["n"].as_i64().unwrap() >= report.min_cohort);
                }
            }
        }
        assert!(suppressed > 0, "the demo has quiet services");
        let attention: Vec<&str> = report.services.iter().filter(|s| !s.needs_attention.is_empty()).map(|s| s.service_name.as_str()).collect();
        // The demo's poor services are flagged, unless disclosure control withholds some of
        // their scores (the demo's current quarter moves with the clock, and with it which
        // 12-month scores would reveal a hidden quarter).
        for name in ["Foxglove View", "Fresh Start Centre", "Next Chapter Longton"] {
            let service = report.services.iter().find(|s| s.service_name == name).unwrap();
            let withheld = service.dimensions.iter().any(|d| d.state == "suppressed");
            assert!(attention.contains(&name) || withheld, "{name}: {attention:?}");
        }
        assert!(attention.contains(&"Next Chapter Longton"), "{attention:?}");

        // One young person sending the same view many times stays one voice.
        let token = app.young_person().await;
        let service = app.first_service(&token).await;
        let officer = app.officer().await;
        // Counted in the stored aggregates: the dashboard may withhold this score (secondary
        // suppression), which `disclosure.rs` tests.
        let n_before = stored_n(&app, service).await;
        for _ in 0..4 {
            app.post("/feedback", &json!({"id": Uuid::new_v4(), "service_id": service, "answers": {"safe": 5}}), Some(&token)).await;
        }
        let queue: Vec<ModerationItem> = app.get("/moderation/queue", Some(&officer)).await.json().await.unwrap();
        for item in queue.iter().filter(|i| i.service_id == service) {
            app.post(&format!("/moderation/feedback/{}/approve", item.id), &json!({}), Some(&officer)).await;
        }
        let n_after = stored_n(&app, service).await;
        assert_eq!(n_after, n_before + 1, "four submissions from one young person add one voice");
    }

    async fn a_moderation_through_one_instance_is_on_the_other_instances_dashboard(app: TestApp) {
        // An organisation of its own where every score is shown, so that a new voice must change
        // what the commissioner sees whatever day the test runs (the demo's quarters move with
        // the clock, and with them which scores disclosure control withholds).
        let town = Town::build(&app).await;
        let other = app.spawn_beside().await;
        // The other instance has the report cached before the moderation.
        let before: ScoresReport = other.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        let again: ScoresReport = other.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        assert_eq!(serde_json::to_value(&before).unwrap(), serde_json::to_value(&again).unwrap());
        let n_at = |report: &ScoresReport| -> Vec<Option<i64>> {
            report.services.iter().flat_map(|s| s.dimensions.iter().map(|d| d.n)).collect()
        };
        assert!(n_at(&before).iter().all(Option::is_some), "every score is shown: {:?}", n_at(&before));
        town.voice(&app, TOWN_PEOPLE, &[town.services[0]]).await;
        let there: ScoresReport = other.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        let here: ScoresReport = app.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        assert_ne!(n_at(&there), n_at(&before), "the other instance shows the new voice at once");
        assert_eq!(serde_json::to_value(&there).unwrap(), serde_json::to_value(&here).unwrap());
        // And a recompute run elsewhere leaves both instances showing the same.
        backend::recompute::run(&app.db, false).await.unwrap();
        let here: serde_json::Value = app.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        let there: serde_json::Value = other.get("/dashboard/scores", Some(&town.commissioner)).await.json().await.unwrap();
        assert_eq!(here, there);
    }

    async fn scores_export_as_csv_with_the_rules_and_refuse_bad_windows(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let csv = app.get("/dashboard/scores?format=csv&window=quarter", Some(&commissioner)).await;
        assert_eq!(csv.status(), StatusCode::OK);
        let text = csv.text().await.unwrap();
        assert!(text.starts_with("# Chorus provider quality scores; window: quarter ending"));
        assert!(text.contains("fewer than 5 young people are not shown"));
        let bad = app.get("/dashboard/scores?window=decade", Some(&commissioner)).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_body(bad).await.field.as_deref(), Some("window"));
    }
}

/// The dashboard's reports for both windows, this quarter and the year before, as JSON.
async fn every_report(app: &TestApp, commissioner: &str) -> Vec<serde_json::Value> {
    use backend::domain::quarter::Quarter;
    let mut reports = Vec::new();
    let mut quarter = Quarter::of(chrono::Utc::now());
    for _ in 0..5 {
        for window in ["quarter", "year"] {
            let path = format!("/dashboard/scores?window={window}&quarter={quarter}");
            let response = app.get(&path, Some(commissioner)).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            reports.push(response.json().await.unwrap());
        }
        quarter = quarter.previous();
    }
    reports
}

/// The stored "Safe" n of a service for the year ending this quarter (what the dashboard shows
/// when disclosure control lets it).
async fn stored_n(app: &TestApp, service: Uuid) -> i64 {
    use backend::domain::{quarter::Quarter, windows::Window};
    let org = backend::store::organisations::find_by_slug(&app.db, demo::ORGANISATION_SLUG)
        .await
        .unwrap()
        .unwrap();
    let tallies = backend::store::aggregates::stored(&app.db, org.id)
        .await
        .unwrap();
    let window = Window::year(Quarter::of(chrono::Utc::now()));
    tallies
        .get(&(service, shared::Dimension::Safe, window))
        .map_or(0, |t| t.n)
}

/// How many young people speak at each of the town's services before the test's own voice.
const TOWN_PEOPLE: usize = 5;

/// A small organisation of its own: two children's homes, each with `TOWN_PEOPLE` voices (the
/// minimum cohort), so that nothing is withheld.
struct Town {
    organisation: OrganisationId,
    services: [Uuid; 2],
    officer: String,
    commissioner: String,
}

impl Town {
    async fn build(app: &TestApp) -> Town {
        use backend::store::{organisations, services};
        let org = organisations::ensure(&app.db, "coherence-town", "Coherence Town", None)
            .await
            .unwrap();
        let provider = services::ensure_provider(&app.db, "Coherence Homes")
            .await
            .unwrap();
        let mut ids = [Uuid::nil(); 2];
        for (i, id) in ids.iter_mut().enumerate() {
            let name = format!("Coherence House {i}");
            *id = services::ensure_service(
                &app.db,
                org.id,
                provider.id,
                &name,
                shared::api::ServiceType::ChildrensHome,
            )
            .await
            .unwrap()
            .id;
        }
        for (role, email) in [
            (
                shared::Role::ParticipationOfficer,
                "officer@coherence.example",
            ),
            (shared::Role::Commissioner, "commissioner@coherence.example"),
        ] {
            backend::seed::staff(&app.db, org.id, role, email, demo::STAFF_PASSWORD, "C")
                .await
                .unwrap();
        }
        let town = Town {
            organisation: org.id,
            services: ids,
            officer: app.sign_in_staff("officer@coherence.example").await,
            commissioner: app.sign_in_staff("commissioner@coherence.example").await,
        };
        for person in 0..TOWN_PEOPLE {
            town.voice(app, person, &ids).await;
        }
        town
    }

    /// Young person number `person` (created if new) sends one view to each of `services`, and
    /// the officer publishes them.
    async fn voice(&self, app: &TestApp, person: usize, services: &[Uuid]) {
        let name = format!("coherent-wren-{person}");
        backend::seed::young_person(
            &app.db,
            self.organisation,
            &name,
            "270394",
            "Wren",
            shared::AgeBand::Age12To15,
            services,
        )
        .await
        .unwrap();
        let token = app.sign_in_young_person(&name, "270394").await;
        for (i, service) in services.iter().enumerate() {
            let answers = json!({"safe": 2 + (person + i) % 4, "involved": 5 - person % 3});
            let r = app
                .post(
                    "/feedback",
                    &json!({"id": Uuid::new_v4(), "service_id": service, "answers": answers}),
                    Some(&token),
                )
                .await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let queue: Vec<ModerationItem> = app
            .get("/moderation/queue", Some(&self.officer))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            queue.len(),
            services.len(),
            "the officer's queue holds exactly what was sent"
        );
        for item in queue {
            let r = app
                .post(
                    &format!("/moderation/feedback/{}/approve", item.id),
                    &json!({}),
                    Some(&self.officer),
                )
                .await;
            assert_eq!(r.status(), StatusCode::NO_CONTENT);
        }
    }
}
