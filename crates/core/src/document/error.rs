//! Why an operation on a ledger document failed, as data: the page's i18n says it in words
//! (Chinese or English); the `Display` texts here are short English for developers and logs.

use serde::{Deserialize, Serialize};

use super::MAX_PROBLEMS;

/// Why an operation on a document failed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DocError {
    #[error("the ledger was made by a newer version: read-only")]
    ReadOnly,
    #[error("{0:?} not found")]
    NotFound(Thing),
    #[error("the ledger's content cannot be read: {0}")]
    Unreadable(Damage),
    /// a value, or what an import holds, is past a size limit
    #[error("{0}")]
    OverLimit(LimitError),
    /// 预警天数 typed is not a whole number from 0 to 365
    #[error("warning days must be a whole number from 0 to 365")]
    BadWarnDays,
    /// a date typed is not a date
    #[error("{0:?} is not a date")]
    BadDate(String),
    /// an import to add to the ledger has no problems
    #[error("nothing to add: no problems")]
    NothingToAdd,
    #[error("another ledger: cannot merge")]
    OtherLedger,
    /// 同意销号 of a problem that is not 已完成 or 长期坚持
    #[error("only a finished problem can be signed off")]
    NotFinished,
    /// 退回 without a reason
    #[error("a return needs its reason")]
    NoReason,
}

/// What an operation looked for and did not find (perhaps deleted by someone else).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Thing {
    Problem,
    Category,
    Rule,
    ProgressEntry,
    /// a change of 修改记录
    Change,
}

/// How stored or received bytes are damaged: a document's, a ledger file's, the browser
/// store's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Damage {
    #[error("the content does not have a ledger's shape")]
    NotALedger,
    /// an operation the document refused: a bug; the detail helps a report
    #[error("internal error ({0})")]
    Internal(String),
    #[error("the checksum failed: the content was altered or is incomplete")]
    Checksum,
    #[error("the content's encoding cannot be decoded")]
    Encoding,
    #[error("no ledger id")]
    NoLedgerId,
    #[error("no schema version")]
    NoSchema,
    #[error("the merge data is incomplete")]
    IncompleteMerge,
    #[error("a past version cannot be rebuilt ({0})")]
    PastVersion(String),
    #[error("the file's header is too long")]
    HeaderTooLong,
    #[error("the file's header cannot be read")]
    HeaderUnreadable,
    #[error("the ledger id is not valid")]
    BadLedgerId,
    #[error("extra bytes after the document")]
    TrailingBytes,
    #[error("the header and the content are different ledgers")]
    HeaderOtherLedger,
    #[error("the header and the content have different schema versions")]
    HeaderOtherSchema,
    #[error("not valid base64")]
    NotBase64,
    #[error("a stored chunk of changes cannot be read")]
    BadChunk,
    /// the Web Worker stopped while reading the file (Automerge panicked on it)
    #[error("reading the file stopped the reader")]
    ReaderStopped,
    /// the Web Worker took longer than its time limit on the file
    #[error("reading the file took too long")]
    ReaderTimedOut,
}

/// A size limit broken ([`MAX_PROBLEMS`], [`super::MAX_FIELD_BYTES`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum LimitError {
    #[error("a field of {bytes} bytes is over the 64 KB limit")]
    FieldTooLong { bytes: usize },
    #[error("{problems} problems: a ledger holds at most {MAX_PROBLEMS}")]
    TooManyProblems { problems: usize },
}

impl From<automerge::AutomergeError> for DocError {
    /// An operation the document refused: a bug, not a user error; the detail helps a report.
    fn from(e: automerge::AutomergeError) -> Self {
        DocError::Unreadable(Damage::Internal(e.to_string()))
    }
}

impl From<LimitError> for DocError {
    fn from(e: LimitError) -> Self {
        DocError::OverLimit(e)
    }
}
