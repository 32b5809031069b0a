//! The figures of the 进度 view on ledgers built for the test, with known answers: empty,
//! all done, all overdue, no deadlines, several departments, weeks across a new year, the example.

mod common;
use common::*;

use chrono::NaiveDate;
use rectify_core::document::{LedgerDoc, ProblemField};
use rectify_core::ledger::progress::{segments, NO_CATEGORY, NO_DEPARTMENT};
use rectify_core::ledger::{Light, Progress, Status};

fn progress(doc: &LedgerDoc, today: NaiveDate) -> Progress {
    Progress::of(&doc.read().unwrap(), today)
}

fn set(doc: &mut LedgerDoc, id: &str, status: Status, deadline: &str, completed_on: &str) {
    doc.set_problem_field(id, ProblemField::Deadline, deadline)
        .unwrap();
    doc.set_problem_field(id, ProblemField::CompletedOn, completed_on)
        .unwrap();
    doc.set_status(id, &status, day(2000, 1, 1)).unwrap();
}

/// (name, problems, finished, red, yellow) of each row, in the order shown.
fn rows(
    rows: &[rectify_core::ledger::progress::GroupRow],
) -> Vec<(String, usize, usize, usize, usize)> {
    rows.iter()
        .map(|r| {
            (
                r.name.clone(),
                r.counts.total,
                r.counts.finished(),
                r.counts.red,
                r.counts.yellow,
            )
        })
        .collect()
}

#[test]
fn an_empty_ledger_has_no_rates_and_nothing_to_draw() {
    let doc = LedgerDoc::create("空台账", None, T0);
    let p = progress(&doc, day(2024, 6, 1));
    assert_eq!(p.problems.total, 0);
    assert_eq!(p.rate.label(), "—");
    assert_eq!(p.category_rate.label(), "—");
    assert!(p.by_category.is_empty() && p.by_department.is_empty());
    assert!(p.timeline.weeks.is_empty() && p.timeline.cumulative.is_empty());
    assert!(p.warnings.is_empty());
    assert_eq!(
        segments(&p.problems)
            .iter()
            .map(|s| (s.label.as_str(), s.count))
            .collect::<Vec<_>>(),
        [("未启动", 0), ("整改中", 0), ("已完成", 0), ("长期坚持", 0)]
    );
}

#[test]
fn a_category_without_problems_is_not_finished() {
    let mut doc = LedgerDoc::create("台账", None, T0);
    let c1 = doc.add_category("有问题的类别").unwrap();
    doc.add_category("尚未录入问题的类别").unwrap();
    let p1 = doc.add_problem(&c1, "问题").unwrap();
    set(&mut doc, &p1, Status::Done, "", "2024-05-01");
    let p = progress(&doc, day(2024, 6, 1));
    assert_eq!((p.category_rate.part, p.category_rate.whole), (1, 2));
    assert_eq!(p.category_rate.label(), "50%");
    assert_eq!(p.rate.label(), "100%");
    // the empty category has no rate: it is listed last, not as the most behind
    assert_eq!(
        rows(&p.by_category),
        [
            ("有问题的类别".to_string(), 1, 1, 0, 0),
            ("尚未录入问题的类别".to_string(), 0, 0, 0, 0)
        ]
    );
    assert_eq!(p.by_category[1].rate.label(), "—");
}

#[test]
fn all_done() {
    let (mut doc, _, probs) = small_ledger();
    set(
        &mut doc,
        &probs[0],
        Status::Done,
        "2024-05-31",
        "2024-05-20",
    );
    set(
        &mut doc,
        &probs[1],
        Status::Ongoing,
        "2024-05-31",
        "2024-06-03",
    );
    set(
        &mut doc,
        &probs[2],
        Status::Done,
        "2024-06-30",
        "2024-05-28",
    );
    let p = progress(&doc, day(2024, 7, 1));
    assert_eq!(
        (p.problems.done, p.problems.ongoing, p.problems.total),
        (2, 1, 3)
    );
    assert_eq!(p.rate.label(), "100%");
    assert_eq!(p.category_rate.label(), "100%");
    assert_eq!(
        (p.problems.red, p.problems.yellow, p.problems.green),
        (0, 0, 3)
    );
    assert!(
        p.warnings.is_empty(),
        "finished problems are green, even late ones"
    );
    let last = p.timeline.cumulative.last().unwrap();
    assert_eq!(
        (last.date, last.completed, last.due),
        (day(2024, 6, 30), 3, 3)
    );
}

