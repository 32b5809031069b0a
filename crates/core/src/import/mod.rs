//! Imports as plans: what a reader in `rectify-office` (running in the Web Worker) made of an
//! Excel workbook or a bulletin text, sent to the page as data, shown for checking, then
//! applied through the document.

pub mod bulletin;
pub mod xlsx;
