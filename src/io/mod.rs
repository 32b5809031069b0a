//! File formats: the `.rectify` ledger envelope with its typed import errors, the embedded
//! example ledger, and the bulletin-text importer (从通报导入). (xlsx import comes here too.)

pub mod bulletin_text;
pub mod envelope;
pub mod example;

pub use bulletin_text::{
    create_from_bulletin, decode_text, parse_bulletin, BulletinImport, BulletinReport,
    BulletinTextError, Leftover, NumberingScheme, StatedCounts, MAX_BULLETIN_BYTES,
};
pub use envelope::{decode, encode, file_name, Header, ImportError, LedgerFile, EXTENSION};
