//! LedgerStore over MemoryKv: save/list/load/delete, settings, key prefix, a full quota, a corrupt
//! stored copy, two tabs saving the same ledger, and what importing a file is planned to do.

mod common;
use common::*;

use base64::Engine;
use rectify_core::document::{ChangeNote, Field, LedgerDoc, ProblemField, ProblemText};
use rectify_core::file::{encode, ImportError};
use rectify_core::store::{
    plan_checked_import, plan_import, ImportPlan, KeyValue, LedgerStore, MemoryKv, StoreError,
    PREFIX,
};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn ledger_key(id: &str) -> String {
    format!("{PREFIX}ledger:{id}")
}

/// Deterministic text of `n` varied CJK characters (a 64-bit LCG), which compresses poorly.
fn varied_text(seed: u64, n: usize) -> String {
    lcg(seed)
        .take(n)
        .map(|x| char::from_u32(0x4E00 + (x % 2000) as u32).unwrap())
        .collect()
}

/// Bytes the store holds, counted as MemoryKv counts them against its quota.
fn used(store: &LedgerStore<MemoryKv>) -> usize {
    store
        .kv()
        .values
        .borrow()
        .iter()
        .map(|(k, v)| 2 * (k.len() + v.len()))
        .sum()
}

#[test]
fn save_list_and_load_round_trip() {
    let store = LedgerStore::new(MemoryKv::default());
    assert!(store.list().unwrap().is_empty());
    let (mut a, _c, probs) = small_ledger();
    a.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    let id = a.ledger_id();
    let outcome = store.save(&mut a, T0 + 10).unwrap();
    assert_eq!(
        outcome.merged, None,
        "nothing stored before, nothing to merge"
    );
    assert!(store.contains(&id));

    let list = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, id);
    assert_eq!(list[0].name, "测试台账");
    assert_eq!(list[0].updated_at, T0 + 10);
    assert!(list[0].size > 0);
    assert_eq!(
        list[0].size,
        store.kv().values.borrow()[&ledger_key(&id)].len()
    );

    let loaded = store.load(&id).unwrap();
    assert_eq!(loaded.read().unwrap(), a.read().unwrap());
    assert_ne!(
        loaded.actor_hex(),
        a.actor_hex(),
        "a loaded copy writes as a new session"
    );
    let file = store.load_file(&id).unwrap();
    assert_eq!(file.header.name, "测试台账");
    assert_eq!(file.header.heads, a.heads());

    // a second ledger, saved later, is listed first
    let mut b = LedgerDoc::create("第二本台账", None, T0);
    store.save(&mut b, T0 + 20).unwrap();
    let names: Vec<String> = store.list().unwrap().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["第二本台账", "测试台账"]);
    // saving a changed ledger again replaces its entry instead of adding one
    a.set_problem_text(&probs[1], ProblemText::Cause, "记录人员不固定")
        .unwrap();
    store.save(&mut a, T0 + 30).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0].id.as_str(), list[0].updated_at),
        (id.as_str(), T0 + 30)
    );
    assert_eq!(store.load(&id).unwrap().read().unwrap(), a.read().unwrap());
}

#[test]
fn delete_removes_the_ledger_from_the_list_and_the_storage() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut a, _c, _p) = small_ledger();
    let mut b = LedgerDoc::create("第二本台账", None, T0);
    let (ida, idb) = (a.ledger_id(), b.ledger_id());
    store.save(&mut a, T0 + 1).unwrap();
    store.save(&mut b, T0 + 2).unwrap();
    store.set_current(&ida).unwrap();

    store.delete(&ida).unwrap();
    let ids: Vec<String> = store.list().unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, [idb.as_str()]);
    assert!(!store.contains(&ida));
    assert!(!store.kv().values.borrow().contains_key(&ledger_key(&ida)));
    assert!(matches!(store.load(&ida), Err(StoreError::NotFound)));
    assert_eq!(
        store.current(),
        None,
        "deleting the open ledger forgets it as current"
    );
    assert!(store.load(&idb).is_ok(), "the other ledger is untouched");

    // deleting a ledger that is not current leaves current alone
    store.set_current(&idb).unwrap();
    store
        .delete("00000000-0000-0000-0000-000000000000")
        .unwrap();
    assert_eq!(store.current().as_deref(), Some(idb.as_str()));
}

