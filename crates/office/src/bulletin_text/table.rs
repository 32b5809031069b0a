//! A table given as text (从通报导入): Word, WPS and Excel put a copied table on the clipboard
//! as tab-separated rows, Excel quoting a cell that holds a line break, a tab or a quote
//! ("…", a quote doubled inside). Such text is read as a grid of cells and goes through
//! 从 Excel 导入's header mapping and row reading (`xlsx::read_table`), not a mapper of its own.

use rectify_core::import::xlsx::{XlsxImport, XlsxImportError};

/// The text as a grid of cells when it is a ledger table: tab-separated rows with a header
/// row that 从 Excel 导入 maps (问题表现 and at least one more field). None otherwise: the text
/// is read as a bulletin.
pub fn read_table_text(text: &str, file_name: &str) -> Option<Result<XlsxImport, XlsxImportError>> {
    let grid = tab_grid(text)?;
    crate::xlsx::read_table(&grid, file_name)
}

/// The rows and cells of tab-separated text; None when no line has a tab.
pub fn tab_grid(text: &str) -> Option<Vec<Vec<String>>> {
    if !text.contains('\t') {
        return None;
    }
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    loop {
        let (value, after) = cell(rest);
        row.push(value);
        let ending = if after.starts_with("\r\n") {
            2
        } else {
            usize::from(after.starts_with(['\n', '\r']))
        };
        if let Some(next) = after.strip_prefix('\t') {
            rest = next;
        } else if ending > 0 {
            rows.push(std::mem::take(&mut row));
            rest = &after[ending..];
        } else {
            rows.push(row);
            return Some(rows);
        }
    }
}

/// One cell from the start of `s`, and what follows it (a tab, a line end or nothing).
fn cell(s: &str) -> (String, &str) {
    if let Some(quoted) = s.strip_prefix('"').and_then(quoted_cell) {
        return quoted;
    }
    let end = s.find(['\t', '\r', '\n']).unwrap_or(s.len());
    (s[..end].trim().to_string(), &s[end..])
}

/// A cell Excel quoted (after its opening quote): up to the quote that ends it, `""` read as
/// one quote. None when no quote ends it before a tab or line end: then the quote was the
/// cell's own first character (a cell that begins "四风"问题 copied from Word).
fn quoted_cell(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut at = 0;
    loop {
        let q = at + s[at..].find('"')?;
        out.push_str(&s[at..q]);
        let after = &s[q + 1..];
        if let Some(more) = after.strip_prefix('"') {
            out.push('"');
            at = s.len() - more.len();
        } else if after.is_empty() || after.starts_with(['\t', '\r', '\n']) {
            return Some((out.replace("\r\n", "\n").trim().to_string(), after));
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_quotes_cells_with_line_breaks() {
        let text = "序号\t问题\t整改措施\r\n1\t\"台账不全\n记录缺失\"\t\"建立\"\"三本账\"\"\"\r\n2\t\"四风\"问题\t整改\r\n";
        let grid = tab_grid(text).unwrap();
        assert_eq!(grid[0], ["序号", "问题", "整改措施"]);
        assert_eq!(grid[1], ["1", "台账不全\n记录缺失", "建立\"三本账\""]);
        assert_eq!(grid[2], ["2", "\"四风\"问题", "整改"]);
        assert_eq!(grid.len(), 4, "the last line end leaves an empty row");
        assert_eq!(tab_grid("一、没有制表符\n二、也没有"), None);
    }

    #[test]
    fn an_unclosed_quote_is_the_cells_own() {
        let grid = tab_grid("问题\t措施\n\"未闭合\t甲\n").unwrap();
        assert_eq!(grid[1], ["\"未闭合", "甲"]);
    }
}
