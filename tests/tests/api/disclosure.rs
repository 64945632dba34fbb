//! The attacker test: everything a commissioner can read (the dashboard for every window and
//! quarter, every service page, the CSVs), turned into equations and solved (`attacker.rs`). No
//! suppressed score, and no sum over fewer than a cohort of young people, may come out.

use crate::attacker::{self, CellKey, Found, Gathered, Seen};
use backend::domain::ids::OrganisationId;
use backend::domain::quarter::Quarter;
use chorus_tests::{both_databases, TestApp};
use chrono::{Duration, Utc};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use shared::api::{DimensionScore, ScoresReport, ServiceDetail, ServiceType};
use shared::{Answers, Dimension, Face};
use std::collections::HashMap;
use uuid::Uuid;

/// Σx from a shown score: value·(C+n) − C·m, rounded (Σx is an integer; the three decimals sent
/// are precise enough below a thousand voices).
pub(crate) fn sum_of(d: &DimensionScore, prior_weight: i64) -> Seen {
    match (d.n, d.value, d.comparator) {
        (Some(n), Some(v), Some(m)) => {
            let c = prior_weight as f64;
            Seen::Shown {
                n,
                sum: (v * (c + n as f64) - c * m).round() as i64,
            }
        }
        _ => Seen::Suppressed,
    }
}

