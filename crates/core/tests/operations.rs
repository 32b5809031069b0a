//! Operations on one ledger: categories, problems, fields, numbering, rules, progress log.

mod common;
use common::*;

use rectify_core::document::{LedgerDoc, MetaField, NewRule, ProblemField, ProblemText};
use rectify_core::ledger::{Filter, LedgerCounts, Light, RuleKind, Status};

#[test]
fn problems_are_numbered_across_the_ledger_in_category_order() {
    let (mut doc, cats, probs) = small_ledger();
    let l = doc.read().unwrap();
    assert_eq!(l.categories.len(), 2);
    assert_eq!(l.number_of(&probs[0]), Some(1));
    assert_eq!(l.number_of(&probs[1]), Some(2));
    assert_eq!(l.number_of(&probs[2]), Some(3));
    // moving the second category up renumbers: its problem becomes 1
    doc.move_category(&cats[1], -1).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.categories[0].id, cats[1]);
    assert_eq!(l.number_of(&probs[2]), Some(1));
    assert_eq!(l.number_of(&probs[0]), Some(2));
    // moving first up is a no-op, last down is a no-op
    doc.move_category(&cats[1], -1).unwrap();
    doc.move_category(&cats[0], 1).unwrap();
    assert_eq!(doc.read().unwrap().categories[0].id, cats[1]);
}

#[test]
fn problems_move_within_and_between_categories() {
    let (mut doc, cats, probs) = small_ledger();
    doc.move_problem(&probs[1], -1).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.number_of(&probs[1]), Some(1));
    assert_eq!(l.number_of(&probs[0]), Some(2));
    doc.move_problem_to(&probs[1], &cats[1]).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.problems_in(&cats[1]).count(), 2);
    assert_eq!(
        l.number_of(&probs[1]),
        Some(3),
        "appended after the problem already there"
    );
}

#[test]
fn many_moves_keep_a_total_order() {
    let mut doc = LedgerDoc::create("顺序", None, T0);
    let c = doc.add_category("类别").unwrap();
    let ids: Vec<String> = (0..8)
        .map(|i| doc.add_problem(&c, &format!("问题{i}")).unwrap())
        .collect();
    // bubble the last one to the top, then back down, many times
    for _ in 0..5 {
        for _ in 0..8 {
            doc.move_problem(&ids[7], -1).unwrap();
        }
        assert_eq!(doc.read().unwrap().number_of(&ids[7]), Some(1));
        for _ in 0..8 {
            doc.move_problem(&ids[7], 1).unwrap();
        }
        assert_eq!(doc.read().unwrap().number_of(&ids[7]), Some(8));
    }
    let l = doc.read().unwrap();
    let texts: Vec<&str> = l.problems.iter().map(|p| p.description.as_str()).collect();
    assert_eq!(
        texts,
        ["问题0", "问题1", "问题2", "问题3", "问题4", "问题5", "问题6", "问题7"]
    );
}