#[test]
fn all_overdue() {
    let (mut doc, _, probs) = small_ledger();
    set(&mut doc, &probs[0], Status::InProgress, "2024-05-31", "");
    set(&mut doc, &probs[1], Status::NotStarted, "2024-05-20", "");
    set(&mut doc, &probs[2], Status::InProgress, "2024-05-25", "");
    doc.set_problem_field(&probs[1], ProblemField::Owner, "李四")
        .unwrap();
    doc.set_departments(&probs[1], &["党政办公室".to_string()])
        .unwrap();
    let p = progress(&doc, day(2024, 6, 1));
    assert_eq!(p.rate.label(), "0%");
    assert_eq!(p.category_rate.label(), "0%");
    assert_eq!(
        (p.problems.red, p.problems.yellow, p.problems.green),
        (3, 0, 0)
    );
    let list: Vec<(usize, String)> = p
        .warnings
        .iter()
        .map(|w| (w.number, w.days_label()))
        .collect();
    assert_eq!(
        list,
        [
            (2, "逾期 12 天".to_string()),
            (3, "逾期 7 天".to_string()),
            (1, "逾期 1 天".to_string())
        ]
    );
    let first = &p.warnings[0];
    assert_eq!(first.problem_id, probs[1]);
    assert_eq!(first.title, "会议记录不规范");
    assert_eq!(first.owner, "李四");
    assert_eq!(first.departments, ["党政办公室"]);
    assert_eq!(first.light, Light::Red);
    // both categories are at 0%; the one with more red lights is more behind
    assert_eq!(
        rows(&p.by_category),
        [
            ("针对会议制度的问题".to_string(), 2, 0, 2, 0),
            ("针对财务管理的问题".to_string(), 1, 0, 1, 0)
        ]
    );
    assert_eq!(
        p.timeline.cumulative.last().map(|c| (c.completed, c.due)),
        Some((0, 3))
    );
}

#[test]
fn problems_without_deadlines_are_counted_not_dropped() {
    let (mut doc, _, probs) = small_ledger();
    // finished without a 完成时间, finished with one, and open without a deadline
    set(&mut doc, &probs[0], Status::Done, "", "2024-05-02");
    doc.set_problem_field(&probs[0], ProblemField::CompletedOn, "")
        .unwrap();
    set(&mut doc, &probs[1], Status::Done, "", "2024-05-02");
    set(&mut doc, &probs[2], Status::InProgress, "", "");
    let p = progress(&doc, day(2024, 6, 1));
    assert_eq!(p.rate.label(), "66.7%");
    assert_eq!(p.timeline.without_deadline, 3);
    assert_eq!(p.timeline.finished_without_date, 1);
    let points: Vec<(NaiveDate, usize, usize)> = p
        .timeline
        .cumulative
        .iter()
        .map(|c| (c.date, c.completed, c.due))
        .collect();
    assert_eq!(points, [(day(2024, 5, 2), 1, 0)]);
    assert_eq!(p.problems.green, 3, "no deadline, no warning light");
    assert!(p.warnings.is_empty());
}

#[test]
fn several_departments_and_none() {
    let (mut doc, _, probs) = small_ledger();
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    doc.set_departments(&probs[0], &names(&["组织人事部", "党政办公室"]))
        .unwrap();
    doc.set_departments(&probs[1], &names(&["组织人事部"]))
        .unwrap();
    set(&mut doc, &probs[1], Status::Done, "", "2024-05-02");
    set(&mut doc, &probs[0], Status::InProgress, "2024-06-05", "");
    let p = progress(&doc, day(2024, 6, 1));
    assert_eq!(
        rows(&p.by_department),
        [
            // 0 of 1 done, but one yellow light beats none
            ("党政办公室".to_string(), 1, 0, 0, 1),
            (NO_DEPARTMENT.to_string(), 1, 0, 0, 0),
            ("组织人事部".to_string(), 2, 1, 0, 1),
        ]
    );
    assert_eq!(p.by_department[2].rate.label(), "50%");
    // a problem is counted once overall, though it sits in two departments
    assert_eq!(p.problems.total, 3);
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(p.warnings[0].days_label(), "剩 4 天");
    assert_eq!(p.warnings[0].light, Light::Yellow);
}

