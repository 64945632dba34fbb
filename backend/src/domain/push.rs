//! Which push subscriptions Chorus accepts. A young person's phone hands over the address
//! Chorus will post to, so only the push services the settings name are taken (else a
//! subscription could make the server post to any address it can reach), over HTTPS.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The subscription's parts, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub endpoint: String,
    /// The phone's P-256 public key, an uncompressed point (65 bytes).
    pub p256dh: Vec<u8>,
    /// The phone's authentication secret (16 bytes).
    pub auth: Vec<u8>,
}

/// Why a subscription is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not an address of one of the push services Chorus knows.
    Endpoint,
    /// Keys that are not a P-256 public key and a 16-byte secret.
    Keys,
}

/// `host` is one of `allowed`, or below one of them.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    allowed.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        host == a || host.ends_with(&format!(".{a}"))
    })
}

/// Checks an endpoint and keys as a browser's `PushSubscription` gives them (keys in base64url).
pub fn check(
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    allowed_hosts: &[String],
    allow_http: bool,
) -> Result<Subscription, Refusal> {
    let uri: http::Uri = endpoint.parse().map_err(|_| Refusal::Endpoint)?;
    let scheme_ok = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => allow_http,
        _ => false,
    };
    let host_ok = uri.host().is_some_and(|h| host_allowed(h, allowed_hosts));
    if !scheme_ok
        || !host_ok
        || endpoint.len() > 1024
        || uri.authority().is_some_and(|a| a.as_str().contains('@'))
    {
        return Err(Refusal::Endpoint);
    }
    let decode = |s: &str| {
        URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .map_err(|_| Refusal::Keys)
    };
    let (p256dh, auth) = (decode(p256dh)?, decode(auth)?);
    if auth.len() != 16 || p256::PublicKey::from_sec1_bytes(&p256dh).is_err() || p256dh.len() != 65
    {
        return Err(Refusal::Keys);
    }
    Ok(Subscription {
        endpoint: endpoint.to_owned(),
        p256dh,
        auth,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY";
    const AUTH: &str = "_ordMnz7uTCmrpBTeUV4Bw";

    fn hosts() -> Vec<String> {
        vec!["fcm.googleapis.com".into(), "push.apple.com".into()]
    }

    #[test]
    fn a_known_push_service_over_https_is_taken() {
        let s = check(
            "https://fcm.googleapis.com/fcm/send/abc",
            KEY,
            AUTH,
            &hosts(),
            false,
        )
        .unwrap();
        assert_eq!((s.p256dh.len(), s.auth.len()), (65, 16));
        assert!(
            check("https://web.push.apple.com/QGx", KEY, AUTH, &hosts(), false).is_ok(),
            "a subdomain"
        );
    }

    #[test]
    fn any_other_address_is_refused() {
        for endpoint in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilfcm.googleapis.com.example/x",
            "https://127.0.0.1/admin",
            "https://user@fcm.googleapis.com/x",
            "ftp://fcm.googleapis.com/x",
            "not a url",
        ] {
            assert_eq!(
                check(endpoint, KEY, AUTH, &hosts(), false),
                Err(Refusal::Endpoint),
                "{endpoint}"
            );
        }
        let local = vec!["127.0.0.1".to_owned()];
        assert!(
            check("http://127.0.0.1:9/push", KEY, AUTH, &local, true).is_ok(),
            "the tests' receiver, when allowed"
        );
        assert_eq!(
            check("http://127.0.0.1:9/push", KEY, AUTH, &local, false),
            Err(Refusal::Endpoint)
        );
    }

    #[test]
    fn keys_must_be_a_p256_point_and_a_16_byte_secret() {
        let e = "https://fcm.googleapis.com/x";
        assert_eq!(check(e, "AAAA", AUTH, &hosts(), false), Err(Refusal::Keys));
        assert_eq!(check(e, KEY, "AAAA", &hosts(), false), Err(Refusal::Keys));
        let mut not_on_curve = URL_SAFE_NO_PAD.decode(KEY).unwrap();
        not_on_curve[64] ^= 1;
        assert_eq!(
            check(
                e,
                &URL_SAFE_NO_PAD.encode(not_on_curve),
                AUTH,
                &hosts(),
                false
            ),
            Err(Refusal::Keys)
        );
    }
}
