//! An officer makes a batch of invites to print: each a different code for the chosen services,
//! with a QR code of the joining address drawn by the server; every code works once; a batch of
//! no size, too many, or someone else's service is refused in words and makes none.

use chorus_tests::{both_databases, error_body};
use reqwest::StatusCode;
use serde_json::json;
use shared::api::{MyService, PrintableInvite, ServiceSummary};
use std::collections::BTreeSet;
use uuid::Uuid;

both_databases! {
    async fn a_batch_of_invites_prints_as_cards_and_each_code_works(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        let chosen = [&services[0], &services[1]];
        let before = app.count("invites").await;
        let made = app.post("/invites/batch", &json!({"age_band": "12-15", "count": 6,
            "service_ids": [chosen[0].id, chosen[1].id]}), Some(&officer)).await;
        assert_eq!(made.status(), StatusCode::CREATED);
        let cards: Vec<PrintableInvite> = made.json().await.unwrap();
        assert_eq!(cards.len(), 6);
        assert_eq!(app.count("invites").await, before + 6);
        let codes: BTreeSet<&str> = cards.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.len(), 6, "six different codes");
        let mut names = vec![chosen[0].name.clone(), chosen[1].name.clone()];
        names.sort();
        for card in &cards {
            assert_eq!(card.join_url, format!("{}/join?code={}", app.url_outside_api(""), card.code));
            assert!(card.qr_svg.starts_with("<?xml") || card.qr_svg.starts_with("<svg"), "{}", card.qr_svg);
            assert!(card.qr_svg.contains("<path fill=\"#000000\""));
            assert_eq!(card.services, names);
        }
        assert_ne!(cards[0].qr_svg, cards[1].qr_svg, "each card's picture is its own code");

        // A young person joins with one: linked to exactly the chosen services.
        let young = app.redeem(&cards[2].code, "printed-card-7", "270394").await;
        let mine: Vec<MyService> = app.get("/me/services", Some(&young)).await.json().await.unwrap();
        let mut linked: Vec<String> = mine.into_iter().map(|s| s.name).collect();
        linked.sort();
        assert_eq!(linked, names);
        let again = app.post("/invites/redeem", &json!({"code": cards[2].code, "sign_in_name": "printed-card-8",
            "display_name": "Sam", "pin": "270394"}), None).await;
        assert_eq!(again.status(), StatusCode::GONE, "a code works once");
    }

    async fn a_batch_that_cannot_be_made_makes_none(app: TestApp) {
        app.load_demo().await;
        let officer = app.officer().await;
        let services: Vec<ServiceSummary> = app.get("/services", Some(&officer)).await.json().await.unwrap();
        let before = app.count("invites").await;
        for (body, reason) in [
            (json!({"age_band": "12-15", "count": 0, "service_ids": [services[0].id]}), "batch_size"),
            (json!({"age_band": "12-15", "count": 31, "service_ids": [services[0].id]}), "batch_size"),
            (json!({"age_band": "12-15", "count": 3, "service_ids": [services[0].id, Uuid::new_v4()]}), "unknown_service"),
        ] {
            let refused = app.post("/invites/batch", &body, Some(&officer)).await;
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(error_body(refused).await.reason.as_str(), reason);
        }
        let negative = app.post("/invites/batch", &json!({"age_band": "12-15", "count": -1, "service_ids": []}), Some(&officer)).await;
        assert!(negative.status().is_client_error());
        assert_eq!(app.count("invites").await, before, "nothing was made");
        let commissioner = app.commissioner().await;
        let tried = app.post("/invites/batch", &json!({"age_band": "12-15", "count": 1, "service_ids": []}), Some(&commissioner)).await;
        assert_eq!(tried.status(), StatusCode::FORBIDDEN);
    }
}
