//! The merge's report and read cache checked against how they were found before this module:
//! the document's patches from before to after the merge (`diff`) for the problems changed,
//! and every change of both sides read, with a whole read, for the texts edited by both.

use std::collections::BTreeSet;

use automerge::transaction::Transactable;
use automerge::{ObjType, PatchAction, Prop, ReadDoc, ROOT};

use crate::document::naming::{Author, Field, PlaceName, Spot};
use crate::document::{LedgerDoc, MergeReport, MetaField, ProblemText};
use crate::synthetic::{script, Script, Spec};

const NOW: i64 = 1_656_547_200;

/// The problems changed, as found before: from the patches.
fn changed_by_diff(
    doc: &mut LedgerDoc,
    before: &[automerge::ChangeHash],
    after: &[automerge::ChangeHash],
) -> Option<BTreeSet<String>> {
    fn key_of(action: &PatchAction) -> Option<String> {
        match action {
            PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Some(key.clone()),
            PatchAction::Conflict {
                prop: Prop::Map(key),
            }
            | PatchAction::Increment {
                prop: Prop::Map(key),
                ..
            } => Some(key.clone()),
            _ => None,
        }
    }
    let mut touched = BTreeSet::new();
    for patch in doc.doc.diff(before, after) {
        match patch.path.as_slice() {
            [] => match key_of(&patch.action) {
                Some(key) if key == "problems" || key == "ledger_id" => return None,
                Some(_) => {}
                None => return None,
            },
            [(_, Prop::Map(map))] if map == "problems" => {
                touched.insert(key_of(&patch.action)?);
            }
            [(_, Prop::Map(map)), (_, Prop::Map(id)), ..] if map == "problems" => {
                touched.insert(id.clone());
            }
            [(_, Prop::Map(map)), ..] if map == "problems" => return None,
            _ => {}
        }
    }
    Some(touched)
}

/// The texts edited by both, as found before: every change of both sides read, and a read.
fn both_by_reading(
    doc: &mut LedgerDoc,
    ours: &[automerge::Change],
    theirs: &[automerge::Change],
) -> Vec<PlaceName> {
    let objects = |changes: &[automerge::Change]| -> BTreeSet<String> {
        changes
            .iter()
            .flat_map(|c| {
                c.decode()
                    .operations
                    .into_iter()
                    .map(|op| op.obj.to_string())
            })
            .filter(|o| o != "_root")
            .collect()
    };
    if ours.is_empty() || theirs.is_empty() {
        return vec![];
    }
    let both: Vec<String> = objects(ours)
        .intersection(&objects(theirs))
        .cloned()
        .collect();
    // (a whole read: `doc` was merged on its AutoCommit, behind the read cache's back)
    doc.all_stale();
    let Ok(ledger) = doc.read() else {
        return vec![];
    };
    let mut out = vec![];
    for obj in both {
        let Ok(id) = doc.doc.import_obj(&obj) else {
            continue;
        };
        if doc.doc.object_type(&id).ok() != Some(ObjType::Text) {
            continue;
        }
        let Ok(parents) = doc.doc.parents(&id) else {
            continue;
        };
        let keys: Vec<String> = parents
            .path()
            .into_iter()
            .map(|(_, prop)| match prop {
                Prop::Map(k) => k,
                Prop::Seq(i) => i.to_string(),
            })
            .collect();
        if let Some(label) = PlaceName::of_keys(&keys, &ledger) {
            if !out.contains(&label) {
                out.push(label);
            }
        }
    }
    out.sort();
    out
}

