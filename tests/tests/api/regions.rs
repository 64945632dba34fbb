//! Regions: joining and leaving (each council's admin, audited), the pooled score beside a
//! council's own, and the attacker across councils: a council that reads the regional view for
//! every window, and knows every one of its own young people's answers, must not work out another
//! council's figure, a hidden quarter or any sum over fewer than a cohort (docs/regions.md).

use crate::attacker::{self, Gathered, Seen};
use crate::disclosure::{approved_voice, store_voices, sum_of};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use backend::domain::regions::others_enough;
use backend::domain::scoring::Tally;
use backend::domain::windows::{Window, WindowKind};
use backend::store::{self, aggregates::providers};
use chorus_tests::{both_databases, TestApp};
use chrono::{Duration, Utc};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use shared::api::{RegionReport, Regions, ServiceType};
use shared::Dimension;
use std::collections::HashMap;
use uuid::Uuid;

const KINDS: [ServiceType; 2] = [ServiceType::ChildrensHome, ServiceType::ShortBreaks];

/// Each quarter's voices, each voice's six faces, quarters ending with the current one.
type Quarters = Vec<Vec<Vec<u8>>>;

/// One council's services: (provider, kind, its quarters).
#[derive(Debug, Clone)]
struct Council {
    services: Vec<(usize, usize, Quarters)>,
}

/// A council signed in: its id, a commissioner's token and an admin's.
struct Loaded {
    id: OrganisationId,
    commissioner: String,
    admin: String,
}

async fn providers_named(app: &TestApp, n: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for i in 0..n {
        let p = store::services::ensure_provider(&app.db, &format!("Shared Homes {i}"))
            .await
            .unwrap();
        ids.push(p.id);
    }
    ids
}

