//! The only place that touches the browser: localStorage (via gloo-storage) and IndexedDB
//! ([`idb`]) behind the core's [`KeyValue`] interface, the clock, file downloads and reading picked files, where
//! the page was opened from, persistent storage, and the service worker.

use gloo_storage::Storage as _;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use rectify_core::store::{KeyValue, StoreError};

pub mod idb;
pub mod worker;

/// localStorage, reached through gloo-storage. Every failure becomes a [`StoreError`] so
/// the UI can say what happened; nothing here panics when storage is missing or full.
pub struct LocalKv;

impl LocalKv {
    fn storage() -> Result<web_sys::Storage, StoreError> {
        // gloo's `raw()` throws when storage is disabled; ask first.
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(_))) => Ok(gloo_storage::LocalStorage::raw()),
            _ => Err(StoreError::Unavailable),
        }
    }
}

fn is_quota_error(err: &JsValue) -> bool {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "QuotaExceededError" || n == "NS_ERROR_DOM_QUOTA_REACHED")
}

impl KeyValue for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::storage()?
            .get_item(key)
            .map_err(|_| StoreError::Unavailable)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::storage()?.set_item(key, value).map_err(|e| {
            if is_quota_error(&e) {
                StoreError::QuotaExceeded
            } else {
                StoreError::Unavailable
            }
        })
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        Self::storage()?
            .remove_item(key)
            .map_err(|_| StoreError::Unavailable)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = Self::storage()?;
        let n = storage.length().map_err(|_| StoreError::Unavailable)?;
        Ok((0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}

/// Run `f` once the page is idle: after the pending tasks and the next frame
/// (`requestIdleCallback`), and at the latest after `limit`. Where the browser has no
/// `requestIdleCallback` (Safari), after a frame and a short pause.
pub fn when_idle(f: impl FnOnce() + 'static, limit: std::time::Duration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let has_idle =
        js_sys::Reflect::has(&window, &JsValue::from_str("requestIdleCallback")).unwrap_or(false);
    if has_idle {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(limit.as_millis().min(u32::MAX as u128) as u32);
        let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::from_millis(50))
    });
}

/// Milliseconds since the epoch (the page's clock, for timing within a session).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Seconds since the epoch (Automerge change times).
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Today's date in the user's time zone.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The local time zone's offset east of UTC, in seconds (China: 28800).
pub fn utc_offset_secs() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60
}

/// A change time as the user reads it: 2024-06-30 14:05 in local time.
pub fn local_time_label(secs: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(secs as f64 * 1000.0));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// What the browser would not do, for the page's i18n to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// no window or document
    NoPage,
    /// the file's Blob could not be made
    NoFile,
    /// the download link could not be made
    NoLink,
    /// the clipboard refused the text
    Clipboard,
    /// the picked file could not be read
    ReadFile,
}

/// Offer bytes as a file download.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), Refusal> {
    let array = Uint8Array::from(bytes);
    let parts = Array::of1(&array.buffer());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)
        .map_err(|_| Refusal::NoFile)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Refusal::NoLink)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Refusal::NoPage)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| Refusal::NoLink)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.style().set_property("display", "none").ok();
    if let Some(body) = document.body() {
        body.append_child(&a).ok();
        a.click();
        body.remove_child(&a).ok();
    }
    // Revoke later: some browsers start the download asynchronously.
    let url2 = url.clone();
    leptos::prelude::set_timeout(
        move || {
            web_sys::Url::revoke_object_url(&url2).ok();
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// Put text on the clipboard (navigator.clipboard; needs a secure context or file://).
pub async fn copy_text(text: &str) -> Result<(), Refusal> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .ok_or(Refusal::NoPage)?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| Refusal::Clipboard)
}

