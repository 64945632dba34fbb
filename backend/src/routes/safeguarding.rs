//! Safeguarding alerts (participation officers) and the organisation's phrase list (admin).

use crate::auth::{Admin, Officer, RequireRole};
use crate::flows::FlowError;
use crate::store;
use actix_web::{get, post, put, web, HttpResponse};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{Alert, SafeguardingPhrases};
use shared::validate::Invalid;
use shared::Reason;
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(list_alerts)
        .service(acknowledge_alert)
        .service(get_phrases)
        .service(put_phrases);
}

fn reason_names(json: &str) -> Vec<String> {
    serde_json::from_str::<Vec<serde_json::Value>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
        .collect()
}

/// The organisation's alerts, open ones first. Never the young person's words: open the feedback.
#[utoipa::path(get, path = "/api/v1/safeguarding/alerts", tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = [Alert]), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/safeguarding/alerts")]
pub async fn list_alerts(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let db = db.get_ref();
    let alerts = store::safeguarding::list(db, officer.organisation_id, 200).await?;
    // Three batched reads, not three per alert.
    let feedback_ids: Vec<Uuid> = alerts.iter().map(|a| a.feedback_id).collect();
    let service_of =
        store::feedback::services_of(db, officer.organisation_id, &feedback_ids).await?;
    let service_ids: Vec<Uuid> = service_of.values().copied().collect();
    let service_names = store::services::names(db, &service_ids).await?;
    let officer_ids: Vec<Uuid> = alerts.iter().filter_map(|a| a.acknowledged_by).collect();
    let officer_names = store::users::display_names(db, &officer_ids).await?;
    let body: Vec<Alert> = alerts
        .into_iter()
        .map(|alert| Alert {
            id: alert.id,
            feedback_id: alert.feedback_id,
            service_name: service_of
                .get(&alert.feedback_id)
                .and_then(|s| service_names.get(s))
                .cloned()
                .unwrap_or_default(),
            raised_at: alert.raised_at,
            reasons: reason_names(&alert.reasons),
            acknowledged_at: alert.acknowledged_at,
            acknowledged_by: alert
                .acknowledged_by
                .and_then(|id| officer_names.get(&id).cloned()),
            escalated_at: alert.escalated_at,
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}

/// An officer takes an alert on: it stops escalating.
#[utoipa::path(post, path = "/api/v1/safeguarding/alerts/{id}/acknowledge", tag = "safeguarding",
    security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/safeguarding/alerts/{id}/acknowledge")]
pub async fn acknowledge_alert(
    officer: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let txn = db.begin().await?;
    let alert = store::safeguarding::find(&txn, officer.organisation_id, *id)
        .await?
        .ok_or(FlowError::NotFound(
            Reason::AlertNotFound,
            "We could not find that alert.",
        ))?;
    if !store::safeguarding::acknowledge(&txn, alert.id, officer.id).await? {
        return Err(FlowError::Conflict(
            Reason::AlertAcknowledged,
            "Someone has already acknowledged that alert.",
        ));
    }
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: officer.organisation_id,
            actor_id: Some(officer.id),
            action: "safeguarding_alert_acknowledged",
            subject: format!("feedback:{}", alert.feedback_id),
            details: json!({ "alert_id": alert.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The phrases that raise an alert when a young person writes them.
#[utoipa::path(get, path = "/api/v1/admin/safeguarding-phrases", tag = "safeguarding", security(("bearer" = [])),
    responses((status = 200, body = SafeguardingPhrases), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError)))]
#[get("/admin/safeguarding-phrases")]
pub async fn get_phrases(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let phrases = store::safeguarding::phrases(db.get_ref(), admin.organisation_id).await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}

/// Replaces the phrase list (trimmed, lower-cased, duplicates dropped).
#[utoipa::path(put, path = "/api/v1/admin/safeguarding-phrases", tag = "safeguarding", security(("bearer" = [])),
    request_body = SafeguardingPhrases,
    responses((status = 200, body = SafeguardingPhrases), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[put("/admin/safeguarding-phrases")]
pub async fn put_phrases(
    admin: RequireRole<Admin>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<SafeguardingPhrases>,
) -> Result<HttpResponse, FlowError> {
    let mut phrases: Vec<String> = body
        .phrases
        .iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect();
    phrases.sort();
    phrases.dedup();
    let bad = phrases
        .iter()
        .any(|p| p.chars().count() > 100 || p.chars().any(char::is_control));
    if phrases.is_empty() || phrases.len() > 500 || bad {
        return Err(Invalid {
            field: "phrases",
            reason: Reason::PhrasesInvalid,
            message: "Give between 1 and 500 phrases, each up to 100 characters on one line."
                .into(),
        }
        .into());
    }
    let txn = db.begin().await?;
    store::safeguarding::replace_phrases(&txn, admin.organisation_id, &phrases).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: admin.organisation_id,
            actor_id: Some(admin.id),
            action: "safeguarding_phrases_changed",
            subject: "organisation:safeguarding_phrases".into(),
            details: json!({ "count": phrases.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(SafeguardingPhrases { phrases }))
}
