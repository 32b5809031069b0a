//! Persistence behind one small interface: a string key–value store ([`KeyValue`]) that the
//! browser's localStorage implements, and the ledger bookkeeping over it ([`LedgerStore`]).

use std::cell::RefCell;
use std::collections::BTreeMap;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::document::{LedgerDoc, MergeReport};
use crate::io::envelope::{self, ImportError};

/// Every key this app writes starts with this, so it never collides with other pages of the
/// same origin (all pages opened from file:// share one).
pub const PREFIX: &str = "rectify:";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("浏览器存储空间已满，最近的修改没有保存到本机。台账仍在本页中，请立即“导出”保存为文件，再删除不用的台账以腾出空间。")]
    QuotaExceeded,
    #[error("浏览器禁止本页使用本地存储（可能是隐私模式或浏览器设置），修改不会保存到本机。请用“导出”保存为文件。")]
    Unavailable,
    #[error("本地保存的台账已损坏，无法打开：{0}")]
    Corrupt(String),
    #[error("本机没有这本台账。")]
    NotFound,
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
}

/// One line of the list of ledgers kept in this browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub id: String,
    pub name: String,
    /// seconds since the epoch of the last save
    pub updated_at: i64,
    /// bytes the stored copy takes (base64)
    #[serde(default)]
    pub size: usize,
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
        LedgerStore { kv }
    }

    pub fn kv(&self) -> &K {
        &self.kv
    }

    fn ledger_key(id: &str) -> String {
        format!("{PREFIX}ledger:{id}")
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
        let stored: Vec<String> = self
            .kv
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        entries.retain(|e| stored.contains(&e.id));
        for id in stored {
            if entries.iter().any(|e| e.id == id) {
                continue;
            }
            let text = self.kv.get(&Self::ledger_key(&id))?.unwrap_or_default();
            let header = stored_header(&text);
            entries.push(IndexEntry {
                name: header
                    .as_ref()
                    .map(|h| h.name.clone())
                    .unwrap_or_else(|| "（已损坏的台账）".to_string()),
                updated_at: header.map(|h| h.saved_at).unwrap_or(0),
                size: text.len(),
                id,
            });
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
        let text = self
            .kv
            .get(&Self::ledger_key(id))?
            .ok_or(StoreError::NotFound)?;
        let bytes = b64()
            .decode(text.trim())
            .map_err(|_| StoreError::Corrupt("不是有效的编码".into()))?;
        envelope::decode(&bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    /// The raw stored bytes of a ledger (to let a user rescue a copy that no longer opens).
    pub fn load_raw(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let text = self
            .kv
            .get(&Self::ledger_key(id))?
            .ok_or(StoreError::NotFound)?;
        Ok(b64()
            .decode(text.trim())
            .unwrap_or_else(|_| text.into_bytes()))
    }

    /// Open a stored ledger for editing in this session (fresh actor).
    pub fn load(&self, id: &str) -> Result<LedgerDoc, StoreError> {
        Ok(self.load_file(id)?.into_doc())
    }

    /// Save a ledger. If the stored copy has changes this document lacks (another tab saved
    /// in between), they are merged in first. On failure the stored copy stays as it was and
    /// the document in memory keeps every edit.
    pub fn save(&self, doc: &mut LedgerDoc, now: i64) -> Result<SaveOutcome, StoreError> {
        let id = doc.ledger_id();
        let outcome = SaveOutcome {
            merged: self.merge_stored(doc, now),
        };
        let name = doc.display_name();
        let bytes = envelope::encode(doc, &name, now);
        let text = b64().encode(&bytes);
        self.kv.set(&Self::ledger_key(&id), &text)?;
        self.record(IndexEntry {
            id,
            name,
            updated_at: now,
            size: text.len(),
        });
        Ok(outcome)
    }

    /// Merge into `doc` what another tab (or window) stored of the same ledger and `doc` lacks.
    /// Only the stored header is read unless there is something to merge.
    pub fn merge_stored(&self, doc: &mut LedgerDoc, now: i64) -> Option<MergeReport> {
        if doc.is_read_only() {
            return None;
        }
        let id = doc.ledger_id();
        let text = self.kv.get(&Self::ledger_key(&id)).ok()??;
        let heads = stored_header(&text)?.heads;
        if doc.knows_all(&heads) {
            return None;
        }
        let file = self.load_file(&id).ok()?;
        doc.merge(&mut file.into_doc(), now).ok()
    }

    /// Store a checked ledger file as it is (used when opening another ledger's file).
    pub fn store_file(&self, file: &envelope::LedgerFile, now: i64) -> Result<(), StoreError> {
        let text = b64().encode(file.to_bytes());
        self.kv
            .set(&Self::ledger_key(&file.header.ledger_id), &text)?;
        self.record(IndexEntry {
            id: file.header.ledger_id.clone(),
            name: file.header.name.clone(),
            updated_at: now,
            size: text.len(),
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
        matches!(self.kv.get(&Self::ledger_key(id)), Ok(Some(_)))
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
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

    /// The language this browser's UI speaks (中文 until someone picks English).
    pub fn lang(&self) -> crate::i18n::Lang {
        self.kv
            .get(&format!("{PREFIX}lang"))
            .ok()
            .flatten()
            .map(|c| crate::i18n::Lang::from_code(&c))
            .unwrap_or_default()
    }

    pub fn set_lang(&self, lang: crate::i18n::Lang) -> Result<(), StoreError> {
        self.kv.set(&format!("{PREFIX}lang"), lang.code())
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
    let file = envelope::decode(bytes)?;
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
