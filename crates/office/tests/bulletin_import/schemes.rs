//! Other numbering schemes than the sample's: which level is the category and which the
//! problem, inferred from the text (issue 27).

use super::*;

/// Issue 27: "（1）关于…。整改情况：…" items are the problems (the labels attach to them), each
/// with its own text and status; the "1.关于…问题的整改" heading above them stays as the
/// first line of the first; the stated count (3) fits another level, so the tie is shown.
#[test]
fn scheme_a_categories_problems_and_sub_items() {
    let BulletinImport { ledger, report } = parse(SCHEME_A);
    let titles: Vec<&str> = ledger.categories.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        ["在“贯彻落实党中央决策部署”方面", "在“落实全面从严治党”方面"]
    );
    let descriptions: Vec<&str> = ledger
        .problems
        .iter()
        .map(|p| p.description.as_str())
        .collect();
    // a group's heading (1.关于…问题的整改) opens its first problem, without its own number:
    // the ledger numbers the problem
    assert_eq!(
        descriptions,
        [
            "关于“理论学习不够深入”问题的整改\n关于“中心组学习流于形式”。",
            "关于“学习记录不完整”。",
            "关于“防汛责任落实不到位”问题的整改\n关于“应急预案更新不及时”。",
            "关于“公务接待不规范”问题的整改\n关于“接待清单缺失”。",
        ]
    );
    assert_eq!(ledger.problems_in(&ledger.categories[1].id).count(), 1);
    let p1 = &ledger.problems[0];
    assert_eq!(
        p1.progress,
        "已完成。制定《局党组理论学习中心组学习制度》，每月开展专题学习。"
    );
    let statuses: Vec<Status> = ledger.problems.iter().map(|p| p.status.clone()).collect();
    assert_eq!(
        statuses,
        [Status::Done, Status::Done, Status::Done, Status::InProgress]
    );
    assert!(ledger.problems[3]
        .progress
        .ends_with("已梳理2022年以来接待记录，12月底前完成。"));
    let m = &ledger.meta;
    assert_eq!(m.header, "中共某某县水务局党组文件");
    assert_eq!(m.unit, "中共某某县水务局党组");
    assert_eq!(m.unit_short, "局党组");
    assert_eq!(m.inspection_group, "县委第二巡察组");
    assert_eq!(m.inspection_kind, "巡察");
    assert_eq!(m.feedback_date, "2023年6月15日");
    assert_eq!(m.as_of, Some(common::day(2023, 9, 30)));
    assert_eq!(m.issue_date, Some(common::day(2023, 10, 10)));
    assert_eq!(m.contact, "联系电话：0763-1234567。");
    assert_eq!(m.counting_basis, CountingBasis::Problem);
    assert_eq!(ledger.sections.next_steps, "下一步，局党组将持续抓好整改。");
    let rules: Vec<(&str, RuleKind)> = ledger
        .rules
        .iter()
        .map(|r| (r.title.as_str(), r.kind))
        .collect();
    assert_eq!(
        rules,
        [
            ("局党组理论学习中心组学习制度", RuleKind::New),
            ("水务局防汛应急预案管理办法", RuleKind::Revised)
        ]
    );
    assert_eq!(report.stated.rules, Some(2));
    assert_eq!(report.leftovers, vec![]);
    assert_eq!(
        report.warnings,
        [
            BulletinWarning::RoleTie {
                levels: vec![Marker::DigitParen, Marker::Digit]
            },
            BulletinWarning::ProblemCountDiffers {
                stated: 3,
                categories: 2,
                problems: 4
            },
            BulletinWarning::DoneCountDiffers {
                stated: 2,
                basis: CountingBasis::Problem,
                found: 3
            },
        ]
    );
    // the person chooses: the 1. level is the problems, （1） parts of them
    let chosen = parse_bulletin_with(
        SCHEME_A,
        &[
            (Marker::Digit, Role::Problem),
            (Marker::DigitParen, Role::Part),
        ],
    )
    .unwrap();
    assert_eq!(chosen.ledger.problems.len(), 3);
    assert_eq!(chosen.ledger.categories.len(), 2);
}

#[test]
fn scheme_b_problems_without_categories() {
    let BulletinImport { ledger, report } = parse(SCHEME_B);
    assert_eq!(ledger.categories.len(), 1);
    assert_eq!(ledger.categories[0].title, "巡察反馈问题整改情况");
    assert_eq!(
        ledger.sections.implementation_heading,
        "巡察反馈问题整改情况"
    );
    assert_eq!(ledger.problems.len(), 3);
    assert_eq!(
        ledger.problems[0].description,
        "关于“基层党组织生活不规范”的问题"
    );
    assert_eq!(ledger.problems[0].cause, "");
    assert_eq!(ledger.problems[0].status, Status::Done);
    assert_eq!(
        ledger.problems[1].progress,
        "一是开展村级财务专项清理。\n二是培训村级报账员，计划6月底前完成。"
    );
    assert_eq!(ledger.problems[1].status, Status::InProgress);
    assert_eq!(ledger.problems[2].status, Status::Done);
    let m = &ledger.meta;
    assert_eq!(m.header, "");
    assert_eq!(
        m.title,
        "中共某某镇委员会关于区委第一巡察组反馈意见整改进展情况的通报"
    );
    assert_eq!(m.unit, "中共某某镇委员会");
    assert_eq!(m.name, "中共某某镇委员会整改台账");
    assert_eq!(m.inspection_kind, "常规巡察");
    assert_eq!(m.inspection_from, Some(common::day(2022, 9, 5)));
    assert_eq!(m.as_of, Some(common::day(2023, 3, 31)));
    assert_eq!(m.issue_date, None);
    assert_eq!(m.signature, "");
    assert_eq!(m.counting_basis, CountingBasis::Problem);
    assert_eq!(
        ledger.sections.deployment,
        "镇党委高度重视，召开专题会议部署整改。"
    );
    assert_eq!(ledger.sections.next_steps, "持续巩固整改成果。");
    assert_eq!(ledger.rules.len(), 1);
    assert_eq!(report.leftovers, vec![]);
    // problem 2's 整改情况 says no status: 整改中 assumed, flagged
    assert_eq!(
        report.warnings,
        [BulletinWarning::StatusesToReview(vec![2])]
    );
}