#[test]
fn my_name_and_current_are_kept_per_browser() {
    let store = LedgerStore::new(MemoryKv::default());
    assert_eq!(store.my_name(), None);
    assert_eq!(store.current(), None);
    store.set_my_name("  张三 ").unwrap();
    assert_eq!(store.my_name().as_deref(), Some("张三"));
    store.set_my_name("   ").unwrap();
    assert_eq!(store.my_name(), None, "a blank name is no name");
    store.set_my_name("李四").unwrap();
    store.set_current("some-ledger").unwrap();
    assert_eq!(store.current().as_deref(), Some("some-ledger"));
    assert_eq!(store.my_name().as_deref(), Some("李四"));
}

#[test]
fn the_ui_language_is_kept_per_browser() {
    let store = LedgerStore::new(MemoryKv::default());
    assert_eq!(store.lang_code(), None, "a new browser has picked none");
    store.set_lang_code("en").unwrap();
    assert_eq!(store.lang_code().as_deref(), Some("en"));
    assert_eq!(
        store.kv().get("rectify:lang").unwrap().as_deref(),
        Some("en")
    );
}

#[test]
fn every_key_written_starts_with_the_prefix() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut a, _c, _p) = small_ledger();
    store.save(&mut a, T0 + 1).unwrap();
    store.set_my_name("张三").unwrap();
    store.set_current(&a.ledger_id()).unwrap();
    store.set_lang_code("en").unwrap();
    let mut other = LedgerDoc::create("别人的台账", Some("李四"), T0);
    let mut file = rectify_core::file::decode(&encode(&mut other, "别人的台账", T0 + 2)).unwrap();
    store.store_file(&mut file, T0 + 3).unwrap();
    let mut third = LedgerDoc::create("第三本", None, T0);
    store.save(&mut third, T0 + 4).unwrap();
    store.delete(&third.ledger_id()).unwrap();

    let keys: Vec<String> = store.kv().values.borrow().keys().cloned().collect();
    assert!(keys.len() >= 5, "{keys:?}");
    for key in &keys {
        assert!(key.starts_with("rectify:"), "{key}");
    }
    assert_eq!(PREFIX, "rectify:");
}

#[test]
fn a_full_quota_keeps_the_last_good_copy_and_the_edit_in_memory() {
    let (mut a, _c, probs) = small_ledger();
    let mut b = LedgerDoc::create("另一本台账", None, T0);
    let cb = b.add_category("类别").unwrap();
    let pb = b.add_problem(&cb, "问题").unwrap();
    b.set_problem_text(&pb, ProblemText::Cause, &varied_text(7, 1500))
        .unwrap();

    // measure what the two ledgers take, then allow only a little more than that
    let probe = LedgerStore::new(MemoryKv::default());
    probe.save(&mut b, T0 + 1).unwrap();
    let size_b = used(&probe);
    probe.save(&mut a, T0 + 2).unwrap();
    let both = used(&probe);
    let store = LedgerStore::new(MemoryKv::with_quota(both + 200));
    store.save(&mut b, T0 + 1).unwrap();
    store.save(&mut a, T0 + 2).unwrap();
    assert_eq!(used(&store), both);
    let good = a.read().unwrap();
    let list_before = store.list().unwrap();

    // the grown ledger no longer fits
    let long_text = varied_text(11, 500);
    a.set_problem_text(&probs[0], ProblemText::Cause, &long_text)
        .unwrap();
    assert_eq!(store.save(&mut a, T0 + 3), Err(StoreError::QuotaExceeded));
    assert_eq!(
        store.load(&a.ledger_id()).unwrap().read().unwrap(),
        good,
        "the last good copy is kept"
    );
    assert_eq!(
        store.list().unwrap(),
        list_before,
        "the list still describes the stored copy"
    );
    assert_eq!(
        a.read().unwrap().problem(&probs[0]).unwrap().cause,
        long_text,
        "the edit is still in memory"
    );

    // freeing space (deleting the other ledger) lets the same document save
    assert!(
        size_b > 2 * 500 * 4,
        "the other ledger frees enough: {size_b}"
    );
    store.delete(&b.ledger_id()).unwrap();
    assert_eq!(store.save(&mut a, T0 + 4).unwrap().merged, None);
    let stored = store.load(&a.ledger_id()).unwrap().read().unwrap();
    assert_eq!(stored.problem(&probs[0]).unwrap().cause, long_text);
}

