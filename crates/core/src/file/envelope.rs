//! The ledger file format (`.rectify`): an envelope checked before anything else — magic,
//! a JSON header line (kind, format version, ledger id, schema, name, length, heads) — then Automerge bytes.

use serde::{Deserialize, Serialize};

use crate::document::{
    check_sizes, Damage, DocError, KnownChanges, LedgerDoc, LimitError, SCHEMA_VERSION,
};

/// The first bytes of every ledger file.
pub const MAGIC: &[u8] = b"RECTIFY-LEDGER\n";
/// The envelope format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The file name extension of exported ledgers.
pub const EXTENSION: &str = "rectify";
/// Files larger than this are refused before they are read (a ledger of thousands of
/// problems with years of history is a few MB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The header line may not be longer than this.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
const KIND: &str = "rectify-ledger";

/// The header line of a ledger file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub kind: String,
    pub format: u32,
    pub ledger_id: String,
    pub schema: u64,
    /// the ledger's display name when it was written
    pub name: String,
    /// length of the Automerge bytes that follow
    pub bytes: usize,
    /// the document's heads (hex), so a reader can tell "nothing new" without loading it
    #[serde(default)]
    pub heads: Vec<String>,
    /// seconds since the epoch when it was written
    #[serde(default)]
    pub saved_at: i64,
    /// problems in the ledger (回收站 included) when it was written, so that a ledger over
    /// [`crate::document::MAX_PROBLEMS`] is refused before its document is loaded (loading
    /// 100,000 problems takes about 24 s); absent in files of earlier versions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<usize>,
    /// SHA-256 (hex) of the Automerge bytes that follow: a copy altered, cut short or spliced
    /// with another ledger's bytes is told apart before Automerge reads it (and a stored copy is
    /// known good without loading it); absent in files of earlier versions
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// The hex SHA-256 of `bytes` (a ledger file's document; the known-changes record).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every way reading a ledger file can fail, as data (the page's i18n says it in words).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("not a Rectify ledger file")]
    NotALedgerFile,
    /// the file's size in MB
    #[error("the file is too large ({0} MB)")]
    TooLarge(usize),
    #[error("the file is incomplete")]
    Truncated,
    #[error("the file is damaged: {0}")]
    Corrupt(Damage),
    /// The document breaks a size limit (too many problems, a field too long).
    #[error("cannot import: {0}")]
    OverLimit(LimitError),
    #[error("the file was written in a newer format ({0})")]
    NewerFormat(u32),
}

impl From<DocError> for ImportError {
    /// A document that does not load or read: damaged, or past a limit.
    fn from(e: DocError) -> Self {
        match e {
            DocError::Unreadable(why) => ImportError::Corrupt(why),
            DocError::OverLimit(limit) => ImportError::OverLimit(limit),
            other => ImportError::Corrupt(Damage::Internal(other.to_string())),
        }
    }
}

/// A ledger file that passed every check, ready to merge or open. Its document was loaded
/// once by [`decode`] (loading is the slow part) and is handed out from here.
pub struct LedgerFile {
    pub header: Header,
    /// the Automerge bytes
    pub document: Vec<u8>,
    doc: LedgerDoc,
}

impl std::fmt::Debug for LedgerFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LedgerFile")
            .field("header", &self.header)
            .field("document", &format_args!("{} bytes", self.document.len()))
            .finish()
    }
}

impl LedgerFile {
    /// True when it was written with a newer schema: open read-only, never merge.
    pub fn is_newer_schema(&self) -> bool {
        self.header.schema > SCHEMA_VERSION
    }

    /// A copy of its document to edit, with its own fresh actor (read-only when the schema is
    /// newer). No second load.
    pub fn open(&self) -> LedgerDoc {
        self.doc.copy()
    }

    /// The file's bytes, as read (header and document unchanged).
    pub fn to_bytes(&self) -> Vec<u8> {
        assemble(&self.header, &self.document)
    }

    /// The ledger's name as its document holds it: what every save records, which the
    /// header's name (written by whoever made the file) need not match.
    pub fn name(&self) -> String {
        self.doc.display_name()
    }

    /// Its document's [`KnownChanges`], in the order these bytes list the changes (kept
    /// beside the bytes when they are stored: `store::LedgerStore::store_file`).
    pub fn known_changes(&mut self) -> KnownChanges {
        self.doc.known_changes(self.header.saved_at)
    }

    /// Its document, for a merge or to keep open.
    pub fn into_doc(self) -> LedgerDoc {
        self.doc
    }
}

/// Wrap a document as a ledger file (commits anything pending first).
pub fn encode(doc: &mut LedgerDoc, name: &str, now: i64) -> Vec<u8> {
    let document = doc.save(now);
    let header = Header {
        kind: KIND.to_string(),
        format: FORMAT_VERSION,
        ledger_id: doc.ledger_id(),
        schema: doc.schema(),
        name: name.to_string(),
        bytes: document.len(),
        heads: doc.heads(),
        saved_at: now,
        problems: doc.read().ok().map(|l| l.problems.len() + l.trash.len()),
        sha256: Some(sha256_hex(&document)),
    };
    assemble(&header, &document)
}

/// Magic, the header line, the document: the one place the file's bytes are laid out.
fn assemble(header: &Header, document: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec(header).expect("a header always serialises");
    let mut out = Vec::with_capacity(MAGIC.len() + json.len() + 1 + document.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&json);
    out.push(b'\n');
    out.extend_from_slice(document);
    out
}

