use super::entities::user;
use crate::domain::ids::OrganisationId;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use shared::{AgeBand, Role};
use uuid::Uuid;

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find_by_id(id).one(db).await
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await
}

pub async fn find_by_sign_in_name(
    db: &impl ConnectionTrait,
    name: &str,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::SignInName.eq(name))
        .one(db)
        .await
}

pub async fn sign_in_name_exists(db: &impl ConnectionTrait, name: &str) -> Result<bool, DbErr> {
    Ok(find_by_sign_in_name(db, name).await?.is_some())
}

pub struct NewStaff<'a> {
    pub organisation_id: OrganisationId,
    pub role: Role,
    pub email: &'a str,
    /// `None` for someone invited who has not yet chosen a password: they cannot sign in.
    pub password_hash: Option<String>,
    pub display_name: &'a str,
}

pub async fn insert_staff(
    db: &impl ConnectionTrait,
    staff: NewStaff<'_>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(staff.organisation_id),
        role: Set(staff.role),
        email: Set(Some(staff.email.to_owned())),
        password_hash: Set(staff.password_hash),
        sign_in_name: Set(None),
        pin_hash: Set(None),
        display_name: Set(staff.display_name.to_owned()),
        age_band: Set(None),
        created_at: Set(Utc::now()),
        erased_at: Set(None),
        token_generation: Set(0),
        deactivated_at: Set(None),
    }
    .insert(db)
    .await
}

pub struct NewYoungPerson<'a> {
    pub organisation_id: OrganisationId,
    pub sign_in_name: &'a str,
    pub pin_hash: String,
    pub display_name: &'a str,
    pub age_band: AgeBand,
}

pub async fn insert_young_person(
    db: &impl ConnectionTrait,
    yp: NewYoungPerson<'_>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(yp.organisation_id),
        role: Set(Role::YoungPerson),
        email: Set(None),
        password_hash: Set(None),
        sign_in_name: Set(Some(yp.sign_in_name.to_owned())),
        pin_hash: Set(Some(yp.pin_hash)),
        display_name: Set(yp.display_name.to_owned()),
        age_band: Set(Some(yp.age_band)),
        created_at: Set(Utc::now()),
        erased_at: Set(None),
        token_generation: Set(0),
        deactivated_at: Set(None),
    }
    .insert(db)
    .await
}

/// Email addresses of the organisation's staff with this role whose accounts are on.
pub async fn emails_with_role(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    role: Role,
) -> Result<Vec<String>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Role.eq(role))
        .filter(user::Column::DeactivatedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| u.email)
        .collect())
}

/// A young person who cannot sign in (no PIN): demo data and benchmarks use these as voices.
pub async fn ensure_voice(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    sign_in_name: &str,
    age_band: AgeBand,
) -> Result<user::Model, DbErr> {
    if let Some(existing) = find_by_sign_in_name(db, sign_in_name).await? {
        return Ok(existing);
    }
    user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(organisation_id),
        role: Set(Role::YoungPerson),
        email: Set(None),
        password_hash: Set(None),
        sign_in_name: Set(Some(sign_in_name.to_owned())),
        pin_hash: Set(None),
        display_name: Set("Young person".to_owned()),
        age_band: Set(Some(age_band)),
        created_at: Set(Utc::now()),
        erased_at: Set(None),
        token_generation: Set(0),
        deactivated_at: Set(None),
    }
    .insert(db)
    .await
}

/// Many voices at once (benchmark data): no PIN, cannot sign in.
pub async fn insert_voices(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    ids: &[Uuid],
    age_band: AgeBand,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let models: Vec<user::ActiveModel> = ids
        .iter()
        .map(|id| user::ActiveModel {
            id: Set(*id),
            organisation_id: Set(organisation_id),
            role: Set(Role::YoungPerson),
            email: Set(None),
            password_hash: Set(None),
            sign_in_name: Set(Some(format!("bench-{}", id.simple()))),
            pin_hash: Set(None),
            display_name: Set("Young person".to_owned()),
            age_band: Set(Some(age_band)),
            created_at: Set(now),
            erased_at: Set(None),
            token_generation: Set(0),
            deactivated_at: Set(None),
        })
        .collect();
    for chunk in models.chunks(1000) {
        user::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Display names of these users, by id.
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// The organisation's staff, by role then name.
pub async fn staff(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
) -> Result<Vec<user::Model>, DbErr> {
    use sea_orm::QueryOrder;
    user::Entity::find()
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(user::Column::Role.ne(Role::YoungPerson))
        .order_by_asc(user::Column::Role)
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await
}

/// Switches an account of the organisation off (`Some(when)`) or on (`None`): a member of staff's,
/// or with `young_person` a young person's. False if there is no such account.
pub async fn set_deactivated(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    id: Uuid,
    when: Option<chrono::DateTime<Utc>>,
    young_person: bool,
) -> Result<bool, DbErr> {
    let role = if young_person {
        user::Column::Role.eq(Role::YoungPerson)
    } else {
        user::Column::Role.ne(Role::YoungPerson)
    };
    let result = user::Entity::update_many()
        .col_expr(
            user::Column::DeactivatedAt,
            sea_orm::sea_query::Expr::value(when),
        )
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::OrganisationId.eq(organisation_id))
        .filter(role)
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A young person's age band.
pub async fn set_age_band(db: &impl ConnectionTrait, id: Uuid, band: AgeBand) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::AgeBand, sea_orm::sea_query::Expr::value(band))
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::Role.eq(Role::YoungPerson))
        .exec(db)
        .await
        .map(|_| ())
}

/// Sets a member of staff's password (its argon2id hash).
pub async fn set_password(db: &impl ConnectionTrait, id: Uuid, hash: String) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(hash),
        )
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}

/// Sets a young person's PIN (its argon2id hash).
pub async fn set_pin(db: &impl ConnectionTrait, id: Uuid, hash: String) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::PinHash, sea_orm::sea_query::Expr::value(hash))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await
        .map(|_| ())
}
