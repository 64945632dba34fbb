//! A push service on loopback for the tests: it checks each push's VAPID token (RFC 8292) against
//! the key it names, decrypts the payload (RFC 8291) with the phone's keys it made, and keeps
//! what it received. `/gone/...` answers 410, as a push service does for an ended subscription;
//! `/flaky/...` answers 500 to the first push and 201 after.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One push as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    /// The VAPID token verified with the key in the header, for this receiver's origin.
    pub vapid_key: String,
    pub subject: String,
    /// The decrypted payload.
    pub text: String,
    pub ttl: Option<String>,
}

#[derive(Clone)]
struct Shared {
    origin: String,
    phone: p256::SecretKey,
    auth: [u8; 16],
    received: Arc<Mutex<Vec<Received>>>,
    flaky_failed: Arc<AtomicBool>,
}

pub struct PushReceiver {
    pub port: u16,
    shared: Shared,
    handle: actix_web::dev::ServerHandle,
}

#[derive(serde::Deserialize)]
struct Claims {
    sub: String,
}

/// Verifies `vapid t=<token>, k=<key>`; returns the key and the token's subject.
fn verify(header: &str, origin: &str) -> Result<(String, String), String> {
    let rest = header
        .strip_prefix("vapid ")
        .ok_or("not a vapid authorization")?;
    let mut token = None;
    let mut key = None;
    for part in rest.split(',').map(str::trim) {
        if let Some(t) = part.strip_prefix("t=") {
            token = Some(t);
        } else if let Some(k) = part.strip_prefix("k=") {
            key = Some(k);
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    let point = URL_SAFE_NO_PAD.decode(key).map_err(|e| e.to_string())?;
    if point.len() != 65 || point[0] != 4 {
        return Err("k is not an uncompressed P-256 point".into());
    }
    let decoding = jsonwebtoken::DecodingKey::from_ec_components(
        &URL_SAFE_NO_PAD.encode(&point[1..33]),
        &URL_SAFE_NO_PAD.encode(&point[33..65]),
    )
    .map_err(|e| e.to_string())?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.set_audience(&[origin]);
    validation.set_required_spec_claims(&["exp", "aud", "sub"]);
    let claims =
        jsonwebtoken::decode::<Claims>(token, &decoding, &validation).map_err(|e| e.to_string())?;
    Ok((key.to_owned(), claims.claims.sub))
}

async fn receive(
    request: HttpRequest,
    body: web::Bytes,
    shared: web::Data<Shared>,
) -> HttpResponse {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let Some((vapid_key, subject)) =
        header("authorization").and_then(|h| verify(&h, &shared.origin).ok())
    else {
        return HttpResponse::Unauthorized().finish();
    };
    if header("content-encoding").as_deref() != Some("aes128gcm") {
        return HttpResponse::BadRequest().body("not aes128gcm");
    }
    let Ok(plain) = web_push_native::decrypt(
        body.to_vec(),
        &shared.phone,
        &web_push_native::Auth::from(shared.auth),
    ) else {
        return HttpResponse::BadRequest().body("cannot decrypt");
    };
    let path = request.path().to_owned();
    let flaky = path.starts_with("/flaky/");
    if flaky && !shared.flaky_failed.swap(true, Ordering::SeqCst) {
        return HttpResponse::InternalServerError().finish();
    }
    shared.received.lock().unwrap().push(Received {
        path: path.clone(),
        vapid_key,
        subject,
        text: String::from_utf8_lossy(&plain).into_owned(),
        ttl: header("ttl"),
    });
    if path.starts_with("/gone/") {
        HttpResponse::Gone().finish()
    } else {
        HttpResponse::Created().finish()
    }
}

impl PushReceiver {
    pub async fn start() -> PushReceiver {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().unwrap().port();
        let mut auth = [0u8; 16];
        rand_bytes(&mut auth);
        let shared = Shared {
            origin: format!("http://127.0.0.1:{port}"),
            phone: p256::SecretKey::random(&mut p256::elliptic_curve::rand_core::OsRng),
            auth,
            received: Arc::default(),
            flaky_failed: Arc::default(),
        };
        let data = web::Data::new(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::post().to(receive))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        PushReceiver {
            port,
            shared,
            handle,
        }
    }

    /// A subscription as a phone's browser would hand it over, for an endpoint at `path`.
    pub fn subscription(&self, path: &str) -> serde_json::Value {
        serde_json::json!({
            "endpoint": format!("{}{path}", self.shared.origin),
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(self.shared.phone.public_key().to_encoded_point(false).as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.shared.auth),
            },
        })
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits until `n` pushes have come to `path`.
    pub async fn wait_for(&self, path: &str, n: usize) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got: Vec<Received> = self
                .received()
                .into_iter()
                .filter(|r| r.path == path)
                .collect();
            if got.len() >= n || start.elapsed() > Duration::from_secs(20) {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

fn rand_bytes(out: &mut [u8]) {
    use p256::elliptic_curve::rand_core::RngCore;
    p256::elliptic_curve::rand_core::OsRng.fill_bytes(out);
}