/// Read only the header (cheap: the document is not loaded).
pub fn read_header(bytes: &[u8]) -> Result<(Header, usize), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len() / (1024 * 1024)));
    }
    if !bytes.starts_with(MAGIC) {
        if MAGIC.starts_with(bytes) {
            return Err(ImportError::Truncated);
        }
        return Err(ImportError::NotALedgerFile);
    }
    let rest = &bytes[MAGIC.len()..];
    let end = match rest.iter().take(MAX_HEADER_BYTES).position(|&b| b == b'\n') {
        Some(end) => end,
        None if rest.len() < MAX_HEADER_BYTES => return Err(ImportError::Truncated),
        None => return Err(ImportError::Corrupt(Damage::HeaderTooLong)),
    };
    let header: Header = serde_json::from_slice(&rest[..end])
        .map_err(|_| ImportError::Corrupt(Damage::HeaderUnreadable))?;
    if header.kind != KIND {
        return Err(ImportError::NotALedgerFile);
    }
    if header.format > FORMAT_VERSION {
        return Err(ImportError::NewerFormat(header.format));
    }
    if uuid::Uuid::parse_str(&header.ledger_id).is_err() {
        return Err(ImportError::Corrupt(Damage::BadLedgerId));
    }
    Ok((header, MAGIC.len() + end + 1))
}

/// Check a file completely: envelope, length, and that the document loads and is the
/// ledger the header says. Nothing is stored or merged here.
pub fn decode(bytes: &[u8]) -> Result<LedgerFile, ImportError> {
    decode_stored(bytes, true, None)
}

/// [`decode`] without reading the document whole to check it can be read and is within the
/// size limits: for bytes that passed [`decode`] already (in the Web Worker) and for this
/// app's own stored copy whose read is kept beside it (the view).
pub fn decode_unread(bytes: &[u8]) -> Result<LedgerFile, ImportError> {
    decode_stored(bytes, false, None)
}

/// [`decode`] (`read`) or [`decode_unread`] of this app's own stored copy, with the
/// [`KnownChanges`] kept beside it if any: they make the load about half as long, and are
/// checked against the document (a plain load when they do not fit it).
pub fn decode_stored(
    bytes: &[u8],
    read: bool,
    known: Option<&KnownChanges>,
) -> Result<LedgerFile, ImportError> {
    let (header, start) = read_header(bytes)?;
    // refused before the (slow) load when the header says it is over the limit
    if let Some(problems) = header.problems {
        crate::document::check_problem_count(problems).map_err(ImportError::OverLimit)?;
    }
    let document = &bytes[start..];
    let corrupt = ImportError::from;
    if let Some(wrong) = body_mismatch(&header, document) {
        // another ledger's document behind this header says more than "damaged"
        return Err(match LedgerDoc::load_unread_known(document, None) {
            Ok(other) if other.ledger_id() != header.ledger_id => {
                ImportError::Corrupt(Damage::HeaderOtherLedger)
            }
            _ => wrong,
        });
    }
    let doc = LedgerDoc::load_unread_known(document, known).map_err(corrupt)?;
    // read once now (when asked), so a document that cannot be read fails here, not in the UI
    let ledger = if read {
        Some(doc.read().map_err(corrupt)?)
    } else {
        None
    };
    if doc.ledger_id() != header.ledger_id {
        return Err(ImportError::Corrupt(Damage::HeaderOtherLedger));
    }
    if doc.schema() != header.schema {
        return Err(ImportError::Corrupt(Damage::HeaderOtherSchema));
    }
    // a small file may unpack into a huge document (Automerge compresses its columns)
    if let Some(ledger) = &ledger {
        check_sizes(ledger).map_err(ImportError::OverLimit)?;
    }
    Ok(LedgerFile {
        header,
        document: document.to_vec(),
        doc,
    })
}

/// What is wrong with a document that is not the one its header describes (its length, or its
/// SHA-256 when the header has one): cut short, followed by more, or altered.
fn body_mismatch(header: &Header, document: &[u8]) -> Option<ImportError> {
    if document.len() < header.bytes {
        return Some(ImportError::Truncated);
    }
    if document.len() > header.bytes {
        return Some(ImportError::Corrupt(Damage::TrailingBytes));
    }
    match &header.sha256 {
        Some(sum) if *sum != sha256_hex(document) => Some(ImportError::Corrupt(Damage::Checksum)),
        _ => None,
    }
}

/// True when `bytes` are a whole ledger file whose document is the one its header describes
/// (length and SHA-256), checked without loading it; a file without a SHA-256 (earlier
/// versions) is judged by its length alone.
pub fn looks_whole(bytes: &[u8]) -> bool {
    read_header(bytes)
        .is_ok_and(|(header, start)| body_mismatch(&header, &bytes[start..]).is_none())
}

/// A ledger's name made safe for a file name: trimmed, with the characters file systems refuse
/// (and control characters) replaced by `_`. Used by every download's name.
pub fn safe_file_stem(name: &str) -> String {
    crate::ledger::without_bidi_controls(name)
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// The name of an exported file: the ledger's name and the date, with characters that
/// file systems refuse replaced.
pub fn file_name(name: &str, date: chrono::NaiveDate) -> String {
    let clean: String = safe_file_stem(name).chars().take(60).collect();
    let clean = if clean.is_empty() {
        "台账".to_string()
    } else {
        clean
    };
    format!("{clean}-{}.{EXTENSION}", date.format("%Y-%m-%d"))
}
