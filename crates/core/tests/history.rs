//! Working together: conflicts on short fields found and settled across three replicas,
//! the history of who changed what, and the ledger as it stood at a past time.

mod common;
use common::*;

use rectify_core::document::{
    end_of_day, Author, ChangeNote, Field, LedgerDoc, MetaField, Place, PlaceChange, ProblemField,
    ProblemText, ShownValue, Spot,
};
use rectify_core::ledger::Status;

/// A copy of `doc` on another laptop, edited by `name`.
fn laptop(doc: &mut LedgerDoc, name: &str, now: i64) -> LedgerDoc {
    let mut copy = doc.fork(now);
    copy.set_author(Some(name));
    copy
}

fn sync(docs: &mut [&mut LedgerDoc], now: i64) {
    for i in 0..docs.len() {
        for j in 0..docs.len() {
            if i != j {
                let bytes = docs[j].save(now);
                docs[i].merge_bytes(&bytes, now).unwrap();
            }
        }
    }
}

#[test]
fn a_status_set_on_two_laptops_is_a_conflict_until_someone_settles_it() {
    let (mut base, _, probs) = small_ledger();
    let mut a = laptop(&mut base, "张三", T0 + 10);
    let mut b = laptop(&mut base, "李四", T0 + 10);
    let mut c = laptop(&mut base, "王五", T0 + 10);
    a.set_status(&probs[0], &Status::Done, day(2024, 6, 1))
        .unwrap();
    a.commit(T0 + 100);
    b.set_status(&probs[0], &Status::InProgress, day(2024, 6, 1))
        .unwrap();
    b.commit(T0 + 200);
    // a different field on a third laptop is no conflict
    c.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    c.commit(T0 + 300);
    sync(&mut [&mut a, &mut b, &mut c], T0 + 400);

    for doc in [&mut a, &mut b, &mut c] {
        let conflicts = doc.conflicts();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        let conflict = &conflicts[0];
        assert_eq!(conflict.place, Place::Problem(probs[0].clone(), "status"));
        assert_eq!(conflict.name, at(1, Field::Status));
        assert_eq!(conflict.problem_id.as_deref(), Some(probs[0].as_str()));
        let mut seen: Vec<(Option<i64>, ShownValue, Author)> = conflict
            .values
            .iter()
            .map(|v| (v.time, v.shown.clone(), v.author.clone()))
            .collect();
        seen.sort_by_key(|v| v.0);
        assert_eq!(
            seen,
            [
                (
                    Some(T0 + 100),
                    ShownValue::Status(Status::Done),
                    Author::Named("张三".into())
                ),
                (
                    Some(T0 + 200),
                    ShownValue::Status(Status::InProgress),
                    Author::Named("李四".into())
                ),
            ]
        );
        assert_eq!(conflict.values.iter().filter(|v| v.current).count(), 1);
        assert!(conflict.values[0].current, "the value shown comes first");
        assert_eq!(doc.read().unwrap().problems[0].owner, "王五");
    }

    // 王五 settles it with 已完成; everyone who merges afterwards has it settled
    c.settle(&Place::Problem(probs[0].clone(), "status"), "已完成")
        .unwrap();
    c.commit(T0 + 500);
    assert!(c.conflicts().is_empty());
    sync(&mut [&mut a, &mut b, &mut c], T0 + 600);
    for doc in [&mut a, &mut b, &mut c] {
        assert!(doc.conflicts().is_empty());
        assert_eq!(doc.read().unwrap().problems[0].status, Status::Done);
    }
}

#[test]
fn typing_a_new_value_or_picking_the_shown_one_settles_too() {
    let (mut base, _, probs) = small_ledger();
    let mut a = laptop(&mut base, "张三", T0 + 10);
    let mut b = laptop(&mut base, "李四", T0 + 10);
    a.set_meta(MetaField::Title, "关于整改进展情况的通报")
        .unwrap();
    a.set_problem_field(&probs[1], ProblemField::Deadline, "2024-06-30")
        .unwrap();
    a.commit(T0 + 20);
    b.set_meta(MetaField::Title, "整改情况通报").unwrap();
    b.set_problem_field(&probs[1], ProblemField::Deadline, "2024-07-31")
        .unwrap();
    b.commit(T0 + 30);
    sync(&mut [&mut a, &mut b], T0 + 40);
    let names: Vec<_> = a.conflicts().into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            meta_at(MetaField::Title),
            at(2, Field::Short(ProblemField::Deadline))
        ]
    );

    // an ordinary edit of the title writes over both values
    let shown = a.read().unwrap().meta.title;
    a.set_meta(MetaField::Title, &shown).unwrap();
    // a date typed in another form is normalised
    a.settle(
        &Place::Problem(probs[1].clone(), "deadline"),
        "2024年8月15日",
    )
    .unwrap();
    a.commit(T0 + 50);
    assert!(a.conflicts().is_empty());
    assert_eq!(
        a.read().unwrap().problems[1].deadline,
        Some(day(2024, 8, 15))
    );
    assert!(a
        .settle(&Place::Problem(probs[1].clone(), "deadline"), "下个月")
        .is_err());
    sync(&mut [&mut a, &mut b], T0 + 60);
    assert!(b.conflicts().is_empty());
    assert_eq!(b.read().unwrap().meta.title, shown);
}

