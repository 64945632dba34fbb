//! Tenders: commissioners set them up and score the professionals' questions; participation
//! officers run the panel and its moderation meeting. Scoring is shared with young people.

use crate::auth::{Commissioner, Evaluator, Officer, RequireRole, Staff, TenderStaff};
use crate::error::json_config;
use crate::flows::tenders as flow;
use crate::flows::FlowError;
use actix_web::{get, post, put, web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::tender::{
    Evaluation, Member, MemberStatus, MyScore, NewBid, NewConsensus, NewExclusion, NewTender,
    ProviderSummary, ScoreDraft, StaffBid, TenderDetail, TenderSummary,
};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    // A whole tender or bid is bigger than the 64 KB other bodies may be: each route takes the
    // largest valid one (`MAX_BODY_BYTES`, tested in `shared`).
    cfg.service(
        web::resource("/tenders")
            .app_data(json_config(NewTender::MAX_BODY_BYTES))
            .route(web::get().to(list_tenders))
            .route(web::post().to(create_tender)),
    )
    .service(get_tender)
    .service(
        web::resource("/tenders/{id}/bids")
            .app_data(json_config(NewBid::MAX_BODY_BYTES))
            .route(web::post().to(add_bid)),
    )
    .service(open_panel)
    .service(end_scoring)
    .service(close_panel)
    .service(list_members)
    .service(approve_member)
    .service(decline_member)
    .service(exclude_member)
    .service(save_score)
    .service(submit_scores)
    .service(get_evaluation)
    .service(record_consensus)
    .service(export_evaluation)
    .service(list_providers);
}

/// The organisation's tenders, newest first.
#[utoipa::path(get, path = "/api/v1/tenders", tag = "tenders", security(("bearer" = [])),
    responses((status = 200, body = Vec<TenderSummary>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError)))]
pub async fn list_tenders(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::list(db.get_ref(), user.user).await?))
}

/// Creates a tender (a draft) with its questions.
#[utoipa::path(post, path = "/api/v1/tenders", tag = "tenders", security(("bearer" = [])), request_body = NewTender,
    responses((status = 201, body = TenderDetail), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 422, body = shared::ApiError)))]
pub async fn create_tender(
    user: RequireRole<Commissioner>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewTender>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Created().json(flow::create(db.get_ref(), user.user, &body).await?))
}

/// One tender with its questions and bids (bidders and prices: staff only).
#[utoipa::path(get, path = "/api/v1/tenders/{id}", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError)))]
#[get("/tenders/{id}")]
pub async fn get_tender(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::get(db.get_ref(), user.user, *id).await?))
}

/// Adds a bid while the tender is a draft.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/bids", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewBid,
    responses((status = 201, body = StaffBid), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
pub async fn add_bid(
    user: RequireRole<Commissioner>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<NewBid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Created().json(flow::add_bid(db.get_ref(), user.user, *id, &body).await?))
}

/// Opens the panel for interest; the bids get their letters at random.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/open", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/tenders/{id}/open")]
pub async fn open_panel(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::open(db.get_ref(), user.user, *id).await?))
}

/// Ends the scoring window now.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/end-scoring", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/tenders/{id}/end-scoring")]
pub async fn end_scoring(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::end_scoring(db.get_ref(), user.user, *id).await?))
}

/// Closes the panel once every agreed score is recorded.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/close", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Evaluation), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/tenders/{id}/close")]
pub async fn close_panel(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::close(db.get_ref(), user.user, *id).await?))
}

/// The panel's members with their training, conflicts and exclusions.
#[utoipa::path(get, path = "/api/v1/tenders/{id}/members", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Member>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError)))]
#[get("/tenders/{id}/members")]
pub async fn list_members(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::members(db.get_ref(), user.user, *id).await?))
}

#[utoipa::path(post, path = "/api/v1/tenders/{id}/members/{user_id}/approve", tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/tenders/{id}/members/{user_id}/approve")]
pub async fn approve_member(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, FlowError> {
    flow::decide_member(
        db.get_ref(),
        user.user,
        path.0,
        path.1,
        MemberStatus::Approved,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/tenders/{id}/members/{user_id}/decline", tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[post("/tenders/{id}/members/{user_id}/decline")]
pub async fn decline_member(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, FlowError> {
    flow::decide_member(
        db.get_ref(),
        user.user,
        path.0,
        path.1,
        MemberStatus::Declined,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Keeps a member away from one bid.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/exclusions", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewExclusion,
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/tenders/{id}/exclusions")]
pub async fn exclude_member(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<NewExclusion>,
) -> Result<HttpResponse, FlowError> {
    flow::exclude(db.get_ref(), user.user, *id, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Saves one's draft score on one bid and question (young people and commissioners).
#[utoipa::path(put, path = "/api/v1/tenders/{id}/bids/{bid_id}/scores/{question_id}", tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("bid_id" = Uuid, Path), ("question_id" = Uuid, Path)), request_body = ScoreDraft,
    responses((status = 200, body = MyScore), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[put("/tenders/{id}/bids/{bid_id}/scores/{question_id}")]
pub async fn save_score(
    user: RequireRole<Evaluator>,
    db: web::Data<DatabaseConnection>,
    path: web::Path<(Uuid, Uuid, Uuid)>,
    body: web::Json<ScoreDraft>,
) -> Result<HttpResponse, FlowError> {
    let (id, bid_id, question_id) = path.into_inner();
    Ok(HttpResponse::Ok()
        .json(flow::save_score(db.get_ref(), user.user, id, bid_id, question_id, &body).await?))
}

/// Sends one's scores; they are locked from then on.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/submit", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<MyScore>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/tenders/{id}/submit")]
pub async fn submit_scores(
    user: RequireRole<Evaluator>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::submit(db.get_ref(), user.user, *id).await?))
}

/// Every score side by side, spreads, medians, agreed scores, totals, ranking and the
/// sensitivity check; once the scoring window has closed.
#[utoipa::path(get, path = "/api/v1/tenders/{id}/evaluation", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Evaluation), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/tenders/{id}/evaluation")]
pub async fn get_evaluation(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::evaluation(db.get_ref(), user.user, *id).await?))
}

/// Records the moderation meeting's agreed score and rationale for one bid and question.
#[utoipa::path(post, path = "/api/v1/tenders/{id}/consensus", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewConsensus,
    responses((status = 204), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError),
              (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError), (status = 422, body = shared::ApiError)))]
#[post("/tenders/{id}/consensus")]
pub async fn record_consensus(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<NewConsensus>,
) -> Result<HttpResponse, FlowError> {
    flow::record_consensus(db.get_ref(), user.user, *id, &body).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The whole evaluation with its audit trail, as CSV for the procurement file.
#[utoipa::path(get, path = "/api/v1/tenders/{id}/export", tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError), (status = 404, body = shared::ApiError), (status = 409, body = shared::ApiError)))]
#[get("/tenders/{id}/export")]
pub async fn export_evaluation(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::export(db.get_ref(), user.user, *id).await?;
    Ok(super::export::csv_response("tender-evaluation.csv", body))
}

/// The provider directory (shared between organisations).
#[utoipa::path(get, path = "/api/v1/providers", tag = "tenders", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProviderSummary>), (status = 401, body = shared::ApiError), (status = 403, body = shared::ApiError)))]
#[get("/providers")]
pub async fn list_providers(
    _user: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::providers(db.get_ref()).await?))
}
