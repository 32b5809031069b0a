//! 从通报导入 of a table: tab-separated text as Word, WPS and Excel copy a table (Excel
//! quoting a cell with line breaks), read through 从 Excel 导入's header mapping and rows.
//! Shapes: columns in any order, a category cell only on the first row of its group, a 序号
//! column, columns the ledger has no field for, category rows across the table.

use rectify_core::import::xlsx::{ColumnNote, Field, XlsxImport};
use rectify_core::jobs::{Done, Job};
use rectify_core::ledger::{Ledger, Status};
use rectify_office::bulletin_text::read_table_text;

fn table(text: &str) -> XlsxImport {
    read_table_text(text, "")
        .expect("read as a table")
        .expect("a ledger")
}

/// (category, description, measures, departments, status) of each problem, in order.
fn rows(l: &Ledger) -> Vec<(String, String, String, String, Status)> {
    l.problems
        .iter()
        .map(|p| {
            (
                l.category(&p.category_id).unwrap().title.clone(),
                p.description.clone(),
                p.measures.clone(),
                p.departments.join("、"),
                p.status.clone(),
            )
        })
        .collect()
}

#[test]
fn excel_copy_with_merged_category_quoted_cells_and_unknown_columns() {
    // Excel's clipboard: rows end \r\n, a cell with line breaks is quoted, "" is a quote;
    // the category column was merged down, so only its first row has the text
    let text = "某县档案馆巡察整改台账\r\n序号\t问题类别\t问题表现\t整改措施\t责任部门\t整改时限\t整改状态\t备注\r\n\
1\t党建方面\t\"三会一课\"记录不全\t\"一是补记；\n二是建立\"\"月查\"\"制度\"\t办公室\t2023年6月30日\t已完成\t\r\n\
2\t\t发展党员程序不规范\t复查档案\t办公室、人事科\t2023/9/30\t整改中\t重点\r\n\
3\t财务方面\t公务接待超标准\t清退费用\t财务科\t2023-12-31\t\t\r\n";
    let XlsxImport { ledger, report } = table(text);
    assert_eq!(ledger.meta.name, "某县档案馆巡察整改台账");
    assert_eq!(report.header_row, 2);
    assert_eq!(
        rows(&ledger),
        [
            (
                "党建方面".into(),
                "\"三会一课\"记录不全".into(),
                "一是补记；\n二是建立\"月查\"制度".into(),
                "办公室".into(),
                Status::Done
            ),
            (
                "党建方面".into(),
                "发展党员程序不规范".into(),
                "复查档案".into(),
                "办公室、人事科".into(),
                Status::InProgress
            ),
            (
                "财务方面".into(),
                "公务接待超标准".into(),
                "清退费用".into(),
                "财务科".into(),
                Status::NotStarted
            ),
        ]
    );
    let deadlines: Vec<String> = ledger
        .problems
        .iter()
        .map(|p| p.deadline.unwrap().to_string())
        .collect();
    assert_eq!(deadlines, ["2023-06-30", "2023-09-30", "2023-12-31"]);
    let fields: Vec<(String, Option<Field>, Option<ColumnNote>)> = report
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.field, c.note.clone()))
        .collect();
    assert_eq!(fields[0], ("序号".into(), Some(Field::Number), None));
    assert_eq!(
        fields[7],
        ("备注".into(), None, Some(ColumnNote::UnknownHeader))
    );
    assert!(report.skipped.is_empty());
}

#[test]
fn columns_in_another_order_and_category_rows_across_the_table() {
    // WPS/Word: a category as a row of its own (the cells merged across), other names for
    // the columns, 问题 first
    let text = "具体问题\t整改情况\t责任单位\t完成时限\n一、政治建设方面\n意识形态责任制落实不到位\t已召开专题会议，已完成整改\t党政办\t2023年6月\n学习制度执行不严\t正在推进\t党政办\t2023年12月底\n二、作风建设方面\n值班纪律松散\t已建立值班通报制度\t综合科\t\n";
    let XlsxImport { ledger, report } = table(text);
    let got: Vec<(String, String)> = rows(&ledger).into_iter().map(|(c, d, ..)| (c, d)).collect();
    assert_eq!(
        got,
        [
            ("一、政治建设方面".into(), "意识形态责任制落实不到位".into()),
            ("一、政治建设方面".into(), "学习制度执行不严".into()),
            ("二、作风建设方面".into(), "值班纪律松散".into()),
        ]
    );
    assert_eq!(ledger.problems[1].progress, "正在推进");
    assert_eq!(
        ledger.problems[1].deadline.unwrap().to_string(),
        "2023-12-31"
    );
    assert_eq!(report.columns[0].field, Some(Field::Description));
    assert_eq!(report.columns[3].field, Some(Field::Deadline));
}

#[test]
fn a_table_without_categories_and_a_row_without_a_problem() {
    let text = "编号\t存在问题\t整改措施\n1\t台账不全\t建账\n2\t\t补记\n3\t档案缺失\t补档\n";
    let XlsxImport { ledger, report } = table(text);
    assert_eq!(ledger.problems.len(), 2);
    assert_eq!(ledger.categories.len(), 1);
    // the row with a number and measures but no problem is listed, not lost silently
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].row, 3);
}

#[test]
fn text_with_tabs_that_is_no_table_is_read_as_a_bulletin() {
    assert!(read_table_text("一、\t关于党建\n1.\t问题\t整改情况：已完成", "").is_none());
    assert!(read_table_text("没有制表符的通报", "").is_none());
}

#[test]
fn the_worker_answers_a_pasted_table_as_the_excel_preview() {
    let text = "问题类别\t问题表现\t整改措施\n党建\t台账不全\t建账\n";
    let job = Job::ReadBulletin {
        roles: vec![],
        for_levels: vec![],
        file_name: "台账.docx".into(),
    };
    let (done, _) = rectify_office::jobs::run(job, text.as_bytes());
    let Done::Xlsx(import) = done else {
        panic!("not a table: {done:?}")
    };
    assert_eq!(import.ledger.problems.len(), 1);
    assert_eq!(import.ledger.meta.name, "台账", "named after the file");
}