#[test]
fn history_lists_who_changed_what_newest_first() {
    let (mut doc, _, probs) = small_ledger();
    doc.set_author(Some("张三"));
    doc.set_problem_text(&probs[2], ProblemText::Cause, "票据管理不规范")
        .unwrap();
    doc.commit(T0 + 100);
    let mut other = laptop(&mut doc, "李四", T0 + 150);
    other
        .set_status(&probs[0], &Status::Done, day(2024, 6, 1))
        .unwrap();
    other.commit(T0 + 200);
    doc.merge(&mut other, T0 + 300).unwrap();

    let history = doc.history();
    assert_eq!(
        history.len(),
        3 + 1,
        "creation, the problems, the cause, the status"
    );
    assert_eq!(
        history
            .iter()
            .map(|h| (h.time, h.author.clone()))
            .collect::<Vec<_>>()[..2],
        [
            (T0 + 200, Author::Named("李四".into())),
            (T0 + 100, Author::Named("张三".into()))
        ]
    );
    assert_eq!(history[0].did.notes, [ChangeNote::SetStatus(Status::Done)]);
    assert_eq!(
        history[1].did.notes,
        [ChangeNote::EditText(ProblemText::Cause)]
    );
    let ledger = doc.read().unwrap();
    let hash = history[0].hash.clone();
    let scope = doc.change_places(&hash, &ledger);
    let mut written: Vec<_> = scope
        .places
        .iter()
        .map(|p| (p.place.clone(), p.values.clone()))
        .collect();
    written.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        written,
        [
            (
                at(1, Field::Short(ProblemField::CompletedOn)),
                Some((ShownValue::Empty, ShownValue::Text("2024-06-01".into())))
            ),
            (
                at(1, Field::Status),
                Some((
                    ShownValue::Status(Status::NotStarted),
                    ShownValue::Status(Status::Done)
                ))
            )
        ],
        "each short field with its value before → after"
    );
    assert_eq!((scope.problems, scope.categories), (1, 0));
    let hash = history[1].hash.clone();
    let scope = doc.change_places(&hash, &ledger);
    assert_eq!(
        scope.places,
        [PlaceChange {
            place: at(3, Field::Text(ProblemText::Cause)),
            values: None
        }]
    );
    // the change that made the ledger: many places, counted for a summary
    let first = history[history.len() - 2].hash.clone();
    let made = doc.change_places(&first, &ledger);
    assert!(made.places.len() > 10, "{made:?}");
    assert_eq!((made.problems, made.categories), (3, 2), "{made:?}");
}

#[test]
fn the_ledger_as_it_stood_at_a_past_time() {
    let mut doc = LedgerDoc::create("历史台账", Some("张三"), T0);
    let c = doc.add_category("针对会议的问题").unwrap();
    let p = doc.add_problem(&c, "会议记录不规范").unwrap();
    doc.commit(T0 + 100);
    doc.set_status(&p, &Status::InProgress, day(2024, 6, 1))
        .unwrap();
    doc.commit(T0 + 200);
    doc.set_status(&p, &Status::Done, day(2024, 6, 2)).unwrap();
    doc.commit(T0 + 300);

    assert_eq!(
        doc.ledger_at(T0 - 1).unwrap(),
        None,
        "before it was created"
    );
    let at = |doc: &mut LedgerDoc, t| doc.ledger_at(t).unwrap().unwrap();
    assert!(at(&mut doc, T0).problems.is_empty());
    assert_eq!(
        at(&mut doc, T0 + 150).problems[0].status,
        Status::NotStarted
    );
    assert_eq!(
        at(&mut doc, T0 + 250).problems[0].status,
        Status::InProgress
    );
    assert_eq!(at(&mut doc, T0 + 10_000).problems[0].status, Status::Done);
    assert_eq!(doc.created_at(), Some(T0));

    // a laptop whose clock is behind: its change (stamped earlier) builds on a later one,
    // so it only appears once what it builds on does
    let mut late = laptop(&mut doc, "李四", T0 + 300);
    late.set_problem_field(&p, ProblemField::Owner, "李四")
        .unwrap();
    late.commit(T0 + 50);
    doc.merge(&mut late, T0 + 400).unwrap();
    assert_eq!(at(&mut doc, T0 + 100).problems[0].owner, "");
    assert_eq!(at(&mut doc, T0 + 300).problems[0].owner, "李四");
}

