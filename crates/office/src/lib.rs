//! Rectify's office formats, apart from the page: the ledger as an Excel workbook (out and
//! in), the bulletin as Word, the bulletin-text reader (从通报导入) and the files it reads (`text_file`), and the Web Worker's jobs
//! that run them. Depends on the core; only the worker's module (crates/worker) links it.

pub mod bulletin_text;
pub mod docx;
pub mod jobs;
pub mod text_file;
pub mod xlsx;
