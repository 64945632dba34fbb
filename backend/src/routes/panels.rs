//! Tender panels for young commissioners: plain words, anonymised bids, no bidder names next to
//! bids and no prices.

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{RequireRole, YoungPerson};
use crate::flows::panels as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::routes;
use shared::tender::{
    ConflictDeclaration, ConflictList, Panel, PanelBid, PanelOutcome, ParticipationRecord,
    QuizAnswers, QuizResult, TrainingStatus,
};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::LIST_PANELS, list_panels);
    super::at(cfg, routes::GET_PANEL, get_panel);
    super::at(cfg, routes::EXPRESS_INTEREST, express_interest);
    super::at(cfg, routes::GET_CONFLICTS, get_conflicts);
    super::at(cfg, routes::DECLARE_CONFLICTS, declare_conflicts);
    super::at(cfg, routes::LIST_PANEL_BIDS, list_panel_bids);
    super::at(cfg, routes::GET_PANEL_BID, get_panel_bid);
    super::at(cfg, routes::GET_OUTCOME, get_outcome);
    super::at(cfg, routes::GET_TRAINING, get_training);
    super::at(cfg, routes::TAKE_QUIZ, take_quiz);
    super::at(cfg, routes::GET_PARTICIPATION, get_participation);
}

/// Open panels, and the closed ones the young person sat on.
#[utoipa::path(get, path = routes::LIST_PANELS.path, tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = Vec<Panel>), SignedIn))]
pub async fn list_panels(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::list(db.get_ref(), user.user).await?))
}

#[utoipa::path(get, path = routes::GET_PANEL.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Panel), SignedIn, NotFound))]
pub async fn get_panel(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::get(db.get_ref(), user.user, *id).await?))
}

/// "I'd like to be on this panel."
#[utoipa::path(post, path = routes::EXPRESS_INTEREST.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Panel), SignedIn, NotFound, Conflict))]
pub async fn express_interest(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::express_interest(db.get_ref(), user.user, *id).await?))
}

/// The bidders' names to declare conflicts against, before any bid is shown.
#[utoipa::path(get, path = routes::GET_CONFLICTS.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ConflictList), SignedIn, NotFound, Conflict))]
pub async fn get_conflicts(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::conflicts(db.get_ref(), user.user, *id).await?))
}

/// Declares conflicts (an empty list means none); a conflicted bid is never shown.
#[utoipa::path(post, path = routes::DECLARE_CONFLICTS.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = ConflictDeclaration,
    responses((status = 200, body = ConflictList), SignedIn, NotFound, Conflict, Unprocessable))]
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
#[utoipa::path(get, path = routes::LIST_PANEL_BIDS.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PanelBid>), SignedIn, NotFound, Conflict))]
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
#[utoipa::path(get, path = routes::GET_PANEL_BID.path, tag = "panels", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("bid_id" = Uuid, Path)),
    responses((status = 200, body = PanelBid), SignedIn, NotFound, Conflict))]
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
#[utoipa::path(get, path = routes::GET_OUTCOME.path, tag = "panels", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PanelOutcome), SignedIn, NotFound, Conflict))]
pub async fn get_outcome(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::outcome(db.get_ref(), user.user, *id).await?))
}

#[utoipa::path(get, path = routes::GET_TRAINING.path, tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = TrainingStatus), SignedIn))]
pub async fn get_training(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::training_status(db.get_ref(), user.user).await?))
}

/// A go at the training quiz (as many as needed).
#[utoipa::path(post, path = routes::TAKE_QUIZ.path, tag = "panels", security(("bearer" = [])), request_body = QuizAnswers,
    responses((status = 200, body = QuizResult), SignedIn, Unprocessable))]
pub async fn take_quiz(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<QuizAnswers>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::take_quiz(db.get_ref(), user.user, &body).await?))
}

/// Panels, training and hours, for a certificate.
#[utoipa::path(get, path = routes::GET_PARTICIPATION.path, tag = "panels", security(("bearer" = [])),
    responses((status = 200, body = ParticipationRecord), SignedIn))]
pub async fn get_participation(
    user: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::participation(db.get_ref(), user.user).await?))
}
