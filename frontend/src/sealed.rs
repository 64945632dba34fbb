//! What a young person's phone keeps while it waits to send — unsent feedback, panel score drafts —
//! is sealed with AES-GCM (WebCrypto) under a key the server hands out only with their session
//! (`Session::storage_key`), held in memory only. Sign-out and quick exit drop the session and its
//! key, so what stays in the phone's storage cannot be read until the same young person signs in
//! again. Each sealed text is `sealed1.` then base64 of a fresh 96-bit IV and the ciphertext.

use crate::state::session::SessionState;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

const PREFIX: &str = "sealed1.";
const IV_BYTES: usize = 12;

fn subtle() -> Option<SubtleCrypto> {
    Some(web_sys::window()?.crypto().ok()?.subtle())
}

/// The browser's base64 (`atob`), as bytes.
fn bytes_of(base64: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(base64).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

/// The browser's base64 (`btoa`) of bytes.
fn base64_of(bytes: &[u8]) -> Option<String> {
    let binary: String = bytes.iter().copied().map(char::from).collect();
    web_sys::window()?.btoa(&binary).ok()
}

/// The session's key, for this page only (not extractable).
async fn key(state: SessionState) -> Option<CryptoKey> {
    let raw = bytes_of(&state.storage_key()?)?;
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into()).ok()?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let promise = subtle()?
        .import_key_with_object(
            "raw",
            &Uint8Array::from(raw.as_slice()),
            &algorithm,
            false,
            &usages,
        )
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// `plain`, sealed with the signed-in young person's key; `None` without one.
pub async fn seal(state: SessionState, plain: &str) -> Option<String> {
    let key = key(state).await?;
    let mut iv = [0u8; IV_BYTES];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut iv)
        .ok()?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&iv[..]));
    let promise = subtle()?
        .encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes())
        .ok()?;
    let mut all = iv.to_vec();
    all.extend(Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec());
    Some(format!("{PREFIX}{}", base64_of(&all)?))
}

/// What `seal` sealed, opened with the signed-in young person's key; `None` without it (or for
/// anything else).
pub async fn open(state: SessionState, sealed: &str) -> Option<String> {
    let all = bytes_of(sealed.strip_prefix(PREFIX)?)?;
    if all.len() <= IV_BYTES {
        return None;
    }
    let (iv, data) = all.split_at(IV_BYTES);
    let key = key(state).await?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv));
    let promise = subtle()?
        .decrypt_with_object_and_u8_array(&params, &key, data)
        .ok()?;
    String::from_utf8(Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec()).ok()
}

/// Reads something kept sealed on this phone (kept before sealing existed: read as it is).
pub async fn read(state: SessionState, key: String) -> Option<String> {
    let kept = crate::offline::read_item(&key)?;
    if kept.starts_with(PREFIX) {
        open(state, &kept).await
    } else {
        Some(kept)
    }
}

thread_local! {
    /// The latest write asked for, per storage key: sealing takes a moment, and an older write
    /// finishing last must not win.
    static WRITES: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}

/// Keeps `value` sealed under `key` on this phone (`None` removes it); the newest call wins.
/// Without a key, nothing new is kept: the phone never holds the words readably.
pub fn keep(state: SessionState, key: String, value: Option<String>) {
    let turn = WRITES.with(|w| {
        let mut w = w.borrow_mut();
        let n = w.entry(key.clone()).or_default();
        *n += 1;
        *n
    });
    leptos::task::spawn_local(async move {
        let sealed = match value {
            Some(plain) => match seal(state, &plain).await {
                Some(sealed) => Some(sealed),
                None => return,
            },
            None => None,
        };
        if WRITES.with(|w| w.borrow().get(&key) == Some(&turn)) {
            crate::offline::write_item(&key, sealed.as_deref());
        }
    });
}
