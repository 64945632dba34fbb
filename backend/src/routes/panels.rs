//! Tender panels for young commissioners: plain words, anonymised bids, no bidder names next to
//! bids and no prices.

use crate::auth::{RequireRole, YoungPerson};
use crate::flows::panels as flow;
use crate::flows::FlowError;
use actix_web::{get, post, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::tender::{
    ConflictDeclaration, ConflictList, Panel, PanelBid, PanelOutcome, ParticipationRecord,
    QuizAnswers, QuizResult, TrainingStatus,
};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(list_panels)
        .service(get_panel)
        .service(express_interest)
        .service(get_conflicts)
        .service(declare_conflicts)
        .service(list_panel_bids)
        .service(get_panel_bid)
        .service(get_outcome)
        .service(get_training)
        .service(take_quiz)
        .service(get_participation);
}

/// Open panels, and the closed ones the young person sat on.
#[utoipa::path(get, path = "/api/v1/panels", tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = Vec<Panel>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError)))]
#[get("/panels")]
pub async fn list_panels(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::list(db.get_ref(), user.user).await?))
}

#[utoipa::path(get, path = "/api/v1/panels/{id}", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Panel), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError)))]
#[get("/panels/{id}")]
pub async fn get_panel(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::get(db.get_ref(), user.user, *id).await?))
}

/// "I'd like to be on this panel."
#[utoipa::path(post, path = "/api/v1/panels/{id}/interest", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Panel), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/panels/{id}/interest")]
pub async fn express_interest(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::express_interest(db.get_ref(), user.user, *id).await?))
}

/// The bidders' names to declare conflicts against, before any bid is shown.
#[utoipa::path(get, path = "/api/v1/panels/{id}/conflicts", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ConflictList), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/panels/{id}/conflicts")]
pub async fn get_conflicts(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::conflicts(db.get_ref(), user.user, *id).await?))
}

/// Declares conflicts (an empty list means none); a conflicted bid is never shown.
#[utoipa::path(post, path = "/api/v1/panels/{id}/conflicts", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = ConflictDeclaration,
    responses((status = 200, body = ConflictList), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/panels/{id}/conflicts")]
pub async fn declare_conflicts(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<ConflictDeclaration>,
) -> Result<HttpResponse, FlowError> {
    Ok(
        HttpResponse::Ok()
            .json(flow::declare_conflicts(db.get_ref(), user.user, *id, &body).await?),
    )
}

/// The anonymised bids this young person may score, with their own drafts.
#[utoipa::path(get, path = "/api/v1/panels/{id}/bids", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PanelBid>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/panels/{id}/bids")]
pub async fn list_panel_bids(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(flow::bids(db.get_ref(), user.user, *id).await?))
}

/// One anonymised bid; 404 for a bid the young person is kept from.
#[utoipa::path(get, path = "/api/v1/panels/{id}/bids/{bid_id}", tag = "panels", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("bid_id" = Uuid, Path)),
    responses((status = 200, body = PanelBid), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/panels/{id}/bids/{bid_id}")]
pub async fn get_panel_bid(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(flow::bid(db.get_ref(), user.user, path.0, path.1).await?))
}

/// After the panel closes: the outcome and what the young people's scores did.
#[utoipa::path(get, path = "/api/v1/panels/{id}/outcome", tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PanelOutcome), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/panels/{id}/outcome")]
pub async fn get_outcome(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::outcome(db.get_ref(), user.user, *id).await?))
}

#[utoipa::path(get, path = "/api/v1/training", tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = TrainingStatus), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError)))]
#[get("/training")]
pub async fn get_training(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::training_status(db.get_ref(), user.user).await?))
}

/// A go at the training quiz (as many as needed).
#[utoipa::path(post, path = "/api/v1/training", tag = "panels", security(("bearer" = [])), request_body = QuizAnswers,
    responses((status = 200, body = QuizResult), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 422, body = shared::ApiError)))]
#[post("/training")]
pub async fn take_quiz(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<QuizAnswers>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::take_quiz(db.get_ref(), user.user, &body).await?))
}

/// Panels, training and hours, for a certificate.
#[utoipa::path(get, path = "/api/v1/me/participation", tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = ParticipationRecord), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError)))]
#[get("/me/participation")]
pub async fn get_participation(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::participation(db.get_ref(), user.user).await?))
}
