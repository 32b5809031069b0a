//! The known-changes record kept beside a snapshot in the large store (`k2:…`), which halves
//! the next load; bound to its snapshot by SHA-256 and passed over when it does not match.

use super::*;

/// The tag that starts a known-changes record. Records written before it (two 16-digit
/// `DefaultHasher` hashes, whose output Rust does not keep across releases) are passed over:
/// the snapshot loads the plain way once, and the next compaction writes a record of this kind.
pub(super) const KNOWN_RECORD_TAG: &str = "k2";

use envelope::sha256_hex;

/// The known changes kept beside a snapshot whose stored text is `text`
/// (`k2:for:sum:base64`): the SHA-256 of that text, which binds the record to its snapshot, the
/// SHA-256 of the record's own base64 body, which catches a list damaged, cut short or
/// reordered after it was written, then the body. The load also checks the list against the
/// heads the document stores (Automerge's `load_with_known_changes`). None when they cannot be
/// stored (a change too long to count in 4 bytes).
pub(super) fn known_record(text: &str, known: &KnownChanges) -> Option<String> {
    let body = b64().encode(known.to_bytes()?);
    Some(format!(
        "{KNOWN_RECORD_TAG}:{}:{}:{body}",
        sha256_hex(text.as_bytes()),
        sha256_hex(body.as_bytes())
    ))
}

/// The known changes of [`known_record`], if it was written with the snapshot `text` and is
/// whole (else None, and the snapshot loads the plain way, with nothing lost).
pub(super) fn read_known_record(record: &str, text: &str) -> Option<KnownChanges> {
    let mut parts = record.splitn(4, ':');
    let (tag, written_for, checksum, body) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if tag != KNOWN_RECORD_TAG
        || written_for != sha256_hex(text.as_bytes())
        || checksum != sha256_hex(body.as_bytes())
    {
        return None;
    }
    KnownChanges::from_bytes(&b64().decode(body).ok()?)
}

impl<K: KeyValue> LedgerStore<K> {
    /// Where the known changes of a ledger's snapshot are kept (large store only).
    pub(super) fn known_key(id: &str) -> String {
        format!("{PREFIX}known:{id}")
    }

    /// The known changes kept beside a ledger's snapshot, if they were written with the
    /// snapshot stored now and are whole (what its next load uses).
    pub fn known_changes(&self, id: &str) -> Option<KnownChanges> {
        let text = self.home(id).get(&Self::ledger_key(id)).ok()??;
        self.known_for(id, &text)
    }

    /// [`LedgerStore::known_changes`] for the snapshot's stored `text`.
    pub(super) fn known_for(&self, id: &str, text: &str) -> Option<KnownChanges> {
        match (&self.large, self.place(id)) {
            (Some(large), Place::Large) => {
                read_known_record(&large.get(&Self::known_key(id)).ok()??, text)
            }
            _ => None,
        }
    }
}
