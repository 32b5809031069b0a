//! IndexedDB behind the core's synchronous [`KeyValue`]: everything this app keeps there is
//! read into memory once before the app starts, reads come from memory, and each save is
//! written in one IndexedDB transaction (all or nothing) whose outcome is reported later.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use rectify_core::store::{KeyValue, StoreError, PREFIX, VIEW_KEY_PREFIX};

const DB_NAME: &str = "rectify";
const STORE: &str = "kv";
/// The localStorage key written after each completed IndexedDB save, so that other tabs
/// (which get a `storage` event for it; IndexedDB has none) re-read the ledger.
pub const CHANGED_KEY: &str = "rectify:large-changed";

/// Told the outcome of every transaction that finishes after its save returned.
type Listener = Rc<dyn Fn(Result<(), StoreError>)>;

struct Inner {
    db: IdbDatabase,
    /// this app's keys and values, as the last reads and this page's writes left them
    mirror: RefCell<BTreeMap<String, String>>,
    /// writes not yet known to be on disk: key → new value (None: removed). A failed
    /// transaction leaves its writes here, so the next commit writes them again.
    unsaved: RefCell<BTreeMap<String, Option<String>>>,
    listener: RefCell<Option<Listener>>,
}

/// The IndexedDB store, shared by every `LedgerStore` the page makes.
#[derive(Clone)]
pub struct IdbKv(Rc<Inner>);

thread_local! {
    static LARGE: RefCell<Option<IdbKv>> = const { RefCell::new(None) };
}

/// The IndexedDB store, when [`open`] succeeded.
pub fn large() -> Option<IdbKv> {
    LARGE.with(|l| l.borrow().clone())
}

/// The name of a DOMException (or other error object).
fn error_name(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn store_error(name: &str) -> StoreError {
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::QuotaExceeded
    } else {
        StoreError::Unavailable
    }
}

/// Wait for a request: its result on success, its error on failure.
async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let done = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    match JsFuture::from(done).await {
        Ok(_) => req.result(),
        Err(_) => Err(req
            .error()
            .ok()
            .flatten()
            .map(JsValue::from)
            .unwrap_or_default()),
    }
}

/// Open the database and read everything in it.
async fn open_db() -> Result<IdbKv, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(JsValue::undefined)?
        .indexed_db()?
        .ok_or_else(JsValue::undefined)?;
    let req = factory.open_with_u32(DB_NAME, 1)?;
    let upgrading = req.clone();
    let on_upgrade = Closure::once(move |_: web_sys::Event| {
        if let Ok(db) = upgrading.result() {
            let db: IdbDatabase = db.unchecked_into();
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = request(&req).await?.unchecked_into();
    drop(on_upgrade);
    let kv = IdbKv(Rc::new(Inner {
        db,
        mirror: RefCell::default(),
        unsaved: RefCell::default(),
        listener: RefCell::default(),
    }));
    kv.reload().await?;
    Ok(kv)
}

/// Open IndexedDB and read this app's data into memory, giving up after `timeout_ms` (a
/// browser that blocks or stalls IndexedDB must not keep the page from starting: the app
/// then keeps everything in localStorage, as before).
pub async fn open(timeout_ms: i32) {
    let gave_up = Rc::new(Cell::new(false));
    let late = gave_up.clone();
    let opening = wasm_bindgen_futures::future_to_promise(async move {
        let kv = open_db().await?;
        if !late.get() {
            LARGE.with(|l| *l.borrow_mut() = Some(kv));
        }
        Ok(JsValue::TRUE)
    });
    let timeout = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms);
        }
    });
    let _ = JsFuture::from(Promise::race(&Array::of2(&opening, &timeout))).await;
    gave_up.set(true);
}

impl IdbKv {
    /// Be told when a transaction finishes after its save returned (a late quota error).
    pub fn on_written(&self, listener: impl Fn(Result<(), StoreError>) + 'static) {
        *self.0.listener.borrow_mut() = Some(Rc::new(listener));
    }