async fn load(app: &TestApp, name: &str, council: &Council, providers: &[Uuid]) -> Loaded {
    let o = store::organisations::ensure(&app.db, name, name, None)
        .await
        .unwrap();
    let now = Quarter::of(Utc::now()).index();
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
        let first = now + 1 - quarters.len() as i32;
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

async fn region_report(app: &TestApp, token: &str, end: Quarter) -> RegionReport {
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

async fn join(app: &TestApp, token: &str, region: Uuid) -> StatusCode {
    app.post(
        &format!("/admin/regions/{region}/join"),
        &json!({}),
        Some(token),
    )
    .await
    .status()
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
        let a = load(&app, "council-a", &one, &providers).await;
        let b = load(&app, "council-b", &one, &providers).await;
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
            load(&app, "r-a", &home(3, 2), &providers).await,
            load(&app, "r-b", &home(4, 4), &providers).await,
            load(&app, "r-c", &home(4, 5), &providers).await,
            load(&app, "r-d", &home(3, 3), &providers).await,
        ];
        let created: Regions = app.post("/admin/regions", &json!({"name": "Staffordshire"}), Some(&councils[0].admin)).await.json().await.unwrap();
        let region = created.regions[0].id;
        for c in &councils[1..] {
            assert_eq!(join(&app, &c.admin, region).await, StatusCode::OK);
        }
        let now = Quarter::of(Utc::now());
        let view = region_report(&app, &councils[0].commissioner, now).await;
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
            loaded.push(load(&app, &format!("catch-up-{i}"), c, &providers).await);
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
        // up on this instance, must be what a new instance makes from nothing.
        let mut seen_shown = 0;
        for round in 0..6 {
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
            for (i, person) in people.iter().enumerate() {
                let mut row = approved_voice((council.id, service, *person), &[1 + i as u8; 6], Utc::now());
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
            let view = region_report(&app, reader, now).await;
            seen_shown = seen_shown.max(shown(&view));
            let fresh = app.spawn_beside().await;
            let made = serde_json::to_value(region_report(&fresh, reader, now).await).unwrap();
            assert_eq!(serde_json::to_value(view).unwrap(), made, "round {round}");
        }
        assert!(seen_shown > 0, "the rounds made pooled scores showable");
        let outcome = backend::recompute::run(&app.db, true).await.unwrap();
        assert_eq!(outcome.differences, 0);
    }

    async fn a_council_learns_nothing_of_another_from_the_regional_view(app: TestApp) {
        let providers = providers_named(&app, 2).await;
        let mut runner = TestRunner::deterministic();
        let mut shown = 0;
        for case in 0..2 {
            let set = region_councils().new_tree(&mut runner).unwrap().current();
            let mut loaded = Vec::new();
            for (i, c) in set.iter().enumerate() {
                loaded.push(load(&app, &format!("case{case}-council{i}"), c, &providers).await);
            }
            let created: Regions = app
                .post("/admin/regions", &json!({"name": format!("Region {case}")}), Some(&loaded[0].admin))
                .await.json().await.unwrap();
            let region = created.regions.iter().find(|r| r.member).unwrap().id;
            for c in &loaded[1..] {
                assert_eq!(join(&app, &c.admin, region).await, StatusCode::OK);
            }
            for reader in &loaded {
                shown += attack(&app, reader, &loaded).await;
            }
        }
        assert!(shown > 0, "the random regions have pooled scores to read");
    }
}

/// Three or four councils, each with one to three services of two shared providers and two
/// kinds, a few young people a quarter over six quarters.
fn region_councils() -> impl Strategy<Value = Vec<Council>> {
    let answers = proptest::collection::vec(1u8..=5, 6);
    let quarter = proptest::collection::vec(answers, 0..5);
    let service = (0usize..2, 0usize..2, proptest::collection::vec(quarter, 6));
    let council =
        proptest::collection::vec(service, 1..4).prop_map(|services| Council { services });
    proptest::collection::vec(council, 3..5)
}

/// A provider and kind as one id, for the attacker's cells.
fn group_id(provider: Uuid, kind: ServiceType) -> Uuid {
    let k = KINDS.iter().position(|x| *x == kind).unwrap() as u128;
    Uuid::from_u128(provider.as_u128() ^ (k + 1))
}

/// The reader reads every 12 months its councils' data spans; checks each pooled cell it is shown
/// against the truth and the rule, then runs the differencing attack on the other councils' sums
/// (assuming the reader knows its own voices exactly). Returns how many pooled cells it saw.
async fn attack(app: &TestApp, reader: &Loaded, councils: &[Loaded]) -> usize {
    let mut truth: HashMap<OrganisationId, providers::Grouped> = HashMap::new();
    for c in councils {
        truth.insert(c.id, providers::stored(&app.db, c.id).await.unwrap());
    }
    let cell =
        |council: OrganisationId, provider: Uuid, kind: ServiceType, d: Dimension, w: Window| {
            truth[&council]
                .get(&(provider, kind, d, w))
                .copied()
                .unwrap_or_default()
        };
    let now = Quarter::of(Utc::now()).index();
    let (from, to) = (now - 6, now + 1);
    let mut g = Gathered::default();
    let mut seen = 0;
    let mut groups = Vec::new();
    let mut cohort = 5;
    for end in from..=to + 3 {
        let window = Window::year(Quarter::from_index(end));
        let view = region_report(app, &reader.commissioner, Quarter::from_index(end)).await;
        cohort = view.min_cohort;
        for group in &view.groups {
            let gid = group_id(group.provider_id, group.service_type);
            groups.push((group.provider_id, group.service_type));
            for d in &group.pooled {
                let others: Vec<Tally> = councils
                    .iter()
                    .filter(|c| c.id != reader.id)
                    .map(|c| {
                        cell(
                            c.id,
                            group.provider_id,
                            group.service_type,
                            d.dimension,
                            window,
                        )
                    })
                    .collect();
                let own = cell(
                    reader.id,
                    group.provider_id,
                    group.service_type,
                    d.dimension,
                    window,
                );
                let o = others.iter().fold(Tally::default(), |a, t| a.merge(*t));
                match sum_of(d, view.prior_weight) {
                    Seen::Shown { n, sum } => {
                        seen += 1;
                        assert_eq!(
                            (n, sum),
                            (o.n + own.n, o.sum + own.sum),
                            "the pooled cell is the members' sum"
                        );
                        let parts: Vec<i64> =
                            others.iter().map(|t| t.n).filter(|n| *n > 0).collect();
                        assert!(others_enough(&parts, cohort), "shown with others {parts:?}");
                        g.see(
                            (gid, d.dimension, true, end),
                            Seen::Shown { n: o.n, sum: o.sum },
                        );
                    }
                    Seen::Suppressed if o.n > 0 => {
                        g.see((gid, d.dimension, true, end), Seen::Suppressed)
                    }
                    // Only the reader's own voices: nothing of the others' to find.
                    Seen::Suppressed => {}
                }
            }
            for d in &group.own {
                if d.state == "shown" {
                    let own = cell(
                        reader.id,
                        group.provider_id,
                        group.service_type,
                        d.dimension,
                        window,
                    );
                    assert_eq!(
                        sum_of(d, view.prior_weight),
                        Seen::Shown {
                            n: own.n,
                            sum: own.sum
                        }
                    );
                }
            }
        }
    }
    // The others' quarters are never published. Those that would pass the rule the attacker is
    // granted (the worst case); those that would not are the unknowns it must not work out.
    groups.sort();
    groups.dedup();
    for (provider, kind) in &groups {
        for d in Dimension::ALL {
            for q in from..=to {
                let window = Window {
                    kind: WindowKind::Quarter,
                    end: Quarter::from_index(q),
                };
                let parts: Vec<Tally> = councils
                    .iter()
                    .filter(|c| c.id != reader.id)
                    .map(|c| cell(c.id, *provider, *kind, d, window))
                    .filter(|t| t.n > 0)
                    .collect();
                let o = parts.iter().fold(Tally::default(), |a, t| a.merge(*t));
                let ns: Vec<i64> = parts.iter().map(|t| t.n).collect();
                let key = (group_id(*provider, *kind), d, false, q);
                if others_enough(&ns, cohort) {
                    g.see(key, Seen::Shown { n: o.n, sum: o.sum });
                } else if o.n > 0 {
                    g.see(key, Seen::Suppressed);
                }
            }
        }
    }
    let mut found = Vec::new();
    for (provider, kind) in &groups {
        for d in Dimension::ALL {
            found.extend(attacker::window_attack(
                &g,
                (group_id(*provider, *kind), d),
                (from, to),
                cohort,
            ));
        }
    }
    assert!(
        found.is_empty(),
        "the other councils' voices worked out: {:?}",
        &found[..found.len().min(5)]
    );
    seen
}
