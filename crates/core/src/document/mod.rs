//! The Automerge boundary: a ledger document with named operations, load/save/merge,
//! who wrote what (actor → person), and reading it out as a plain [`Ledger`].
//!
//! [`LedgerDoc`] is defined here; its methods are split by concern: `persistence` (create,
//! load, save, commit), `sync` (heads, change hashes, merging copies), `read` (reading and
//! the read cache), `edit` (what every operation shares), the operations by what they change
//! (`ops_meta`, `ops_category`, `ops_problem`, `ops_progress`, `ops_rule`), `fill` (a whole
//! ledger at once), `history` (the document's past) and `conflicts` (values set at once).

pub mod change_note;
pub mod conflicts;
mod deleted_there;
mod edit;
mod error;
mod fill;
mod fill_steps;
pub mod history;
mod merge;
mod meta_field;
pub mod naming;
mod ops_category;
mod ops_meta;
mod ops_problem;
mod ops_progress;
mod ops_review;
mod ops_rule;
mod persistence;
mod read;
pub mod schema;
mod sync;
mod text_edit;

use std::cell::RefCell;

use automerge::AutoCommit;
use fractional_index::FractionalIndex;

use crate::ledger::{format_date, parse_date, Ledger};
pub use change_note::{ChangeNote, ChangeNotes};
pub use conflicts::{Conflict, ConflictValue, Place};
pub use error::{Damage, DocError, LimitError, Thing};
pub use fill::AddedContents;
pub use fill_steps::Filling;
pub use history::{end_of_day, start_of_day, HistoryEntry};
pub use meta_field::{MetaField, MetaGroup, MetaKind};
pub use naming::{Author, ChangeScope, Field, PlaceChange, PlaceName, ShownValue, Spot};
pub use ops_problem::{ProblemField, ProblemText};
pub use ops_rule::NewRule;
pub use persistence::KnownChanges;
use read::ReadCache;
pub use schema::{migrate, Migration, SCHEMA_VERSION};
pub use sync::{batch_of, MergeReport};
pub use text_edit::{FieldState, TextEdit};

/// A ledger holds at most this many problems (回收站 included). Adding a problem reads the
/// whole document, so past a few thousand every edit would make the tab wait; real ledgers
/// have dozens to a few hundred (RELIABILITY.md §3 has the measured times).
pub const MAX_PROBLEMS: usize = 5_000;
/// One field (问题表现, 原因分析, a paragraph of the bulletin, a title, …) holds at most this
/// many bytes of UTF-8: 64 KiB, about 21,000 汉字, several times a long 整改情况. Automerge's
/// text insert grows faster than linearly: pasting 64 KB into a field took 13 s in a debug
/// build, 256 KB 245 s (RELIABILITY.md §3), so a 1 MB paste would freeze the tab.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Refuse a value longer than [`MAX_FIELD_BYTES`], with a message saying how long it is.
pub fn check_field(value: &str) -> Result<(), LimitError> {
    if value.len() > MAX_FIELD_BYTES {
        return Err(LimitError::FieldTooLong { bytes: value.len() });
    }
    Ok(())
}

/// Refuse a ledger that breaks a size limit ([`MAX_PROBLEMS`], [`MAX_FIELD_BYTES`]): what an
/// importer checks before it fills a document, so that nothing is half imported.
pub fn check_sizes(ledger: &Ledger) -> Result<(), LimitError> {
    check_problem_count(ledger.problems.len() + ledger.trash.len())?;
    let m = &ledger.meta;
    let s = &ledger.sections;
    let meta = [
        &m.name,
        &m.unit,
        &m.unit_short,
        &m.header,
        &m.title,
        &m.inspection_group,
        &m.inspection_kind,
        &m.feedback_date,
        &m.signature,
        &m.contact,
        &s.opening,
        &s.deployment_heading,
        &s.deployment,
        &s.implementation_heading,
        &s.implementation_intro,
        &s.next_steps_heading,
        &s.next_steps,
    ];
    let categories = ledger.categories.iter().map(|c| &c.title);
    let rules = ledger.rules.iter().map(|r| &r.title);
    let problems = ledger.problems.iter().chain(&ledger.trash).flat_map(|p| {
        [
            &p.description,
            &p.cause,
            &p.measures,
            &p.progress,
            &p.evidence,
            &p.lead,
            &p.owner,
        ]
        .into_iter()
        .chain(&p.departments)
        .chain(p.progress_log.iter().flat_map(|e| [&e.author, &e.text]))
    });
    meta.into_iter()
        .chain(categories)
        .chain(rules)
        .chain(problems)
        .try_for_each(|v| check_field(v))
}

