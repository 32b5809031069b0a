//! The large store beside localStorage: moving a growing ledger there, incremental chunks and
//! compaction, write-then-switch under a store that fails half-way, and opening old copies;
//! two generations (`generations.rs`), known changes (`known_record.rs`), views (`views.rs`).

#[path = "../common/mod.rs"]
mod common;
mod generations;
mod known_record;
mod views;
use common::*;

use std::cell::Cell;
use std::rc::Rc;

use rectify_core::document::{LedgerDoc, ProblemField, ProblemText};
use rectify_core::store::{
    compaction_overdue, should_compact, should_move, KeyValue, LedgerStore, MemoryKv, Place,
    StoreError, COMPACT_AFTER_CHUNKS, COMPACT_OVERDUE_FACTOR, LOCAL_BUDGET_BYTES, MOVE_FROM_CHARS,
    PREFIX, VIEW_FORMAT, VIEW_KEY_PREFIX,
};

/// A store over shared maps that can be told to fail every write after `allowed` more
/// (a tab closed or a disk failing in the middle of a save), and to report writes as not yet
/// durable (an IndexedDB transaction still in flight or failed).
#[derive(Clone, Default)]
struct Flaky {
    inner: Rc<MemoryKv>,
    allowed: Rc<Cell<Option<usize>>>,
    pending: Rc<Cell<bool>>,
    /// writes done so far
    written: Rc<Cell<usize>>,
}

impl Flaky {
    fn write(&self) -> Result<(), StoreError> {
        self.written.set(self.written.get() + 1);
        match self.allowed.get() {
            Some(0) => Err(StoreError::Unavailable),
            Some(n) => {
                self.allowed.set(Some(n - 1));
                Ok(())
            }
            None => Ok(()),
        }
    }
    fn keys_with(&self, part: &str) -> Vec<String> {
        self.inner
            .values
            .borrow()
            .keys()
            .filter(|k| k.contains(part))
            .cloned()
            .collect()
    }
}

impl KeyValue for Flaky {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write()?;
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.write()?;
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
    fn pending(&self) -> bool {
        self.pending.get()
    }
}

/// A store pair: localStorage and the large store, with a small budget so that a ledger of a
/// few kilobytes already counts as large.
fn pair(budget: usize) -> (Flaky, Flaky, LedgerStore<Flaky>) {
    let local = Flaky::default();
    // one budget of writes for both, as one interruption stops both
    let large = Flaky {
        allowed: local.allowed.clone(),
        written: local.written.clone(),
        ..Flaky::default()
    };
    let store = LedgerStore::new(local.clone())
        .with_local_budget(budget)
        .with_large(Rc::new(large.clone()));
    (local, large, store)
}

/// The same stores seen by a fresh page (a reload), without any injected failure.
fn reopen(local: &Flaky, large: &Flaky, budget: usize) -> LedgerStore<Flaky> {
    let fresh = |f: &Flaky| Flaky {
        inner: f.inner.clone(),
        ..Flaky::default()
    };
    LedgerStore::new(fresh(local))
        .with_local_budget(budget)
        .with_large(Rc::new(fresh(large)))
}

fn ledger_key(id: &str) -> String {
    format!("{PREFIX}ledger:{id}")
}

/// The chunks saved after the current snapshot (a compaction leaves none); the older ones
/// kept beside it complete the previous generation.
fn newer_chunks(large: &Flaky, id: &str) -> Vec<String> {
    use base64::Engine;
    let text = large.get(&ledger_key(id)).unwrap().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap();
    let (header, _) = rectify_core::file::envelope::read_header(&bytes).unwrap();
    large
        .keys_with("chunk:")
        .into_iter()
        .filter(|k| {
            let time: i64 = k.rsplit(':').next().unwrap()[..12].parse().unwrap();
            time >= header.saved_at
        })
        .collect()
}

/// Deterministic text of `n` varied CJK characters, which compresses poorly.
fn varied_text(seed: u64, n: usize) -> String {
    lcg(seed)
        .take(n)
        .map(|x| char::from_u32(0x4E00 + (x % 2000) as u32).unwrap())
        .collect()
}

const BUDGET: usize = 40_000;

