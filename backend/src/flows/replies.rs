//! A provider's right of reply: to a theme young people raised about one of its services, or to
//! a "we did". The council's commissioners read it on the service's page at once; a
//! participation officer approves it (or not) before it reaches the young people who spoke, as
//! news. Audited at each step. A provider never learns who, or how many, it reached.

use super::responses::Addressed;
use crate::auth::AuthUser;
use crate::domain::quarter::Quarter;
use crate::flows::FlowError;
use crate::store::{self, entities::provider_reply};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
use serde_json::json;
use shared::api::{ModerationStatus, NewProviderReply, NewsKind, ProviderReply, ReplyApproved};
use shared::validate::{FreeText, Invalid};
use shared::{Dimension, Reason};
use std::collections::HashMap;
use uuid::Uuid;

const NOT_FOUND: FlowError = FlowError::NotFound(
    Reason::ReplyNotFound,
    "We could not find that reply waiting for a decision.",
);

fn invalid(field: &'static str, reason: Reason, message: &str) -> FlowError {
    Invalid::new(field, reason, message).into()
}

/// Whom a reply is for.
fn addressed(reply: &provider_reply::Model) -> Addressed<'_> {
    Addressed {
        service_id: reply.service_id,
        feedback_id: reply.feedback_id,
        dimension: reply.dimension.as_deref(),
        quarter: reply.quarter.as_deref(),
    }
}

/// A reply as staff and its provider see it, with its service's names.
fn view(reply: provider_reply::Model, (service, provider): (&str, &str)) -> ProviderReply {
    ProviderReply {
        id: reply.id,
        service_id: reply.service_id,
        service_name: service.to_owned(),
        provider_name: provider.to_owned(),
        response_id: reply.response_id,
        dimension: reply
            .dimension
            .as_deref()
            .and_then(|d| Dimension::ALL.into_iter().find(|x| x.as_str() == d)),
        quarter: reply.quarter,
        body: reply.body,
        status: reply.status,
        created_at: reply.created_at,
    }
}

/// Each of the organisation's services' names and its provider's.
async fn names(
    db: &impl ConnectionTrait,
    organisation_id: crate::domain::ids::OrganisationId,
) -> Result<HashMap<Uuid, (String, String)>, DbErr> {
    Ok(store::services::list_for_organisation(db, organisation_id)
        .await?
        .into_iter()
        .map(|s| (s.id, (s.name, s.provider_name)))
        .collect())
}

fn views(
    replies: Vec<provider_reply::Model>,
    names: &HashMap<Uuid, (String, String)>,
) -> Vec<ProviderReply> {
    replies
        .into_iter()
        .filter_map(|r| {
            let (service, provider) = names.get(&r.service_id)?;
            Some(view(r, (service, provider)))
        })
        .collect()
}

