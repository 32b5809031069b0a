//! Persistence behind one small interface: a string key–value store ([`KeyValue`]) that the
//! browser's localStorage implements, and the ledger bookkeeping over it ([`LedgerStore`]).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::document::{Damage, KnownChanges, LedgerDoc, MergeReport};
use crate::file::envelope::{self, ImportError};
use crate::ledger::Ledger;

/// Every key this app writes starts with this, so it never collides with other pages of the
/// same origin (all pages opened from file:// share one).
pub const PREFIX: &str = "rectify:";
/// The name listed for a stored ledger whose header cannot be read (the page's i18n shows
/// it in words).
pub const DAMAGED_NAME: &str = "（已损坏的台账）";

/// Why the store could not read or write, as data (the page's i18n says it in words).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the browser's storage is full")]
    QuotaExceeded,
    #[error("the browser does not allow local storage")]
    Unavailable,
    /// the stored ledger does not load, and why (as a ledger file would not)
    #[error("the stored ledger is damaged: {0}")]
    Corrupt(ImportError),
    #[error("no such ledger in this browser")]
    NotFound,
    #[error("IndexedDB did not open")]
    LargeUnavailable,
}

/// A string key–value store. `set` must either replace the whole value or fail and leave
/// the old value as it was (localStorage's setItem does), so a failed save never leaves
/// half a copy behind.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store (used to rebuild a lost or damaged index).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// The length of a value, in bytes of UTF-8 (a store that holds its values can say so
    /// without a copy of the value).
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.get(key)?.map(|v| v.len()))
    }
    /// The end of one save. A store that writes asynchronously (IndexedDB) writes everything
    /// set or removed since the last commit in one transaction, all or nothing; a failure it
    /// can see at once is returned, a later one is reported by the store to the page.
    /// localStorage has written each value already.
    fn commit(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// True while some write is not yet known to be on disk (in flight, or failed and kept to
    /// be written again with the next commit).
    fn pending(&self) -> bool {
        false
    }
}

impl<T: KeyValue + ?Sized> KeyValue for Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        (**self).len(key)
    }
    fn commit(&self) -> Result<(), StoreError> {
        (**self).commit()
    }
    fn pending(&self) -> bool {
        (**self).pending()
    }
}

/// An in-memory store with an optional quota in bytes (UTF-16 like localStorage), for tests.
#[derive(Default)]
pub struct MemoryKv {
    pub values: RefCell<BTreeMap<String, String>>,
    pub quota: Option<usize>,
}

impl MemoryKv {
    pub fn with_quota(quota: usize) -> MemoryKv {
        MemoryKv {
            values: RefCell::default(),
            quota: Some(quota),
        }
    }
    fn used_without(&self, key: &str) -> usize {
        self.values
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| 2 * (k.len() + v.len()))
            .sum()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.values.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            if self.used_without(key) + 2 * (key.len() + value.len()) > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.values
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.values.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.values.borrow().keys().cloned().collect())
    }
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.values.borrow().get(key).map(String::len))
    }
}

/// One line of the list of ledgers kept in this browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub name: String,
    /// seconds since the epoch of the last save
    pub updated_at: i64,
    /// bytes the stored copy takes (base64 characters; chunks included, and in the large store
    /// the view and the known changes kept beside it)
    #[serde(default)]
    pub size: usize,
    /// where the stored copy lives
    #[serde(default)]
    pub place: Place,
}

/// Where a ledger's stored copy lives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// the small, synchronous store (localStorage), one key per ledger
    #[default]
    Local,
    /// the large store (IndexedDB): a snapshot plus incremental chunks
    Large,
}

/// What localStorage is assumed to hold per origin, counted as MemoryKv counts (UTF-16
/// bytes of keys and values). Browsers give 5 MB or more; this is the cautious end.
pub const LOCAL_BUDGET_BYTES: usize = 5 * 1024 * 1024;
/// A ledger moves to the large store when saving it would bring this app's own use of
/// localStorage to this share of [`LOCAL_BUDGET_BYTES`]: well before the limit, so the move
/// (which briefly keeps both copies) still fits.
pub const MOVE_AT_PERCENT: usize = 40;
/// A ledger whose stored copy (base64) reaches this many characters moves to the large store
/// whatever room localStorage has. localStorage holds one whole copy, rewritten at every save
/// (a save every 400 ms while someone types): a whole Automerge save took about 17 ms in the
/// browser at 160,000 characters and 100–180 ms at 770,000, each a pause a keystroke waits
/// for. The large store appends only the changes and keeps a view to start from. The example
/// ledger (about 19,000) and other small ledgers stay in localStorage.
pub const MOVE_FROM_CHARS: usize = 64 * 1024;
/// Compaction in the large store: after this many chunks …
pub const COMPACT_AFTER_CHUNKS: usize = 32;
/// … or when the chunks together reach this many bytes and half the snapshot's size.
pub const COMPACT_AFTER_CHUNK_BYTES: usize = 256 * 1024;

