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
        let file =
            envelope::decode_stored(&bytes, read, known.as_ref()).map_err(StoreError::Corrupt)?;
        // another ledger's record under this ledger's key (swapped, or copied by hand)
        if file.header.ledger_id != id {
            return Err(StoreError::Corrupt(ImportError::Corrupt(
                Damage::HeaderOtherLedger,
            )));
        }
        Ok(file)
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

    /// Open a stored ledger for editing in this session (fresh actor), recovered from the
    /// previous generation when the current copy is damaged ([`LedgerStore::open_stored`]).
    pub fn load(&self, id: &str) -> Result<LedgerDoc, StoreError> {
        self.open_stored(id).map(|opened| opened.doc)
    }

    /// Open a stored ledger for editing in this session (fresh actor): its current copy and,
    /// in the large store, the chunks saved after it. When the current copy does not load,
    /// the previous generation and every chunk saved after it; what was recovered, and what
    /// was lost, is in [`Opened::recovery`]. The stored copies are not changed here: the next
    /// save writes a good current copy ([`Compaction::Now`]).
    pub fn open_stored(&self, id: &str) -> Result<Opened, StoreError> {
        let current = self.load_file(id);
        self.opened(id, current)
    }

    /// [`LedgerStore::open_stored`] from the stored current copy's load (`current`).
    fn opened(
        &self,
        id: &str,
        current: Result<envelope::LedgerFile, StoreError>,
    ) -> Result<Opened, StoreError> {
        match current {
            Ok(file) => {
                let mut doc = file.into_doc();
                let lost_saves = self.add_chunks(id, &mut doc);
                let recovery = (lost_saves > 0).then_some(Recovery {
                    cause: ImportError::Corrupt(Damage::BadChunk),
                    from_saved_at: None,
                    lost_saves,
                    lost_last_save: false,
                });
                Ok(Opened { doc, recovery })
            }
            // a damaged copy, not one from a newer version or over a limit (those are whole)
            Err(StoreError::Corrupt(cause)) if is_damage(&cause) => match self.load_previous(id) {
                Some((file, saved_at)) => {
                    let mut doc = file.into_doc();
                    let lost_saves = self.add_chunks(id, &mut doc);
                    let recovery = Some(Recovery {
                        cause,
                        from_saved_at: Some(saved_at),
                        lost_saves,
                        lost_last_save: self.place(id) == Place::Local,
                    });
                    Ok(Opened { doc, recovery })
                }
                None => Err(StoreError::Corrupt(cause)),
            },
            Err(other) => Err(other),
        }
    }

    /// The previous generation of a ledger, checked whole, and when it was saved.
    fn load_previous(&self, id: &str) -> Option<(envelope::LedgerFile, i64)> {
        let text = self.home(id).get(&Self::prev_key(id)).ok()??;
        let bytes = b64().decode(text.trim()).ok()?;
        let file = envelope::decode(&bytes).ok()?;
        (file.header.ledger_id == id).then(|| {
            let saved_at = file.header.saved_at;
            (file, saved_at)
        })
    }

    /// [`LedgerStore::open_stored`] for a ledger shown from its view: `view` and `version` as
    /// [`load_view`] gave them. While the stored copy is still that version, the document is
    /// not read whole to check it (the view is that read) and its read cache starts from the view
    /// ([`LedgerDoc::seed_read`]), so the first read does not hydrate every problem (twice,
    /// with chunks: adding one marks everything stale). Otherwise (another tab saved since, or
    /// the copy is damaged) a plain open.
    ///
    /// [`load_view`]: LedgerStore::load_view
    pub fn load_from_view(
        &self,
        id: &str,
        view: &Ledger,
        version: &str,
    ) -> Result<Opened, StoreError> {
        if self.stored_version(id).as_deref() != Some(version) || view.id != id {
            return self.open_stored(id);
        }
        match self.load_file_with(id, false) {
            Ok(file) => {
                let opened = self.opened(id, Ok(file))?;
                if opened.recovery.is_none() {
                    opened.doc.seed_read(view);
                }
                Ok(opened)
            }
            Err(_) => self.open_stored(id),
        }
    }
}

/// A stored copy that failed this way is damaged (cut short, altered, not a ledger file at
/// all), so an older whole copy is the way back; a copy from a newer version, or over a
/// limit, is whole and must not be passed over for an older one.
fn is_damage(cause: &ImportError) -> bool {
    !matches!(
        cause,
        ImportError::NewerFormat(_) | ImportError::OverLimit(_)
    )
}
