//! 周报告: the weekly report on a scripted week with known answers, a ledger created during
//! the week, a quiet week, week boundaries, markup kept as text, and one full text snapshot.

mod common;
use common::*;

use chrono::NaiveDate;
use rectify_core::document::{LedgerDoc, NewRule, ProblemField};
use rectify_core::ledger::{
    weekly_report, weekly_report_with, Ledger, Period, ReportCounts, RuleKind, Status,
};

/// The week of Monday 3 June 2024 to Sunday 9 June 2024.
/// A day after every period of these tests: overdue is measured to the period's end.
const LATER: NaiveDate = match NaiveDate::from_ymd_opt(2030, 1, 1) {
    Some(d) => d,
    None => panic!(),
};

fn week() -> Period {
    Period::week_of(day(2024, 6, 5))
}

struct Week {
    before: Ledger,
    after: Ledger,
    /// p1 未启动→整改中, p2 整改中→已完成, p3 overdue for long, p4 becomes overdue,
    /// p5 deleted in the week, p6 added in the week
    p: Vec<String>,
    /// r0 confirmed before, r1 待确认 before and confirmed in the week, r2 new, r3 new 待确认
    r: Vec<String>,
    /// e_old (p2, before the week), e_ahead (p3, written before, dated in the week),
    /// e_in (p1, added, dated in the week), e_late (p3, added, dated the week before)
    e: Vec<String>,
}

fn scripted_week() -> Week {
    let (mut doc, cats, mut p) = small_ledger();
    let (c1, c2) = (&cats[0], &cats[1]);
    let today = day(2024, 5, 31);
    doc.set_status(&p[1], &Status::InProgress, today).unwrap();
    doc.set_status(&p[2], &Status::InProgress, today).unwrap();
    doc.set_problem_field(&p[2], ProblemField::Deadline, "2024-05-01")
        .unwrap();
    doc.set_problem_field(&p[2], ProblemField::Owner, "李四")
        .unwrap();
    let p4 = doc.add_problem(c2, "公务接待超标准").unwrap();
    doc.set_status(&p4, &Status::InProgress, today).unwrap();
    doc.set_problem_field(&p4, ProblemField::Deadline, "2024-06-05")
        .unwrap();
    let p5 = doc.add_problem(c2, "重复录入的问题").unwrap();
    p.push(p4.clone());
    p.push(p5.clone());
    let r0 = doc
        .add_rule(&NewRule {
            title: "财务报销管理办法".into(),
            date: Some(day(2024, 5, 10)),
            problem_ids: vec![p[2].clone()],
            ..Default::default()
        })
        .unwrap();
    let r1 = doc
        .add_rule(&NewRule {
            title: "公务接待管理规定".into(),
            date: Some(day(2024, 5, 20)),
            candidate: true,
            ..Default::default()
        })
        .unwrap();
    let e_old = doc
        .add_progress_entry(&p[1], Some(day(2024, 5, 20)), "张三", "已起草整改方案")
        .unwrap();
    let e_ahead = doc
        .add_progress_entry(&p[2], Some(day(2024, 6, 7)), "李四", "计划召开财务专题会")
        .unwrap();
    doc.commit(T0 + 10);
    let before = doc.read().unwrap();

    // the week
    doc.set_status(&p[0], &Status::InProgress, day(2024, 6, 3))
        .unwrap();
    doc.set_status(&p[1], &Status::Done, day(2024, 6, 5))
        .unwrap();
    doc.set_problem_field(&p[1], ProblemField::Owner, "王五")
        .unwrap();
    doc.set_departments(&p[1], &["党政办".into(), "纪检办".into()])
        .unwrap();
    let p6 = doc.add_problem(c1, "会前未征求意见").unwrap();
    doc.delete_problem(&p5).unwrap();
    p.push(p6);
    let e_in = doc
        .add_progress_entry(&p[0], Some(day(2024, 6, 4)), "张三", "召开专题会议研究整改")
        .unwrap();
    let e_late = doc
        .add_progress_entry(&p[2], Some(day(2024, 5, 31)), "李四", "补齐发票12张")
        .unwrap();
    doc.set_rule_candidate(&r1, false).unwrap();
    let r2 = doc
        .add_rule(&NewRule {
            title: "党委会议议事规则".into(),
            kind: Some(RuleKind::Revised),
            date: Some(day(2024, 6, 6)),
            problem_ids: vec![p[1].clone(), p[0].clone()],
            ..Default::default()
        })
        .unwrap();
    let r3 = doc
        .add_rule(&NewRule {
            title: "会前征求意见工作方案".into(),
            date: Some(day(2024, 6, 7)),
            candidate: true,
            ..Default::default()
        })
        .unwrap();
    doc.commit(T0 + 20);
    let after = doc.read().unwrap();
    Week {
        before,
        after,
        p,
        r: vec![r0, r1, r2, r3],
        e: vec![e_old, e_ahead, e_in, e_late],
    }
}

