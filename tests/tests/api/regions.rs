//! Regions: joining and leaving (each council's admin, audited), the pooled score beside a
//! council's own for a closed financial year, and the view kept coherent as councils change. The
//! attacker across councils is in `region_attack.rs`.

use crate::attacker::Seen;
use crate::disclosure::{approved_voice, store_voices, sum_of};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::domain::regions::pooled_year;
use backend::store;
use chorus_tests::{both_databases, TestApp};
use chrono::{Duration, Utc};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use shared::api::{RegionReport, Regions, ServiceType};
use uuid::Uuid;

const KINDS: [ServiceType; 2] = [ServiceType::ChildrensHome, ServiceType::ShortBreaks];

/// Each quarter's voices, each voice's six faces.
pub(crate) type Quarters = Vec<Vec<Vec<u8>>>;

/// One council's services: (provider, kind, its quarters).
#[derive(Debug, Clone)]
pub(crate) struct Council {
    pub services: Vec<(usize, usize, Quarters)>,
}

/// A council signed in: its id, a commissioner's token and an admin's.
pub(crate) struct Loaded {
    pub id: OrganisationId,
    pub commissioner: String,
    pub admin: String,
}

/// The current quarter's index.
pub(crate) fn current() -> i32 {
    Quarter::of(Utc::now()).index()
}

/// The last quarter of the last financial year to have ended: what the view pools.
pub(crate) fn closed() -> i32 {
    let now = Quarter::of(Utc::now());
    pooled_year(now, now).index()
}

pub(crate) async fn providers_named(app: &TestApp, n: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for i in 0..n {
        let p = store::services::ensure_provider(&app.db, &format!("Shared Homes {i}"))
            .await
            .unwrap();
        ids.push(p.id);
    }
    ids
}

/// Stores the council, its services and voices (each council's quarters ending with quarter
/// `last`), and signs in its commissioner and admin.
pub(crate) async fn load(
    app: &TestApp,
    name: &str,
    council: &Council,
    providers: &[Uuid],
    last: i32,
) -> Loaded {
    let o = store::organisations::ensure(&app.db, name, name, None)
        .await
        .unwrap();
    let (mut rows, mut people) = (Vec::new(), Vec::new());
    for (i, (provider, kind, quarters)) in council.services.iter().enumerate() {
        let service = store::services::ensure_service(
            &app.db,
            o.id,
            providers[*provider],
            &format!("{name} service {i}"),
            KINDS[*kind],
        )
        .await
        .unwrap();
        let first = last + 1 - quarters.len() as i32;
        for (q, voices) in quarters.iter().enumerate() {
            let at =
                (Quarter::from_index(first + q as i32).start() + Duration::days(3)).min(Utc::now());
            for faces in voices {
                let author = Uuid::new_v4();
                people.push(author);
                rows.push(approved_voice((o.id, service.id, author), faces, at));
            }
        }
    }
    store_voices(app, o.id, &people, rows).await;
    let mut tokens = Vec::new();
    for (role, who) in [
        (shared::Role::Commissioner, "commissioner"),
        (shared::Role::Admin, "admin"),
    ] {
        let email = format!("{who}@{name}.example");
        backend::seed::staff(&app.db, o.id, role, &email, demo::STAFF_PASSWORD, "R")
            .await
            .unwrap();
        tokens.push(app.sign_in_staff(&email).await);
    }
    let admin = tokens.pop().unwrap();
    Loaded {
        id: o.id,
        commissioner: tokens.pop().unwrap(),
        admin,
    }
}

/// Every voice answers every outcome with `face`.
fn voices(n: usize, face: u8) -> Vec<Vec<u8>> {
    vec![vec![face; 6]; n]
}

