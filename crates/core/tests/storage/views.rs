//! Stored views beside a large ledger (what a cold start shows before its document loads), the
//! large-ledger fixture, and what 台账管理 counts a ledger as taking.

use super::*;

/// The view beside a large ledger (what a cold start shows before the document is loaded) is
/// read back only while it was read from exactly what is stored: every save by this tab or
/// another, a compaction, or a damaged view makes the page load the document instead.
#[test]
fn a_view_is_shown_only_while_it_matches_what_is_stored() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    // not stored yet: nothing to keep a view of
    assert!(!store.save_view(&mut doc).unwrap());
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    assert_eq!(
        store.load_view(&id).map(|(view, _)| view),
        None,
        "no view written yet"
    );
    assert!(store.save_view(&mut doc).unwrap());
    assert_eq!(
        store.load_view(&id).map(|(view, _)| view),
        Some(doc.read().unwrap())
    );
    assert!(!store.save_view(&mut doc).unwrap(), "already current");
    // a reload sees the same
    assert_eq!(
        reopen(&local, &large, BUDGET)
            .load_view(&id)
            .map(|(view, _)| view),
        Some(doc.read().unwrap())
    );

    // an edit not yet saved: the stored copy is still what the view shows, and no view of the
    // unsaved document is written
    doc.set_problem_field(&probs[1], ProblemField::Owner, "李四")
        .unwrap();
    assert!(!store.save_view(&mut doc).unwrap());
    assert!(store.load_view(&id).is_some());
    // saved (a chunk): the old view is outdated until the next is written
    store.save(&mut doc, T0 + 2).unwrap();
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    assert!(store.save_view(&mut doc).unwrap());
    assert_eq!(
        store
            .load_view(&id)
            .map(|(view, _)| view)
            .unwrap()
            .problem(&probs[1])
            .unwrap()
            .owner,
        "李四"
    );

    // another tab saves: this tab's view is outdated, and this tab's document (without the
    // other tab's change) cannot write one
    let tab2 = reopen(&local, &large, BUDGET);
    let mut other = tab2.load(&id).unwrap();
    other
        .set_problem_field(&probs[2], ProblemField::Owner, "王五")
        .unwrap();
    tab2.save(&mut other, T0 + 3).unwrap();
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    assert!(!store.save_view(&mut doc).unwrap());
    // a document the store does not hold all of (a later change of this tab, unsaved but
    // committed) cannot write one either
    let mut ahead = store.load(&id).unwrap();
    ahead
        .set_problem_field(&probs[0], ProblemField::Owner, "赵六")
        .unwrap();
    ahead.commit(T0 + 4);
    assert!(!store.save_view(&mut ahead).unwrap());
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    // the stored copy, loaded: its view
    let mut loaded = store.load(&id).unwrap();
    assert!(store.save_view(&mut loaded).unwrap());
    let (view, _) = store.load_view(&id).unwrap();
    assert_eq!(view.problem(&probs[2]).unwrap().owner, "王五");
    assert_eq!(view, loaded.read().unwrap());

    // through compactions, a view written after each save always matches
    for i in 0..(COMPACT_AFTER_CHUNKS + 3) {
        loaded
            .set_problem_field(&probs[1], ProblemField::Lead, &format!("分管{i}"))
            .unwrap();
        // (each save as a pause in typing: compacted when that is due)
        store
            .save_and_compact(&mut loaded, T0 + 10 + i as i64)
            .unwrap();
        assert_eq!(store.load_view(&id).map(|(view, _)| view), None, "save {i}");
        assert!(store.save_view(&mut loaded).unwrap());
        assert_eq!(
            store.load_view(&id).map(|(view, _)| view),
            Some(loaded.read().unwrap()),
            "save {i}"
        );
    }

    // a page that showed the view loads the document from it: its read starts from the view,
    // the same reads as hydrating the whole document, before and after edits (and a view of
    // another ledger is ignored)
    let (view, version) = store.load_view(&id).unwrap();
    let mut reloaded = store.load_from_view(&id, &view, &version).unwrap().doc;
    let (other_ledger, _, _) = small_ledger();
    reloaded.seed_read(&other_ledger.read().unwrap());
    assert_eq!(reloaded.read().unwrap(), reloaded.read_whole().unwrap());
    assert_eq!(reloaded.read().unwrap(), view);
    reloaded
        .set_problem_text(&probs[2], ProblemText::Measures, "新的措施")
        .unwrap();
    reloaded.delete_problem(&probs[0]).unwrap();
    assert_eq!(reloaded.read().unwrap(), reloaded.read_whole().unwrap());
    reloaded.restore_problem(&probs[0]).unwrap();
    assert_eq!(reloaded.read().unwrap(), reloaded.read_whole().unwrap());

    // a damaged view, or one of another format, is not shown
    let key = format!("{PREFIX}view:{id}");
    let text = large.get(&key).unwrap().unwrap();
    let (line, json) = text.split_once('\n').unwrap();
    let half = (json.len() / 2..)
        .find(|&i| json.is_char_boundary(i))
        .unwrap();
    large
        .set(&key, &format!("{line}\n{}", &json[..half]))
        .unwrap();
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    let (_, version) = line.split_once(' ').unwrap();
    large
        .set(&key, &format!("{} {version}\n{json}", VIEW_FORMAT + 1))
        .unwrap();
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    large.set(&key, &text).unwrap();
    assert!(store.load_view(&id).is_some());
}

