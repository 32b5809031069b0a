//! Two generations of every stored copy: a damaged, cut-short or swapped current copy opens
//! from the previous generation (plus the chunks saved after it) and says what was recovered;
//! a refused or garbled write never replaces the last good copy; localStorage refusing a write
//! sends the ledger to the large store.

use super::*;
use rectify_core::file::envelope::ImportError;
use rectify_core::store::{Compaction, Recovery};

/// `text` with four characters in its middle overwritten (a damaged record).
fn damaged(text: &str) -> String {
    let mid = text.len() / 2;
    let mut out = text.to_string();
    out.replace_range(mid..mid + 4, "AAAA");
    out
}

fn prev_key(id: &str) -> String {
    format!("{PREFIX}prev:{id}")
}

/// A small ledger in localStorage saved twice: the first save's ledger, and the document.
fn saved_twice_locally() -> (Rc<MemoryKv>, LedgerDoc, rectify_core::ledger::Ledger) {
    let kv = Rc::new(MemoryKv::default());
    let store = LedgerStore::new(kv.clone());
    let (mut doc, _c, probs) = small_ledger();
    store.save(&mut doc, T0 + 1).unwrap();
    let first = doc.read().unwrap();
    doc.set_problem_field(&probs[0], ProblemField::Owner, "第二次保存")
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    (kv, doc, first)
}

#[test]
fn a_damaged_local_copy_opens_from_the_previous_generation() {
    for (what, spoil) in [
        ("overwritten", damaged as fn(&str) -> String),
        ("cut short", |t: &str| t[..100].to_string()),
        ("not base64", |t: &str| format!("@@{t}")),
    ] {
        let (kv, doc, first) = saved_twice_locally();
        let id = doc.ledger_id();
        let key = ledger_key(&id);
        let text = kv.get(&key).unwrap().unwrap();
        kv.set(&key, &spoil(&text)).unwrap();
        let store = LedgerStore::new(kv.clone());
        let opened = store.open_stored(&id).unwrap();
        let recovery = opened.recovery.expect(what);
        assert_eq!(recovery.from_saved_at, Some(T0 + 1), "{what}");
        assert!(
            recovery.lost_last_save,
            "{what}: localStorage keeps no chunks"
        );
        assert_eq!(opened.doc.read().unwrap(), first, "{what}");
        // the next save writes a good current copy and keeps the good previous one
        let mut doc = opened.doc;
        store.save(&mut doc, T0 + 3).unwrap();
        assert!(store.open_stored(&id).unwrap().recovery.is_none(), "{what}");
        let prev = kv.get(&prev_key(&id)).unwrap().unwrap();
        assert_ne!(
            prev,
            spoil(&text),
            "{what}: the damaged copy is never a generation"
        );
    }
}

#[test]
fn without_a_good_previous_generation_the_damage_is_an_error() {
    let (kv, doc, _) = saved_twice_locally();
    let id = doc.ledger_id();
    for key in [ledger_key(&id), prev_key(&id)] {
        let text = kv.get(&key).unwrap().unwrap();
        kv.set(&key, &damaged(&text)).unwrap();
    }
    let store = LedgerStore::new(kv.clone());
    assert!(matches!(
        store.open_stored(&id),
        Err(StoreError::Corrupt(ImportError::Corrupt(_)))
    ));
    // and the raw bytes are still there to rescue
    assert!(!store.load_raw(&id).unwrap().is_empty());
}

#[test]
fn another_ledgers_record_under_this_ledgers_key_is_not_this_ledger() {
    let (kv, doc, first) = saved_twice_locally();
    let (other_kv, other, _) = saved_twice_locally();
    let id = doc.ledger_id();
    let swapped = other_kv
        .get(&ledger_key(&other.ledger_id()))
        .unwrap()
        .unwrap();
    kv.set(&ledger_key(&id), &swapped).unwrap();
    let opened = LedgerStore::new(kv.clone()).open_stored(&id).unwrap();
    assert_eq!(opened.doc.ledger_id(), id);
    assert_eq!(opened.doc.read().unwrap(), first);
    assert_eq!(
        opened.recovery.unwrap().cause,
        ImportError::Corrupt(rectify_core::document::Damage::HeaderOtherLedger)
    );
}

/// A store whose writes land garbled (a disk or browser bug): what is read back is not what
/// was written.
struct Garbling(MemoryKv);

impl KeyValue for Garbling {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if key.contains(":ledger:") {
            self.0.set(key, &damaged(value))
        } else {
            self.0.set(key, value)
        }
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.0.keys()
    }
}

