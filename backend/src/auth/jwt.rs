//! Short-lived HS256 access tokens. The key is given by value at start-up (never read from the
//! environment here).

use crate::domain::ids::OrganisationId;
use chrono::Utc;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use shared::Role;
use uuid::Uuid;

const ISSUER: &str = "chorus";
/// The audience of a sign-in challenge: it is not an access token (which has no audience).
const CHALLENGE_AUDIENCE: &str = "chorus:second-factor";
/// How long a member of staff has to type their code after their password.
const CHALLENGE_SECONDS: i64 = 5 * 60;
/// How long an assisted session lasts: one sitting with the child, no refresh.
pub const ASSISTED_SECONDS: i64 = 30 * 60;

/// A staff sign-in halfway: the password was right, a code from the authenticator app is next.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Challenge {
    pub sub: Uuid,
    /// The user's token generation then: signing out everywhere voids a challenge too.
    pub r#gen: i32,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub org: OrganisationId,
    pub role: Role,
    /// The user's token generation when issued (`auth::revocations`); tokens from before
    /// generations existed count as generation 0.
    #[serde(default)]
    pub r#gen: i32,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    /// In an assisted session: the officer beside the child (`sub`), and the officer's token
    /// generation, so switching the officer off or signing them out ends it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asst: Option<(Uuid, i32)>,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    challenge_validation: Validation,
    ttl_seconds: i64,
}

impl TokenKeys {
    pub fn new(secret: &SecretString, ttl_minutes: i64) -> TokenKeys {
        let bytes = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        validation.leeway = 5;
        let mut challenge_validation = validation.clone();
        challenge_validation.set_audience(&[CHALLENGE_AUDIENCE]);
        challenge_validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
        TokenKeys {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            challenge_validation,
            ttl_seconds: ttl_minutes * 60,
        }
    }

    pub fn ttl_seconds(&self) -> u64 {
        u64::try_from(self.ttl_seconds).unwrap_or(0)
    }

    pub fn issue(
        &self,
        user: Uuid,
        organisation: OrganisationId,
        role: Role,
        generation: i32,
    ) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user,
            org: organisation,
            role,
            r#gen: generation,
            iat: now,
            exp: now + self.ttl_seconds,
            iss: ISSUER.to_owned(),
            asst: None,
        };
        self.sign(&claims)
    }

    /// An assisted session's token: the child's (`child`, their generation), marked with the
    /// officer beside them; good for [`ASSISTED_SECONDS`].
    pub fn issue_assisted(
        &self,
        (child, generation): (Uuid, i32),
        organisation: OrganisationId,
        officer: (Uuid, i32),
    ) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        self.sign(&Claims {
            sub: child,
            org: organisation,
            role: Role::YoungPerson,
            r#gen: generation,
            iat: now,
            exp: now + ASSISTED_SECONDS,
            iss: ISSUER.to_owned(),
            asst: Some(officer),
        })
    }

    fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        Ok(encode(
            &Header::new(Algorithm::HS256),
            claims,
            &self.encoding,
        )?)
    }

    /// Checks signature, algorithm (HS256 only, so `alg: none` is refused), issuer and expiry.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }

    /// A challenge for the second step of a staff sign-in, good for five minutes.
    pub fn issue_challenge(&self, user: Uuid, generation: i32) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let challenge = Challenge {
            sub: user,
            r#gen: generation,
            aud: CHALLENGE_AUDIENCE.to_owned(),
            iat: now,
            exp: now + CHALLENGE_SECONDS,
            iss: ISSUER.to_owned(),
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &challenge,
            &self.encoding,
        )?)
    }

    /// A challenge of ours, unexpired; never an access token.
    pub fn verify_challenge(&self, token: &str) -> Option<Challenge> {
        decode::<Challenge>(token, &self.decoding, &self.challenge_validation)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> TokenKeys {
        TokenKeys::new(&SecretString::from(secret.to_owned()), 15)
    }

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let (user, org) = (Uuid::new_v4(), OrganisationId::new_v4());
        let token = keys("one key")
            .issue(user, org, Role::YoungPerson, 3)
            .unwrap_or_default();
        let claims = keys("one key").verify(&token);
        assert_eq!(
            claims.map(|c| (c.sub, c.org, c.role, c.r#gen)),
            Some((user, org, Role::YoungPerson, 3))
        );
        assert!(keys("another key").verify(&token).is_none());
    }

    #[test]
    fn an_assisted_token_names_the_officer_beside_the_child() {
        let (child, officer, org) = (Uuid::new_v4(), Uuid::new_v4(), OrganisationId::new_v4());
        let k = keys("one key");
        let token = k
            .issue_assisted((child, 1), org, (officer, 4))
            .unwrap_or_default();
        let claims = k.verify(&token);
        assert_eq!(
            claims.map(|c| (c.sub, c.role, c.r#gen, c.asst, c.exp - c.iat)),
            Some((
                child,
                Role::YoungPerson,
                1,
                Some((officer, 4)),
                ASSISTED_SECONDS
            ))
        );
        let own = k
            .issue(child, org, Role::YoungPerson, 1)
            .unwrap_or_default();
        assert_eq!(k.verify(&own).map(|c| c.asst), Some(None));
    }

    #[test]
    fn challenges_and_access_tokens_are_never_taken_for_each_other() {
        let k = keys("one key");
        let user = Uuid::new_v4();
        let challenge = k.issue_challenge(user, 2).unwrap_or_default();
        assert_eq!(
            k.verify_challenge(&challenge).map(|c| (c.sub, c.r#gen)),
            Some((user, 2))
        );
        assert!(
            k.verify(&challenge).is_none(),
            "a challenge is no access token"
        );
        let access = k
            .issue(user, OrganisationId::new_v4(), Role::Admin, 2)
            .unwrap_or_default();
        assert!(k.verify_challenge(&access).is_none(), "nor the other way");
        assert!(keys("another key").verify_challenge(&challenge).is_none());
    }

    #[test]
    fn unsigned_and_edited_tokens_are_refused() {
        let k = keys("one key");
        let token = k
            .issue(
                Uuid::new_v4(),
                OrganisationId::new_v4(),
                Role::YoungPerson,
                0,
            )
            .unwrap_or_default();
        let parts: Vec<&str> = token.split('.').collect();
        let none_header = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            br#"{"alg":"none","typ":"JWT"}"#,
        );
        assert!(k.verify(&format!("{none_header}.{}.", parts[1])).is_none());
        let edited = parts[1].replace('a', "b");
        assert!(
            k.verify(&format!("{}.{edited}.{}", parts[0], parts[2]))
                .is_none()
                || edited == parts[1]
        );
    }
}
