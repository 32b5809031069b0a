//! Merging concurrent copies of one ledger: both merge directions (and any order of three
//! replicas) converge; text, lists and registers merge by their rules; merge reports and refusals.

mod common;
use common::*;

use rectify_core::document::{DocError, LedgerDoc, MergeReport, ProblemField, ProblemText};
use rectify_core::ledger::{Ledger, Status};

fn sorted_heads(doc: &mut LedgerDoc) -> Vec<String> {
    let mut heads = doc.heads();
    heads.sort();
    heads
}

/// Merge `a` and `b` both ways — `a ← b` on one pair of copies, `b ← a` on another — and check
/// that both results read as the same ledger with the same heads, also after a save and reload.
/// Returns the merged ledger.
fn merge_both_ways(a: &mut LedgerDoc, b: &mut LedgerDoc) -> Ledger {
    let (mut a1, mut a2) = (a.fork(T0 + 100), a.fork(T0 + 100));
    let (mut b1, mut b2) = (b.fork(T0 + 100), b.fork(T0 + 100));
    let ab: MergeReport = a1.merge(&mut b1, T0 + 200).unwrap();
    let ba: MergeReport = b2.merge(&mut a2, T0 + 200).unwrap();
    assert!(ab.new_changes >= 1, "a brings in b's edits: {ab:?}");
    assert!(ba.new_changes >= 1, "b brings in a's edits: {ba:?}");
    let from_a = a1.read().unwrap();
    let from_b = b2.read().unwrap();
    assert_eq!(from_a, from_b, "a.merge(b) and b.merge(a) read the same");
    assert_eq!(
        sorted_heads(&mut a1),
        sorted_heads(&mut b2),
        "same heads both ways"
    );
    assert!(
        !a1.has_pending() && !b2.has_pending(),
        "a merge writes nothing of its own"
    );
    let reloaded = LedgerDoc::load(&a1.save(T0 + 300)).unwrap();
    assert_eq!(
        reloaded.read().unwrap(),
        from_a,
        "the merged document reloads the same"
    );
    from_a
}

/// Two copies of the small ledger, as two laptops have them after one exported to the other.
fn two_copies() -> (LedgerDoc, LedgerDoc, Vec<String>, Vec<String>) {
    let (mut base, cats, probs) = small_ledger();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    a.set_author(Some("张三"));
    b.set_author(Some("李四"));
    (a, b, cats, probs)
}

#[test]
fn edits_to_different_problems_both_survive() {
    let (mut a, mut b, _cats, probs) = two_copies();
    a.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    a.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善")
        .unwrap();
    a.commit(T0 + 10);
    b.set_problem_text(&probs[2], ProblemText::Description, "饭堂支出3笔无发票入账")
        .unwrap();
    b.set_status(&probs[2], &Status::InProgress, day(2024, 6, 1))
        .unwrap();
    b.commit(T0 + 11);
    let l = merge_both_ways(&mut a, &mut b);
    let p1 = l.problem(&probs[0]).unwrap();
    assert_eq!(
        (p1.owner.as_str(), p1.cause.as_str()),
        ("王五", "议事规则不完善")
    );
    let p3 = l.problem(&probs[2]).unwrap();
    assert_eq!(p3.description, "饭堂支出3笔无发票入账");
    assert_eq!(p3.status, Status::InProgress);
    let p2 = l.problem(&probs[1]).unwrap();
    assert_eq!(
        (p2.owner.as_str(), p2.description.as_str()),
        ("", "会议记录不规范"),
        "untouched"
    );
    // both people are known by name afterwards
    let names: Vec<&str> = l.people.values().map(String::as_str).collect();
    assert!(
        names.contains(&"张三") && names.contains(&"李四"),
        "{names:?}"
    );
}

