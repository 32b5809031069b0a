//! The core of Rectify (整改台账): what a rectification ledger is and every rule about it,
//! the Automerge document that holds it, the bulletin, and storage behind [`store::KeyValue`].
//!
//! Plain Rust: no browser, UI or office crate is a dependency, so `cargo test -p rectify-core`
//! runs anywhere Rust does. It chooses no words: errors and warnings are enums with their
//! data, and the app's `i18n` says them in Chinese or English. The ledger's own contents (and
//! the bulletin and weekly report, which are Chinese documents) are the only text it makes.

pub mod backup;
pub mod bulletin;
pub mod document;
pub mod file;
pub mod import;
pub mod jobs;
pub mod ledger;
pub mod live;
pub mod round;
pub mod store;
pub mod synthetic;
