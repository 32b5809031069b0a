//! The failures issue 27 found, each as a test (each failed with the importer before the
//! rewrite): texts of the corpus (tests/fixtures/bulletins/corpus) in the shapes it named.

use rectify_core::bulletin::bulletin;
use rectify_core::import::bulletin::{BulletinImport, BulletinWarning};
use rectify_core::ledger::Status;
use rectify_office::bulletin_text::parse_bulletin;

fn corpus(name: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bulletins/corpus/"
    );
    std::fs::read_to_string(format!("{dir}{name}.txt")).unwrap()
}

fn parse(name: &str) -> BulletinImport {
    parse_bulletin(&corpus(name)).unwrap()
}

fn statuses(import: &BulletinImport) -> Vec<Status> {
    import
        .ledger
        .problems
        .iter()
        .map(|p| p.status.clone())
        .collect()
}

#[test]
fn a_second_section_of_problems_is_not_lost() {
    let got = parse("02-xuncha-sections-as-categories");
    let titles: Vec<&str> = got
        .ledger
        .categories
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, ["关于党建工作方面", "关于财务管理方面"]);
    assert_eq!(got.ledger.problems.len(), 4);
    assert!(got
        .ledger
        .rules
        .iter()
        .any(|r| r.title == "公务接待管理办法"));
}

#[test]
fn each_numbered_sub_item_with_its_own_progress_is_a_problem() {
    let got = parse("01-xuncha-three-levels");
    assert_eq!(got.ledger.problems.len(), 5, "the text states 5 具体问题");
    assert_eq!(got.ledger.categories.len(), 2, "and 2 方面");
    for p in &got.ledger.problems {
        assert!(!p.progress.contains("整改情况"), "{:?}", p.progress);
        assert_eq!(p.progress.matches('。').count(), 1, "{:?}", p.progress);
    }
}

#[test]
fn a_problem_heading_is_not_also_a_category_and_progress_labels_are_read() {
    let got = parse("03-xunshi-progress-label");
    let l = &got.ledger;
    for c in &l.categories {
        assert!(l.problems.iter().all(|p| p.description != c.title));
    }
    assert_eq!((l.categories.len(), l.problems.len()), (2, 4));
    assert!(l.problems.iter().all(|p| !p.progress.is_empty()));
}

#[test]
fn the_status_is_read_from_the_end_of_the_progress() {
    assert_eq!(
        statuses(&parse("04-yishi-ending-status")),
        [Status::Done, Status::Done, Status::Ongoing]
    );
    let three = parse("01-xuncha-three-levels");
    assert_eq!(three.ledger.problems[4].status, Status::InProgress);
    // 基本完成，持续推进 was flagged for review until issue 32 gave it its own place: 整改中
    // with the 基本完成 flag, which the preview shows and the counts keep apart
    assert!(three.ledger.problems[4].basically_done());
    assert!(!three.report.statuses[4].ambiguous);
    assert_eq!(
        three.report.statuses[0].sentence,
        "对2022年以来卫片执法图斑逐宗核查，立案查处12宗，已完成整改"
    );
    // and the bulletin does not print 整改中 before a text that ends 已完成整改
    let text = bulletin(&parse("04-yishi-ending-status").ledger).to_text();
    assert!(!text.contains("整改中"), "{text}");
}

#[test]
fn the_bulletin_never_mixes_recomputed_and_stated_figures() {
    let text = corpus("03-xunshi-progress-label").replace("反馈4个问题", "反馈25个问题");
    let got = parse_bulletin(&text).unwrap();
    let b = bulletin(&got.ledger);
    let printed = b.to_text();
    // the sentence with 基本完成 (no ledger status says it) is kept whole, as stated; the one
    // with the number of problems is recomputed (4, not 25)
    assert!(
        printed.contains("已完成整改2个，基本完成1个，正在整改1个，整改完成率50%"),
        "{printed}"
    );
    assert_eq!(
        b.stated_kept,
        ["市卫生健康委党组坚持把巡视整改作为重大政治任务，截至2023年12月，已完成整改2个，基本完成1个，正在整改1个，整改完成率50%"]
    );
    assert!(printed.contains("反馈4个问题"), "{printed}");
    let diff: Vec<String> = b
        .figure_differences
        .iter()
        .map(|d| format!("{:?} {} {}", d.figure, d.stated, d.ledger))
        .collect();
    assert!(diff.contains(&"Problems 25 4".to_string()), "{diff:?}");
}

#[test]
fn the_bulletin_follows_the_texts_own_sections() {
    let got = parse("07-shenji-zhenggai");
    let printed = bulletin(&got.ledger).to_text();
    assert!(printed.contains("一、审计发现问题的整改情况"), "{printed}");
    assert!(printed.contains("二、下一步整改措施"), "{printed}");
    assert!(!printed.contains("提高政治站位"), "{printed}");
}

#[test]
fn every_rule_title_is_listed() {
    let three = parse("01-xuncha-three-levels");
    let titles: Vec<&str> = three
        .ledger
        .rules
        .iter()
        .map(|r| r.title.as_str())
        .collect();
    assert!(
        titles.contains(&"局党组“三重一大”事项集体决策实施细则"),
        "{titles:?}"
    );
    assert!(titles.contains(&"大额资金使用管理制度"), "{titles:?}");
    let xunshi = parse("03-xunshi-progress-label");
    assert!(xunshi
        .ledger
        .rules
        .iter()
        .any(|r| r.title == "药品耗材采购监督管理办法"));
    assert!(xunshi
        .ledger
        .rules
        .iter()
        .any(|r| r.title == "医务人员廉洁从业行为规范"));
    assert!(!three
        .report
        .warnings
        .iter()
        .any(|w| matches!(w, BulletinWarning::RuleCountDiffers { .. })));
}
