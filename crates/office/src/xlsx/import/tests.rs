use super::sheet::column_letter;
use super::values::{date_of_serial, departments_of, rule_titles};
use super::*;
use chrono::NaiveDate;
use rectify_core::ledger::Status;

#[test]
fn dates_written_as_text() {
    let d = NaiveDate::from_ymd_opt(2022, 6, 30);
    for t in [
        "2022-06-30",
        "2022/6/30",
        "2022年6月30日",
        "2022.6.30",
        "2022年6月30日前",
        "2022年6月底",
        "2022年6月",
        "2022-06-30 00:00:00",
    ] {
        assert_eq!(date_from_text(t), d, "{t}");
    }
    assert_eq!(date_from_text("长期坚持"), None);
    assert_eq!(date_from_text("2022年13月"), None);
    assert_eq!(date_of_serial(44742.0, false), d);
    assert_eq!(date_of_serial(0.0, false), None);
}

#[test]
fn statuses_written_by_people() {
    let s = |t: &str| status_from_text(t, false);
    assert_eq!(s("已完成"), (Status::Done, true));
    assert_eq!(s("完成"), (Status::Done, true));
    assert_eq!(s("已整改"), (Status::Done, true));
    assert_eq!(s("长期坚持"), (Status::Ongoing, true));
    assert_eq!(s("已完成并长期坚持").0, Status::Ongoing);
    assert_eq!(s("整改中"), (Status::InProgress, true));
    assert_eq!(s("推进中"), (Status::InProgress, true));
    assert_eq!(s("正在整改"), (Status::InProgress, true));
    assert_eq!(s("未完成").0, Status::InProgress);
    assert_eq!(s(""), (Status::NotStarted, true));
    assert_eq!(status_from_text("", true), (Status::Done, true));
    assert_eq!(s("未启动"), (Status::NotStarted, true));
    assert_eq!(s("已销号"), (Status::Done, false));
    assert_eq!(s("待研究"), (Status::InProgress, false));
}

#[test]
fn headers_and_cells() {
    assert_eq!(Field::from_header("编号"), Some(Field::Number));
    assert_eq!(Field::from_header(" 具体\n问题 "), Some(Field::Description));
    assert_eq!(Field::from_header("责任单位"), Some(Field::Departments));
    assert_eq!(
        Field::from_header("完成时限（年月日）"),
        Some(Field::Deadline)
    );
    assert_eq!(Field::from_header("整改进展"), Some(Field::Progress));
    assert_eq!(Field::from_header("问题类型"), Some(Field::Category));
    assert_eq!(Field::from_header("备注"), None);
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(
        rule_titles("《甲制度》、《乙办法》"),
        vec!["甲制度", "乙办法"]
    );
    assert_eq!(rule_titles("甲制度；乙办法"), vec!["甲制度", "乙办法"]);
    assert_eq!(
        departments_of("党政办、财务科,财务科"),
        vec!["党政办", "财务科"]
    );
}

#[test]
fn foreign_files_get_their_own_message() {
    assert_eq!(
        read_xlsx(b"", "a.xlsx").unwrap_err(),
        XlsxImportError::Empty
    );
    assert_eq!(
        read_xlsx(b"RECTIFY-LEDGER\n{}", "a.rectify").unwrap_err(),
        XlsxImportError::RectifyFile
    );
    assert_eq!(
        read_xlsx(b"\x89PNG\r\n\x1a\n", "a.png").unwrap_err(),
        XlsxImportError::Image
    );
    assert_eq!(
        read_xlsx(b"%PDF-1.4", "a.pdf").unwrap_err(),
        XlsxImportError::Pdf
    );
    assert_eq!(
        read_xlsx(b"a,b\n1,2\n", "a.csv").unwrap_err(),
        XlsxImportError::NotExcel
    );
    assert!(matches!(
        read_xlsx(b"PK\x03\x04garbage", "a.xlsx").unwrap_err(),
        XlsxImportError::Corrupt(_)
    ));
    let big = vec![b'P'; MAX_XLSX_BYTES + 1];
    assert!(matches!(
        read_xlsx(&big, "a.xlsx").unwrap_err(),
        XlsxImportError::TooLarge { .. }
    ));
}
