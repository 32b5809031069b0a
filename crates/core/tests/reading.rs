//! Reading the document: the read cache against a whole read, the hand-written hydrators
//! against autosurgeon's derive, documents loaded from bytes, and session actors.

mod common;
use common::*;

use rectify_core::document::{LedgerDoc, ProblemField, ProblemText};

#[test]
fn deleting_a_category_then_adding_one_reads_the_same_as_a_whole_read() {
    // found by the convergence property: delete_category reads the ledger half-way, and its
    // problems' deletion must still show in the next (cached) read
    let mut doc = LedgerDoc::create("测试台账", Some("张三"), 1_700_000_000);
    let c = doc.add_category("针对财务管理的问题").unwrap();
    let p = doc.add_problem(&c, "饭堂支出无发票入账").unwrap();
    assert_eq!(doc.read().unwrap().problems.len(), 1);
    doc.delete_category(&c).unwrap();
    doc.add_category("另一类").unwrap();
    let ledger = doc.read().unwrap();
    assert_eq!(ledger, doc.read_whole().unwrap());
    assert!(ledger.problems.is_empty());
    assert_eq!(
        ledger
            .trash
            .iter()
            .map(|t| t.id.clone())
            .collect::<Vec<_>>(),
        vec![p]
    );
}

#[test]
fn an_edit_to_a_problem_this_copy_does_not_have_leaves_reads_working() {
    // an id from another laptop (or a deleted one): the edit is refused, and the next read,
    // which re-reads the problems marked as touched, still reads
    let mut doc = LedgerDoc::create("测试台账", Some("张三"), 1_700_000_000);
    let c = doc.add_category("类别").unwrap();
    doc.add_problem(&c, "问题").unwrap();
    doc.read().unwrap();
    let unknown = "5f0c7a2e-0000-4000-8000-000000000000";
    assert!(doc
        .set_problem_text(unknown, ProblemText::Cause, "原因")
        .is_err());
    doc.add_category("另一类").unwrap();
    let ledger = doc.read().unwrap();
    assert_eq!(ledger, doc.read_whole().unwrap());
    assert_eq!(ledger.problems.len(), 1);
}

/// The checklist shows a text edit by patching the ledger it shows (`ProblemText::of_mut`)
/// instead of reading the whole document again: that patch must be exactly what a read gives,
/// for every text field and every kind of text, in a new session of a named author.
#[test]
fn a_text_edit_changes_exactly_that_field_of_the_read() {
    let (mut first, _cats, probs) = small_ledger();
    let mut doc = LedgerDoc::load(&first.save(T0 + 2)).unwrap();
    doc.set_author(Some("李四"));
    let texts = [
        "新的措施",
        "",
        "  前后有空格  ",
        "第一行\r\n第二行\n",
        "<b>标记</b> & \u{202e}反向",
    ];
    for field in [
        ProblemText::Description,
        ProblemText::Cause,
        ProblemText::Measures,
        ProblemText::Progress,
        ProblemText::Evidence,
    ] {
        for text in texts {
            let mut shown = doc.read().unwrap();
            doc.set_problem_text(&probs[1], field, text).unwrap();
            *field.of_mut(shown.problem_mut(&probs[1]).unwrap()) = text.to_string();
            assert_eq!(doc.read().unwrap(), shown, "{field:?} = {text:?}");
            assert_eq!(field.of(shown.problem(&probs[1]).unwrap()), text);
        }
    }
}

