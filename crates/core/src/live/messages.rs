//! What the page and the Web Worker tell each other about live sync (beside the jobs of
//! `crate::jobs`, under the same `PROTOCOL`). Bytes travel beside each message: the page's
//! document or changes, the worker's batch of changes for the page.

use serde::{Deserialize, Serialize};

use super::Refusal;

/// The page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyncRequest {
    /// Keep `ledger_id` in step with the sync server at `server` (`ws://` or `wss://`). The
    /// bytes: the page's whole document, or none when joining by link with no copy here.
    Start { ledger_id: String, server: String },
    /// The page's changes since its last message (bytes: `LedgerDoc::save_after`); `heads`: the
    /// page's heads with them.
    Local { heads: Vec<String> },
    /// The page took a batch of changes: it now holds `heads`.
    Took { heads: Vec<String> },
    /// Disconnect and forget the worker's copy.
    Stop,
}

/// How the connection is, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyncState {
    /// dialling the server (first time or again)
    Connecting,
    /// connected: edits go both ways as they are made
    Connected,
    /// not connected; edits are kept here and sent when the server answers again (the worker
    /// dials again after `retry_ms`)
    Offline { reason: String, retry_ms: u64 },
    /// stopped for good until the person starts again
    Failed(Refusal),
}

/// The worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyncEvent {
    /// the connection's state changed, at `at` (ms since the epoch)
    State { state: SyncState, at: i64 },
    /// changes from others (bytes: a batch for `LedgerDoc::merge_changes`), with the heads of
    /// the worker's copy
    Changes { heads: Vec<String> },
    /// the page asked for a ledger it does not have: the whole ledger as the server has it
    /// (bytes: an Automerge document, checked by `check_arrival`)
    Whole,
    /// the worker's copy matches the server's as far as it knows, at `at`
    InStep { at: i64 },
}
