//! Work the browser does away from the page, in a Web Worker with its own wasm module: the
//! Excel and Word files, reading a bulletin text, and the trial load of a picked ledger file.
//! Plain Rust over bytes and JSON messages, so every job is tested natively
//! (`tests/core_jobs.rs`).
//!
//! Why a worker: the Excel and Word libraries are half the app's code and are used now and
//! then, so the page loads them only when asked (issue 9's size budget); and a crafted ledger
//! file that makes Automerge panic (a wasm trap, which cannot be caught in the page) stops
//! only the worker, whose death the page reports as a refused file (issue 8).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bulletin::Bulletin;
use crate::io::bulletin_text::{self, BulletinImport};
use crate::io::envelope::{self, ImportError};
use crate::io::xlsx::{self, XlsxImport};
use crate::ledger::Ledger;

/// The message format's version: the page refuses a worker of another version rather than
/// misread its answers (a page not reloaded since a new version's service worker took over
/// gets the new worker's files). `tests/core_jobs.rs` pins the messages' shape to it: a change
/// to `Job`, `Done` or what they carry (Ledger, Bulletin, XlsxImport, BulletinImport) fails
/// there until this is bumped.
pub const PROTOCOL: u32 = 3;

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
    /// 从通报导入: read the bulletin text in the bytes (UTF-8) into a preview. The reader is
    /// the largest part of the importers the page used to carry (about 17 KB gzip).
    ReadBulletin,
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
    /// the ledger file loads and keeps within the limits: the page may load it
    LedgerFileOk,
    /// the ledger file is refused, and why (so the page does not load it again to find out)
    LedgerFileRefused(ImportError),
    /// the ledger file loads and keeps within the limits, and these are its changes that the
    /// page lacks (`LedgerDoc::changes_missing_from`'s batch, the bytes beside), with the
    /// file's heads, for `LedgerDoc::merge_changes`
    Changes { heads: Vec<String> },
    /// the job failed, with the Chinese message to show
    Failed(String),
}

/// Do one job. Never panics on any input the page can send (the fuzzed readers are behind
/// it), except where Automerge itself panics on a crafted document: that is why it runs in
/// a worker.
pub fn run(job: Job, bytes: &[u8]) -> (Done, Vec<u8>) {
    match job {
        Job::ExportXlsx { ledger, today, now } => match xlsx::export_xlsx(&ledger, today, now) {
            Ok(file) => (Done::File, file),
            Err(e) => (Done::Failed(e.to_string()), Vec::new()),
        },
        Job::Docx { bulletin } => match crate::bulletin::docx::to_docx(&bulletin) {
            Ok(file) => (Done::File, file),
            Err(e) => (Done::Failed(e), Vec::new()),
        },
        Job::ReadXlsx { file_name } => match xlsx::read_xlsx(bytes, &file_name) {
            Ok(import) => (Done::Xlsx(Box::new(import)), Vec::new()),
            Err(e) => (Done::Failed(e.to_string()), Vec::new()),
        },
        Job::ReadBulletin => {
            let read = std::str::from_utf8(bytes)
                .map_err(|_| bulletin_text::BulletinTextError::NotUtf8)
                .and_then(bulletin_text::parse_bulletin);
            match read {
                Ok(import) => (Done::Bulletin(Box::new(import)), Vec::new()),
                Err(e) => (Done::Failed(e.to_string()), Vec::new()),
            }
        }
        Job::CheckLedgerFile => match envelope::decode(bytes) {
            Ok(_) => (Done::LedgerFileOk, Vec::new()),
            Err(e) => (Done::LedgerFileRefused(e), Vec::new()),
        },
        Job::ChangesForCopy {
            ledger_id,
            file_len,
        } => {
            let Some((file, hashes)) = bytes.split_at_checked(file_len) else {
                return (
                    Done::Failed("后台处理模块收到的文件不完整，请重试。".into()),
                    Vec::new(),
                );
            };
            match envelope::decode(file) {
                // another ledger, or one this version may only view: the page plans it
                Ok(file) if file.header.ledger_id != ledger_id || file.is_newer_schema() => {
                    (Done::LedgerFileOk, Vec::new())
                }
                Ok(file) => {
                    let mut doc = file.into_doc();
                    // (a loaded file has nothing pending to commit, so the time is not used)
                    match doc.changes_missing_from(hashes, 0) {
                        Some(batch) => (Done::Changes { heads: doc.heads() }, batch),
                        // the page lacks most of it: it merges the file whole
                        None => (Done::LedgerFileOk, Vec::new()),
                    }
                }
                Err(e) => (Done::LedgerFileRefused(e), Vec::new()),
            }
        }
    }
}

/// A job as the message's text (JSON).
pub fn job_to_json(job: &Job) -> String {
    serde_json::to_string(job).expect("a job always serialises")
}

/// The worker's side: a message's text and bytes in, the answer's text and bytes out. A
/// message that is not a job (another version's) is answered with [`Done::Failed`].
pub fn answer(job_json: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let (done, file) = match serde_json::from_str::<Job>(job_json) {
        Ok(job) => run(job, bytes),
        Err(e) => (
            Done::Failed(format!(
                "后台处理模块无法识别这项工作（{e}），请刷新页面后重试。"
            )),
            Vec::new(),
        ),
    };
    (
        serde_json::to_string(&done).expect("an answer always serialises"),
        file,
    )
}

/// The page's side: the answer's text back into [`Done`].
pub fn done_from_json(text: &str) -> Done {
    serde_json::from_str(text).unwrap_or_else(|e| {
        Done::Failed(format!(
            "后台处理模块的回答无法识别（{e}），请刷新页面后重试。"
        ))
    })
}