/// The vendored Automerge (vendor/automerge/VENDORED.md) loads a document's value column in
/// slabs cut where values start, not in one slab: a document loaded from bytes must then edit,
/// save and load exactly as the same document kept in memory. Texts of 1- to 4-byte
/// characters (values of every width at the cuts), about 30 KB in all (many slabs), edited by
/// inserts and deletes at random places.
#[test]
fn a_document_loaded_from_bytes_edits_as_the_one_in_memory() {
    let mut kept = LedgerDoc::create("台账", Some("甲"), T0);
    let category = kept.add_category("类别").unwrap();
    let ids: Vec<String> = (0..40)
        .map(|i| kept.add_problem(&category, &format!("问题{i}")).unwrap())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let text: String = (0..300)
            .map(|k| ['a', '中', '😀', 'é'][(i + k) % 4])
            .collect();
        kept.set_problem_text(id, ProblemText::Measures, &text)
            .unwrap();
    }
    let mut loaded = LedgerDoc::load(&kept.save(T0)).unwrap();
    let measures = |doc: &LedgerDoc| -> Vec<String> {
        let ledger = doc.read_whole().unwrap();
        ids.iter()
            .map(|id| ledger.problem(id).unwrap().measures.clone())
            .collect()
    };
    let mut random = lcg(9);
    for round in 0..4 {
        for id in ids.iter().skip(round).step_by(3) {
            let mut text: Vec<char> = kept
                .read()
                .unwrap()
                .problem(id)
                .unwrap()
                .measures
                .chars()
                .collect();
            let at = random.next().unwrap() as usize % text.len();
            let cut = (random.next().unwrap() as usize % 9).min(text.len() - at);
            text.splice(at..at + cut, "插入的字x".chars());
            let text: String = text.into_iter().collect();
            for doc in [&mut kept, &mut loaded] {
                doc.set_problem_text(id, ProblemText::Measures, &text)
                    .unwrap();
            }
        }
        assert_eq!(measures(&loaded), measures(&kept), "round {round}");
    }
    let again = LedgerDoc::load(&loaded.save(T0)).unwrap();
    assert_eq!(measures(&again), measures(&kept));
}

/// Each opening of a ledger gets an actor that sorts after every earlier one (Automerge
/// renumbers every operation's actor when a new actor sorts in the middle, on the first
/// edit), and edits under it save, load and merge as any.
#[test]
fn a_session_actor_sorts_after_every_earlier_actor() {
    let (mut doc, _cats, probs) = small_ledger();
    let mut actors = vec![doc.actor_hex()];
    for (i, owner) in ["甲", "乙", "丙", "丁"].into_iter().enumerate() {
        let mut copy = doc.fork(T0 + i as i64);
        copy.set_problem_field(&probs[0], ProblemField::Owner, owner)
            .unwrap();
        actors.push(copy.actor_hex());
        doc.merge(&mut copy, T0 + 5).unwrap();
    }
    // the random actors above start with 0xff 1 time in 256; leave those out
    actors.retain(|a| !a.starts_with("ff"));
    doc.begin_session(T0 + 10);
    let first = doc.actor_hex();
    assert!(first.starts_with("ff"), "{first}");
    assert!(
        actors.iter().all(|a| *a < first),
        "{first} does not sort after {actors:?}"
    );
    doc.set_problem_text(&probs[0], ProblemText::Measures, "本次会话")
        .unwrap();
    let bytes = doc.save(T0 + 11);
    let mut again = LedgerDoc::load(&bytes).unwrap();
    again.begin_session(T0 + 20);
    assert!(again.actor_hex() > first, "a later session sorts after");
    again
        .set_problem_text(&probs[0], ProblemText::Measures, "本次会话，再次")
        .unwrap();
    doc.merge(&mut again, T0 + 21).unwrap();
    let ledger = doc.read().unwrap();
    assert_eq!(
        ledger.problem(&probs[0]).unwrap().measures,
        "本次会话，再次"
    );
}

/// autosurgeon's derive of `DocProblem`'s read, kept here to check the read by hand against
/// (`schema.rs`): the same fields, the same `missing = "empty"`.
mod derived {
    use autosurgeon::{Hydrate, Text};
    use std::collections::HashMap;

    #[derive(Debug, Hydrate)]
    pub struct DocProgressEntry {
        #[autosurgeon(missing = "Default::default")]
        pub date: String,
        #[autosurgeon(missing = "Default::default")]
        pub author: String,
        #[autosurgeon(missing = "Default::default")]
        pub text: Text,
    }

