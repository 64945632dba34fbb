//! Signing in and staying signed in: checking a secret under the slow-down rule, starting a
//! session (an access token and a rotating refresh token), refreshing it and signing out.
//! The refresh token goes back to the route, which alone knows it travels in a cookie.

pub use super::second_factor::StaffStep;
use crate::auth::{password, refresh, AuthUser, Revocations, TokenKeys};
use crate::config::AuthSettings;
use crate::domain::slowdown::{self, Claimed};
use crate::flows::FlowError;
use crate::store::{
    self,
    entities::{organisation, user},
};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{Me, Session};
use shared::validate::{Email, SignInName};
use shared::Role;
use std::net::IpAddr;
use uuid::Uuid;

/// How long a refresh token just rotated still works (see `refresh`).
pub const REFRESH_GRACE_SECONDS: i64 = 20;

/// A session just started: the body for the app and the refresh token for its cookie.
pub struct Started {
    pub session: Session,
    pub refresh_token: String,
}

fn me_of(user: &user::Model, organisation: organisation::Model) -> Result<Me, FlowError> {
    Ok(Me {
        id: user.id,
        role: user.role,
        display_name: user.display_name.clone(),
        languages: store::organisations::languages(&organisation),
        organisation_name: organisation.name,
        sign_in_name: user.sign_in_name.clone(),
        age_band: user.age_band,
    })
}

