//! Live sync in the worker: one `SyncPeer` (rectify-sync) for the page's open ledger, its
//! sockets as browser WebSockets, a one-second tick for the dialer's back-off. The page posts
//! `{sync, bytes}` (`rectify_core::live::SyncRequest` as JSON); the worker posts
//! `{synced, bytes}` (`SyncEvent`). Sync happens here, away from the page: the page only
//! merges the batches of others' changes it is sent.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Object, Uint8Array};
use rectify_core::live::{SyncEvent, SyncRequest, SyncState};
use rectify_sync::{backoff, ConnectionId, DialerId, Effect, SyncPeer};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::serve::{get, set};

/// How often the peer is ticked for its back-off timers.
const TICK_MS: i32 = 1_000;
/// Others' changes go to the page at most this often, gathered into one batch: each batch
/// costs the page a merge and a read, so a colleague typing ten keys a second is one batch.
const GATHER_MS: i32 = 150;

struct Session {
    peer: SyncPeer,
    /// which start this is: a socket of an earlier session is ignored
    generation: u32,
    /// the page has the ledger (else the first news is the whole ledger)
    page_has_ledger: bool,
    dialling: HashMap<DialerId, web_sys::WebSocket>,
    sockets: HashMap<ConnectionId, web_sys::WebSocket>,
    tick: Option<i32>,
    /// others' changes are being gathered for the page
    gathering: bool,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    static GENERATION: RefCell<u32> = const { RefCell::new(0) };
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

fn post(event: &SyncEvent, bytes: Option<Vec<u8>>) {
    let message = Object::new();
    let json = serde_json::to_string(event).unwrap_or_default();
    set(&message, "synced", &JsValue::from_str(&json));
    match bytes {
        Some(bytes) => {
            let array = Uint8Array::from(bytes.as_slice());
            set(&message, "bytes", &array);
            let transfer = js_sys::Array::of1(&array.buffer());
            if scope()
                .post_message_with_transfer(&message, &transfer)
                .is_err()
            {
                let _ = scope().post_message(&message);
            }
        }
        None => {
            let _ = scope().post_message(&message);
        }
    }
}

fn post_state(state: SyncState) {
    post(&SyncEvent::State { state, at: now() }, None);
}

/// A message from the page with a `sync` field.
pub fn handle(data: &JsValue) {
    let text = get(data, "sync").as_string().unwrap_or_default();
    let Ok(request) = serde_json::from_str::<SyncRequest>(&text) else {
        return;
    };
    let bytes = get(data, "bytes");
    let bytes = bytes
        .is_instance_of::<Uint8Array>()
        .then(|| Uint8Array::new(&bytes).to_vec());
    match request {
        SyncRequest::Start { ledger_id, server } => start(&ledger_id, &server, bytes),
        SyncRequest::Local { heads } => with_session(|s| {
            s.peer.local(&bytes.unwrap_or_default(), &heads, now());
        }),
        SyncRequest::Took { heads } => with_session(|s| s.peer.took(&heads)),
        SyncRequest::Stop => stop(),
    }
}

fn start(ledger_id: &str, server: &str, whole: Option<Vec<u8>>) {
    stop();
    let generation = GENERATION.with(|g| {
        *g.borrow_mut() += 1;
        *g.borrow()
    });
    let whole = whole.filter(|b| !b.is_empty());
    let mut peer = SyncPeer::new(ledger_id, whole.as_deref(), now());
    let page_has_ledger = whole.is_some();
    peer.start(server, now());
    let tick = Closure::<dyn FnMut()>::new(move || {
        with_session_of(generation, |s| s.peer.tick(now()));
    });
    // (JavaScript owns each handler: it is freed with what holds it)
    let tick = tick.into_js_value();
    let tick_id = scope()
        .set_interval_with_callback_and_timeout_and_arguments_0(tick.unchecked_ref(), TICK_MS)
        .ok();
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            peer,
            generation,
            page_has_ledger,
            dialling: HashMap::new(),
            sockets: HashMap::new(),
            tick: tick_id,
            gathering: false,
        })
    });
    post_state(SyncState::Connecting);
    pump();
}

fn stop() {
    let session = SESSION.with(|s| s.borrow_mut().take());
    if let Some(mut session) = session {
        session.peer.stop();
        if let Some(id) = session.tick {
            scope().clear_interval_with_handle(id);
        }
        for socket in session.sockets.values().chain(session.dialling.values()) {
            quiet_close(socket);
        }
    }
}

fn quiet_close(socket: &web_sys::WebSocket) {
    socket.set_onopen(None);
    socket.set_onmessage(None);
    socket.set_onclose(None);
    socket.set_onerror(None);
    let _ = socket.close();
}

fn with_session(f: impl FnOnce(&mut Session)) {
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            f(session);
        }
    });
    pump();
}