#[test]
fn edits_at_two_places_of_one_paragraph_both_survive() {
    let (mut base, _cats, probs) = small_ledger();
    let p = &probs[0];
    base.set_problem_text(
        p,
        ProblemText::Cause,
        "第一句说明情况。第二句分析原因。第三句提出要求。",
    )
    .unwrap();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    a.set_problem_text(
        p,
        ProblemText::Cause,
        "第一句说明情况（甲补充）。第二句分析原因。第三句提出要求。",
    )
    .unwrap();
    b.set_problem_text(
        p,
        ProblemText::Cause,
        "第一句说明情况。第二句分析原因。第三句提出要求（乙补充）。",
    )
    .unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    assert_eq!(
        l.problem(p).unwrap().cause,
        "第一句说明情况（甲补充）。第二句分析原因。第三句提出要求（乙补充）。"
    );
}

#[test]
fn a_deletion_and_an_insertion_in_one_paragraph_both_apply() {
    let (mut base, _cats, probs) = small_ledger();
    let p = &probs[1];
    base.set_problem_text(
        p,
        ProblemText::Measures,
        "一是建立制度；二是加强培训；三是定期检查。",
    )
    .unwrap();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    a.set_problem_text(p, ProblemText::Measures, "一是建立制度；三是定期检查。")
        .unwrap();
    b.set_problem_text(
        p,
        ProblemText::Measures,
        "一是建立健全制度；二是加强培训；三是定期检查。",
    )
    .unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    assert_eq!(
        l.problem(p).unwrap().measures,
        "一是建立健全制度；三是定期检查。"
    );
}

#[test]
fn a_register_set_on_both_sides_settles_on_one_of_the_two_values() {
    let (mut a, mut b, _cats, probs) = two_copies();
    a.set_problem_field(&probs[1], ProblemField::Owner, "王五")
        .unwrap();
    b.set_problem_field(&probs[1], ProblemField::Owner, "赵六")
        .unwrap();
    a.set_problem_field(&probs[1], ProblemField::Deadline, "2024-06-30")
        .unwrap();
    b.set_problem_field(&probs[1], ProblemField::Deadline, "2024-07-31")
        .unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    let p = l.problem(&probs[1]).unwrap();
    assert!(
        p.owner == "王五" || p.owner == "赵六",
        "one of the two, not a mix: {:?}",
        p.owner
    );
    assert!(
        p.deadline == Some(day(2024, 6, 30)) || p.deadline == Some(day(2024, 7, 31)),
        "{:?}",
        p.deadline
    );
}

#[test]
fn a_problem_added_to_a_category_deleted_elsewhere_is_kept_and_numbered() {
    let (mut a, mut b, cats, probs) = two_copies();
    a.delete_category(&cats[0]).unwrap();
    let added = b.add_problem(&cats[0], "会后未及时传达").unwrap();
    b.set_problem_field(&added, ProblemField::Owner, "李四")
        .unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    assert!(l.category(&cats[0]).is_none(), "the category stays deleted");
    assert!(
        l.problem(&probs[0]).is_none() && l.problem(&probs[1]).is_none(),
        "its old problems stay deleted"
    );
    let orphans: Vec<&str> = l.orphan_problems().map(|p| p.id.as_str()).collect();
    assert_eq!(
        orphans,
        [added.as_str()],
        "the new problem is kept, not dropped"
    );
    assert_eq!(l.problem(&added).unwrap().owner, "李四");
    assert_eq!(l.problems.len(), 2);
    assert_eq!(l.number_of(&probs[2]), Some(1));
    assert_eq!(
        l.number_of(&added),
        Some(2),
        "orphans are numbered after the categorised problems"
    );
}

#[test]
fn departments_added_on_both_sides_are_all_kept_once() {
    let (mut base, _cats, probs) = small_ledger();
    let p = &probs[0];
    base.set_departments(p, &["党政办".into()]).unwrap();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    a.set_departments(p, &["党政办".into(), "财务办".into(), "经发局".into()])
        .unwrap();
    b.set_departments(p, &["党政办".into(), "纪检办".into(), "经发局".into()])
        .unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    let mut got = l.problem(p).unwrap().departments.clone();
    assert_eq!(
        got.len(),
        4,
        "no duplicates even though both added 经发局: {got:?}"
    );
    got.sort();
    let mut want = vec!["党政办", "经发局", "纪检办", "财务办"];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(l.departments().len(), 4);

    // removing the department both had added removes it completely (no hidden second copy)
    let mut merged = a.fork(T0 + 400);
    merged.merge(&mut b, T0 + 400).unwrap();
    merged
        .set_departments(p, &["党政办".into(), "财务办".into(), "纪检办".into()])
        .unwrap();
    let l = LedgerDoc::load(&merged.save(T0 + 401))
        .unwrap()
        .read()
        .unwrap();
    assert!(!l
        .problem(p)
        .unwrap()
        .departments
        .contains(&"经发局".to_string()));
    assert_eq!(l.problem(p).unwrap().departments.len(), 3);
}

