//! Staff passwords through emailed one-time links: the invitation to choose a first password (sent
//! when the admin invites someone, `flows::accounts::invite`) and the reset for a forgotten one.
//! A link carries 256 random bits in the part of the address after `#`, which browsers never send
//! to a server, so it stays out of every access log; only its SHA-256 is stored. It works once,
//! for a short time, and a newer link voids the older ones. A reset ends every sign-in the
//! account had.

use crate::auth::{password, refresh, Revocations};
use crate::config::ApplicationSettings;
use crate::domain::{ids::OrganisationId, passwords};
use crate::flows::FlowError;
use crate::store::{self, entities::user};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::json;
use shared::api::{PasswordResetRequest, SetPassword};
use shared::validate::Email;
use uuid::Uuid;

/// How long an invitation works.
pub const INVITE_DAYS: i64 = 7;
/// How long a reset link works.
pub const RESET_MINUTES: i64 = 60;
/// A second reset email for the same account waits this long (nobody can flood a mailbox).
const RESET_EVERY_MINUTES: i64 = 2;

/// The address links to Chorus start with: `application.public_url` when it is set. Emailed links
/// never take the request's `Host`, which whoever asks for a reset could set to their own site;
/// without `public_url` (a developer's machine) they use this server's own address.
#[derive(Debug, Clone)]
pub struct LinkBase {
    public: Option<String>,
    own: String,
}

impl LinkBase {
    pub fn new(settings: &ApplicationSettings) -> LinkBase {
        LinkBase {
            public: settings
                .public_url
                .as_deref()
                .map(|url| url.trim_end_matches('/').to_owned()),
            own: format!("http://{}:{}", settings.host, settings.port),
        }
    }

    fn set_password(&self, token: &str) -> String {
        let base = self.public.as_deref().unwrap_or(&self.own);
        format!("{base}/staff/set-password#{token}")
    }

    /// The joining page printed on invite cards: at `public_url`, else at the address the
    /// officer's browser used (`request_origin`, which on a developer's machine is right).
    pub fn join(&self, request_origin: impl FnOnce() -> String) -> String {
        match &self.public {
            Some(base) => format!("{base}/join"),
            None => format!("{}/join", request_origin()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(public_url: Option<&str>) -> ApplicationSettings {
        ApplicationSettings {
            host: "127.0.0.1".into(),
            port: 8080,
            static_dir: None,
            public_url: public_url.map(str::to_owned),
            behind_tls: false,
            workers: 0,
            metrics_token: None,
        }
    }

    #[test]
    fn links_start_with_the_public_address_when_there_is_one() {
        let public = LinkBase::new(&settings(Some("https://chorus.stoke.example/")));
        assert_eq!(
            public.set_password("s3cret"),
            "https://chorus.stoke.example/staff/set-password#s3cret"
        );
        assert_eq!(
            public.join(|| "http://internal:9000".into()),
            "https://chorus.stoke.example/join"
        );
        let own = LinkBase::new(&settings(None));
        assert_eq!(
            own.set_password("s3cret"),
            "http://127.0.0.1:8080/staff/set-password#s3cret"
        );
        assert_eq!(
            own.join(|| "http://localhost:8080".into()),
            "http://localhost:8080/join"
        );
    }
}

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

/// What a staff link may be (a PIN reset code is not one).
const STAFF_LINKS: &[&str] = &["invite", "password_reset"];

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "password_reset",
        }
    }
}