pub(crate) async fn region_report(app: &TestApp, token: &str, end: Quarter) -> RegionReport {
    let response = app
        .get(&format!("/dashboard/region?quarter={end}"), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn regions(app: &TestApp, token: &str) -> Regions {
    app.get("/admin/regions", Some(token))
        .await
        .json()
        .await
        .unwrap()
}

pub(crate) async fn join(app: &TestApp, token: &str, region: Uuid) -> StatusCode {
    app.post(
        &format!("/admin/regions/{region}/join"),
        &json!({}),
        Some(token),
    )
    .await
    .status()
}

/// The council's scores version and pooled version.
async fn versions(app: &TestApp, council: OrganisationId) -> (i64, i64) {
    let o = store::organisations::find(&app.db, council)
        .await
        .unwrap()
        .unwrap();
    (o.scores_version, o.pooled_version)
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    let row = app
        .db
        .query_one(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

both_databases! {
    async fn a_councils_admin_joins_and_leaves_a_region_and_each_step_is_audited(app: TestApp) {
        let providers = providers_named(&app, 1).await;
        let one = Council { services: vec![(0, 0, vec![voices(3, 4)])] };
        let a = load(&app, "council-a", &one, &providers, closed()).await;
        let b = load(&app, "council-b", &one, &providers, closed()).await;
        assert!(regions(&app, &a.admin).await.regions.is_empty());
        assert_eq!(region_report(&app, &a.commissioner, Quarter::of(Utc::now())).await.region, None);

        for (name, reason) in [("", "region_name"), ("   ", "region_name"), ("a\u{7}b", "region_name")] {
            let refused = app.post("/admin/regions", &json!({"name": name}), Some(&a.admin)).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
            let body: Value = refused.json().await.unwrap();
            assert_eq!(body["reason"], reason);
        }
        let long = "W".repeat(121);
        let refused = app.post("/admin/regions", &json!({"name": long}), Some(&a.admin)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.count("regions").await, 0, "nothing half-written");

        let created: Regions = app.post("/admin/regions", &json!({"name": "  West   Midlands "}), Some(&a.admin)).await.json().await.unwrap();
        let region = &created.regions[0];
        assert_eq!((region.name.as_str(), region.councils, region.member), ("West Midlands", 1, true));
        assert!(created.joined_at.is_some());
        let taken = app.post("/admin/regions", &json!({"name": "West Midlands"}), Some(&b.admin)).await;
        assert_eq!(taken.status(), StatusCode::CONFLICT);
        let again = app.post("/admin/regions", &json!({"name": "North West"}), Some(&a.admin)).await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "a council is in one region at a time");
        assert_eq!(join(&app, &b.admin, Uuid::new_v4()).await, StatusCode::NOT_FOUND);

        assert_eq!(join(&app, &b.admin, region.id).await, StatusCode::OK);
        assert_eq!(join(&app, &b.admin, region.id).await, StatusCode::CONFLICT);
        let seen_by_b = regions(&app, &b.admin).await;
        assert_eq!((seen_by_b.regions[0].councils, seen_by_b.regions[0].member), (2, true));
        let view = region_report(&app, &b.commissioner, Quarter::of(Utc::now())).await;
        assert_eq!(view.region.map(|r| r.councils), Some(2));

        let left: Regions = app.post("/admin/regions/leave", &json!({}), Some(&b.admin)).await.json().await.unwrap();
        assert_eq!((left.regions[0].councils, left.regions[0].member, left.joined_at), (1, false, None));
        let twice = app.post("/admin/regions/leave", &json!({}), Some(&b.admin)).await;
        assert_eq!(twice.status(), StatusCode::CONFLICT);
        let body: Value = twice.json().await.unwrap();
        assert_eq!(body["reason"], "not_in_region");
        assert_eq!(region_report(&app, &b.commissioner, Quarter::of(Utc::now())).await.region, None);
        assert_eq!(
            (audited(&app, "region_created").await, audited(&app, "region_joined").await, audited(&app, "region_left").await),
            (1, 2, 1)
        );
    }

    async fn the_pooled_score_needs_a_cohort_of_other_councils_and_one_without_any_one_of_them(app: TestApp) {
        let providers = providers_named(&app, 1).await;
        let home = |n: usize, face: u8| Council { services: vec![(0, 0, vec![voices(n, face)])] };
        // Four councils of 3, 4, 4 and 3 young people: no council alone has a cohort of five.
        let councils = [
            load(&app, "r-a", &home(3, 2), &providers, closed()).await,
            load(&app, "r-b", &home(4, 4), &providers, closed()).await,
            load(&app, "r-c", &home(4, 5), &providers, closed()).await,
            load(&app, "r-d", &home(3, 3), &providers, closed()).await,
        ];
        let created: Regions = app.post("/admin/regions", &json!({"name": "Staffordshire"}), Some(&councils[0].admin)).await.json().await.unwrap();
        let region = created.regions[0].id;
        for c in &councils[1..] {
            assert_eq!(join(&app, &c.admin, region).await, StatusCode::OK);
        }
        let now = Quarter::of(Utc::now());
        let view = region_report(&app, &councils[0].commissioner, now).await;
        assert_eq!(view.window_end, Quarter::from_index(closed()).to_string(), "the last financial year to have ended");
        assert_eq!(view.groups.len(), 1);
        let group = &view.groups[0];
        assert_eq!((group.provider_id, group.service_type, group.own_services), (providers[0], ServiceType::ChildrensHome, 1));
        assert!(group.own.iter().all(|d| d.state == "suppressed" && d.n.is_none()), "three young people of its own: {:?}", group.own);
        assert_eq!(group.pooled.len(), 6);
        for d in &group.pooled {
            // 14 young people: 3·2 + 4·4 + 4·5 + 3·3 = 51.
            assert_eq!(sum_of(d, view.prior_weight), Seen::Shown { n: 14, sum: 51 }, "{d:?}");
        }
        // The others of r-b are 3 + 4 + 3: 6 without r-c's 4. Shown there too.
        let view_b = region_report(&app, &councils[1].commissioner, now).await;
        assert!(view_b.groups[0].pooled.iter().all(|d| d.state == "shown"));

        // r-c leaves: r-a's others are 4 + 3, only 3 without r-b: not shown to r-a.
        app.post("/admin/regions/leave", &json!({}), Some(&councils[2].admin)).await;
        let view = region_report(&app, &councils[0].commissioner, now).await;
        assert!(view.groups[0].pooled.iter().all(|d| d.state == "suppressed" && d.n.is_none() && d.value.is_none()));
        assert_eq!(view.region.map(|r| r.councils), Some(3));
        // A council in no region reads no pooled score.
        let alone = region_report(&app, &councils[2].commissioner, now).await;
        assert!(alone.region.is_none() && alone.groups.is_empty());
    }

    async fn a_view_caught_up_through_changes_across_the_region_is_the_view_made_afresh(app: TestApp) {
        let providers = providers_named(&app, 2).await;
        // The others start with 5 young people on the first provider's homes, too few to show;
        // the rounds add three at a time, so what the reader may see changes as they go.
        let set = [
            Council { services: vec![(0, 0, vec![voices(3, 4); 6]), (1, 1, vec![voices(2, 3); 6])] },
            Council { services: vec![(0, 0, vec![voices(2, 4)]), (1, 1, vec![voices(2, 2)])] },
            Council { services: vec![(0, 0, vec![voices(2, 5)]), (1, 1, vec![voices(1, 4)])] },
            Council { services: vec![(0, 0, vec![voices(1, 3)]), (1, 1, vec![voices(1, 2)])] },
        ];
        let mut loaded = Vec::new();
        for (i, c) in set.iter().enumerate() {
            loaded.push(load(&app, &format!("catch-up-{i}"), c, &providers, closed()).await);
        }
        let created: Regions = app.post("/admin/regions", &json!({"name": "Catch-up"}), Some(&loaded[0].admin)).await.json().await.unwrap();
        for c in &loaded[1..] {
            assert_eq!(join(&app, &c.admin, created.regions[0].id).await, StatusCode::OK);
        }
        let now = Quarter::of(Utc::now());
        let reader = &loaded[0].commissioner;
        let first = region_report(&app, reader, now).await;
        let shown = |r: &RegionReport| r.groups.iter().flat_map(|g| &g.pooled).filter(|d| d.state == "shown").count();
        assert_eq!(shown(&first), 0, "five others, none shown yet");
        // Each round, a few young people in the other councils are heard (pending, then approved
        // through the moderation flow), and once a service changes kind; the reader's view, caught
        // up on this instance, must be what a new instance makes from nothing. The last round is
        // heard in the open year: the council's pooled version stays (outside January to March),
        // and the view with it.
        let mut seen_shown = 0;
        let mut last_view = None;
        for round in 0..7 {
            let open_year = round == 6;
            let council = &loaded[1 + round % (loaded.len() - 1)];
            // The first provider's home, but in round 5 the second's.
            let listing = store::directory::listing(&app.db, council.id).await.unwrap();
            let wanted = providers[usize::from(round == 5)];
            let service = listing.iter().find(|(s, _)| s.provider_id == wanted).unwrap().0.id;
            if round == 3 {
                let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
                store::aggregates::begin_change(&txn, council.id).await.unwrap();
                store::directory::set_service_type(&txn, council.id, service, KINDS[round % 2]).await.unwrap();
                txn.commit().await.unwrap();
            }
            let people: Vec<Uuid> = (0..3).map(|_| Uuid::new_v4()).collect();
            let mut rows = Vec::new();
            let before = versions(&app, council.id).await;
            for (i, person) in people.iter().enumerate() {
                // In the financial year the view pools, heard late; or now.
                let at = match open_year {
                    true => Utc::now(),
                    false => Quarter::from_index(closed()).start() + Duration::days(10 + round as i64),
                };
                let mut row = approved_voice((council.id, service, *person), &[1 + i as u8; 6], at);
                row.approved = None;
                rows.push(row);
            }
            store::users::insert_voices(&app.db, council.id, &people, shared::AgeBand::Age12To15).await.unwrap();
            let ids: Vec<Uuid> = rows.iter().map(|r| r.feedback.id).collect();
            store::feedback::insert_historical(&app.db, rows).await.unwrap();
            for id in ids {
                let officer = backend::flows::moderation::Officer { id: Uuid::new_v4(), organisation_id: council.id };
                backend::flows::moderation::approve(&app.db, officer, id, &Default::default()).await.unwrap();
            }
            let after = versions(&app, council.id).await;
            assert!(after.0 > before.0, "round {round}: the council's scores changed");
            let closing = now.number == 1;
            assert_eq!(after.1 > before.1, !open_year || closing, "round {round}: its pooled version");
            let view = serde_json::to_value(region_report(&app, reader, now).await).unwrap();
            seen_shown = seen_shown.max(shown(&serde_json::from_value(view.clone()).unwrap()));
            let fresh = app.spawn_beside().await;
            let made = serde_json::to_value(region_report(&fresh, reader, now).await).unwrap();
            assert_eq!(view, made, "round {round}");
            if open_year {
                assert_eq!(Some(&view), last_view.as_ref(), "the open year is not pooled");
            }
            last_view = Some(view);
        }
        assert!(seen_shown > 0, "the rounds made pooled scores showable");
        let outcome = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(outcome.differences, 0);
    }
}