/// A ledger whose stored copy is past 40% of [`BUDGET`] (about 9 KB of base64).
fn big_ledger() -> (LedgerDoc, Vec<String>) {
    let (mut doc, _c, probs) = small_ledger();
    doc.set_problem_text(&probs[0], ProblemText::Cause, &varied_text(3, 3000))
        .unwrap();
    (doc, probs)
}

/// What `store` holds of `doc`'s ledger, loaded, reads as `doc` does.
fn assert_stored_is<K: KeyValue>(store: &LedgerStore<K>, doc: &LedgerDoc, what: &str) {
    let stored = store.load(&doc.ledger_id()).unwrap();
    assert_eq!(stored.read().unwrap(), doc.read().unwrap(), "{what}");
}

#[test]
fn the_move_and_compaction_rules() {
    let at = LOCAL_BUDGET_BYTES * 40 / 100;
    assert!(!should_move(1000, || at - 1, LOCAL_BUDGET_BYTES));
    assert!(should_move(1000, || at, LOCAL_BUDGET_BYTES));
    // a ledger's own copy from 64 Ki characters on, with room to spare
    assert!(!should_move(MOVE_FROM_CHARS - 1, || 0, LOCAL_BUDGET_BYTES));
    assert!(should_move(MOVE_FROM_CHARS, || 0, LOCAL_BUDGET_BYTES));
    // the size alone decides: the use (which reads the index of every ledger) is not counted
    assert!(should_move(
        MOVE_FROM_CHARS,
        || panic!("the use was counted"),
        LOCAL_BUDGET_BYTES
    ));
    // a save leaves a due compaction to the pause, until it is overdue
    let overdue = COMPACT_OVERDUE_FACTOR * COMPACT_AFTER_CHUNKS;
    assert!(!compaction_overdue(overdue - 1, 1000, 10_000));
    assert!(compaction_overdue(overdue, 1000, 10_000));
    assert!(!compaction_overdue(3, 1024 * 1024 - 1, 100 * 1024));
    assert!(compaction_overdue(3, 1024 * 1024, 100 * 1024));
    assert!(!should_compact(COMPACT_AFTER_CHUNKS - 1, 1000, 10_000));
    assert!(should_compact(COMPACT_AFTER_CHUNKS, 1000, 10_000));
    assert!(
        !should_compact(3, 200 * 1024, 100 * 1024),
        "below the byte floor"
    );
    assert!(should_compact(3, 256 * 1024, 100 * 1024));
    assert!(
        !should_compact(3, 300 * 1024, 1024 * 1024),
        "below half the snapshot"
    );
    assert!(should_compact(3, 512 * 1024, 1024 * 1024));
}

#[test]
fn a_small_ledger_stays_in_local_storage_and_a_growing_one_moves_without_loss() {
    let (local, large, store) = pair(BUDGET);
    let (mut small, _c, _p) = small_ledger();
    store.save(&mut small, T0 + 1).unwrap();
    assert_eq!(store.place(&small.ledger_id()), Place::Local);
    assert!(
        large.inner.values.borrow().is_empty(),
        "nothing in the large store yet"
    );

    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 2).unwrap();
    assert_eq!(store.place(&id), Place::Local);
    doc.set_problem_text(&probs[0], ProblemText::Cause, &varied_text(3, 3000))
        .unwrap();
    store.save(&mut doc, T0 + 3).unwrap();
    assert_eq!(
        store.place(&id),
        Place::Large,
        "moved once past the threshold"
    );
    assert!(
        local.get(&ledger_key(&id)).unwrap().is_none(),
        "the localStorage copy is removed once the large copy is durable"
    );
    assert!(local
        .get(&ledger_key(&small.ledger_id()))
        .unwrap()
        .is_some());

    let list = store.list().unwrap();
    assert_eq!(list.len(), 2);
    let entry = list.iter().find(|e| e.id == id).unwrap();
    assert_eq!(entry.place, Place::Large);
    assert!(
        entry.size > 8000,
        "size counts the large copy: {}",
        entry.size
    );
    let usage = store.usage();
    assert!(usage.large_bytes.unwrap() >= entry.size);
    assert!(usage.local_bytes > 0 && usage.local_bytes < BUDGET);

    // a reload opens it from the large store with every edit
    let again = reopen(&local, &large, BUDGET);
    assert_eq!(
        again.load(&id).unwrap().read().unwrap(),
        doc.read().unwrap()
    );
    // a page without the large store (IndexedDB did not open) still lists it, and says why
    // it cannot open it now
    let without = LedgerStore::new(local.clone());
    let listed = without.list().unwrap();
    assert_eq!(
        listed
            .iter()
            .filter(|e| e.id == id && e.place == Place::Large)
            .count(),
        1
    );
    assert!(matches!(
        without.load(&id),
        Err(StoreError::LargeUnavailable)
    ));
    assert!(matches!(
        without.load("no-such-ledger"),
        Err(StoreError::NotFound)
    ));
}