/// Move a ledger out of localStorage when its new copy is `text_chars` long and this app's
/// use of localStorage (UTF-16 bytes, with that copy counted) would be `own_local_bytes`: from
/// [`MOVE_FROM_CHARS`] on, or when the use reaches [`MOVE_AT_PERCENT`] of the budget
/// (normally [`LOCAL_BUDGET_BYTES`]). The use is asked for only when the size alone does not
/// decide (counting it reads the index of every ledger).
pub fn should_move(
    text_chars: usize,
    own_local_bytes: impl FnOnce() -> usize,
    budget: usize,
) -> bool {
    text_chars >= MOVE_FROM_CHARS || own_local_bytes() * 100 >= budget * MOVE_AT_PERCENT
}

/// A compaction is due when a chunked ledger's chunks are many or large: it is rewritten as
/// one snapshot at the next pause in typing ([`LedgerStore::save_and_compact`]).
pub fn should_compact(chunks: usize, chunk_bytes: usize, snapshot_bytes: usize) -> bool {
    chunks >= COMPACT_AFTER_CHUNKS
        || chunk_bytes >= COMPACT_AFTER_CHUNK_BYTES.max(snapshot_bytes / 2)
}

/// A save while someone types ([`LedgerStore::save`]) compacts only when the chunks have
/// grown to this many times what makes a compaction due, with no pause in between. A
/// compaction writes the whole document (in the browser about 20 ms at 200 problems, 100 ms
/// at 1,000): the keystroke it falls on waits for it.
pub const COMPACT_OVERDUE_FACTOR: usize = 4;

/// The chunks are so many or so large that a save compacts them without waiting for a pause:
/// [`should_compact`]'s rule with [`COMPACT_OVERDUE_FACTOR`] times its limits (whole numbers:
/// `n / f >= m` exactly when `n >= f * m`).
pub fn compaction_overdue(chunks: usize, chunk_bytes: usize, snapshot_bytes: usize) -> bool {
    should_compact(
        chunks / COMPACT_OVERDUE_FACTOR,
        chunk_bytes / COMPACT_OVERDUE_FACTOR,
        snapshot_bytes,
    )
}

/// When a save in the large store rewrites the chunks as one snapshot.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Compaction {
    /// only when [`compaction_overdue`] (a save while someone types)
    IfOverdue,
    /// when [`should_compact`] (a pause in typing)
    IfDue,
}

/// One incremental save in the large store: the document's heads after it and the
/// Automerge change bytes (base64), so a save can tell what is stored without loading it.
#[derive(Serialize, Deserialize)]
struct Chunk {
    heads: Vec<String>,
    data: String,
}

/// The format of a stored view (`rectify:view:<id>`): bump it when [`Ledger`]'s serde shape
/// changes (`crates/core/tests/storage/` pins the shape to this number), so a view written by
/// another version is not read as this one's.
pub const VIEW_FORMAT: u32 = 1;

/// Where views are kept (`rectify:view:<id>`). A view is optional: a store that fails to write
/// one drops it rather than carry it into the next save (it is four times the document).
pub const VIEW_KEY_PREFIX: &str = "rectify:view:";

/// How much this app keeps, for 台账管理.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 bytes of this app's keys in localStorage
    pub local_bytes: usize,
    /// bytes of this app's values in the large store (None when there is none)
    pub large_bytes: Option<usize>,
}

/// What a save did besides writing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveOutcome {
    /// Another tab (or window) had saved changes this one did not have; they were merged in
    /// before writing, so neither tab's work is lost.
    pub merged: Option<MergeReport>,
}

/// The ledgers kept in one browser: an index, one stored file per ledger (the same
/// `.rectify` envelope as an exported file, base64 encoded), and per-browser settings.
pub struct LedgerStore<K: KeyValue> {
    kv: K,
    /// the large store (IndexedDB) when this browser has one; ledgers move there as they grow
    large: Option<Rc<dyn KeyValue>>,
    /// what localStorage is taken to hold ([`LOCAL_BUDGET_BYTES`] unless set)
    local_budget: usize,
}

thread_local! {
    /// Storage key → hash of the whole copy this page last wrote to localStorage under it, so
    /// a save with nothing new can tell the stored copy is still that one ([`LedgerStore`]s
    /// are made afresh for each use; this outlives them).
    static WRITTEN: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}