#[test]
fn a_local_day_ends_at_its_own_midnight() {
    // 2024-06-30 23:59:59 in China (UTC+8) is 15:59:59 UTC
    let t = end_of_day(day(2024, 6, 30), 8 * 3600);
    assert_eq!(
        chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339(),
        "2024-06-30T15:59:59+00:00"
    );
}

#[test]
fn a_merge_names_the_long_texts_both_sides_edited() {
    let (mut base, _, probs) = small_ledger();
    base.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善。")
        .unwrap();
    base.set_meta(MetaField::Contact, "电话：0763-5673980")
        .unwrap();
    base.commit(T0 + 5);
    let mut a = laptop(&mut base, "张三", T0 + 10);
    let mut b = laptop(&mut base, "李四", T0 + 10);
    // the same paragraph on both laptops, and different texts elsewhere
    a.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善，执行不严。")
        .unwrap();
    a.set_problem_text(&probs[1], ProblemText::Progress, "已整改")
        .unwrap();
    a.set_meta(MetaField::Contact, "电话：0763-5673980；邮箱：a@b.cn")
        .unwrap();
    a.commit(T0 + 20);
    b.set_problem_text(
        &probs[0],
        ProblemText::Cause,
        "班子成员交叉任职；议事规则不完善。",
    )
    .unwrap();
    b.set_problem_text(&probs[2], ProblemText::Cause, "票据管理不规范")
        .unwrap();
    b.set_meta(MetaField::Contact, "联系人：王五，电话：0763-5673980")
        .unwrap();
    b.commit(T0 + 30);

    let report = a.merge(&mut b.copy(), T0 + 40).unwrap();
    assert_eq!(
        report.both_edited,
        [
            meta_at(MetaField::Contact),
            at(1, Field::Text(ProblemText::Cause))
        ]
    );
    // both sides' words are there
    let cause = a.read().unwrap().problems[0].cause.clone();
    assert!(
        cause.contains("班子成员交叉任职") && cause.contains("执行不严"),
        "{cause}"
    );

    // merging again brings nothing new and names nothing
    let again = a.merge(&mut b.copy(), T0 + 50).unwrap();
    assert!(again.both_edited.is_empty());
    // a one-sided merge names nothing either
    let mut c = laptop(&mut a, "王五", T0 + 60);
    c.set_problem_text(&probs[0], ProblemText::Cause, "只有一方改")
        .unwrap();
    c.commit(T0 + 70);
    assert!(a.merge(&mut c, T0 + 80).unwrap().both_edited.is_empty());
}

#[test]
fn a_change_can_be_undone_field_by_field_and_the_undo_merges() {
    let (mut doc, _, probs) = small_ledger();
    doc.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善")
        .unwrap();
    doc.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    doc.commit(T0 + 10);
    let mut other = laptop(&mut doc, "李四", T0 + 15);
    // the change to undo: a wrong owner and a cause overwritten
    doc.set_problem_field(&probs[0], ProblemField::Owner, "赵六")
        .unwrap();
    doc.set_problem_text(&probs[0], ProblemText::Cause, "写错了")
        .unwrap();
    doc.commit(T0 + 20);
    let hash = doc.history()[0].hash.clone();
    let ledger = doc.read().unwrap();
    let mut restored = doc.restore_before(&hash, &ledger).unwrap();
    restored.sort();
    assert_eq!(
        restored,
        [
            at(1, Field::Text(ProblemText::Cause)),
            at(1, Field::Short(ProblemField::Owner))
        ]
    );
    doc.commit(T0 + 30);
    let p = doc.read().unwrap().problems[0].clone();
    assert_eq!(
        (p.owner.as_str(), p.cause.as_str()),
        ("王五", "议事规则不完善")
    );
    // nothing left to restore the second time
    let ledger = doc.read().unwrap();
    assert!(doc.restore_before(&hash, &ledger).unwrap().is_empty());
    // the restoring reaches a colleague like any edit
    other.merge(&mut doc.copy(), T0 + 40).unwrap();
    assert_eq!(other.read().unwrap().problems[0].owner, "王五");
    assert!(doc.restore_before("not-a-hash", &ledger).is_err());
}