/// Merge `b` into `a` (copies of both) as before and as now: the same report, a stale set
/// holding at least what the patches named, and a cached read equal to a whole read.
/// Returns the report and whether the merge left the cache narrowed.
fn check(a: &LedgerDoc, b: &LedgerDoc) -> (MergeReport, bool) {
    // before
    let (mut old, mut other) = (a.copy(), b.copy());
    old.commit(NOW);
    other.commit(NOW);
    let added = old.doc.get_changes_added(&mut other.doc);
    let ours = other.doc.get_changes_added(&mut old.doc);
    let stale_before = old.cache.borrow().stale_problems.clone();
    let before = old.doc.get_heads();
    old.doc.merge(&mut other.doc).unwrap();
    let after = old.doc.get_heads();
    let old_changed = changed_by_diff(&mut old, &before, &after);
    let old_both = both_by_reading(&mut old, &ours, &added);
    // now
    let (mut new, mut other) = (a.copy(), b.copy());
    let report = new.merge(&mut other, NOW).unwrap();
    assert_eq!(report.new_changes, added.len());
    assert_eq!(report.both_edited, old_both, "the texts edited by both");
    let people = new.people();
    let authors: BTreeSet<Author> = added
        .iter()
        .map(|c| c.actor_id().to_hex_string())
        .map(|a| Author::of(&a, &people))
        .collect();
    assert_eq!(report.authors, authors.into_iter().collect::<Vec<_>>());
    let stale_now = new.cache.borrow().stale_problems.clone();
    if let (Some(before), Some(changed), true) =
        (stale_before, old_changed, new.cache.borrow().root.is_some())
    {
        let now = stale_now
            .clone()
            .expect("narrowed where the patches were sure");
        for id in before.iter().chain(&changed) {
            assert!(now.contains(id), "{id} changed but not marked stale");
        }
    }
    let narrowed = stale_now.is_some();
    assert_eq!(new.read().unwrap(), new.read_whole().unwrap());
    // and through a batch, as the page merges a file the Web Worker loaded: the same
    // report, document and cache
    let (mut page, mut file) = (a.copy(), b.copy());
    let batch = file
        .changes_missing_from(&page.change_hashes(NOW), NOW)
        .expect("a batch");
    let by_batch = page.merge_changes(&batch, &file.heads(), NOW).unwrap();
    assert_eq!(by_batch, report, "merged from a batch");
    let mut heads = page.heads();
    heads.sort();
    let mut expected = new.heads();
    expected.sort();
    assert_eq!(heads, expected);
    assert_eq!(page.cache.borrow().stale_problems.is_some(), narrowed);
    assert_eq!(page.read().unwrap(), new.read_whole().unwrap());
    (report, narrowed)
}

/// The synthetic history of 24 problems, built.
fn synthetic_history() -> (Script, LedgerDoc) {
    let script = script(Spec::sized(24));
    let doc = script.build(NOW).unwrap();
    (script, doc)
}

#[test]
fn forks_of_a_synthetic_history_merge_as_before() {
    let (script, mut doc) = synthetic_history();
    for (from_a, from_b, n) in [(0, 100, 100), (0, 0, 60), (30, 50, 200), (7, 140, 20)] {
        let a = &script.apart(&mut doc, from_a, n, NOW).unwrap();
        let b = &script.apart(&mut doc, from_b, n, NOW).unwrap();
        // this copy's own edits unread (stale), then read
        check(a, b);
        check(b, a);
        a.read().unwrap();
        let (report, narrowed) = check(a, b);
        assert!(narrowed);
        assert!(report.new_changes > 0);
        // nothing new the second time
        let mut merged = a.copy();
        merged.merge(&mut b.copy(), NOW).unwrap();
        check(&merged, b);
    }
}

