//! Stored views: the ledger as last read, plain JSON beside a large ledger, so the next start
//! shows the checklist before the document is loaded.

use super::*;

/// The format of a stored view (`rectify:view:<id>`): bump it when [`Ledger`]'s serde shape
/// changes (`crates/core/tests/storage/` pins the shape to this number), so a view written by
/// another version is not read as this one's.
pub const VIEW_FORMAT: u32 = 3;

/// Where views are kept (`rectify:view:<id>`). A view is optional: a store that fails to write
/// one drops it rather than carry it into the next save (it is four times the document).
pub const VIEW_KEY_PREFIX: &str = "rectify:view:";

impl<K: KeyValue> LedgerStore<K> {
    pub(super) fn view_key(id: &str) -> String {
        format!("{VIEW_KEY_PREFIX}{id}")
    }

    /// The stored view's first line: the view format and the version of the stored copy it
    /// was read from.
    pub(super) fn view_line(version: &str) -> String {
        format!("{VIEW_FORMAT} {version}")
    }

    /// The JSON of the ledger's stored view when it was read from exactly the stored copy of
    /// `version` (its first line names this format and that version); None otherwise.
    pub(super) fn current_view(&self, id: &str, version: &str) -> Option<String> {
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
}
