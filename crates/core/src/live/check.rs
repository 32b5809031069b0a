//! What a document arriving from a sync server must be before the page takes any of it: this
//! ledger (the same `ledger_id`, never a second value beside it) and a schema this version
//! reads. Anything else is refused whole, the connection closed, the page's copy untouched.

use automerge::{ReadDoc, ScalarValue, Value, ROOT};
use serde::{Deserialize, Serialize};

use crate::document::SCHEMA_VERSION;

/// Why the sync server's copy was refused (the connection is closed; nothing was taken).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Refusal {
    /// the server holds another ledger under this ledger's id
    #[error("the server's document under this id is another ledger")]
    OtherLedger,
    /// the server's document is not a Rectify ledger
    #[error("the server's document is not a ledger")]
    NotALedger,
    /// made by a newer Rectify
    #[error("the server's ledger has schema {0}, newer than this version reads")]
    NewerSchema(u64),
    /// a message from the server could not be read
    #[error("a message from the server could not be read: {0}")]
    Malformed(String),
    /// a message larger than any ledger
    #[error("a message of {0} bytes from the server, larger than any ledger")]
    TooLarge(usize),
    /// the server's address is not a ws:// or wss:// URL
    #[error("not a ws:// or wss:// address: {0}")]
    BadAddress(String),
    /// the server does not have this ledger and no copy is here to give it
    #[error("the server does not have this ledger")]
    NotOnServer,
}

/// Whether `doc` (the worker's copy after the server's messages) may go to the page as
/// `ledger_id`: `Ok(false)` while it is still empty, `Ok(true)` when it is this ledger.
pub fn check_arrival(doc: &impl ReadDoc, ledger_id: &str) -> Result<bool, Refusal> {
    let ids = doc.get_all(ROOT, "ledger_id").unwrap_or_default();
    let schemas = doc.get_all(ROOT, "schema").unwrap_or_default();
    if ids.is_empty() && schemas.is_empty() {
        let keys = doc.keys(ROOT).count();
        return if keys == 0 {
            Ok(false)
        } else {
            Err(Refusal::NotALedger)
        };
    }
    if ids.is_empty() || schemas.is_empty() {
        return Err(Refusal::NotALedger);
    }
    for (value, _) in &ids {
        match value {
            Value::Scalar(s) if matches!(s.as_ref(), ScalarValue::Str(id) if id.as_str() == ledger_id) =>
                {}
            Value::Scalar(s) if matches!(s.as_ref(), ScalarValue::Str(_)) => {
                return Err(Refusal::OtherLedger)
            }
            _ => return Err(Refusal::NotALedger),
        }
    }
    for (value, _) in &schemas {
        let schema = match value {
            Value::Scalar(s) => match s.as_ref() {
                ScalarValue::Uint(n) => *n,
                ScalarValue::Int(n) if *n >= 0 => *n as u64,
                _ => return Err(Refusal::NotALedger),
            },
            _ => return Err(Refusal::NotALedger),
        };
        if schema > SCHEMA_VERSION {
            return Err(Refusal::NewerSchema(schema));
        }
    }
    Ok(true)
}
