//! Tenders: commissioners set them up and score the professionals' questions; participation
//! officers run the panel and its moderation meeting. Scoring is shared with young people.

use super::refusals::{Conflict, NotFound, SignedIn, Unprocessable};
use crate::auth::{Commissioner, Evaluator, Officer, RequireRole, Staff, TenderStaff};
use crate::flows::tenders as flow;
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::routes;
use shared::tender::{
    Evaluation, Member, MemberStatus, MyScore, NewBid, NewConsensus, NewExclusion, NewTender,
    ProviderSummary, ScoreDraft, StaffBid, TenderDetail, TenderSummary,
};
use uuid::Uuid;

pub fn config(cfg: &mut web::ServiceConfig) {
    // A whole tender or bid is bigger than the 64 KB other bodies may be: each route takes the
    // largest valid one (`MAX_BODY_BYTES`, tested in `shared`).
    super::at(cfg, routes::LIST_TENDERS, list_tenders);
    super::at_with_body_limit(
        cfg,
        routes::CREATE_TENDER,
        create_tender,
        NewTender::MAX_BODY_BYTES,
    );
    super::at(cfg, routes::GET_TENDER, get_tender);
    super::at_with_body_limit(cfg, routes::ADD_BID, add_bid, NewBid::MAX_BODY_BYTES);
    super::at(cfg, routes::OPEN_PANEL, open_panel);
    super::at(cfg, routes::END_SCORING, end_scoring);
    super::at(cfg, routes::CLOSE_PANEL, close_panel);
    super::at(cfg, routes::LIST_MEMBERS, list_members);
    super::at(cfg, routes::APPROVE_MEMBER, approve_member);
    super::at(cfg, routes::DECLINE_MEMBER, decline_member);
    super::at(cfg, routes::EXCLUDE_MEMBER, exclude_member);
    super::at(cfg, routes::SAVE_SCORE, save_score);
    super::at(cfg, routes::SUBMIT_SCORES, submit_scores);
    super::at(cfg, routes::GET_EVALUATION, get_evaluation);
    super::at(cfg, routes::RECORD_CONSENSUS, record_consensus);
    super::at(cfg, routes::EXPORT_EVALUATION, export_evaluation);
    super::at(cfg, routes::LIST_PROVIDERS, list_providers);
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

/// The organisation's tenders, newest first; as CSV with `format=csv`.
#[utoipa::path(get, path = routes::LIST_TENDERS.path, tag = "tenders", security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = Vec<TenderSummary>), SignedIn, Unprocessable))]
pub async fn list_tenders(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, FlowError> {
    let csv = super::export::wants_csv(query.format.as_deref())?;
    let tenders = flow::list(db.get_ref(), user.user).await?;
    if csv {
        let body = flow::list_csv(&tenders);
        return Ok(super::export::csv_response("chorus-tenders.csv", body));
    }
    Ok(HttpResponse::Ok().json(tenders))
}

/// Creates a tender (a draft) with its questions.
#[utoipa::path(post, path = routes::CREATE_TENDER.path, tag = "tenders", security(("bearer" = [])), request_body = NewTender,
    responses((status = 201, body = TenderDetail), SignedIn, Unprocessable))]
pub async fn create_tender(
    user: RequireRole<Commissioner>,
    db: web::Data<DatabaseConnection>,
    body: web::Json<NewTender>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Created().json(flow::create(db.get_ref(), user.user, &body).await?))
}

/// One tender with its questions and bids (bidders and prices: staff only).
#[utoipa::path(get, path = routes::GET_TENDER.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), SignedIn, NotFound))]
pub async fn get_tender(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::get(db.get_ref(), user.user, *id).await?))
}

/// Adds a bid while the tender is a draft.
#[utoipa::path(post, path = routes::ADD_BID.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewBid,
    responses((status = 201, body = StaffBid), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn add_bid(
    user: RequireRole<Commissioner>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
    body: web::Json<NewBid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Created().json(flow::add_bid(db.get_ref(), user.user, *id, &body).await?))
}

/// Opens the panel for interest; the bids get their letters at random.
#[utoipa::path(post, path = routes::OPEN_PANEL.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), SignedIn, NotFound, Conflict))]
pub async fn open_panel(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::open(db.get_ref(), user.user, *id).await?))
}

/// Ends the scoring window now.
#[utoipa::path(post, path = routes::END_SCORING.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TenderDetail), SignedIn, NotFound, Conflict))]
pub async fn end_scoring(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::end_scoring(db.get_ref(), user.user, *id).await?))
}

/// Closes the panel once every agreed score is recorded.
#[utoipa::path(post, path = routes::CLOSE_PANEL.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Evaluation), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn close_panel(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::close(db.get_ref(), user.user, *id).await?))
}

/// The panel's members with their training, conflicts and exclusions.
#[utoipa::path(get, path = routes::LIST_MEMBERS.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Member>), SignedIn, NotFound))]
pub async fn list_members(
    user: RequireRole<Officer>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::members(db.get_ref(), user.user, *id).await?))
}

#[utoipa::path(post, path = routes::APPROVE_MEMBER.path, tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
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

#[utoipa::path(post, path = routes::DECLINE_MEMBER.path, tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204), SignedIn, NotFound, Conflict))]
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
#[utoipa::path(post, path = routes::EXCLUDE_MEMBER.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewExclusion,
    responses((status = 204), SignedIn, NotFound, Conflict, Unprocessable))]
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
#[utoipa::path(put, path = routes::SAVE_SCORE.path, tag = "tenders", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("bid_id" = Uuid, Path), ("question_id" = Uuid, Path)), request_body = ScoreDraft,
    responses((status = 200, body = MyScore), SignedIn, NotFound, Conflict, Unprocessable))]
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
#[utoipa::path(post, path = routes::SUBMIT_SCORES.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<MyScore>), SignedIn, NotFound, Conflict, Unprocessable))]
pub async fn submit_scores(
    user: RequireRole<Evaluator>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::submit(db.get_ref(), user.user, *id).await?))
}

/// Every score side by side, spreads, medians, agreed scores, totals, ranking and the
/// sensitivity check; once the scoring window has closed.
#[utoipa::path(get, path = routes::GET_EVALUATION.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Evaluation), SignedIn, NotFound, Conflict))]
pub async fn get_evaluation(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::evaluation(db.get_ref(), user.user, *id).await?))
}

/// Records the moderation meeting's agreed score and rationale for one bid and question.
#[utoipa::path(post, path = routes::RECORD_CONSENSUS.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = NewConsensus,
    responses((status = 204), SignedIn, NotFound, Conflict, Unprocessable))]
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
#[utoipa::path(get, path = routes::EXPORT_EVALUATION.path, tag = "tenders", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "text/csv", body = String), SignedIn, NotFound, Conflict))]
pub async fn export_evaluation(
    user: RequireRole<TenderStaff>,
    db: web::Data<DatabaseConnection>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, FlowError> {
    let body = flow::export(db.get_ref(), user.user, *id).await?;
    Ok(super::export::csv_response("tender-evaluation.csv", body))
}

/// The provider directory (shared between organisations).
#[utoipa::path(get, path = routes::LIST_PROVIDERS.path, tag = "tenders", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProviderSummary>), SignedIn))]
pub async fn list_providers(
    _user: RequireRole<Staff>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flow::providers(db.get_ref()).await?))
}