    #[derive(Debug, Hydrate)]
    pub struct DocProblem {
        #[autosurgeon(missing = "Default::default")]
        pub category_id: String,
        #[autosurgeon(missing = "Default::default")]
        pub deleted: bool,
        #[autosurgeon(missing = "Default::default")]
        pub order: String,
        #[autosurgeon(missing = "Default::default")]
        pub description: Text,
        #[autosurgeon(missing = "Default::default")]
        pub cause: Text,
        #[autosurgeon(missing = "Default::default")]
        pub measures: Text,
        #[autosurgeon(missing = "Default::default")]
        pub progress: Text,
        #[autosurgeon(missing = "Default::default")]
        pub lead: String,
        #[autosurgeon(missing = "Default::default")]
        pub departments: Vec<String>,
        #[autosurgeon(missing = "Default::default")]
        pub owner: String,
        #[autosurgeon(missing = "Default::default")]
        pub deadline: String,
        #[autosurgeon(missing = "Default::default")]
        pub completed_on: String,
        #[autosurgeon(missing = "Default::default")]
        pub status: String,
        #[autosurgeon(missing = "Default::default")]
        pub evidence: Text,
        #[autosurgeon(missing = "Default::default")]
        pub log: HashMap<String, DocProgressEntry>,
        #[autosurgeon(missing = "Default::default")]
        pub basically_done: bool,
        #[autosurgeon(missing = "Default::default")]
        pub review: String,
        #[autosurgeon(missing = "Default::default")]
        pub review_by: String,
        #[autosurgeon(missing = "Default::default")]
        pub review_date: String,
        #[autosurgeon(missing = "Default::default")]
        pub review_note: String,
    }

    #[derive(Debug, Hydrate)]
    pub struct DocCategory {
        #[autosurgeon(missing = "Default::default")]
        pub title: String,
        #[autosurgeon(missing = "Default::default")]
        pub order: String,
        #[autosurgeon(missing = "Default::default")]
        pub deleted: bool,
    }

    #[derive(Debug, Hydrate)]
    pub struct DocRule {
        #[autosurgeon(missing = "Default::default")]
        pub title: String,
        #[autosurgeon(missing = "Default::default")]
        pub kind: String,
        #[autosurgeon(missing = "Default::default")]
        pub date: String,
        #[autosurgeon(missing = "Default::default")]
        pub problems: HashMap<String, bool>,
        #[autosurgeon(missing = "Default::default")]
        pub candidate: bool,
    }
}

/// Two copies of `am` set `key` of the entry `id` of `map` at once, then merge: a conflict.
fn set_apart(am: &mut automerge::AutoCommit, map: &automerge::ObjId, id: &str, key: &str) {
    use automerge::transaction::Transactable;
    use automerge::ReadDoc;
    let mut other = am.fork();
    let Some((_, entry)) = am.get(map, id).unwrap() else {
        unreachable!()
    };
    am.put(&entry, key, "甲").unwrap();
    other.put(&entry, key, "乙").unwrap();
    am.merge(&mut other).unwrap();
    assert_eq!(am.get_all(&entry, key).unwrap().len(), 2, "a conflict");
}