#[test]
fn a_write_read_back_wrong_fails_the_save_and_the_last_good_copy_opens() {
    let (kv, mut doc, _) = saved_twice_locally();
    let id = doc.ledger_id();
    let second = doc.read().unwrap();
    let garbling = Rc::new(Garbling(MemoryKv::default()));
    for (k, v) in kv.values.borrow().iter() {
        garbling.0.set(k, v).unwrap();
    }
    let store = LedgerStore::new(garbling.clone());
    doc.set_meta(rectify_core::document::MetaField::Name, "第三次")
        .unwrap();
    assert!(
        store.save(&mut doc, T0 + 3).is_err(),
        "the read-back catches it"
    );
    // the copy before it (second save) became the previous generation, whole
    let opened = store.open_stored(&id).unwrap();
    assert!(opened.recovery.is_some());
    assert_eq!(opened.doc.read().unwrap(), second);
}

#[test]
fn a_damaged_snapshot_in_the_large_store_opens_from_the_previous_one_and_its_chunks() {
    let (_local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    for i in 0..3 {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 10 + i).unwrap();
    }
    store.save_with(&mut doc, T0 + 20, Compaction::Now).unwrap();
    // saves after the compaction append to the new snapshot
    doc.set_problem_field(&probs[2], ProblemField::Owner, "压缩之后")
        .unwrap();
    store.save(&mut doc, T0 + 30).unwrap();
    let key = ledger_key(&id);
    let text = large.get(&key).unwrap().unwrap();
    large.inner.set(&key, &damaged(&text)).unwrap();

    let store = reopen(&_local, &large, BUDGET);
    let opened = store.open_stored(&id).unwrap();
    let recovery: Recovery = opened.recovery.clone().unwrap();
    assert_eq!(
        (
            recovery.from_saved_at,
            recovery.lost_saves,
            recovery.lost_last_save
        ),
        (Some(T0 + 1), 0, false),
        "every save after the previous snapshot is in its chunks"
    );
    assert_eq!(opened.doc.read().unwrap(), doc.read().unwrap());
    // the repair: a whole new snapshot at once; the good previous one is kept
    let mut repaired = opened.doc;
    store
        .save_with(&mut repaired, T0 + 40, Compaction::Now)
        .unwrap();
    let reopened = reopen(&_local, &large, BUDGET).open_stored(&id).unwrap();
    assert!(reopened.recovery.is_none());
    assert_eq!(reopened.doc.read().unwrap(), doc.read().unwrap());
}

#[test]
fn local_storage_full_sends_the_ledger_to_the_large_store() {
    let local = Rc::new(MemoryKv::with_quota(6_000));
    let large = Rc::new(MemoryKv::default());
    let store = LedgerStore::new(local.clone()).with_large(large.clone());
    let (mut doc, _c, probs) = small_ledger();
    let id = doc.ledger_id();
    // other pages of the origin filled localStorage
    local.set("someone-else", &"x".repeat(2_000)).unwrap();
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    doc.set_problem_field(&probs[0], ProblemField::Owner, "满了以后")
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    let reloaded = LedgerStore::new(local.clone()).with_large(large.clone());
    assert_eq!(reloaded.list().unwrap().len(), 1);
    assert_eq!(
        reloaded.load(&id).unwrap().read().unwrap(),
        doc.read().unwrap()
    );
}

#[test]
fn both_stores_refusing_is_an_error_and_changes_nothing() {
    let (kv, mut doc, _) = saved_twice_locally();
    let id = doc.ledger_id();
    let before = kv.values.borrow().clone();
    let full = Rc::new(MemoryKv::with_quota(0));
    for (k, v) in &before {
        full.values.borrow_mut().insert(k.clone(), v.clone());
    }
    let large_full = Rc::new(MemoryKv::with_quota(0));
    let store = LedgerStore::new(full.clone()).with_large(large_full);
    doc.set_meta(rectify_core::document::MetaField::Name, "存不下")
        .unwrap();
    assert_eq!(
        store.save(&mut doc, T0 + 3).err(),
        Some(StoreError::QuotaExceeded)
    );
    assert_eq!(*full.values.borrow(), before);
    assert!(store.open_stored(&id).unwrap().recovery.is_none());
}

#[test]
fn a_damaged_current_copy_merges_nothing_into_the_ledger_opened_from_the_previous_one() {
    let (kv, doc, _) = saved_twice_locally();
    let id = doc.ledger_id();
    let key = ledger_key(&id);
    let text = kv.get(&key).unwrap().unwrap();
    kv.set(&key, &damaged(&text)).unwrap();
    let store = LedgerStore::new(kv.clone());
    let mut opened = store.open_stored(&id).unwrap().doc;
    // the damaged copy's header names heads the recovered document lacks; loading it gives the
    // previous generation again: nothing to report as another tab's changes
    assert_eq!(store.merge_stored(&mut opened, T0 + 5), None);
    let outcome = store
        .save_with(&mut opened, T0 + 5, Compaction::Now)
        .unwrap();
    assert_eq!(outcome.merged, None);
}
