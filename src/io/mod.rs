//! File formats: the `.rectify` ledger envelope with its typed import errors, and the
//! embedded example ledger. (Bulletin text and xlsx import come here too.)

pub mod envelope;
pub mod example;

pub use envelope::{decode, encode, file_name, Header, ImportError, LedgerFile, EXTENSION};
