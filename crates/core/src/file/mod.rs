//! Ledger files: the `.rectify` envelope with its typed import errors, and the embedded
//! example ledger.

pub mod envelope;
pub mod example;

pub use envelope::{decode, encode, file_name, Header, ImportError, LedgerFile, EXTENSION};
