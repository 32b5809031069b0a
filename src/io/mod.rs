//! File formats: the `.rectify` ledger envelope with its typed import errors, the embedded
//! example ledger, the bulletin-text importer (从通报导入) and the Excel workbook (xlsx).

pub mod bulletin_text;
pub mod envelope;
pub mod example;
pub mod xlsx;

pub use bulletin_text::{
    create_from_bulletin, decode_text, parse_bulletin, BulletinImport, BulletinReport,
    BulletinTextError, Leftover, NumberingScheme, StatedCounts, MAX_BULLETIN_BYTES,
};
pub use envelope::{decode, encode, file_name, Header, ImportError, LedgerFile, EXTENSION};