/// The places a scan finds in conflict are exactly those where a lookup of every field of
/// every entry finds more than one value (the scan reads each entry once and looks up only
/// the fields that marks). Returns how many there are.
fn scan_finds_every_conflict(doc: &mut LedgerDoc) -> usize {
    use crate::document::conflicts::{CATEGORY_FIELDS, PROBLEM_FIELDS, RULE_FIELDS};
    use crate::document::Place;
    let mut by_lookup = BTreeSet::new();
    let maps: [(&str, &[&'static str]); 3] = [
        ("categories", &CATEGORY_FIELDS),
        ("problems", &PROBLEM_FIELDS),
        ("rules", &RULE_FIELDS),
    ];
    for (map, fields) in maps {
        let Ok(Some((automerge::Value::Object(ObjType::Map), parent))) = doc.doc.get(ROOT, map)
        else {
            continue;
        };
        for id in doc.doc.keys(&parent).collect::<Vec<_>>() {
            for key in fields {
                let place = match map {
                    "categories" => Place::Category(id.clone(), key),
                    "problems" => Place::Problem(id.clone(), key),
                    _ => Place::Rule(id.clone(), key),
                };
                if doc.still_conflicted(&place) {
                    by_lookup.insert(place);
                }
            }
        }
    }
    let scanned: BTreeSet<Place> = doc
        .conflicts_whole()
        .into_iter()
        .map(|c| c.place)
        .filter(|p| !matches!(p, Place::Meta(_)))
        .collect();
    assert_eq!(scanned, by_lookup);
    by_lookup.len()
}

#[test]
fn a_scan_finds_every_field_in_conflict() {
    let (script, mut doc) = synthetic_history();
    let mut found = 0;
    for (from_a, from_b, n) in [(0, 100, 100), (30, 50, 200), (7, 140, 20)] {
        let mut a = script.apart(&mut doc, from_a, n, NOW).unwrap();
        let mut b = script.apart(&mut doc, from_b, n, NOW).unwrap();
        a.merge(&mut b, NOW).unwrap();
        found += scan_finds_every_conflict(&mut a);
    }
    assert!(found > 0, "the forks set the same fields apart");
    // a category's and a rule's titles too
    let mut a = LedgerDoc::create("台账", Some("甲"), NOW);
    let c = a.add_category("类别").unwrap();
    let rule = a
        .add_rule(&crate::document::NewRule {
            title: "制度".into(),
            kind: None,
            date: None,
            problem_ids: vec![],
            candidate: false,
        })
        .unwrap();
    let mut b = a.fork(NOW);
    a.rename_category(&c, "类别甲").unwrap();
    b.rename_category(&c, "类别乙").unwrap();
    a.set_rule_title(&rule, "制度甲").unwrap();
    b.set_rule_title(&rule, "制度乙").unwrap();
    a.merge(&mut b, NOW).unwrap();
    assert_eq!(scan_finds_every_conflict(&mut a), 2);
}

#[test]
fn places_are_listed_in_reading_order() {
    let text = |n, field| PlaceName {
        spot: Spot::Problem(n),
        field: Some(Field::Text(field)),
    };
    let mut places = [
        text(1004, ProblemText::Description),
        text(144, ProblemText::Cause),
        text(2, ProblemText::Measures),
        text(144, ProblemText::Progress),
        opening(),
        text(10, ProblemText::Progress),
        PlaceName {
            spot: Spot::Category(Some("二".into())),
            field: Some(Field::Title),
        },
    ];
    places.sort();
    assert_eq!(
        places[..2],
        [
            opening(),
            PlaceName {
                spot: Spot::Category(Some("二".into())),
                field: Some(Field::Title),
            }
        ]
    );
    let numbers: Vec<_> = places[2..].iter().map(|p| p.spot.clone()).collect();
    assert_eq!(
        numbers,
        [2, 10, 144, 144, 1004].map(Spot::Problem),
        "problems by number, 第2项 before 第10项"
    );
}

/// 台账信息 · 开头段落
fn opening() -> PlaceName {
    PlaceName {
        spot: Spot::Meta,
        field: Some(Field::Meta(MetaField::Opening)),
    }
}

/// 第n项 · 原因分析 (or a problem elsewhere's)
fn cause(spot: Spot) -> PlaceName {
    PlaceName {
        spot,
        field: Some(Field::Text(ProblemText::Cause)),
    }
}

fn no(n: usize) -> Spot {
    Spot::Problem(n)
}

/// The app merges into a document loaded from storage. For that case the vendored Automerge
/// (vendor/automerge/VENDORED.md) cuts the loaded value column into slabs and inserts a
/// merge's runs of operations from the last to the first. The result must be the very
/// document the same merge gives in memory.
#[test]
fn a_merge_into_a_loaded_document_equals_the_merge_in_memory() {
    let (script, mut doc) = synthetic_history();
    let mut a = script.apart(&mut doc, 0, 300, NOW).unwrap();
    let mut b = script.apart(&mut doc, 150, 300, NOW).unwrap();
    let (a_bytes, b_bytes) = (a.save(NOW), b.save(NOW));
    let mut in_memory = a.copy();
    in_memory.merge(&mut b.copy(), NOW).unwrap();
    let mut loaded = LedgerDoc::load(&a_bytes).unwrap();
    let mut theirs = LedgerDoc::load(&b_bytes).unwrap();
    let report = loaded.merge(&mut theirs, NOW).unwrap();
    assert!(report.new_changes > 100, "{}", report.new_changes);
    assert_eq!(loaded.doc.get_heads(), in_memory.doc.get_heads());
    assert_eq!(
        loaded.read_whole().unwrap(),
        in_memory.read_whole().unwrap()
    );
    assert_eq!(loaded.save(NOW), in_memory.save(NOW));
    // and it loads back as the same document
    let again = LedgerDoc::load(&loaded.save(NOW)).unwrap();
    assert_eq!(again.read_whole().unwrap(), in_memory.read_whole().unwrap());
}

/// Two copies of a small ledger that both edit problem 0's 原因分析 and the 开头段落.
fn two_copies() -> (LedgerDoc, LedgerDoc, Vec<String>) {
    let mut a = LedgerDoc::create("台账", Some("甲"), NOW);
    let c = a.add_category("类别").unwrap();
    let p: Vec<String> = (0..4)
        .map(|i| a.add_problem(&c, &format!("问题{i}")).unwrap())
        .collect();
    a.set_problem_text(&p[0], ProblemText::Cause, "原因")
        .unwrap();
    a.set_meta(MetaField::Opening, "开头").unwrap();
    let mut b = a.fork(NOW);
    b.set_author(Some("乙"));
    a.read().unwrap();
    b.read().unwrap();
    a.set_problem_text(&p[0], ProblemText::Cause, "原因一")
        .unwrap();
    b.set_problem_text(&p[0], ProblemText::Cause, "二原因")
        .unwrap();
    a.set_meta(MetaField::Opening, "开头甲").unwrap();
    b.set_meta(MetaField::Opening, "乙开头").unwrap();
    (a, b, p)
}

/// The batch's changes, each with its length before it, and a batch made of some of them.
fn split_batch(batch: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![];
    let mut rest = batch;
    while !rest.is_empty() {
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        out.push(rest[..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    out
}

#[test]
fn a_batch_that_is_broken_or_incomplete_is_refused_and_nothing_changes() {
    let (mut a, mut b, p) = two_copies();
    b.set_problem_text(&p[1], ProblemText::Measures, "措施")
        .unwrap();
    b.commit(NOW);
    b.set_problem_text(&p[2], ProblemText::Measures, "另一措施")
        .unwrap();
    b.commit(NOW);
    let batch = b
        .changes_missing_from(&a.change_hashes(NOW), NOW)
        .expect("a batch");
    let parts = split_batch(&batch);
    assert!(parts.len() >= 2, "b made several changes");
    let (heads, ledger) = (a.heads(), a.read().unwrap());
    let refused = |a: &mut LedgerDoc, batch: &[u8], their_heads: &[String]| {
        assert!(a.merge_changes(batch, their_heads, NOW).is_err());
        assert_eq!(a.heads(), heads);
        assert_eq!(a.read().unwrap(), ledger);
    };
    // the first change left out: the others depend on it
    refused(&mut a, &parts[1..].concat(), &b.heads());
    // cut short, in a length or in a change
    refused(&mut a, &batch[..2], &b.heads());
    refused(&mut a, &batch[..batch.len() - 1], &b.heads());
    // a change's bytes altered (its checksum no longer holds)
    let mut altered = batch.clone();
    let last = altered.len() - 3;
    altered[last] ^= 0xff;
    refused(&mut a, &altered, &b.heads());
    // heads the batch does not reach, or that are not hashes
    refused(&mut a, &parts[..1].concat(), &b.heads());
    refused(&mut a, &batch, &["nicht".to_string()]);
    // and whole, it merges; the same batch again brings nothing
    let report = a.merge_changes(&batch, &b.heads(), NOW).unwrap();
    assert_eq!(report.new_changes, parts.len());
    let again = a.merge_changes(&batch, &b.heads(), NOW).unwrap();
    assert_eq!(again.new_changes, 0);
    assert_eq!(a.read().unwrap(), a.read_whole().unwrap());
}

#[test]
fn a_copy_that_has_everything_gets_an_empty_batch() {
    let (mut a, mut b, _) = two_copies();
    b.commit(NOW);
    a.merge(&mut b.copy(), NOW).unwrap();
    assert_eq!(
        b.changes_missing_from(&a.change_hashes(NOW), NOW),
        Some(vec![])
    );
    let report = a.merge_changes(&[], &b.heads(), NOW).unwrap();
    assert_eq!(report, MergeReport::default());
}

#[test]
fn texts_edited_on_both_sides_are_named_as_before() {
    let (a, b, _) = two_copies();
    let (report, _) = check(&a, &b);
    assert_eq!(report.both_edited, [opening(), cause(no(1))]);
    check(&b, &a);
}

/// The apply names a text from its own walk (vendored change 7): a text ours only deleted
/// from is edited by both when theirs edited it too, as a text ours only typed into; a
/// text only one side edited is not.
#[test]
fn a_text_ours_only_deleted_from_is_named_when_theirs_edited_it() {
    let mut a = LedgerDoc::create("台账", Some("甲"), NOW);
    let c = a.add_category("类别").unwrap();
    let p: Vec<String> = (0..4)
        .map(|i| a.add_problem(&c, &format!("问题{i}")).unwrap())
        .collect();
    for q in &p {
        a.set_problem_text(q, ProblemText::Cause, "甲乙丙丁")
            .unwrap();
    }
    let mut b = a.fork(NOW);
    a.read().unwrap();
    b.read().unwrap();
    // ours: deletions only in the first, an insertion in the second and the fourth
    a.set_problem_text(&p[0], ProblemText::Cause, "甲丁")
        .unwrap();
    a.set_problem_text(&p[1], ProblemText::Cause, "甲乙丙丁戊")
        .unwrap();
    a.set_problem_text(&p[3], ProblemText::Cause, "戊甲乙丙丁")
        .unwrap();
    // theirs: the first, the third and the fourth
    for q in [&p[0], &p[2], &p[3]] {
        b.set_problem_text(q, ProblemText::Cause, "甲乙丙丁。")
            .unwrap();
    }
    let (report, _) = check(&a, &b);
    assert_eq!(report.both_edited, [cause(no(1)), cause(no(4))]);
    let (report, _) = check(&b, &a);
    assert_eq!(report.both_edited, [cause(no(1)), cause(no(4))]);
}

/// The numbers in the report take a problem's place from the read cache only when neither
/// side moved it since the cache read it: ours moved the fourth problem first (not read
/// since), theirs the first down one, and both edited the texts of both.
#[test]
fn texts_edited_by_both_are_numbered_with_both_sides_moves() {
    let (mut a, mut b, p) = two_copies();
    for _ in 0..3 {
        a.move_problem(&p[3], -1).unwrap();
    }
    a.set_problem_text(&p[3], ProblemText::Cause, "四").unwrap();
    b.move_problem(&p[0], 1).unwrap();
    b.set_problem_text(&p[3], ProblemText::Cause, "肆").unwrap();
    let (report, narrowed) = check(&a, &b);
    assert!(narrowed);
    // the fourth is first now (ours), the first third (theirs: after the second)
    assert_eq!(report.both_edited, [opening(), cause(no(1)), cause(no(3))]);
    check(&b, &a);
}

#[test]
fn a_problem_deleted_there_and_edited_here_is_marked_and_named_as_before() {
    let (mut a, mut b, p) = two_copies();
    b.delete_problem(&p[0]).unwrap();
    b.move_problem(&p[3], -1).unwrap();
    a.set_problem_text(&p[1], ProblemText::Measures, "措施")
        .unwrap();
    let (report, narrowed) = check(&a, &b);
    assert!(narrowed);
    assert!(report.both_edited.contains(&cause(Spot::ProblemInTrash)));
    check(&b, &a);
}

#[test]
fn a_problem_removed_from_the_document_there_is_marked_as_before() {
    // not something Rectify does (deleting is a flag), but another program could: the
    // problem's texts are then out of sight, placed through `parents`. (An edit made on
    // `doc` directly is not marked in the read cache: all_stale after each.)
    let (a, mut b, p) = two_copies();
    let problems = match b.doc.get(ROOT, "problems").unwrap() {
        Some((_, id)) => id,
        None => unreachable!(),
    };
    b.doc.delete(&problems, p[0].as_str()).unwrap();
    b.commit(NOW);
    b.all_stale();
    let (report, narrowed) = check(&a, &b);
    assert!(narrowed);
    assert!(report.both_edited.contains(&cause(Spot::ProblemGone)));
    // and the other way round: an edit to a problem this copy no longer has
    check(&b, &a);
}

#[test]
fn an_edit_on_the_root_marks_everything_only_when_it_replaces_the_problems() {
    let (a, mut b, _) = two_copies();
    b.doc.put(ROOT, "extra", 1).unwrap();
    b.commit(NOW);
    b.all_stale();
    let (_, narrowed) = check(&a, &b);
    assert!(
        narrowed,
        "another key on the root leaves the problems cached"
    );
    b.doc.put_object(ROOT, "problems", ObjType::Map).unwrap();
    b.commit(NOW);
    b.all_stale();
    let (report, narrowed) = check(&a, &b);
    assert!(!narrowed, "a new problems map: everything is read again");
    // the problems are gone, so is their number
    assert_eq!(report.both_edited, [opening(), cause(Spot::ProblemGone)]);
    check(&b, &a);
}

#[test]
fn a_merge_without_a_read_cache_names_texts_as_before() {
    let (a, b, _) = two_copies();
    let mut unread = a.copy();
    let bytes = b.copy().save(NOW);
    unread.apply_chunk(&bytes).unwrap();
    // (apply_chunk brought everything: merging again brings nothing)
    let (report, _) = check(&unread, &b);
    assert_eq!(report.new_changes, 0);
    let fresh = a.copy();
    fresh.cache.borrow_mut().root = None;
    let (report, narrowed) = check(&fresh, &b);
    assert!(!narrowed);
    assert_eq!(report.both_edited, [opening(), cause(no(1))]);
}

#[test]
fn a_problem_of_another_shape_falls_back_to_a_read_as_before() {
    let (a, mut b, p) = two_copies();
    // a place field of another type: the label ledger cannot place it, a read fails
    let problems = match b.doc.get(ROOT, "problems").unwrap() {
        Some((_, id)) => id,
        None => unreachable!(),
    };
    let problem = match b.doc.get(&problems, p[2].as_str()).unwrap() {
        Some((_, id)) => id,
        None => unreachable!(),
    };
    b.doc.put(&problem, "order", 5).unwrap();
    b.commit(NOW);
    b.all_stale();
    let (mut new, mut other) = (a.copy(), b.copy());
    let report = new.merge(&mut other, NOW).unwrap();
    assert_eq!(
        report.both_edited,
        Vec::<PlaceName>::new(),
        "a read fails: none named"
    );
    assert!(new.read().is_err());
}