/// Every entry of the root map `map` read by hand (`H`) and by autosurgeon's derive (`D`): the
/// same fields (`by_hand` and `by_derive` show each side's), or both refused. Returns how many
/// entries were compared.
fn entries_read_as_the_derive_reads_them<H: autosurgeon::Hydrate, D: autosurgeon::Hydrate>(
    doc: &automerge::AutoCommit,
    map: &str,
    by_hand: impl Fn(&H) -> String,
    by_derive: impl Fn(&D) -> String,
) -> usize {
    use automerge::{ObjType, ReadDoc, Value, ROOT};
    let Ok(Some((Value::Object(ObjType::Map), obj))) = doc.get(ROOT, map) else {
        panic!("no {map} map");
    };
    let keys: Vec<String> = doc.keys(&obj).collect();
    for key in &keys {
        let hand: Result<H, _> = autosurgeon::hydrate_prop(doc, &obj, key.as_str());
        let derive: Result<D, _> = autosurgeon::hydrate_prop(doc, &obj, key.as_str());
        match (hand, derive) {
            (Ok(a), Ok(b)) => assert_eq!(by_hand(&a), by_derive(&b), "{map} {key}"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!(
                "{map} {key}: by hand {}, by the derive {}",
                a.is_ok(),
                b.is_ok()
            ),
        }
    }
    keys.len()
}

/// Every category and rule of `doc` read by hand and by the derive: the same, or both refused.
/// Returns how many of each were compared.
fn categories_and_rules_read_as_the_derive_reads_them(
    doc: &automerge::AutoCommit,
) -> (usize, usize) {
    use rectify_core::document::schema::{DocCategory, DocRule};
    macro_rules! category {
        () => {
            |c| format!("{:?}", (&c.title, &c.order, c.deleted))
        };
    }
    // every field, the linked problems in key order
    macro_rules! rule {
        () => {
            |r| {
                let links: std::collections::BTreeMap<_, _> = r.problems.iter().collect();
                format!("{:?}", (&r.title, &r.kind, &r.date, links, r.candidate))
            }
        };
    }
    (
        entries_read_as_the_derive_reads_them::<DocCategory, derived::DocCategory>(
            doc,
            "categories",
            category!(),
            category!(),
        ),
        entries_read_as_the_derive_reads_them::<DocRule, derived::DocRule>(
            doc,
            "rules",
            rule!(),
            rule!(),
        ),
    )
}

#[test]
fn categories_and_rules_read_by_hand_read_as_autosurgeons_derive() {
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ObjType, ReadDoc, ScalarValue, ROOT};

    // the example: categories, rules linked to problems, a deleted category, a candidate rule
    let mut doc = rectify_core::file::example::create_example(Some("张三"), T0).unwrap();
    let ledger = doc.read().unwrap();
    doc.delete_category(&ledger.categories[1].id).unwrap();
    doc.set_rule_candidate(&ledger.rules[0].id, true).unwrap();
    let mut am = AutoCommit::load(&doc.save(T0 + 1)).unwrap();
    let (n_categories, n_rules) = categories_and_rules_read_as_the_derive_reads_them(&am);
    assert!(
        n_categories > 1 && n_rules > 1,
        "{n_categories} categories, {n_rules} rules"
    );

    // values of every other shape, unknown keys, missing fields, and a conflict
    let map = |am: &AutoCommit, name: &str| match am.get(ROOT, name).unwrap() {
        Some((_, id)) => id,
        None => unreachable!(),
    };
    let (categories, rules) = (map(&am, "categories"), map(&am, "rules"));
    let c = am
        .put_object(&categories, "odd-scalars", ObjType::Map)
        .unwrap();
    am.put(&c, "title", 7_i64).unwrap();
    am.put(&c, "unknown", "ignored").unwrap();
    let c = am
        .put_object(&categories, "a-text-title", ObjType::Map)
        .unwrap();
    let t = am.put_object(&c, "title", ObjType::Text).unwrap();
    am.splice_text(&t, 0, 0, "类别").unwrap();
    let c = am
        .put_object(&categories, "a-null-flag", ObjType::Map)
        .unwrap();
    am.put(&c, "deleted", ScalarValue::Null).unwrap();
    am.put_object(&categories, "empty", ObjType::Map).unwrap();
    am.put(&categories, "a-scalar-category", "类别").unwrap();
    let r = am
        .put_object(&rules, "a-list-for-links", ObjType::Map)
        .unwrap();
    am.put_object(&r, "problems", ObjType::List).unwrap();
    let r = am.put_object(&rules, "a-bad-link", ObjType::Map).unwrap();
    let links = am.put_object(&r, "problems", ObjType::Map).unwrap();
    am.put(&links, "p1", "yes").unwrap();
    let r = am
        .put_object(&rules, "a-string-flag", ObjType::Map)
        .unwrap();
    am.put(&r, "candidate", "true").unwrap();
    am.put(&r, "title", "制度").unwrap();
    am.put_object(&rules, "empty", ObjType::Map).unwrap();
    // two copies rename the same category at once: both read the value Automerge shows
    set_apart(&mut am, &categories, &ledger.categories[0].id, "title");
    let (categories_now, rules_now) = categories_and_rules_read_as_the_derive_reads_them(&am);
    assert_eq!((categories_now, rules_now), (n_categories + 5, n_rules + 4));
}

