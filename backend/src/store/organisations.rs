use super::entities::organisation;
use crate::domain::ids::OrganisationId;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

/// What a new council offers its young people: every language Chorus speaks.
const LANGUAGES_OFFERED: &str = "en,pl,ur,ar";

/// The languages it offers its young people, as codes.
pub fn languages(organisation: &organisation::Model) -> Vec<String> {
    organisation
        .languages
        .split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Marks the organisation set up (its admin finished the walk through its settings), once.
pub async fn mark_set_up(db: &impl ConnectionTrait, id: OrganisationId) -> Result<bool, DbErr> {
    let done = organisation::Entity::update_many()
        .col_expr(organisation::Column::SetUpAt, Utc::now().into())
        .filter(organisation::Column::Id.eq(id))
        .filter(organisation::Column::SetUpAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

pub async fn find(
    db: &impl ConnectionTrait,
    id: OrganisationId,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find_by_id(id).one(db).await
}

pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// Creates the organisation, or returns the existing one with that slug.
pub async fn ensure(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
    safeguarding_email: Option<&str>,
) -> Result<organisation::Model, DbErr> {
    if let Some(existing) = find_by_slug(db, slug).await? {
        return Ok(existing);
    }
    organisation::ActiveModel {
        id: Set(OrganisationId::new_v4()),
        slug: Set(slug.to_owned()),
        name: Set(name.to_owned()),
        min_cohort: Set(5),
        prior_weight: Set(5),
        safeguarding_email: Set(safeguarding_email.map(str::to_owned)),
        created_at: Set(Utc::now()),
        escalate_after_minutes: Set(60),
        retention_months: Set(24),
        scores_version: Set(0),
        pooled_version: Set(0),
        office_opens: Set(9 * 60),
        office_closes: Set(17 * 60),
        languages: Set(LANGUAGES_OFFERED.to_owned()),
        // Its admin is walked through its settings at their first sign-in.
        set_up_at: Set(None),
    }
    .insert(db)
    .await
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find().all(db).await
}

/// Sets how long free text is kept; returns the previous value.
pub async fn set_retention_months(
    db: &impl ConnectionTrait,
    id: OrganisationId,
    months: i32,
) -> Result<Option<i32>, DbErr> {
    let before = find(db, id).await?.map(|o| o.retention_months);
    organisation::Entity::update_many()
        .col_expr(organisation::Column::RetentionMonths, months.into())
        .filter(organisation::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(before)
}

/// Sets the organisation's name, cohort, prior weight and languages offered.
pub async fn set_settings(
    db: &impl ConnectionTrait,
    id: OrganisationId,
    name: &str,
    min_cohort: i32,
    prior_weight: i32,
    languages: &[String],
) -> Result<(), DbErr> {
    organisation::Entity::update_many()
        .col_expr(organisation::Column::Languages, languages.join(",").into())
        .col_expr(organisation::Column::Name, name.into())
        .col_expr(organisation::Column::MinCohort, min_cohort.into())
        .col_expr(organisation::Column::PriorWeight, prior_weight.into())
        .filter(organisation::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}