/// With all of localStorage's budget to spare, a ledger still moves once its own copy reaches
/// [`MOVE_FROM_CHARS`]: from there its saves append chunks instead of rewriting it whole.
#[test]
fn a_ledger_past_the_size_for_whole_saves_moves_with_room_to_spare() {
    let (local, large, store) = pair(LOCAL_BUDGET_BYTES);
    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    let stored_chars = |store: &LedgerStore<Flaky>| {
        store
            .kv()
            .get(&ledger_key(&id))
            .unwrap()
            .map_or(0, |t| t.len())
    };
    // just under (Automerge compresses this text to about 2.6 base64 characters a character)
    doc.set_problem_text(&probs[0], ProblemText::Cause, &varied_text(3, 14_000))
        .unwrap();
    doc.set_problem_text(&probs[0], ProblemText::Measures, &varied_text(5, 8_000))
        .unwrap();
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Local);
    let under = stored_chars(&store);
    assert!(under < MOVE_FROM_CHARS, "{under}");
    assert!(under > MOVE_FROM_CHARS * 3 / 4, "{under}");

    doc.set_problem_text(&probs[1], ProblemText::Cause, &varied_text(4, 6_000))
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    assert_eq!(store.place(&id), Place::Large, "moved past the size");
    assert_eq!(stored_chars(&store), 0, "the localStorage copy is removed");
    // the next edit is a chunk, and a reload has everything
    doc.set_problem_field(&probs[2], ProblemField::Owner, "张三")
        .unwrap();
    store.save(&mut doc, T0 + 3).unwrap();
    assert_eq!(large.keys_with("chunk:").len(), 1);
    let again = reopen(&local, &large, LOCAL_BUDGET_BYTES);
    assert_eq!(
        again.load(&id).unwrap().read().unwrap(),
        doc.read().unwrap()
    );
}

#[test]
fn a_move_keeps_the_local_copy_until_the_large_store_has_written_it() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    let old_copy = local.get(&ledger_key(&id)).unwrap().unwrap();
    let before = doc.read().unwrap();

    large.pending.set(true); // the IndexedDB transaction has not completed (or failed)
    doc.set_problem_text(&probs[0], ProblemText::Cause, &varied_text(3, 3000))
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    assert_eq!(
        local.get(&ledger_key(&id)).unwrap().as_deref(),
        Some(old_copy.as_str()),
        "the last good localStorage copy stays while the large write is pending"
    );
    // the large write failed and the page is reloaded: the old copy opens from localStorage
    let after_failure = LedgerStore::new(local.clone());
    assert_eq!(after_failure.load(&id).unwrap().read().unwrap(), before);

    // once the write is durable, the next save (or start) removes the localStorage copy
    large.pending.set(false);
    store.finish_moves();
    assert!(local.get(&ledger_key(&id)).unwrap().is_none());
    assert_stored_is(&store, &doc, "");
}

