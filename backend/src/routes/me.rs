use super::refusals::{BadRequest, NotFound, SignedIn, Unauthenticated, Unprocessable};
use crate::auth::{AuthUser, Child, RequireRole, YoungPerson};
use crate::config::PushSettings;
use crate::flows::{self, FlowError};
use crate::push::Pusher;
use actix_web::{web, HttpResponse};
use sea_orm::DatabaseConnection;
use shared::api::{Me, MyService, News, NewsSeen, PushEndpoint, PushKey, PushSubscription};
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::GET_ME, get_me);
    super::at(cfg, routes::LIST_MY_SERVICES, list_my_services);
    super::at(cfg, routes::LIST_MY_FEEDBACK, list_my_feedback);
    super::at(cfg, routes::GET_MY_NEWS, get_my_news);
    super::at(cfg, routes::SEEN_MY_NEWS, seen_my_news);
    super::at(cfg, routes::GET_PUSH_KEY, get_push_key);
    super::at(cfg, routes::TURN_PUSH_ON, turn_push_on);
    super::at(cfg, routes::TURN_PUSH_OFF, turn_push_off);
}

/// Who is signed in.
#[utoipa::path(get, path = routes::GET_ME.path, tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Me), Unauthenticated))]
pub async fn get_me(
    user: AuthUser,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::sign_in::me(&db, user).await?))
}

/// The services in this young person's life, with the questions for their age band (also in
/// an assisted session for them).
#[utoipa::path(get, path = routes::LIST_MY_SERVICES.path, tag = "me", security(("bearer" = [])),
    responses((status = 200, body = [MyService]), SignedIn))]
pub async fn list_my_services(
    young_person: RequireRole<Child>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let services = flows::services::for_young_person(&db, young_person.user).await?;
    Ok(HttpResponse::Ok().json(services))
}

/// The young person's own feedback: status (sent, read, something changed), "we did" responses,
/// and why their words were not published when they were not.
#[utoipa::path(get, path = routes::LIST_MY_FEEDBACK.path, tag = "me", security(("bearer" = [])),
    responses((status = 200, body = [shared::api::MyFeedback]), SignedIn))]
pub async fn list_my_feedback(
    young_person: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let items = crate::flows::responses::my_feedback(db.get_ref(), young_person.id).await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(items))
}

/// The young person's news, newest first, with how many they have not seen.
#[utoipa::path(get, path = routes::GET_MY_NEWS.path, tag = "me", security(("bearer" = [])),
    responses((status = 200, body = News), SignedIn))]
pub async fn get_my_news(
    young_person: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
) -> Result<HttpResponse, FlowError> {
    let news = flows::news::list(
        &db,
        young_person.organisation_id,
        young_person.id,
        flows::news::SHOWN,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header(super::not_cached())
        .json(news))
}

/// The news the young person has seen (their own; others' ids change nothing).
#[utoipa::path(post, path = routes::SEEN_MY_NEWS.path, tag = "me", security(("bearer" = [])),
    request_body = NewsSeen, responses((status = 204), SignedIn, BadRequest, Unprocessable))]
pub async fn seen_my_news(
    young_person: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    seen: web::Json<NewsSeen>,
) -> Result<HttpResponse, FlowError> {
    flows::news::seen(&db, young_person.user, &seen).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The key a phone subscribes to Chorus's pushes with; 404 when this Chorus sends none.
#[utoipa::path(get, path = routes::GET_PUSH_KEY.path, tag = "me", security(("bearer" = [])),
    responses((status = 200, body = PushKey), SignedIn, NotFound))]
pub async fn get_push_key(
    _young_person: RequireRole<YoungPerson>,
    pusher: web::Data<Pusher>,
) -> Result<HttpResponse, FlowError> {
    Ok(HttpResponse::Ok().json(flows::push::key(&pusher)?))
}

/// Turns notifications on for this phone: a push saying only "You have news in Chorus" when
/// there is news.
#[utoipa::path(post, path = routes::TURN_PUSH_ON.path, tag = "me", security(("bearer" = [])),
    request_body = PushSubscription, responses((status = 204), SignedIn, NotFound, BadRequest, Unprocessable))]
pub async fn turn_push_on(
    young_person: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    pusher: web::Data<Pusher>,
    settings: web::Data<PushSettings>,
    subscription: web::Json<PushSubscription>,
) -> Result<HttpResponse, FlowError> {
    flows::push::subscribe(&db, &pusher, &settings, young_person.user, &subscription).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Turns notifications off for this phone.
#[utoipa::path(post, path = routes::TURN_PUSH_OFF.path, tag = "me", security(("bearer" = [])),
    request_body = PushEndpoint, responses((status = 204), SignedIn, BadRequest))]
pub async fn turn_push_off(
    young_person: RequireRole<YoungPerson>,
    db: web::Data<DatabaseConnection>,
    endpoint: web::Json<PushEndpoint>,
) -> Result<HttpResponse, FlowError> {
    flows::push::unsubscribe(&db, young_person.user, &endpoint).await?;
    Ok(HttpResponse::NoContent().finish())
}
