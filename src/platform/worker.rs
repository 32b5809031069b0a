//! The page's side of the Web Worker that runs `rectify_core::jobs` away from the page: [`run`]
//! starts it on first use. The worker's side is its own wasm module, crates/worker.
//!
//! Messages: the page posts `{id, job, bytes}` (the job as JSON, its file as a Uint8Array); the
//! worker answers `{id, done, bytes}`, and once, when it is ready, `{ready: PROTOCOL}`. Where
//! the worker comes from: in the hosted build Trunk's `rectify-worker_loader.js` beside the
//! page; in the one-file build the source scripts/single-file.mjs puts in the page as
//! `<script type="text/plain" id="rectify-worker-source">` (glue and wasm), started from a
//! blob: URL. Live sync runs in the same worker: [`send_sync`] posts `{sync, bytes}`, and its
//! `{synced, bytes}` news goes to the one listener set by [`on_sync`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use rectify_core::jobs::{self, Done, Job, PROTOCOL};
use rectify_core::live::{SyncEvent, SyncRequest};

/// The hosted build's worker script (Trunk's loader shim for the `rectify-worker` binary).
const WORKER_SCRIPT: &str = "rectify-worker_loader.js";
/// The element holding the worker's source in the one-file build.
const INLINE_SOURCE_ID: &str = "rectify-worker-source";

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

// ─────────────────────────────── the page's side ───────────────────────────────

/// Why a job did not come back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerError {
    /// the worker could not be started (its files missing, offline before they were cached,
    /// workers blocked), and why
    Unavailable(Startup),
    /// the worker stopped while doing the job (a wasm trap: Automerge panicked on a crafted
    /// file); the next job starts a new one
    Crashed,
    /// the job took longer than [`TIME_LIMIT_MS`]: the worker was stopped
    TimedOut,
}

/// Why the worker could not be started, for the page's i18n to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Startup {
    /// no window or document
    NoPage,
    /// its script's Blob or URL could not be made
    NoScript,
    /// it is of another version than the page (a new version's files were cached)
    OtherVersion,
    /// the job could not be posted to it
    NotSent,
    /// the browser's own reason (its words), or none
    Browser(Option<String>),
}

impl Startup {
    /// A reason the worker's promises were rejected with.
    fn from_reason(reason: Option<String>) -> Startup {
        match reason.as_deref() {
            Some(OTHER_VERSION) => Startup::OtherVersion,
            Some("") | None => Startup::Browser(None),
            Some(_) => Startup::Browser(reason),
        }
    }
}

/// The reason the worker's promises are rejected with when it is of another version.
const OTHER_VERSION: &str = "other-version";

/// How long a job may take before the worker is stopped. Jobs take well under a second on
/// ledgers within the limits; only a pathological file could take this long.
pub const TIME_LIMIT_MS: i32 = 120_000;
/// The reason a timed-out job is rejected with.
const TIMED_OUT: &str = "timeout";

type Pending = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

/// The running worker: its ready promise, and the jobs waiting for an answer.
struct Helper {
    worker: web_sys::Worker,
    ready: Promise,
    pending: Pending,
    next_id: u32,
    /// the one-file build's blob: URL of the worker's script, until the worker has loaded it
    blob_url: Option<String>,
}

impl Helper {
    /// Let go of the worker's blob: URL once the worker has loaded its script (it said it is
    /// ready, or it stopped): the URL holds the script's text, megabytes, for the page's life,
    /// and every start after a crash makes a new one.
    fn revoke_blob_url(&mut self) {
        if let Some(url) = self.blob_url.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// Who hears live sync's news from the worker: the event and its bytes, or None when the
/// worker stopped (its sync session went with it).
type SyncListener = Rc<dyn Fn(Option<(SyncEvent, Vec<u8>)>)>;

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
    static SYNC_LISTENER: RefCell<Option<SyncListener>> = const { RefCell::new(None) };
}

/// Hear live sync's news (one listener: the page's live state).
pub fn on_sync(listener: impl Fn(Option<(SyncEvent, Vec<u8>)>) + 'static) {
    SYNC_LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(listener)));
}

fn tell_sync(news: Option<(SyncEvent, Vec<u8>)>) {
    if let Some(listener) = SYNC_LISTENER.with(|l| l.borrow().clone()) {
        listener(news);
    }
}

fn bytes_of(data: &JsValue) -> Vec<u8> {
    let bytes = get(data, "bytes");
    if bytes.is_instance_of::<Uint8Array>() {
        Uint8Array::new(&bytes).to_vec()
    } else {
        Vec::new()
    }
}

/// Tell the worker's live sync `request` (with `bytes`), starting the worker if need be.
pub async fn send_sync(request: &SyncRequest, bytes: &[u8]) -> Result<(), WorkerError> {
    ready().await?;
    let message = Object::new();
    let json = serde_json::to_string(request).unwrap_or_default();
    set(&message, "sync", &JsValue::from_str(&json));
    let file = Uint8Array::from(bytes);
    set(&message, "bytes", &file);
    let transfer = js_sys::Array::of1(&file.buffer());
    let sent = HELPER.with(|h| {
        let h = h.borrow();
        let helper = h.as_ref()?;
        helper
            .worker
            .post_message_with_transfer(&message, &transfer)
            .ok()
    });
    sent.ok_or(WorkerError::Unavailable(Startup::NotSent))
}

/// The id the ready message resolves (jobs count from 1).
const READY: u32 = 0;

fn worker_url() -> Result<String, Startup> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Startup::NoPage)?;
    let Some(source) = document.get_element_by_id(INLINE_SOURCE_ID) else {
        return Ok(WORKER_SCRIPT.to_string());
    };
    let text = source.text_content().unwrap_or_default();
    let parts = js_sys::Array::of1(&JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| Startup::NoScript)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Startup::NoScript)
}

