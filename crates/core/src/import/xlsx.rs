//! An Excel workbook read for import (从 Excel 导入): the ledger's columns ([`Field`]) and
//! how headers are matched to them, the plan the reader in `rectify-office` makes (a plain
//! ledger and what was read, skipped or assumed), and applying it: a new ledger, or added to
//! an open one.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::{AddedContents, DocError, Filling, LedgerDoc, LimitError};
use crate::ledger::{Ledger, Status};

/// Files larger than this are refused: a ledger of a few hundred problems is well under 1 MB.
pub const MAX_XLSX_BYTES: usize = 10 * 1024 * 1024;
/// Sheets with more rows than this are refused.
pub const MAX_ROWS: usize = 10_000;

/// Why a file could not be read as a ledger workbook, as data (the page's i18n says it in
/// words, with what to do instead).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum XlsxImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({bytes} bytes)")]
    TooLarge { bytes: usize },
    #[error("a Rectify ledger file, not a workbook")]
    RectifyFile,
    #[error("an old .xls workbook")]
    OldExcel,
    #[error("a Word document")]
    WordDocument,
    #[error("a PowerPoint presentation")]
    Presentation,
    #[error("an OpenDocument spreadsheet")]
    OpenDocument,
    #[error("a PDF file")]
    Pdf,
    #[error("an image")]
    Image,
    #[error("a zip archive that is not a workbook")]
    NotWorkbook,
    #[error("not an Excel file")]
    NotExcel,
    /// the reader's own (English) detail
    #[error("the workbook is damaged ({0})")]
    Corrupt(String),
    #[error("the workbook unpacks to more than 200 MB")]
    Unpacked,
    #[error("sheet {sheet:?} has {rows} rows, over {MAX_ROWS}")]
    TooManyRows { sheet: String, rows: usize },
    #[error("no header row in the sheets {sheets:?}")]
    NoHeader { sheets: Vec<String> },
    #[error("no row has a problem")]
    NoProblems,
    /// What was read breaks a ledger's size limits (too many problems, a cell too long for a
    /// field).
    #[error("cannot import: {0}")]
    OverLimit(LimitError),
}

/// Why a column of the workbook is not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnNote {
    /// the header names no field of the ledger
    UnknownHeader,
    /// 预警: the app computes the lights from the deadlines
    Light,
    /// the same field as an earlier column (its letter)
    Duplicate { of: String },
}

/// What a column of the workbook was taken as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// the column letter: A, B, …
    pub column: String,
    /// the header as written in the workbook
    pub header: String,
    /// the ledger field it fills, or None (not imported)
    pub field: Option<Field>,
    /// why a column is not imported, when it is not
    pub note: Option<ColumnNote>,
}

/// Why a row did not become a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// the row has other cells but no 问题表现
    NoDescription,
}

/// A row that did not become a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// the row number as Excel shows it (1-based)
    pub row: usize,
    pub reason: SkipReason,
}

/// A value read with an assumption, for the person to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum XlsxNote {
    /// a date column's cell is not a date; its text was added to the end of 整改措施
    NotADate {
        row: usize,
        field: Field,
        text: String,
    },
    /// a 整改状态 not recognised, imported as `status`
    StatusAssumed {
        row: usize,
        text: String,
        status: Status,
    },
}

/// What the import read, for the person to check before anything is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct XlsxReport {
    /// the sheet the problems were read from
    pub sheet: String,
    /// the header's row number as Excel shows it
    pub header_row: usize,
    pub columns: Vec<ColumnMapping>,
    pub categories: usize,
    pub problems: usize,
    pub rules: usize,
    pub rule_candidates: usize,
    /// rows that could not be read, with the reason
    pub skipped: Vec<SkippedRow>,
    /// values read with an assumption (row 5's status 已销号 imported as 已完成)
    pub notes: Vec<XlsxNote>,
}

/// A workbook read into a plain ledger (ids `c001…`, `p0001…`, `r001…`; the document makes
/// real ids), and the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XlsxImport {
    pub ledger: Ledger,
    pub report: XlsxReport,
}

/// A column of the 整改台账 sheet: what a problem's field is called in the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    /// 序号 (numbering is the ledger's; read only to tell a bad row from an empty one)
    Number,
    /// 问题类别 (反馈问题)
    Category,
    /// 问题表现
    Description,
    /// 原因分析
    Cause,
    /// 整改措施
    Measures,
    /// 责任领导
    Lead,
    /// 责任部门 (several, separated by 、)
    Departments,
    /// 责任人
    Owner,
    /// 整改时限
    Deadline,
    /// 完成时间
    CompletedOn,
    /// 整改状态
    Status,
    /// 整改情况
    Progress,
    /// 佐证材料
    Evidence,
    /// 建章立制 (rule titles, 《…》)
    Rules,
    /// 预警 (红灯/黄灯/绿灯): computed by the app, never imported
    Light,
}

impl Field {
    /// The columns of the exported 整改台账 sheet, in order.
    pub const EXPORTED: [Field; 15] = [
        Field::Number,
        Field::Category,
        Field::Description,
        Field::Cause,
        Field::Measures,
        Field::Lead,
        Field::Departments,
        Field::Owner,
        Field::Deadline,
        Field::CompletedOn,
        Field::Status,
        Field::Progress,
        Field::Evidence,
        Field::Rules,
        Field::Light,
    ];