#[test]
fn every_field_of_a_problem_is_editable_and_read_back() {
    let (mut doc, _cats, probs) = small_ledger();
    let p = &probs[0];
    doc.set_problem_text(p, ProblemText::Description, "新的问题表现")
        .unwrap();
    doc.set_problem_text(p, ProblemText::Cause, "议事规则不完善")
        .unwrap();
    doc.set_problem_text(p, ProblemText::Measures, "一是修订议事规则；二是严格执行")
        .unwrap();
    doc.set_problem_text(p, ProblemText::Progress, "已修订")
        .unwrap();
    doc.set_problem_text(p, ProblemText::Evidence, "会议纪要3份")
        .unwrap();
    doc.set_problem_field(p, ProblemField::Lead, "李书记")
        .unwrap();
    doc.set_problem_field(p, ProblemField::Owner, "王五")
        .unwrap();
    doc.set_problem_field(p, ProblemField::Deadline, "2024年6月30日")
        .unwrap();
    doc.set_departments(
        p,
        &[
            "党政办".into(),
            " 财务办 ".into(),
            "党政办".into(),
            "".into(),
        ],
    )
    .unwrap();
    doc.set_status(p, &Status::Done, day(2024, 6, 1)).unwrap();
    let entry = doc
        .add_progress_entry(p, Some(day(2024, 5, 1)), "张三", "召开专题会议")
        .unwrap();
    let l = doc.read().unwrap();
    let got = l.problem(p).unwrap();
    assert_eq!(got.description, "新的问题表现");
    assert_eq!(got.cause, "议事规则不完善");
    assert_eq!(got.measures, "一是修订议事规则；二是严格执行");
    assert_eq!(got.progress, "已修订");
    assert_eq!(got.evidence, "会议纪要3份");
    assert_eq!(got.lead, "李书记");
    assert_eq!(got.owner, "王五");
    assert_eq!(got.deadline, Some(day(2024, 6, 30)));
    assert_eq!(got.departments, ["党政办", "财务办"]);
    assert_eq!(got.status, Status::Done);
    assert_eq!(
        got.completed_on,
        Some(day(2024, 6, 1)),
        "finishing records today as 完成时间"
    );
    assert_eq!(got.progress_log.len(), 1);
    assert_eq!(got.progress_log[0].id, entry);
    assert_eq!(got.progress_log[0].author, "张三");
    // an explicit 完成时间 is not overwritten by a later status change
    doc.set_status(p, &Status::Ongoing, day(2024, 7, 1))
        .unwrap();
    assert_eq!(
        doc.read().unwrap().problem(p).unwrap().completed_on,
        Some(day(2024, 6, 1))
    );
    doc.delete_progress_entry(p, &entry).unwrap();
    assert!(doc
        .read()
        .unwrap()
        .problem(p)
        .unwrap()
        .progress_log
        .is_empty());
}

#[test]
fn a_bad_date_is_refused_and_nothing_changes() {
    let (mut doc, _c, probs) = small_ledger();
    doc.set_problem_field(&probs[0], ProblemField::Deadline, "2024-06-30")
        .unwrap();
    let err = doc
        .set_problem_field(&probs[0], ProblemField::Deadline, "下个月")
        .unwrap_err();
    assert_eq!(
        err,
        rectify_core::document::DocError::BadDate("下个月".into())
    );
    assert_eq!(
        doc.read().unwrap().problem(&probs[0]).unwrap().deadline,
        Some(day(2024, 6, 30))
    );
    assert!(doc.set_meta(MetaField::WarnDays, "-3").is_err());
    assert!(doc.set_meta(MetaField::WarnDays, "abc").is_err());
    doc.set_meta(MetaField::WarnDays, "10").unwrap();
    assert_eq!(doc.read().unwrap().meta.warn_days, 10);
}

#[test]
fn deleting_a_category_deletes_its_problems_and_unlinks_rules() {
    let (mut doc, cats, probs) = small_ledger();
    let rule = doc
        .add_rule(&NewRule {
            title: "党委会议议事规则".into(),
            kind: Some(RuleKind::Revised),
            date: Some(day(2024, 4, 1)),
            problem_ids: vec![probs[0].clone(), probs[2].clone()],
            ..Default::default()
        })
        .unwrap();
    doc.delete_category(&cats[0]).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.categories.len(), 1);
    assert_eq!(l.problems.len(), 1);
    assert_eq!(l.number_of(&probs[2]), Some(1));
    assert_eq!(l.rule(&rule).unwrap().problem_ids, vec![probs[2].clone()]);
}

#[test]
fn rules_register_links_both_ways() {
    let (mut doc, _c, probs) = small_ledger();
    let r = doc
        .add_rule(&NewRule {
            title: "财务管理制度".into(),
            ..Default::default()
        })
        .unwrap();
    doc.link_rule(&r, &probs[2], true).unwrap();
    doc.link_rule(&r, &probs[0], true).unwrap();
    doc.set_rule_kind(&r, RuleKind::Revised).unwrap();
    doc.set_rule_date(&r, "2024/5/6").unwrap();
    doc.set_rule_title(&r, "财务管理办法").unwrap();
    let l = doc.read().unwrap();
    let rule = l.rule(&r).unwrap();
    assert_eq!(rule.title, "财务管理办法");
    assert_eq!(rule.kind, RuleKind::Revised);
    assert_eq!(rule.date, Some(day(2024, 5, 6)));
    assert_eq!(
        rule.problem_ids,
        vec![probs[0].clone(), probs[2].clone()],
        "in ledger order"
    );
    assert_eq!(l.rules_of(&probs[2]).count(), 1);
    doc.link_rule(&r, &probs[0], false).unwrap();
    assert_eq!(doc.read().unwrap().rule(&r).unwrap().problem_ids.len(), 1);
    doc.delete_rule(&r).unwrap();
    assert!(doc.read().unwrap().rules.is_empty());
}

