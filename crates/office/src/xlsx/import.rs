//! 从 Excel 导入: read a workbook made by any program, find the header row, map its columns
//! by name (with the variants units use), and turn each row into a problem or say why not.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, Dimensions, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

use super::{LEDGER_SHEET, RULES_SHEET, STATS_SHEET};
use rectify_core::import::xlsx::{
    normalise_header, ColumnMapping, ColumnNote, Field, SkipReason, SkippedRow, XlsxImport,
    XlsxImportError, XlsxNote, XlsxReport, MAX_ROWS, MAX_XLSX_BYTES,
};
use rectify_core::ledger::{
    parse_date, Category, CountingBasis, Ledger, Meta, Problem, Rule, RuleKind, Status,
    DEFAULT_WARN_DAYS,
};

/// The unpacked parts of a workbook may not add up to more than this (a zip bomb guard).
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// The header row is looked for in this many rows from the top (title rows come first).
const HEADER_SEARCH_ROWS: usize = 20;
/// The category of problems in a sheet that names none.
const DEFAULT_CATEGORY: &str = "从 Excel 导入的问题";

// ───────────────────────────── bytes → workbook ─────────────────────────────

/// Refuse what is not an .xlsx workbook, each kind of file with its own message.
fn check_file(bytes: &[u8]) -> Result<(), XlsxImportError> {
    if bytes.is_empty() {
        return Err(XlsxImportError::Empty);
    }
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(XlsxImportError::TooLarge { bytes: bytes.len() });
    }
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"RECTIFY-LEDGER") {
        return Err(XlsxImportError::RectifyFile);
    }
    if starts(b"\xD0\xCF\x11\xE0") {
        return Err(XlsxImportError::OldExcel);
    }
    if starts(b"%PDF") {
        return Err(XlsxImportError::Pdf);
    }
    if starts(b"\x89PNG") || starts(b"\xFF\xD8\xFF") || starts(b"GIF8") || starts(b"BM") {
        return Err(XlsxImportError::Image);
    }
    if !starts(b"PK\x03\x04") && !starts(b"PK\x05\x06") {
        return Err(XlsxImportError::NotExcel);
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| XlsxImportError::Corrupt(e.to_string()))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
    if !has("xl/") {
        return Err(if has("word/") {
            XlsxImportError::WordDocument
        } else if has("ppt/") {
            XlsxImportError::Presentation
        } else if names.iter().any(|n| n == "content.xml") {
            XlsxImportError::OpenDocument
        } else {
            XlsxImportError::NotWorkbook
        });
    }
    if archive.decompressed_size().unwrap_or(0) > u128::from(MAX_UNPACKED_BYTES) {
        return Err(XlsxImportError::Unpacked);
    }
    Ok(())
}

/// The text a cell shows, trimmed: numbers without a trailing ".0", dates as YYYY-MM-DD.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
    }
}

/// Excel's day numbers: 1 is 1900-01-01 (counted from 1899-12-30, past Excel's 1900-02-29).
fn date_of_serial(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// A date written as text: 2022-06-30, 2022/6/30, 2022年6月30日, 2022.6.30, also with 前
/// after it; a month alone (2022年6月, 2022年6月底) means its last day.
pub fn date_from_text(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t
        .strip_suffix("之前")
        .or_else(|| t.strip_suffix("以前"))
        .or_else(|| t.strip_suffix('前'))
        .unwrap_or(t)
        .trim();
    if let Some(d) = parse_date(t) {
        return Some(d);
    }
    // a date and a time (2022-06-30 00:00:00)
    if let Some((day, _)) = t.split_once([' ', 'T']) {
        if let Some(d) = parse_date(day) {
            return Some(d);
        }
    }
    let month = t
        .trim_end_matches(['底', '末'])
        .trim_end_matches('月')
        .replace(['年', '/', '.', '．'], "-");
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, u32) = (y.trim().parse().ok()?, m.trim().parse().ok()?);
    let first_of_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    first_of_next.pred_opt()
}

