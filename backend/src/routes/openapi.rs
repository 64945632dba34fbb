//! The OpenAPI document, generated from the handlers' annotations.

use actix_web::{get, web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Chorus API", version = "1", description = "The young people's voice and co-production platform."),
    paths(
        super::health::get_health,
        super::auth::sign_in_staff,
        super::auth::sign_in_young_person,
        super::auth::refresh_session,
        super::auth::sign_out,
        super::invites::check_invite,
        super::invites::redeem_invite,
        super::invites::create_invite,
        super::me::get_me,
        super::me::list_my_services,
        super::feedback::submit_feedback,
        super::me::list_my_feedback,
        super::moderation::list_pending_feedback,
        super::moderation::get_feedback_original,
        super::moderation::approve_feedback,
        super::moderation::reject_feedback,
        super::moderation::escalate_feedback,
        super::safeguarding::list_alerts,
        super::safeguarding::acknowledge_alert,
        super::safeguarding::get_phrases,
        super::safeguarding::put_phrases,
        super::responses::create_response,
        super::audit::verify_audit_log,
        super::audit::export_audit_log,
        super::dashboard::get_scores,
        super::dashboard::get_service_detail,
        super::dashboard::get_kpis,
        super::services::list_services,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(get_openapi);
}

#[get("/openapi.json")]
pub async fn get_openapi() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
