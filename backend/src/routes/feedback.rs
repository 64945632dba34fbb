//! A young person's feedback on a service. The phone makes the id, so retries are kept once.
//! Submissions are saved in batches by the group-commit writer (`flows::feedback::writer`);
//! each request is answered only after its batch has committed.

use super::refusals::{BadRequest, Conflict, SignedIn, Unprocessable};
use crate::auth::{Child, RequireRole};
use crate::flows::feedback::{self as flow, writer::SubmissionWriter, Receipt};
use crate::flows::FlowError;
use actix_web::{web, HttpResponse};
use shared::api::{FeedbackReceipt, NewFeedback};
use shared::routes;

pub fn config(cfg: &mut web::ServiceConfig) {
    super::at(cfg, routes::SUBMIT_FEEDBACK, submit_feedback);
}

/// Submits feedback. 201 when saved now, 200 when this id was already saved (a retry). In an
/// assisted session it is stored as the child's, marked as helped by the officer.
#[utoipa::path(post, path = routes::SUBMIT_FEEDBACK.path, tag = "feedback", request_body = NewFeedback,
    security(("bearer" = [])),
    responses((status = 201, body = FeedbackReceipt), (status = 200, body = FeedbackReceipt), SignedIn, BadRequest, Conflict, Unprocessable))]
#[tracing::instrument(skip_all, fields(feedback_id = %body.id))]
pub async fn submit_feedback(
    young_person: RequireRole<Child>,
    limits: web::Data<crate::auth::limits::Limits>,
    writer: web::Data<SubmissionWriter>,
    body: web::Json<NewFeedback>,
) -> Result<HttpResponse, FlowError> {
    limits.submit(young_person.id)?;
    match flow::submit(&writer, young_person.user, body.into_inner()).await? {
        Receipt::Created(receipt) => Ok(HttpResponse::Created().json(receipt)),
        Receipt::AlreadyStored(receipt) => Ok(HttpResponse::Ok().json(receipt)),
    }
}
