//! Statuses as units report them: 基本完成 and 取得阶段性成果、持续整改 read by both importers
//! (Excel or a pasted table; 从通报导入) as 整改中 with the 基本完成 flag, which the counts
//! keep apart from 完成整改 and 未完成.

use rectify_core::ledger::{Counts, Status};
use rectify_office::bulletin_text::{parse_bulletin, read_table_text};

#[test]
fn excel_cells_say_basically_done() {
    let text = "序号\t问题类别\t问题表现\t整改状态\r\n\
1\t党建方面\t记录不全\t基本完成\r\n\
2\t党建方面\t程序不规范\t取得阶段性成果、持续整改\r\n\
3\t党建方面\t制度缺失\t整改中\r\n\
4\t党建方面\t台账混乱\t已完成\r\n";
    let import = read_table_text(text, "").unwrap().unwrap();
    let got: Vec<(Status, bool)> = import
        .ledger
        .problems
        .iter()
        .map(|p| (p.status.clone(), p.basically_done()))
        .collect();
    assert_eq!(
        got,
        [
            (Status::InProgress, true),
            (Status::InProgress, true),
            (Status::InProgress, false),
            (Status::Done, false),
        ]
    );
    // both read without an assumption to review
    assert!(import.report.notes.is_empty(), "{:?}", import.report.notes);
    let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let c = Counts::of(&import.ledger.problems, today, 7);
    assert_eq!((c.finished(), c.basically_done, c.unfinished()), (1, 2, 1));
}

#[test]
fn a_bulletin_paragraph_says_basically_done() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bulletins/corpus/"
    );
    let text = std::fs::read_to_string(format!("{dir}01-xuncha-three-levels.txt")).unwrap();
    let import = parse_bulletin(&text).unwrap();
    let flagged: Vec<&str> = import
        .ledger
        .problems
        .iter()
        .filter(|p| p.basically_done())
        .map(|p| p.description.as_str())
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("车辆维修未定点"), "{flagged:?}");
}