#[test]
fn a_corrupt_stored_copy_fails_to_load_and_the_list_still_works() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut a, _c, _p) = small_ledger();
    let mut b = LedgerDoc::create("第二本台账", None, T0);
    let id = a.ledger_id();
    store.save(&mut a, T0 + 1).unwrap();
    store.save(&mut b, T0 + 2).unwrap();
    let good_bytes = store.load_raw(&id).unwrap();

    let mut lcg = 99u64;
    let garbage: Vec<u8> = (0..512)
        .map(|_| {
            lcg = lcg
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (lcg >> 33) as u8
        })
        .collect();
    let mut flipped = good_bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0xff;
    let damaged = [
        ("not base64", "这不是台账！！%%".to_string()),
        ("base64 of garbage", b64(&garbage)),
        (
            "base64 of a cut file",
            b64(&good_bytes[..good_bytes.len() / 2]),
        ),
        ("base64 of a file with a flipped byte", b64(&flipped)),
    ];
    for (what, value) in damaged {
        store.kv().set(&ledger_key(&id), &value).unwrap();
        assert!(
            matches!(store.load(&id), Err(StoreError::Corrupt(_))),
            "{what}"
        );
        assert!(
            matches!(store.load_file(&id), Err(StoreError::Corrupt(_))),
            "{what}"
        );
        let list = store.list().unwrap();
        assert_eq!(list.len(), 2, "{what}: the list still works");
        assert!(list.iter().any(|e| e.id == id));
        assert!(
            store.load(&b.ledger_id()).is_ok(),
            "{what}: other ledgers still open"
        );
        assert!(
            !store.load_raw(&id).unwrap().is_empty(),
            "{what}: the raw copy can be rescued"
        );
    }

    // the open document saves over the damaged copy and repairs it
    store.save(&mut a, T0 + 3).unwrap();
    assert_eq!(store.load(&id).unwrap().read().unwrap(), a.read().unwrap());
}

#[test]
fn a_damaged_or_missing_index_is_rebuilt_from_the_stored_ledgers() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut a, _c, _p) = small_ledger();
    let (mut b, _c, _p) = small_ledger();
    store.save(&mut a, T0 + 1).unwrap();
    store.save(&mut b, T0 + 2).unwrap();
    store
        .kv()
        .set(&format!("{PREFIX}index"), "[{not json")
        .unwrap();
    let listed = store.list().unwrap();
    assert_eq!(
        listed.len(),
        2,
        "both ledgers are listed from their file headers"
    );
    assert!(listed.iter().all(|e| e.name == "测试台账" && e.size > 0));
    assert_eq!(
        listed[0].id,
        b.ledger_id(),
        "newest first, by the header's saved_at"
    );
    store.kv().remove(&format!("{PREFIX}index")).unwrap();
    assert_eq!(store.list().unwrap().len(), 2, "a missing index too");
    assert!(store.load(&a.ledger_id()).is_ok());
    // an index entry whose ledger is gone is dropped
    store
        .kv()
        .remove(&format!("{PREFIX}ledger:{}", a.ledger_id()))
        .unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn two_tabs_saving_the_same_ledger_keep_both_edits() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut original, _c, probs) = small_ledger();
    let id = original.ledger_id();
    store.save(&mut original, T0 + 1).unwrap();

    let mut tab1 = store.load(&id).unwrap();
    let mut tab2 = store.load(&id).unwrap();
    tab1.set_author(Some("张三"));
    tab2.set_author(Some("李四"));
    tab1.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    tab2.set_problem_text(&probs[2], ProblemText::Cause, "报销审核不严")
        .unwrap();

    let first = store.save(&mut tab1, T0 + 2).unwrap();
    assert_eq!(first.merged, None, "tab1 had everything stored");
    let second = store.save(&mut tab2, T0 + 3).unwrap();
    let report = second
        .merged
        .expect("tab2 merges tab1's save before writing");
    assert!(report.new_changes >= 1, "{report:?}");
    assert_eq!(report.authors, ["张三"]);

    let stored = store.load(&id).unwrap().read().unwrap();
    assert_eq!(
        stored.problem(&probs[0]).unwrap().owner,
        "王五",
        "tab1's edit kept"
    );
    assert_eq!(
        stored.problem(&probs[2]).unwrap().cause,
        "报销审核不严",
        "tab2's edit kept"
    );
    assert_eq!(tab2.read().unwrap(), stored, "tab2 now shows both");

    // tab1 saving again (nothing new of its own) picks up tab2's edit instead of overwriting it
    let third = store.save(&mut tab1, T0 + 4).unwrap();
    assert!(third
        .merged
        .is_some_and(|r| r.new_changes >= 1 && r.authors == ["李四"]));
    assert_eq!(tab1.read().unwrap(), stored);
    assert_eq!(store.load(&id).unwrap().read().unwrap(), stored);
    assert_eq!(store.list().unwrap().len(), 1);
}

