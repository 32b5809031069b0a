//! The Web Worker's wasm module: answers the page's jobs (`rectify_core::jobs`) with
//! `rectify-office`, one message at a time. The page's side is src/platform/worker.rs.
//!
//! Messages: the page posts `{id, job, bytes}` (the job as JSON, its file as a Uint8Array);
//! the worker answers `{id, done, bytes}`, once, when it is ready, `{ready: PROTOCOL}`, and
//! `{panicked: message}` when a job panics (the page then stops it; nothing is logged).
//! Live sync's messages, `{sync, bytes}` in and `{synced, bytes}` out, are `live.rs`'s.

#[cfg(target_arch = "wasm32")]
mod live;

#[cfg(target_arch = "wasm32")]
fn main() {
    serve::serve();
}

/// A native build has nothing to run: the jobs are tested natively in rectify-office.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
pub(crate) mod serve {
    use js_sys::{Object, Reflect, Uint8Array};
    use rectify_office::jobs::{self, PROTOCOL};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    pub(crate) fn get(object: &JsValue, key: &str) -> JsValue {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    pub(crate) fn set(object: &Object, key: &str, value: &JsValue) {
        let _ = Reflect::set(object, &JsValue::from_str(key), value);
    }

    /// One message in, its answer out (the file's buffer transferred, not copied).
    fn answer(reply_to: &web_sys::DedicatedWorkerGlobalScope, event: web_sys::MessageEvent) {
        let data = event.data();
        if !get(&data, "sync").is_undefined() {
            return crate::live::handle(&data);
        }
        let id = get(&data, "id");
        let job = get(&data, "job").as_string().unwrap_or_default();
        let bytes = get(&data, "bytes");
        let bytes = if bytes.is_instance_of::<Uint8Array>() {
            Uint8Array::new(&bytes).to_vec()
        } else {
            Vec::new()
        };
        let (done, file) = jobs::answer(&job, &bytes);
        let reply = Object::new();
        set(&reply, "id", &id);
        set(&reply, "done", &JsValue::from_str(&done));
        let file = Uint8Array::from(file.as_slice());
        set(&reply, "bytes", &file);
        let transfer = js_sys::Array::of1(&file.buffer());
        if reply_to
            .post_message_with_transfer(&reply, &transfer)
            .is_err()
        {
            let _ = reply_to.post_message(&reply);
        }
    }

    /// Answer the page's jobs, one message at a time, then say that it is ready.
    pub fn serve() {
        // A panic (Automerge on a crafted file) is told to the page, which refuses the file and
        // starts a new worker when it needs one; nothing goes to the console, where a file
        // refused as damaged would read as the app crashing.
        std::panic::set_hook(Box::new(|info| {
            let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            let message = Object::new();
            set(&message, "panicked", &JsValue::from_str(&info.to_string()));
            let _ = scope.post_message(&message);
        }));
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| answer(&reply_to, event),
        );
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        set(&ready, "ready", &JsValue::from(PROTOCOL));
        let _ = scope.post_message(&ready);
    }
}
