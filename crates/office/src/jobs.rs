//! Running the Web Worker's jobs ([`rectify_core::jobs`]'s messages): plain Rust over bytes
//! and JSON, so every job is tested natively (`crates/office/tests/jobs.rs`).
//!
//! Why a worker: the Excel and Word libraries are half the app's code and are used now and
//! then, so the page loads them only when asked; and a crafted ledger file that makes
//! Automerge panic (a wasm trap, which cannot be caught in the page) stops only the worker,
//! whose death the page reports as a refused file.

use rectify_core::file::envelope;
use rectify_core::import::bulletin::{BulletinTextError, Marker, Role};
pub use rectify_core::jobs::{Done, Job, JobError, PROTOCOL};

use crate::{bulletin_text, text_file, xlsx};

/// Do one job. Never panics on any input the page can send (the fuzzed readers are behind
/// it), except where Automerge itself panics on a crafted document: that is why it runs in
/// a worker.
pub fn run(job: Job, bytes: &[u8]) -> (Done, Vec<u8>) {
    match job {
        Job::ExportXlsx { ledger, today, now } => match xlsx::export_xlsx(&ledger, today, now) {
            Ok(file) => (Done::File, file),
            Err(e) => failed(JobError::Export(e.to_string())),
        },
        Job::Docx { bulletin } => match crate::docx::to_docx(&bulletin) {
            Ok(file) => (Done::File, file),
            Err(e) => failed(JobError::Export(e)),
        },
        Job::ReadXlsx { file_name } => match xlsx::read_xlsx(bytes, &file_name) {
            Ok(import) => (Done::Xlsx(Box::new(import)), Vec::new()),
            Err(e) => failed(JobError::Xlsx(e)),
        },
        Job::ReadBulletin {
            roles,
            for_levels,
            file_name,
        } => read_bulletin(bytes, &roles, &for_levels, &file_name),
        Job::ReadTextFile { .. } => match text_file::read_text_file(bytes) {
            Ok(text) => (Done::Text(text), Vec::new()),
            Err(e) => failed(JobError::Bulletin(e)),
        },
        Job::CheckLedgerFile => match envelope::decode(bytes) {
            Ok(_) => (Done::LedgerFileOk, Vec::new()),
            Err(e) => (Done::LedgerFileRefused(e), Vec::new()),
        },
        Job::ChangesForCopy {
            ledger_id,
            file_len,
        } => {
            let Some((file, hashes)) = bytes.split_at_checked(file_len) else {
                return failed(JobError::IncompleteInput);
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

/// 从通报导入's text: a pasted table read as 从 Excel 导入 reads a sheet, else a bulletin, with
/// the roles the person chose while its levels stay those they were chosen for.
fn read_bulletin(
    bytes: &[u8],
    roles: &[(Marker, Role)],
    for_levels: &[Marker],
    file_name: &str,
) -> (Done, Vec<u8>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return failed(JobError::Bulletin(BulletinTextError::NotUtf8));
    };
    if let Some(table) = bulletin_text::read_table_text(text, file_name) {
        return match table {
            Ok(import) => (Done::Xlsx(Box::new(import)), Vec::new()),
            Err(e) => failed(JobError::Xlsx(e)),
        };
    }
    let read = if for_levels.is_empty() {
        bulletin_text::parse_bulletin_with(text, roles)
    } else {
        bulletin_text::parse_bulletin_keeping(text, for_levels, roles)
    };
    match read {
        Ok(import) => (Done::Bulletin(Box::new(import)), Vec::new()),
        Err(e) => failed(JobError::Bulletin(e)),
    }
}

/// The worker's side: a message's text and bytes in, the answer's text and bytes out. A
/// message that is not a job (another version's) is answered with [`Done::Failed`].
pub fn answer(job_json: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let (done, file) = match serde_json::from_str::<Job>(job_json) {
        Ok(job) => run(job, bytes),
        Err(e) => failed(JobError::UnknownJob(e.to_string())),
    };
    (
        serde_json::to_string(&done).expect("an answer always serialises"),
        file,
    )
}

/// A failed job's answer: nothing beside it.
fn failed(why: JobError) -> (Done, Vec<u8>) {
    (Done::Failed(why), Vec::new())
}
