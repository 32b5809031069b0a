//! Saving a ledger: merging what another tab stored first, then writing whole or appending.

use super::*;

/// What a save did besides writing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveOutcome {
    /// Another tab (or window) had saved changes this one did not have; they were merged in
    /// before writing, so neither tab's work is lost.
    pub merged: Option<MergeReport>,
}

impl<K: KeyValue> LedgerStore<K> {
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

    /// The ledger's stored copy is the whole copy this page wrote last, untouched since, and
    /// its heads are `doc`'s heads: it holds exactly what `doc` holds. Its header is decoded
    /// and its text hashed, nothing else (a copy damaged since, or written by another tab,
    /// is not it, and the next save writes it whole again).
    pub(super) fn holds_exactly(&self, id: &str, doc: &mut LedgerDoc) -> bool {
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
        // (a damaged stored copy opens from its previous generation, which may hold nothing
        // new: no merge is reported then)
        let mut stored = self.load(&id).ok()?;
        doc.merge(&mut stored, now)
            .ok()
            .filter(|report| report.new_changes > 0)
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
}