#[test]
fn problems_added_at_the_end_of_one_category_on_both_sides_get_one_order() {
    let (mut a, mut b, cats, probs) = two_copies();
    let from_a = a.add_problem(&cats[0], "甲新增的问题").unwrap();
    let from_b = b.add_problem(&cats[0], "乙新增的问题").unwrap();
    let l = merge_both_ways(&mut a, &mut b);
    let in_first: Vec<&str> = l.problems_in(&cats[0]).map(|p| p.id.as_str()).collect();
    assert_eq!(in_first.len(), 4);
    assert_eq!(
        &in_first[..2],
        [probs[0].as_str(), probs[1].as_str()],
        "old problems stay first"
    );
    let mut new_two = in_first[2..].to_vec();
    new_two.sort();
    let mut want = vec![from_a.as_str(), from_b.as_str()];
    want.sort();
    assert_eq!(new_two, want, "both additions kept");
    assert_eq!(
        l.number_of(&probs[2]),
        Some(5),
        "the next category's problem follows"
    );
    let numbers: Vec<usize> = l
        .problems
        .iter()
        .map(|p| l.number_of(&p.id).unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);

    // the two may share an order key; moving the later one up still works
    let mut merged = a.fork(T0 + 400);
    merged.merge(&mut b, T0 + 400).unwrap();
    let last = in_first[3].to_string();
    merged.move_problem(&last, -1).unwrap();
    let l = merged.read().unwrap();
    assert_eq!(l.number_of(&last), Some(3));
    assert_eq!(l.problems_in(&cats[0]).count(), 4);
}

#[test]
fn three_replicas_merged_in_any_order_are_identical() {
    let (mut base, cats, probs) = small_ledger();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    let mut c = base.fork(T0 + 2);
    a.set_author(Some("甲"));
    b.set_author(Some("乙"));
    c.set_author(Some("丙"));

    let new_cat = a.add_category("针对作风建设的问题").unwrap();
    a.add_problem(&new_cat, "公车私用").unwrap();
    a.set_problem_field(&probs[0], ProblemField::Lead, "李书记")
        .unwrap();
    b.set_problem_text(&probs[1], ProblemText::Cause, "记录人员不固定")
        .unwrap();
    b.set_departments(&probs[1], &["党政办".into()]).unwrap();
    c.add_progress_entry(&probs[2], Some(day(2024, 5, 1)), "丙", "已补齐发票")
        .unwrap();
    c.move_category(&cats[1], -1).unwrap();
    // a three-way conflict on one register
    a.set_problem_field(&probs[2], ProblemField::Owner, "甲")
        .unwrap();
    b.set_problem_field(&probs[2], ProblemField::Owner, "乙")
        .unwrap();
    c.set_problem_field(&probs[2], ProblemField::Owner, "丙")
        .unwrap();

    let bytes = [a.save(T0 + 10), b.save(T0 + 11), c.save(T0 + 12)];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut results = Vec::new();
    for order in orders {
        let mut doc = LedgerDoc::load(&bytes[order[0]]).unwrap();
        doc.merge_bytes(&bytes[order[1]], T0 + 20).unwrap();
        doc.merge_bytes(&bytes[order[2]], T0 + 21).unwrap();
        results.push((doc.read().unwrap(), sorted_heads(&mut doc)));
    }
    // and once by merging the live documents into one another pairwise: (c ← b) then (a ← c)
    c.merge(&mut b, T0 + 30).unwrap();
    a.merge(&mut c, T0 + 31).unwrap();
    results.push((a.read().unwrap(), sorted_heads(&mut a)));

    let (first, first_heads) = &results[0];
    for (i, (l, heads)) in results.iter().enumerate() {
        assert_eq!(l, first, "merge order {i} reads differently");
        assert_eq!(heads, first_heads, "merge order {i} has other heads");
    }
    let l = first;
    assert_eq!(l.categories.len(), 3);
    assert_eq!(l.categories[0].id, cats[1], "c's move survived");
    assert_eq!(l.problem(&probs[0]).unwrap().lead, "李书记");
    assert_eq!(l.problem(&probs[1]).unwrap().cause, "记录人员不固定");
    assert_eq!(l.problem(&probs[1]).unwrap().departments, ["党政办"]);
    assert_eq!(l.problem(&probs[2]).unwrap().progress_log.len(), 1);
    assert!(["甲", "乙", "丙"].contains(&l.problem(&probs[2]).unwrap().owner.as_str()));
    assert_eq!(l.problems.len(), 4);
}