/// A hash of a stored copy for [`WRITTEN`], in memory only: `DefaultHasher`'s output may
/// change with the toolchain, so nothing stored is hashed with it ([`known_record`] uses SHA-256).
fn text_hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The tag that starts a known-changes record. Records written before it (two 16-digit
/// `DefaultHasher` hashes, whose output Rust does not keep across releases) are passed over:
/// the snapshot loads the plain way once, and the next compaction writes a record of this kind.
const KNOWN_RECORD_TAG: &str = "k2";

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The known changes kept beside a snapshot whose stored text is `text`
/// (`k2:for:sum:base64`): the SHA-256 of that text, which binds the record to its snapshot, the
/// SHA-256 of the record's own base64 body, which catches a list damaged, cut short or
/// reordered after it was written, then the body. The load also checks the list against the
/// heads the document stores (Automerge's `load_with_known_changes`). None when they cannot be
/// stored (a change too long to count in 4 bytes).
fn known_record(text: &str, known: &KnownChanges) -> Option<String> {
    let body = b64().encode(known.to_bytes()?);
    Some(format!(
        "{KNOWN_RECORD_TAG}:{}:{}:{body}",
        sha256_hex(text.as_bytes()),
        sha256_hex(body.as_bytes())
    ))
}

/// The known changes of [`known_record`], if it was written with the snapshot `text` and is
/// whole (else None, and the snapshot loads the plain way, with nothing lost).
fn read_known_record(record: &str, text: &str) -> Option<KnownChanges> {
    let mut parts = record.splitn(4, ':');
    let (tag, written_for, checksum, body) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if tag != KNOWN_RECORD_TAG
        || written_for != sha256_hex(text.as_bytes())
        || checksum != sha256_hex(body.as_bytes())
    {
        return None;
    }
    KnownChanges::from_bytes(&b64().decode(body).ok()?)
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The header of a stored (base64) ledger file, decoding only the start of it: every save
/// checks it, and the document after it may be megabytes.
fn stored_header(text: &str) -> Option<envelope::Header> {
    let text = text.trim();
    let needed = (envelope::MAGIC.len() + envelope::MAX_HEADER_BYTES + 1).div_ceil(3) * 4;
    let prefix = if text.len() <= needed {
        text
    } else {
        text.get(..needed)?
    };
    let bytes = b64().decode(prefix).ok()?;
    envelope::read_header(&bytes).ok().map(|(h, _)| h)
}

impl<K: KeyValue> LedgerStore<K> {
    pub fn new(kv: K) -> Self {
        LedgerStore {
            kv,
            large: None,
            local_budget: LOCAL_BUDGET_BYTES,
        }
    }

    /// The same store assuming localStorage holds `bytes` (UTF-16) instead of
    /// [`LOCAL_BUDGET_BYTES`]: the move threshold scales with it.
    pub fn with_local_budget(mut self, bytes: usize) -> Self {
        self.local_budget = bytes;
        self
    }

    /// The same store with a large store beside it, where ledgers move as they grow.
    pub fn with_large(mut self, large: Rc<dyn KeyValue>) -> Self {
        self.large = Some(large);
        self
    }

    fn chunk_prefix(id: &str) -> String {
        format!("{PREFIX}chunk:{id}:")
    }

    /// Where a ledger's copy is read from: the large store once it holds the ledger.
    pub fn place(&self, id: &str) -> Place {
        match &self.large {
            Some(large) if matches!(large.get(&Self::ledger_key(id)), Ok(Some(_))) => Place::Large,
            _ => Place::Local,
        }
    }

    fn home(&self, id: &str) -> &dyn KeyValue {
        match (&self.large, self.place(id)) {
            (Some(large), Place::Large) => large.as_ref(),
            _ => &self.kv,
        }
    }

    /// The keys of a ledger's chunks in the large store, oldest first.
    fn chunk_keys(&self, id: &str) -> Vec<String> {
        let Some(large) = &self.large else {
            return vec![];
        };
        let prefix = Self::chunk_prefix(id);
        let mut keys: Vec<String> = large
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        keys.sort();
        keys
    }

    /// A ledger's chunks in the large store, oldest first: (key, chunk).
    fn chunks(&self, id: &str) -> Vec<(String, Option<Chunk>, usize)> {
        let Some(large) = &self.large else {
            return vec![];
        };
        self.chunk_keys(id)
            .into_iter()
            .map(|k| {
                let text = large.get(&k).ok().flatten().unwrap_or_default();
                let chunk = serde_json::from_str::<Chunk>(&text)
                    .ok()
                    .filter(|c| b64().decode(&c.data).is_ok());
                (k, chunk, text.len())
            })
            .collect()
    }

    /// What a ledger's stored copy holds, exactly, without loading it: the snapshot's heads and
    /// the keys of its chunks (each chunk key is unique). Every save that changes the stored
    /// content changes this; None when there is no readable stored copy.
    pub fn stored_version(&self, id: &str) -> Option<String> {
        let snapshot = self.home(id).get(&Self::ledger_key(id)).ok()??;
        let mut heads = stored_header(&snapshot)?.heads;
        heads.sort();
        let mut version = heads.join(",");
        let prefix = Self::chunk_prefix(id);
        for chunk in self.chunk_keys(id) {
            version.push(' ');
            version.push_str(&chunk[prefix.len()..]);
        }
        Some(version)
    }

    fn view_key(id: &str) -> String {
        format!("{VIEW_KEY_PREFIX}{id}")
    }

    /// The stored view's first line: the view format and the version of the stored copy it
    /// was read from.
    fn view_line(version: &str) -> String {
        format!("{VIEW_FORMAT} {version}")
    }

    /// The JSON of the ledger's stored view when it was read from exactly the stored copy of
    /// `version` (its first line names this format and that version); None otherwise.
    fn current_view(&self, id: &str, version: &str) -> Option<String> {
        let mut text = self.large.as_ref()?.get(&Self::view_key(id)).ok()??;
        let line = text.find('\n')?;
        if text[..line] != Self::view_line(version) {
            return None;
        }
        text.drain(..=line);
        Some(text)
    }

    /// Keep beside a ledger in the large store a *view*: the ledger as the document reads,
    /// plain JSON, so the next start can show the checklist at once and load the document
    /// (seconds, for thousands of problems) afterwards. Written only when `doc` is exactly
    /// what is stored (just saved or just loaded, nothing pending), and marked with the stored
    /// copy's version, so a view that another save has outdated is never shown. Returns
    /// whether a view was written. A ledger in localStorage has none: it is small enough to
    /// load at once, and localStorage has no room for a second copy.
    pub fn save_view(&self, doc: &mut LedgerDoc) -> Result<bool, StoreError> {
        let id = doc.ledger_id();
        let Some(large) = &self.large else {
            return Ok(false);
        };
        if self.place(&id) != Place::Large || doc.has_pending() || doc.is_read_only() {
            return Ok(false);
        }
        let Some(version) = self.stored_version(&id) else {
            return Ok(false);
        };
        if self.current_view(&id, &version).is_some() {
            return Ok(false);
        }
        // the document must be the stored copy: it has every stored change, and the stored
        // copy has its heads (after a save, the snapshot's or the last chunk's)
        let Some(stored_heads) = self.stored_heads(&id) else {
            return Ok(false);
        };
        let heads = doc.heads();
        if !doc.knows_all(&stored_heads) || !heads.iter().all(|h| stored_heads.contains(h)) {
            return Ok(false);
        }
        let Ok(ledger) = doc.read() else {
            return Ok(false);
        };
        let json = serde_json::to_string(&ledger).expect("a ledger serialises");
        large.set(
            &Self::view_key(&id),
            &format!("{}\n{json}", Self::view_line(&version)),
        )?;
        large.commit()?;
        // the index's size counts the view (in place: the index keeps its order; an index that
        // cannot be read or written is rebuilt by `list` and does not fail the view)
        if let Ok(mut entries) = self.list() {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.size = self.stored_size(&id);
                let _ = self.write_index(&entries);
            }
        }
        Ok(true)
    }

    /// The ledger's stored view, when it was read from exactly what is stored now (see
    /// [`LedgerStore::save_view`]), with that stored version ([`LedgerStore::stored_version`],
    /// what [`LedgerStore::load_from_view`] checks later); None otherwise, and the document
    /// must be loaded.
    pub fn load_view(&self, id: &str) -> Option<(Ledger, String)> {
        let version = self.stored_version(id)?;
        let json = self.current_view(id, &version)?;
        serde_json::from_str::<Ledger>(&json)
            .ok()
            .filter(|l| l.id == id && l.schema == crate::document::SCHEMA_VERSION)
            .map(|view| (view, version))
    }

    /// Bytes a ledger's stored copy takes: snapshot and chunks, and in the large store the view
    /// and the known changes kept beside them (the view is often the largest part).
    fn stored_size(&self, id: &str) -> usize {
        let len = |kv: &dyn KeyValue, key: &str| kv.len(key).ok().flatten().unwrap_or(0);
        let beside = self.large.as_ref().map_or(0, |large| {
            len(large.as_ref(), &Self::view_key(id)) + len(large.as_ref(), &Self::known_key(id))
        });
        len(self.home(id), &Self::ledger_key(id))
            + self.chunks(id).iter().map(|(_, _, n)| n).sum::<usize>()
            + beside
    }

    /// This app's use of localStorage and of the large store.
    pub fn usage(&self) -> Usage {
        let count = |kv: &dyn KeyValue, utf16: bool| -> usize {
            kv.keys()
                .unwrap_or_default()
                .iter()
                .filter(|k| k.starts_with(PREFIX))
                .map(|k| {
                    let v = kv.get(k).ok().flatten().map_or(0, |v| v.len());
                    if utf16 {
                        2 * (k.len() + v)
                    } else {
                        k.len() + v
                    }
                })
                .sum()
        };
        Usage {
            local_bytes: count(&self.kv, true),
            large_bytes: self.large.as_ref().map(|l| count(l.as_ref(), false)),
        }
    }

    /// Finish moves to the large store: a ledger whose copy the large store holds durably
    /// (nothing pending) is removed from localStorage. Until then both copies stay, and a
    /// reload after a failed large write opens the localStorage copy.
    pub fn finish_moves(&self) {
        let Some(large) = &self.large else { return };
        if large.pending() {
            return;
        }
        let prefix = Self::ledger_key("");
        for key in self.kv.keys().unwrap_or_default() {
            if key.starts_with(&prefix) && matches!(large.get(&key), Ok(Some(_))) {
                let _ = self.kv.remove(&key);
            }
        }
    }

    /// Write a ledger's whole copy (base64 envelope) where it belongs: the large store when it
    /// lives there or should move there now, else localStorage. In the large store the
    /// snapshot is written first and the chunks it covers (`covered`) removed after it, so an
    /// interruption leaves at worst chunks the snapshot already holds (loading them again
    /// changes nothing).
    ///
    /// In the large store the document's [`KnownChanges`] (asked of `known` only then) are
    /// written beside the snapshot (after it, in the same transaction), tied to its text by a
    /// SHA-256 ([`known_record`]): loading the snapshot again then takes about half as long
    /// ([`LedgerDoc::load_unread_known`]). 36 bytes a change (48 in base64), about 60% of the
    /// snapshot; a small ledger in localStorage, which loads quickly anyway, keeps none.
    fn write_whole(
        &self,
        id: &str,
        text: &str,
        covered: &[String],
        known: &mut dyn FnMut() -> Option<KnownChanges>,
    ) -> Result<Place, StoreError> {
        let key = Self::ledger_key(id);
        if let Some(large) = &self.large {
            let local_use = || {
                let others: usize = self
                    .list()
                    .unwrap_or_default()
                    .iter()
                    .filter(|e| e.place == Place::Local && e.id != id)
                    .map(|e| 2 * (key.len() + e.size))
                    .sum();
                others + 2 * (key.len() + text.len())
            };
            let moving = self.place(id) == Place::Local
                && should_move(text.len(), local_use, self.local_budget);
            if moving || self.place(id) == Place::Large {
                large.set(&key, text)?;
                // The known changes only speed up a load: one that failed to be written, or
                // was written for another text, is passed over then.
                let _ = match known().and_then(|known| known_record(text, &known)) {
                    Some(record) => large.set(&Self::known_key(id), &record),
                    None => large.remove(&Self::known_key(id)),
                };
                // The switch is done: the snapshot holds everything. Removing what it covers
                // is tidying up; a chunk left behind is removed by the next compaction.
                for chunk in covered {
                    let _ = large.remove(chunk);
                }
                large.commit()?;
                self.finish_moves();
                return Ok(Place::Large);
            }
        }
        self.kv.set(&key, text)?;
        WRITTEN.with(|w| w.borrow_mut().insert(key, text_hash(text)));
        Ok(Place::Local)
    }

    /// Save a ledger that lives in the large store: append the changes since what is stored as
    /// one chunk, or compact (one new snapshot, the chunks removed) when `compaction` says the
    /// chunks are too many or too large, or when the stored copy cannot be read. False when
    /// there was nothing to write.
    fn save_large(
        &self,
        doc: &mut LedgerDoc,
        name: &str,
        now: i64,
        compaction: Compaction,
    ) -> Result<bool, StoreError> {
        let large = self
            .large
            .as_ref()
            .expect("a large ledger has a large store");
        let id = doc.ledger_id();
        let snapshot = large.get(&Self::ledger_key(&id))?.unwrap_or_default();
        let chunks = self.chunks(&id);
        let chunk_bytes: usize = chunks.iter().map(|(_, _, n)| n).sum();
        let mut stored_heads = stored_header(&snapshot).map(|h| h.heads);
        for (_, chunk, _) in &chunks {
            match (chunk, stored_heads.as_mut()) {
                (Some(c), Some(heads)) => heads.extend(c.heads.iter().cloned()),
                _ => stored_heads = None,
            }
        }
        let appendable = stored_heads
            .filter(|heads| doc.knows_all(heads))
            .filter(|_| {
                let rule = match compaction {
                    Compaction::IfOverdue => compaction_overdue,
                    Compaction::IfDue => should_compact,
                };
                !rule(chunks.len(), chunk_bytes, snapshot.len())
            });
        match appendable {
            Some(heads) => {
                let bytes = doc.save_after(&heads, now);
                if bytes.is_empty() {
                    return Ok(false);
                }
                let chunk = Chunk {
                    heads: doc.heads(),
                    data: b64().encode(&bytes),
                };
                let key = format!(
                    "{}{now:012}-{}",
                    Self::chunk_prefix(&id),
                    &uuid::Uuid::new_v4().simple().to_string()[..8]
                );
                large.set(
                    &key,
                    &serde_json::to_string(&chunk).expect("chunk serialises"),
                )?;
                large.commit().map(|_| true)
            }
            None => {
                let text = b64().encode(envelope::encode(doc, name, now));
                let covered: Vec<String> = chunks.into_iter().map(|(k, _, _)| k).collect();
                self.write_whole(&id, &text, &covered, &mut || Some(doc.known_changes(now)))
                    .map(|_| true)
            }
        }
    }

    pub fn kv(&self) -> &K {
        &self.kv
    }

    fn ledger_key(id: &str) -> String {
        format!("{PREFIX}ledger:{id}")
    }

    /// Where the known changes of a ledger's snapshot are kept (large store only).
    fn known_key(id: &str) -> String {
        format!("{PREFIX}known:{id}")
    }

    fn index_key() -> String {
        format!("{PREFIX}index")
    }

    /// The ledgers in this browser, most recently saved first. The index is a cache: a
    /// stored ledger missing from it (damaged index, a failed index write) is listed from its
    /// file header, and an entry whose ledger is gone is dropped.
    pub fn list(&self) -> Result<Vec<IndexEntry>, StoreError> {
        let mut entries: Vec<IndexEntry> = match self.kv.get(&Self::index_key())? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => vec![],
        };
        let prefix = Self::ledger_key("");
        let mut keys = self.kv.keys()?;
        if let Some(large) = &self.large {
            keys.extend(large.keys().unwrap_or_default());
        }
        let mut stored: Vec<String> = keys
            .into_iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        stored.sort();
        stored.dedup();
        // A ledger kept in IndexedDB stays listed when IndexedDB did not open this time: it
        // is not lost, and opening it says why it cannot open now.
        entries.retain(|e| {
            stored.contains(&e.id) || (self.large.is_none() && e.place == Place::Large)
        });
        for id in stored {
            if entries.iter().any(|e| e.id == id) {
                continue;
            }
            let text = self
                .home(&id)
                .get(&Self::ledger_key(&id))?
                .unwrap_or_default();
            let header = stored_header(&text);
            entries.push(IndexEntry {
                name: header
                    .as_ref()
                    .map(|h| h.name.clone())
                    .unwrap_or_else(|| DAMAGED_NAME.to_string()),
                updated_at: header.map(|h| h.saved_at).unwrap_or(0),
                size: text.len(),
                place: Place::Local,
                id,
            });
        }
        // Where each copy lives is read from the stores, not trusted from the index (another
        // tab may have moved it).
        if self.large.is_some() {
            for e in &mut entries {
                e.place = self.place(&e.id);
            }
        }
        entries.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name)));
        Ok(entries)
    }

    fn write_index(&self, entries: &[IndexEntry]) -> Result<(), StoreError> {
        let json = serde_json::to_string(entries).expect("index serialises");
        self.kv.set(&Self::index_key(), &json)
    }

    /// The stored file of a ledger, checked (envelope and document), not yet loaded.
    pub fn load_file(&self, id: &str) -> Result<envelope::LedgerFile, StoreError> {
        self.load_file_with(id, true)
    }

    /// [`LedgerStore::load_file`], reading the document whole to check it only when `read`
    /// (`envelope::decode_unread` otherwise). Loaded with the known changes kept beside it
    /// when they are there and were written with this very text.
    fn load_file_with(&self, id: &str, read: bool) -> Result<envelope::LedgerFile, StoreError> {
        let text = self
            .home(id)
            .get(&Self::ledger_key(id))?
            .ok_or_else(|| self.missing(id))?;
        let bytes = b64()
            .decode(text.trim())
            .map_err(|_| StoreError::Corrupt(ImportError::Corrupt(Damage::NotBase64)))?;
        let known = self.known_for(id, &text);
        envelope::decode_stored(&bytes, read, known.as_ref()).map_err(StoreError::Corrupt)
    }

    /// The known changes kept beside a ledger's snapshot, if they were written with the
    /// snapshot stored now and are whole (what its next load uses).
    pub fn known_changes(&self, id: &str) -> Option<KnownChanges> {
        let text = self.home(id).get(&Self::ledger_key(id)).ok()??;
        self.known_for(id, &text)
    }

    /// [`LedgerStore::known_changes`] for the snapshot's stored `text`.
    fn known_for(&self, id: &str, text: &str) -> Option<KnownChanges> {
        match (&self.large, self.place(id)) {
            (Some(large), Place::Large) => {
                read_known_record(&large.get(&Self::known_key(id)).ok()??, text)
            }
            _ => None,
        }
    }

    /// Why a ledger is not in the store: gone, or in IndexedDB that did not open this time.
    fn missing(&self, id: &str) -> StoreError {
        let in_large = self.large.is_none()
            && self
                .list()
                .unwrap_or_default()
                .iter()
                .any(|e| e.id == id && e.place == Place::Large);
        if in_large {
            StoreError::LargeUnavailable
        } else {
            StoreError::NotFound
        }
    }

    /// The raw stored bytes of a ledger (to let a user rescue a copy that no longer opens).
    pub fn load_raw(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let text = self
            .home(id)
            .get(&Self::ledger_key(id))?
            .ok_or_else(|| self.missing(id))?;
        Ok(b64()
            .decode(text.trim())
            .unwrap_or_else(|_| text.into_bytes()))
    }

    /// Open a stored ledger for editing in this session (fresh actor).
    /// In the large store, the snapshot's chunks are added to it.
    pub fn load(&self, id: &str) -> Result<LedgerDoc, StoreError> {
        let doc = self.load_file(id)?.into_doc();
        self.add_chunks(id, doc)
    }

    /// [`LedgerStore::load`] for a ledger shown from its view: `view` and `version` as
    /// [`load_view`] gave them. While the stored copy is still that version, the document is
    /// not read whole to check it (the view is that read) and its read cache starts from the view
    /// ([`LedgerDoc::seed_read`]), so the first read does not hydrate every problem (twice,
    /// with chunks: adding one marks everything stale). Otherwise (another tab saved since) a
    /// plain load.
    ///
    /// [`load_view`]: LedgerStore::load_view
    pub fn load_from_view(
        &self,
        id: &str,
        view: &Ledger,
        version: &str,
    ) -> Result<LedgerDoc, StoreError> {
        if self.stored_version(id).as_deref() != Some(version) || view.id != id {
            return self.load(id);
        }
        let file = self.load_file_with(id, false)?;
        let doc = self.add_chunks(id, file.into_doc())?;
        doc.seed_read(view);
        Ok(doc)
    }

    /// Add the large store's chunks of `id` to its snapshot's document.
    fn add_chunks(&self, id: &str, mut doc: LedgerDoc) -> Result<LedgerDoc, StoreError> {
        if self.place(id) == Place::Large && !doc.is_read_only() {
            for (_, chunk, _) in self.chunks(id) {
                let bytes = chunk
                    .and_then(|c| b64().decode(c.data).ok())
                    .ok_or(StoreError::Corrupt(ImportError::Corrupt(Damage::BadChunk)))?;
                doc.apply_chunk(&bytes)
                    .map_err(|e| StoreError::Corrupt(e.into()))?;
            }
        }
        Ok(doc)
    }

    /// Save a ledger. If the stored copy has changes this document lacks (another tab saved
    /// in between), they are merged in first. On failure the stored copy stays as it was and
    /// the document in memory keeps every edit. In the large store this appends the changes
    /// and leaves a due compaction to [`LedgerStore::save_and_compact`], unless it is overdue.
    pub fn save(&self, doc: &mut LedgerDoc, now: i64) -> Result<SaveOutcome, StoreError> {
        self.save_with(doc, now, Compaction::IfOverdue)
    }

    /// [`LedgerStore::save`], and in the large store a compaction when one is due (even with
    /// nothing new to save): for a pause in typing.
    pub fn save_and_compact(
        &self,
        doc: &mut LedgerDoc,
        now: i64,
    ) -> Result<SaveOutcome, StoreError> {
        self.save_with(doc, now, Compaction::IfDue)
    }

    /// [`LedgerStore::save`] or [`LedgerStore::save_and_compact`], as `compaction` says.
    pub fn save_with(
        &self,
        doc: &mut LedgerDoc,
        now: i64,
        compaction: Compaction,
    ) -> Result<SaveOutcome, StoreError> {
        let id = doc.ledger_id();
        let outcome = SaveOutcome {
            merged: self.merge_stored(doc, now),
        };
        let name = doc.display_name();
        let place = match self.place(&id) {
            Place::Large => {
                if !self.save_large(doc, &name, now, compaction)? {
                    return Ok(outcome);
                }
                Place::Large
            }
            // nothing new since the stored copy (a pause in typing saves again, usually with
            // nothing new): no second encoding of the whole document
            Place::Local if !doc.has_pending() && self.holds_exactly(&id, doc) => {
                return Ok(outcome)
            }
            Place::Local => {
                let text = b64().encode(envelope::encode(doc, &name, now));
                self.write_whole(&id, &text, &[], &mut || Some(doc.known_changes(now)))?
            }
        };
        self.record(IndexEntry {
            size: self.stored_size(&id),
            id,
            name,
            updated_at: now,
            place,
        });
        Ok(outcome)
    }

    /// Every head the stored copy names: the snapshot's and each readable chunk's (None when
    /// there is no stored copy or its header cannot be read). Only headers are decoded.
    fn stored_heads(&self, id: &str) -> Option<Vec<String>> {
        let text = self.home(id).get(&Self::ledger_key(id)).ok()??;
        let mut heads = stored_header(&text)?.heads;
        for (_, chunk, _) in self.chunks(id) {
            heads.extend(chunk.map(|c| c.heads).unwrap_or_default());
        }
        Some(heads)
    }

    /// The ledger's stored copy is the whole copy this page wrote last, untouched since, and
    /// its heads are `doc`'s heads: it holds exactly what `doc` holds. Its header is decoded
    /// and its text hashed, nothing else (a copy damaged since, or written by another tab,
    /// is not it, and the next save writes it whole again).
    fn holds_exactly(&self, id: &str, doc: &mut LedgerDoc) -> bool {
        let key = Self::ledger_key(id);
        let Ok(Some(text)) = self.home(id).get(&key) else {
            return false;
        };
        let written = WRITTEN.with(|w| w.borrow().get(&key).copied());
        if written != Some(text_hash(&text)) || !self.chunk_keys(id).is_empty() {
            return false;
        }
        let Some(mut stored) = stored_header(&text).map(|header| header.heads) else {
            return false;
        };
        let mut heads = doc.heads();
        stored.sort();
        heads.sort();
        stored == heads
    }

    /// Merge into `doc` what another tab (or window) stored of the same ledger and `doc` lacks.
    /// Only the stored header is read unless there is something to merge.
    pub fn merge_stored(&self, doc: &mut LedgerDoc, now: i64) -> Option<MergeReport> {
        if doc.is_read_only() {
            return None;
        }
        let id = doc.ledger_id();
        let heads = self.stored_heads(&id)?;
        if doc.knows_all(&heads) {
            return None;
        }
        let mut stored = self.load(&id).ok()?;
        doc.merge(&mut stored, now).ok()
    }

    /// Store a checked ledger file as it is (used when opening another ledger's file).
    pub fn store_file(&self, file: &mut envelope::LedgerFile, now: i64) -> Result<(), StoreError> {
        let text = b64().encode(file.to_bytes());
        let id = file.header.ledger_id.clone();
        let place = self.write_whole(&id, &text, &[], &mut || Some(file.known_changes()))?;
        self.record(IndexEntry {
            // (the document's name, as the next save records it, not the header's)
            name: file.name(),
            updated_at: now,
            size: self.stored_size(&id),
            place,
            id,
        });
        Ok(())
    }

    /// Put a ledger's line in the index. The ledger itself is already stored; an index that
    /// cannot be written is rebuilt from the stored files by [`LedgerStore::list`].
    fn record(&self, entry: IndexEntry) {
        if let Ok(mut entries) = self.list() {
            entries.retain(|e| e.id != entry.id);
            entries.push(entry);
            let _ = self.write_index(&entries);
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        matches!(self.home(id).get(&Self::ledger_key(id)), Ok(Some(_)))
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        if let Some(large) = &self.large {
            for (key, _, _) in self.chunks(id) {
                large.remove(&key)?;
            }
            large.remove(&Self::ledger_key(id))?;
            large.remove(&Self::known_key(id))?;
            large.remove(&Self::view_key(id))?;
            large.commit()?;
        }
        self.kv.remove(&Self::ledger_key(id))?;
        let mut entries = self.list()?;
        entries.retain(|e| e.id != id);
        self.write_index(&entries)?;
        if self.current().as_deref() == Some(id) {
            self.kv.remove(&format!("{PREFIX}current"))?;
        }
        let _ = self.forget_backup_status(id);
        Ok(())
    }

    /// 我的名字, kept per browser.
    pub fn my_name(&self) -> Option<String> {
        self.kv
            .get(&format!("{PREFIX}my-name"))
            .ok()
            .flatten()
            .filter(|n| !n.trim().is_empty())
    }

    pub fn set_my_name(&self, name: &str) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}my-name"), name.trim())
    }

    /// The code of the language this browser's UI speaks, once someone picked one (the app's
    /// `i18n::Lang` reads it).
    pub fn lang_code(&self) -> Option<String> {
        self.kv.get(&format!("{PREFIX}lang")).ok().flatten()
    }

    pub fn set_lang_code(&self, code: &str) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}lang"), code)
    }

    /// The ledger that was open last.
    pub fn current(&self) -> Option<String> {
        self.kv.get(&format!("{PREFIX}current")).ok().flatten()
    }

    pub fn set_current(&self, id: &str) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}current"), id)
    }

    /// Record the version of the app this browser runs now. Returns the version it ran before
    /// when that differs (the app was updated since the last visit); None on a first visit or
    /// the same version.
    pub fn note_app_version(&self, version: &str) -> Option<String> {
        let key = format!("{PREFIX}app-version");
        let before = self.kv.get(&key).ok().flatten();
        if before.as_deref() == Some(version) {
            return None;
        }
        let _ = self.kv.set(&key, version);
        before
    }
}