#[test]
fn filter_and_counts() {
    let (mut doc, _c, probs) = small_ledger();
    let today = day(2024, 6, 10);
    doc.set_problem_field(&probs[0], ProblemField::Deadline, "2024-06-01")
        .unwrap(); // red
    doc.set_problem_field(&probs[1], ProblemField::Deadline, "2024-06-15")
        .unwrap(); // yellow
    doc.set_problem_field(&probs[2], ProblemField::Deadline, "2024-06-01")
        .unwrap();
    doc.set_status(&probs[2], &Status::Done, today).unwrap(); // green (done)
    doc.set_departments(&probs[1], &["财务办".into()]).unwrap();
    doc.set_status(&probs[1], &Status::InProgress, today)
        .unwrap();
    let l = doc.read().unwrap();
    let shown = |f: Filter| {
        f.apply(&l, today)
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(Filter::default()).len(), 3);
    assert_eq!(
        shown(Filter {
            light: Some(Light::Red),
            ..Default::default()
        }),
        vec![probs[0].clone()]
    );
    assert_eq!(
        shown(Filter {
            light: Some(Light::Yellow),
            ..Default::default()
        }),
        vec![probs[1].clone()]
    );
    assert_eq!(
        shown(Filter {
            status: Some(Status::Done),
            ..Default::default()
        }),
        vec![probs[2].clone()]
    );
    assert_eq!(
        shown(Filter {
            department: Some("财务办".into()),
            ..Default::default()
        }),
        vec![probs[1].clone()]
    );
    assert_eq!(
        shown(Filter {
            text: "饭堂".into(),
            ..Default::default()
        }),
        vec![probs[2].clone()]
    );
    assert_eq!(
        shown(Filter {
            text: "财务管理".into(),
            ..Default::default()
        }),
        vec![probs[2].clone()],
        "category title matches"
    );
    assert_eq!(
        shown(Filter {
            text: "2".into(),
            ..Default::default()
        }),
        vec![probs[1].clone()],
        "number matches"
    );
    assert!(
        shown(Filter {
            text: "饭堂 会议".into(),
            ..Default::default()
        })
        .is_empty(),
        "all words must match"
    );
    let c = LedgerCounts::of(&l, today);
    assert_eq!(
        (
            c.problems.total,
            c.problems.red,
            c.problems.yellow,
            c.problems.green
        ),
        (3, 1, 1, 1)
    );
    assert_eq!(
        (
            c.problems.not_started,
            c.problems.in_progress,
            c.problems.finished()
        ),
        (1, 1, 1)
    );
    assert_eq!((c.categories, c.categories_finished), (2, 1));
}

#[test]
fn an_empty_category_is_not_counted_finished() {
    let mut doc = LedgerDoc::create("空", None, T0);
    doc.add_category("无问题的类别").unwrap();
    let c = LedgerCounts::of(&doc.read().unwrap(), day(2024, 1, 1));
    assert_eq!(
        (c.categories, c.categories_finished, c.problems.total),
        (1, 0, 0)
    );
}

#[test]
fn changes_are_attributed_to_my_name_and_commits_carry_time() {
    let (mut doc, _c, probs) = small_ledger();
    let actor = doc.actor_hex();
    assert_eq!(doc.person(&actor).as_deref(), Some("张三"));
    doc.set_author(Some("李四"));
    doc.set_problem_field(&probs[0], ProblemField::Owner, "赵六")
        .unwrap();
    assert!(doc.has_pending());
    doc.commit(T0 + 60);
    assert!(!doc.has_pending());
    assert_eq!(doc.person(&actor).as_deref(), Some("李四"));
    // a reloaded copy writes with a new actor
    let bytes = doc.save(T0 + 61);
    let again = LedgerDoc::load(&bytes).unwrap();
    assert_ne!(again.actor_hex(), actor);
    assert_eq!(again.ledger_id(), doc.ledger_id());
}

#[test]
fn unchanged_values_write_nothing() {
    let (mut doc, _c, probs) = small_ledger();
    doc.set_problem_field(&probs[0], ProblemField::Owner, "")
        .unwrap();
    doc.set_problem_text(&probs[0], ProblemText::Cause, "")
        .unwrap();
    doc.set_departments(&probs[0], &[]).unwrap();
    assert!(!doc.has_pending());
}

