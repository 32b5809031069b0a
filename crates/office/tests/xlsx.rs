//! The ledger as an Excel workbook: the example exported and read back cell by cell, the
//! statistics sheet against `Progress::of`, export → import, a workbook made by another
//! program (openpyxl), foreign files, and LibreOffice opening the export (PDF, pdftotext).

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::*;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use rectify_core::document::LimitError;
use rectify_core::file::example::create_example;
use rectify_core::import::xlsx::{
    self, add_from_xlsx, create_from_xlsx, Field, SkipReason, SkippedRow, XlsxImportError, XlsxNote,
};
use rectify_core::ledger::progress::{segments, GroupRow};
use rectify_core::ledger::{light_of, Ledger, Progress, Status};
use rectify_office::xlsx::{
    export_xlsx, read_xlsx, GROUP_COLUMNS, LEDGER_SHEET, RULES_SHEET, STATS_SHEET,
};

/// The example's 统计截至 day: some problems are overdue, some due soon.
fn today() -> NaiveDate {
    day(2022, 6, 20)
}

/// The example (every problem 长期坚持 there) with two problems reopened — one overdue (red),
/// one due in 5 days (yellow) — and 整改措施, 佐证材料 and a rule date filled in.
fn example() -> Ledger {
    use rectify_core::document::{ProblemField, ProblemText};
    let mut doc = create_example(Some("张三"), T0).unwrap();
    let l = doc.read().unwrap();
    let (red, yellow) = (l.problems[1].id.clone(), l.problems[2].id.clone());
    for (id, deadline) in [(&red, "2022-06-10"), (&yellow, "2022-06-25")] {
        doc.set_status(id, &Status::InProgress, today()).unwrap();
        doc.set_problem_field(id, ProblemField::CompletedOn, "")
            .unwrap();
        doc.set_problem_field(id, ProblemField::Deadline, deadline)
            .unwrap();
    }
    doc.set_problem_text(
        &red,
        ProblemText::Measures,
        "一是修订制度；\n二是开展培训。",
    )
    .unwrap();
    doc.set_problem_text(&yellow, ProblemText::Evidence, "会议纪要、培训签到表")
        .unwrap();
    doc.set_rule_date(&l.rules[0].id, "2022-05-20").unwrap();
    doc.commit(T0 + 1);
    doc.read().unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    open(bytes).worksheet_range(name).unwrap()
}

/// A cell by its absolute (row, column), Empty when absent.
fn at(range: &Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match at(range, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("cell ({row}, {col}) is not text: {other:?}"),
    }
}

fn number(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match at(range, row, col) {
        Data::Float(f) => f,
        Data::Int(i) => i as f64,
        other => panic!("cell ({row}, {col}) is not a number: {other:?}"),
    }
}

