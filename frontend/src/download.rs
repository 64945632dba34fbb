//! Saving CSV the server sent as a file, through a temporary object URL (nothing leaves the page).

use wasm_bindgen::JsCast;

pub fn csv_file(name: &str, text: &str) {
    file(name, "text/csv", text);
}

/// A plain text file (e.g. a young person's copy of their data).
pub fn text_file(name: &str, text: &str) {
    file(name, "text/plain;charset=utf-8", text);
}

fn file(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