/// Makes a link for `user` and puts its email in the outbox, in the caller's transaction.
pub async fn send_link(
    txn: &impl ConnectionTrait,
    base: &LinkBase,
    user: &user::Model,
    purpose: Purpose,
    invited_by: Option<&str>,
) -> Result<(), FlowError> {
    let email = user
        .email
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("a staff account without an email"))?;
    let token = refresh::generate();
    let expires_at = Utc::now()
        + match purpose {
            Purpose::Invite => Duration::days(INVITE_DAYS),
            Purpose::Reset => Duration::minutes(RESET_MINUTES),
        };
    store::account_links::replace(
        txn,
        store::account_links::NewLink {
            organisation_id: user.organisation_id,
            user_id: user.id,
            purpose: purpose.as_str(),
            token_hash: &refresh::hash(&token),
            expires_at,
        },
    )
    .await?;
    let link = base.set_password(&token);
    let (subject, body) = match purpose {
        Purpose::Invite => (
            "You are invited to Chorus",
            format!(
                "Hello {name},\n\n{by} has invited you to Chorus, where young people tell us how \
                 the services in their lives are doing.\n\nChoose your password here. The link \
                 works once, for {INVITE_DAYS} days:\n{link}\n\nIf you were not expecting this, \
                 you can ignore this email.\n",
                name = user.display_name,
                by = invited_by.unwrap_or("Your organisation's admin"),
            ),
        ),
        Purpose::Reset => (
            "Choose a new Chorus password",
            format!(
                "Hello {name},\n\nSomeone (we hope you) asked to choose a new password for your \
                 Chorus account.\n\nChoose it here. The link works once, for the next \
                 {RESET_MINUTES} minutes:\n{link}\n\nIf it was not you, ignore this email: \
                 your password stays as it is.\n",
                name = user.display_name,
            ),
        ),
    };
    store::outbox::enqueue(
        txn,
        store::outbox::NewEmail {
            organisation_id: user.organisation_id,
            kind: purpose.as_str(),
            recipient: email,
            subject,
            body: &body,
        },
    )
    .await?;
    Ok(())
}

/// "I have forgotten my password": emails a reset link if `email` is an active staff account's
/// that has not had one in the last two minutes. The answer is the same either way, so it does
/// not tell anyone which emails have accounts.
pub async fn request_reset(
    db: &DatabaseConnection,
    base: &LinkBase,
    request: PasswordResetRequest,
) -> Result<(), FlowError> {
    let email = Email::parse(&request.email)?;
    let txn = db.begin().await?;
    let Some(user) = store::users::find_by_email(&txn, email.as_str()).await? else {
        return Ok(());
    };
    let usable = user.role.is_staff() && user.deactivated_at.is_none() && user.erased_at.is_none();
    let since = Utc::now() - Duration::minutes(RESET_EVERY_MINUTES);
    if !usable
        || store::account_links::sent_since(&txn, user.id, Purpose::Reset.as_str(), since).await?
    {
        return Ok(());
    }
    send_link(&txn, base, &user, Purpose::Reset, None).await?;
    audit(
        &txn,
        user.organisation_id,
        user.id,
        "password_reset_requested",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Chooses a password through an emailed link. A weak password is refused with the link still
/// usable; a good one is stored, the link used up, and (for a reset) every earlier sign-in ended.
pub async fn set_password(
    db: &DatabaseConnection,
    revocations: &Revocations,
    body: SetPassword,
) -> Result<(), FlowError> {
    const NOT_USABLE: FlowError = FlowError::NotFound(
        shared::Reason::LinkNotUsable,
        "This link has already been used or has run out. Ask for a new one: \"Forgotten your \
         password?\" on the staff sign-in page, or your admin for a new invitation.",
    );
    let token_hash = refresh::hash(body.token.trim());
    let now = Utc::now();
    let link = store::account_links::usable(db, &token_hash, STAFF_LINKS, now)
        .await?
        .ok_or(NOT_USABLE)?;
    let user = store::users::find(db, link.user_id)
        .await?
        .filter(|u| u.deactivated_at.is_none() && u.erased_at.is_none())
        .ok_or(NOT_USABLE)?;
    let organisation = store::organisations::find(db, user.organisation_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let known = [
        user.email.as_deref().unwrap_or_default(),
        user.display_name.as_str(),
        organisation.as_str(),
    ];
    let chosen = passwords::check_new(&body.password, &known)?;
    let hash = password::hash(chosen.expose()).await?;

    let txn = db.begin().await?;
    // Taken atomically: of two tabs sending the same link, one wins and the other is told.
    if store::account_links::take(&txn, &token_hash, STAFF_LINKS, now)
        .await?
        .is_none()
    {
        return Err(NOT_USABLE);
    }
    store::users::set_password(&txn, user.id, hash).await?;
    let generation = if link.purpose == Purpose::Reset.as_str() {
        store::token_revocations::revoke(&txn, user.organisation_id, user.id).await?
    } else {
        None
    };
    audit(&txn, user.organisation_id, user.id, "password_set").await?;
    txn.commit().await?;
    if let Some(generation) = generation {
        revocations.note(user.id, generation);
    }
    Ok(())
}

async fn audit(
    txn: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: Uuid,
    action: &str,
) -> Result<(), FlowError> {
    super::audit::record(
        txn,
        organisation_id,
        user_id,
        action,
        format!("user:{user_id}"),
        json!({}),
    )
    .await?;
    Ok(())
}