/// Read a picked or dropped file's bytes.
pub async fn read_file(file: web_sys::File) -> Result<Vec<u8>, Refusal> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Refusal::ReadFile)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Ask the user a yes/no question (window.confirm).
/// `names` in the order Chinese software lists them (pinyin: 安全科, 办公室, 财务科, 党建办…),
/// sorted by the browser with `Intl.Collator('zh-CN')`: no collation table in the wasm, and
/// no sort compiled for it. Left as they are where the browser cannot.
pub fn zh_sorted(names: Vec<String>) -> Vec<String> {
    let array: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    let locales = Array::of1(&JsValue::from_str("zh-CN"));
    let compare = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new()).compare();
    let sort = js_sys::Reflect::get(&array, &JsValue::from_str("sort"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match sort.map(|sort| sort.call1(&array, &compare)) {
        Some(Ok(_)) => array.iter().filter_map(|v| v.as_string()).collect(),
        _ => names,
    }
}

pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// The page's address scheme: `file:` when opened from disk, `http:`/`https:` when hosted.
fn protocol() -> String {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .unwrap_or_default()
}

/// Opened from disk (file://): every such page in this browser shares one localStorage.
pub fn is_file_page() -> bool {
    protocol() == "file:"
}

/// The content of `<meta name="…">` in the page, if present.
fn meta(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
        .filter(|c| !c.is_empty())
}

/// The one-file build (scripts/single-file.mjs marks it `<meta name="rectify-build"
/// content="single-file">`): it never registers a service worker.
pub fn is_single_file() -> bool {
    meta("rectify-build").as_deref() == Some("single-file")
}

/// The build's version (`<meta name="rectify-version">`, written by scripts/pwa.mjs), which
/// the service worker's cache is named after.
pub fn app_version() -> Option<String> {
    meta("rectify-version")
}

/// A member of `navigator` that may be missing (older browsers, insecure contexts): calling a
/// method of an absent object would throw, so look first.
fn navigator_member(name: &str) -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

async fn promised_bool(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// Ask the browser to keep this page's storage (`navigator.storage.persist()`) unless it
/// already does, then report `persisted()`: Some(false) means it may clear the storage under
/// pressure; None means the browser gives no answer (no StorageManager here).
pub async fn ask_persistent_storage() -> Option<bool> {
    let storage: web_sys::StorageManager = navigator_member("storage")?.unchecked_into();
    if promised_bool(storage.persisted()).await == Some(true) {
        return Some(true);
    }
    let _ = promised_bool(storage.persist()).await;
    promised_bool(storage.persisted()).await
}

/// The browser's estimate of this origin's storage (`navigator.storage.estimate()`):
/// (bytes used, bytes it may use), or None when the browser gives no estimate.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let storage: web_sys::StorageManager = navigator_member("storage")?.unchecked_into();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((number("usage")?, number("quota")?))
}

/// Register the service worker `sw.js` next to the page (relative, so a sub-path works) —
/// only for the hosted build over http(s), never from file:// or the one-file build.
/// `on_update` runs when a new version's worker takes over a page that an older one served
/// (the new files are cached; a reload shows them).
pub fn register_service_worker(on_update: impl Fn() + 'static) {
    if !matches!(protocol().as_str(), "http:" | "https:") || is_single_file() {
        return;
    }
    let Some(container) = navigator_member("serviceWorker") else {
        return;
    };
    let container: web_sys::ServiceWorkerContainer = container.unchecked_into();
    // The first install also takes control (clients.claim): that is not an update.
    if container.controller().is_some() {
        let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_update);
        let _ = container.add_event_listener_with_callback(
            "controllerchange",
            callback.as_ref().unchecked_ref(),
        );
        callback.forget();
    }
    let registration = container.register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        // A failed registration only means no offline copy; the app works as before.
        let _ = JsFuture::from(registration).await;
    });
}

/// Reload the page (to run a newly downloaded version).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// The user guide's Markdown (docs/guide.md): inline in the one-file build
/// (`<script type="text/markdown" id="rectify-guide">`, scripts/single-file.mjs), fetched as
/// `guide.md` beside the page when hosted (the service worker keeps it for offline use).
/// `Err` names what failed, for the 帮助 view to show.
pub async fn guide_text() -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let inline = window
        .document()
        .and_then(|d| d.get_element_by_id("rectify-guide"))
        .and_then(|e| e.text_content());
    if let Some(text) = inline {
        return Ok(text);
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("guide.md"))
        .await
        .map_err(|e| thrown_message(&e))?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| thrown_message(&e))?)
        .await
        .map_err(|e| thrown_message(&e))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// A thrown value's name or message, for a message that names the cause.
fn thrown_message(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