/// A few CSV fields, quoted or not.
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The CSV says no more than the JSON: the same cells shown, no number beside a suppressed one.
fn check_csv(csv: &str, report: &ScoresReport) {
    let shown_json = report
        .services
        .iter()
        .flat_map(|s| &s.dimensions)
        .filter(|d| d.state == "shown")
        .count();
    let mut shown_csv = 0;
    for line in csv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f = csv_fields(line);
        if f[7] == "shown" {
            shown_csv += 1;
        } else {
            assert!(
                f[8..].iter().all(String::is_empty),
                "numbers beside a suppressed score: {line}"
            );
        }
    }
    assert_eq!(shown_csv, shown_json);
}

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, token: &str) -> T {
    let response = app.get(path, Some(token)).await;
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// Reads every output for quarters `from..=to` (and the years ending up to three quarters on).
pub(crate) async fn gather(app: &TestApp, token: &str, (from, to): (i32, i32)) -> Gathered {
    let mut g = Gathered::default();
    // Each shown score's (n, value), and each "before" read beside a score: a "before" must be
    // a score shown in its own window, never a number of its own.
    let mut shown: HashMap<CellKey, (i64, f64)> = HashMap::new();
    let mut befores: Vec<(CellKey, i64, f64)> = Vec::new();
    for end in from..=to + 3 {
        let quarter = Quarter::from_index(end);
        for year in [false, true] {
            let window = if year { "year" } else { "quarter" };
            let path = format!("/dashboard/scores?window={window}&quarter={quarter}");
            let report: ScoresReport = json(app, &path, token).await;
            let csv = app.get(&format!("{path}&format=csv"), Some(token)).await;
            check_csv(&csv.text().await.unwrap(), &report);
            for s in &report.services {
                g.types.insert(s.service_id, s.service_type);
                for d in &s.dimensions {
                    g.see(
                        (s.service_id, d.dimension, year, end),
                        sum_of(d, report.prior_weight),
                    );
                    if let (Some(n), Some(v)) = (d.n, d.value) {
                        shown.insert((s.service_id, d.dimension, year, end), (n, v));
                    }
                    if let Some(b) = &d.before {
                        let step = if year { 4 } else { 1 };
                        befores.push(((s.service_id, d.dimension, year, end - step), b.n, b.value));
                    }
                    if let Some(m) = d.comparator {
                        g.comparators
                            .insert((s.service_type, d.dimension, year, end), m);
                    }
                }
            }
        }
    }
    for (key, n, value) in befores {
        assert_eq!(
            shown.get(&key),
            Some(&(n, value)),
            "a \"before\" that is not the score shown for {key:?}"
        );
    }
    let services: Vec<Uuid> = g.types.keys().copied().collect();
    for service in services {
        // Service pages, 20 quarters at a time, cover the same range.
        let mut end = to;
        while end >= from {
            let path = format!(
                "/dashboard/services/{service}?quarter={}&quarters=20",
                Quarter::from_index(end)
            );
            let detail: ServiceDetail = json(app, &path, token).await;
            assert_eq!(
                detail.open_safeguarding_alerts, None,
                "a commissioner sees no alert counts"
            );
            for (i, q) in detail.trend.iter().enumerate() {
                let at = end - (detail.trend.len() - 1 - i) as i32;
                for d in &q.dimensions {
                    g.see((service, d.dimension, false, at), sum_of(d, 5));
                }
            }
            for quote in &detail.quotes {
                let at = Quarter::parse(&quote.quarter).unwrap().index();
                let shown = Dimension::ALL.iter().any(|d| {
                    matches!(
                        g.cells.get(&(service, *d, false, at)),
                        Some(Seen::Shown { .. })
                    )
                });
                assert!(
                    shown,
                    "a quote from {} where no score of {service} is shown",
                    quote.quarter
                );
            }
            end -= 20;
        }
    }
    g
}

/// The quarters the organisation's data spans, from the stored aggregates.
async fn span(app: &TestApp, organisation: OrganisationId) -> (i32, i32) {
    let tallies = backend::store::aggregates::stored(&app.db, organisation)
        .await
        .unwrap();
    let quarters = tallies
        .keys()
        .filter(|(_, _, w)| w.kind == backend::domain::windows::WindowKind::Quarter)
        .map(|(_, _, w)| w.end.index());
    let (lo, hi) = quarters.fold((i32::MAX, i32::MIN), |(lo, hi), q| (lo.min(q), hi.max(q)));
    (lo - 1, hi.max(Quarter::of(Utc::now()).index()) + 1)
}

/// Every disclosure the attacker finds, after checking that no cell is both shown and hidden;
/// and how many suppressed cells there were to find.
async fn attack(
    app: &TestApp,
    token: &str,
    organisation: OrganisationId,
    cohort: i64,
) -> (Vec<Found>, usize) {
    let range = span(app, organisation).await;
    let g = gather(app, token, range).await;
    let contradictions: Vec<&CellKey> = g.contradictions.iter().collect();
    assert!(
        contradictions.is_empty(),
        "shown in one place, hidden in another: {contradictions:?}"
    );
    let mut found = attacker::comparator_attack(&g, cohort);
    for cell in attacker::with_hidden_cells(&g) {
        found.extend(attacker::window_attack(&g, cell, range, cohort));
    }
    (
        found,
        g.cells.values().filter(|s| **s == Seen::Suppressed).count(),
    )
}

/// The disclosures found, how many of the single cells among them are exactly right, and a few.
async fn report(app: &TestApp, organisation: OrganisationId, found: &[Found]) -> String {
    use backend::domain::windows::Window;
    let truth = backend::store::aggregates::stored(&app.db, organisation)
        .await
        .unwrap();
    let cell = |f: &Found| -> Option<Window> {
        let (kind, at) = f.what.rsplit_once(' ')?;
        let end = Quarter::from_index(at.parse().ok()?);
        Some(if kind.ends_with("year ending") {
            Window::year(end)
        } else {
            Window::quarter(end)
        })
    };
    let exact = found
        .iter()
        .filter(|f| {
            cell(f)
                .and_then(|w| truth.get(&(f.service, f.dimension, w)))
                .is_some_and(|t| (t.n, t.sum) == (f.n, f.sum))
        })
        .count();
    format!(
        "{} disclosures ({exact} of them a hidden cell worked out exactly), e.g. {:?}",
        found.len(),
        &found[..found.len().min(5)]
    )
}

async fn demo_organisation(app: &TestApp) -> OrganisationId {
    backend::store::organisations::find_by_slug(&app.db, demo::ORGANISATION_SLUG)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A random organisation: services of a few types, young people who each answer a service at
/// most once (so years are exactly the sums of their quarters: the attacker's best case), spread
/// over `quarters` quarters ending with the current one.
#[derive(Debug, Clone)]
struct Organisation {
    services: Vec<(usize, Vec<Vec<Vec<u8>>>)>,
}

fn organisations() -> impl Strategy<Value = Organisation> {
    let answers = proptest::collection::vec(0u8..=5, 6);
    let quarter = proptest::collection::vec(answers, 0..8);
    let service = (0usize..2, proptest::collection::vec(quarter, 6));
    proptest::collection::vec(service, 2..6).prop_map(|services| Organisation { services })
}

/// One young person's approved answers (faces 1 to 5, 0 for skipped) about a service.
pub(crate) fn approved_voice(
    (organisation_id, service_id, author_id): (OrganisationId, Uuid, Uuid),
    faces: &[u8],
    at: chrono::DateTime<Utc>,
) -> backend::store::feedback::Historical {
    use backend::store::feedback::{Historical, NewFeedback};
    let mut answers = Answers::default();
    for (d, &f) in Dimension::ALL.iter().zip(faces) {
        answers.set(*d, Face::new(f).ok());
    }
    Historical {
        feedback: NewFeedback {
            id: Uuid::new_v4(),
            organisation_id,
            service_id,
            author_id,
            answers,
            tell_us_more: None,
            make_better: None,
            named: false,
            wants_talk: false,
            assisted_by: None,
        },
        received_at: at,
        approved: Some(demo::approved_two_days_later(at)),
    }
}

/// Stores the voices' accounts and answers, then their aggregates as a recompute makes them.
pub(crate) async fn store_voices(
    app: &TestApp,
    organisation: OrganisationId,
    people: &[Uuid],
    rows: Vec<backend::store::feedback::Historical>,
) {
    use backend::store;
    store::users::insert_voices(&app.db, organisation, people, shared::AgeBand::Age12To15)
        .await
        .unwrap();
    store::feedback::insert_historical(&app.db, rows)
        .await
        .unwrap();
    let fresh = store::aggregates::compute_from_raw(&app.db, organisation, |_| {})
        .await
        .unwrap();
    store::aggregates::replace_all(&app.db, organisation, &fresh)
        .await
        .unwrap();
}

async fn load(app: &TestApp, org: &Organisation, name: &str) -> (OrganisationId, String) {
    use backend::store;
    let o = store::organisations::ensure(&app.db, name, name, None)
        .await
        .unwrap();
    let now = Quarter::of(Utc::now()).index();
    let mut rows = Vec::new();
    let mut people = Vec::new();
    for (i, (kind, quarters)) in org.services.iter().enumerate() {
        let provider = store::services::ensure_provider(&app.db, &format!("{name} provider {i}"))
            .await
            .unwrap();
        let kind = [ServiceType::ChildrensHome, ServiceType::ShortBreaks][*kind];
        let service = store::services::ensure_service(
            &app.db,
            o.id,
            provider.id,
            &format!("{name} service {i}"),
            kind,
        )
        .await
        .unwrap();
        for (q, voices) in quarters.iter().enumerate() {
            let start = Quarter::from_index(now - 5 + q as i32).start();
            for faces in voices {
                let author = Uuid::new_v4();
                people.push(author);
                let at = (start + Duration::days(3)).min(Utc::now());
                rows.push(approved_voice((o.id, service.id, author), faces, at));
            }
        }
    }
    store_voices(app, o.id, &people, rows).await;
    (o.id, commissioner_of(app, o.id, name).await)
}

/// A commissioner of organisation `name`, signed in: their token.
pub(crate) async fn commissioner_of(
    app: &TestApp,
    organisation: OrganisationId,
    name: &str,
) -> String {
    let email = format!("commissioner@{name}.example");
    backend::seed::staff(
        &app.db,
        organisation,
        shared::Role::Commissioner,
        &email,
        demo::STAFF_PASSWORD,
        "C",
    )
    .await
    .unwrap();
    app.sign_in_staff(&email).await
}

both_databases! {
    async fn an_attacker_with_every_demo_output_learns_no_hidden_score(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let organisation = demo_organisation(&app).await;
        let (found, hidden) = attack(&app, &commissioner, organisation, 5).await;
        assert!(hidden > 100, "the demo has suppressed cells to protect: {hidden}");
        assert!(found.is_empty(), "{}", report(&app, organisation, &found).await);
    }

    async fn an_attacker_learns_no_hidden_score_of_random_organisations(app: TestApp) {
        let mut runner = TestRunner::deterministic();
        let mut hidden = 0;
        for case in 0..3 {
            let org = organisations().new_tree(&mut runner).unwrap().current();
            let (id, token) = load(&app, &org, &format!("random-{case}")).await;
            let (found, h) = attack(&app, &token, id, 5).await;
            assert!(found.is_empty(), "{org:?}: {}", report(&app, id, &found).await);
            hidden += h;
        }
        assert!(hidden > 0, "the random organisations have suppressed cells to protect");
    }
}
