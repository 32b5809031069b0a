//! The ledger as an Excel workbook (.xlsx), the form units already keep 整改台账 in:
//! export (`export.rs`: 整改台账, 统计, 建章立制 sheets) and import (`import/`: any workbook,
//! read into the core's plan, `rectify_core::import::xlsx::XlsxImport`).

mod export;
mod import;

pub use export::{
    export_xlsx, GROUP_COLUMNS, LEDGER_SHEET, RULES_SHEET, RULE_COLUMNS, STATS_SHEET,
};
pub use import::{date_from_text, read_table, read_xlsx, status_from_text};