#[test]
fn merging_the_same_bytes_twice_brings_nothing_new_the_second_time() {
    let mut theirs = LedgerDoc::create("测试台账", Some("张三"), T0);
    let c = theirs.add_category("针对会议制度的问题").unwrap();
    let p = theirs.add_problem(&c, "会议记录不规范").unwrap();
    let mut mine = LedgerDoc::load(&theirs.save(T0 + 1)).unwrap();
    mine.set_author(Some("李四"));
    mine.set_problem_text(&p, ProblemText::Cause, "记录人员不固定")
        .unwrap();
    mine.commit(T0 + 2);
    theirs
        .set_problem_field(&p, ProblemField::Owner, "王五")
        .unwrap();
    let bytes = theirs.save(T0 + 3);

    let first = mine.merge_bytes(&bytes, T0 + 4).unwrap();
    assert_eq!(first.new_changes, 1, "{first:?}");
    assert_eq!(first.authors, ["张三"], "the other person is named");
    let after_first = mine.read().unwrap();
    assert_eq!(after_first.problem(&p).unwrap().owner, "王五");
    assert_eq!(after_first.problem(&p).unwrap().cause, "记录人员不固定");
    let heads = sorted_heads(&mut mine);

    let second = mine.merge_bytes(&bytes, T0 + 5).unwrap();
    assert_eq!(
        second,
        MergeReport {
            new_changes: 0,
            authors: vec![],
            both_edited: vec![],
            edited_but_deleted: vec![],
        }
    );
    assert_eq!(mine.read().unwrap(), after_first, "unchanged");
    assert_eq!(sorted_heads(&mut mine), heads);
    assert!(!mine.has_pending());
}

#[test]
fn changes_by_a_session_without_a_name_are_reported_by_a_short_actor_id() {
    let (mut base, _cats, probs) = small_ledger();
    let mut other = base.fork(T0 + 2);
    other
        .set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    let actor = other.actor_hex();
    let report = base.merge(&mut other, T0 + 3).unwrap();
    assert_eq!(report.new_changes, 1);
    assert_eq!(
        report.authors,
        [rectify_core::document::Author::Unsigned(
            actor[actor.len() - 8..].to_string()
        )]
    );
}

#[test]
fn merging_another_ledger_is_refused_and_changes_nothing() {
    let (mut mine, _cats, _probs) = small_ledger();
    let before = mine.read().unwrap();
    let heads = sorted_heads(&mut mine);
    let mut stranger = LedgerDoc::create("测试台账", Some("张三"), T0);
    stranger.add_category("针对会议制度的问题").unwrap();
    let stranger_bytes = stranger.save(T0 + 1);

    assert_eq!(
        mine.merge(&mut stranger, T0 + 2),
        Err(DocError::OtherLedger)
    );
    assert_eq!(
        mine.merge_bytes(&stranger_bytes, T0 + 3),
        Err(DocError::OtherLedger)
    );
    assert_eq!(mine.read().unwrap(), before);
    assert_eq!(sorted_heads(&mut mine), heads);
    assert_eq!(
        stranger.read().unwrap().categories.len(),
        1,
        "the other one is untouched too"
    );
}

