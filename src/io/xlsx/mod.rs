//! The ledger as an Excel workbook (.xlsx), the form units already keep 整改台账 in:
//! export (`export.rs`: 整改台账, 统计, 建章立制 sheets) and import (`import.rs`: any workbook).

mod export;
mod import;

pub use export::{
    export_xlsx, file_name, GROUP_COLUMNS, LEDGER_SHEET, RULES_SHEET, RULE_COLUMNS, STATS_SHEET,
};
pub use import::{
    add_from_xlsx, create_from_xlsx, date_from_text, read_xlsx, status_from_text, ColumnMapping,
    SkippedRow, XlsxImport, XlsxImportError, XlsxReport, MAX_ROWS, MAX_XLSX_BYTES,
};

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
