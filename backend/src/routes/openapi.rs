//! The OpenAPI document, generated from the handlers' annotations.

use actix_web::{get, web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Chorus API", version = "1", description = "The young people's voice and co-production platform."),
    paths(
        super::health::get_health,
        super::data_rights::young_person_services,
        super::data_rights::link_service,
        super::data_rights::set_age_band,
        super::data_rights::deactivate_young_person,
        super::data_rights::reactivate_young_person,
        super::data_rights::unlink_service,
        super::invites::create_invite_batch,
        super::accounts::list_staff,
        super::accounts::invite_staff,
        super::accounts::get_organisation,
        super::accounts::put_organisation,
        super::accounts::finish_set_up,
        super::auth::request_password_reset,
        super::auth::set_password,
        super::auth::reset_pin,
        super::data_rights::issue_pin_reset,
        super::accounts::deactivate_staff,
        super::accounts::reactivate_staff,
        super::directory::import_directory,
        super::directory::get_directory,
        super::directory::add_service,
        super::directory::edit_service,
        super::directory::retire_service,
        super::directory::restore_service,
        super::directory::edit_provider,
        super::second_factor::my_second_factor,
        super::second_factor::new_recovery_codes,
        super::second_factor::reset_second_factor,
        super::health::get_live,
        super::auth::sign_in_staff,
        super::auth::sign_in_staff_code,
        super::auth::sign_in_young_person,
        super::auth::refresh_session,
        super::auth::sign_out,
        super::auth::sign_out_everywhere,
        super::invites::check_invite,
        super::invites::redeem_invite,
        super::invites::create_invite,
        super::me::get_me,
        super::me::list_my_services,
        super::feedback::submit_feedback,
        super::me::list_my_feedback,
        super::me::get_my_news,
        super::me::seen_my_news,
        super::me::get_push_key,
        super::me::turn_push_on,
        super::me::turn_push_off,
        super::moderation::list_pending_feedback,
        super::moderation::get_feedback_original,
        super::moderation::approve_feedback,
        super::moderation::reject_feedback,
        super::moderation::escalate_feedback,
        super::safeguarding::list_alerts,
        super::safeguarding::acknowledge_alert,
        super::safeguarding::get_case,
        super::safeguarding::record_case_action,
        super::safeguarding::close_case,
        super::safeguarding::case_young_person,
        super::safeguarding::get_phrases,
        super::safeguarding::put_phrases,
        super::safeguarding::get_mail_status,
        super::safeguarding::get_duty_rota,
        super::safeguarding::put_duty_rota,
        super::responses::create_response,
        super::audit::verify_audit_log,
        super::audit::export_audit_log,
        super::dashboard::get_scores,
        super::dashboard::get_service_detail,
        super::dashboard::get_kpis,
        super::dashboard::get_quarterly_report,
        super::provider::get_scores,
        super::provider::get_service,
        super::regions::get_region_scores,
        super::dashboard::get_assisted_scores,
        super::regions::list_regions,
        super::regions::create_region,
        super::regions::join_region,
        super::regions::leave_region,
        super::replies::create,
        super::replies::pending,
        super::replies::approve,
        super::replies::reject,
        super::services::list_services,
        super::data_rights::export_my_data,
        super::data_rights::list_young_people,
        super::data_rights::export_young_person,
        super::data_rights::erase_young_person,
        super::data_rights::unlock_young_person,
        super::assisted::open_assisted_session,
        super::data_rights::get_retention,
        super::data_rights::put_retention,
        super::tenders::list_tenders,
        super::tenders::create_tender,
        super::tenders::get_tender,
        super::tenders::add_bid,
        super::tenders::open_panel,
        super::tenders::end_scoring,
        super::tenders::close_panel,
        super::tenders::list_members,
        super::tenders::approve_member,
        super::tenders::decline_member,
        super::tenders::exclude_member,
        super::tenders::save_score,
        super::tenders::submit_scores,
        super::tenders::get_evaluation,
        super::tenders::record_consensus,
        super::tenders::export_evaluation,
        super::tenders::list_providers,
        super::panels::list_panels,
        super::panels::get_panel,
        super::panels::express_interest,
        super::panels::get_conflicts,
        super::panels::declare_conflicts,
        super::panels::list_panel_bids,
        super::panels::get_panel_bid,
        super::panels::get_outcome,
        super::panels::get_training,
        super::panels::take_quiz,
        super::panels::get_participation,
    ),
    components(schemas(shared::ApiError)),
    modifiers(&UnderBase, &BearerAuth)
)]
pub struct ApiDoc;

/// The handlers' paths are the route table's, relative to `/api/v1`; the document gives them whole.
struct UnderBase;

impl Modify for UnderBase {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let paths = std::mem::take(&mut openapi.paths.paths);
        openapi.paths.paths = paths
            .into_iter()
            .map(|(path, item)| (format!("{}{path}", shared::routes::BASE), item))
            .collect();
    }
}

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