fn with_session_of(generation: u32, f: impl FnOnce(&mut Session)) {
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut() {
            if session.generation == generation {
                f(session);
            }
        }
    });
    pump();
}

/// Do what the peer asks until it asks nothing more.
fn pump() {
    loop {
        let next = SESSION.with(|s| {
            let mut s = s.borrow_mut();
            let session = s.as_mut()?;
            let effect = session.peer.next_effect()?;
            Some(do_effect(session, effect))
        });
        match next {
            None => return,
            Some(Some(later)) => later(),
            Some(None) => {}
        }
    }
}

type Later = Box<dyn FnOnce()>;

/// One effect; what must wait until the session is no longer borrowed comes back.
fn do_effect(session: &mut Session, effect: Effect) -> Option<Later> {
    match effect {
        Effect::Dial { dialer, url } => dial(session, dialer, &url),
        Effect::Send { connection, bytes } => {
            if let Some(socket) = session.sockets.get(&connection) {
                let _ = socket.send_with_u8_array(&bytes);
            }
        }
        Effect::Close { connection } => {
            if let Some(socket) = session.sockets.remove(&connection) {
                quiet_close(&socket);
            }
        }
        Effect::Connected => post_state(SyncState::Connected),
        Effect::Disconnected { reason } => post_state(SyncState::Offline {
            reason,
            retry_ms: backoff().initial_delay.as_millis() as u64,
        }),
        Effect::Changed => gather(session),
        Effect::Refused(refusal) => {
            let generation = session.generation;
            post_state(SyncState::Failed(refusal));
            return Some(Box::new(move || {
                let current = SESSION.with(|s| s.borrow().as_ref().map(|s| s.generation));
                if current == Some(generation) {
                    stop();
                }
            }));
        }
    }
    None
}

/// Send the page what changed once `GATHER_MS` has passed (the first change of a batch starts
/// the wait; the ledger the page asked to join goes at once).
fn gather(session: &mut Session) {
    if !session.page_has_ledger {
        return changed(session);
    }
    if session.gathering {
        return;
    }
    session.gathering = true;
    let generation = session.generation;
    let send = Closure::once_into_js(move || {
        with_session_of(generation, |s| {
            s.gathering = false;
            changed(s);
        })
    });
    let _ = scope()
        .set_timeout_with_callback_and_timeout_and_arguments_0(send.unchecked_ref(), GATHER_MS);
}

fn changed(session: &mut Session) {
    if session.page_has_ledger {
        if let Ok(Some((batch, heads))) = session.peer.changes_for_page() {
            post(&SyncEvent::Changes { heads }, Some(batch));
        }
    } else if let Ok(Some(whole)) = session.peer.whole_for_page() {
        session.page_has_ledger = true;
        post(&SyncEvent::Whole, Some(whole));
    }
    post(&SyncEvent::InStep { at: now() }, None);
}

fn dial(session: &mut Session, dialer: DialerId, url: &str) {
    let generation = session.generation;
    let socket = match web_sys::WebSocket::new(url) {
        Ok(socket) => socket,
        Err(e) => {
            let reason = get(&e, "message").as_string().unwrap_or_default();
            session.peer.dial_failed(dialer, &reason, now());
            return;
        }
    };
    socket.set_binary_type(web_sys::BinaryType::Arraybuffer);
    let on_open = Closure::<dyn FnMut()>::new(move || {
        with_session_of(generation, |s| {
            if let Some(socket) = s.dialling.remove(&dialer) {
                if let Some(connection) = s.peer.dialled(dialer, now()) {
                    listen(&socket, generation, connection);
                    s.sockets.insert(connection, socket);
                }
            }
        });
    });
    let on_close = Closure::<dyn FnMut(web_sys::CloseEvent)>::new(move |e: web_sys::CloseEvent| {
        with_session_of(generation, |s| {
            if s.dialling.remove(&dialer).is_some() {
                let reason = format!("{} {}", e.code(), e.reason());
                s.peer.dial_failed(dialer, reason.trim(), now());
            }
        });
    });
    socket.set_onopen(Some(on_open.into_js_value().unchecked_ref()));
    socket.set_onclose(Some(on_close.into_js_value().unchecked_ref()));
    session.dialling.insert(dialer, socket);
}

/// The open socket's messages and close, for `connection`.
fn listen(socket: &web_sys::WebSocket, generation: u32, connection: ConnectionId) {
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let Ok(buffer) = data.dyn_into::<js_sys::ArrayBuffer>() else {
                return;
            };
            let bytes = Uint8Array::new(&buffer).to_vec();
            with_session_of(generation, |s| s.peer.received(connection, bytes, now()));
        });
    let on_close = Closure::<dyn FnMut()>::new(move || {
        with_session_of(generation, |s| {
            if s.sockets.remove(&connection).is_some() {
                s.peer.lost(connection, now());
            }
        });
    });
    socket.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
    socket.set_onclose(Some(on_close.into_js_value().unchecked_ref()));
}