/// Refuse more than [`MAX_PROBLEMS`] problems (回收站 included).
pub fn check_problem_count(problems: usize) -> Result<(), LimitError> {
    if problems > MAX_PROBLEMS {
        Err(LimitError::TooManyProblems { problems })
    } else {
        Ok(())
    }
}

/// A document whose content does not hydrate into the ledger's shape (any autosurgeon error).
fn not_a_ledger<E>(_: E) -> DocError {
    DocError::Unreadable(Damage::NotALedger)
}

/// A ledger document being edited in this session.
///
/// Every session (tab) writes with a fresh random actor id: one actor is one linear stream of
/// changes, so reusing it in two tabs or on two laptops would corrupt the history. The person's
/// name is recorded under `people[actor]` with their first change.
pub struct LedgerDoc {
    doc: AutoCommit,
    read_only: bool,
    author: Option<String>,
    /// short descriptions of the operations in the open (uncommitted) change
    pending: Vec<ChangeNote>,
    /// the actors this copy has committed with since it was made or loaded: when 我的名字 is
    /// first given, their unsigned changes (creating the ledger, say) are signed with it too
    own_actors: Vec<String>,
    /// The last whole read of the document and what has changed since ([`ReadCache`]).
    cache: RefCell<ReadCache>,
}

/// A fresh id for a ledger, category, problem, progress entry or rule.
fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A date as people type it ([`parse_date`]), as stored: YYYY-MM-DD, or empty for nothing.
fn normalise_date(value: &str) -> Result<String, DocError> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    parse_date(value)
        .map(|d| format_date(Some(d)))
        .ok_or_else(|| DocError::BadDate(value.trim().to_string()))
}

/// An order key after `last` (or the first key when there is none).
fn order_after(last: Option<&str>) -> String {
    match last.and_then(|l| FractionalIndex::from_string(l).ok()) {
        Some(l) => FractionalIndex::new_after(&l).to_string(),
        None => FractionalIndex::default().to_string(),
    }
}

/// The new order key for moving `id` by `delta` places among `keys` (sorted), or None when it
/// cannot move. Keys that do not parse (or tie) are handled by stepping past the neighbour.
fn moved_order(keys: &[(String, String)], id: &str, delta: i32) -> Option<String> {
    let pos = keys.iter().position(|(k, _)| k == id)?;
    let parse = |i: usize| {
        keys.get(i)
            .and_then(|(_, o)| FractionalIndex::from_string(o).ok())
    };
    // the two neighbours the item lands between
    let (lower, upper) = if delta < 0 {
        let above = pos.checked_sub(1)?;
        (above.checked_sub(1).and_then(parse), parse(above))
    } else {
        let below = pos + 1;
        if below >= keys.len() {
            return None;
        }
        (parse(below), parse(below + 1))
    };
    let key = match (&lower, &upper) {
        (Some(l), Some(u)) if l < u => FractionalIndex::new_between(l, u),
        // equal keys (two laptops added at the same place): step past the neighbour
        (Some(l), _) if delta > 0 => Some(FractionalIndex::new_after(l)),
        (_, Some(u)) if delta < 0 => Some(FractionalIndex::new_before(u)),
        (Some(l), None) => Some(FractionalIndex::new_after(l)),
        (None, Some(u)) => Some(FractionalIndex::new_before(u)),
        _ => None,
    }?;
    Some(key.to_string())
}
