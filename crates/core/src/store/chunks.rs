//! Incremental saves in the large store: a chunk per save, appended after the snapshot, and
//! what the stored copy holds without loading it.

use super::generations::chunk_time;
use super::*;

/// One incremental save in the large store: the document's heads after it and the
/// Automerge change bytes (base64), so a save can tell what is stored without loading it.
#[derive(Serialize, Deserialize)]
pub(super) struct Chunk {
    heads: Vec<String>,
    data: String,
}

impl<K: KeyValue> LedgerStore<K> {
    pub(super) fn chunk_prefix(id: &str) -> String {
        format!("{PREFIX}chunk:{id}:")
    }

    /// The keys of a ledger's chunks in the large store, oldest first.
    pub(super) fn chunk_keys(&self, id: &str) -> Vec<String> {
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
    pub(super) fn chunks(&self, id: &str) -> Vec<(String, Option<Chunk>, usize)> {
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

    /// Save a ledger that lives in the large store: append the changes since what is stored as
    /// one chunk, or compact (one new snapshot, the chunks removed) when `compaction` says the
    /// chunks are too many or too large, or when the stored copy cannot be read. False when
    /// there was nothing to write.
    pub(super) fn save_large(
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
        let header = stored_header(&snapshot);
        // the chunks kept for the previous generation do not make a compaction due
        let since = header.as_ref().map_or(0, |h| h.saved_at);
        let newer: Vec<usize> = chunks
            .iter()
            .filter(|(k, _, _)| chunk_time(k).is_none_or(|t| t >= since))
            .map(|(_, _, n)| *n)
            .collect();
        let chunk_bytes: usize = newer.iter().sum();
        let mut stored_heads = header.map(|h| h.heads);
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
                    Compaction::Now => return false,
                };
                !rule(newer.len(), chunk_bytes, snapshot.len())
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

    /// Add the large store's chunks of `id` to its snapshot's document: those it does not hold
    /// already (the chunks kept for the previous generation are in a newer snapshot). A chunk
    /// that cannot be read is passed over and counted (what it held is lost; the caller says
    /// so); the others are added all the same.
    pub(super) fn add_chunks(&self, id: &str, doc: &mut LedgerDoc) -> usize {
        let mut lost = 0;
        if self.place(id) != Place::Large || doc.is_read_only() {
            return lost;
        }
        for (_, chunk, _) in self.chunks(id) {
            if chunk.as_ref().is_some_and(|c| doc.knows_all(&c.heads)) {
                continue;
            }
            let added = chunk
                .and_then(|c| b64().decode(c.data).ok())
                .is_some_and(|bytes| doc.apply_chunk(&bytes).is_ok());
            if !added {
                lost += 1;
            }
        }
        lost
    }

    /// Every head the stored copy names: the snapshot's and each readable chunk's (None when
    /// there is no stored copy or its header cannot be read). Only headers are decoded.
    pub(super) fn stored_heads(&self, id: &str) -> Option<Vec<String>> {
        let text = self.home(id).get(&Self::ledger_key(id)).ok()??;
        let mut heads = stored_header(&text)?.heads;
        for (_, chunk, _) in self.chunks(id) {
            heads.extend(chunk.map(|c| c.heads).unwrap_or_default());
        }
        Some(heads)
    }
}