/// A date cell: a real date (DateTime), never text.
fn date(range: &Range<Data>, row: u32, col: u32) -> Option<NaiveDate> {
    match at(range, row, col) {
        Data::Empty => None,
        Data::DateTime(dt) => {
            assert!(dt.is_datetime(), "({row}, {col}) is a duration");
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Some(day(i32::from(y), u32::from(m), u32::from(d)))
        }
        other => panic!("cell ({row}, {col}) is not a date cell: {other:?}"),
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name(name).unwrap();
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

fn col(field: Field) -> u32 {
    Field::EXPORTED.iter().position(|f| *f == field).unwrap() as u32
}

#[test]
fn every_cell_of_the_exported_example() {
    let ledger = example();
    let bytes = export_xlsx(&ledger, today(), T0).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(
        open(&bytes).sheet_names(),
        vec![LEDGER_SHEET, STATS_SHEET, RULES_SHEET]
    );
    let s = sheet(&bytes, LEDGER_SHEET);
    for (c, field) in Field::EXPORTED.iter().enumerate() {
        assert_eq!(text(&s, 0, c as u32), field.label());
    }
    assert_eq!(ledger.problems.len(), 20);
    assert_eq!(s.end().unwrap().0, 20, "one row per problem, nothing after");
    let mut lights = std::collections::BTreeSet::new();
    for (i, p) in ledger.problems.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(number(&s, r, col(Field::Number)), (i + 1) as f64);
        let category = ledger.category(&p.category_id).unwrap();
        assert_eq!(text(&s, r, col(Field::Category)), category.title);
        assert_eq!(text(&s, r, col(Field::Description)), p.description.trim());
        assert_eq!(text(&s, r, col(Field::Cause)), p.cause.trim());
        assert_eq!(text(&s, r, col(Field::Measures)), p.measures.trim());
        assert_eq!(text(&s, r, col(Field::Lead)), p.lead);
        assert_eq!(
            text(&s, r, col(Field::Departments)),
            p.departments.join("、")
        );
        assert_eq!(text(&s, r, col(Field::Owner)), p.owner);
        assert_eq!(date(&s, r, col(Field::Deadline)), p.deadline);
        assert_eq!(date(&s, r, col(Field::CompletedOn)), p.completed_on);
        assert_eq!(text(&s, r, col(Field::Status)), p.status.label());
        assert_eq!(text(&s, r, col(Field::Progress)), p.progress.trim());
        assert_eq!(text(&s, r, col(Field::Evidence)), p.evidence.trim());
        let rules: Vec<String> = ledger
            .rules_of(&p.id)
            .map(|r| format!("《{}》", r.title))
            .collect();
        assert_eq!(text(&s, r, col(Field::Rules)), rules.join("、"));
        let light = light_of(p, today(), ledger.meta.warn_days);
        assert_eq!(text(&s, r, col(Field::Light)), light.label());
        lights.insert(light.label());
    }
    // the example has deadlines and completion dates, and on this day all three lights
    assert!(ledger.problems.iter().any(|p| p.deadline.is_some()));
    assert!(ledger.problems.iter().any(|p| p.completed_on.is_some()));
    assert_eq!(lights.len(), 3, "{lights:?}");

    // header frozen, widths set, the lights' colours present
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#));
    assert!(xml.contains("<cols>") && xml.contains("customWidth=\"1\""));
    let styles = part(&bytes, "xl/styles.xml");
    for colour in ["FFF4C7C3", "FFFFE9A8", "FFCFEBD2"] {
        assert!(styles.contains(colour), "fill {colour} missing");
    }
}

fn group_rows(s: &Range<Data>, title: &str) -> Vec<(String, Vec<f64>, Data)> {
    let end = s.end().unwrap().0;
    let start = (0..=end)
        .find(|r| text_or_empty(s, *r, 0) == title)
        .unwrap();
    for (i, h) in GROUP_COLUMNS.iter().enumerate() {
        assert_eq!(text(s, start, i as u32 + 1), *h);
    }
    let mut rows = vec![];
    for r in start + 1..=end {
        let name = text_or_empty(s, r, 0);
        if name.is_empty() {
            break;
        }
        let numbers = [1, 2, 3, 4, 5, 6, 8, 9]
            .iter()
            .map(|c| number(s, r, *c))
            .collect();
        rows.push((name, numbers, at(s, r, 7)));
    }
    rows
}

fn text_or_empty(s: &Range<Data>, r: u32, c: u32) -> String {
    match at(s, r, c) {
        Data::String(t) => t,
        _ => String::new(),
    }
}

fn check_groups(s: &Range<Data>, title: &str, groups: &[GroupRow]) {
    let rows = group_rows(s, title);
    assert_eq!(rows.len(), groups.len(), "{title}");
    for ((name, numbers, rate), g) in rows.iter().zip(groups) {
        let c = &g.counts;
        assert_eq!(name, &g.name);
        let want = [
            c.total,
            c.not_started,
            c.in_progress,
            c.done,
            c.ongoing,
            c.other,
            c.red,
            c.yellow,
        ]
        .map(|n| n as f64);
        assert_eq!(numbers.as_slice(), want.as_slice(), "{title} · {name}");
        match (rate, g.rate.percent()) {
            (Data::Float(f), Some(p)) => assert!((f * 100.0 - p).abs() < 1e-9),
            (Data::String(s), None) => assert_eq!(s, "—"),
            other => panic!("{title} · {name}: rate {other:?}"),
        }
    }
}

#[test]
fn the_statistics_sheet_is_progress_of() {
    let ledger = example();
    let progress = Progress::of(&ledger, today());
    let bytes = export_xlsx(&ledger, today(), T0).unwrap();
    let s = sheet(&bytes, STATS_SHEET);
    assert_eq!(date(&s, 1, 1), Some(today()));
    let end = s.end().unwrap().0;
    let value = |label: &str| {
        let r = (0..=end)
            .find(|r| text_or_empty(&s, *r, 0) == label)
            .unwrap_or_else(|| panic!("no row {label}"));
        at(&s, r, 1)
    };
    let c = &progress.problems;
    for (label, n) in [
        ("具体问题", c.total),
        ("已完成（含长期坚持）", c.finished()),
        ("反馈问题（类别）", progress.category_rate.whole),
        ("类别整改完毕", progress.category_rate.part),
        ("红灯", c.red),
        ("黄灯", c.yellow),
        ("绿灯", c.green),
    ] {
        assert_eq!(value(label), Data::Float(n as f64), "{label}");
    }
    assert_eq!(c.total, 20);
    let Data::Float(rate) = value("完成率") else {
        panic!()
    };
    assert!((rate * 100.0 - progress.rate.percent().unwrap()).abs() < 1e-9);
    let statuses = segments(c);
    let first = (0..=end)
        .find(|r| text_or_empty(&s, *r, 0) == "按整改状态")
        .unwrap();
    for (i, seg) in statuses.iter().enumerate() {
        let r = first + 1 + i as u32;
        assert_eq!(text(&s, r, 0), seg.label);
        assert_eq!(number(&s, r, 1), seg.count as f64);
    }
    check_groups(&s, "按类别", &progress.by_category);
    check_groups(&s, "按责任部门", &progress.by_department);
}

#[test]
fn the_rules_sheet_marks_candidates() {
    let ledger = example();
    let bytes = export_xlsx(&ledger, today(), T0).unwrap();
    let s = sheet(&bytes, RULES_SHEET);
    assert_eq!(ledger.rules.len(), 10);
    assert_eq!(ledger.rules.iter().filter(|r| r.candidate).count(), 5);
    for (i, rule) in ledger.rules.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(text(&s, r, 1), rule.title);
        assert_eq!(text(&s, r, 2), rule.kind.label());
        assert_eq!(date(&s, r, 3), rule.date);
        assert_eq!(
            text(&s, r, 4),
            if rule.candidate {
                "待确认"
            } else {
                "已确认"
            }
        );
        let numbers: Vec<String> = rule
            .problem_ids
            .iter()
            .map(|id| ledger.number_of(id).unwrap().to_string())
            .collect();
        assert_eq!(text(&s, r, 5), numbers.join("、"));
    }
}

