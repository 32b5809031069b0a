//! Two generations of every ledger's whole copy: `ledger:<id>` (the current one) and
//! `prev:<id>` (the last good one before it), in whichever tier holds the ledger. A new whole
//! copy never replaces the last good one until it is written (and, in localStorage, read
//! back); a current copy found damaged on load falls back to the previous generation plus the
//! chunks saved after it (`loading.rs`). localStorage refusing a write sends the ledger to the
//! large store.

use super::*;

/// What the stored copy held that a load could not use, and where the ledger came from
/// instead, for the page to say ([`LedgerStore::open_stored`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// what was wrong with the newest stored copy (or with a chunk of it)
    pub cause: ImportError,
    /// when the previous generation the ledger was opened from was saved (seconds since the
    /// epoch); None when the current copy opened and only some chunks were lost
    pub from_saved_at: Option<i64>,
    /// saves (chunks in the large store) that could not be read and are not in the ledger
    pub lost_saves: usize,
    /// the newest copy was in localStorage, which keeps no chunks: the edits saved after the
    /// previous generation (at most the last few seconds of typing) are lost
    pub lost_last_save: bool,
}

/// A stored ledger opened for editing, and what had to be recovered to open it.
pub struct Opened {
    pub doc: LedgerDoc,
    pub recovery: Option<Recovery>,
}

/// True when the stored (base64) text is a whole ledger file whose document is the one its
/// header describes (length and SHA-256), checked without loading it.
pub(super) fn text_is_whole(text: &str) -> bool {
    b64()
        .decode(text.trim())
        .is_ok_and(|bytes| envelope::looks_whole(&bytes))
}

/// The second a chunk was written, from its key (`…:<seconds, 12 digits>-<random>`).
pub(super) fn chunk_time(key: &str) -> Option<i64> {
    let tail = key.rsplit(':').next()?;
    tail.split('-').next()?.parse().ok()
}

impl<K: KeyValue> LedgerStore<K> {
    pub(super) fn prev_key(id: &str) -> String {
        format!("{PREFIX}prev:{id}")
    }

    /// Write a ledger's whole copy (base64 envelope) where it belongs: the large store when it
    /// lives there or should move there now, or when localStorage refuses it; else
    /// localStorage. The copy it replaces becomes the previous generation when it is whole.
    ///
    /// In the large store the document's [`KnownChanges`] (asked of `known` only then) are
    /// written beside the snapshot, in the same transaction, tied to its text by a SHA-256
    /// ([`known_record`]): loading the snapshot again then takes about half as long
    /// ([`LedgerDoc::load_unread_known`]). 36 bytes a change (48 in base64), about 60% of the
    /// snapshot; a small ledger in localStorage, which loads quickly anyway, keeps none. Of the
    /// chunks (`covered`), those the previous generation already held are removed; those
    /// saved after it stay until the next whole copy, so the previous generation plus them is
    /// the whole ledger.
    pub(super) fn write_whole(
        &self,
        id: &str,
        text: &str,
        covered: &[String],
        known: &mut dyn FnMut() -> Option<KnownChanges>,
    ) -> Result<Place, StoreError> {
        let Some(large) = &self.large else {
            return self.write_local(id, text, false).map(|_| Place::Local);
        };
        if self.place(id) == Place::Large || self.should_move_now(id, text) {
            return self.write_large(large.as_ref(), id, text, covered, known);
        }
        match self.write_local(id, text, true) {
            // localStorage is full or refuses: the large store takes the ledger from now on
            Err(StoreError::QuotaExceeded | StoreError::Unavailable) => {
                self.write_large(large.as_ref(), id, text, covered, known)
            }
            other => other.map(|_| Place::Local),
        }
    }

    /// A ledger in localStorage whose new copy is `text` moves to the large store now
    /// ([`should_move`]).
    fn should_move_now(&self, id: &str, text: &str) -> bool {
        let key = Self::ledger_key(id);
        let local_use = || {
            let others: usize = self
                .list()
                .unwrap_or_default()
                .iter()
                .filter(|e| e.place == Place::Local && e.id != id)
                .map(|e| 2 * (key.len() + e.size))
                .sum();
            others + 4 * (key.len() + text.len())
        };
        self.place(id) == Place::Local && should_move(text.len(), local_use, self.local_budget)
    }

    /// Write a whole copy to localStorage: the current copy, when whole, to `prev:<id>` first,
    /// then the new one, read back. With `strict` (a large store could take the ledger), no
    /// room for the previous generation is a refusal too: the large store keeps both instead.
    fn write_local(&self, id: &str, text: &str, strict: bool) -> Result<(), StoreError> {
        let key = Self::ledger_key(id);
        if let Some(old) = self.kv.get(&key)?.filter(|old| old != text) {
            // what this page wrote and read back is whole without decoding it again (a
            // save every 400 ms while someone types); another tab's copy is checked
            let written = WRITTEN.with(|w| w.borrow().get(&key).copied());
            if written == Some(text_hash(&old)) || text_is_whole(&old) {
                match self.kv.set(&Self::prev_key(id), &old) {
                    Err(e) if strict => return Err(e),
                    // no large store and no room for two copies: one, replaced whole or not
                    // at all (setItem's promise), is still better than no save
                    _ => {}
                }
            }
        }
        self.kv.set(&key, text)?;
        if self.kv.get(&key)?.as_deref() != Some(text) {
            return Err(StoreError::Corrupt(ImportError::Corrupt(Damage::Checksum)));
        }
        WRITTEN.with(|w| w.borrow_mut().insert(key, text_hash(text)));
        Ok(())
    }

    /// Write a whole copy to the large store, in one transaction: the copy it replaces (the
    /// large store's, or localStorage's when the ledger moves now) as the previous generation
    /// when it is whole, the new snapshot, its known changes, and the removal of the chunks
    /// the previous generation holds.
    fn write_large(
        &self,
        large: &dyn KeyValue,
        id: &str,
        text: &str,
        covered: &[String],
        known: &mut dyn FnMut() -> Option<KnownChanges>,
    ) -> Result<Place, StoreError> {
        let key = Self::ledger_key(id);
        let old = match large.get(&key)? {
            Some(old) => Some(old),
            None => self.kv.get(&key).ok().flatten(),
        };
        // chunks older than the copy that becomes the previous generation are in it
        let mut cut = None;
        if let Some(old) = old.filter(|old| old != text && text_is_whole(old)) {
            large.set(&Self::prev_key(id), &old)?;
            cut = stored_header(&old).map(|h| h.saved_at);
        }
        large.set(&key, text)?;
        // The known changes only speed up a load: one that failed to be written, or was
        // written for another text, is passed over then.
        let _ = match known().and_then(|known| known_record(text, &known)) {
            Some(record) => large.set(&Self::known_key(id), &record),
            None => large.remove(&Self::known_key(id)),
        };
        if let Some(cut) = cut {
            for chunk in covered {
                if chunk_time(chunk).is_some_and(|t| t < cut) {
                    let _ = large.remove(chunk);
                }
            }
        }
        large.commit()?;
        self.finish_moves();
        Ok(Place::Large)
    }
}