#[test]
fn an_edit_to_a_problem_deleted_elsewhere_is_kept_in_the_trash() {
    let (mut a, _cats, probs) = small_ledger();
    let mut b = a.fork(T0 + 2);
    a.delete_problem(&probs[0]).unwrap();
    b.set_problem_text(&probs[0], ProblemText::Progress, "已整改完毕")
        .unwrap();
    a.commit(T0 + 3);
    b.commit(T0 + 3);
    a.merge(&mut b, T0 + 4).unwrap();
    let l = a.read().unwrap();
    assert!(l.problem(&probs[0]).is_none(), "the delete holds");
    let trashed = l
        .trash
        .iter()
        .find(|p| p.id == probs[0])
        .expect("in the trash");
    assert_eq!(
        trashed.progress, "已整改完毕",
        "the other side's edit is not lost"
    );
    a.restore_problem(&probs[0]).unwrap();
    assert_eq!(
        a.read().unwrap().problem(&probs[0]).unwrap().progress,
        "已整改完毕"
    );
}

/// Found by the convergence property (crates/core/tests/convergence/; 4 replicas; one adds undated progress entries, another deletes the
/// category): a deleted problem's 进展记录 in 回收站 came out in hash-map order, so two replicas
/// — or two reads of one — listed the same entries in a different order. Live problems were
/// already sorted by (date, id); trash problems now are too.
#[test]
fn progress_entries_of_a_deleted_problem_read_in_one_order() {
    let (mut doc, cats, probs) = small_ledger();
    for i in 0..8 {
        doc.add_progress_entry(&probs[0], None, "李四", &format!("第{i}条"))
            .unwrap();
    }
    doc.add_progress_entry(&probs[0], Some(day(2024, 5, 1)), "李四", "有日期")
        .unwrap();
    doc.delete_category(&cats[0]).unwrap();
    doc.commit(T0 + 2);
    let other = doc.fork(T0 + 3);
    let (a, b) = (doc.read().unwrap(), other.read().unwrap());
    let log = &a
        .trash
        .iter()
        .find(|p| p.id == probs[0])
        .unwrap()
        .progress_log;
    let mut sorted = log.clone();
    sorted.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
    assert_eq!(log, &sorted, "by date (undated first), then id");
    assert_eq!(a, b, "two copies read the same");
    assert_eq!(
        a,
        doc.read().unwrap(),
        "two reads of one copy read the same"
    );
}

/// After a merge only the problems the merge changed are read again (the rest comes from the
/// cached read): what reads must still equal a whole read, whatever the other copy did.
#[test]
fn the_read_after_a_merge_equals_a_whole_read() {
    let mut a = LedgerDoc::create("台账", Some("甲"), T0);
    let c = a.add_category("类别").unwrap();
    let p: Vec<String> = (0..5)
        .map(|i| a.add_problem(&c, &format!("问题{i}")).unwrap())
        .collect();
    let mut b = a.fork(T0);
    a.read().unwrap();
    b.read().unwrap();
    // the other copy: text, a field, a move, a delete, a new problem, a new category, meta
    b.set_problem_text(&p[0], ProblemText::Measures, "建立台账")
        .unwrap();
    b.set_problem_field(&p[1], ProblemField::Owner, "李四")
        .unwrap();
    b.move_problem(&p[4], -1).unwrap();
    b.delete_problem(&p[2]).unwrap();
    let c2 = b.add_category("新类别").unwrap();
    b.add_problem(&c2, "新问题").unwrap();
    b.set_meta(rectify_core::document::MetaField::Name, "改名的台账")
        .unwrap();
    // this copy edits too, before merging
    a.set_problem_text(&p[0], ProblemText::Cause, "制度不健全")
        .unwrap();
    a.read().unwrap();
    a.merge(&mut b, T0).unwrap();
    assert_eq!(a.read().unwrap(), a.read_whole().unwrap());
    assert_eq!(a.read().unwrap().problems.len(), 5);
    // and the other way round
    b.read().unwrap();
    b.merge(&mut a, T0).unwrap();
    assert_eq!(b.read().unwrap(), b.read_whole().unwrap());
    assert_eq!(a.read().unwrap(), b.read().unwrap());
}

