//! Opening a stored ledger: the stored file checked, its chunks added, its view used.

use super::*;

impl<K: KeyValue> LedgerStore<K> {
    /// The stored file of a ledger, checked (envelope and document), not yet loaded.
    pub fn load_file(&self, id: &str) -> Result<envelope::LedgerFile, StoreError> {
        self.load_file_with(id, true)
    }

    /// [`LedgerStore::load_file`], reading the document whole to check it only when `read`
    /// (`envelope::decode_unread` otherwise). Loaded with the known changes kept beside it
    /// when they are there and were written with this very text.
    pub(super) fn load_file_with(
        &self,
        id: &str,
        read: bool,
    ) -> Result<envelope::LedgerFile, StoreError> {
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

    /// Why a ledger is not in the store: gone, or in IndexedDB that did not open this time.
    pub(super) fn missing(&self, id: &str) -> StoreError {
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
}
