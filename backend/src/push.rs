//! Web Push to young people's phones (RFC 8030): the payload encrypted for the phone (RFC 8291,
//! `web-push-native`) and signed for the push service with the VAPID key (RFC 8292, an ES256 token
//! through `jsonwebtoken`). Pushes leave only through the outbox, which retries; what a push says
//! is always the same few words, never what happened.

use crate::config::PushSettings;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::EncodePrivateKey;
use secrecy::ExposeSecret;
use serde::Serialize;
use std::time::Duration;

/// Everything a push says: that there is news, not what.
pub const PAYLOAD: &str = "You have news in Chorus";

/// How long a push service keeps a push for a phone that is off.
const TIME_TO_LIVE: Duration = Duration::from_secs(24 * 60 * 60);

/// What became of one push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The push service took it.
    Accepted,
    /// The subscription has ended (404 or 410): drop it.
    Gone,
    /// Refused for good (another 4xx): trying again would not help.
    Refused(u16),
}

struct Vapid {
    signing: jsonwebtoken::EncodingKey,
    /// The public key as browsers take it (`applicationServerKey`): an uncompressed point in
    /// unpadded base64url.
    public: String,
    subject: String,
}

#[derive(Clone)]
pub struct Pusher {
    client: reqwest::Client,
    vapid: Option<std::sync::Arc<Vapid>>,
}

#[derive(Serialize)]
struct Claims<'a> {
    aud: String,
    exp: i64,
    sub: &'a str,
}

impl Pusher {
    /// Off when no VAPID key is set; refuses to start with a key that is not one.
    pub fn new(settings: &PushSettings) -> anyhow::Result<Pusher> {
        let vapid = match &settings.vapid_private_key {
            None => None,
            Some(key) => {
                let bytes = URL_SAFE_NO_PAD
                    .decode(key.expose_secret().trim().trim_end_matches('='))
                    .map_err(|_| anyhow::anyhow!("push.vapid_private_key is not base64url"))?;
                let secret = p256::SecretKey::from_slice(&bytes).map_err(|_| {
                    anyhow::anyhow!("push.vapid_private_key is not a P-256 private key (32 bytes)")
                })?;
                let der = secret.to_pkcs8_der()?;
                let point = secret.public_key().to_encoded_point(false);
                Some(std::sync::Arc::new(Vapid {
                    signing: jsonwebtoken::EncodingKey::from_ec_der(der.as_bytes()),
                    public: URL_SAFE_NO_PAD.encode(point.as_bytes()),
                    subject: settings.subject.clone(),
                }))
            }
        };
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Pusher { client, vapid })
    }

    /// The VAPID public key for the phones' subscriptions, when push is on.
    pub fn public_key(&self) -> Option<&str> {
        self.vapid.as_deref().map(|v| v.public.as_str())
    }

    /// Sends the one push to one subscription. An error (the network, the push service's 5xx or
    /// 429) is for the outbox to try again.
    pub async fn send(
        &self,
        endpoint: &str,
        p256dh: &[u8],
        auth: &[u8],
    ) -> anyhow::Result<Delivery> {
        let vapid = self
            .vapid
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("push is off: no push.vapid_private_key"))?;
        let uri: http::Uri = endpoint.parse()?;
        let audience = format!(
            "{}://{}",
            uri.scheme_str().unwrap_or("https"),
            uri.authority().map(|a| a.as_str()).unwrap_or_default()
        );
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256),
            &Claims {
                aud: audience,
                exp: (chrono::Utc::now() + chrono::Duration::hours(12)).timestamp(),
                sub: &vapid.subject,
            },
            &vapid.signing,
        )?;
        let phone = p256::PublicKey::from_sec1_bytes(p256dh)
            .map_err(|_| anyhow::anyhow!("the subscription's key is not a P-256 point"))?;
        let auth: [u8; 16] = auth
            .try_into()
            .map_err(|_| anyhow::anyhow!("the subscription's secret is not 16 bytes"))?;
        let mut request =
            web_push_native::WebPushBuilder::new(uri, phone, web_push_native::Auth::from(auth))
                .with_valid_duration(TIME_TO_LIVE)
                .build(PAYLOAD)
                .map_err(|e| anyhow::anyhow!("encrypting the push: {e}"))?;
        let headers = request.headers_mut();
        headers.insert(
            http::header::AUTHORIZATION,
            format!("vapid t={token}, k={}", vapid.public).parse()?,
        );
        headers.insert("Urgency", http::HeaderValue::from_static("normal"));
        let response = self
            .client
            .execute(reqwest::Request::try_from(request)?)
            .await?;
        let status = response.status().as_u16();
        Ok(match status {
            200..=299 => Delivery::Accepted,
            404 | 410 => Delivery::Gone,
            408 | 429 => anyhow::bail!("the push service asked to wait ({status})"),
            400..=499 => Delivery::Refused(status),
            _ => anyhow::bail!("the push service answered {status}"),
        })
    }
}

/// A new VAPID private key, for `backend vapid-key`.
pub fn new_private_key() -> String {
    let secret = p256::SecretKey::random(&mut rand::rngs::OsRng);
    URL_SAFE_NO_PAD.encode(secret.to_bytes())
}