/// A small ledger stays in localStorage, which has no room for a second copy: it has no view
/// and opens by loading its document (fast at that size).
#[test]
fn a_ledger_in_local_storage_has_no_view() {
    let (local, _large, store) = pair(LOCAL_BUDGET_BYTES);
    let (mut doc, _c, _p) = small_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Local);
    assert!(!store.save_view(&mut doc).unwrap());
    assert_eq!(store.load_view(&id).map(|(view, _)| view), None);
    assert!(local.keys_with("view:").is_empty());
    // and a store without a large store at all
    let alone = LedgerStore::new(MemoryKv::default());
    alone.save(&mut doc, T0 + 2).unwrap();
    assert!(!alone.save_view(&mut doc).unwrap());
    assert_eq!(alone.load_view(&id).map(|(view, _)| view), None);
}

/// The view is the ledger as serde_json: its shape is pinned to [`VIEW_FORMAT`], so a build
/// whose [`rectify_core::ledger::Ledger`] reads differently cannot take another build's view for
/// its own. When this fails, bump `store::VIEW_FORMAT` and pin the new number and digest.
#[test]
fn the_view_format_is_pinned_to_its_number() {
    let mut doc = rectify_core::file::example::create_example(Some("张三"), T0).unwrap();
    let first = doc.read().unwrap().problems[0].id.clone();
    doc.add_progress_entry(&first, Some(day(2022, 6, 1)), "张三", "已整改")
        .unwrap();
    let json = serde_json::to_value(doc.read().unwrap()).unwrap();
    let shapes = vec![shape(&json).to_string()];
    let digest = shape_digest(&shapes);
    let pinned = [
        (1, "438b3c60c7f09817"),
        (2, "a336ed4e467001dc"),
        (3, "8106c21da069bdef"),
    ];
    let (format, expected) = pinned[pinned.len() - 1];
    assert_eq!(
        (VIEW_FORMAT, digest.as_str()),
        (format, expected),
        "the view (the Ledger as JSON) changed shape: bump store::VIEW_FORMAT and pin ({}, \"{digest}\")\n{}",
        VIEW_FORMAT + 1,
        shapes[0]
    );
}

/// Characters of varied text in `tests/fixtures/large-ledger.rectify`: a stored copy of about
/// 1 MB of base64, so the browser test has a large ledger in IndexedDB (it is stored there
/// from its first save, being past `MOVE_FROM_CHARS`) and grows it further by typing.
const LARGE_FIXTURE_CHARS: usize = 336_000;

fn large_fixture() -> Vec<u8> {
    let mut doc = LedgerDoc::create("大台账（测试）", Some("测试"), T0);
    let category = doc.add_category("篇幅很长的问题").unwrap();
    for i in 0..8 {
        let p = doc
            .add_problem(&category, &format!("问题{}", i + 1))
            .unwrap();
        // spread over three fields: one field holds at most 64 KB (about 21,800 characters)
        for (k, field) in [
            ProblemText::Cause,
            ProblemText::Measures,
            ProblemText::Progress,
        ]
        .into_iter()
        .enumerate()
        {
            let text = varied_text_wide(100 + 3 * i as u64 + k as u64, LARGE_FIXTURE_CHARS / 24);
            doc.set_problem_text(&p, field, &text).unwrap();
        }
    }
    rectify_core::file::encode(&mut doc, "大台账（测试）", T0 + 1)
}

/// Like [`varied_text`], from 20 000 characters (as the browser test types them).
fn varied_text_wide(seed: u64, n: usize) -> String {
    lcg(seed)
        .take(n)
        .map(|x| char::from_u32(0x4E00 + (x % 20000) as u32).unwrap())
        .collect()
}

