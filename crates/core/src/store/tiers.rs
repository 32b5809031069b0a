//! The two tiers: small ledgers in localStorage, large ones in IndexedDB (a snapshot plus
//! chunks), when a ledger moves, when its chunks are compacted, and how much each tier holds.

use super::*;

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
    /// always: the stored snapshot was found damaged and the ledger recovered from the
    /// previous generation, so the next save writes a good one
    Now,
}

/// How much this app keeps, for 台账管理.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// UTF-16 bytes of this app's keys in localStorage
    pub local_bytes: usize,
    /// bytes of this app's values in the large store (None when there is none)
    pub large_bytes: Option<usize>,
}

impl<K: KeyValue> LedgerStore<K> {
    /// Bytes a ledger's stored copy takes: snapshot and chunks, and in the large store the view
    /// and the known changes kept beside them (the view is often the largest part).
    pub(super) fn stored_size(&self, id: &str) -> usize {
        let len = |kv: &dyn KeyValue, key: &str| kv.len(key).ok().flatten().unwrap_or(0);
        let beside = self.large.as_ref().map_or(0, |large| {
            len(large.as_ref(), &Self::view_key(id)) + len(large.as_ref(), &Self::known_key(id))
        });
        len(self.home(id), &Self::ledger_key(id))
            + len(self.home(id), &Self::prev_key(id))
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
                let _ = self.kv.remove(&Self::prev_key(&key[prefix.len()..]));
            }
        }
    }
}