/// A file the Web Worker checked completely is planned the same way without the page reading
/// it whole again, and merging it gives exactly what merging the fully checked file gives.
#[test]
fn a_file_checked_in_the_worker_plans_and_merges_as_a_fully_checked_one() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut current, _c, probs) = small_ledger();
    store.save(&mut current, T0 + 1).unwrap();
    let id = current.ledger_id();
    let mut theirs = current.fork(T0 + 2);
    theirs.set_author(Some("王五"));
    theirs
        .set_problem_text(&probs[0], ProblemText::Cause, "同事写的原因")
        .unwrap();
    theirs
        .set_problem_field(&probs[1], ProblemField::Owner, "王五")
        .unwrap();
    let bytes = encode(&mut theirs, "测试台账", T0 + 3);
    let merged = |plan: Result<ImportPlan, ImportError>| match plan {
        Ok(ImportPlan::MergeIntoCurrent(file)) => {
            let mut mine = store.load(&id).unwrap();
            let report = mine.merge(&mut file.into_doc(), T0 + 4).unwrap();
            (report, mine.read().unwrap())
        }
        other => panic!("expected MergeIntoCurrent, got {other:?}"),
    };
    let (full_report, full) = merged(plan_import(&store, Some(&id), &bytes));
    let (report, ledger) = merged(plan_checked_import(&store, Some(&id), &bytes));
    assert_eq!(report, full_report);
    assert_eq!(report.authors, ["王五"]);
    assert_eq!(ledger, full);
    assert_eq!(ledger.problem(&probs[0]).unwrap().cause, "同事写的原因");
    assert_eq!(ledger.problem(&probs[1]).unwrap().owner, "王五");
    // what the page checks itself still refuses a damaged file
    assert!(matches!(
        plan_checked_import(&store, Some(&id), &bytes[..bytes.len() - 1]),
        Err(ImportError::Truncated)
    ));
}

#[test]
fn an_imported_file_is_planned_by_its_ledger_id() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut current, _c, _p) = small_ledger();
    let mut other = LedgerDoc::create("旧名字", None, T0);
    store.save(&mut current, T0 + 1).unwrap();
    store.save(&mut other, T0 + 2).unwrap();
    let cur_id = current.ledger_id();
    let other_id = other.ledger_id();
    let kv_before = store.kv().values.borrow().clone();

    let current_file = encode(&mut current, "测试台账", T0 + 3);
    match plan_import(&store, Some(&cur_id), &current_file) {
        Ok(ImportPlan::MergeIntoCurrent(file)) => assert_eq!(file.header.ledger_id, cur_id),
        other => panic!("expected MergeIntoCurrent, got {other:?}"),
    }

    // the file calls itself by a newer name; the plan names the ledger as this browser keeps it
    let other_file = encode(&mut other, "新名字", T0 + 4);
    for open in [Some(cur_id.as_str()), None] {
        match plan_import(&store, open, &other_file) {
            Ok(ImportPlan::MergeIntoOther { file, name }) => {
                assert_eq!(file.header.ledger_id, other_id);
                assert_eq!(file.header.name, "新名字");
                assert_eq!(name, "旧名字");
            }
            other => panic!("expected MergeIntoOther, got {other:?}"),
        }
    }

    let mut stranger = LedgerDoc::create("陌生台账", Some("王五"), T0);
    let stranger_file = encode(&mut stranger, "陌生台账", T0 + 5);
    let mut file = match plan_import(&store, Some(&cur_id), &stranger_file) {
        Ok(ImportPlan::OpenAsNew(file)) => file,
        other => panic!("expected OpenAsNew, got {other:?}"),
    };
    assert!(matches!(
        plan_import(&store, Some(&cur_id), b"hello"),
        Err(ImportError::NotALedgerFile)
    ));
    assert!(matches!(
        plan_import(&store, None, &[]),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        plan_import(
            &store,
            Some(&cur_id),
            &current_file[..current_file.len() - 1]
        ),
        Err(ImportError::Truncated)
    ));
    assert_eq!(
        *store.kv().values.borrow(),
        kv_before,
        "planning changes nothing"
    );

    // opening it as new stores it under its own id and name
    store.store_file(&mut file, T0 + 6).unwrap();
    let entry = store
        .list()
        .unwrap()
        .into_iter()
        .find(|e| e.id == stranger.ledger_id())
        .unwrap();
    assert_eq!(entry.name, "陌生台账");
    assert_eq!(
        store.load(&entry.id).unwrap().read().unwrap(),
        stranger.read().unwrap()
    );
    assert!(matches!(
        plan_import(&store, Some(&cur_id), &stranger_file),
        Ok(ImportPlan::MergeIntoOther { .. })
    ));
}

