//! A young person's news: the other flows tell them (`tell`, in the transaction of the
//! decision, which also queues a push to their phones); here they read it, each piece put in
//! words from what it is about now, and say which they have seen.

use crate::auth::AuthUser;
use crate::domain::ids::OrganisationId;
use crate::flows::FlowError;
use crate::store;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use shared::api::{News, NewsItem, NewsKind, NewsSeen};
use shared::validate::Invalid;
use shared::Reason;
use std::collections::HashMap;
use uuid::Uuid;

/// Tells each of `young_people` that `kind` happened to `subject_id`, in the caller's
/// transaction, and pushes to their phones when it is news to them.
pub async fn tell(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    young_people: &[Uuid],
    kind: NewsKind,
    subject_id: Uuid,
) -> Result<(), FlowError> {
    if store::news::tell(db, organisation_id, young_people, kind, subject_id).await? > 0 {
        super::push::tell(db, organisation_id, young_people).await?;
    }
    Ok(())
}

/// How many pieces of news a young person is shown, and may mark seen at once.
pub const SHOWN: u64 = 100;

/// The young person's newest `limit` pieces of news (the page shows `SHOWN`; the export all).
pub async fn list(
    db: &DatabaseConnection,
    organisation_id: OrganisationId,
    young_person: Uuid,
    limit: u64,
) -> Result<News, FlowError> {
    let rows = store::news::newest(db, young_person, limit).await?;
    let unread = store::news::unread(db, young_person).await?;
    let subjects = |kinds: &[NewsKind]| -> Vec<Uuid> {
        rows.iter()
            .filter(|n| kinds.contains(&n.kind))
            .map(|n| n.subject_id)
            .collect()
    };
    let feedback: HashMap<Uuid, _> = store::feedback::by_author_among(
        db,
        young_person,
        &subjects(&[NewsKind::FeedbackPublished, NewsKind::FeedbackNotPublished]),
    )
    .await?
    .into_iter()
    .map(|f| (f.id, f))
    .collect();
    let responses: HashMap<Uuid, _> = store::responses::by_ids(db, &subjects(&[NewsKind::WeDid]))
        .await?
        .into_iter()
        .filter(|r| r.organisation_id == organisation_id)
        .map(|r| (r.id, r))
        .collect();
    // A provider's reply reaches young people only once approved.
    let replies: HashMap<Uuid, _> =
        store::provider_replies::by_ids(db, &subjects(&[NewsKind::ProviderReply]))
            .await?
            .into_iter()
            .filter(|r| {
                r.organisation_id == organisation_id
                    && r.status == shared::api::ModerationStatus::Approved
            })
            .map(|r| (r.id, r))
            .collect();
    let panels = store::tenders::titles(
        db,
        &subjects(&[NewsKind::PanelApproved, NewsKind::PanelOutcome]),
    )
    .await?;
    let mut service_ids: Vec<Uuid> = feedback
        .values()
        .map(|f| f.service_id)
        .chain(responses.values().map(|r| r.service_id))
        .chain(replies.values().map(|r| r.service_id))
        .collect();
    service_ids.sort();
    service_ids.dedup();
    let services = store::services::names(db, &service_ids).await?;
    let service_name = |id: &Uuid| services.get(id).cloned().unwrap_or_default();
    let items = rows
        .into_iter()
        .filter_map(|n| {
            let mut item = NewsItem {
                id: n.id,
                kind: n.kind,
                at: n.created_at,
                read: n.read_at.is_some(),
                about: String::new(),
                feedback_id: None,
                panel_id: None,
                not_published: None,
                we_did: None,
            };
            match n.kind {
                NewsKind::FeedbackPublished | NewsKind::FeedbackNotPublished => {
                    let f = feedback.get(&n.subject_id)?;
                    item.about = service_name(&f.service_id);
                    item.feedback_id = Some(f.id);
                    item.not_published = super::responses::not_published(f);
                }
                NewsKind::WeDid => {
                    let r = responses.get(&n.subject_id)?;
                    item.about = service_name(&r.service_id);
                    item.feedback_id = r.feedback_id;
                    item.we_did = Some(r.body.clone());
                }
                NewsKind::PanelApproved | NewsKind::PanelOutcome => {
                    item.about = panels.get(&n.subject_id)?.clone();
                    item.panel_id = Some(n.subject_id);
                }
                NewsKind::ProviderReply => {
                    let r = replies.get(&n.subject_id)?;
                    item.about = service_name(&r.service_id);
                    item.feedback_id = r.feedback_id;
                    item.we_did = Some(r.body.clone());
                }
            }
            Some(item)
        })
        .collect();
    Ok(News {
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
        items,
    })
}

pub async fn seen(
    db: &DatabaseConnection,
    young_person: AuthUser,
    seen: &NewsSeen,
) -> Result<(), FlowError> {
    if seen.ids.len() as u64 > SHOWN {
        return Err(Invalid {
            field: "ids",
            reason: Reason::TooManyNews,
            message: format!("Mark at most {SHOWN} pieces of news as seen at once."),
        }
        .into());
    }
    store::news::mark_seen(db, young_person.id, &seen.ids).await?;
    Ok(())
}

/// One piece of news in plain English, as the export writes it.
pub fn in_words(item: &NewsItem) -> String {
    let about = &item.about;
    match item.kind {
        NewsKind::FeedbackPublished => {
            format!("Your feedback about {about} was read and published.")
        }
        NewsKind::FeedbackNotPublished => match &item.not_published {
            Some(np) => format!(
                "Your feedback about {about} was read; your words were not published: {}",
                np.explanation
            ),
            None => format!("Your feedback about {about} was read; your words were not published."),
        },
        NewsKind::WeDid => format!(
            "You said, we did ({about}): {}",
            item.we_did.as_deref().unwrap_or_default()
        ),
        NewsKind::PanelApproved => format!("You were approved for the panel \"{about}\"."),
        NewsKind::PanelOutcome => format!("The panel \"{about}\" has decided."),
        NewsKind::ProviderReply => format!(
            "The people who run {about} answered: {}",
            item.we_did.as_deref().unwrap_or_default()
        ),
    }
}
