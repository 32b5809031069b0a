//! 从 Excel 导入: read a workbook made by any program, find the header row, map its columns
//! by name (with the variants units use), and turn each row into a problem or say why not.
//! `sheet` (cells, merged regions, the header), `rows` (a row into a problem), `values` (a
//! cell's words as dates, statuses, rules), `rules_sheet` (our own export's 建章立制 sheet).

mod rows;
mod rules_sheet;
mod sheet;
#[cfg(test)]
mod tests;
mod values;

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::{LEDGER_SHEET, RULES_SHEET, STATS_SHEET};
use rectify_core::import::xlsx::{Field, XlsxImport, XlsxImportError, XlsxReport, MAX_XLSX_BYTES};
use rectify_core::ledger::{CountingBasis, Ledger, Meta, DEFAULT_WARN_DAYS};
use rows::Rows;
use sheet::{cell_text, find_header, load_sheet, Header, Sheet};
pub use values::{date_from_text, status_from_text};

/// The unpacked parts of a workbook may not add up to more than this (a zip bomb guard).
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

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
    let Some((sheet_name, sheet, header)) = found else {
        return Err(XlsxImportError::NoHeader { sheets: names });
    };

    // the rules sheet of our own export (kind, date, 待确认), if there is one
    let mut rules = Vec::new();
    if sheet_name != RULES_SHEET && workbook.sheet_names().iter().any(|n| n == RULES_SHEET) {
        let rules_sheet = load_sheet(&mut workbook, RULES_SHEET)?;
        rules = rules_sheet::read_rules_sheet(&rules_sheet, is_1904);
    }
    let found = Found {
        sheet_name,
        sheet,
        header,
        is_1904,
        rules,
    };
    read_found(found, file_name, "从 Excel 导入的台账")
}

/// A table given as a grid of cell texts (pasted from Word, WPS or Excel as tab-separated
/// text, or a Word document's table), read with the same header mapping and rows as a
/// workbook. None when no row of its first rows is a header (it is not a ledger table).
pub fn read_table(
    grid: &[Vec<String>],
    file_name: &str,
) -> Option<Result<XlsxImport, XlsxImportError>> {
    let sheet = match Sheet::from_grid(grid) {
        Ok(sheet) => sheet,
        Err(e) => return Some(Err(e)),
    };
    let header = find_header(&sheet)?;
    let found = Found {
        sheet_name: String::new(),
        sheet,
        header,
        is_1904: false,
        rules: Vec::new(),
    };
    Some(read_found(found, file_name, "导入的台账"))
}

/// A sheet with its header found: what both a workbook and a pasted table give.
struct Found {
    /// the worksheet's name ("" for a pasted table)
    sheet_name: String,
    sheet: Sheet,
    header: Header,
    is_1904: bool,
    /// the rules of our own export's 建章立制 sheet
    rules: Vec<rectify_core::ledger::Rule>,
}

/// Each row under the header read into the ledger, with the report of what was read.
fn read_found(found: Found, file_name: &str, unnamed: &str) -> Result<XlsxImport, XlsxImportError> {
    let Found {
        sheet_name,
        sheet,
        header: (header_row, columns, fields),
        is_1904,
        rules,
    } = found;
    let report = XlsxReport {
        sheet: sheet_name,
        header_row: header_row as usize + 1,
        columns,
        ..Default::default()
    };
    let ledger = Ledger {
        meta: Meta {
            name: ledger_name(&sheet, header_row, file_name, unnamed),
            warn_days: DEFAULT_WARN_DAYS,
            counting_basis: if fields.contains_key(&Field::Category) {
                CountingBasis::Category
            } else {
                CountingBasis::Problem
            },
            ..Default::default()
        },
        ..Default::default()
    };
    let mut read = Rows::new(&sheet, &fields, is_1904, ledger, report, rules);
    for &row in sheet.rows.iter().filter(|r| **r > header_row) {
        read.row(row);
    }
    let (ledger, report) = read.finish();
    // refused here, before the preview offers an import the document would refuse
    rectify_core::document::check_sizes(&ledger).map_err(XlsxImportError::OverLimit)?;
    Ok(XlsxImport { ledger, report })
}

/// The ledger's name: the title row above the header, or else the file's name.
fn ledger_name(sheet: &Sheet, header_row: u32, file_name: &str, unnamed: &str) -> String {
    let title = title_above(sheet, header_row);
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = match base.rsplit_once('.') {
        Some((stem, ext)) if (1..=5).contains(&ext.len()) => stem,
        _ => base,
    }
    .trim();
    let name = [title.as_str(), stem]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or(unnamed)
        .to_string();
    name
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
