//! An Excel workbook read for import (从 Excel 导入): the ledger's columns ([`Field`]) and
//! how headers are matched to them, the plan the reader in `rectify-office` makes (a plain
//! ledger and what was read, skipped or assumed), and applying it: a new ledger, or added to
//! an open one.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::{AddedContents, DocError, LedgerDoc};
use crate::ledger::Ledger;

/// Files larger than this are refused: a ledger of a few hundred problems is well under 1 MB.
pub const MAX_XLSX_BYTES: usize = 10 * 1024 * 1024;
/// Sheets with more rows than this are refused.
pub const MAX_ROWS: usize = 10_000;

/// Why a file could not be read as a ledger workbook. Each has its own Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum XlsxImportError {
    #[error("文件是空的（0 字节）。请选择保存了整改台账的 Excel 文件（.xlsx）。")]
    Empty,
    #[error("文件太大（约 {} MB），超过 10 MB 的上限。整改台账的 Excel 文件通常不到 1 MB，请检查是否选错了文件，或删去其中的图片后再试。", bytes / 1024 / 1024)]
    TooLarge { bytes: usize },
    #[error("这是 Rectify 的台账文件（.rectify），不是 Excel 文件。请用右上角的“导入”打开它。")]
    RectifyFile,
    #[error("这是旧版 Excel 文件（.xls，Excel 97–2003 格式），本程序只能读取 .xlsx。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。")]
    OldExcel,
    #[error("这是 Word 文档（.docx），不是 Excel 文件。如果是整改通报，请用“从通报导入”；台账请选择 .xlsx 文件。")]
    WordDocument,
    #[error("这是 PowerPoint 演示文稿（.pptx），不是 Excel 文件。请选择 .xlsx 文件。")]
    Presentation,
    #[error("这是 OpenDocument 表格（.ods）。请在 WPS、LibreOffice 或 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入。")]
    OpenDocument,
    #[error("这是 PDF 文件，不是 Excel 文件。请选择 .xlsx 文件。")]
    Pdf,
    #[error("这是图片文件，不是 Excel 文件。请选择 .xlsx 文件。")]
    Image,
    #[error("这是一个压缩包（.zip），但不是 Excel 工作簿。请选择 .xlsx 文件。")]
    NotWorkbook,
    #[error("这不是 Excel 文件（.xlsx）：文件内容不是 Excel 工作簿的格式（可能是文本、CSV 或其他文件）。CSV 文件请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")]
    NotExcel,
    #[error(
        "Excel 文件不完整或已损坏，无法读取（{0}）。请在 Excel 或 WPS 中打开并重新保存后再试。"
    )]
    Corrupt(String),
    #[error("Excel 文件解压后过大（超过 200 MB），不像是整改台账，未导入。")]
    Unpacked,
    #[error(
        "工作表“{sheet}”有 {rows} 行，超过 {} 行的上限。请只保留整改台账的内容后再导入。",
        MAX_ROWS
    )]
    TooManyRows { sheet: String, rows: usize },
    #[error("没有找到表头：在各工作表（{sheets}）前 20 行中都没有“问题表现”（或“问题”“具体问题”“问题描述”）这样的列名。请确认表格有一行列名，如“序号、问题类别、问题表现、整改措施、责任部门、整改时限、整改状态”。")]
    NoHeader { sheets: String },
    #[error("表中没有可导入的问题：每一行都没有问题表现。")]
    NoProblems,
    /// What was read breaks a ledger's size limits (too many problems, a cell too long for a
    /// field): the message is the document's ([`crate::document::check_sizes`]).
    #[error("无法导入：{0}")]
    OverLimit(String),
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
    pub note: String,
}

/// A row that did not become a problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// the row number as Excel shows it (1-based)
    pub row: usize,
    pub reason: String,
}

impl std::fmt::Display for SkippedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第 {} 行：{}", self.row, self.reason)
    }
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
    /// values read with an assumption ("第 5 行：整改状态“已销号”按已完成导入")
    pub notes: Vec<String>,
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

/// A new ledger document holding what was read (创建新台账).
pub fn create_from_xlsx(
    import: &XlsxImport,
    author: Option<&str>,
    now: i64,
) -> Result<LedgerDoc, XlsxImportError> {
    if import.ledger.problems.is_empty() {
        return Err(XlsxImportError::NoProblems);
    }
    let mut doc = LedgerDoc::create(&import.ledger.meta.name, author, now);
    doc.fill_from(&import.ledger)
        .map_err(|e| XlsxImportError::OverLimit(e.to_string()))?;
    doc.commit(now);
    Ok(doc)
}

/// Add what was read to an open ledger (添加到当前台账) through its normal operations:
/// problems go to the category of the same title when there is one.
pub fn add_from_xlsx(doc: &mut LedgerDoc, import: &XlsxImport) -> Result<AddedContents, DocError> {
    if import.ledger.problems.is_empty() {
        return Err(DocError::Invalid(XlsxImportError::NoProblems.to_string()));
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
