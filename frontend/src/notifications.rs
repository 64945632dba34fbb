//! Notifications on this phone (Web Push): subscribe with the server's VAPID key and hand the
//! subscription to Chorus, or end it. A push only ever says "You have news in Chorus"; the
//! service worker (`sw.js`) shows it and opens the news page when tapped.

use crate::api::{self, Failure};
use crate::state::session::SessionState;
use shared::api::PushEndpoint;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationPermission, PushSubscriptionOptionsInit};

/// Whether this browser can take pushes at all.
pub fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    ["PushManager", "Notification"]
        .iter()
        .all(|name| js_sys::Reflect::has(&window, &JsValue::from_str(name)).unwrap_or(false))
        && js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
            .unwrap_or(false)
}

async fn push_manager() -> Result<web_sys::PushManager, JsValue> {
    let container = web_sys::window()
        .ok_or(JsValue::NULL)?
        .navigator()
        .service_worker();
    let registration: web_sys::ServiceWorkerRegistration =
        JsFuture::from(container.ready()?).await?.dyn_into()?;
    registration.push_manager()
}

/// This phone's subscription, if it has one.
pub async fn current() -> Option<web_sys::PushSubscription> {
    let manager = push_manager().await.ok()?;
    let found = JsFuture::from(manager.get_subscription().ok()?)
        .await
        .ok()?;
    // A PushSubscription or null, by the Push API.
    (!found.is_null() && !found.is_undefined()).then(|| found.unchecked_into())
}

/// Asks for permission, subscribes and tells Chorus. `Ok(false)` when the young person (or
/// the phone) said no.
pub async fn turn_on(state: SessionState) -> Result<bool, Failure> {
    let key = api::push_key(state).await?;
    let asked = Notification::request_permission().map_err(|_| Failure::Network)?;
    let answer = JsFuture::from(asked).await.map_err(|_| Failure::Network)?;
    if answer.as_string().as_deref() != Some("granted")
        && Notification::permission() != NotificationPermission::Granted
    {
        return Ok(false);
    }
    let subscribed = async {
        let options = PushSubscriptionOptionsInit::new();
        options.set_user_visible_only(true);
        options.set_application_server_key(&JsValue::from_str(&key.application_server_key));
        let promise = push_manager().await?.subscribe_with_options(&options)?;
        let subscription = JsFuture::from(promise).await?;
        js_sys::JSON::stringify(&subscription)
    }
    .await
    .ok()
    .and_then(|json| json.as_string());
    let Some(subscription) = subscribed else {
        return Ok(false);
    };
    if let Err(refused) = api::turn_push_on(state, &subscription).await {
        // Chorus did not keep it: end it on the phone too, so the switch reads true next time.
        if let Some(here) = current().await {
            end_here(&here).await;
        }
        return Err(refused);
    }
    Ok(true)
}

async fn end_here(subscription: &web_sys::PushSubscription) {
    if let Ok(promise) = subscription.unsubscribe() {
        let _ = JsFuture::from(promise).await;
    }
}

/// Ends this phone's subscription, here and at Chorus.
pub async fn turn_off(state: SessionState) -> Result<(), Failure> {
    let Some(subscription) = current().await else {
        return Ok(());
    };
    let endpoint = subscription.endpoint();
    end_here(&subscription).await;
    api::turn_push_off(state, &PushEndpoint { endpoint }).await
}