    /// Read everything again (another tab wrote), keeping this page's unsaved writes on top.
    pub async fn reload(&self) -> Result<(), JsValue> {
        let tx = self.0.db.transaction_with_str(STORE)?;
        let store = tx.object_store(STORE)?;
        let keys = store.get_all_keys()?;
        let values = store.get_all()?;
        let keys: Array = request(&keys).await?.unchecked_into();
        let values: Array = request(&values).await?.unchecked_into();
        let mut mirror: BTreeMap<String, String> = keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
            .filter(|(k, _)| k.starts_with(PREFIX))
            .collect();
        for (k, v) in self.0.unsaved.borrow().iter() {
            match v {
                Some(v) => mirror.insert(k.clone(), v.clone()),
                None => mirror.remove(k),
            };
        }
        *self.0.mirror.borrow_mut() = mirror;
        Ok(())
    }

    fn write(&self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.0.mirror.borrow_mut().insert(key.into(), v.into()),
            None => self.0.mirror.borrow_mut().remove(key),
        };
        self.0
            .unsaved
            .borrow_mut()
            .insert(key.into(), value.map(str::to_string));
    }

    /// A transaction finished: forget what it wrote (unless written again since), tell the
    /// page, and on success tell other tabs which ledgers changed.
    fn finished(&self, batch: &[(String, Option<String>)], result: Result<(), StoreError>) {
        if result.is_ok() {
            let mut unsaved = self.0.unsaved.borrow_mut();
            for (k, v) in batch {
                if unsaved.get(k) == Some(v) {
                    unsaved.remove(k);
                }
            }
            let ledgers: Vec<&str> = batch
                .iter()
                .filter_map(|(k, _)| {
                    let rest = k
                        .strip_prefix("rectify:ledger:")
                        .or_else(|| k.strip_prefix("rectify:chunk:"))?;
                    rest.split(':').next()
                })
                .collect();
            // (a transaction that wrote only a view changed no ledger: nothing to merge)
            let note = format!("{} {}", ledgers.join(","), js_sys::Date::now());
            let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
            if let (false, Some(storage)) = (ledgers.is_empty(), storage) {
                let _ = storage.set_item(CHANGED_KEY, &note);
            }
        }
        let only_views = batch.iter().all(|(k, _)| k.starts_with(VIEW_KEY_PREFIX));
        if result.is_err() {
            self.forget_unsaved_views(batch);
            if only_views {
                // every ledger's data is on disk: nothing is unsaved, no alert
                return;
            }
        }
        let listener = self.0.listener.borrow().clone();
        if let Some(listener) = listener {
            listener(result);
        }
    }

    /// A write that failed keeps its values to be written again with the next commit, except
    /// views: they are optional and four times the document, so carrying one would make the
    /// next save of the ledger itself fail on a full disk. The pause after the next save writes
    /// a new one.
    fn forget_unsaved_views(&self, batch: &[(String, Option<String>)]) {
        let mut unsaved = self.0.unsaved.borrow_mut();
        for (k, v) in batch {
            if k.starts_with(VIEW_KEY_PREFIX) && unsaved.get(k) == Some(v) {
                unsaved.remove(k);
            }
        }
    }
}

impl KeyValue for IdbKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.0.mirror.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(key, Some(value));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.write(key, None);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.0.mirror.borrow().keys().cloned().collect())
    }

    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.0.mirror.borrow().get(key).map(String::len))
    }

    /// Write every unsaved value in one readwrite transaction. A request the browser refuses
    /// at once fails the save here; a transaction that aborts later (quota) is reported to
    /// the listener. Either way IndexedDB keeps its last complete state.
    fn commit(&self) -> Result<(), StoreError> {
        let batch: Vec<(String, Option<String>)> = self
            .0
            .unsaved
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if batch.is_empty() {
            return Ok(());
        }
        let fail = |e: JsValue| store_error(&error_name(&e));
        let tx = self
            .0
            .db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(fail)?;
        let store = tx.object_store(STORE).map_err(fail)?;
        for (k, v) in &batch {
            let key = JsValue::from_str(k);
            let sent = match v {
                Some(v) => store.put_with_key(&JsValue::from_str(v), &key).map(|_| ()),
                None => store.delete(&key).map(|_| ()),
            };
            if let Err(e) = sent {
                let _ = tx.abort();
                self.forget_unsaved_views(&batch);
                return Err(fail(e));
            }
        }
        let done = Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onabort(Some(&reject));
        });
        let kv = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match JsFuture::from(done).await {
                Ok(_) => Ok(()),
                Err(_) => Err(store_error(
                    &tx.error().map(|e| e.name()).unwrap_or_default(),
                )),
            };
            kv.finished(&batch, result);
        });
        Ok(())
    }

    fn pending(&self) -> bool {
        !self.0.unsaved.borrow().is_empty()
    }
}