#[test]
fn saves_in_the_large_store_append_chunks_compacted_in_a_pause() {
    let (_local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    let snapshot = large.get(&ledger_key(&id)).unwrap().unwrap();
    assert!(large.keys_with("chunk:").is_empty());

    // saves while someone types only append, past the point where a compaction is due
    let saves = 2 * COMPACT_AFTER_CHUNKS + 5;
    for i in 0..saves {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("责任人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 10 + i as i64).unwrap();
        assert_eq!(large.keys_with("chunk:").len(), i + 1, "save {i} appends");
        // an appended chunk is small next to the snapshot, which is left as it was
        let chunk_key = large.keys_with("chunk:").into_iter().max().unwrap();
        let chunk = large.get(&chunk_key).unwrap().unwrap();
        assert!(
            chunk.len() * 10 < snapshot.len(),
            "{} vs {}",
            chunk.len(),
            snapshot.len()
        );
        assert_eq!(large.get(&ledger_key(&id)).unwrap().unwrap(), snapshot);
        if i % 16 == 0 {
            assert_stored_is(&store, &doc, &format!("save {i}"));
        }
    }
    // the pause: with nothing new to save, the chunks become one snapshot
    store.save_and_compact(&mut doc, T0 + 200).unwrap();
    assert!(newer_chunks(&large, &id).is_empty(), "compacted");
    assert_ne!(large.get(&ledger_key(&id)).unwrap().unwrap(), snapshot);
    assert_stored_is(&store, &doc, "");
    // a pause with a compaction not due (a few chunks) saves as a save does
    for i in 0..3 {
        doc.set_problem_field(&probs[2], ProblemField::Owner, &format!("人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 300 + i as i64).unwrap();
    }
    doc.set_problem_field(&probs[2], ProblemField::Owner, "停顿前")
        .unwrap();
    store.save_and_compact(&mut doc, T0 + 310).unwrap();
    assert_eq!(newer_chunks(&large, &id).len(), 4);
    // a save or a pause with nothing new writes nothing, not even the index
    let keys = large.keys_with("");
    let writes = large.written.get();
    store.save(&mut doc, T0 + 500).unwrap();
    store.save_and_compact(&mut doc, T0 + 501).unwrap();
    assert_eq!(large.keys_with(""), keys);
    assert_eq!(large.written.get(), writes, "no write in either store");
    assert_stored_is(&store, &doc, "");
}

#[test]
fn a_save_with_nothing_new_leaves_local_storage_alone() {
    let (local, large, tab1) = pair(BUDGET);
    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    tab1.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(tab1.place(&id), Place::Local);
    let stored = local.get(&ledger_key(&id)).unwrap().unwrap();
    let index = tab1.list().unwrap();

    // a pause after the typing was saved: the whole copy is not encoded and written again
    let writes = local.written.get();
    tab1.save(&mut doc, T0 + 2).unwrap();
    tab1.save_and_compact(&mut doc, T0 + 3).unwrap();
    assert_eq!(local.written.get(), writes, "nothing written");
    assert_eq!(local.get(&ledger_key(&id)).unwrap().unwrap(), stored);
    assert_eq!(
        tab1.list().unwrap(),
        index,
        "the index keeps the last save's time"
    );

    // an edit is written, as is a change committed but never stored (a save that failed)
    doc.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    tab1.save(&mut doc, T0 + 4).unwrap();
    assert!(local.written.get() > writes);
    assert_stored_is(&tab1, &doc, "the edit");
    doc.set_problem_field(&probs[0], ProblemField::Owner, "赵六")
        .unwrap();
    local.allowed.set(Some(0));
    assert!(tab1.save(&mut doc, T0 + 5).is_err(), "the disk is full");
    local.allowed.set(None);
    assert!(!doc.has_pending(), "the failed save committed the edit");
    tab1.save(&mut doc, T0 + 6).unwrap();
    assert_stored_is(&tab1, &doc, "the edit whose save failed");

    // another tab's save is merged in and then not written back: it is stored already
    let tab2 = reopen(&local, &large, BUDGET);
    let mut other = tab2.load(&id).unwrap();
    other
        .set_problem_field(&probs[1], ProblemField::Owner, "二号窗口")
        .unwrap();
    tab2.save(&mut other, T0 + 7).unwrap();
    let stored = local.get(&ledger_key(&id)).unwrap().unwrap();
    let writes = local.written.get();
    let merged = tab1.save(&mut doc, T0 + 8).unwrap().merged;
    assert_eq!(merged.map(|m| m.new_changes), Some(1));
    assert_eq!(local.written.get(), writes, "nothing written back");
    assert_eq!(local.get(&ledger_key(&id)).unwrap().unwrap(), stored);
    assert_eq!(doc.read().unwrap(), other.read().unwrap());
}

#[test]
fn a_save_compacts_by_itself_when_no_pause_comes_for_long() {
    let (_local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    store.save(&mut doc, T0 + 1).unwrap();
    let overdue = COMPACT_OVERDUE_FACTOR * COMPACT_AFTER_CHUNKS;
    let mut most_chunks = 0;
    let mut compactions = 0;
    for i in 0..overdue + 3 {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("责任人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 10 + i as i64).unwrap();
        let chunks = newer_chunks(&large, &doc.ledger_id()).len();
        if chunks == 0 {
            compactions += 1;
        }
        most_chunks = most_chunks.max(chunks);
    }
    assert_eq!((most_chunks, compactions), (overdue, 1));
    assert_stored_is(&store, &doc, "");
}

#[test]
fn two_tabs_appending_chunks_keep_both_edits() {
    let (local, large, tab1) = pair(BUDGET);
    let tab2 = reopen(&local, &large, BUDGET);
    let (mut a, probs) = big_ledger();
    let id = a.ledger_id();
    tab1.save(&mut a, T0 + 1).unwrap();
    let mut b = tab2.load(&id).unwrap();
    a.set_problem_field(&probs[0], ProblemField::Owner, "一号窗口")
        .unwrap();
    b.set_problem_field(&probs[1], ProblemField::Owner, "二号窗口")
        .unwrap();
    tab1.save(&mut a, T0 + 2).unwrap();
    let merged = tab2.save(&mut b, T0 + 3).unwrap().merged;
    assert!(
        merged.is_some(),
        "tab 2 merged tab 1's chunk before appending its own"
    );
    assert_eq!(
        tab1.merge_stored(&mut a, T0 + 4).map(|m| m.new_changes),
        Some(1)
    );
    let stored = tab1.load(&id).unwrap().read().unwrap();
    assert_eq!(stored.problem(&probs[0]).unwrap().owner, "一号窗口");
    assert_eq!(stored.problem(&probs[1]).unwrap().owner, "二号窗口");
    assert_eq!(stored, a.read().unwrap());
}

/// A copy of the stores' contents, with fresh failure settings and one budget of writes.
fn copy_of(local: &Flaky, large: &Flaky) -> (Flaky, Flaky, LedgerStore<Flaky>) {
    let (l, g, store) = pair(BUDGET);
    *l.inner.values.borrow_mut() = local.inner.values.borrow().clone();
    *g.inner.values.borrow_mut() = large.inner.values.borrow().clone();
    (l, g, store)
}

/// Count the writes `edit_and_save` does on the prepared stores, then run it again on fresh
/// copies of them with every write after the first `n` failing, for each n below that count:
/// a reloaded page must then open the ledger with the content it had before or after the
/// save — never half a copy — and list it exactly once; a save that reports failure leaves
/// the old content.
fn interrupted_at_every_write(
    (local, large, doc): (Flaky, Flaky, LedgerDoc),
    edit_and_save: impl Fn(&LedgerStore<Flaky>, &mut LedgerDoc) -> Result<(), StoreError>,
) -> usize {
    let id = doc.ledger_id();
    let before = reopen(&local, &large, BUDGET)
        .load(&id)
        .unwrap()
        .read()
        .unwrap();
    let (l, _g, store) = copy_of(&local, &large);
    let mut full = doc.copy();
    edit_and_save(&store, &mut full).unwrap();
    let after = full.read().unwrap();
    let total = l.written.get();
    for n in 0..total {
        let (l, g, store) = copy_of(&local, &large);
        let mut doc = doc.copy();
        l.allowed.set(Some(n)); // shared with `g`
        let result = edit_and_save(&store, &mut doc);
        let reloaded = reopen(&l, &g, BUDGET);
        let opened = reloaded.load(&id).unwrap().read().unwrap();
        assert!(
            opened == before || opened == after,
            "interrupted after {n} writes: the stored copy is neither the old nor the new"
        );
        assert_eq!(
            reloaded
                .list()
                .unwrap()
                .iter()
                .filter(|e| e.id == id)
                .count(),
            1
        );
        if result.is_err() {
            assert_eq!(opened, before, "a failed save leaves the last good copy");
        }
    }
    total
}

#[test]
fn a_move_interrupted_half_way_leaves_one_whole_copy() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, _c, probs) = small_ledger();
    store.save(&mut doc, T0 + 1).unwrap();
    let writes = interrupted_at_every_write((local, large, doc), |store, doc| {
        doc.set_problem_text(&probs[0], ProblemText::Cause, &varied_text(3, 3000))
            .unwrap();
        store.save(doc, T0 + 2).map(|_| ())
    });
    assert!(
        writes >= 2,
        "a move writes the large copy, then removes the local one: {writes}"
    );
}

#[test]
fn a_compaction_interrupted_half_way_leaves_one_whole_copy() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    for i in 0..=COMPACT_AFTER_CHUNKS {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + i as i64).unwrap();
    }
    assert_eq!(large.keys_with("chunk:").len(), COMPACT_AFTER_CHUNKS);
    let writes = interrupted_at_every_write((local, large, doc), |store, doc| {
        doc.set_problem_field(&probs[2], ProblemField::Owner, "压缩时的修改")
            .unwrap();
        store.save_and_compact(doc, T0 + 100).map(|_| ())
    });
    assert!(
        writes >= 3,
        "previous generation, snapshot, known changes: {writes}"
    );
}

#[test]
fn a_copy_stored_by_the_previous_version_opens_and_moves_when_it_grows() {
    // what the previous version left in localStorage: the base64 file and an index without
    // the `place` field
    let (local, large, _) = pair(BUDGET);
    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    let old = LedgerStore::new(MemoryKv::default());
    old.save(&mut doc, T0 + 1).unwrap();
    for (k, v) in old.kv().values.borrow().iter() {
        let v = if k.ends_with("index") {
            v.replace(",\"place\":\"Local\"", "")
        } else {
            v.clone()
        };
        local.inner.set(k, &v).unwrap();
    }
    assert!(!local
        .get(&format!("{PREFIX}index"))
        .unwrap()
        .unwrap()
        .contains("place"));

    let store = reopen(&local, &large, BUDGET);
    let list = store.list().unwrap();
    assert_eq!((list.len(), list[0].place), (1, Place::Local));
    let mut opened = store.load(&id).unwrap();
    assert_eq!(opened.read().unwrap(), doc.read().unwrap());
    opened
        .set_problem_text(&probs[0], ProblemText::Cause, &varied_text(5, 3000))
        .unwrap();
    store.save(&mut opened, T0 + 2).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    assert_eq!(
        reopen(&local, &large, BUDGET)
            .load(&id)
            .unwrap()
            .read()
            .unwrap(),
        opened.read().unwrap()
    );
}

#[test]
fn a_damaged_chunk_is_reported_and_the_list_still_works() {
    let (_local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    doc.set_problem_field(&probs[1], ProblemField::Owner, "张三")
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    let chunk = large.keys_with("chunk:").pop().unwrap();
    large
        .inner
        .set(&chunk, "{\"heads\":[],\"data\":\"@@@\"}")
        .unwrap();
    // the snapshot opens; the save the chunk held is lost, and that is said
    let opened = store.open_stored(&id).unwrap();
    let recovery = opened.recovery.expect("a lost save is reported");
    assert_eq!((recovery.lost_saves, recovery.from_saved_at), (1, None));
    assert_ne!(opened.doc.read().unwrap(), doc.read().unwrap());
    assert_eq!(store.list().unwrap().len(), 1);
    // the open document still holds everything; saving it repairs the stored copy
    store.save(&mut doc, T0 + 3).unwrap();
    assert_stored_is(&store, &doc, "");
}

#[test]
fn deleting_a_ledger_removes_it_from_both_stores() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    doc.set_problem_field(&probs[1], ProblemField::Owner, "张三")
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    assert!(store.save_view(&mut doc).unwrap());
    assert!(!large.keys_with(&id).is_empty());
    store.delete(&id).unwrap();
    assert!(large.keys_with(&id).is_empty());
    assert!(local.keys_with(&format!("ledger:{id}")).is_empty());
    assert!(store.list().unwrap().is_empty());
}
