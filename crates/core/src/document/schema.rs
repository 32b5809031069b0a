//! The document schema: its version, the Automerge shape it maps to, and migrations.
//! Every ledger document carries `schema`; a newer one than this build knows opens read-only.

use automerge::{ObjId, ObjType, Value};
use autosurgeon::{Hydrate, HydrateError, ReadDoc, Reconcile, Text};
use std::collections::HashMap;

/// The schema this build writes. Bump it only together with a step in [`migrate`] and a test.
pub const SCHEMA_VERSION: u64 = 1;

fn empty<T: Default>() -> T {
    T::default()
}

/// Root map of a ledger document. Field names are the document's keys.
#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
pub struct DocRoot {
    #[autosurgeon(missing = "empty")]
    pub schema: u64,
    #[autosurgeon(missing = "empty")]
    pub ledger_id: String,
    #[autosurgeon(missing = "empty")]
    pub meta: DocMeta,
    #[autosurgeon(missing = "empty")]
    pub sections: DocSections,
    #[autosurgeon(missing = "empty")]
    pub categories: HashMap<String, DocCategory>,
    #[autosurgeon(missing = "empty")]
    pub problems: HashMap<String, DocProblem>,
    #[autosurgeon(missing = "empty")]
    pub rules: HashMap<String, DocRule>,
    /// actor id (hex) → display name
    #[autosurgeon(missing = "empty")]
    pub people: HashMap<String, String>,
}

/// Short fields are registers (a concurrent write is a conflict a person settles);
/// `contact` is long free text and merges by character.
#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
pub struct DocMeta {
    #[autosurgeon(missing = "empty")]
    pub name: String,
    #[autosurgeon(missing = "empty")]
    pub unit: String,
    #[autosurgeon(missing = "empty")]
    pub unit_short: String,
    #[autosurgeon(missing = "empty")]
    pub header: String,
    #[autosurgeon(missing = "empty")]
    pub title: String,
    #[autosurgeon(missing = "empty")]
    pub inspection_group: String,
    #[autosurgeon(missing = "empty")]
    pub inspection_kind: String,
    #[autosurgeon(missing = "empty")]
    pub inspection_from: String,
    #[autosurgeon(missing = "empty")]
    pub inspection_to: String,
    #[autosurgeon(missing = "empty")]
    pub feedback_date: String,
    #[autosurgeon(missing = "empty")]
    pub as_of: String,
    #[autosurgeon(missing = "empty")]
    pub issue_date: String,
    #[autosurgeon(missing = "empty")]
    pub signature: String,
    #[autosurgeon(missing = "empty")]
    pub contact: Text,
    #[autosurgeon(missing = "empty")]
    pub counting_basis: String,
    #[autosurgeon(missing = "empty")]
    pub warn_days: Option<i64>,
    /// `StatedFigures::code`; added after schema 1 without a new version: missing reads as
    /// not chosen, which is what a document made before it meant
    #[autosurgeon(missing = "empty")]
    pub stated_figures: String,
}

#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
pub struct DocSections {
    #[autosurgeon(missing = "empty")]
    pub opening: Text,
    #[autosurgeon(missing = "empty")]
    pub deployment_heading: String,
    #[autosurgeon(missing = "empty")]
    pub deployment: Text,
    #[autosurgeon(missing = "empty")]
    pub implementation_heading: String,
    #[autosurgeon(missing = "empty")]
    pub implementation_intro: Text,
    #[autosurgeon(missing = "empty")]
    pub next_steps_heading: String,
    #[autosurgeon(missing = "empty")]
    pub next_steps: Text,
    /// `TopLevel::code`; added after schema 1 without a new version: missing reads as the
    /// three parts, the only layout before it
    #[autosurgeon(missing = "empty")]
    pub top_level: String,
}

/// A category. Read by hand (`hydrate_by_hand!` below: every read after an edit that is not
/// typing reads them all), written by autosurgeon's derive.
#[derive(Debug, Clone, Default, Reconcile)]
pub struct DocCategory {
    #[autosurgeon(missing = "empty")]
    pub title: String,
    #[autosurgeon(missing = "empty")]
    pub order: String,
    /// deletion is a flag, so a concurrent edit elsewhere is never lost and it can be restored
    #[autosurgeon(missing = "empty")]
    pub deleted: bool,
}

/// A problem. It lives in the `problems` map under its id, so concurrent edits to
/// different problems never touch the same object, and a move is one `category_id`/`order` write.
/// Read by hand (`hydrate_by_hand!` below), written by autosurgeon's derive.
#[derive(Debug, Clone, Default, Reconcile)]
pub struct DocProblem {
    #[autosurgeon(missing = "empty")]
    pub category_id: String,
    /// deleted problems stay in the document (回收站): an offline edit to a problem someone
    /// else deleted is kept, and the problem can be restored
    #[autosurgeon(missing = "empty")]
    pub deleted: bool,
    #[autosurgeon(missing = "empty")]
    pub order: String,
    #[autosurgeon(missing = "empty")]
    pub description: Text,
    #[autosurgeon(missing = "empty")]
    pub cause: Text,
    #[autosurgeon(missing = "empty")]
    pub measures: Text,
    #[autosurgeon(missing = "empty")]
    pub progress: Text,
    #[autosurgeon(missing = "empty")]
    pub lead: String,
    /// a list of names; edited by removing and appending elements, never by rewriting
    #[autosurgeon(missing = "empty")]
    pub departments: Vec<String>,
    #[autosurgeon(missing = "empty")]
    pub owner: String,
    #[autosurgeon(missing = "empty")]
    pub deadline: String,
    #[autosurgeon(missing = "empty")]
    pub completed_on: String,
    #[autosurgeon(missing = "empty")]
    pub status: String,
    #[autosurgeon(missing = "empty")]
    pub evidence: Text,
    /// 进展记录: entry id → entry
    #[autosurgeon(missing = "empty")]
    pub log: HashMap<String, DocProgressEntry>,
    /// 基本完成、持续整改, a flag read only on 整改中. This and the four `review*` registers
    /// were added within schema 1, without a migration: a document without them reads as not
    /// flagged and not reviewed, which is what it meant, and a build before them ignores them
    /// (it shows 整改中 and no review)
    #[autosurgeon(missing = "empty")]
    pub basically_done: bool,
    /// `Verdict::code` ("" none): 同意销号 or 退回; a register, so an approval and a return
    /// made at once on two computers are a conflict a person settles
    #[autosurgeon(missing = "empty")]
    pub review: String,
    #[autosurgeon(missing = "empty")]
    pub review_by: String,
    #[autosurgeon(missing = "empty")]
    pub review_date: String,
    /// 审核意见 or 退回理由
    #[autosurgeon(missing = "empty")]
    pub review_note: String,
}

