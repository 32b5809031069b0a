//! rectify-sync: a ledger kept in step with an automerge-repo sync server through samod-core
//! (automerge-repo's protocol, sans IO). [`SyncPeer`] drives samod-core's hub and the ledger's
//! document actor and says what to do ([`Effect`]): open a socket, send, close, tell the page.
//! The Web Worker (crates/worker) does it with a WebSocket; tests wire peers in memory.
//! What may reach the page is checked by `rectify_core::live::check_arrival`.

mod peer;

pub use peer::{backoff, Batch, Effect, SyncPeer, MAX_MESSAGE_BYTES};
pub use samod_core::{ConnectionId, DialerId};
