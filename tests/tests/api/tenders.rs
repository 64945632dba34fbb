//! Young commissioner tender panels: the rules DESIGN.md §2 "Tender evaluation" sets, pinned down
//! at the API on both databases, with the maths checked against hand calculations.

use chorus_tests::{both_databases, error_body, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use shared::tender::{
    ConflictList, Evaluation, MyScore, Panel, PanelBid, PanelOutcome, PanelStep,
    ParticipationRecord, StaffBid, TenderDetail,
};
use uuid::Uuid;

const RIGHT_ANSWERS: [u8; 5] = [1, 0, 2, 1, 0];

fn rubric() -> Vec<String> {
    (0..6).map(|i| format!("Score {i} means this")).collect()
}

/// Quality 60 = Q1 (young people, 30) + Q2 (professionals, 30); price 40. Scoring is open now.
async fn create_tender(app: &TestApp, commissioner: &str) -> TenderDetail {
    let now = chrono::Utc::now();
    let response = app
        .post(
            "/tenders",
            &json!({
                "title": "Short breaks 2027", "summary": "Days out and overnight stays for disabled children.",
                "service_type": "short_breaks", "quality_weight": 60, "price_weight": 40, "hours": 5,
                "scoring_opens_at": now - chrono::Duration::hours(1), "scoring_closes_at": now + chrono::Duration::days(7),
                "questions": [
                    { "text": "How will children choose activities?", "plain_text": "Do children get to choose?", "weight": 30, "rubric": rubric(), "scored_by": "young_people" },
                    { "text": "Describe staff training.", "plain_text": "Staff training", "weight": 30, "rubric": rubric(), "scored_by": "professionals" },
                ],
            }),
            Some(commissioner),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn providers(app: &TestApp, token: &str) -> Vec<(Uuid, String)> {
    let list: Vec<Value> = app
        .get("/providers", Some(token))
        .await
        .json()
        .await
        .unwrap();
    list.iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().parse().unwrap(),
                p["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A bid answering the given questions (the young people's one with an easy-read summary).
async fn add_bid(
    app: &TestApp,
    commissioner: &str,
    tender: &TenderDetail,
    provider: Uuid,
    pounds: i64,
    answered: &[usize],
) -> StaffBid {
    let answers: Vec<Value> = answered
        .iter()
        .map(|&i| {
            let q = &tender.questions[i];
            json!({ "question_id": q.id, "answer": format!("Our answer to {}", q.text), "easy_read": "We will ask you what you like." })
        })
        .collect();
    let response = app
        .post(
            &format!("/tenders/{}/bids", tender.tender.id),
            &json!({ "provider_id": provider, "price_pence": pounds * 100, "answers": answers }),
            Some(commissioner),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// A new young person who joins, is approved, trains and declares the given conflicts.
async fn young_commissioner(
    app: &TestApp,
    officer: &str,
    tender: Uuid,
    code: &str,
    name: &str,
    conflicts: &[Uuid],
) -> (String, Uuid) {
    let token = app.redeem(code, name, "270394").await;
    let me: Value = app.get("/me", Some(&token)).await.json().await.unwrap();
    let id: Uuid = me["id"].as_str().unwrap().parse().unwrap();
    let panel: Panel = app
        .post(
            &format!("/panels/{tender}/interest"),
            &json!({}),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(panel.step, PanelStep::WaitingForApproval);
    // Before approval, nothing about the bids.
    assert_eq!(
        app.get(&format!("/panels/{tender}/bids"), Some(&token))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(
            &format!("/tenders/{tender}/members/{id}/approve"),
            &json!({}),
            Some(officer)
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let panel: Panel = app
        .get(&format!("/panels/{tender}"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(panel.step, PanelStep::Training);
    assert_eq!(
        app.get(&format!("/panels/{tender}/conflicts"), Some(&token))
            .await
            .status(),
        StatusCode::CONFLICT,
        "training comes first"
    );
    // One wrong try, then a pass.
    let fail: Value = app
        .post(
            "/training",
            &json!({ "answers": [0, 1, 0, 0, 1] }),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fail["passed"], json!(false));
    let pass: Value = app
        .post(
            "/training",
            &json!({ "answers": RIGHT_ANSWERS }),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pass["passed"], json!(true));
    assert_eq!(
        app.get(&format!("/panels/{tender}/bids"), Some(&token))
            .await
            .status(),
        StatusCode::CONFLICT,
        "conflicts come before any bid"
    );
    let list: ConflictList = app
        .get(&format!("/panels/{tender}/conflicts"), Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(!list.declared && !list.bidders.is_empty());
    let declared = app
        .post(
            &format!("/panels/{tender}/conflicts"),
            &json!({ "conflicted": conflicts }),
            Some(&token),
        )
        .await;
    assert_eq!(declared.status(), StatusCode::OK);
    (token, id)
}

async fn score(
    app: &TestApp,
    token: &str,
    tender: Uuid,
    bid: Uuid,
    question: Uuid,
    value: u8,
) -> StatusCode {
    app.put(
        &format!("/tenders/{tender}/bids/{bid}/scores/{question}"),
        &json!({ "score": value, "reason": format!("I gave {value} because of what they wrote") }),
        Some(token),
    )
    .await
    .status()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

both_databases! {
    async fn a_tender_and_a_bid_at_their_longest_are_taken_and_come_back_exactly(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let now = chrono::Utc::now();
        // Every text at its longest, in two-byte characters: well over the 64 KB other bodies may be.
        let long = |n: usize| "é".repeat(n);
        let questions: Vec<Value> = (0..20)
            .map(|i| json!({"text": long(2000), "plain_text": long(500), "weight": 3,
                "rubric": (0..6).map(|_| long(300)).collect::<Vec<_>>(),
                "scored_by": if i == 0 { "young_people" } else { "professionals" }}))
            .collect();
        let body = json!({"title": long(120), "summary": long(1000), "service_type": "short_breaks", "quality_weight": 60,
            "price_weight": 40, "hours": 5, "scoring_opens_at": now + chrono::Duration::days(1),
            "scoring_closes_at": now + chrono::Duration::days(8), "questions": questions});
        let created = app.post("/tenders", &body, Some(&commissioner)).await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let tender: TenderDetail = created.json().await.unwrap();
        assert_eq!(tender.questions.len(), 20);
        assert!(tender.questions.iter().all(|q| q.text == long(2000)));

        let (provider, _) = providers(&app, &commissioner).await[0].clone();
        let answers: Vec<Value> = tender.questions.iter().enumerate()
            .map(|(i, q)| json!({"question_id": q.id, "answer": long(20_000), "easy_read": (i == 0).then(|| long(2000))}))
            .collect();
        let added = app.post(&format!("/tenders/{}/bids", tender.tender.id), &json!({"provider_id": provider, "price_pence": 12_000_000, "answers": answers}), Some(&commissioner)).await;
        assert_eq!(added.status(), StatusCode::CREATED);
        let detail: TenderDetail = app.get(&format!("/tenders/{}", tender.tender.id), Some(&commissioner)).await.json().await.unwrap();
        assert_eq!(detail.bids.len(), 1);
        assert!(detail.bids[0].answers.iter().all(|a| a.answer == long(20_000)));

        // Ten megabytes is refused with words on every route, big-bodied ones too; nothing is stored.
        let (tenders, bids) = (app.count("tenders").await, app.count("bids").await);
        let huge = format!("{{\"title\": \"{}\"}}", "x".repeat(10 * 1024 * 1024));
        let young = app.young_person().await;
        for (path, token) in [
            ("/tenders".to_owned(), &commissioner),
            (format!("/tenders/{}/bids", tender.tender.id), &commissioner),
            ("/responses".to_owned(), &commissioner),
            ("/feedback".to_owned(), &young),
        ] {
            let response = app.client.post(app.url(&path)).bearer_auth(token)
                .header("content-type", "application/json").body(huge.clone()).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{path}");
            assert_eq!(error_body(response).await.error, shared::ErrorCode::PayloadTooLarge, "{path}");
        }
        assert_eq!((app.count("tenders").await, app.count("bids").await), (tenders, bids));
    }

    async fn a_panel_runs_from_creation_to_decision_and_the_numbers_match_a_hand_calculation(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let officer = app.officer().await;
        let tender = create_tender(&app, &commissioner).await;
        let id = tender.tender.id;
        let (q1, q2) = (tender.questions[0].id, tender.questions[1].id);
        let directory = providers(&app, &commissioner).await;
        let (pa, pb, pc) = (directory[0].clone(), directory[1].clone(), directory[2].clone());
        let a = add_bid(&app, &commissioner, &tender, pa.0, 100_000, &[0, 1]).await;
        let b = add_bid(&app, &commissioner, &tender, pb.0, 90_000, &[0, 1]).await;
        let c = add_bid(&app, &commissioner, &tender, pc.0, 120_000, &[0]).await;
        let opened: TenderDetail = app.post(&format!("/tenders/{id}/open"), &json!({}), Some(&officer)).await.json().await.unwrap();
        let mut labels: Vec<String> = opened.bids.iter().map(|b| b.label.clone().unwrap()).collect();
        labels.sort();
        assert_eq!(labels, vec!["A", "B", "C"]);
        let label_of = |bid: Uuid| opened.bids.iter().find(|b| b.id == bid).unwrap().label.clone().unwrap();
        // A bid cannot be added once the panel is open.
        let late = app.post(&format!("/tenders/{id}/bids"), &json!({ "provider_id": directory[3].0, "price_pence": 100, "answers": [] }), Some(&commissioner)).await;
        assert_eq!(late.status(), StatusCode::CONFLICT);

        let (y1, _) = young_commissioner(&app, &officer, id, "STKE-YP2A", "panel-one-1", &[]).await;
        let (y2, _) = young_commissioner(&app, &officer, id, "STKE-YP2B", "panel-two-2", &[]).await;
        let (y3, y3_id) = young_commissioner(&app, &officer, id, "STKE-YP2C", "panel-three-3", &[pc.0]).await;

        // The conflicted member never sees bid C.
        let seen: Vec<PanelBid> = app.get(&format!("/panels/{id}/bids"), Some(&y3)).await.json().await.unwrap();
        assert_eq!(seen.len(), 2);
        assert!(seen.iter().all(|s| s.id != c.id));
        assert_eq!(app.get(&format!("/panels/{id}/bids/{}", c.id), Some(&y3)).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(score(&app, &y3, id, c.id, q1, 3).await, StatusCode::NOT_FOUND);
        // Young people only score their questions; commissioners only theirs.
        assert_eq!(score(&app, &y1, id, a.id, q2, 3).await, StatusCode::NOT_FOUND);
        assert_eq!(score(&app, &commissioner, id, a.id, q1, 3).await, StatusCode::NOT_FOUND);

        // Young people's scores on Q1: A 4,4,5 → 4; B 2,2,4 → 2 (a spread of 2); C 5,5 → 5.
        for (token, a_score, b_score, c_score) in [(&y1, 4, 2, Some(5)), (&y2, 4, 2, Some(5)), (&y3, 5, 4, None)] {
            assert_eq!(score(&app, token, id, a.id, q1, 1).await, StatusCode::OK, "a draft");
            let early = app.post(&format!("/tenders/{id}/submit"), &json!({}), Some(token)).await;
            assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY, "every bid must be scored first");
            assert_eq!(score(&app, token, id, a.id, q1, a_score).await, StatusCode::OK, "a changed draft");
            assert_eq!(score(&app, token, id, b.id, q1, b_score).await, StatusCode::OK);
            if let Some(c_score) = c_score {
                assert_eq!(score(&app, token, id, c.id, q1, c_score).await, StatusCode::OK);
            }
            let sent: Vec<MyScore> = app.post(&format!("/tenders/{id}/submit"), &json!({}), Some(token)).await.json().await.unwrap();
            assert!(sent.iter().all(|s| s.submitted));
            assert_eq!(score(&app, token, id, a.id, q1, 0).await, StatusCode::CONFLICT, "submitted scores are locked");
        }
        // A reason is required for every score.
        let no_reason = app.put(&format!("/tenders/{id}/bids/{}/scores/{q2}", a.id), &json!({ "score": 3, "reason": " " }), Some(&commissioner)).await;
        assert_eq!(error_body(no_reason).await.field.as_deref(), Some("reason"));
        assert_eq!(score(&app, &commissioner, id, a.id, q2, 3).await, StatusCode::OK);
        assert_eq!(score(&app, &commissioner, id, b.id, q2, 5).await, StatusCode::OK);
        assert_eq!(app.post(&format!("/tenders/{id}/submit"), &json!({}), Some(&commissioner)).await.status(), StatusCode::OK);

        // Nobody reads the scores while the window is open, not even after submitting.
        for token in [&commissioner, &officer] {
            assert_eq!(app.get(&format!("/tenders/{id}/evaluation"), Some(token)).await.status(), StatusCode::CONFLICT);
        }
        assert_eq!(app.get(&format!("/tenders/{id}/evaluation"), Some(&y1)).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.post(&format!("/tenders/{id}/close"), &json!({}), Some(&officer)).await.status(), StatusCode::CONFLICT);
        assert_eq!(app.post(&format!("/tenders/{id}/end-scoring"), &json!({}), Some(&officer)).await.status(), StatusCode::OK);

        // Provisional: medians. A 24+18=42, price 36, total 78; B 12+30=42, 40, 82; C 30+0, 30, 60.
        let provisional: Evaluation = app.get(&format!("/tenders/{id}/evaluation"), Some(&commissioner)).await.json().await.unwrap();
        assert!(provisional.provisional);
        let expect = |e: &Evaluation| {
            for (bid, quality, price, total, rank) in [(&a, 42.0, 36.0, 78.0, 2), (&b, 42.0, 40.0, 82.0, 1), (&c, 30.0, 30.0, 60.0, 3)] {
                let r = e.bids.iter().find(|r| r.bid_id == bid.id).unwrap();
                assert!(close(r.quality, quality) && close(r.price, price) && close(r.total, total), "{}: {} {} {}", r.label, r.quality, r.price, r.total);
                assert_eq!(r.rank, rank);
            }
        };
        expect(&provisional);
        let b_row = provisional.bids.iter().find(|r| r.bid_id == b.id).unwrap();
        let b_q1 = b_row.cells.iter().find(|cell| cell.question_id == q1).unwrap();
        assert_eq!((b_q1.spread, b_q1.median, b_q1.disagreement), (Some(2), Some(2.0), true));
        assert_eq!(b_q1.scores.len(), 3);
        // Commissioners do not learn young people's names.
        assert!(b_q1.scores.iter().filter(|s| s.young_person).all(|s| s.evaluator.starts_with("Young commissioner")));
        let c_row = provisional.bids.iter().find(|r| r.bid_id == c.id).unwrap();
        assert_eq!(c_row.cells.iter().find(|cell| cell.question_id == q1).unwrap().scores.len(), 2, "the conflicted member's absence");
        assert!(!c_row.cells.iter().find(|cell| cell.question_id == q2).unwrap().answered);
        // Officers run the meeting with names.
        let meeting: Evaluation = app.get(&format!("/tenders/{id}/evaluation"), Some(&officer)).await.json().await.unwrap();
        assert!(meeting.bids.iter().flat_map(|b| &b.cells).flat_map(|c| &c.scores).any(|s| s.evaluator == "Sam"));

        // Closing needs every agreed score.
        assert_eq!(app.post(&format!("/tenders/{id}/close"), &json!({}), Some(&officer)).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        for (bid, question, agreed) in [(&a, q1, 3), (&a, q1, 4), (&a, q2, 3), (&b, q1, 2), (&b, q2, 5), (&c, q1, 5)] {
            let r = app.post(&format!("/tenders/{id}/consensus"), &json!({ "bid_id": bid.id, "question_id": question, "score": agreed, "rationale": "Agreed at the meeting" }), Some(&officer)).await;
            assert_eq!(r.status(), StatusCode::NO_CONTENT);
        }
        let decided: Evaluation = app.post(&format!("/tenders/{id}/close"), &json!({}), Some(&officer)).await.json().await.unwrap();
        assert!(!decided.provisional);
        // Each member was told they were approved, then that the panel decided.
        for token in [&y1, &y2, &y3] {
            let news: shared::api::News = app.get("/me/news", Some(token)).await.json().await.unwrap();
            let panel_news: Vec<_> = news.items.iter().filter(|n| n.panel_id == Some(id)).map(|n| (n.kind, n.about.as_str())).collect();
            assert_eq!(panel_news, vec![(shared::api::NewsKind::PanelOutcome, "Short breaks 2027"), (shared::api::NewsKind::PanelApproved, "Short breaks 2027")]);
        }
        expect(&decided);
        let a_q1 = decided.bids.iter().find(|r| r.bid_id == a.id).unwrap().cells.iter().find(|c| c.question_id == q1).unwrap().clone();
        assert_eq!(a_q1.consensus.unwrap().score, 4);
        assert_eq!(a_q1.scores.len(), 3, "the individual scores are kept beside the agreed one");
        // Q1 is the young people's: halved, A = 16+24=40 (+36 = 76) vs B = 8+40=48 (+40 = 88); doubled, A = 32+12 = 44+36 = 80 vs B 16+20 = 36+40 = 76.
        assert_eq!(decided.sensitivity.winners, vec![label_of(b.id)]);
        assert_eq!(decided.sensitivity.doubled_winners, vec![label_of(a.id)]);
        assert!(decided.sensitivity.winner_changes);

        // Young people see the outcome by letter, never a bidder or a price.
        let outcome: PanelOutcome = app.get(&format!("/panels/{id}/outcome"), Some(&y1)).await.json().await.unwrap();
        assert_eq!(outcome.ranking[0].label, label_of(b.id));
        assert!(outcome.winner_changes_if_doubled);
        assert_eq!(outcome.mine.len(), 3);
        for path in [format!("/panels/{id}/outcome"), format!("/panels/{id}/bids"), format!("/panels/{id}"), "/panels".to_owned(), "/me/participation".to_owned()] {
            let text = app.get(&path, Some(&y1)).await.text().await.unwrap();
            for (_, name) in [&pa, &pb, &pc] {
                assert!(!text.contains(name.as_str()), "{path} names a bidder");
            }
            for price in ["100000", "9000000", "price"] {
                assert!(!text.contains(price), "{path} carries a price");
            }
        }
        let record: ParticipationRecord = app.get("/me/participation", Some(&y1)).await.json().await.unwrap();
        assert_eq!(record.panels.len(), 1);
        assert_eq!(record.total_hours, 5 + 1);

        // The commissioner's participation figures count the panel and its three young commissioners.
        let kpis: shared::api::Kpis = app.get("/dashboard/kpis", Some(&commissioner)).await.json().await.unwrap();
        assert_eq!((kpis.panels_run, kpis.young_commissioners_active), (2, 3), "this panel and the open demo panel; three approved members");

        // Every score, change, consensus and exclusion is in the audit log, and in the export.
        let csv = app.get(&format!("/tenders/{id}/export"), Some(&commissioner)).await.text().await.unwrap();
        for action in ["tender_created", "tender_bid_added", "tender_opened", "panel_member_approved", "conflicts_declared", "tender_score_saved", "tender_scores_submitted", "consensus_recorded", "tender_closed"] {
            assert!(csv.contains(action), "the export lacks {action}");
        }
        assert!(csv.contains(&pa.1) && csv.contains("consensus"));
        // Issue 13: a commissioner's export names no young person; the officer's full record does.
        assert!(!csv.contains(&y3_id.to_string()), "a commissioner's export names no young person");
        let full = app.get(&format!("/tenders/{id}/export"), Some(&officer)).await.text().await.unwrap();
        assert!(full.contains(&y3_id.to_string()), "the exclusion's actor is recorded");
        let saved = csv.lines().filter(|l| l.contains("tender_score_saved")).count();
        assert_eq!(saved, 4 + 4 + 3 + 2, "one audit entry per saved score, drafts and changes included");
        let verify: Value = app.get("/admin/audit/verify", Some(&app.admin().await)).await.json().await.unwrap();
        assert_eq!(verify["intact"], json!(true), "{verify}");
    }

    async fn a_commissioners_tender_export_names_no_young_person_and_the_officers_full_record_is_audited(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let officer = app.officer().await;
        let tender = create_tender(&app, &commissioner).await;
        let id = tender.tender.id;
        let q1 = tender.questions[0].id;
        let directory = providers(&app, &commissioner).await;
        let (pa, pb) = (directory[0].clone(), directory[1].clone());
        let a = add_bid(&app, &commissioner, &tender, pa.0, 100_000, &[0, 1]).await;
        let b = add_bid(&app, &commissioner, &tender, pb.0, 90_000, &[0, 1]).await;
        app.post(&format!("/tenders/{id}/open"), &json!({}), Some(&officer)).await;
        let (y1, y1_id) = young_commissioner(&app, &officer, id, "STKE-YP2F", "export-one-1", &[]).await;
        // The second young commissioner knows bidder B: kept away from it.
        let (y2, y2_id) = young_commissioner(&app, &officer, id, "STKE-YP2G", "export-two-2", &[pb.0]).await;
        // A reason a spreadsheet would run as a formula.
        let formula = "=HYPERLINK(\"http://example.com\",\"click\")";
        let saved = app.put(&format!("/tenders/{id}/bids/{}/scores/{q1}", a.id), &json!({ "score": 4, "reason": formula }), Some(&y1)).await;
        assert_eq!(saved.status(), StatusCode::OK);
        assert_eq!(score(&app, &y1, id, b.id, q1, 3).await, StatusCode::OK);
        assert_eq!(score(&app, &y2, id, a.id, q1, 5).await, StatusCode::OK);
        for token in [&y1, &y2] {
            assert_eq!(app.post(&format!("/tenders/{id}/submit"), &json!({}), Some(token)).await.status(), StatusCode::OK);
        }
        app.post(&format!("/tenders/{id}/end-scoring"), &json!({}), Some(&officer)).await;

        let export = || async { app.get(&format!("/tenders/{id}/export"), Some(&commissioner)).await.text().await.unwrap() };
        let csv = export().await;
        for young in [y1_id, y2_id] {
            assert!(!csv.contains(&young.to_string()), "a young person's id reached the commissioner");
        }
        assert!(!csv.contains(",Sam,") && !csv.contains("export-one-1") && !csv.contains("export-two-2"));
        assert!(csv.contains("Young commissioner 1") && csv.contains("Young commissioner 2"));
        // Conflicts are counts: never who, never which bidder.
        assert!(csv.contains("# Conflicts: 1 member and bid pairs kept apart; 1 young people's scores left out"), "{csv}");
        let declared: Vec<&str> = csv.lines().filter(|l| l.contains("conflicts_declared")).collect();
        assert_eq!(declared.len(), 2);
        for line in declared {
            assert!(line.contains("details kept by the participation officer"), "{line}");
            assert!(!line.contains(&b.id.to_string()) && !line.contains(&pb.0.to_string()), "{line}");
        }
        // Stable within the tender: the same young commissioner has the same number every time.
        let score_rows = |text: &str| -> Vec<String> { text.lines().filter(|l| l.starts_with("score,")).map(str::to_owned).collect() };
        assert_eq!(score_rows(&csv), score_rows(&export().await));
        assert_eq!(score_rows(&csv).len(), 3);
        // The formula is shown as text, never run.
        assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
        assert!(!csv.contains("\"=HYPERLINK(") && !csv.contains(",=HYPERLINK("));
        assert!(!csv.contains("tender_record_exported"));

        // The officer's copy is the full record, and taking it is audited.
        let full = app.get(&format!("/tenders/{id}/export"), Some(&officer)).await.text().await.unwrap();
        assert!(full.contains(&y2_id.to_string()) && full.contains(&b.id.to_string()), "who declared which bidder");
        assert!(full.contains(",Sam,"));
        assert!(full.contains("tender_record_exported"));
        let log = app.get("/admin/audit/export", Some(&app.admin().await)).await.text().await.unwrap();
        assert_eq!(log.lines().filter(|l| l.contains("tender_record_exported")).count(), 1);
    }

    async fn weights_that_would_overflow_are_refused_with_words_and_nothing_is_stored(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let before = app.count("tenders").await;
        let mut overflowing = create_body();
        overflowing["questions"] = json!([
            { "text": "Q", "plain_text": "Q", "weight": u32::MAX, "rubric": rubric(), "scored_by": "young_people" },
            { "text": "R", "plain_text": "R", "weight": 61, "rubric": rubric(), "scored_by": "professionals" },
        ]);
        let mut split = create_body();
        split["quality_weight"] = json!(u32::MAX);
        split["price_weight"] = json!(101);
        for body in [overflowing, split] {
            let refused = app.post("/tenders", &body, Some(&commissioner)).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(error_body(refused).await.message.contains("add up to"));
        }
        assert_eq!(app.count("tenders").await, before);
    }

    async fn asking_to_join_a_panel_twice_answers_the_same_panel_at_once(app: TestApp) {
        // Asking again writes nothing; it once kept SQLite's one connection while reading the
        // panel back, and the request hung.
        app.load_demo().await;
        let young = app.young_person().await;
        let panels: Vec<Value> = app.get("/panels", Some(&young)).await.json().await.unwrap();
        let tender = panels[0]["id"].as_str().unwrap().to_owned();
        let members_before = app.count("panel_members").await;
        let ask = || async {
            tokio::time::timeout(
                std::time::Duration::from_secs(5),
                app.post(&format!("/panels/{tender}/interest"), &json!({}), Some(&young)),
            )
            .await
            .expect("asking to join answers within 5 seconds")
        };
        let first = ask().await;
        assert_eq!(first.status(), StatusCode::OK);
        let first: Value = first.json().await.unwrap();
        let again = ask().await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        assert_eq!(app.count("panel_members").await, members_before + 1);
    }

    async fn panel_rules_refuse_what_they_must(app: TestApp) {
        app.load_demo().await;
        let commissioner = app.commissioner().await;
        let officer = app.officer().await;
        let young = app.young_person().await;
        // Weights that do not add up are refused with words.
        let mut bad = serde_json::to_value(create_body()).unwrap();
        bad["price_weight"] = json!(50);
        let refused = app.post("/tenders", &bad, Some(&commissioner)).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_body(refused).await.message.contains("100"));
        let before = app.count("tenders").await;
        let tender = create_tender(&app, &commissioner).await;
        assert_eq!(app.count("tenders").await, before + 1);
        let id = tender.tender.id;
        // A draft is invisible to young people.
        assert_eq!(app.get(&format!("/panels/{id}"), Some(&young)).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.post(&format!("/panels/{id}/interest"), &json!({}), Some(&young)).await.status(), StatusCode::NOT_FOUND);
        let directory = providers(&app, &commissioner).await;
        // The young people's answer needs an easy-read summary; nothing is half-written when refused.
        let bids_before = app.count("bids").await;
        let no_easy_read = app.post(&format!("/tenders/{id}/bids"), &json!({ "provider_id": directory[0].0, "price_pence": 5000,
            "answers": [{ "question_id": tender.questions[0].id, "answer": "We will" }] }), Some(&commissioner)).await;
        assert_eq!(error_body(no_easy_read).await.field.as_deref(), Some("easy_read"));
        assert_eq!(app.count("bids").await, bids_before);
        // Two identical bids tie for first place.
        let one = add_bid(&app, &commissioner, &tender, directory[0].0, 50_000, &[0, 1]).await;
        let two = add_bid(&app, &commissioner, &tender, directory[1].0, 50_000, &[0, 1]).await;
        let duplicate = app.post(&format!("/tenders/{id}/bids"), &json!({ "provider_id": directory[0].0, "price_pence": 100, "answers": [] }), Some(&commissioner)).await;
        assert_eq!(duplicate.status(), StatusCode::CONFLICT);
        app.post(&format!("/tenders/{id}/open"), &json!({}), Some(&officer)).await;
        let (y, _) = young_commissioner(&app, &officer, id, "STKE-YP2D", "rule-tester-4", &[]).await;
        let (z, z_id) = young_commissioner(&app, &officer, id, "STKE-YP2E", "rule-tester-5", &[]).await;
        // An officer keeps a member from one bid: 404 for it from then on.
        let excluded = app.post(&format!("/tenders/{id}/exclusions"), &json!({ "user_id": z_id, "bid_id": one.id, "note": "Lived there last year" }), Some(&officer)).await;
        assert_eq!(excluded.status(), StatusCode::NO_CONTENT);
        assert_eq!(app.get(&format!("/panels/{id}/bids/{}", one.id), Some(&z)).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/panels/{id}/bids/{}", two.id), Some(&z)).await.status(), StatusCode::OK);
        let members: Vec<shared::tender::Member> = app.get(&format!("/tenders/{id}/members"), Some(&officer)).await.json().await.unwrap();
        let z_member = members.iter().find(|m| m.user_id == z_id).unwrap();
        assert_eq!(z_member.exclusions.len(), 1);
        assert_eq!(z_member.exclusions[0].by, "officer");
        assert!(z_member.training_passed && z_member.conflicts_declared);
        // Scores out of range are refused; a quiz with the wrong number of answers too.
        let out_of_range = app.put(&format!("/tenders/{id}/bids/{}/scores/{}", two.id, tender.questions[0].id), &json!({ "score": 9, "reason": "wow" }), Some(&y)).await;
        assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.post("/training", &json!({ "answers": [1] }), Some(&y)).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        for (token, question) in [(&y, 0), (&commissioner, 1)] {
            for bid in [&one, &two] {
                assert_eq!(score(&app, token, id, bid.id, tender.questions[question].id, 3).await, StatusCode::OK);
            }
            assert_eq!(app.post(&format!("/tenders/{id}/submit"), &json!({}), Some(token)).await.status(), StatusCode::OK);
        }
        app.post(&format!("/tenders/{id}/end-scoring"), &json!({}), Some(&officer)).await;
        let result: Evaluation = app.get(&format!("/tenders/{id}/evaluation"), Some(&commissioner)).await.json().await.unwrap();
        assert_eq!(result.bids.iter().map(|b| b.rank).collect::<Vec<_>>(), vec![1, 1]);
        assert_eq!(result.sensitivity.winners.len(), 2);
        // Too late to score now.
        assert_eq!(score(&app, &commissioner, id, one.id, tender.questions[1].id, 1).await, StatusCode::CONFLICT);
    }
}

fn create_body() -> Value {
    let now = chrono::Utc::now();
    json!({
        "title": "T", "summary": "S", "service_type": "short_breaks", "quality_weight": 60, "price_weight": 40, "hours": 5,
        "scoring_opens_at": now, "scoring_closes_at": now + chrono::Duration::days(1),
        "questions": [{ "text": "Q", "plain_text": "Q", "weight": 60, "rubric": rubric(), "scored_by": "young_people" }],
    })
}
