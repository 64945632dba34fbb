//! Idempotent creation of organisations, staff, young people and invites, shared by the
//! `demo-data` and `create-admin` commands and by the tests.

use crate::auth::password;
use crate::domain::ids::OrganisationId;
use crate::store::{self, entities::user};
use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use shared::validate::{DisplayName, Email, InviteCode, Password, PinCode, SignInName};
use shared::{AgeBand, Role};
use uuid::Uuid;

/// Creates a member of staff, or returns the existing account with that email unchanged.
pub async fn staff(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    role: Role,
    email: &str,
    password: &str,
    display_name: &str,
) -> anyhow::Result<user::Model> {
    anyhow::ensure!(
        role.is_staff(),
        "staff accounts cannot have the young person role"
    );
    let email = Email::parse(email)?;
    if let Some(existing) = store::users::find_by_email(db, email.as_str()).await? {
        return Ok(existing);
    }
    let password = Password::parse(password)?;
    let display_name = DisplayName::parse(display_name)?;
    Ok(store::users::insert_staff(
        db,
        store::users::NewStaff {
            organisation_id,
            role,
            email: email.as_str(),
            password_hash: Some(password::hash(password.expose()).await?),
            display_name: display_name.as_str(),
        },
    )
    .await?)
}

/// Creates a provider's account for `provider_id`, or returns the existing account with that
/// email unchanged.
pub async fn provider_account(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    provider_id: Uuid,
    email: &str,
    password: &str,
    display_name: &str,
) -> anyhow::Result<user::Model> {
    let account = staff(
        db,
        organisation_id,
        Role::Provider,
        email,
        password,
        display_name,
    )
    .await?;
    if store::provider_accounts::provider_of(db, organisation_id, account.id)
        .await?
        .is_none()
    {
        store::provider_accounts::insert(db, organisation_id, account.id, provider_id).await?;
    }
    Ok(account)
}

/// Gives a member of staff an authenticator app already set up with `secret`, unless they have
/// one. For demo data only: the demo's secret is published, so anyone can make its codes.
pub async fn second_factor(
    db: &impl ConnectionTrait,
    user: &user::Model,
    secret: &str,
) -> anyhow::Result<()> {
    store::second_factors::keep_pending(db, user.organisation_id, user.id, secret).await?;
    store::second_factors::confirm(db, user.id).await?;
    Ok(())
}

/// Creates a young person who has already redeemed an invite, linked to `services`.
pub async fn young_person(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    sign_in_name: &str,
    pin: &str,
    display_name: &str,
    age_band: AgeBand,
    services: &[Uuid],
) -> anyhow::Result<user::Model> {
    let name = SignInName::parse(sign_in_name)?;
    let user = match store::users::find_by_sign_in_name(db, name.as_str()).await? {
        Some(existing) => existing,
        None => {
            let pin = PinCode::parse(pin)?;
            store::users::insert_young_person(
                db,
                store::users::NewYoungPerson {
                    organisation_id,
                    sign_in_name: name.as_str(),
                    pin_hash: password::hash(pin.expose()).await?,
                    display_name: DisplayName::parse(display_name)?.as_str(),
                    age_band,
                },
            )
            .await?
        }
    };
    for service in services {
        store::services::link(db, organisation_id, user.id, *service).await?;
    }
    Ok(user)
}

/// Creates an invite with a known code (demo and tests), unless that code exists already.
pub async fn invite(
    db: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    code: &str,
    age_band: AgeBand,
    services: &[Uuid],
    valid_for: Duration,
) -> anyhow::Result<()> {
    let code = InviteCode::parse(code)?;
    if store::invites::find_by_code(db, code.as_str())
        .await?
        .is_some()
    {
        return Ok(());
    }
    store::invites::insert(
        db,
        store::invites::NewInvite {
            organisation_id,
            code: code.as_str(),
            age_band,
            created_by: None,
            expires_at: Utc::now() + valid_for,
            service_ids: services,
        },
    )
    .await?;
    Ok(())
}
