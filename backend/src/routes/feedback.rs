//! A young person's feedback on a service. The phone makes the id, so retries store it once.
//! Submissions are stored in batches by the group-commit writer (`jobs::group_commit`); each
//! request is answered only after its batch has committed.

use crate::auth::{RequireRole, YoungPerson};
use crate::flows::feedback::Submitted;
use crate::flows::FlowError;
use crate::jobs::group_commit::SubmissionWriter;
use crate::store::{self, feedback::Stored};
use actix_web::{post, web, HttpResponse};
use shared::api::{FeedbackReceipt, NewFeedback};
use shared::validate::{feedback_words, FreeText, Invalid};
use shared::Reason;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(submit_feedback);
}

/// Submits feedback. 201 when stored now, 200 when this id was already stored (a retry).
#[utoipa::path(post, path = "/api/v1/feedback", tag = "feedback", request_body = NewFeedback,
    security(("bearer" = [])),
    responses((status = 201, body = FeedbackReceipt), (status = 200, body = FeedbackReceipt),
              (status = 400, body = shared::ApiError), (status = 401, body = shared::ApiError),
              (status = 403, body = shared::ApiError), (status = 409, body = shared::ApiError),
              (status = 422, body = shared::ApiError)))]
#[post("/feedback")]
#[tracing::instrument(skip_all, fields(feedback_id = %body.id))]
pub async fn submit_feedback(
    young_person: RequireRole<YoungPerson>,
    limits: web::Data<crate::auth::limits::Limits>,
    writer: web::Data<SubmissionWriter>,
    body: web::Json<NewFeedback>,
) -> Result<HttpResponse, FlowError> {
    limits.submit(young_person.id)?;
    let body = body.into_inner();
    let (tell_us_more, make_better) = feedback_words(
        &body.answers,
        body.tell_us_more.as_deref(),
        body.make_better.as_deref(),
        body.wants_talk,
    )?;
    let submitted = writer
        .submit(store::feedback::NewFeedback {
            id: body.id,
            organisation_id: young_person.organisation_id,
            service_id: body.service_id,
            author_id: young_person.id,
            answers: body.answers,
            tell_us_more: tell_us_more.map(FreeText::into_inner),
            make_better: make_better.map(FreeText::into_inner),
            named: body.named,
            wants_talk: body.wants_talk,
        })
        .await?;
    let stored = match submitted {
        Submitted::Stored(stored) => stored,
        Submitted::NotLinked => return Err(Invalid {
            field: "service_id",
            reason: Reason::UnknownService,
            message:
                "We could not find that service in your list. Please go back and choose it again."
                    .into(),
        }
        .into()),
    };
    match stored {
        Stored::Created(received_at) => Ok(HttpResponse::Created().json(FeedbackReceipt {
            id: body.id,
            received_at,
        })),
        Stored::AlreadyStored(received_at) => Ok(HttpResponse::Ok().json(FeedbackReceipt {
            id: body.id,
            received_at,
        })),
        Stored::IdTaken => Err(FlowError::Conflict(
            Reason::FeedbackIdTaken,
            "That feedback id is already used. Please send it again from the app.",
        )),
    }
}