#[test]
fn the_example_ledger_is_the_sample_bulletin() {
    let doc = rectify_core::file::example::create_example(Some("示例"), T0).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.categories.len(), 16);
    assert_eq!(l.problems.len(), 20);
    assert!(l.problems[0]
        .description
        .starts_with("工业园党委领导核心弱化"));
    assert!(l.problems[19].description.starts_with("2021年8月22日"));
    assert!(l
        .problems
        .iter()
        .all(|p| !p.cause.is_empty() && !p.progress.is_empty()));
    assert!(l.problems.iter().all(|p| p.status == Status::Ongoing));
    assert_eq!(l.meta.as_of, Some(day(2022, 6, 24)));
    assert_eq!(l.meta.issue_date, Some(day(2022, 6, 30)));
    assert!(l.meta.contact.contains("0763-5673980"));
    assert!(!l.rules.is_empty());
    assert!(!doc.has_pending());
    let counts = LedgerCounts::of(&l, day(2022, 6, 24));
    assert_eq!((counts.categories, counts.categories_finished), (16, 16));
}

#[test]
fn deleted_problems_go_to_the_trash_and_can_be_restored() {
    let (mut doc, cats, probs) = small_ledger();
    let r = doc
        .add_rule(&NewRule {
            title: "会议制度".into(),
            problem_ids: vec![probs[0].clone()],
            ..Default::default()
        })
        .unwrap();
    doc.delete_problem(&probs[0]).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.problems.len(), 2);
    assert_eq!(l.number_of(&probs[1]), Some(1), "numbering closes the gap");
    assert_eq!(
        l.trash.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        vec![probs[0].clone()]
    );
    assert!(
        l.rule(&r).unwrap().problem_ids.is_empty(),
        "a deleted problem is not shown as linked"
    );
    doc.restore_problem(&probs[0]).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.number_of(&probs[0]), Some(1));
    assert!(l.trash.is_empty());
    assert_eq!(
        l.rule(&r).unwrap().problem_ids,
        vec![probs[0].clone()],
        "its link comes back"
    );
    // a deleted category comes back with a restored problem
    doc.delete_category(&cats[1]).unwrap();
    assert_eq!(doc.read().unwrap().categories.len(), 1);
    doc.restore_problem(&probs[2]).unwrap();
    let l = doc.read().unwrap();
    assert_eq!(l.categories.len(), 2);
    assert_eq!(l.number_of(&probs[2]), Some(3));
}

#[test]
fn the_document_names_itself_like_the_ledger_does() {
    let (mut doc, _c, _p) = small_ledger();
    assert_eq!(doc.display_name(), "测试台账");
    doc.set_meta(MetaField::Name, " ").unwrap();
    doc.set_meta(MetaField::Title, "关于巡察整改进展情况的通报")
        .unwrap();
    assert_eq!(doc.display_name(), doc.read().unwrap().display_name());
    assert_eq!(doc.display_name(), "关于巡察整改进展情况的通报");
    doc.set_meta(MetaField::Title, "").unwrap();
    assert_eq!(doc.display_name(), "未命名台账");
    assert_eq!(doc.read().unwrap().display_name(), "未命名台账");
}

#[test]
fn a_candidate_rule_is_confirmed_by_a_person_and_the_change_merges() {
    let (mut doc, _, probs) = small_ledger();
    let id = doc
        .add_rule(&NewRule {
            title: "整改工作方案".into(),
            problem_ids: vec![probs[0].clone()],
            candidate: true,
            ..Default::default()
        })
        .unwrap();
    doc.commit(T0 + 1);
    assert!(doc.read().unwrap().rule(&id).unwrap().candidate);

    let mut other = doc.fork(T0 + 2);
    other.set_rule_candidate(&id, false).unwrap();
    other.commit(T0 + 3);
    // setting the same value again is no change
    let heads = other.heads();
    other.set_rule_candidate(&id, false).unwrap();
    other.commit(T0 + 4);
    assert_eq!(other.heads(), heads);

    doc.merge(&mut other, T0 + 5).unwrap();
    assert!(!doc.read().unwrap().rule(&id).unwrap().candidate);
    assert!(doc.set_rule_candidate("no-such-rule", false).is_err());
}

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
