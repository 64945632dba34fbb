//! Score aggregates: kept up to date in the moderation transaction, rebuilt by `recompute`.
//! Both paths produce the same integers, so they can be compared exactly.

use super::entities::{feedback, score_aggregate};
use crate::domain::quarter::Quarter;
use crate::domain::scoring::Tally;
use crate::domain::windows::{self, Answered, Window, WindowKind};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect, StreamTrait,
};
use shared::api::ModerationStatus;
use shared::Dimension;
use std::collections::HashMap;
use uuid::Uuid;

pub type Key = (Uuid, Dimension, Window);

fn dimension_of(s: &str) -> Option<Dimension> {
    Dimension::ALL.into_iter().find(|d| d.as_str() == s)
}

fn to_model(
    organisation_id: Uuid,
    (service, dimension, window): Key,
    t: Tally,
) -> score_aggregate::Model {
    score_aggregate::Model {
        organisation_id,
        service_id: service,
        dimension: dimension.as_str().to_owned(),
        window_kind: window.kind.as_str().to_owned(),
        window_end: window.end.to_string(),
        n: t.n,
        sum: t.sum,
        sum_sq: t.sum_sq,
        positive: t.positive,
    }
}

fn from_model(m: &score_aggregate::Model) -> Option<(Key, Tally)> {
    let window = Window {
        kind: WindowKind::parse(&m.window_kind)?,
        end: Quarter::parse(&m.window_end)?,
    };
    Some((
        (m.service_id, dimension_of(&m.dimension)?, window),
        Tally {
            n: m.n,
            sum: m.sum,
            sum_sq: m.sum_sq,
            positive: m.positive,
        },
    ))
}

fn answered(f: &feedback::Model) -> Answered {
    Answered {
        id: f.id,
        at: f.received_at,
        answers: super::feedback::answers_of(f),
    }
}

/// A young person's approved submissions about one service.
pub async fn approved_by(
    db: &impl ConnectionTrait,
    author: Uuid,
    service: Uuid,
) -> Result<Vec<Answered>, DbErr> {
    Ok(feedback::Entity::find()
        .filter(feedback::Column::AuthorId.eq(author))
        .filter(feedback::Column::ServiceId.eq(service))
        .filter(feedback::Column::Status.eq(ModerationStatus::Approved.as_str()))
        .all(db)
        .await?
        .iter()
        .map(answered)
        .collect())
}

/// Applies the change in one young person's voices to the stored tallies (same transaction as
/// the moderation decision that caused it).
pub async fn apply_change(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    service: Uuid,
    before: &[Answered],
    after: &[Answered],
) -> Result<(), DbErr> {
    for ((dimension, window), old, new) in
        windows::changes(&windows::voices(before), &windows::voices(after))
    {
        let key = (service, dimension, window);
        let existing = score_aggregate::Entity::find_by_id((
            service,
            dimension.as_str().to_owned(),
            window.kind.as_str().to_owned(),
            window.end.to_string(),
        ))
        .one(db)
        .await?;
        let current = existing
            .as_ref()
            .and_then(from_model)
            .map(|(_, t)| t)
            .unwrap_or_default();
        let updated = windows::apply(current, old, new);
        let model = to_model(organisation_id, key, updated);
        match (existing, updated.n) {
            (Some(row), 0) => {
                score_aggregate::Entity::delete(row.into_active_model())
                    .exec(db)
                    .await?;
            }
            (Some(_), _) => {
                model.into_active_model().reset_all().update(db).await?;
            }
            (None, 0) => {}
            (None, _) => {
                score_aggregate::Entity::insert(model.into_active_model().reset_all())
                    .exec_without_returning(db)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Every stored tally of the organisation.
pub async fn stored(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> Result<HashMap<Key, Tally>, DbErr> {
    Ok(score_aggregate::Entity::find()
        .filter(score_aggregate::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .iter()
        .filter_map(from_model)
        .collect())
}

/// Tallies of one window for the whole organisation (the dashboard's read: O(services)).
pub async fn for_window(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    window: Window,
) -> Result<HashMap<Key, Tally>, DbErr> {
    Ok(score_aggregate::Entity::find()
        .filter(score_aggregate::Column::OrganisationId.eq(organisation_id))
        .filter(score_aggregate::Column::WindowKind.eq(window.kind.as_str()))
        .filter(score_aggregate::Column::WindowEnd.eq(window.end.to_string()))
        .all(db)
        .await?
        .iter()
        .filter_map(from_model)
        .collect())
}

/// The columns a recompute needs, without the free text.
type RawRow = (
    Uuid,
    Uuid,
    Uuid,
    chrono::DateTime<chrono::Utc>,
    Option<i16>,
    Option<i16>,
    Option<i16>,
    Option<i16>,
    Option<i16>,
    Option<i16>,
);

/// Computes every tally from the raw approved feedback, in one streaming pass (no sort).
pub async fn compute_from_raw(
    db: &(impl ConnectionTrait + StreamTrait),
    organisation_id: Uuid,
    mut progress: impl FnMut(u64),
) -> Result<HashMap<Key, Tally>, DbErr> {
    use feedback::Column as C;
    use futures_util::TryStreamExt;
    let mut groups: HashMap<(Uuid, Uuid), Vec<Answered>> = HashMap::new();
    let mut stream = feedback::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::ServiceId,
            C::AuthorId,
            C::ReceivedAt,
            C::Safe,
            C::Nurtured,
            C::Involved,
            C::Healthy,
            C::Achieving,
            C::Prepared,
        ])
        .filter(C::OrganisationId.eq(organisation_id))
        .filter(C::Status.eq(ModerationStatus::Approved.as_str()))
        .into_tuple::<RawRow>()
        .stream(db)
        .await?;
    let mut read = 0u64;
    while let Some((
        id,
        service,
        author,
        at,
        safe,
        nurtured,
        involved,
        healthy,
        achieving,
        prepared,
    )) = stream.try_next().await?
    {
        let answers = super::feedback::answers_from_columns([
            safe, nurtured, involved, healthy, achieving, prepared,
        ]);
        groups
            .entry((service, author))
            .or_default()
            .push(Answered { id, at, answers });
        read += 1;
        if read.is_multiple_of(50_000) {
            progress(read);
        }
    }
    progress(read);
    Ok(windows::recompute(
        groups
            .into_iter()
            .map(|((service, _), items)| (service, items)),
    ))
}

/// Replaces the organisation's stored tallies with `tallies` (in the caller's transaction).
pub async fn replace_all(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    tallies: &HashMap<Key, Tally>,
) -> Result<(), DbErr> {
    score_aggregate::Entity::delete_many()
        .filter(score_aggregate::Column::OrganisationId.eq(organisation_id))
        .exec(db)
        .await?;
    let models: Vec<score_aggregate::ActiveModel> = tallies
        .iter()
        .filter(|(_, t)| t.n > 0)
        .map(|(k, t)| {
            to_model(organisation_id, *k, *t)
                .into_active_model()
                .reset_all()
        })
        .collect();
    for chunk in models.chunks(500) {
        score_aggregate::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