/// A problem is read in one pass over its map (`map_range`), each value hydrated as the derive
/// would hydrate it, a missing key left empty as `missing = "empty"` leaves it, other keys
/// ignored. The derive looks every field up by its key instead: 15 lookups a problem, each a
/// search of the op set, about half of a whole read at 2,000 problems. `crates/core/tests/reading.rs`
/// checks this read against the derive's on every shape of value.
/// `Hydrate` by hand for a struct of the document: one pass over its map's keys, each listed
/// field hydrated from the value found as autosurgeon's derive hydrates it ([`hydrate_value`]),
/// other keys ignored, a missing field left at its default (the derive's `missing = "empty"`).
/// The derive looks each field up separately, which cost most of a read.
/// `crates/core/tests/reading.rs` keeps the derive of each to check these against.
macro_rules! hydrate_by_hand {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Hydrate for $ty {
            fn hydrate_map<D: ReadDoc>(doc: &D, obj: &ObjId) -> Result<Self, HydrateError> {
                let mut out = $ty::default();
                for item in doc.map_range(obj, ..) {
                    let id = item.id();
                    let value: Value<'static> = item.value.into();
                    match item.key.as_ref() {
                        $(stringify!($field) => out.$field = hydrate_value(doc, value, &id)?,)*
                        _ => {}
                    }
                }
                Ok(out)
            }
        }
    };
}

hydrate_by_hand!(DocProblem {
    category_id,
    deleted,
    order,
    description,
    cause,
    measures,
    progress,
    lead,
    departments,
    owner,
    deadline,
    completed_on,
    status,
    evidence,
    log,
    basically_done,
    review,
    review_by,
    review_date,
    review_note,
});
hydrate_by_hand!(DocProgressEntry { date, author, text });
hydrate_by_hand!(DocCategory {
    title,
    order,
    deleted
});
hydrate_by_hand!(DocRule {
    title,
    kind,
    date,
    problems,
    candidate
});

/// A value already found (`value`, at `id`) hydrated as `Hydrate::hydrate` hydrates the value
/// it looks up.
fn hydrate_value<D: ReadDoc, H: Hydrate>(
    doc: &D,
    value: Value<'_>,
    id: &ObjId,
) -> Result<H, HydrateError> {
    match value {
        Value::Object(ObjType::Map | ObjType::Table) => H::hydrate_map(doc, id),
        Value::Object(ObjType::List) => H::hydrate_seq(doc, id),
        Value::Object(ObjType::Text) => H::hydrate_text(doc, id),
        Value::Scalar(v) => H::hydrate_scalar(v),
    }
}

/// A 进展记录 entry. Read by hand, as [`DocCategory`] is (a problem's read reads every entry).
#[derive(Debug, Clone, Default, Reconcile)]
pub struct DocProgressEntry {
    #[autosurgeon(missing = "empty")]
    pub date: String,
    #[autosurgeon(missing = "empty")]
    pub author: String,
    #[autosurgeon(missing = "empty")]
    pub text: Text,
}

/// A 建章立制 rule. Read by hand, as [`DocCategory`] is.
#[derive(Debug, Clone, Default, Reconcile)]
pub struct DocRule {
    #[autosurgeon(missing = "empty")]
    pub title: String,
    #[autosurgeon(missing = "empty")]
    pub kind: String,
    #[autosurgeon(missing = "empty")]
    pub date: String,
    /// linked problem id → true (a map, so concurrent links and unlinks merge)
    #[autosurgeon(missing = "empty")]
    pub problems: HashMap<String, bool>,
    /// 待确认 (added within schema 1: absent means a confirmed rule, as every rule written
    /// before the flag existed was entered by a person)
    #[autosurgeon(missing = "empty")]
    pub candidate: bool,
}

/// What [`migrate`] did to a document.
#[derive(Debug, PartialEq, Eq)]
pub enum Migration {
    /// the document is at this build's schema
    Current,
    /// the document was written by a newer build: open read-only, never write to it
    Newer(u64),
}

/// Bring a document written at `schema` up to [`SCHEMA_VERSION`].
///
/// Schema 1 is the first; there is nothing to migrate yet. When schema 2 comes, add its step
/// here. A step must write the *same* change on every device (a fixed actor and time,
/// as Automerge's modelling guide advises), or two laptops migrating separately would create
/// conflicting objects and one side's entries would vanish; test two devices migrating apart.
pub fn migrate(schema: u64) -> Migration {
    if schema > SCHEMA_VERSION {
        Migration::Newer(schema)
    } else {
        Migration::Current
    }
}