/// Who is signed in, as the apps show it.
pub async fn me(db: &DatabaseConnection, user: AuthUser) -> Result<Me, FlowError> {
    let model = store::users::find(db, user.id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let organisation = store::organisations::find(db, model.organisation_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    me_of(&model, organisation)
}

/// Issues an access token and a new refresh token (in `family`, or a new family) for `user`.
pub async fn start_session(
    db: &impl ConnectionTrait,
    keys: &TokenKeys,
    settings: &AuthSettings,
    user: &user::Model,
    family: Option<Uuid>,
) -> Result<Started, FlowError> {
    // Switched off by an admin: the right details, but no session (sign-in and refresh alike).
    if user.deactivated_at.is_some() {
        return Err(FlowError::Deactivated);
    }
    let organisation = store::organisations::find(db, user.organisation_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    let me = me_of(user, organisation)?;
    let access_token = keys.issue(
        user.id,
        user.organisation_id,
        me.role,
        user.token_generation,
    )?;
    let token = refresh::generate();
    store::refresh_tokens::insert(
        db,
        store::refresh_tokens::NewRefreshToken {
            organisation_id: user.organisation_id,
            user_id: user.id,
            token_hash: &refresh::hash(&token),
            family_id: family.unwrap_or_else(Uuid::new_v4),
            expires_at: Utc::now() + Duration::days(settings.refresh_token_days),
        },
    )
    .await?;
    // Their phone seals what it keeps with this; it is handed out only with a session.
    let storage_key = match me.role {
        Role::YoungPerson => {
            Some(store::storage_keys::get_or_make(db, user.organisation_id, user.id).await?)
        }
        _ => None,
    };
    Ok(Started {
        session: Session {
            access_token,
            expires_in: keys.ttl_seconds(),
            me,
            storage_key,
        },
        refresh_token: token,
    })
}

/// One try at signing in: whom it claims to be, from where, and the account if there is one.
struct Attempt<'a> {
    claimed: Claimed<'a>,
    address: Option<IpAddr>,
    user: Option<user::Model>,
}

/// One name's wrong tries from one address, under the slow-down rule (`domain::slowdown`): for
/// passwords and PINs, and for the codes of a staff sign-in's second step.
pub(super) struct Tries {
    scopes: [(String, String); 3],
}

impl Tries {
    pub(super) fn new(claimed: &Claimed<'_>, address: Option<IpAddr>) -> Tries {
        Tries {
            scopes: slowdown::scopes(&claimed.key(), address),
        }
    }

    /// Refuses with the wait left while one of the scopes is waiting.
    pub(super) async fn wait_over(
        &self,
        db: &DatabaseConnection,
        settings: &AuthSettings,
    ) -> Result<(), FlowError> {
        let now = Utc::now();
        let counted = store::sign_in_failures::read(db, &self.scopes).await?;
        let wait = self
            .scopes
            .iter()
            .zip(settings.wrong_tries.policies())
            .filter_map(|(scope, policy)| {
                let row = counted
                    .iter()
                    .find(|r| (&r.name_key, &r.address_key) == (&scope.0, &scope.1))?;
                policy.remaining(row.failures, row.last_failure_at, now)
            })
            .max();
        match wait {
            Some(wait) => {
                let seconds = u64::try_from(wait.num_milliseconds().max(0)).unwrap_or(0);
                Err(FlowError::TooManyWrongTries(seconds.div_ceil(1000)))
            }
            None => Ok(()),
        }
    }

    /// The owner got it right: their own mistakes from here are forgotten; someone else's
    /// guessing from elsewhere is not (it slows every address only past the larger per-name
    /// allowance).
    pub(super) async fn right(&self, db: &DatabaseConnection) -> Result<(), FlowError> {
        Ok(store::sign_in_failures::forget(db, &self.scopes[0]).await?)
    }

    /// Counts a wrong try in every scope; the first time the name's own scopes start waiting,
    /// the people who look after the account (if there is one) are told.
    pub(super) async fn wrong(
        &self,
        db: &DatabaseConnection,
        settings: &AuthSettings,
        user: Option<user::Model>,
    ) -> Result<(), FlowError> {
        let now = Utc::now();
        let forgotten_before = now - slowdown::forget_after();
        let mut starts_waiting = None;
        let policies = settings.wrong_tries.policies();
        for (i, (scope, policy)) in self.scopes.iter().zip(policies).enumerate() {
            let failures =
                store::sign_in_failures::record(db, scope, now, forgotten_before).await?;
            // The name's own scopes (from this address, from anywhere) concern its owner.
            if i < 2 && policy.starts_waiting(failures) {
                starts_waiting = Some(failures);
            }
        }
        if let (Some(user), Some(failures)) = (user, starts_waiting) {
            // Told off the request path, so that a name that exists is answered as fast as one
            // that does not.
            let db = db.clone();
            tokio::spawn(async move {
                if let Err(e) = tell_the_team(&db, &user, failures).await {
                    tracing::error!(error.cause_chain = ?e, "could not tell the team about wrong tries");
                }
            });
        }
        Ok(())
    }
}

/// Checks a secret under the slow-down rule. Names that exist and names that do not take the
/// same path, with the same reads, hash work and writes, and the same answers. The tries are
/// given back with the account: the caller forgets them (`Tries::right`) once the whole sign-in
/// is through, so that a right password cannot wipe out wrong codes after it.
async fn check_secret(
    db: &DatabaseConnection,
    settings: &AuthSettings,
    attempt: Attempt<'_>,
    stored_hash: impl Fn(&user::Model) -> Option<String>,
    secret: &str,
) -> Result<(user::Model, Tries), FlowError> {
    let tries = Tries::new(&attempt.claimed, attempt.address);
    tries.wait_over(db, settings).await?;
    let ok = password::verify(attempt.user.as_ref().and_then(&stored_hash), secret).await?;
    match (attempt.user, ok) {
        (Some(user), true) => Ok((user, tries)),
        (user, _) => {
            tries.wrong(db, settings, user).await?;
            Err(FlowError::WrongCredentials)
        }
    }
}

/// Emails the people who look after this account (a young person's participation officers, or
/// the organisation's admins for staff) that its sign-in is being slowed, and audits it.
async fn tell_the_team(
    db: &DatabaseConnection,
    user: &user::Model,
    failures: i32,
) -> Result<(), FlowError> {
    let (who, team) = match (user.role, &user.sign_in_name, &user.email) {
        (Role::YoungPerson, Some(name), _) => (
            format!(
                "the young person {} (sign-in name {name})",
                user.display_name
            ),
            Role::ParticipationOfficer,
        ),
        (_, _, Some(email)) => (format!("{} ({email})", user.display_name), Role::Admin),
        _ => return Ok(()),
    };
    let recipients = store::users::emails_with_role(db, user.organisation_id, team).await?;
    let body = format!(
        "Someone has given the wrong PIN, password or sign-in code for {who} {failures} times in a row. \
         Chorus now makes each further try wait, longer each time; nobody is locked out.\n\n\
         If it was not them, someone may be trying to get into their account: please check with \
         them. You can let them try again at once from their page in Chorus."
    );
    let txn = db.begin().await?;
    for recipient in &recipients {
        store::outbox::enqueue(
            &txn,
            store::outbox::NewEmail {
                organisation_id: user.organisation_id,
                kind: "wrong_tries",
                recipient,
                subject: "Chorus: repeated wrong sign-in tries",
                body: &body,
            },
        )
        .await?;
    }
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: user.organisation_id,
            actor_id: None,
            action: "sign_in_slowed",
            subject: format!("user:{}", user.id),
            details: json!({ "failures": failures, "emails": recipients.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Staff sign in with email and password; then, for those who need one or have set one up, a
/// code from their authenticator app (`flows::second_factor`).
pub async fn sign_in_staff(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    address: Option<IpAddr>,
    email: &str,
    password: &str,
) -> Result<StaffStep, FlowError> {
    // A malformed email cannot match anyone: answer as for wrong details, after the same work.
    let user = match Email::parse(email) {
        Ok(email) => store::users::find_by_email(db, email.as_str())
            .await?
            .filter(|u| u.role.is_staff()),
        Err(_) => None,
    };
    let attempt = Attempt {
        claimed: Claimed::Staff(email),
        address,
        user,
    };
    let (user, tries) =
        check_secret(db, settings, attempt, |u| u.password_hash.clone(), password).await?;
    super::second_factor::after_password(db, keys, settings, user, tries).await
}

/// A young person signs in with their sign-in name and PIN.
pub async fn sign_in_young_person(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    address: Option<IpAddr>,
    sign_in_name: &str,
    pin: &str,
) -> Result<Started, FlowError> {
    let user = match SignInName::parse(sign_in_name) {
        Ok(name) => store::users::find_by_sign_in_name(db, name.as_str()).await?,
        Err(_) => None,
    };
    let attempt = Attempt {
        claimed: Claimed::YoungPerson(sign_in_name),
        address,
        user,
    };
    let (user, tries) =
        check_secret(db, settings, attempt, |u| u.pin_hash.clone(), pin.trim()).await?;
    tries.right(db).await?;
    start_session(db, keys, settings, &user, None).await
}

/// Swaps a refresh token for a new session in the same family (rotation). A refresh token used
/// twice revokes its whole family, since it may have been stolen.
pub async fn refresh(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    settings: &AuthSettings,
    token: &str,
) -> Result<Started, FlowError> {
    let stored = store::refresh_tokens::find_by_hash(db, &refresh::hash(token))
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    if stored.expires_at <= Utc::now() {
        return Err(FlowError::Unauthenticated);
    }
    if !store::refresh_tokens::revoke(db, stored.id).await? {
        // Rotated a moment ago: the same browser asking twice at once (a page reloading as
        // another opens), or the answer lost on a bad connection. Not theft: the sign-in goes on
        // (a sign-out or a detected replay deletes its tokens, so this cannot bring one back).
        let rotated_just_now = stored
            .revoked_at
            .is_some_and(|at| Utc::now() - at < Duration::seconds(REFRESH_GRACE_SECONDS));
        if !rotated_just_now {
            tracing::warn!(family = %stored.family_id, "refresh token replayed; revoking its sign-in");
            store::refresh_tokens::revoke_family(db, stored.family_id).await?;
            return Err(FlowError::Unauthenticated);
        }
    }
    let user = store::users::find(db, stored.user_id)
        .await?
        .ok_or(FlowError::Unauthenticated)?;
    start_session(db, keys, settings, &user, Some(stored.family_id)).await
}

/// Ends every sign-in of the user this refresh token belongs to, on every device (a lost or
/// shared phone): their refresh tokens are deleted and their access tokens stop working at once,
/// here and on every other instance within a moment. Audited. Nothing happens for a token that
/// is not one of ours.
pub async fn sign_out_everywhere(
    db: &DatabaseConnection,
    revocations: &Revocations,
    token: &str,
) -> Result<(), FlowError> {
    let Some(stored) = store::refresh_tokens::find_by_hash(db, &refresh::hash(token)).await? else {
        return Ok(());
    };
    let Some(user) = store::users::find(db, stored.user_id).await? else {
        return Ok(());
    };
    let txn = db.begin().await?;
    let generation = store::token_revocations::revoke(&txn, user.organisation_id, user.id).await?;
    store::audit::append(
        &txn,
        store::audit::Event {
            organisation_id: user.organisation_id,
            actor_id: Some(user.id),
            action: "signed_out_everywhere",
            subject: format!("user:{}", user.id),
            details: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    if let Some(generation) = generation {
        revocations.note(user.id, generation);
    }
    Ok(())
}

/// Ends the sign-in this refresh token belongs to (its whole family), if it is one of ours.
pub async fn sign_out(db: &DatabaseConnection, token: &str) -> Result<(), FlowError> {
    if let Some(stored) = store::refresh_tokens::find_by_hash(db, &refresh::hash(token)).await? {
        store::refresh_tokens::revoke_family(db, stored.family_id).await?;
    }
    Ok(())
}