/// The conflicts are cached: typing leaves them as they are, a local write to a conflicted
/// field settles it, another local edit relabels them (a problem's number), a merge rescans.
/// Each answer equals a whole scan.
#[test]
fn cached_conflicts_follow_local_edits_and_merges() {
    let mut a = LedgerDoc::create("台账", Some("甲"), T0);
    let c = a.add_category("类别").unwrap();
    let first = a.add_problem(&c, "问题一").unwrap();
    let p = a.add_problem(&c, "问题二").unwrap();
    let mut b = a.fork(T0);
    b.set_author(Some("乙"));
    a.set_problem_field(&p, ProblemField::Owner, "张三")
        .unwrap();
    b.set_problem_field(&p, ProblemField::Owner, "李四")
        .unwrap();
    a.merge(&mut b, T0).unwrap();
    let check = |d: &mut LedgerDoc| {
        let cached = d.conflicts();
        assert_eq!(cached, d.conflicts_whole());
        cached
    };
    let found = check(&mut a);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name.spot, Spot::Problem(2));
    // typing in the conflicted problem: the same conflict
    a.set_problem_text(&p, ProblemText::Measures, "加强管理")
        .unwrap();
    assert_eq!(check(&mut a), found);
    // the problem moves up: relabelled 第1项
    a.move_problem(&p, -1).unwrap();
    let moved = check(&mut a);
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].name.spot, Spot::Problem(1));
    // a local write to the field settles it
    a.set_problem_field(&p, ProblemField::Owner, "王五")
        .unwrap();
    assert!(check(&mut a).is_empty());
    // a merge of a new concurrent write brings one back
    b.set_problem_field(&first, ProblemField::Lead, "赵六")
        .unwrap();
    a.set_problem_field(&first, ProblemField::Lead, "钱七")
        .unwrap();
    a.merge(&mut b, T0).unwrap();
    assert_eq!(check(&mut a).len(), 1);
}

/// 我的名字 given after the first edits (the example opened, then the name typed in): the
/// earlier changes of this copy are signed with it too, in this copy's history and in a
/// colleague's after a merge; a colleague's unsigned changes stay unsigned.
#[test]
fn a_name_given_later_signs_this_copys_earlier_changes() {
    let mut doc = LedgerDoc::create("巡察整改台账", None, T0);
    let cat = doc.add_category("组织建设").unwrap();
    doc.add_problem(&cat, "会议记录不规范").unwrap();
    doc.commit(T0 + 1);
    doc.begin_session(T0 + 2);
    let mut colleague = doc.fork(T0 + 3);
    colleague.begin_session(T0 + 4);
    colleague.add_category("作风建设").unwrap();
    colleague.commit(T0 + 5);

    doc.add_category("财务管理").unwrap();
    doc.commit(T0 + 6);
    doc.set_author(Some("张三"));
    doc.add_category("廉政建设").unwrap();
    doc.commit(T0 + 7);
    doc.merge(&mut colleague, T0 + 8).unwrap();

    let authors = |doc: &mut LedgerDoc| -> Vec<(i64, Author)> {
        let mut by_time: Vec<(i64, Author)> = doc
            .history()
            .into_iter()
            .map(|h| (h.time, h.author))
            .collect();
        by_time.sort_by_key(|(t, _)| *t);
        by_time
    };
    let mine = authors(&mut doc);
    for (time, author) in &mine {
        if *time == T0 + 5 {
            assert!(
                matches!(author, Author::Unsigned(_)),
                "the colleague's: {author:?}"
            );
        } else {
            assert_eq!(author, &Author::Named("张三".into()), "at {time}");
        }
    }
    let mut other = doc.fork(T0 + 9);
    assert_eq!(authors(&mut other), mine, "the same names after a copy");
}

/// Changes made within one second list in the order they were made, newest first (a ledger
/// created, then filled in the same second), whatever their hashes.
#[test]
fn changes_of_one_second_list_in_the_order_made() {
    let example = rectify_core::file::example::example_ledger();
    for _ in 0..8 {
        let mut doc = LedgerDoc::create(&example.meta.name, None, T0);
        doc.fill_from(&example).unwrap();
        doc.commit(T0);
        let history = doc.history();
        assert_eq!(history.len(), 2);
        assert_eq!(
            history[1].did.notes,
            vec![rectify_core::document::ChangeNote::CreateLedger]
        );
    }
}