/// Every problem of `doc` read by hand and by the derive: the same problem, or both refused.
fn problems_read_as_the_derive_reads_them(doc: &automerge::AutoCommit) -> usize {
    use rectify_core::document::schema::DocProblem;
    // every field, the progress entries in key order
    macro_rules! fields {
        () => {
            |p| {
                let log: std::collections::BTreeMap<_, _> = p
                    .log
                    .iter()
                    .map(|(k, e)| (k, (&e.date, &e.author, e.text.as_str())))
                    .collect();
                format!(
                    "{:?}",
                    (
                        (&p.category_id, p.deleted, &p.order, &p.lead, &p.owner),
                        (
                            &p.description,
                            &p.cause,
                            &p.measures,
                            &p.progress,
                            &p.evidence
                        ),
                        (&p.departments, &p.deadline, &p.completed_on, &p.status, log),
                        (
                            p.basically_done,
                            &p.review,
                            &p.review_by,
                            &p.review_date,
                            &p.review_note
                        ),
                    )
                )
            }
        };
    }
    entries_read_as_the_derive_reads_them::<DocProblem, derived::DocProblem>(
        doc,
        "problems",
        fields!(),
        fields!(),
    )
}

#[test]
fn a_problem_read_by_hand_reads_as_autosurgeons_derive() {
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ObjType, ReadDoc, ScalarValue, ROOT};
    use rectify_core::synthetic::{script, Spec};

    // a ledger with a history: texts, departments, progress entries, deleted problems
    let mut doc = script(Spec::sized(20)).build(T0).unwrap();
    let mut am = AutoCommit::load(&doc.save(T0 + 1)).unwrap();
    assert_eq!(problems_read_as_the_derive_reads_them(&am), 20);

    // values of every other shape, unknown keys, a missing field, and a conflict
    let problems = match am.get(ROOT, "problems").unwrap() {
        Some((_, id)) => id,
        None => unreachable!(),
    };
    let odd = |am: &mut AutoCommit, key: &str| am.put_object(&problems, key, ObjType::Map).unwrap();
    let p = odd(&mut am, "odd-scalars");
    am.put(&p, "owner", 7_i64).unwrap();
    am.put(&p, "deleted", ScalarValue::Null).unwrap();
    am.put(&p, "unknown", "ignored").unwrap();
    let p = odd(&mut am, "a-map-for-a-text");
    am.put_object(&p, "description", ObjType::Map).unwrap();
    let p = odd(&mut am, "a-text-for-a-string");
    let t = am.put_object(&p, "owner", ObjType::Text).unwrap();
    am.splice_text(&t, 0, 0, "张三").unwrap();
    let p = odd(&mut am, "a-list-for-a-bool");
    am.put_object(&p, "deleted", ObjType::List).unwrap();
    let p = odd(&mut am, "a-string-for-a-list");
    am.put(&p, "departments", "办公室").unwrap();
    let p = odd(&mut am, "a-string-for-a-text");
    am.put(&p, "cause", "原因").unwrap();
    am.put(&p, "status", "done").unwrap();
    let p = odd(&mut am, "a-bad-log-entry");
    let log = am.put_object(&p, "log", ObjType::Map).unwrap();
    am.put(&log, "e1", 3_i64).unwrap();
    let p = odd(&mut am, "odd-log-entries");
    let log = am.put_object(&p, "log", ObjType::Map).unwrap();
    let e = am.put_object(&log, "e1", ObjType::Map).unwrap();
    am.put(&e, "date", "2022-06-01").unwrap();
    am.put(&e, "unknown", 1_i64).unwrap();
    let e = am.put_object(&log, "e2", ObjType::Map).unwrap();
    am.put(&e, "text", "不是文本对象").unwrap();
    let e = am.put_object(&log, "e3", ObjType::Map).unwrap();
    am.put(&e, "author", 5_i64).unwrap();
    odd(&mut am, "empty");
    // two copies set the same field at once: both read the value Automerge shows
    let first = doc.read().unwrap().problems[0].id.clone();
    set_apart(&mut am, &problems, &first, "owner");
    assert_eq!(problems_read_as_the_derive_reads_them(&am), 29);
}