/// A provider writes a reply about one of its own services: pending until an officer decides.
pub async fn create(
    db: &DatabaseConnection,
    author: &AuthUser,
    new: &NewProviderReply,
) -> Result<ProviderReply, FlowError> {
    let body = FreeText::parse("body", Some(&new.body))?
        .ok_or_else(|| invalid("body", Reason::BodyEmpty, "Please write your reply."))?;
    let quarter = match new.quarter.as_deref() {
        Some(q) => Some(Quarter::parse(q).ok_or_else(|| {
            invalid(
                "quarter",
                Reason::QuarterFormat,
                "A quarter looks like 2026-Q4.",
            )
        })?),
        None => None,
    };
    let txn = db.begin().await?;
    let org = author.organisation_id;
    let provider_id = store::provider_accounts::provider_of(&txn, org, author.id)
        .await?
        .ok_or(FlowError::Forbidden)?;
    if !store::provider_accounts::services_of(&txn, org, provider_id)
        .await?
        .contains(&new.service_id)
    {
        return Err(FlowError::NotFound(
            Reason::ServiceNotFound,
            "We could not find that service.",
        ));
    }
    let mut reply = provider_reply::Model {
        id: Uuid::new_v4(),
        organisation_id: org,
        provider_id,
        author_id: author.id,
        service_id: new.service_id,
        response_id: None,
        feedback_id: None,
        dimension: new.dimension.map(|d| d.as_str().to_owned()),
        quarter: quarter.map(|q| q.to_string()),
        body: body.into_inner(),
        status: ModerationStatus::Pending,
        created_at: Utc::now(),
        decided_at: None,
        decided_by: None,
    };
    if let Some(response_id) = new.response_id {
        // Answering a "we did": it reaches whom that reached.
        let not_this = || {
            invalid(
                "response_id",
                Reason::ResponseTarget,
                "Answer either a \"we did\" about this service, or a theme (an outcome and a quarter), not both.",
            )
        };
        if new.dimension.is_some() || quarter.is_some() {
            return Err(not_this());
        }
        let response = store::responses::by_ids(&txn, &[response_id])
            .await?
            .into_iter()
            .find(|r| r.organisation_id == org && r.service_id == new.service_id)
            .ok_or_else(not_this)?;
        reply.response_id = Some(response.id);
        reply.feedback_id = response.feedback_id;
        reply.dimension = response.dimension;
        reply.quarter = response.quarter;
    }
    let reply = store::provider_replies::insert(&txn, reply).await?;
    super::audit::record(
        &txn,
        org,
        author.id,
        "provider_reply_written",
        format!("provider_reply:{}", reply.id),
        json!({ "service_id": reply.service_id, "response_id": reply.response_id }),
    )
    .await?;
    let names = names(&txn, org).await?;
    txn.commit().await?;
    views(vec![reply], &names).pop().ok_or(NOT_FOUND)
}

/// The organisation's replies waiting for an officer, oldest first.
pub async fn pending(
    db: &DatabaseConnection,
    officer: &AuthUser,
) -> Result<Vec<ProviderReply>, FlowError> {
    let replies = store::provider_replies::pending(db, officer.organisation_id).await?;
    Ok(views(replies, &names(db, officer.organisation_id).await?))
}

/// Every reply about a service of the organisation, newest first (its page shows them).
pub async fn for_service(
    db: &impl ConnectionTrait,
    service: (Uuid, &str, &str),
) -> Result<Vec<ProviderReply>, DbErr> {
    let (id, name, provider) = service;
    Ok(store::provider_replies::for_service(db, id)
        .await?
        .into_iter()
        .map(|r| view(r, (name, provider)))
        .collect())
}

/// An officer approves a pending reply: it goes, as news, to each young person it is for.
pub async fn approve(
    db: &DatabaseConnection,
    officer: &AuthUser,
    id: Uuid,
) -> Result<ReplyApproved, FlowError> {
    let txn = db.begin().await?;
    let org = officer.organisation_id;
    let reply =
        store::provider_replies::decide(&txn, org, id, officer.id, ModerationStatus::Approved)
            .await?
            .ok_or(NOT_FOUND)?;
    let candidates = store::feedback::for_service(&txn, reply.service_id).await?;
    let authors = addressed(&reply).authors(&candidates);
    super::news::tell(&txn, org, &authors, NewsKind::ProviderReply, reply.id).await?;
    super::audit::record(
        &txn,
        org,
        officer.id,
        "provider_reply_approved",
        format!("provider_reply:{id}"),
        json!({ "reaches": authors.len() }),
    )
    .await?;
    txn.commit().await?;
    Ok(ReplyApproved {
        reaches_young_people: authors.len() as u64,
    })
}

/// An officer decides a pending reply should not go to young people (commissioners still read
/// it, marked so).
pub async fn reject(
    db: &DatabaseConnection,
    officer: &AuthUser,
    id: Uuid,
) -> Result<(), FlowError> {
    let txn = db.begin().await?;
    let org = officer.organisation_id;
    store::provider_replies::decide(&txn, org, id, officer.id, ModerationStatus::Rejected)
        .await?
        .ok_or(NOT_FOUND)?;
    super::audit::record(
        &txn,
        org,
        officer.id,
        "provider_reply_rejected",
        format!("provider_reply:{id}"),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
