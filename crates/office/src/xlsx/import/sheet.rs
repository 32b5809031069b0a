//! A worksheet as the person sees it (cells with their merged regions), loaded with limits,
//! and its header row found and mapped to the core's fields.

use std::collections::HashMap;
use std::io::{Read, Seek};

use calamine::{Data, Dimensions, Xlsx};
use chrono::NaiveDate;

use super::values::{date_from_text, date_of_serial};
use rectify_core::import::xlsx::{ColumnMapping, ColumnNote, Field, XlsxImportError, MAX_ROWS};

/// The header row is looked for in this many rows from the top (title rows come first).
pub(super) const HEADER_SEARCH_ROWS: usize = 20;

/// The text a cell shows, trimmed: numbers without a trailing ".0", dates as YYYY-MM-DD.
pub(super) fn cell_text(cell: &Data) -> String {
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

/// A date cell as a date: a date cell, an Excel day number, or a date written as text.
pub(super) fn cell_date(cell: &Data, is_1904: bool) -> Option<NaiveDate> {
    match cell {
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
        }
        Data::Float(f) => date_of_serial(*f, is_1904),
        Data::Int(i) => date_of_serial(*i as f64, is_1904),
        other => date_from_text(&cell_text(other)),
    }
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub(super) fn column_letter(mut col: u32) -> String {
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
pub(super) struct Sheet {
    cells: HashMap<(u32, u32), Data>,
    /// the rows that hold at least one value, in order
    pub(super) rows: Vec<u32>,
    /// first and last column holding a value
    columns: (u32, u32),
    merged: Vec<Dimensions>,
}

impl Sheet {
    pub(super) fn raw(&self, row: u32, col: u32) -> &Data {
        self.cells.get(&(row, col)).unwrap_or(&Data::Empty)
    }

    /// The cell (row, col) as shown: its own value, or its merged region's.
    pub(super) fn cell(&self, row: u32, col: u32) -> &Data {
        let own = self.raw(row, col);
        if !matches!(own, Data::Empty) {
            return own;
        }
        match self.merged.iter().find(|d| d.contains(row, col)) {
            Some(d) => self.raw(d.start.0, d.start.1),
            None => own,
        }
    }

    pub(super) fn text(&self, row: u32, col: u32) -> String {
        cell_text(self.cell(row, col))
    }

    /// The region that holds (row, col): its top-left cell, or the cell itself.
    pub(super) fn origin(&self, row: u32, col: u32) -> (u32, u32) {
        self.merged
            .iter()
            .find(|d| d.contains(row, col))
            .map(|d| d.start)
            .unwrap_or((row, col))
    }

    /// Whether the value at `origin` is merged across at least `cols` (a heading row's one
    /// value spanning the table).
    pub(super) fn spans(&self, origin: (u32, u32), cols: &[u32]) -> bool {
        self.merged.iter().any(|d| {
            d.start == origin
                && d.end.1 > d.start.1
                && cols.iter().all(|c| d.contains(origin.0, *c))
        })
    }

    pub(super) fn columns(&self) -> (u32, u32) {
        self.columns
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// A grid of cell texts (a table pasted as tab-separated text, a Word table) as a sheet:
    /// each cell a text cell, nothing merged; the same header mapping and row reading follow.
    /// A row of a single cell (no tab: a Word or WPS row merged across) is merged across
    /// the table, as such a row is in a workbook.
    pub(super) fn from_grid(grid: &[Vec<String>]) -> Result<Sheet, XlsxImportError> {
        let mut cells = HashMap::new();
        let mut rows = Vec::new();
        let mut columns = (u32::MAX, 0);
        for (r, row) in grid.iter().enumerate() {
            let mut any = false;
            for (c, text) in row.iter().enumerate().take(MAX_COLUMNS as usize) {
                if text.trim().is_empty() {
                    continue;
                }
                let (r, c) = (r as u32, c as u32);
                columns = (columns.0.min(c), columns.1.max(c));
                cells.insert((r, c), Data::String(text.clone()));
                any = true;
            }
            if any {
                rows.push(r as u32);
            }
        }
        if rows.len() > MAX_ROWS {
            return Err(XlsxImportError::TooManyRows {
                sheet: String::new(),
                rows: rows.len(),
            });
        }
        let merged = grid
            .iter()
            .enumerate()
            .filter(|(_, row)| row.len() == 1 && columns.1 > 0)
            .map(|(r, _)| Dimensions::new((r as u32, 0), (r as u32, columns.1)))
            .collect();
        Ok(Sheet {
            cells,
            rows,
            columns,
            merged,
        })
    }
}

/// Columns beyond this are not read (a ledger has a few dozen at most).
const MAX_COLUMNS: u32 = 256;
/// Merged regions beyond this are not read.
const MAX_MERGED: usize = 20_000;

pub(super) fn load_sheet<RS: Read + Seek>(
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

/// A header row (0-based), what each column was taken as, and the column of each field.
pub(super) type Header = (u32, Vec<ColumnMapping>, HashMap<Field, u32>);

/// The header row of a sheet (absolute row) and each column's field, if the sheet has one:
/// the first row within [`HEADER_SEARCH_ROWS`] that names 问题表现 and at least one more field.
pub(super) fn find_header(sheet: &Sheet) -> Option<Header> {
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
