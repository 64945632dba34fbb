//! Refresh tokens: 256 random bits, given to the browser in an HttpOnly, SameSite=Strict cookie
//! scoped to the auth routes; only their SHA-256 is stored.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const COOKIE_NAME: &str = "chorus_refresh";
pub const COOKIE_PATH: &str = "/api/v1/auth";

pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn cookie(token: &str, days: i64, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE_NAME, token.to_owned())
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(Duration::days(days))
        .finish()
}

pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut c = cookie("", 0, secure);
    c.make_removal();
    c
}
