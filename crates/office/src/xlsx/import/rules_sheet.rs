//! The 建章立制 sheet of Rectify's own export: each rule with its kind, date and 待确认.

use rectify_core::import::xlsx::normalise_header;
use rectify_core::ledger::{Rule, RuleKind};

use super::sheet::{cell_date, cell_text, Sheet, HEADER_SEARCH_ROWS};

/// Rules from a 建章立制 sheet with 制度名称 (and optionally 类型, 印发日期, 计入通报) columns.
pub(super) fn read_rules_sheet(sheet: &Sheet, is_1904: bool) -> Vec<Rule> {
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
        let date = date_col.and_then(|c| cell_date(sheet.raw(row, c), is_1904));
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
