//! A bulletin text read for import (从通报导入): the plan the reader in `rectify-office`
//! makes (a plain ledger and what was recognised), why a text or file cannot be read, and
//! the new ledger document made from the plan. (A picked file's bytes become text in the
//! worker: `rectify_office::text_file`.)

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::{LedgerDoc, LimitError, ProblemText};
use crate::ledger::{CountingBasis, Ledger};

/// Texts larger than this are refused: a bulletin is a few dozen KB.
pub const MAX_BULLETIN_BYTES: usize = 2 * 1024 * 1024;

/// Why a text could not be imported, as data (the page's i18n says it in words, with what
/// to do instead).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum BulletinTextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is too large ({bytes} bytes)")]
    TooLarge { bytes: usize },
    #[error("the text is not UTF-8")]
    NotUtf8,
    #[error("not a plain text file")]
    NotText,
    #[error("an image")]
    Image,
    #[error("a PDF file")]
    Pdf,
    /// an .xls or .doc of Office 97–2003
    #[error("an old Office file (.doc, .xls)")]
    OldOffice,
    /// an .xlsx: 从 Excel 导入 reads it
    #[error("an Excel workbook")]
    Workbook,
    #[error("a Rectify ledger file")]
    RectifyFile,
    /// a .docx that cannot be read, with the reader's (English) detail
    #[error("the document is damaged ({0})")]
    Damaged(String),
    /// The text parses into a ledger past a size limit (too many problems, a field too long).
    #[error("cannot import: {0}")]
    OverLimit(LimitError),
    #[error("no bulletin structure found")]
    NoStructure,
}

/// What the text itself states in its count sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedCounts {
    /// 指出…问题N个
    pub problems: Option<usize>,
    /// 已整改完毕事项N个
    pub done: Option<usize>,
    /// 整改建章立制N项
    pub rules: Option<usize>,
    /// N个方面
    pub categories: Option<usize>,
    /// 正在整改N个
    pub in_progress: Option<usize>,
    /// 基本完成N个
    pub basically_done: Option<usize>,
    /// 整改完成率N%
    pub rate_percent: Option<usize>,
    /// 问责/处理N人
    pub people: Option<usize>,
    /// 金额 in 万元, as written
    pub money: Option<String>,
    /// the sentences the figures were read from, whole
    pub sentences: Vec<String>,
}

/// How a numbered line is marked, the numbering styles bulletins use (full- and half-width
/// alike): the importer finds which the text uses and how deep each stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Marker {
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 第一条 / 第一部分 / 第一项
    Article,
    /// 1. 1、 1．
    Digit,
    /// （1）
    DigitParen,
    /// 1）
    DigitHalfParen,
    /// ①
    Circled,
}

/// What the items of one numbering level are, as inferred or as the person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// 类别
    Category,
    /// 问题
    Problem,
    /// 问题的一部分: kept whole in the problem's text
    Part,
    /// 叙述段落: headings of the text's own sections or groups, no ledger item
    Narrative,
}

/// Why a level got its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleEvidence {
    /// field labels (整改情况：…) follow its items
    Labels,
    /// its number of items is the number the text states
    StatedCount,
    /// it stands above or below the problem level
    Nesting,
    /// its items hold no problem (组织领导, 下一步工作)
    NoProblems,
    /// no evidence either way: the default for its depth
    Default,
    /// the person chose it in the preview
    Chosen,
}

/// One numbering level the text uses, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub marker: Marker,
    /// numbered items of this level in the text
    pub items: usize,
    /// items followed directly by a field label
    pub labelled: usize,
    pub role: Role,
    pub evidence: RoleEvidence,
    /// another level had as much evidence for this role: the person should choose
    pub tie: bool,
}

/// One node of the outline the preview shows as a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutlineNode {
    /// a section of the text's own (一、…), its heading
    Section(String),
    /// a category, its title
    Category(String),
    /// a problem: its number and the start of its text
    Problem { number: usize, text: String },
    /// a field of the problem above, with its first characters
    Field { field: ProblemText, text: String },
    /// a rule named by the problem above
    Rule(String),
}

/// A node of the outline at its depth (0: the text's sections, 1: categories, 2: problems,
/// 3: their fields and rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineEntry {
    pub depth: usize,
    pub node: OutlineNode,
}