/// Stop the worker and fail what it still had to do (it stopped, or it misbehaved).
fn stop(reason: &str) {
    let helper = HELPER.with(|h| h.borrow_mut().take());
    if let Some(mut helper) = helper {
        helper.revoke_blob_url();
        helper.worker.set_onmessage(None);
        helper.worker.set_onerror(None);
        helper.worker.terminate();
        let waiting: Vec<_> = helper.pending.borrow_mut().drain().collect();
        for (_, (_, reject)) in waiting {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(reason));
        }
        tell_sync(None);
    }
}

fn start() -> Result<(), Startup> {
    let url = worker_url()?;
    let worker = web_sys::Worker::new(&url)
        .map_err(|e| Startup::from_reason(get(&e, "message").as_string()))?;
    let pending: Pending = Rc::new(RefCell::new(HashMap::new()));
    let ready = {
        let pending = pending.clone();
        Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().insert(READY, (resolve, reject));
        })
    };
    // a worker that fails before a job awaits it (started by [`warm`]) rejects `ready` with
    // no one listening: handled here, so it is not an unhandled rejection; `run` still sees it
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
    let _ = ready.catch(&ignore);
    ignore.forget();
    let answers = pending.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let ready = get(&data, "ready");
            if !ready.is_undefined() {
                // it has loaded its script: the blob: URL can go now (a warmed worker may wait
                // long for its first job)
                HELPER.with(|h| {
                    if let Some(helper) = h.borrow_mut().as_mut() {
                        helper.revoke_blob_url();
                    }
                });
                let entry = answers.borrow_mut().remove(&READY);
                if ready.as_f64() == Some(f64::from(PROTOCOL)) {
                    if let Some((resolve, _)) = entry {
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                } else {
                    let why = OTHER_VERSION;
                    if let Some((_, reject)) = entry {
                        let _ = reject.call1(&JsValue::NULL, &why.into());
                    }
                    stop(why);
                }
                return;
            }
            if let Some(json) = get(&data, "synced").as_string() {
                if let Ok(event) = serde_json::from_str::<SyncEvent>(&json) {
                    tell_sync(Some((event, bytes_of(&data))));
                }
                return;
            }
            // it panicked (on a crafted file): what it was doing fails now, quietly
            if let Some(why) = get(&data, "panicked").as_string() {
                stop(&why);
                return;
            }
            let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
            let entry = answers.borrow_mut().remove(&id);
            if let Some((resolve, _)) = entry {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let message = get(&event, "message").as_string().unwrap_or_default();
        stop(&message);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // the worker lives as long as the page (or until it stops): so do its handlers
    on_message.forget();
    on_error.forget();
    HELPER.with(|h| {
        *h.borrow_mut() = Some(Helper {
            worker,
            ready,
            pending,
            next_id: READY + 1,
            blob_url: url.starts_with("blob:").then_some(url),
        })
    });
    Ok(())
}

/// Start the worker now unless it is running, so that the job someone is about to ask for (a
/// file picker just opened, a file dragged over the page) does not wait for its module: its
/// download (about 1 MB gzip, on first use unless the service worker has it) and start, about
/// 0.1 s here from a local server, happen while the file is being picked. A worker that cannot
/// start is reported by the job's [`run`], which tries again.
pub fn warm() {
    if HELPER.with(|h| h.borrow().is_none()) {
        let _ = start();
    }
}

/// The worker, started on first use, once it is ready.
async fn ready() -> Result<(), WorkerError> {
    if HELPER.with(|h| h.borrow().is_none()) {
        start().map_err(WorkerError::Unavailable)?;
    }
    let Some(ready) = HELPER.with(|h| h.borrow().as_ref().map(|h| h.ready.clone())) else {
        return Err(WorkerError::Unavailable(Startup::Browser(None)));
    };
    if let Err(e) = JsFuture::from(ready).await {
        stop("");
        return Err(WorkerError::Unavailable(Startup::from_reason(
            e.as_string(),
        )));
    }
    Ok(())
}

/// Run `job` (with its file `bytes`) in the worker, starting the worker on first use.
pub async fn run(job: &Job, bytes: &[u8]) -> Result<(Done, Vec<u8>), WorkerError> {
    ready().await?;
    let message = Object::new();
    let file = Uint8Array::from(bytes);
    set(&message, "job", &JsValue::from_str(&jobs::job_to_json(job)));
    set(&message, "bytes", &file);
    let answer = HELPER.with(|h| {
        let mut h = h.borrow_mut();
        let helper = h.as_mut()?;
        let id = helper.next_id;
        helper.next_id = helper.next_id.wrapping_add(1).max(READY + 1);
        set(&message, "id", &JsValue::from(id));
        let pending = helper.pending.clone();
        let answer = Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().insert(id, (resolve, reject));
        });
        let transfer = js_sys::Array::of1(&file.buffer());
        helper
            .worker
            .post_message_with_transfer(&message, &transfer)
            .ok()?;
        Some(answer)
    });
    let Some(answer) = answer else {
        return Err(WorkerError::Unavailable(Startup::NotSent));
    };
    let time_limit = Closure::once_into_js(|| stop(TIMED_OUT));
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            time_limit.unchecked_ref(),
            TIME_LIMIT_MS,
        )
        .ok()
    });
    let data = JsFuture::from(answer).await;
    if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
        window.clear_timeout_with_handle(timer);
    }
    let data = data.map_err(|reason| match reason.as_string().as_deref() {
        Some(TIMED_OUT) => WorkerError::TimedOut,
        _ => WorkerError::Crashed,
    })?;
    let done = jobs::done_from_json(&get(&data, "done").as_string().unwrap_or_default());
    Ok((done, bytes_of(&data)))
}
