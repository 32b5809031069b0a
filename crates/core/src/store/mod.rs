//! Persistence behind one small interface: a string key–value store ([`KeyValue`]) that the
//! browser's localStorage implements, and the ledger bookkeeping over it ([`LedgerStore`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::document::{Damage, KnownChanges, LedgerDoc, MergeReport};
use crate::file::envelope::{self, ImportError};
use crate::ledger::Ledger;

mod chunks;
mod generations;
mod import_plan;
mod known;
mod kv;
mod loading;
mod prefs;
mod rounds;
mod saving;
mod tiers;
mod views;

pub use generations::{Opened, Recovery};
pub use import_plan::{plan_checked_import, plan_import, ImportPlan};
pub use kv::{KeyValue, MemoryKv};
pub use rounds::{UnitAdded, ROUND_KEY_PREFIX};
pub use saving::SaveOutcome;
pub use tiers::{
    compaction_overdue, should_compact, should_move, Compaction, Place, Usage,
    COMPACT_AFTER_CHUNKS, COMPACT_AFTER_CHUNK_BYTES, COMPACT_OVERDUE_FACTOR, LOCAL_BUDGET_BYTES,
    MOVE_AT_PERCENT, MOVE_FROM_CHARS,
};
pub use views::{VIEW_FORMAT, VIEW_KEY_PREFIX};

use known::known_record;

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
pub(super) fn text_hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

pub(super) fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The header of a stored (base64) ledger file, decoding only the start of it: every save
/// checks it, and the document after it may be megabytes.
pub(super) fn stored_header(text: &str) -> Option<envelope::Header> {
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

    /// Where a ledger's copy is read from: the large store once it holds the ledger.
    pub fn place(&self, id: &str) -> Place {
        match &self.large {
            Some(large) if matches!(large.get(&Self::ledger_key(id)), Ok(Some(_))) => Place::Large,
            _ => Place::Local,
        }
    }

    pub(super) fn home(&self, id: &str) -> &dyn KeyValue {
        match (&self.large, self.place(id)) {
            (Some(large), Place::Large) => large.as_ref(),
            _ => &self.kv,
        }
    }

    pub fn kv(&self) -> &K {
        &self.kv
    }

    pub(super) fn ledger_key(id: &str) -> String {
        format!("{PREFIX}ledger:{id}")
    }

    pub(super) fn index_key() -> String {
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

    pub(super) fn write_index(&self, entries: &[IndexEntry]) -> Result<(), StoreError> {
        let json = serde_json::to_string(entries).expect("index serialises");
        self.kv.set(&Self::index_key(), &json)
    }

    /// Put a ledger's line in the index. The ledger itself is already stored; an index that
    /// cannot be written is rebuilt from the stored files by [`LedgerStore::list`].
    pub(super) fn record(&self, entry: IndexEntry) {
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
            large.remove(&Self::prev_key(id))?;
            large.remove(&Self::known_key(id))?;
            large.remove(&Self::view_key(id))?;
            large.commit()?;
        }
        self.kv.remove(&Self::ledger_key(id))?;
        self.kv.remove(&Self::prev_key(id))?;
        let mut entries = self.list()?;
        entries.retain(|e| e.id != id);
        self.write_index(&entries)?;
        if self.current().as_deref() == Some(id) {
            self.kv.remove(&format!("{PREFIX}current"))?;
        }
        let _ = self.forget_backup_status(id);
        let _ = self.set_live_server(id, None);
        Ok(())
    }
}
