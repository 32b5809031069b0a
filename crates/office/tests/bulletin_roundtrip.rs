//! The property of 从通报导入 against the bulletin: a ledger printed as a bulletin text and
//! read back gives the same categories, problems, fields, statuses and rules, for ledgers of
//! many shapes (seeded, so a failure repeats).

#[path = "../../core/tests/common/mod.rs"]
mod common;

use rectify_core::bulletin::bulletin;
use rectify_core::ledger::{
    Category, CountingBasis, Ledger, Meta, Problem, Rule, RuleKind, Sections, Status,
};
use rectify_office::bulletin_text::parse_bulletin;

const WORDS: [&str; 10] = [
    "学习教育",
    "财务管理",
    "档案管理",
    "公务接待",
    "车辆管理",
    "合同管理",
    "资产管理",
    "意识形态",
    "党费收缴",
    "干部培训",
];

fn ledger_of(seed: u64) -> Ledger {
    let mut rng = common::lcg(seed);
    let mut next = |n: usize| rng.next().unwrap() as usize % n;
    let mut ledger = Ledger {
        meta: Meta {
            header: "中共某某县某某局党组文件".into(),
            title: "中共某某县某某局党组关于巡察整改情况的通报".into(),
            unit: "中共某某县某某局党组".into(),
            signature: "中共某某县某某局党组".into(),
            issue_date: chrono::NaiveDate::from_ymd_opt(2023, 6, 30),
            counting_basis: CountingBasis::Problem,
            ..Default::default()
        },
        sections: Sections {
            opening: "2023年3月，县委第一巡察组对某某局党组开展了巡察，指出问题1个。截至6月20日，已整改完毕事项0个，整改建章立制0项。".into(),
            deployment_heading: "加强组织领导，压实整改责任".into(),
            deployment: "局党组成立整改工作领导小组。".into(),
            implementation_heading: "聚焦反馈问题，抓好整改落实".into(),
            next_steps_heading: "下一步工作".into(),
            next_steps: "持续巩固整改成果。".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut number = 0;
    for c in 0..1 + next(4) {
        let cid = format!("c{c:02}");
        let word = WORDS[next(WORDS.len())];
        ledger.categories.push(Category {
            id: cid.clone(),
            title: format!("针对{word}不规范的问题"),
            order: format!("{c:04}"),
        });
        for _ in 0..1 + next(3) {
            number += 1;
            let id = format!("p{number:03}");
            let w = WORDS[next(WORDS.len())];
            let rule = (next(3) == 0).then(|| format!("{w}管理制度（第{number}版）"));
            let did = match &rule {
                Some(r) => format!("修订《{r}》，开展{w}专项检查"),
                None => format!("开展{w}专项检查"),
            };
            let (status, progress) = match next(3) {
                0 => (Status::Done, format!("{did}，已完成整改。")),
                1 => (Status::Ongoing, format!("整改完成，并长期坚持。{did}。")),
                _ => (Status::InProgress, format!("{did}，正在整改。")),
            };
            let cause = if next(2) == 0 {
                format!("对{w}重视不够。")
            } else {
                String::new()
            };
            ledger.problems.push(Problem {
                id: id.clone(),
                category_id: cid.clone(),
                order: format!("{number:04}"),
                description: format!("{w}制度执行不严格。"),
                cause,
                measures: String::new(),
                progress,
                lead: String::new(),
                departments: vec![],
                owner: String::new(),
                deadline: None,
                completed_on: None,
                status,
                evidence: String::new(),
                progress_log: vec![],
                basically_done: false,
                review: None,
            });
            if let Some(title) = rule {
                ledger.rules.push(Rule {
                    id: format!("r{:02}", ledger.rules.len()),
                    title,
                    kind: RuleKind::Revised,
                    date: None,
                    problem_ids: vec![id],
                    candidate: false,
                });
            }
        }
    }
    ledger
}

/// What must survive the round trip, by number.
fn essence(l: &Ledger) -> Vec<String> {
    let mut out: Vec<String> = l
        .categories
        .iter()
        .map(|c| format!("category {}", c.title))
        .collect();
    for p in &l.problems {
        let n = l.number_of(&p.id).unwrap();
        out.push(format!(
            "{n} {} | {} | {} | {:?}",
            p.description, p.cause, p.progress, p.status
        ));
    }
    for r in &l.rules {
        let numbers: Vec<usize> = r
            .problem_ids
            .iter()
            .map(|id| l.number_of(id).unwrap())
            .collect();
        out.push(format!("rule {} {:?} {numbers:?}", r.title, r.kind));
    }
    out
}

#[test]
fn a_printed_ledger_reads_back_the_same() {
    for seed in 0..200 {
        let ledger = ledger_of(seed);
        let text = bulletin(&ledger).to_text();
        let back = parse_bulletin(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        assert_eq!(
            essence(&back.ledger),
            essence(&ledger),
            "seed {seed}\n{text}"
        );
        assert_eq!(back.report.leftovers, vec![], "seed {seed}");
    }
}
