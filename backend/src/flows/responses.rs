//! "You said, we did": staff answer one piece of feedback or a theme, and each young person
//! concerned sees it beside their own feedback.

use crate::domain::quarter::Quarter;
use crate::flows::FlowError;
use crate::store::{self, entities::feedback};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{
    CreatedResponse, ModerationStatus, MyFeedback, MyFeedbackStatus, NewResponse, NewsKind,
    NotPublished, RejectionReason, WeDid,
};
use shared::validate::{FreeText, Invalid};
use shared::Dimension;
use shared::Reason;
use std::collections::HashMap;
use uuid::Uuid;

fn invalid(field: &'static str, reason: Reason, message: &str) -> FlowError {
    FlowError::Invalid(Invalid {
        field,
        reason,
        message: message.to_owned(),
    })
}

/// The theme a response is about.
struct Theme {
    service_id: Uuid,
    dimension: Option<Dimension>,
    quarter: Option<Quarter>,
}

/// Whom an answer is for: one piece of feedback, or a theme of a service (an outcome and a
/// quarter, either or both, or the whole service). A "we did" and a provider's reply alike.
pub struct Addressed<'a> {
    pub service_id: Uuid,
    pub feedback_id: Option<Uuid>,
    pub dimension: Option<&'a str>,
    pub quarter: Option<&'a str>,
}

impl Addressed<'_> {
    /// Does it reach the author of `item`? Rejected feedback is reached only when answered itself.
    pub fn reaches(&self, item: &feedback::Model) -> bool {
        if let Some(feedback_id) = self.feedback_id {
            return feedback_id == item.id;
        }
        let answers = store::feedback::answers_of(item);
        self.service_id == item.service_id
            && item.status != ModerationStatus::Rejected
            && self
                .quarter
                .is_none_or(|q| Quarter::of(item.received_at).to_string() == q)
            && self
                .dimension
                .is_none_or(|d| answers.answered().any(|(dim, _)| dim.as_str() == d))
    }

    /// The authors of `items` it reaches, each once.
    pub fn authors(&self, items: &[feedback::Model]) -> Vec<Uuid> {
        let mut authors: Vec<Uuid> = items
            .iter()
            .filter(|f| self.reaches(f))
            .map(|f| f.author_id)
            .collect();
        authors.sort();
        authors.dedup();
        authors
    }
}

/// Whom a response is for.
pub fn addressed(response: &store::entities::response::Model) -> Addressed<'_> {
    Addressed {
        service_id: response.service_id,
        feedback_id: response.feedback_id,
        dimension: response.dimension.as_deref(),
        quarter: response.quarter.as_deref(),
    }
}

/// Does this response reach the author of `item`?
pub fn reaches(response: &store::entities::response::Model, item: &feedback::Model) -> bool {
    addressed(response).reaches(item)
}

pub async fn create(
    db: &DatabaseConnection,
    author: crate::auth::AuthUser,
    new: &NewResponse,
) -> Result<CreatedResponse, FlowError> {
    let body = FreeText::parse("body", Some(&new.body))?
        .ok_or_else(|| invalid("body", Reason::BodyEmpty, "Please write what was done."))?;
    let txn = db.begin().await?;
    let (feedback_id, theme) = match (new.feedback_id, new.service_id) {
        (Some(feedback_id), None) => {
            let item = store::feedback::find_in_organisation(&txn, author.organisation_id, feedback_id)
                .await?
                .ok_or(FlowError::NotFound(Reason::FeedbackNotFound, "We could not find that feedback."))?;
            (Some(item.id), Theme { service_id: item.service_id, dimension: None, quarter: None })
        }
        (None, Some(service_id)) => {
            let found = store::services::existing_in_organisation(&txn, author.organisation_id, &[service_id]).await?;
            if found.is_empty() {
                return Err(invalid("service_id", Reason::UnknownService, "That is not one of your organisation's services."));
            }
            let quarter = match new.quarter.as_deref() {
                Some(q) => Some(Quarter::parse(q).ok_or_else(|| {
                    invalid("quarter", Reason::QuarterFormat, "A quarter looks like 2026-Q4.")
                })?),
                None => None,
            };
            (None, Theme { service_id, dimension: new.dimension, quarter })
        }
        _ => {
            return Err(invalid(
                "feedback_id",
                Reason::ResponseTarget,
                "Choose either one piece of feedback or a service (with an outcome and a quarter if you like).",
            ))
        }
    };
    let response = store::responses::insert(
        &txn,
        store::responses::NewResponse {
            organisation_id: author.organisation_id,
            author_id: author.id,
            feedback_id,
            service_id: theme.service_id,
            dimension: theme.dimension.map(|d| d.as_str().to_owned()),
            quarter: theme.quarter.map(|q| q.to_string()),
            body: body.into_inner(),
        },
    )
    .await?;
    let candidates = store::feedback::for_service(&txn, theme.service_id).await?;
    let authors = addressed(&response).authors(&candidates);
    crate::flows::news::tell(
        &txn,
        author.organisation_id,
        &authors,
        NewsKind::WeDid,
        response.id,
    )
    .await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: author.organisation_id,
            actor_id: Some(author.id),
            action: "response_written",
            subject: format!("response:{}", response.id),
            details: json!({
                "feedback_id": feedback_id,
                "service_id": theme.service_id,
                "dimension": response.dimension,
                "quarter": response.quarter,
                "reaches": authors.len(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedResponse {
        id: response.id,
        reaches_young_people: authors.len() as u64,
    })
}

/// A young person's own feedback with its status, the responses that reach it and, when their
/// words were not published, why.
pub async fn my_feedback(
    db: &DatabaseConnection,
    young_person: Uuid,
) -> Result<Vec<MyFeedback>, FlowError> {
    let items = store::feedback::by_author(db, young_person, 200).await?;
    let mut service_ids: Vec<Uuid> = items.iter().map(|f| f.service_id).collect();
    service_ids.sort();
    service_ids.dedup();
    let responses = store::responses::for_services(db, &service_ids).await?;
    let names: HashMap<Uuid, String> = store::services::names(db, &service_ids).await?;
    Ok(items
        .into_iter()
        .map(|item| {
            let reaching: Vec<WeDid> = responses
                .iter()
                .filter(|r| reaches(r, &item))
                .map(|r| WeDid {
                    id: r.id,
                    body: r.body.clone(),
                    created_at: r.created_at,
                })
                .collect();
            let status = if !reaching.is_empty() {
                MyFeedbackStatus::Changed
            } else if item.read_at.is_some() || item.moderated_at.is_some() {
                MyFeedbackStatus::Read
            } else {
                MyFeedbackStatus::Sent
            };
            let not_published = not_published(&item);
            MyFeedback {
                id: item.id,
                service_name: names.get(&item.service_id).cloned().unwrap_or_default(),
                received_at: item.received_at,
                status,
                answers: store::feedback::answers_of(&item),
                tell_us_more: item.tell_us_more.clone(),
                make_better: item.make_better.clone(),
                not_published,
                responses: reaching,
            }
        })
        .collect())
}

/// Why the young person's words in `item` were not published, while they are not.
pub fn not_published(item: &feedback::Model) -> Option<NotPublished> {
    item.rejection_reason
        .as_deref()
        .and_then(RejectionReason::parse)
        .filter(|_| item.status == ModerationStatus::Rejected)
        .map(|reason| NotPublished {
            reason,
            explanation: reason.explanation().to_owned(),
            note: item.rejection_note.clone(),
        })
}