    /// The header the export writes, and the name the preview shows.
    pub fn label(self) -> &'static str {
        match self {
            Field::Number => "序号",
            Field::Category => "问题类别",
            Field::Description => "问题表现",
            Field::Cause => "原因分析",
            Field::Measures => "整改措施",
            Field::Lead => "责任领导",
            Field::Departments => "责任部门",
            Field::Owner => "责任人",
            Field::Deadline => "整改时限",
            Field::CompletedOn => "完成时间",
            Field::Status => "整改状态",
            Field::Progress => "整改情况",
            Field::Evidence => "佐证材料",
            Field::Rules => "建章立制",
            Field::Light => "预警",
        }
    }

    /// Header texts other programs and units use for this column (after [`normalise_header`]).
    fn variants(self) -> &'static [&'static str] {
        match self {
            Field::Number => &["序号", "编号", "问题编号", "问题序号", "序", "NO", "NO."],
            Field::Category => &[
                "问题类别",
                "问题类型",
                "类别",
                "类型",
                "问题分类",
                "反馈问题",
                "反馈问题类别",
                "问题方面",
                "方面",
                "所属类别",
            ],
            Field::Description => &[
                "问题表现",
                "问题",
                "具体问题",
                "问题描述",
                "问题内容",
                "存在问题",
                "主要问题",
                "具体表现",
                "问题具体表现",
                "反馈的具体问题",
                "巡察反馈问题",
                "问题清单",
            ],
            Field::Cause => &["原因分析", "原因", "问题原因", "产生原因", "原因剖析"],
            Field::Measures => &[
                "整改措施",
                "措施",
                "整改举措",
                "具体措施",
                "具体整改措施",
                "整改目标和措施",
                "整改目标及措施",
            ],
            Field::Lead => &["责任领导", "分管领导", "牵头领导", "责任领导人", "领导"],
            Field::Departments => &[
                "责任部门",
                "责任单位",
                "牵头部门",
                "牵头单位",
                "责任科室",
                "责任股室",
                "部门",
                "整改责任部门",
                "整改责任单位",
            ],
            Field::Owner => &["责任人", "具体责任人", "经办人", "联系人"],
            Field::Deadline => &[
                "整改时限",
                "完成时限",
                "整改期限",
                "时限",
                "完成期限",
                "整改时间",
                "计划完成时间",
            ],
            Field::CompletedOn => &[
                "完成时间",
                "实际完成时间",
                "完成日期",
                "整改完成时间",
                "销号时间",
            ],
            Field::Status => &[
                "整改状态",
                "状态",
                "完成状态",
                "进展状态",
                "整改进度",
                "是否完成",
                "完成情况",
            ],
            Field::Progress => &[
                "整改情况",
                "整改进展",
                "整改进展情况",
                "进展情况",
                "整改落实情况",
                "整改完成情况",
                "整改结果",
                "落实情况",
            ],
            Field::Evidence => &["佐证材料", "佐证", "证明材料", "佐证资料", "整改佐证材料"],
            Field::Rules => &["建章立制", "建立制度", "制度建设", "建章立制情况"],
            Field::Light => &["预警", "预警灯", "预警状态"],
        }
    }

    /// The field a header names, if any.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = normalise_header(header);
        if h.is_empty() {
            return None;
        }
        Field::EXPORTED
            .into_iter()
            .find(|f| f.variants().iter().any(|v| *v == h))
    }
}

/// A header cell as compared: no spaces or line breaks, full-width letters folded, a trailing
/// note in brackets dropped ("整改时限（年月日）" → "整改时限"), upper-case ASCII.
pub fn normalise_header(header: &str) -> String {
    let mut s: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    if s.ends_with('）') {
        if let Some(open) = s.rfind('（') {
            if open > 0 {
                s.truncate(open);
            }
        }
    }
    s.trim_end_matches(['：', ':']).to_string()
}

/// A new ledger document holding what was read (创建新台账), in one change.
pub fn create_from_xlsx(
    import: &XlsxImport,
    author: Option<&str>,
    now: i64,
) -> Result<LedgerDoc, XlsxImportError> {
    if import.ledger.problems.is_empty() {
        return Err(XlsxImportError::NoProblems);
    }
    LedgerDoc::create_filled(&import.ledger, author, now).map_err(creation_error)
}

/// [`create_from_xlsx`] in steps ([`Filling`]: the page says how far it got between them).
pub fn start_from_xlsx(
    import: &XlsxImport,
    author: Option<&str>,
) -> Result<Filling, XlsxImportError> {
    if import.ledger.problems.is_empty() {
        return Err(XlsxImportError::NoProblems);
    }
    Filling::start(import.ledger.clone(), author).map_err(creation_error)
}

/// What a failure to create the ledger means to the person who imported the workbook.
pub fn creation_error(e: DocError) -> XlsxImportError {
    match e {
        DocError::OverLimit(limit) => XlsxImportError::OverLimit(limit),
        other => XlsxImportError::Corrupt(other.to_string()),
    }
}

/// Add what was read to an open ledger (添加到当前台账) in one batch
/// ([`LedgerDoc::add_contents`]): problems go to the category of the same title when there is
/// one.
pub fn add_from_xlsx(doc: &mut LedgerDoc, import: &XlsxImport) -> Result<AddedContents, DocError> {
    if import.ledger.problems.is_empty() {
        return Err(DocError::NothingToAdd);
    }
    doc.add_contents(&import.ledger, true)
}

/// `<ledger name>.xlsx`, without characters file systems refuse.
pub fn file_name(ledger_name: &str) -> String {
    let clean = crate::file::envelope::safe_file_stem(ledger_name);
    let stem = if clean.is_empty() {
        "整改台账"
    } else {
        &clean
    };
    format!("{stem}.xlsx")
}