/// What to do with a ledger file a person picked or dropped, given the open ledger.
#[derive(Debug)]
pub enum ImportPlan {
    /// Same ledger as the one open: merge it in.
    MergeIntoCurrent(envelope::LedgerFile),
    /// Another ledger that this browser already keeps: offer to merge into that one and open it.
    MergeIntoOther {
        file: envelope::LedgerFile,
        name: String,
    },
    /// A ledger this browser does not have: offer to open it as its own ledger.
    OpenAsNew(envelope::LedgerFile),
    /// Written with a newer schema: it may be viewed read-only, never merged.
    ViewReadOnly(envelope::LedgerFile),
}

/// Check a picked file and decide, without changing anything, what importing it means.
pub fn plan_import<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    bytes: &[u8],
) -> Result<ImportPlan, ImportError> {
    plan_file(store, current_id, envelope::decode(bytes)?)
}

/// [`plan_import`] for bytes that already passed [`envelope::decode`] (in the Web Worker,
/// `jobs::Job::CheckLedgerFile`): the document is loaded without being read whole a second
/// time (about 0.8 s natively at 2,000 problems, wasted when the file is merged).
pub fn plan_checked_import<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    bytes: &[u8],
) -> Result<ImportPlan, ImportError> {
    plan_file(store, current_id, envelope::decode_unread(bytes)?)
}

fn plan_file<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    file: envelope::LedgerFile,
) -> Result<ImportPlan, ImportError> {
    if file.is_newer_schema() {
        return Ok(ImportPlan::ViewReadOnly(file));
    }
    let id = file.header.ledger_id.clone();
    if current_id == Some(id.as_str()) {
        return Ok(ImportPlan::MergeIntoCurrent(file));
    }
    if store.contains(&id) {
        let name = store
            .list()
            .ok()
            .and_then(|l| l.into_iter().find(|e| e.id == id))
            .map(|e| e.name)
            .unwrap_or_else(|| file.header.name.clone());
        return Ok(ImportPlan::MergeIntoOther { file, name });
    }
    Ok(ImportPlan::OpenAsNew(file))
}
