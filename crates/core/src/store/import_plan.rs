//! What importing a picked ledger file means, decided without changing anything.

use super::*;

/// What to do with a ledger file a person picked or dropped, given the open ledger.
#[derive(Debug)]
pub enum ImportPlan {
    /// Same ledger as the one open: merge it in.
    MergeIntoCurrent(envelope::LedgerFile),
    /// Another ledger that this browser already keeps: offer to merge into that one and open it.
    MergeIntoOther {
        file: envelope::LedgerFile,
        name: String,
    },
    /// A ledger this browser does not have: offer to open it as its own ledger.
    OpenAsNew(envelope::LedgerFile),
    /// Written with a newer schema: it may be viewed read-only, never merged.
    ViewReadOnly(envelope::LedgerFile),
}

/// Check a picked file and decide, without changing anything, what importing it means.
pub fn plan_import<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    bytes: &[u8],
) -> Result<ImportPlan, ImportError> {
    plan_file(store, current_id, envelope::decode(bytes)?)
}

/// [`plan_import`] for bytes that already passed [`envelope::decode`] (in the Web Worker,
/// `jobs::Job::CheckLedgerFile`): the document is loaded without being read whole a second
/// time (about 0.8 s natively at 2,000 problems, wasted when the file is merged).
pub fn plan_checked_import<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    bytes: &[u8],
) -> Result<ImportPlan, ImportError> {
    plan_file(store, current_id, envelope::decode_unread(bytes)?)
}

pub(super) fn plan_file<K: KeyValue>(
    store: &LedgerStore<K>,
    current_id: Option<&str>,
    file: envelope::LedgerFile,
) -> Result<ImportPlan, ImportError> {
    if file.is_newer_schema() {
        return Ok(ImportPlan::ViewReadOnly(file));
    }
    let id = file.header.ledger_id.clone();
    if current_id == Some(id.as_str()) {
        return Ok(ImportPlan::MergeIntoCurrent(file));
    }
    if store.contains(&id) {
        let name = store
            .list()
            .ok()
            .and_then(|l| l.into_iter().find(|e| e.id == id))
            .map(|e| e.name)
            .unwrap_or_else(|| file.header.name.clone());
        return Ok(ImportPlan::MergeIntoOther { file, name });
    }
    Ok(ImportPlan::OpenAsNew(file))
}