/// A file whose header names the ledger differently from its document (another tool wrote
/// it) is listed under the document's name from the start, not renamed by its first save.
#[test]
fn a_file_opened_as_new_is_listed_under_its_documents_name() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut doc, _c, probs) = small_ledger();
    let mut file = rectify_core::file::decode(&encode(&mut doc, "头部写的名字", T0 + 2)).unwrap();
    assert_eq!(file.header.name, "头部写的名字");
    store.store_file(&mut file, T0 + 3).unwrap();
    let listed = |store: &LedgerStore<MemoryKv>| store.list().unwrap()[0].name.clone();
    assert_eq!(listed(&store), "测试台账");
    let mut opened = store.load(&doc.ledger_id()).unwrap();
    opened
        .set_problem_field(&probs[0], ProblemField::Owner, "张三")
        .unwrap();
    store.save(&mut opened, T0 + 4).unwrap();
    assert_eq!(listed(&store), "测试台账");
}

#[test]
fn headers_of_large_stored_ledgers_are_read_from_their_start() {
    let store = LedgerStore::new(MemoryKv::default());
    let (mut big, _c, probs) = small_ledger();
    // far more than the header's 64 KB, so the stored text is read only in part (in four
    // fields: one field holds at most 64 KB)
    for (i, field) in [
        ProblemText::Cause,
        ProblemText::Measures,
        ProblemText::Progress,
        ProblemText::Evidence,
    ]
    .into_iter()
    .enumerate()
    {
        big.set_problem_text(&probs[0], field, &varied_text(7 + i as u64, 15_000))
            .unwrap();
    }
    let id = big.ledger_id();
    store.save(&mut big, T0 + 1).unwrap();
    let stored_len = store.kv().get(&ledger_key(&id)).unwrap().unwrap().len();
    assert!(
        stored_len > 100_000,
        "the stored copy is larger than the part read: {stored_len}"
    );
    store.kv().remove(&format!("{PREFIX}index")).unwrap();
    let listed = store.list().unwrap();
    assert_eq!(listed[0].name, "测试台账", "named from the header");
    assert_eq!(listed[0].updated_at, T0 + 1);
    // another tab's save is still seen (its heads come from the header) and merged
    let mut tab2 = store.load(&id).unwrap();
    tab2.set_problem_field(&probs[1], ProblemField::Owner, "王五")
        .unwrap();
    store.save(&mut tab2, T0 + 2).unwrap();
    big.set_problem_field(&probs[2], ProblemField::Owner, "赵六")
        .unwrap();
    let outcome = store.save(&mut big, T0 + 3).unwrap();
    assert!(outcome.merged.is_some_and(|r| r.new_changes >= 1));
    let stored = store.load(&id).unwrap().read().unwrap();
    assert_eq!(stored.problem(&probs[1]).unwrap().owner, "王五");
    assert_eq!(stored.problem(&probs[2]).unwrap().owner, "赵六");
}

/// A save commits the pending edits as one change with their message and time, after it has
/// checked the stored copy for another tab's changes: history names the places that change
/// touched, and the weekly report dates it. (Checking the stored heads once committed the
/// edits first, with no message and time 0.)
#[test]
fn a_save_commits_the_edits_with_their_message_and_time() {
    let store = LedgerStore::new(MemoryKv::default());
    let mut doc = rectify_core::file::example::create_example(None, T0).unwrap();
    store.save(&mut doc, T0).unwrap();
    doc.begin_session(T0 + 50);
    doc.set_author(Some("张三"));
    let id = doc.read().unwrap().problems[2].id.clone();
    doc.set_problem_field(&id, ProblemField::Owner, "王五")
        .unwrap();
    store.save(&mut doc, T0 + 100).unwrap();
    let history = doc.history();
    let newest = &history[0];
    assert_eq!(
        (newest.did.notes.as_slice(), newest.time),
        (&[ChangeNote::SetField(ProblemField::Owner)][..], T0 + 100)
    );
    let ledger = doc.read().unwrap();
    assert_eq!(
        doc.change_places(&newest.hash, &ledger)
            .places
            .into_iter()
            .map(|p| p.place)
            .collect::<Vec<_>>(),
        [at(3, Field::Short(ProblemField::Owner))]
    );
    assert!(
        history.iter().all(|e| e.time >= T0),
        "no change without its time: {history:?}"
    );
}