#[test]
fn a_scripted_week_reports_what_changed() {
    let w = scripted_week();
    let report = weekly_report(Some(&w.before), &w.after, week(), LATER);
    assert_eq!(report.period.from, day(2024, 6, 3));
    assert_eq!(report.period.to, day(2024, 6, 9));
    assert!(!report.is_empty());

    // counts: p1..p5 at the start; p1..p4 and p6 at the end
    assert_eq!(
        report.start,
        ReportCounts {
            problems: 5,
            finished: 0,
            in_progress: 3,
            not_started: 2,
            categories: 2,
            categories_finished: 0,
            rules: 1,
        }
    );
    assert_eq!(
        report.end,
        ReportCounts {
            problems: 5,
            finished: 1,
            in_progress: 3,
            not_started: 1,
            categories: 2,
            categories_finished: 0,
            rules: 3,
        }
    );

    // numbering at the end: 类别一 p1, p2, p6; 类别二 p3, p4
    let changes: Vec<(&str, usize, Status, Status)> = report
        .status_changes
        .iter()
        .map(|c| {
            (
                c.problem_id.as_str(),
                c.number,
                c.from.clone(),
                c.to.clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (w.p[0].as_str(), 1, Status::NotStarted, Status::InProgress),
            (w.p[1].as_str(), 2, Status::InProgress, Status::Done),
        ],
        "the new problem has no status change; the deleted one is listed as removed"
    );
    assert_eq!(report.status_changes[1].title, "会议记录不规范");
    assert_eq!(report.status_changes[1].category, "针对会议制度的问题");

    assert_eq!(report.completed.len(), 1);
    let done = &report.completed[0];
    assert_eq!(
        (done.problem_id.as_str(), done.number),
        (w.p[1].as_str(), 2)
    );
    assert_eq!(done.completed_on, Some(day(2024, 6, 5)));
    assert_eq!(done.owner, "王五");
    assert_eq!(done.departments, ["党政办", "纪检办"]);

    // entries: the one added and dated in the week, the late one (added now, dated the week
    // before), and the one written before the week but dated inside it; not the old one
    let entries: Vec<(&str, usize)> = report
        .progress
        .iter()
        .map(|e| (e.entry_id.as_str(), e.number))
        .collect();
    assert_eq!(
        entries,
        [
            (w.e[2].as_str(), 1),
            (w.e[3].as_str(), 4),
            (w.e[1].as_str(), 4)
        ],
        "by problem number, then date"
    );
    assert!(!entries.iter().any(|(id, _)| *id == w.e[0]));
    assert_eq!(report.progress[0].author, "张三");
    assert_eq!(report.progress[0].text, "召开专题会议研究整改");
    assert_eq!(report.progress[0].date, Some(day(2024, 6, 4)));
    assert_eq!(report.progress[0].title, "班子会议代替党委会议");

    let new: Vec<(&str, usize)> = report
        .new_problems
        .iter()
        .map(|p| (p.problem_id.as_str(), p.number))
        .collect();
    assert_eq!(new, [(w.p[5].as_str(), 3)]);
    let removed: Vec<(&str, usize, &str)> = report
        .removed_problems
        .iter()
        .map(|p| (p.problem_id.as_str(), p.number, p.title.as_str()))
        .collect();
    assert_eq!(
        removed,
        [(w.p[4].as_str(), 5, "重复录入的问题")],
        "numbered as it was in the ledger at the start"
    );

    let rules: Vec<(&str, bool, bool, Vec<usize>)> = report
        .new_rules
        .iter()
        .map(|r| {
            (
                r.rule_id.as_str(),
                r.candidate,
                r.confirmed_in_period,
                r.problems.clone(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            (w.r[1].as_str(), false, true, vec![]),
            (w.r[2].as_str(), false, false, vec![1, 2]),
            (w.r[3].as_str(), true, false, vec![]),
        ],
        "the rule confirmed before the week is not new"
    );

    // red on Sunday: p3 (deadline 1 May) and p4 (deadline 5 June, still open)
    let overdue: Vec<(&str, usize, Option<i64>)> = report
        .overdue
        .iter()
        .map(|p| (p.problem_id.as_str(), p.number, p.days_overdue))
        .collect();
    assert_eq!(
        overdue,
        [
            (w.p[2].as_str(), 4, Some(39)),
            (w.p[3].as_str(), 5, Some(4))
        ],
        "most overdue first"
    );

    let text = report.to_text("测试台账");
    assert!(text.starts_with("测试台账整改工作周报告（2024年6月3日至6月9日）\n"));
    for line in [
        "问题总数：5个 → 5个",
        "已完成（含长期坚持）：0个 → 1个",
        "完成率：0.0% → 20.0%",
        "建章立制：1项 → 3项",
        "1. 问题2“会议记录不规范”：已完成，完成时间6月5日，责任人王五，责任部门党政办、纪检办",
        "2. 问题2“会议记录不规范”：整改中 → 已完成",
        "2. 问题4“饭堂支出无发票入账”，5月31日（补记），李四：补齐发票12张",
        "3. 问题4“饭堂支出无发票入账”，6月7日，李四：计划召开财务专题会",
        "1. 《公务接待管理规定》（新建，5月20日，本周确认）",
        "2. 《党委会议议事规则》（修订，6月6日，关联问题1、2）",
        "3. 《会前征求意见工作方案》（新建，6月7日，待确认，不计入建章立制数）",
        "1. 问题4“饭堂支出无发票入账”：整改中，整改时限5月1日，已逾期39天，责任人李四",
        "新增1个：",
        "1. 问题3“会前未征求意见”（针对会议制度的问题），未启动",
        "删除（已移入回收站）1个：",
        "1. 原问题5“重复录入的问题”（针对财务管理的问题），未启动",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing line {line:?} in\n{text}"
        );
    }
    assert!(!text.lines().any(|l| l == "无"), "{text}");
}

#[test]
fn problems_created_during_the_week_report_their_status_changes() {
    let mut doc = LedgerDoc::create("新建台账", Some("张三"), T0);
    let c = doc.add_category("针对作风建设的问题").unwrap();
    let a = doc.add_problem(&c, "整治形式主义").unwrap();
    let b = doc.add_problem(&c, "整改文山会海").unwrap();
    let d = doc.add_problem(&c, "清理违规车辆").unwrap();
    let e = doc.add_problem(&c, "规范公务接待").unwrap();
    doc.set_status(&b, &Status::InProgress, day(2024, 6, 3))
        .unwrap();
    doc.commit(T0 + 10);
    // six status changes, each saved on its own; e goes there and back
    let steps = [
        (&a, Status::InProgress),
        (&b, Status::Done),
        (&a, Status::Done),
        (&d, Status::Ongoing),
        (&e, Status::InProgress),
        (&e, Status::NotStarted),
    ];
    for (i, (p, status)) in steps.into_iter().enumerate() {
        doc.set_status(p, &status, day(2024, 6, 4)).unwrap();
        doc.commit(T0 + 20 + i as i64);
    }
    let after = doc.read().unwrap();

    let created = doc.statuses_at_creation(T0 - 1);
    assert_eq!(created.get(&b), Some(&Status::InProgress), "{created:?}");
    let report = weekly_report_with(None, &after, week(), LATER, &created);
    let changes: Vec<(&str, &Status, &Status)> = report
        .status_changes
        .iter()
        .map(|c| (c.problem_id.as_str(), &c.from, &c.to))
        .collect();
    assert_eq!(
        changes,
        [
            (a.as_str(), &Status::NotStarted, &Status::Done),
            (b.as_str(), &Status::InProgress, &Status::Done),
            (d.as_str(), &Status::NotStarted, &Status::Ongoing),
        ],
        "from the status each was created with to the one at the end"
    );
    let text = report.to_text("新建台账");
    assert!(
        text.contains("三、状态变化\n1. 问题1“整治形式主义”：未启动 → 已完成\n"),
        "{text}"
    );
    assert_eq!(report.new_problems.len(), 4, "still listed as new");

    // problems made before `since` (restored from 回收站, or older) are left out
    assert!(doc.statuses_at_creation(T0 + 100).is_empty());
}

#[test]
fn a_ledger_created_during_the_week_is_all_new() {
    let mut doc = LedgerDoc::create("新建台账", Some("张三"), T0);
    let c = doc.add_category("针对作风建设的问题").unwrap();
    let done_now = doc.add_problem(&c, "整治形式主义").unwrap();
    let done_long_ago = doc.add_problem(&c, "清理违规车辆").unwrap();
    let open = doc.add_problem(&c, "整改文山会海").unwrap();
    doc.set_status(&done_now, &Status::Done, day(2024, 6, 4))
        .unwrap();
    doc.set_problem_field(&done_long_ago, ProblemField::CompletedOn, "2023-03-01")
        .unwrap();
    doc.set_status(&done_long_ago, &Status::Ongoing, day(2024, 6, 4))
        .unwrap();
    let entry = doc
        .add_progress_entry(&open, Some(day(2024, 5, 2)), "张三", "已制定方案")
        .unwrap();
    let rule = doc
        .add_rule(&NewRule {
            title: "会议管理办法".into(),
            ..Default::default()
        })
        .unwrap();
    let after = doc.read().unwrap();

    let report = weekly_report(None, &after, week(), LATER);
    assert_eq!(report.start, ReportCounts::default());
    assert_eq!(report.end.problems, 3);
    assert_eq!(report.end.finished, 2);
    assert_eq!(report.end.categories_finished, 0);
    assert_eq!(report.end.rules, 1);
    assert_eq!(report.new_problems.len(), 3);
    assert!(report.removed_problems.is_empty());
    assert!(
        report.status_changes.is_empty(),
        "a new problem has no earlier status"
    );
    let completed: Vec<&str> = report
        .completed
        .iter()
        .map(|p| p.problem_id.as_str())
        .collect();
    assert_eq!(
        completed,
        [done_now.as_str()],
        "a problem entered as finished in 2023 was not completed this week"
    );
    let entries: Vec<&str> = report
        .progress
        .iter()
        .map(|e| e.entry_id.as_str())
        .collect();
    assert_eq!(entries, [entry.as_str()], "every entry is new");
    let rules: Vec<&str> = report
        .new_rules
        .iter()
        .map(|r| r.rule_id.as_str())
        .collect();
    assert_eq!(rules, [rule.as_str()]);
    let text = report.to_text("新建台账");
    assert!(text.contains("\n问题总数：0个 → 3个\n"), "{text}");
    assert!(text.contains("\n完成率：— → 66.7%\n"), "{text}");
    assert!(text.contains("\n新增3个：\n"), "{text}");
    assert!(text.contains("\n删除（已移入回收站）：无\n"), "{text}");
}

#[test]
fn a_quiet_week_is_empty_and_says_so() {
    let (mut doc, _cats, p) = small_ledger();
    doc.set_status(&p[0], &Status::Done, day(2024, 5, 1))
        .unwrap();
    doc.set_problem_field(&p[1], ProblemField::Deadline, "2024-12-31")
        .unwrap();
    doc.add_progress_entry(&p[1], Some(day(2024, 5, 20)), "张三", "已起草方案")
        .unwrap();
    doc.add_rule(&NewRule {
        title: "议事规则".into(),
        ..Default::default()
    })
    .unwrap();
    let ledger = doc.read().unwrap();
    let report = weekly_report(Some(&ledger), &ledger, week(), LATER);
    assert!(report.is_empty());
    assert_eq!(report.start, report.end);
    assert!(report.overdue.is_empty());
    let text = report.to_text("测试台账");
    let lines: Vec<&str> = text.lines().collect();
    for heading in [
        "二、本周完成整改的问题",
        "三、状态变化",
        "四、整改进展",
        "五、新增建章立制",
        "六、逾期未完成（截至6月9日）",
        "七、新增/删除的问题",
    ] {
        let at = lines
            .iter()
            .position(|l| *l == heading)
            .unwrap_or_else(|| panic!("no {heading} in\n{text}"));
        assert_eq!(lines[at + 1], "无", "{heading} in\n{text}");
    }
    assert_eq!(lines.iter().filter(|l| **l == "无").count(), 6);

    // an overdue problem is a standing state, not a change: still empty, but listed
    let later = Period::week_of(day(2025, 1, 8));
    let report = weekly_report(Some(&ledger), &ledger, later, LATER);
    assert!(report.is_empty());
    assert_eq!(report.overdue.len(), 1);
    assert_eq!(report.overdue[0].days_overdue, Some(12));
}

#[test]
fn weeks_run_monday_to_sunday_across_years() {
    let sunday = Period::week_of(day(2024, 6, 9));
    assert_eq!((sunday.from, sunday.to), (day(2024, 6, 3), day(2024, 6, 9)));
    assert_eq!(Period::week_of(day(2024, 6, 3)), sunday, "Monday");
    assert_eq!(sunday.label(), "2024年6月3日至6月9日");
    assert!(sunday.is_week());

    let new_year = Period::week_of(day(2025, 1, 1));
    assert_eq!(
        (new_year.from, new_year.to),
        (day(2024, 12, 30), day(2025, 1, 5))
    );
    assert_eq!(Period::week_of(day(2024, 12, 30)), new_year);
    assert_eq!(Period::week_of(day(2025, 1, 5)), new_year);
    assert_eq!(new_year.label(), "2024年12月30日至2025年1月5日");

    let one_day = Period::new(day(2024, 6, 5), day(2024, 6, 5));
    assert_eq!(one_day.label(), "2024年6月5日");
    assert!(!one_day.is_week());
    let month = Period::new(day(2024, 6, 30), day(2024, 6, 1));
    assert_eq!(month.label(), "2024年6月1日至6月30日");
    assert!(month.contains(day(2024, 6, 30)) && !month.contains(day(2024, 7, 1)));
}

#[test]
fn markup_in_texts_stays_literal() {
    let (mut doc, _cats, p) = small_ledger();
    let before = doc.read().unwrap();
    doc.set_problem_text(
        &p[0],
        rectify_core::document::ProblemText::Description,
        "<script>alert(1)</script>&amp;会议",
    )
    .unwrap();
    doc.set_status(&p[0], &Status::InProgress, day(2024, 6, 4))
        .unwrap();
    doc.add_progress_entry(&p[0], Some(day(2024, 6, 4)), "<b>张三</b>", "<img src=x>")
        .unwrap();
    let after = doc.read().unwrap();
    let text = weekly_report(Some(&before), &after, week(), LATER).to_text("<i>台账</i>");
    assert!(text.starts_with("<i>台账</i>整改工作周报告"), "{text}");
    assert!(
        text.contains("1. 问题1“<script>alert(1)</script>&amp;会议”：未启动 → 整改中"),
        "{text}"
    );
    assert!(
        text.contains("，6月4日，<b>张三</b>：<img src=x>"),
        "{text}"
    );
}

#[test]
fn the_full_text_of_a_small_week() {
    let mut doc = LedgerDoc::create("工业园党委巡察整改台账", Some("张三"), T0);
    let c = doc.add_category("关于党的领导弱化的问题").unwrap();
    let p1 = doc
        .add_problem(&c, "以班子会议代替党委会议讨论重大事项。具体表现为……")
        .unwrap();
    let p2 = doc.add_problem(&c, "会议记录不规范").unwrap();
    doc.set_status(&p1, &Status::InProgress, day(2024, 5, 27))
        .unwrap();
    doc.set_problem_field(&p2, ProblemField::Deadline, "2024-06-07")
        .unwrap();
    let before = doc.read().unwrap();
    doc.set_status(&p1, &Status::Done, day(2024, 6, 6)).unwrap();
    doc.set_problem_field(&p1, ProblemField::Owner, "王五")
        .unwrap();
    doc.add_progress_entry(
        &p1,
        Some(day(2024, 6, 6)),
        "张三",
        "修订议事规则\n并印发执行",
    )
    .unwrap();
    doc.add_rule(&NewRule {
        title: "《党委会议议事规则》".into(),
        kind: Some(RuleKind::Revised),
        date: Some(day(2024, 6, 6)),
        problem_ids: vec![p1.clone()],
        ..Default::default()
    })
    .unwrap();
    let after = doc.read().unwrap();
    let text =
        weekly_report(Some(&before), &after, week(), LATER).to_text("工业园党委巡察整改台账");
    assert_eq!(
        text,
        "工业园党委巡察整改台账整改工作周报告（2024年6月3日至6月9日）

一、总体情况
期初（6月3日）→ 期末（6月9日）：
问题总数：2个 → 2个
已完成（含长期坚持）：0个 → 1个
整改中：1个 → 0个
未启动：1个 → 1个
完成率：0.0% → 50.0%
反馈问题：1个 → 1个，其中已整改完毕0个 → 0个
建章立制：0项 → 1项

二、本周完成整改的问题
1. 问题1“以班子会议代替党委会议讨论重大事项”：已完成，完成时间6月6日，责任人王五

三、状态变化
1. 问题1“以班子会议代替党委会议讨论重大事项”：整改中 → 已完成

四、整改进展
1. 问题1“以班子会议代替党委会议讨论重大事项”，6月6日，张三：修订议事规则 并印发执行

五、新增建章立制
1. 《党委会议议事规则》（修订，6月6日，关联问题1）

六、逾期未完成（截至6月9日）
1. 问题2“会议记录不规范”：未启动，整改时限6月7日，已逾期2天

七、新增/删除的问题
无
"
    );
}

#[test]
fn a_restored_problem_is_new_and_a_custom_period_says_benqi() {
    let (mut doc, _cats, p) = small_ledger();
    doc.delete_problem(&p[2]).unwrap();
    let before = doc.read().unwrap();
    doc.restore_problem(&p[2]).unwrap();
    let after = doc.read().unwrap();
    let period = Period::new(day(2024, 6, 1), day(2024, 6, 30));
    let report = weekly_report(Some(&before), &after, period, LATER);
    let new: Vec<&str> = report
        .new_problems
        .iter()
        .map(|n| n.problem_id.as_str())
        .collect();
    assert_eq!(new, [p[2].as_str()]);
    assert!(report.removed_problems.is_empty());
    let text = report.to_text("测试台账");
    assert!(text.starts_with("测试台账整改工作周报告（2024年6月1日至6月30日）\n"));
    assert!(text.contains("\n二、本期完成整改的问题\n无\n"), "{text}");
}

/// On Monday 2026-12-07 the current week runs to 12-13, but overdue is counted to today: a
/// problem due 11-30 is 7 days late, one due today is not late, one due in 3 days is not
/// listed. A past week counts to its own last day.
#[test]
fn overdue_is_counted_to_today_in_the_current_week() {
    let (mut doc, _, probs) = small_ledger();
    for (p, due) in probs
        .iter()
        .zip([day(2026, 11, 30), day(2026, 12, 7), day(2026, 12, 10)])
    {
        doc.set_problem_field(p, ProblemField::Deadline, &due.to_string())
            .unwrap();
    }
    let ledger = doc.read().unwrap();
    let monday = day(2026, 12, 7);
    let report = weekly_report(Some(&ledger), &ledger, Period::week_of(monday), monday);
    assert_eq!(report.as_of, monday);
    let late: Vec<(usize, Option<i64>)> = report
        .overdue
        .iter()
        .map(|p| (p.number, p.days_overdue))
        .collect();
    assert_eq!(late, [(1, Some(7))], "only the one due 11-30, 7 days late");
    let text = report.to_text("台账");
    assert!(text.contains("六、逾期未完成（截至12月7日）"), "{text}");
    assert!(text.contains("已逾期7天"), "{text}");
    assert!(
        !text.contains("已逾期6天") && !text.contains("已逾期13天"),
        "{text}"
    );

    // last week, seen today: counted to its Sunday (11-29: nothing was late yet)
    let last = Period::week_of(day(2026, 11, 30));
    let report = weekly_report(Some(&ledger), &ledger, last, monday);
    assert_eq!(report.as_of, day(2026, 12, 6));
    assert_eq!(report.overdue.len(), 1);
    assert_eq!(report.overdue[0].days_overdue, Some(6));
}
