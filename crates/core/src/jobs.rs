//! The Web Worker's messages: the jobs the page sends (the Excel and Word files, reading a
//! bulletin text, the trial load of a picked ledger file) and what each gave, as data. The
//! worker (crates/worker) runs them with `rectify-office`; the page (src/platform/worker.rs)
//! sends them and reads the answers. Both sides agree on [`PROTOCOL`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bulletin::Bulletin;
use crate::file::envelope::ImportError;
use crate::import::bulletin::{BulletinImport, BulletinTextError, Marker, Role};
use crate::import::xlsx::{XlsxImport, XlsxImportError};
use crate::ledger::Ledger;

/// The message format's version: the page refuses a worker of another version rather than
/// misread its answers (a page not reloaded since a new version's service worker took over
/// gets the new worker's files). `crates/office/tests/jobs.rs` pins the messages' shape to it: a change
/// to `Job`, `Done` or what they carry (Ledger, Bulletin, XlsxImport, BulletinImport) fails
/// there until this is bumped.
pub const PROTOCOL: u32 = 8;

/// A job for the worker. Its input file, when it has one, travels beside it as bytes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Job {
    /// 导出 Excel: the workbook of `ledger`, with the lights as of `today`.
    ExportXlsx {
        ledger: Box<Ledger>,
        today: NaiveDate,
        now: i64,
    },
    /// 下载 Word（.docx）: the bulletin in official-document layout.
    Docx { bulletin: Bulletin },
    /// 从 Excel 导入: read the workbook in the bytes into a preview.
    ReadXlsx { file_name: String },
    /// 从通报导入: read the bulletin text in the bytes (UTF-8) into a preview, or, when the text
    /// is a table (tab-separated rows under a header, as Word, WPS and Excel copy one), read it
    /// as 从 Excel 导入 reads a sheet ([`Done::Xlsx`]). The reader is the largest part of the
    /// importers the page used to carry (about 17 KB gzip).
    ReadBulletin {
        /// the roles the person chose for numbering levels in the preview
        #[serde(default)]
        roles: Vec<(Marker, Role)>,
        /// the text's levels (outermost first) when the roles were chosen: the roles hold
        /// while the edited text keeps these levels
        #[serde(default)]
        for_levels: Vec<Marker>,
        /// the picked file's name, if the text came from one (names a table's ledger)
        #[serde(default)]
        file_name: String,
    },
    /// 从通报导入 of a picked file: its text, from a .txt in UTF-8, UTF-16 (with its BOM),
    /// GBK/GB18030 (Notepad's default in Chinese), or a Word .docx (paragraphs as lines,
    /// tables as tab-separated rows) ([`Done::Text`]). The decoders are not in the page.
    ReadTextFile { file_name: String },
    /// 导入台账文件: load the ledger file in the bytes completely (envelope, document, limits)
    /// before the page does; nothing is stored or merged.
    CheckLedgerFile,
    /// 导入台账文件 while a ledger is open: the same check of the file (its first `file_len`
    /// bytes), and when it is a copy of the open ledger (`ledger_id`) that the page may merge,
    /// the changes it has that the page lacks ([`Done::Changes`]); the page's change hashes
    /// (`LedgerDoc::change_hashes`) follow the file in the bytes. The page then merges a few
    /// changes instead of loading the whole file a second time. A copy the page lacks most of
    /// is answered [`Done::LedgerFileOk`]: the page merges the file whole.
    ChangesForCopy { ledger_id: String, file_len: usize },
}

/// What a job gave. A made file's bytes travel beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Done {
    /// the .xlsx or .docx (the bytes beside the message)
    File,
    /// the workbook as read, for the preview
    Xlsx(Box<XlsxImport>),
    /// the bulletin text as read, for the preview
    Bulletin(Box<BulletinImport>),
    /// a picked file's text, for the 从通报导入 text box
    Text(String),
    /// the ledger file loads and keeps within the limits: the page may load it
    LedgerFileOk,
    /// the ledger file is refused, and why (so the page does not load it again to find out)
    LedgerFileRefused(ImportError),
    /// the ledger file loads and keeps within the limits, and these are its changes that the
    /// page lacks (`LedgerDoc::changes_missing_from`'s batch, the bytes beside), with the
    /// file's heads, for `LedgerDoc::merge_changes`
    Changes { heads: Vec<String> },
    /// the job failed, and why
    Failed(JobError),
}

/// Why a job failed, as data (the page's i18n says it in words).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum JobError {
    /// the workbook cannot be read as a ledger
    #[error("{0}")]
    Xlsx(XlsxImportError),
    /// the text cannot be read as a bulletin
    #[error("{0}")]
    Bulletin(BulletinTextError),
    /// the Excel or Word file could not be made (the library's own detail)
    #[error("the file could not be made: {0}")]
    Export(String),
    /// the worker received fewer bytes than the job said
    #[error("the worker received an incomplete file")]
    IncompleteInput,
    /// the worker does not understand the job (another version's), with the parser's detail
    #[error("the worker does not understand the job: {0}")]
    UnknownJob(String),
    /// the page does not understand the worker's answer, with the parser's detail
    #[error("the worker's answer cannot be read: {0}")]
    UnknownAnswer(String),
}

/// A job as the message's text (JSON).
pub fn job_to_json(job: &Job) -> String {
    serde_json::to_string(job).expect("a job always serialises")
}

/// The page's side: the answer's text back into [`Done`].
pub fn done_from_json(text: &str) -> Done {
    serde_json::from_str(text)
        .unwrap_or_else(|e| Done::Failed(JobError::UnknownAnswer(e.to_string())))
}
