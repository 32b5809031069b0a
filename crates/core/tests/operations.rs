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
fn a_number_search_lists_that_problem_first_then_text_matches() {
    let (mut doc, _, probs) = small_ledger();
    doc.set_problem_text(
        &probs[0],
        ProblemText::Description,
        "4月3日班子会议代替党委会议",
    )
    .unwrap();
    let l = doc.read().unwrap();
    let today = day(2024, 6, 1);
    let shown = |text: &str| {
        let f = Filter {
            text: text.into(),
            ..Default::default()
        };
        f.apply(&l, today)
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        shown("3"),
        [probs[2].clone(), probs[0].clone()],
        "第3项 first, then the text with 4月3日"
    );
    for asked in ["第3项", "3号", "3项", "#3", "３", " 第3项 "] {
        assert_eq!(shown(asked), [probs[2].clone()], "{asked:?}");
    }
    assert_eq!(shown("4月3日"), [probs[0].clone()], "a date is text");
    assert_eq!(shown("9"), Vec::<String>::new(), "no problem 9, no text");
    let f = |t: &str| Filter {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(f("第17项").number(), Some(17));
    assert_eq!(f("17a").number(), None);
    assert_eq!(f("0").number(), None);
    assert_eq!(f("3 会议").number(), None, "a number among words is a word");
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

/// A problem set back to 整改中 or 未启动 loses its 完成时间, which would otherwise say it was
/// finished (in the checklist, the bulletin and the Excel export); finishing it again dates
/// it anew.
#[test]
fn an_unfinished_problem_has_no_completion_date() {
    let (mut doc, _, probs) = small_ledger();
    let p = &probs[0];
    let completed = |doc: &mut LedgerDoc| doc.read().unwrap().problem(p).unwrap().completed_on;
    doc.set_status(p, &Status::Done, day(2022, 5, 10)).unwrap();
    assert_eq!(completed(&mut doc), Some(day(2022, 5, 10)));
    doc.set_status(p, &Status::InProgress, day(2022, 6, 1))
        .unwrap();
    assert_eq!(completed(&mut doc), None, "整改中 with no 完成时间");
    doc.set_status(p, &Status::Ongoing, day(2022, 7, 1))
        .unwrap();
    assert_eq!(completed(&mut doc), Some(day(2022, 7, 1)));
    doc.set_status(p, &Status::NotStarted, day(2022, 8, 1))
        .unwrap();
    assert_eq!(completed(&mut doc), None, "未启动 with no 完成时间");
    // the read cache agrees with a whole read
    assert_eq!(doc.read().unwrap(), doc.read_whole().unwrap());
    // a status set again to the same unfinished value changes nothing
    doc.commit(T0 + 5);
    let heads_after_commit = doc.heads();
    doc.set_status(p, &Status::NotStarted, day(2022, 9, 1))
        .unwrap();
    doc.commit(T0 + 6);
    assert_eq!(doc.heads(), heads_after_commit);
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