#[test]
fn a_copy_knows_only_the_heads_it_has_applied() {
    let (mut a, mut b, _cats, probs) = two_copies();
    let base = a.heads();
    assert!(a.knows_all(&base) && a.knows_all(&[]));
    b.set_problem_text(&probs[0], ProblemText::Measures, "第一次修改")
        .unwrap();
    let first = b.save_after(&base, T0 + 10);
    let after_first = b.heads();
    b.set_problem_text(&probs[0], ProblemText::Measures, "第二次修改")
        .unwrap();
    let second = b.save_after(&after_first, T0 + 20);
    let after_second = b.heads();
    assert!(!a.knows_all(&after_first) && !a.knows_all(&after_second));
    // the second change alone waits for the first: held, not applied, so not known
    a.apply_chunk(&second).unwrap();
    assert!(
        !a.knows_all(&after_second),
        "a change whose dependency is missing"
    );
    assert!(!a.knows_all(&[base[0].clone(), after_second[0].clone()]));
    a.apply_chunk(&first).unwrap();
    assert!(a.knows_all(&after_first) && a.knows_all(&after_second));
    assert!(a.knows_all(&[base[0].clone(), after_second[0].clone()]));
    // not a hash at all
    assert!(!a.knows_all(&["not a hash".to_string()]));
    assert!(!a.knows_all(&["00".repeat(32)]));
}

/// A problem edited here and deleted there meanwhile: the merge keeps the edit (the problem is
/// in 回收站 with it) and says which problem, so nobody loses the work without knowing. A
/// problem deleted there that nobody edited here, or deleted on both sides, is not named.
#[test]
fn a_problem_edited_here_and_deleted_there_is_named_by_the_merge() {
    let (mut ours, _, probs) = small_ledger();
    let mut theirs = ours.fork(T0 + 2);
    ours.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善")
        .unwrap();
    ours.delete_problem(&probs[2]).unwrap();
    ours.commit(T0 + 3);
    theirs.delete_problem(&probs[0]).unwrap();
    theirs.delete_problem(&probs[1]).unwrap();
    theirs.delete_problem(&probs[2]).unwrap();
    theirs.commit(T0 + 4);

    let report = ours.copy().merge(&mut theirs.copy(), T0 + 5).unwrap();
    assert_eq!(report.edited_but_deleted, [probs[0].clone()]);
    let mut merged = ours.copy();
    merged.merge(&mut theirs.copy(), T0 + 5).unwrap();
    let ledger = merged.read().unwrap();
    let kept = ledger.trash.iter().find(|p| p.id == probs[0]).unwrap();
    assert_eq!(kept.cause, "议事规则不完善", "the edit is in 回收站");

    // the other way round: their copy did not edit what ours deleted
    let report = theirs.copy().merge(&mut ours.copy(), T0 + 6).unwrap();
    assert!(report.edited_but_deleted.is_empty(), "{report:?}");
    // merging again names nothing
    let report = merged.merge(&mut theirs.copy(), T0 + 7).unwrap();
    assert!(report.edited_but_deleted.is_empty());
}

/// Another tab's save: it deleted a problem without having this tab's edit, then merged
/// that edit from storage before storing. Its copy has the edit, but the deletion did not
/// see it: the merge still names the problem.
#[test]
fn a_deletion_made_before_merging_the_edit_is_still_named() {
    let (mut ours, _, probs) = small_ledger();
    let mut theirs = ours.fork(T0 + 2);
    ours.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善")
        .unwrap();
    ours.commit(T0 + 3);
    theirs.delete_problem(&probs[0]).unwrap();
    theirs.commit(T0 + 4);
    theirs.merge(&mut ours.copy(), T0 + 5).unwrap();

    let report = ours.copy().merge(&mut theirs.copy(), T0 + 6).unwrap();
    assert_eq!(report.edited_but_deleted, [probs[0].clone()]);
    // deleted after having the edit: deliberate, not named
    ours.set_problem_text(&probs[1], ProblemText::Cause, "会议记录不全")
        .unwrap();
    ours.commit(T0 + 7);
    let mut later = ours.fork(T0 + 8);
    later.delete_problem(&probs[1]).unwrap();
    later.commit(T0 + 9);
    let report = ours.copy().merge(&mut later, T0 + 10).unwrap();
    assert!(report.edited_but_deleted.is_empty(), "{report:?}");
}