/// What export → import must keep of a problem.
fn problem_fields(ledger: &Ledger) -> Vec<Vec<String>> {
    ledger
        .problems
        .iter()
        .map(|p| {
            let mut rules: Vec<String> = ledger
                .rules_of(&p.id)
                .map(|r| format!("{}|{}|{}|{:?}", r.title, r.kind.code(), r.candidate, r.date))
                .collect();
            rules.sort();
            vec![
                ledger.category(&p.category_id).unwrap().title.clone(),
                p.description.trim().into(),
                p.cause.trim().into(),
                p.measures.trim().into(),
                p.progress.trim().into(),
                p.lead.clone(),
                p.departments.join("、"),
                p.owner.clone(),
                format!("{:?}", p.deadline),
                format!("{:?}", p.completed_on),
                p.status.code().into(),
                p.evidence.trim().into(),
                rules.join(" "),
            ]
        })
        .collect()
}

#[test]
fn export_then_import_gives_the_same_ledger() {
    let ledger = example();
    let bytes = export_xlsx(&ledger, today(), T0).unwrap();
    let import = read_xlsx(&bytes, "示例.xlsx").unwrap();
    assert!(
        import.report.skipped.is_empty(),
        "{:?}",
        import.report.skipped
    );
    assert!(import.report.notes.is_empty(), "{:?}", import.report.notes);
    assert_eq!(import.report.sheet, LEDGER_SHEET);
    assert_eq!(import.report.header_row, 1);
    let mapped: Vec<Option<Field>> = import.report.columns.iter().map(|c| c.field).collect();
    let mut want: Vec<Option<Field>> = Field::EXPORTED.iter().map(|f| Some(*f)).collect();
    *want.last_mut().unwrap() = None; // 预警 is computed, not imported
    assert_eq!(mapped, want);

    // through a new document, as 创建新台账 does
    let doc = create_from_xlsx(&import, Some("李四"), T0 + 10).unwrap();
    let back = doc.read().unwrap();
    let titles = |l: &Ledger| {
        l.categories
            .iter()
            .map(|c| c.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&back), titles(&ledger));
    assert_eq!(problem_fields(&back), problem_fields(&ledger));
    assert_eq!(back.rules.len(), ledger.rules.len());
    let rules = |l: &Ledger| {
        l.rules
            .iter()
            .map(|r| {
                (
                    r.title.clone(),
                    r.kind,
                    r.date,
                    r.candidate,
                    r.problem_ids.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(&back), rules(&ledger));
    assert!(ledger.rules.iter().any(|r| r.date.is_some()));
    assert_eq!(back.confirmed_rules(), ledger.confirmed_rules());
    assert_eq!(import.report.rules, 5);
    assert_eq!(import.report.rule_candidates, 5);
}

#[test]
fn adding_to_the_current_ledger_reuses_its_categories_and_merges() {
    let ledger = example();
    let bytes = export_xlsx(&ledger, today(), T0).unwrap();
    let import = read_xlsx(&bytes, "示例.xlsx").unwrap();
    let (mut doc, categories, _) = small_ledger();
    let mut other = doc.fork(T0 + 2);
    let before = doc.read().unwrap();
    let added = add_from_xlsx(&mut doc, &import).unwrap();
    assert_eq!(added.problems, 20);
    assert_eq!(added.categories, 16);
    doc.commit(T0 + 3);
    let after = doc.read().unwrap();
    assert_eq!(after.problems.len(), before.problems.len() + 20);
    assert_eq!(after.categories.len(), 2 + 16);
    assert_eq!(after.categories[0].id, categories[0]);

    // an edit made meanwhile on another laptop merges with the import
    let p = other.read().unwrap().problems[0].id.clone();
    other
        .set_problem_text(
            &p,
            rectify_core::document::ProblemText::Cause,
            "另一台电脑写的原因",
        )
        .unwrap();
    other.commit(T0 + 4);
    doc.merge(&mut other, T0 + 5).unwrap();
    let merged = doc.read().unwrap();
    assert_eq!(merged.problems.len(), 23);
    assert_eq!(merged.problem(&p).unwrap().cause, "另一台电脑写的原因");

    // adding the same workbook again puts the problems into the categories already there
    let again = add_from_xlsx(&mut doc, &import).unwrap();
    assert_eq!(again.categories, 0);
    assert_eq!(again.rules, 0);
    assert_eq!(doc.read().unwrap().categories.len(), 18);
}

/// Make the fixtures with the Python script, or fail saying what is missing.
fn fixtures() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rectify-xlsx-fixtures-{}", std::process::id()));
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/make_xlsx_fixtures.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "python3 is needed to make the Excel fixtures ({e}); run `bash scripts/setup.sh`"
            )
        });
    assert!(
        out.status.success(),
        "tests/fixtures/make_xlsx_fixtures.py failed (openpyxl missing? run `bash scripts/setup.sh`): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
#[ignore = "needs python3 with openpyxl: `bash scripts/test.sh` installs it and runs this"]
fn with_office_tools_a_workbook_made_by_another_program() {
    let dir = fixtures();
    let bytes = std::fs::read(dir.join("other-program.xlsx")).unwrap();
    let import = read_xlsx(&bytes, "某局台账.xlsx").unwrap();
    let r = &import.report;
    assert_eq!(r.sheet, "2023年整改台账");
    assert_eq!(r.header_row, 2);
    let mapping: Vec<(&str, &str, Option<Field>)> = r
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.header.as_str(), c.field))
        .collect();
    assert_eq!(
        mapping,
        vec![
            ("A", "编号", Some(Field::Number)),
            ("B", "问题类型", Some(Field::Category)),
            ("C", "具体问题", Some(Field::Description)),
            ("D", "原因", Some(Field::Cause)),
            ("E", "整改措施", Some(Field::Measures)),
            ("F", "责任单位", Some(Field::Departments)),
            ("G", "责任人", Some(Field::Owner)),
            ("H", "完成时限", Some(Field::Deadline)),
            ("I", "整改进展", Some(Field::Progress)),
            ("J", "状态", Some(Field::Status)),
            ("K", "完成时间", Some(Field::CompletedOn)),
            ("L", "备注", None),
        ]
    );
    assert_eq!(
        r.skipped,
        vec![SkippedRow {
            row: 8,
            reason: SkipReason::NoDescription
        }]
    );
    assert_eq!(
        r.notes,
        vec![XlsxNote::StatusAssumed {
            row: 10,
            text: "已销号".into(),
            status: Status::Done
        }]
    );
    let l = &import.ledger;
    assert_eq!(
        l.meta.name, "某局巡察反馈问题整改台账",
        "the title row names it"
    );
    let titles: Vec<&str> = l.categories.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, vec!["政治建设方面", "作风建设方面"]);
    assert_eq!((r.categories, r.problems), (2, 6));

    type Row<'a> = (
        &'a str,
        &'a str,
        Vec<&'a str>,
        &'a str,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Status,
    );
    let want: Vec<Row> = vec![
        (
            "政治建设方面",
            "理论学习中心组学习不规范",
            vec!["办公室", "人事科"],
            "张三",
            Some(day(2023, 6, 30)),
            Some(day(2023, 5, 20)),
            Status::Done,
        ),
        (
            "政治建设方面",
            "三重一大事项未集体决策",
            vec!["财务科"],
            "李四",
            Some(day(2023, 6, 30)),
            None,
            Status::InProgress,
        ),
        (
            "政治建设方面",
            "意识形态工作责任制落实不到位",
            vec![],
            "",
            Some(day(2023, 12, 31)),
            None,
            Status::NotStarted,
        ),
        (
            "作风建设方面",
            "公务用车管理不规范",
            vec!["办公室"],
            "王五",
            Some(day(2023, 9, 30)),
            Some(day(2023, 8, 1)),
            Status::Ongoing,
        ),
        (
            "作风建设方面",
            "会议记录不完整",
            vec!["办公室"],
            "",
            Some(day(2023, 3, 15)),
            None,
            Status::InProgress,
        ),
        (
            "作风建设方面",
            "档案管理混乱",
            vec!["档案室"],
            "赵六",
            Some(day(2024, 1, 15)),
            Some(day(2023, 12, 20)),
            Status::Done,
        ),
    ];
    let got: Vec<Row> = l
        .problems
        .iter()
        .map(|p| {
            (
                l.category(&p.category_id).unwrap().title.as_str(),
                p.description.as_str(),
                p.departments.iter().map(String::as_str).collect(),
                p.owner.as_str(),
                p.deadline,
                p.completed_on,
                p.status.clone(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let first = &l.problems[0];
    assert_eq!(first.cause, "重视不够");
    assert_eq!(first.measures, "制定学习计划");
    assert_eq!(first.progress, "已制定计划并执行");
    assert_eq!(l.problems[1].progress, "正在修订《党委议事规则》");

    let doc = create_from_xlsx(&import, None, T0).unwrap();
    assert_eq!(doc.read().unwrap().problems.len(), 6);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn foreign_files_are_refused_with_their_own_message() {
    let rectify_file = {
        let mut doc = create_example(None, T0).unwrap();
        rectify_core::file::encode(&mut doc, "示例", T0)
    };
    let docx = {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, b"<w:document/>").unwrap();
        w.finish().unwrap().into_inner()
    };
    let zip_of_text = {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"hello").unwrap();
        w.finish().unwrap().into_inner()
    };
    let cases: Vec<(&str, Vec<u8>, XlsxImportError)> = vec![
        ("空文件", vec![], XlsxImportError::Empty),
        ("台账文件", rectify_file, XlsxImportError::RectifyFile),
        ("Word", docx, XlsxImportError::WordDocument),
        ("zip", zip_of_text, XlsxImportError::NotWorkbook),
        (
            "PNG",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            XlsxImportError::Image,
        ),
        (
            "xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
            XlsxImportError::OldExcel,
        ),
        (
            "文本",
            "序号,问题\n1,x\n".as_bytes().to_vec(),
            XlsxImportError::NotExcel,
        ),
    ];
    for (what, bytes, error) in cases {
        assert_eq!(read_xlsx(&bytes, "x").unwrap_err(), error, "{what}");
    }
    // a workbook with no header row
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "随便写的").unwrap();
    let no_header = wb.save_to_buffer().unwrap();
    assert!(matches!(
        read_xlsx(&no_header, "x.xlsx").unwrap_err(),
        XlsxImportError::NoHeader { .. }
    ));
    // a truncated export
    let bytes = export_xlsx(&example(), today(), T0).unwrap();
    assert!(matches!(
        read_xlsx(&bytes[..bytes.len() / 2], "x.xlsx").unwrap_err(),
        XlsxImportError::Corrupt(_)
    ));
    // too large
    let big = vec![0u8; xlsx::MAX_XLSX_BYTES + 1];
    assert_eq!(
        read_xlsx(&big, "x.xlsx").unwrap_err(),
        XlsxImportError::TooLarge { bytes: big.len() }
    );
}

#[test]
fn the_file_is_named_after_the_ledger() {
    assert_eq!(xlsx::file_name("2024年整改台账"), "2024年整改台账.xlsx");
    assert_eq!(xlsx::file_name("a/b:c"), "a_b_c.xlsx");
    assert_eq!(xlsx::file_name("  "), "整改台账.xlsx");
}

/// LibreOffice opens the export: it converts to PDF and page 1 shows the header and the first
/// problem. A private profile keeps parallel runs apart.
#[test]
#[ignore = "needs LibreOffice and pdftotext: `bash scripts/test.sh` installs them and runs this"]
fn with_office_tools_libreoffice_prints_the_export() {
    let found = Command::new("soffice").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "LibreOffice (soffice) is needed: run `bash scripts/setup.sh --browser` (Debian libreoffice-calc-nogui)"
    );
    let ledger = example();
    let dir = std::env::temp_dir().join(format!("rectify-xlsx-soffice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("台账.xlsx");
    std::fs::write(&file, export_xlsx(&ledger, today(), T0).unwrap()).unwrap();
    let profile = dir.join("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    let pdf = dir.join("台账.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "soffice failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: run `bash scripts/setup.sh --browser`");
    let page1: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for header in ["序号", "问题类别", "问题表现", "整改时限", "整改状态"] {
        assert!(page1.contains(header), "page 1 lacks {header}: {page1}");
    }
    let first: String = ledger.problems[0]
        .description
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(12)
        .collect();
    assert!(page1.contains(&first), "page 1 lacks “{first}”: {page1}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_stray_cell_far_away_costs_nothing_and_too_many_rows_are_refused() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    ws.write_string(0, 1, "问题").unwrap();
    ws.write_number(1, 0, 1).unwrap();
    ws.write_string(1, 1, "只有一个问题").unwrap();
    ws.write_string(1_048_575, 16_383, "很远的单元格").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let import = read_xlsx(&bytes, "x.xlsx").unwrap();
    assert_eq!(import.report.problems, 1);
    assert_eq!(import.ledger.problems[0].description, "只有一个问题");

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "问题表现").unwrap();
    ws.write_string(0, 1, "责任部门").unwrap();
    for r in 1..=xlsx::MAX_ROWS as u32 {
        ws.write_string(r, 0, "问题").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let error = read_xlsx(&bytes, "x.xlsx").unwrap_err();
    assert!(
        matches!(error, XlsxImportError::TooManyRows { rows, .. } if rows > xlsx::MAX_ROWS),
        "{error:?}"
    );
}

#[test]
fn a_text_longer_than_an_excel_cell_is_cut_with_a_note() {
    let (mut doc, _, problems) = small_ledger();
    // 40,000 characters: Latin text, since a field holds at most 64 KB (about 21,800 Chinese
    // characters, which always fit in a cell; Latin text can exceed Excel's 32,767)
    let long = "long cause. ".repeat(3334)[..40_000].to_string();
    doc.set_problem_text(
        &problems[0],
        rectify_core::document::ProblemText::Cause,
        &long,
    )
    .unwrap();
    let bytes = export_xlsx(&doc.read().unwrap(), today(), T0).unwrap();
    let s = sheet(&bytes, LEDGER_SHEET);
    let cause = text(&s, 1, col(Field::Cause));
    assert_eq!(cause.chars().count(), 32_767);
    assert!(long.starts_with(cause.split("……（").next().unwrap()));
    assert!(cause.ends_with("全文见整改台账程序）"));
}

#[test]
fn a_workbook_over_a_ledgers_limits_is_refused_before_the_preview() {
    // a cell may hold 32,767 characters (about 96 KB of Chinese), a field at most 64 KB; and a
    // sheet may have up to 10,000 rows, a ledger at most 5,000 problems. Such a workbook is
    // refused with the document's own message instead of failing when the ledger is made.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "问题表现").unwrap();
    ws.write_string(0, 1, "责任部门").unwrap();
    ws.write_string(0, 2, "原因分析").unwrap();
    ws.write_string(1, 0, "一个问题").unwrap();
    ws.write_string(1, 1, "办公室").unwrap();
    ws.write_string(1, 2, "很长的原因".repeat(6_000)).unwrap(); // 30,000 characters
    let error = read_xlsx(&wb.save_to_buffer().unwrap(), "x.xlsx").unwrap_err();
    assert!(
        matches!(
            error,
            XlsxImportError::OverLimit(LimitError::FieldTooLong { .. })
        ),
        "{error:?}"
    );

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "问题表现").unwrap();
    ws.write_string(0, 1, "责任部门").unwrap();
    for r in 1..=6_000u32 {
        ws.write_string(r, 0, format!("问题{r}")).unwrap();
    }
    let error = read_xlsx(&wb.save_to_buffer().unwrap(), "x.xlsx").unwrap_err();
    assert_eq!(
        error,
        XlsxImportError::OverLimit(LimitError::TooManyProblems { problems: 6_000 })
    );
}

/// `cargo test -p rectify-office --test xlsx -- --ignored write_the_fuzz_seed` rewrites the xlsx fuzz
/// target's seed of the example ledger (`fuzz/corpus/xlsx_import/example.xlsx`).
#[test]
#[ignore]
fn write_the_fuzz_seed() {
    let doc = rectify_core::file::example::create_example(Some("种子"), T0).unwrap();
    let bytes = export_xlsx(&doc.read().unwrap(), today(), T0).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fuzz/corpus/xlsx_import/example.xlsx"
    );
    std::fs::write(path, bytes).unwrap();
}