/// `cargo test -p rectify-core --test storage -- --ignored write_the_large_fixture` rewrites the file.
#[test]
#[ignore]
fn write_the_large_fixture() {
    let bytes = large_fixture();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/large-ledger.rectify"
    );
    std::fs::write(path, &bytes).unwrap();
    println!(
        "{} bytes, {} base64 characters",
        bytes.len(),
        bytes.len().div_ceil(3) * 4
    );
}

/// Seeding the read from a view of a rich ledger (progress entries, departments, dates,
/// statuses, rules, a problem in 回收站) reads exactly as hydrating the document does.
#[test]
fn a_read_seeded_from_a_view_reads_as_hydrating_the_document() {
    let mut doc = rectify_core::file::example::create_example(Some("张三"), T0).unwrap();
    let ids = problem_ids(&doc);
    doc.add_progress_entry(&ids[0], Some(day(2022, 6, 1)), "张三", "已整改")
        .unwrap();
    doc.set_departments(&ids[1], &["办公室".into(), "财务科".into()])
        .unwrap();
    doc.delete_problem(&ids[2]).unwrap();
    doc.commit(T0 + 5);
    let view = doc.read_whole().unwrap();
    assert!(!view.trash.is_empty());
    let saved = doc.save(T0 + 6);
    let fresh = LedgerDoc::load_unread(&saved).unwrap();
    fresh.seed_read(&view);
    assert_eq!(fresh.read().unwrap(), fresh.read_whole().unwrap());
    assert_eq!(fresh.read().unwrap(), view);

    // the read really starts from the view (trusted: the store hands out only a view read
    // from exactly the stored copy), and a document read already is not seeded again
    let mut marked = view.clone();
    marked.problems[0].cause = "（来自显示用副本）".into();
    let seeded = LedgerDoc::load_unread(&saved).unwrap();
    seeded.seed_read(&marked);
    assert_eq!(
        seeded.read().unwrap().problems[0].cause,
        "（来自显示用副本）"
    );
    let read_first = LedgerDoc::load(&saved).unwrap();
    read_first.seed_read(&marked);
    assert_eq!(read_first.read().unwrap(), view);
}

/// A page shows a view, then another tab saves before the page loads the document: the load
/// must not start from the outdated view (the other tab's change would stay hidden until that
/// problem was touched), and is a plain load.
#[test]
fn a_load_from_an_outdated_view_reads_the_document() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    store.save(&mut doc, T0 + 1).unwrap();
    assert!(store.save_view(&mut doc).unwrap());
    let (view, version) = store.load_view(&id).unwrap();

    let tab2 = reopen(&local, &large, BUDGET);
    let mut other = tab2.load(&id).unwrap();
    other
        .set_problem_text(&probs[2], ProblemText::Cause, "另一个标签页写的原因")
        .unwrap();
    tab2.save(&mut other, T0 + 2).unwrap();
    assert_ne!(store.stored_version(&id).unwrap(), version);

    let loaded = store.load_from_view(&id, &view, &version).unwrap().doc;
    let read = loaded.read().unwrap();
    assert_eq!(
        read.problem(&probs[2]).unwrap().cause,
        "另一个标签页写的原因"
    );
    assert_eq!(read, loaded.read_whole().unwrap());
    // and a view of another ledger is never used for this one
    let (small, _, _) = small_ledger();
    let loaded = store
        .load_from_view(
            &id,
            &small.read().unwrap(),
            &store.stored_version(&id).unwrap(),
        )
        .unwrap()
        .doc;
    assert_eq!(loaded.read().unwrap(), loaded.read_whole().unwrap());
}

/// 台账管理 shows what a ledger takes in the large store: its snapshot and chunks, and the view
/// and the known changes kept beside them (the view, plain JSON, is often the largest part).
#[test]
fn a_ledgers_size_counts_all_it_keeps_in_the_large_store() {
    let (_local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    let taken = || -> usize {
        large
            .keys_with(&id)
            .iter()
            .map(|k| large.get(k).unwrap().unwrap().len())
            .sum()
    };
    let listed = || {
        store
            .list()
            .unwrap()
            .into_iter()
            .find(|e| e.id == id)
            .unwrap()
            .size
    };
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    assert_eq!(listed(), taken(), "the snapshot and its known changes");
    assert!(store.save_view(&mut doc).unwrap(), "a view written");
    let view = large
        .get(&format!("{VIEW_KEY_PREFIX}{id}"))
        .unwrap()
        .unwrap();
    assert_eq!(listed(), taken(), "and the view");
    assert!(listed() > view.len());
    doc.set_problem_field(&probs[1], ProblemField::Owner, "某人")
        .unwrap();
    store.save(&mut doc, T0 + 2).unwrap();
    assert_eq!(large.keys_with("chunk:").len(), 1);
    assert_eq!(listed(), taken(), "and a chunk");
}