/// The 整改状态 a cell's text means, by the ledger's status words. Returns the status and
/// whether the text was, whole, a status label or word (false: an assumption, reported in the
/// preview). Empty means 未启动, or 已完成 when the row gives a 完成时间.
pub fn status_from_text(text: &str, has_completed_on: bool) -> (Status, bool) {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return if has_completed_on {
            (Status::Done, true)
        } else {
            (Status::NotStarted, true)
        };
    }
    if let Some(s) = Status::from_label(&t) {
        return (s, true);
    }
    match Status::said_in(&t) {
        Some(s) => (s, Status::is_status_word(&t)),
        None => (Status::InProgress, false),
    }
}

/// Rule titles in a 建章立制 cell: each 《…》, or else the parts between 、；; and line breaks.
fn rule_titles(text: &str) -> Vec<String> {
    let mut titles = Vec::new();
    if text.contains('《') {
        let mut rest = text;
        while let Some(open) = rest.find('《') {
            let after = &rest[open + '《'.len_utf8()..];
            let Some(close) = after.find('》') else {
                break;
            };
            titles.push(after[..close].trim().to_string());
            rest = &after[close + '》'.len_utf8()..];
        }
    } else {
        titles.extend(
            text.split(['、', '；', ';', '\n'])
                .map(|t| t.trim().to_string()),
        );
    }
    titles.retain(|t| !t.is_empty() && t != "无" && t != "/");
    let mut unique: Vec<String> = Vec::new();
    for t in titles {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    unique
}

/// Several departments in one cell: 、，,；;/ and line breaks separate them.
fn departments_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in text.split(['、', '，', ',', '；', ';', '/', '／', '\n']) {
        let d = d.trim();
        if !d.is_empty() && !out.iter().any(|o| o == d) {
            out.push(d.to_string());
        }
    }
    out
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
fn column_letter(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A sheet's cells with its merged regions: an empty cell inside a merged region shows what
/// the region's top-left cell holds, as the person sees it in Excel. Kept sparse (a map of the
/// cells present), so a stray cell far down or right costs nothing.
struct Sheet {
    cells: HashMap<(u32, u32), Data>,
    /// the rows that hold at least one value, in order
    rows: Vec<u32>,
    /// first and last column holding a value
    columns: (u32, u32),
    merged: Vec<Dimensions>,
}

impl Sheet {
    fn raw(&self, row: u32, col: u32) -> &Data {
        self.cells.get(&(row, col)).unwrap_or(&Data::Empty)
    }

    /// The cell (row, col) as shown: its own value, or its merged region's.
    fn cell(&self, row: u32, col: u32) -> &Data {
        let own = self.raw(row, col);
        if !matches!(own, Data::Empty) {
            return own;
        }
        match self.merged.iter().find(|d| d.contains(row, col)) {
            Some(d) => self.raw(d.start.0, d.start.1),
            None => own,
        }
    }

    fn text(&self, row: u32, col: u32) -> String {
        cell_text(self.cell(row, col))
    }

    /// The region that holds (row, col): its top-left cell, or the cell itself.
    fn origin(&self, row: u32, col: u32) -> (u32, u32) {
        self.merged
            .iter()
            .find(|d| d.contains(row, col))
            .map(|d| d.start)
            .unwrap_or((row, col))
    }

    fn columns(&self) -> (u32, u32) {
        self.columns
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Columns beyond this are not read (a ledger has a few dozen at most).
const MAX_COLUMNS: u32 = 256;
/// Merged regions beyond this are not read.
const MAX_MERGED: usize = 20_000;

fn load_sheet<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
) -> Result<Sheet, XlsxImportError> {
    let corrupt = |e: calamine::XlsxError| XlsxImportError::Corrupt(e.to_string());
    let mut cells = HashMap::new();
    let mut rows = std::collections::BTreeSet::new();
    let mut columns = (u32::MAX, 0);
    {
        let mut reader = workbook.worksheet_cells_reader(name).map_err(corrupt)?;
        while let Some(cell) = reader.next_cell().map_err(corrupt)? {
            let (row, col) = cell.get_position();
            let value = Data::from(cell.get_value().clone());
            if col >= MAX_COLUMNS || cell_text(&value).is_empty() {
                continue;
            }
            rows.insert(row);
            if rows.len() > MAX_ROWS {
                return Err(XlsxImportError::TooManyRows {
                    sheet: name.to_string(),
                    rows: rows.len(),
                });
            }
            columns = (columns.0.min(col), columns.1.max(col));
            cells.insert((row, col), value);
        }
    }
    let mut merged = workbook.merge_cells_by_sheet_name(name).map_err(corrupt)?;
    merged.truncate(MAX_MERGED);
    Ok(Sheet {
        cells,
        rows: rows.into_iter().collect(),
        columns,
        merged,
    })
}

/// The header row of a sheet (absolute row) and each column's field, if the sheet has one:
/// the first row within [`HEADER_SEARCH_ROWS`] that names 问题表现 and at least one more field.
fn find_header(sheet: &Sheet) -> Option<(u32, Vec<ColumnMapping>, HashMap<Field, u32>)> {
    if sheet.is_empty() {
        return None;
    }
    let (c0, c1) = sheet.columns();
    for &row in sheet.rows.iter().take(HEADER_SEARCH_ROWS) {
        let fields: Vec<Option<Field>> = (c0..=c1)
            .map(|c| Field::from_header(&cell_text(sheet.raw(row, c))))
            .collect();
        let named = fields.iter().flatten().count();
        if !fields.contains(&Some(Field::Description)) || named < 2 {
            continue;
        }
        let mut columns = Vec::new();
        let mut used: HashMap<Field, u32> = HashMap::new();
        for (c, field) in (c0..=c1).zip(fields) {
            let header = cell_text(sheet.raw(row, c));
            if header.is_empty() {
                continue;
            }
            let (field, note) = match field {
                None => (None, Some(ColumnNote::UnknownHeader)),
                Some(Field::Light) => (None, Some(ColumnNote::Light)),
                Some(f) if used.contains_key(&f) => (
                    None,
                    Some(ColumnNote::Duplicate {
                        of: column_letter(used[&f]),
                    }),
                ),
                Some(f) => {
                    used.insert(f, c);
                    (Some(f), None)
                }
            };
            columns.push(ColumnMapping {
                column: column_letter(c),
                header,
                field,
                note,
            });
        }
        return Some((row, columns, used));
    }
    None
}

/// Read an .xlsx workbook into a plain ledger and a report of what was read. `file_name`
/// names the ledger when the sheet has no title row above its header.
pub fn read_xlsx(bytes: &[u8], file_name: &str) -> Result<XlsxImport, XlsxImportError> {
    check_file(bytes)?;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| XlsxImportError::Corrupt(e.to_string()))?;
    let is_1904 = workbook.has_1904_epoch();
    let mut names: Vec<String> = workbook
        .sheet_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    // our own export's ledger sheet first; never the statistics
    names.sort_by_key(|n| n != LEDGER_SHEET);
    names.retain(|n| n != STATS_SHEET);

    let mut found = None;
    for name in &names {
        let sheet = load_sheet(&mut workbook, name)?;
        if let Some(header) = find_header(&sheet) {
            found = Some((name.clone(), sheet, header));
            break;
        }
    }
    let Some((sheet_name, sheet, (header_row, columns, fields))) = found else {
        return Err(XlsxImportError::NoHeader {
            sheets: names.clone(),
        });
    };

    // the rules sheet of our own export (kind, date, 待确认), if there is one
    let mut rules: Vec<Rule> = Vec::new();
    if sheet_name != RULES_SHEET && workbook.sheet_names().iter().any(|n| n == RULES_SHEET) {
        let rules_sheet = load_sheet(&mut workbook, RULES_SHEET)?;
        rules = read_rules_sheet(&rules_sheet, is_1904);
    }

    let mut report = XlsxReport {
        sheet: sheet_name.clone(),
        header_row: header_row as usize + 1,
        columns,
        ..Default::default()
    };
    let mut ledger = Ledger::default();
    let title = title_above(&sheet, header_row);
    let stem = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim_end_matches(".xlsx")
        .trim_end_matches(".XLSX")
        .trim();
    let name = [title.as_str(), stem]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or("从 Excel 导入的台账")
        .to_string();
    ledger.meta = Meta {
        name,
        warn_days: DEFAULT_WARN_DAYS,
        counting_basis: if fields.contains_key(&Field::Category) {
            CountingBasis::Category
        } else {
            CountingBasis::Problem
        },
        ..Default::default()
    };

    let (c0, c1) = sheet.columns();
    let mut category: Option<String> = None;
    let mut headings = false;
    for &row in sheet.rows.iter().filter(|r| **r > header_row) {
        let excel_row = row as usize + 1;
        let get = |f: Field| {
            fields
                .get(&f)
                .map(|c| sheet.text(row, *c))
                .unwrap_or_default()
        };
        // the distinct values the row shows (a merged region counts once)
        let mut shown: Vec<((u32, u32), String)> = Vec::new();
        for c in c0..=c1 {
            let text = sheet.text(row, c);
            let origin = sheet.origin(row, c);
            if !text.is_empty() && !shown.iter().any(|(o, _)| *o == origin) {
                shown.push((origin, text));
            }
        }
        if shown.is_empty() {
            continue;
        }
        let description = get(Field::Description);
        if description.is_empty() {
            // a heading row: one text across the row ("一、政治建设方面"), not a number
            let number_col = fields.get(&Field::Number).copied();
            if let [((_, col), text)] = shown.as_slice() {
                let is_number = text.parse::<f64>().is_ok();
                if !is_number
                    && Some(*col) != number_col
                    && (!fields.contains_key(&Field::Category)
                        || Some(*col) == fields.get(&Field::Category).copied()
                        || *col == c0)
                {
                    category = Some(text.clone());
                    headings = true;
                    continue;
                }
            }
            report.skipped.push(SkippedRow {
                row: excel_row,
                reason: SkipReason::NoDescription,
            });
            continue;
        }
        let category_cell = get(Field::Category);
        if !category_cell.is_empty() {
            category = Some(category_cell);
        }
        let category_title = category
            .clone()
            .unwrap_or_else(|| DEFAULT_CATEGORY.to_string());
        let category_id = match ledger.categories.iter().find(|c| c.title == category_title) {
            Some(c) => c.id.clone(),
            None => {
                let id = format!("c{:03}", ledger.categories.len() + 1);
                ledger.categories.push(Category {
                    id: id.clone(),
                    title: category_title.clone(),
                    order: format!("{:04}", ledger.categories.len() + 1),
                });
                id
            }
        };

        let mut measures = get(Field::Measures);
        let mut date = |f: Field| -> Option<NaiveDate> {
            let col = *fields.get(&f)?;
            let cell = sheet.cell(row, col);
            let read = match cell {
                Data::DateTime(dt) => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                }
                Data::Float(f) => date_of_serial(*f, is_1904),
                Data::Int(i) => date_of_serial(*i as f64, is_1904),
                other => {
                    let text = cell_text(other);
                    if text.is_empty() {
                        return None;
                    }
                    date_from_text(&text)
                }
            };
            if read.is_none() {
                let text = cell_text(cell);
                report.notes.push(XlsxNote::NotADate {
                    row: excel_row,
                    field: f,
                    text: text.clone(),
                });
                if !measures.is_empty() {
                    measures.push('\n');
                }
                measures.push_str(&format!("{}：{text}", f.label()));
            }
            read
        };
        let deadline = date(Field::Deadline);
        let completed_on = date(Field::CompletedOn);
        let status_text = get(Field::Status);
        let (status, known) = status_from_text(&status_text, completed_on.is_some());
        if !known {
            report.notes.push(XlsxNote::StatusAssumed {
                row: excel_row,
                text: status_text.clone(),
                status: status.clone(),
            });
        }
        let number = ledger.problems.len() + 1;
        let id = format!("p{number:04}");
        for title in rule_titles(&get(Field::Rules)) {
            match rules.iter_mut().find(|r| r.title == title) {
                Some(r) => r.problem_ids.push(id.clone()),
                None => rules.push(Rule {
                    id: format!("r{:03}", rules.len() + 1),
                    title,
                    kind: RuleKind::New,
                    date: None,
                    problem_ids: vec![id.clone()],
                    candidate: false,
                }),
            }
        }
        ledger.problems.push(Problem {
            id,
            category_id,
            order: format!("{number:05}"),
            description,
            cause: get(Field::Cause),
            measures,
            progress: get(Field::Progress),
            lead: get(Field::Lead),
            departments: departments_of(&get(Field::Departments)),
            owner: get(Field::Owner),
            deadline,
            completed_on,
            status,
            evidence: get(Field::Evidence),
            progress_log: vec![],
        });
    }
    if headings {
        ledger.meta.counting_basis = CountingBasis::Category;
    }
    ledger.rules = rules;
    ledger.sort();
    report.categories = ledger.categories.len();
    report.problems = ledger.problems.len();
    report.rules = ledger.rules.iter().filter(|r| !r.candidate).count();
    report.rule_candidates = ledger.rules.iter().filter(|r| r.candidate).count();
    // refused here, before the preview offers an import the document would refuse
    rectify_core::document::check_sizes(&ledger).map_err(XlsxImportError::OverLimit)?;
    Ok(XlsxImport { ledger, report })
}

/// The text of a title row above the header (the first non-empty row), if any.
fn title_above(sheet: &Sheet, header_row: u32) -> String {
    let (c0, c1) = sheet.columns();
    sheet
        .rows
        .iter()
        .filter(|r| **r < header_row)
        .flat_map(|&r| (c0..=c1).map(move |c| (r, c)))
        .map(|(r, c)| cell_text(sheet.raw(r, c)))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// Rules from a 建章立制 sheet with 制度名称 (and optionally 类型, 印发日期, 计入通报) columns.
fn read_rules_sheet(sheet: &Sheet, is_1904: bool) -> Vec<Rule> {
    let mut rules = Vec::new();
    if sheet.is_empty() {
        return rules;
    }
    let (c0, c1) = sheet.columns();
    let find = |row: u32, names: &[&str]| {
        (c0..=c1)
            .find(|c| names.contains(&normalise_header(&cell_text(sheet.raw(row, *c))).as_str()))
    };
    let Some((header, title_col)) = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find_map(|&r| find(r, &["制度名称", "名称", "制度"]).map(|c| (r, c)))
    else {
        return rules;
    };
    let kind_col = find(header, &["类型", "新建/修订"]);
    let date_col = find(header, &["印发日期", "日期"]);
    let counted_col = find(header, &["计入通报", "状态"]);
    for &row in sheet.rows.iter().filter(|r| **r > header) {
        let title = cell_text(sheet.raw(row, title_col))
            .trim_matches(['《', '》'])
            .trim()
            .to_string();
        if title.is_empty() || rules.iter().any(|r: &Rule| r.title == title) {
            continue;
        }
        let text = |col: Option<u32>| {
            col.map(|c| cell_text(sheet.raw(row, c)))
                .unwrap_or_default()
        };
        let date = date_col.and_then(|c| match sheet.raw(row, c) {
            Data::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
            }
            Data::Float(f) => date_of_serial(*f, is_1904),
            other => date_from_text(&cell_text(other)),
        });
        rules.push(Rule {
            id: format!("r{:03}", rules.len() + 1),
            title,
            kind: if text(kind_col).contains("修订") {
                RuleKind::Revised
            } else {
                RuleKind::New
            },
            date,
            problem_ids: vec![],
            candidate: text(counted_col).contains("待确认"),
        });
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