#[test]
fn weeks_span_the_year_boundary() {
    let (mut doc, _, probs) = small_ledger();
    set(
        &mut doc,
        &probs[0],
        Status::Done,
        "2024-12-31",
        "2024-12-23",
    ); // Mon, 2024-W52
    set(
        &mut doc,
        &probs[1],
        Status::Done,
        "2025-01-10",
        "2024-12-31",
    ); // Tue, 2025-W01
    set(
        &mut doc,
        &probs[2],
        Status::Ongoing,
        "2025-01-10",
        "2025-01-19",
    ); // Sun, 2025-W03
    let p = progress(&doc, day(2025, 2, 1));
    let weeks: Vec<(String, NaiveDate, usize)> = p
        .timeline
        .weeks
        .iter()
        .map(|w| (w.label(), w.start, w.completed))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2024-W52".to_string(), day(2024, 12, 23), 1),
            ("2025-W01".to_string(), day(2024, 12, 30), 1),
            ("2025-W02".to_string(), day(2025, 1, 6), 0),
            ("2025-W03".to_string(), day(2025, 1, 13), 1),
        ]
    );
    let points: Vec<(NaiveDate, usize, usize)> = p
        .timeline
        .cumulative
        .iter()
        .map(|c| (c.date, c.completed, c.due))
        .collect();
    assert_eq!(
        points,
        [
            (day(2024, 12, 23), 1, 0),
            (day(2024, 12, 31), 2, 1),
            (day(2025, 1, 10), 2, 3),
            (day(2025, 1, 19), 3, 3),
        ]
    );
}

#[test]
fn unknown_status_codes_count_as_not_done_and_orphans_get_a_row() {
    let (doc, _, probs) = small_ledger();
    let mut l = doc.read().unwrap();
    l.problems[0].status = Status::from_code("signed_off");
    l.problems[2].category_id = "gone".into();
    let p = Progress::of(&l, day(2024, 6, 1));
    assert_eq!(p.problems.other, 1);
    assert_eq!(p.rate.label(), "0%");
    let other = segments(&p.problems);
    assert_eq!(
        other.last().map(|s| (s.label.as_str(), s.count)),
        Some(("其他状态", 1))
    );
    assert!(p
        .by_category
        .iter()
        .any(|r| r.name == NO_CATEGORY && r.counts.total == 1));
    assert_eq!(l.problems[2].id, probs[2]);
}

#[test]
fn the_example_ledger_is_all_finished_by_its_as_of_date() {
    let doc = rectify_core::file::example::create_example(Some("示例"), T0).unwrap();
    let p = progress(&doc, day(2022, 6, 24));
    assert_eq!((p.problems.total, p.problems.ongoing), (20, 20));
    assert_eq!(p.rate.label(), "100%");
    assert_eq!((p.category_rate.part, p.category_rate.whole), (16, 16));
    assert!(p.warnings.is_empty());
    let departments: Vec<(String, usize)> = p
        .by_department
        .iter()
        .map(|r| (r.name.clone(), r.counts.total))
        .collect();
    assert_eq!(
        departments,
        [
            ("党政办公室".to_string(), 5),
            ("工会委员会".to_string(), 2),
            ("招商服务部".to_string(), 2),
            ("组织人事部".to_string(), 9),
            ("财政金融局".to_string(), 8),
        ]
    );
    let weeks: Vec<usize> = p.timeline.weeks.iter().map(|w| w.completed).collect();
    assert_eq!(weeks, [2, 2, 1, 2, 1, 2, 2, 2, 3, 3]);
    assert_eq!(p.timeline.weeks[0].label(), "2022-W16");
    let at = |d: NaiveDate| {
        p.timeline
            .cumulative
            .iter()
            .find(|c| c.date == d)
            .map(|c| (c.completed, c.due))
    };
    assert_eq!(at(day(2022, 5, 31)), Some((11, 13)));
    assert_eq!(at(day(2022, 6, 24)), Some((20, 17)));
    assert_eq!(at(day(2022, 6, 30)), Some((20, 20)));
    assert_eq!(p.timeline.cumulative.len(), 22);
    assert_eq!(
        (
            p.timeline.without_deadline,
            p.timeline.finished_without_date
        ),
        (0, 0)
    );
    // reopened and past its deadline, a problem turns red at once
    let mut doc = doc;
    let id = doc.read().unwrap().problems[3].id.clone();
    doc.set_status(&id, &Status::InProgress, day(2022, 6, 24))
        .unwrap();
    let p = progress(&doc, day(2022, 6, 24));
    assert_eq!(p.rate.label(), "95%");
    assert_eq!(p.category_rate.label(), "93.8%");
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        (p.warnings[0].number, p.warnings[0].days_label()),
        (4, "逾期 24 天".to_string())
    );
    assert_eq!(p.by_category[0].counts.red, 1);
}