/// Where a line of the input went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Place {
    /// 发文机关标志, title, signature, date
    Frame,
    Opening,
    /// the text's own section numbered so (0-based)
    Section {
        index: usize,
    },
    /// the title of the category numbered so (1-based)
    CategoryTitle {
        number: usize,
    },
    Problem {
        number: usize,
        field: ProblemText,
    },
    Contact,
    /// dropped, listed here: page numbers
    Dropped,
}

/// A run of input lines (1-based, inclusive) and where they went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub first_line: usize,
    pub last_line: usize,
    pub place: Place,
}

/// The status read for a problem and the sentence that says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvidence {
    pub number: usize,
    pub status: crate::ledger::Status,
    /// the sentence the status was read from (empty: nothing said, 整改中 assumed)
    pub sentence: String,
    /// sentences say different things, or nothing: to review
    pub ambiguous: bool,
}

/// The inferred structure: levels with their roles, the tree, where every line went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    pub levels: Vec<Level>,
    pub nodes: Vec<OutlineEntry>,
    pub placed: Vec<Placed>,
}

/// Text the importer could not attribute, and the field where it was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leftover {
    pub text: String,
    pub kept_in: KeptIn,
}

/// Where a passage the importer could not attribute was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeptIn {
    /// 开头段落
    Opening,
    /// 第一部分（整改部署）
    Deployment,
    /// 第三部分（下一步工作）
    NextSteps,
    /// the title of the category numbered so (1-based)
    CategoryTitle(usize),
    /// a field of the problem numbered so (1-based)
    Problem { number: usize, field: ProblemText },
    /// 联系方式
    Contact,
}

/// Something in the text the person should check after the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulletinWarning {
    /// page number lines that were dropped
    PageNumbers(Vec<String>),
    /// problem numbers skip: `next` follows `after`
    ProblemNumberGap { after: usize, next: usize },
    /// category numbers skip: （`next`） follows category `after`
    CategoryNumberGap { after: usize, next: usize },
    /// a category has no numbered problem: its `field` went to a problem named after it
    CategoryWithoutProblems {
        category: String,
        field: ProblemText,
    },
    /// no 整改情况 was found for the problem numbered so
    NoProgress { number: usize },
    /// the stated number of problems matches neither the categories nor the problems found
    ProblemCountDiffers {
        stated: usize,
        categories: usize,
        problems: usize,
    },
    /// the stated number of finished items differs from what was found, counted by `basis`
    DoneCountDiffers {
        stated: usize,
        basis: CountingBasis,
        found: usize,
    },
    /// the stated number of rules differs from the rules found
    RuleCountDiffers {
        stated: usize,
        counted: usize,
        candidates: usize,
    },
    /// the stated number of 方面 differs from the categories found
    CategoryCountDiffers { stated: usize, found: usize },
    /// two numbering levels had equal evidence for being the problems: the person chooses
    RoleTie { levels: Vec<Marker> },
    /// statuses read from sentences that disagree or say nothing, by problem number
    StatusesToReview(Vec<usize>),
}

/// What the import recognised, for the person to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinReport {
    pub categories: usize,
    pub problems: usize,
    /// rule titles counted (not candidates)
    pub rules: usize,
    /// rule titles found but 待确认
    pub rule_candidates: usize,
    pub stated: StatedCounts,
    pub outline: Outline,
    pub statuses: Vec<StatusEvidence>,
    pub leftovers: Vec<Leftover>,
    pub warnings: Vec<BulletinWarning>,
}

/// A parsed bulletin: the ledger (ids `c00…`, `p001…`, `r00…`; the document makes real ids)
/// and the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletinImport {
    pub ledger: Ledger,
    pub report: BulletinReport,
}

/// A new ledger document from a bulletin already read ([`parse_bulletin`], which the page has
/// the Web Worker run: `jobs::Job::ReadBulletin`).
pub fn create_from_import(import: &BulletinImport, author: Option<&str>, now: i64) -> LedgerDoc {
    let ledger = &import.ledger;
    LedgerDoc::create_filled(ledger, author, now)
        .expect("a fresh writable document accepts every imported value")
}
