//! Retention and erasure at the row level. Scores already aggregated stay (they hold no identity);
//! words and identity go.

use super::entities::{bid_score, feedback, refresh_token, user};
use crate::domain::ids::OrganisationId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// What an erased young person is called from then on.
pub const ERASED_NAME: &str = "Erased young person";

/// Removes the free text of the organisation's feedback received before `cutoff`, except while a
/// safeguarding case about it is open; returns how many items changed. Idempotent, and safe with
/// several instances running it at once.
pub async fn anonymise_before(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let null = || Expr::value(Option::<String>::None);
    Ok(feedback::Entity::update_many()
        .col_expr(feedback::Column::TellUsMore, null())
        .col_expr(feedback::Column::MakeBetter, null())
        .col_expr(feedback::Column::PublishedTellUsMore, null())
        .col_expr(feedback::Column::PublishedMakeBetter, null())
        .col_expr(feedback::Column::RejectionNote, null())
        .col_expr(feedback::Column::AnonymisedAt, Expr::value(Utc::now()))
        .filter(feedback::Column::OrganisationId.eq(organisation_id))
        .filter(feedback::Column::ReceivedAt.lt(cutoff))
        .filter(feedback::Column::AnonymisedAt.is_null())
        // A safeguarding case still open needs the young person's words.
        .filter(feedback::Column::Id.not_in_subquery(super::safeguarding::open_case_feedback()))
        .exec(db)
        .await?
        .rows_affected)
}

/// The organisation's young people, for officers (erased ones included, so erasure shows).
pub async fn young_people(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Role.eq(shared::Role::YoungPerson))
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
}

/// Erases a young person: identity, sign-in and words go; answers stay, without a name.
/// Returns (feedback items cleared, scores' reasons cleared).
pub async fn erase(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(u64, u64), DbErr> {
    let now = Utc::now();
    user::Entity::update_many()
        .col_expr(user::Column::DisplayName, Expr::value(ERASED_NAME))
        .col_expr(
            user::Column::SignInName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(user::Column::PinHash, Expr::value(Option::<String>::None))
        .col_expr(user::Column::AgeBand, Expr::value(Option::<String>::None))
        .col_expr(user::Column::ErasedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    // What their phone may still hold can never be read.
    super::storage_keys::delete(db, user_id).await?;
    super::news::delete_for(db, user_id).await?;
    super::push_subscriptions::delete_for(db, user_id).await?;
    let null = || Expr::value(Option::<String>::None);
    let feedback = feedback::Entity::update_many()
        .col_expr(feedback::Column::TellUsMore, null())
        .col_expr(feedback::Column::MakeBetter, null())
        .col_expr(feedback::Column::PublishedTellUsMore, null())
        .col_expr(feedback::Column::PublishedMakeBetter, null())
        .col_expr(feedback::Column::RejectionNote, null())
        .col_expr(feedback::Column::Named, Expr::value(false))
        .col_expr(feedback::Column::AnonymisedAt, Expr::value(now))
        .filter(feedback::Column::AuthorId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected;
    let reasons = bid_score::Entity::update_many()
        .col_expr(bid_score::Column::Reason, Expr::value("(erased)"))
        .filter(bid_score::Column::EvaluatorId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected;
    Ok((feedback, reasons))
}
