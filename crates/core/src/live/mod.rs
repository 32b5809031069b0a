//! Live sync with an automerge-repo sync server, as data: the share link that names a ledger
//! on the server (`link.rs`), what the page and the sync worker tell each other
//! (`messages.rs`), and what a document arriving from the server must be before the page
//! takes it (`check.rs`). The samod-core driver itself is `rectify-sync` (crates/sync); the
//! page never links it.

pub mod check;
pub mod link;
pub mod messages;

pub use check::{check_arrival, Refusal};
pub use link::{document_id_of, ShareLink};
pub use messages::{SyncEvent, SyncRequest, SyncState};
