//! The Automerge boundary: a ledger document with named operations, load/save/merge,
//! who wrote what (actor → person), and reading it out as a plain [`Ledger`].

mod error;
pub mod history;
mod merge;
pub mod schema;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::{hydrate, hydrate_prop, reconcile, reconcile_prop, Text};
use chrono::NaiveDate;
use fractional_index::FractionalIndex;

use crate::ledger::{
    format_date, parse_date, Category, CountingBasis, Ledger, Meta, Problem, ProgressEntry, Rule,
    RuleKind, Sections, Status, DEFAULT_WARN_DAYS,
};
pub use error::{Damage, DocError, LimitError, Thing};
pub use history::{end_of_day, start_of_day, Conflict, ConflictValue, HistoryEntry, Place};
pub use schema::{migrate, Migration, SCHEMA_VERSION};
use schema::{DocCategory, DocProblem, DocProgressEntry, DocRoot, DocRule};

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

/// Long free-text fields of a problem (Automerge text: concurrent edits merge by character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProblemText {
    Description,
    Cause,
    Measures,
    Progress,
    Evidence,
}

impl ProblemText {
    fn key(self) -> &'static str {
        match self {
            ProblemText::Description => "description",
            ProblemText::Cause => "cause",
            ProblemText::Measures => "measures",
            ProblemText::Progress => "progress",
            ProblemText::Evidence => "evidence",
        }
    }
    /// This field of a read problem.
    pub fn of(self, problem: &Problem) -> &str {
        match self {
            ProblemText::Description => &problem.description,
            ProblemText::Cause => &problem.cause,
            ProblemText::Measures => &problem.measures,
            ProblemText::Progress => &problem.progress,
            ProblemText::Evidence => &problem.evidence,
        }
    }

    /// This field of a read problem, to change: a successful
    /// [`LedgerDoc::set_problem_text`] sets it to the value given and changes nothing else
    /// in the read ledger (texts never conflict), so a view may patch what it shows instead of
    /// reading the whole document again (typing, thousands of problems).
    pub fn of_mut(self, problem: &mut Problem) -> &mut String {
        match self {
            ProblemText::Description => &mut problem.description,
            ProblemText::Cause => &mut problem.cause,
            ProblemText::Measures => &mut problem.measures,
            ProblemText::Progress => &mut problem.progress,
            ProblemText::Evidence => &mut problem.evidence,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProblemText::Description => "问题表现",
            ProblemText::Cause => "原因分析",
            ProblemText::Measures => "整改措施",
            ProblemText::Progress => "整改情况",
            ProblemText::Evidence => "佐证材料",
        }
    }
}

/// Short fields of a problem (registers: concurrent writes are conflicts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemField {
    Lead,
    Owner,
    Deadline,
    CompletedOn,
}

impl ProblemField {
    fn key(self) -> &'static str {
        match self {
            ProblemField::Lead => "lead",
            ProblemField::Owner => "owner",
            ProblemField::Deadline => "deadline",
            ProblemField::CompletedOn => "completed_on",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ProblemField::Lead => "责任领导",
            ProblemField::Owner => "责任人",
            ProblemField::Deadline => "整改时限",
            ProblemField::CompletedOn => "完成时间",
        }
    }
    fn is_date(self) -> bool {
        matches!(self, ProblemField::Deadline | ProblemField::CompletedOn)
    }
}

/// Fields of the ledger's meta and the bulletin's narrative sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaField {
    Name,
    Unit,
    UnitShort,
    Header,
    Title,
    InspectionGroup,
    InspectionKind,
    InspectionFrom,
    InspectionTo,
    FeedbackDate,
    AsOf,
    IssueDate,
    Signature,
    Contact,
    CountingBasis,
    WarnDays,
    Opening,
    DeploymentHeading,
    Deployment,
    ImplementationHeading,
    ImplementationIntro,
    NextStepsHeading,
    NextSteps,
}

impl MetaField {
    /// (map under the root, key, is Automerge text)
    fn place(self) -> (&'static str, &'static str, bool) {
        use MetaField::*;
        match self {
            Name => ("meta", "name", false),
            Unit => ("meta", "unit", false),
            UnitShort => ("meta", "unit_short", false),
            Header => ("meta", "header", false),
            Title => ("meta", "title", false),
            InspectionGroup => ("meta", "inspection_group", false),
            InspectionKind => ("meta", "inspection_kind", false),
            InspectionFrom => ("meta", "inspection_from", false),
            InspectionTo => ("meta", "inspection_to", false),
            FeedbackDate => ("meta", "feedback_date", false),
            AsOf => ("meta", "as_of", false),
            IssueDate => ("meta", "issue_date", false),
            Signature => ("meta", "signature", false),
            Contact => ("meta", "contact", true),
            CountingBasis => ("meta", "counting_basis", false),
            WarnDays => ("meta", "warn_days", false),
            Opening => ("sections", "opening", true),
            DeploymentHeading => ("sections", "deployment_heading", false),
            Deployment => ("sections", "deployment", true),
            ImplementationHeading => ("sections", "implementation_heading", false),
            ImplementationIntro => ("sections", "implementation_intro", true),
            NextStepsHeading => ("sections", "next_steps_heading", false),
            NextSteps => ("sections", "next_steps", true),
        }
    }
    /// The field's key in its map (`title`, `as_of`, …), as conflicts name it.
    pub fn key(self) -> &'static str {
        self.place().1
    }

    fn is_date(self) -> bool {
        use MetaField::*;
        matches!(self, InspectionFrom | InspectionTo | AsOf | IssueDate)
    }
}

/// A progress entry or rule to add.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewRule {
    pub title: String,
    pub kind: Option<RuleKind>,
    pub date: Option<NaiveDate>,
    pub problem_ids: Vec<String>,
    /// 待确认: listed, not counted until a person confirms it
    pub candidate: bool,
}

/// What a saved document's bytes take long to give on load: each change's hash and number of
/// operations, in the order the bytes list the changes ([`LedgerDoc::known_changes`]).
/// Stored as 36 bytes a change (the hash, then the count as u32, little endian).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownChanges(Vec<(ChangeHash, u64)>);

impl KnownChanges {
    /// Bytes of one change: its hash and its number of operations.
    const ENTRY: usize = 36;

    /// None for a change of more than `u32::MAX` operations, which no ledger holds.
    pub fn to_bytes(&self) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(self.0.len() * Self::ENTRY);
        for (hash, num_ops) in &self.0 {
            out.extend_from_slice(hash.as_ref());
            out.extend_from_slice(&u32::try_from(*num_ops).ok()?.to_le_bytes());
        }
        Some(out)
    }

    /// None when `bytes` are not whole entries (a wrong count is refused by the load).
    pub fn from_bytes(bytes: &[u8]) -> Option<KnownChanges> {
        if !bytes.len().is_multiple_of(Self::ENTRY) {
            return None;
        }
        bytes
            .chunks_exact(Self::ENTRY)
            .map(|entry| {
                let hash = ChangeHash::try_from(&entry[..32]).ok()?;
                let num_ops = u32::from_le_bytes(entry[32..].try_into().ok()?);
                Some((hash, u64::from(num_ops)))
            })
            .collect::<Option<Vec<_>>>()
            .map(KnownChanges)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a merge brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// number of changes that were new to this document
    pub new_changes: usize,
    /// names of the people who made them (actor ids without a name are shown shortened)
    pub authors: Vec<String>,
    /// long texts both sides edited since they last met ("第3项 · 原因分析"): merged character by
    /// character, worth a read
    pub both_edited: Vec<String>,
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
    pending: Vec<String>,
    /// The last whole read of the document and what has changed since ([`ReadCache`]).
    cache: RefCell<ReadCache>,
}

/// [`LedgerDoc::read`] hydrates the whole document once; after that an edit to one problem
/// re-reads only that problem (and the small parts: meta, sections, categories, rules,
/// people, unless only problems' texts were typed into), so the cost of a read after typing
/// does not grow with the ledger. Every operation goes through `writable()`, which marks
/// everything stale unless the operation names what it touches (`writable_problem`,
/// `writable_small`, `writable_problem_text`); a merge, a load or a restore marks everything
/// stale.
#[derive(Clone, Default)]
struct ReadCache {
    root: Option<DocRoot>,
    /// problems touched since `root` was read (None: everything is stale)
    stale_problems: Option<BTreeSet<String>>,
    /// the conflicts the last scan found ([`LedgerDoc::conflicts`]; None: scan again). A local
    /// edit can settle a conflict but never make one (only merges do), so after a local edit
    /// only these are re-checked (`conflicts_recheck`) instead of scanning every field.
    conflicts: Option<Vec<Conflict>>,
    conflicts_recheck: bool,
    /// the small parts in `root` are as the document has them: since they were read, only
    /// problems' texts were typed into (a read after a keystroke, or after a pause with
    /// nothing new, does not read them again: about 2–10 ms in the browser on the example
    /// ledger, with its rules)
    small_parts_read: bool,
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Shorten an actor id for display when no name is known: its last 8 hex digits, which are
/// random in every actor (a session's actor starts with the same 0xff and time for everyone,
/// [`LedgerDoc::begin_session`]).
fn short_actor(actor: &str) -> String {
    format!("未署名({})", &actor[actor.len().saturating_sub(8)..])
}

impl LedgerDoc {
    /// A new, empty ledger with a fresh ledger id. `name` is the ledger's display name.
    pub fn create(name: &str, author: Option<&str>, now: i64) -> LedgerDoc {
        let root = DocRoot {
            schema: SCHEMA_VERSION,
            ledger_id: new_id(),
            meta: schema::DocMeta {
                name: name.trim().to_string(),
                counting_basis: CountingBasis::Category.code().to_string(),
                warn_days: Some(DEFAULT_WARN_DAYS),
                ..Default::default()
            },
            ..Default::default()
        };
        let mut doc = AutoCommit::new().with_actor(ActorId::random());
        reconcile(&mut doc, &root).expect("a fresh document accepts its root");
        let mut ledger = LedgerDoc {
            doc,
            read_only: false,
            author: author.map(str::to_string).filter(|a| !a.trim().is_empty()),
            pending: vec!["新建台账".to_string()],
            cache: RefCell::default(),
        };
        ledger.commit(now);
        ledger
    }

    /// Load a document from Automerge bytes and give this session a fresh actor.
    pub fn load(bytes: &[u8]) -> Result<LedgerDoc, DocError> {
        Self::load_read(bytes).map(|(doc, _)| doc)
    }

    /// [`LedgerDoc::load`], also giving the ledger read while checking it (importing a file
    /// checks its sizes without a second read).
    pub fn load_read(bytes: &[u8]) -> Result<(LedgerDoc, Ledger), DocError> {
        let ledger = Self::load_unread(bytes)?;
        // Read it once now, so a document we cannot read fails here and not in the UI.
        let read = ledger.read()?;
        Ok((ledger, read))
    }

    /// [`LedgerDoc::load`] without the whole read that checks the document can be read (about
    /// 0.9 s natively at 2,000 problems): for a stored copy whose read is kept beside it, the
    /// view, handed to [`LedgerDoc::seed_read`] instead (`store::LedgerStore::load_from_view`),
    /// and for a file the Web Worker has just checked whole (`store::plan_checked_import`).
    pub fn load_unread(bytes: &[u8]) -> Result<LedgerDoc, DocError> {
        Self::load_unread_known(bytes, None)
    }

    /// [`LedgerDoc::load_unread`] of bytes whose [`KnownChanges`] were kept beside them when
    /// they were saved (the stored copy in IndexedDB: `store::LedgerStore`). Automerge then
    /// takes each change's hash from them instead of rebuilding every change to hash it (most
    /// of a load: 514 -> 287 ms natively at 2,000 problems), and checks the heads they imply
    /// against the document's. When they do not fit these bytes, a plain load.
    pub fn load_unread_known(
        bytes: &[u8],
        known: Option<&KnownChanges>,
    ) -> Result<LedgerDoc, DocError> {
        // Automerge 0.12 can panic on a crafted document whose checksum is valid (found by
        // fuzzing: fuzz/regressions/ledger_document/). Caught where unwinding exists (native);
        // in the browser (panic = abort) a picked file is loaded in the Web Worker first
        // (jobs::Job::CheckLedgerFile), so such a file stops the worker, not the page.
        let loaded = std::panic::catch_unwind(|| {
            known
                .and_then(|known| AutoCommit::load_with_known_changes(bytes, &known.0).ok())
                .map_or_else(|| AutoCommit::load(bytes), Ok)
        });
        let doc = match loaded {
            Ok(Ok(doc)) => doc,
            Ok(Err(_)) => return Err(DocError::Unreadable(Damage::Checksum)),
            Err(_) => return Err(DocError::Unreadable(Damage::Encoding)),
        }
        .with_actor(ActorId::random());
        let mut ledger = LedgerDoc {
            doc,
            read_only: false,
            author: None,
            pending: vec![],
            cache: RefCell::default(),
        };
        let id = ledger.ledger_id();
        if uuid::Uuid::parse_str(&id).is_err() {
            return Err(DocError::Unreadable(Damage::NoLedgerId));
        }
        let schema = ledger.schema();
        if schema == 0 {
            return Err(DocError::Unreadable(Damage::NoSchema));
        }
        if let Migration::Newer(_) = migrate(schema) {
            ledger.read_only = true;
        }
        Ok(ledger)
    }

    pub fn ledger_id(&self) -> String {
        match self.doc.get(ROOT, "ledger_id") {
            Ok(Some((Value::Scalar(s), _))) => s.as_str().unwrap_or_default().to_string(),
            _ => String::new(),
        }
    }

    pub fn schema(&self) -> u64 {
        match self.doc.get(ROOT, "schema") {
            Ok(Some((Value::Scalar(s), _))) => s.as_u64().or(s.as_i64().map(|i| i.max(0) as u64)),
            _ => None,
        }
        .unwrap_or(0)
    }

    /// The ledger's display name, read from three meta registers (no whole-document read):
    /// saving and exporting need it every time.
    pub fn display_name(&self) -> String {
        let meta = match self.doc.get(ROOT, "meta") {
            Ok(Some((Value::Object(ObjType::Map), id))) => Some(id),
            _ => None,
        };
        let field = |key: &str| -> String {
            meta.as_ref()
                .and_then(|m| match self.doc.get(m, key) {
                    Ok(Some((Value::Scalar(s), _))) => s.as_str().map(str::to_string),
                    _ => None,
                })
                .unwrap_or_default()
        };
        crate::ledger::display_name(&field("name"), &field("title"), &field("unit"))
    }

    /// True when the document comes from a newer schema: it is shown, never written.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The person (我的名字) to whom this session's changes are attributed.
    pub fn set_author(&mut self, author: Option<&str>) {
        self.author = author
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
    }

    pub fn actor_hex(&self) -> String {
        self.doc.get_actor().to_hex_string()
    }

    /// Give this copy's next edits a new actor that sorts after the actors of every earlier
    /// session: 0xff, then `now` (seconds, 6 bytes big-endian), then 9 random bytes.
    /// Automerge keeps a document's actors sorted, and the first edit by an actor that sorts
    /// in the middle renumbers the actor of every operation. A random actor (what a load
    /// gives) lands in the middle, so the first keystroke after opening a large ledger waited
    /// for that: natively 5–6 ms at 2,000 problems, 0.4 ms with this. Actors of old copies
    /// and of other programs are random; one sorts after this only if it starts with 0xff
    /// (1 in 256). Commits anything pending first. The UI calls it on every ledger it opens.
    pub fn begin_session(&mut self, now: i64) {
        self.commit(now);
        let mut actor = [0u8; 16];
        actor[0] = 0xff;
        actor[1..7].copy_from_slice(&(now.max(0) as u64).to_be_bytes()[2..]);
        actor[7..].copy_from_slice(&ActorId::random().to_bytes()[..9]);
        self.doc.set_actor(ActorId::from(&actor[..]));
    }

    /// True when operations were applied that are not yet committed.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Close the open change with a message saying what was done, and `now` (seconds since
    /// the epoch) as its time. Also records this session's actor → person name.
    pub fn commit(&mut self, now: i64) -> bool {
        if self.pending.is_empty() || self.read_only {
            return false;
        }
        if let Some(name) = self.author.clone() {
            let actor = self.actor_hex();
            if self.person(&actor).as_deref() != Some(name.as_str()) {
                if let Ok(people) = self.map_at(ROOT, "people") {
                    let _ = self.doc.put(&people, actor, name);
                }
                self.cache.borrow_mut().small_parts_read = false;
            }
        }
        let mut seen = BTreeSet::new();
        let parts: Vec<String> = std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|p| seen.insert(p.clone()))
            .collect();
        let mut message = parts.iter().take(5).cloned().collect::<Vec<_>>().join("；");
        if parts.len() > 5 {
            message.push_str(&format!(" 等{}项", parts.len()));
        }
        self.doc
            .commit_with(
                CommitOptions::default()
                    .with_message(message)
                    .with_time(now),
            )
            .is_some()
    }

    /// The complete document as compressed Automerge bytes (commits anything pending first).
    pub fn save(&mut self, now: i64) -> Vec<u8> {
        self.commit(now);
        self.doc.save()
    }

    /// Each change's hash and number of operations, in the order [`LedgerDoc::save`] writes
    /// the changes (commits anything pending first): kept beside saved bytes, they make
    /// loading those bytes again about half as long ([`LedgerDoc::load_unread_known`]).
    pub fn known_changes(&mut self, now: i64) -> KnownChanges {
        self.commit(now);
        KnownChanges(self.doc.document().known_changes())
    }

    /// How many changes the document's history holds (commits anything pending first).
    pub fn change_count(&mut self, now: i64) -> usize {
        self.commit(now);
        self.doc.get_changes(&[]).len()
    }

    /// The changes this document has beyond `heads` (hex), as Automerge bytes that
    /// [`LedgerDoc::apply_chunk`] adds to a copy holding those heads (commits first). Empty
    /// when there is nothing new. Heads this document does not know are ignored by Automerge,
    /// so check [`LedgerDoc::knows_all`] before relying on the result being small.
    pub fn save_after(&mut self, heads: &[String], now: i64) -> Vec<u8> {
        self.commit(now);
        let heads: Vec<automerge::ChangeHash> =
            heads.iter().filter_map(|h| h.parse().ok()).collect();
        self.doc.save_after(&heads)
    }

    /// Add changes saved by [`LedgerDoc::save_after`] (or a whole saved document).
    pub fn apply_chunk(&mut self, bytes: &[u8]) -> Result<(), DocError> {
        self.all_stale();
        self.doc
            .load_incremental(bytes)
            .map(|_| ())
            .map_err(|_| DocError::Unreadable(Damage::Checksum))
    }

    /// Hashes of the document's heads, hex encoded.
    pub fn heads(&mut self) -> Vec<String> {
        self.doc.get_heads().iter().map(|h| h.to_string()).collect()
    }

    /// True when every one of `heads` (hex) is already in this document: a lookup in the
    /// change graph (`get_change_by_hash` would rebuild each change from the op columns, 1–2 ms
    /// a save in the browser at 200 problems, where every save asks this twice).
    pub fn knows_all(&mut self, heads: &[String]) -> bool {
        let Ok(hashes) = heads
            .iter()
            .map(|h| h.parse::<automerge::ChangeHash>())
            .collect::<Result<Vec<_>, _>>()
        else {
            return false;
        };
        // (a head queued, its own dependencies missing, is not known: they are what is missing)
        self.doc.get_missing_deps(&hashes).is_empty()
    }

    /// Merge another copy of the same ledger (Automerge bytes) into this one.
    /// Merging the same bytes again is a no-op and reports no new changes.
    pub fn merge_bytes(&mut self, bytes: &[u8], now: i64) -> Result<MergeReport, DocError> {
        let mut other = LedgerDoc::load(bytes)?;
        self.merge(&mut other, now)
    }

    pub fn merge(&mut self, other: &mut LedgerDoc, now: i64) -> Result<MergeReport, DocError> {
        if other.ledger_id() != self.ledger_id() {
            return Err(DocError::OtherLedger);
        }
        if self.read_only || other.read_only {
            return Err(DocError::ReadOnly);
        }
        self.commit(now);
        other.commit(now);
        // theirs: the changes new to this document. Applied as they are (what `doc.merge`
        // would look them up again to do).
        let added = self.doc.get_changes_added(&mut other.doc);
        let their_heads = other.doc.get_heads();
        self.apply_theirs(added, &their_heads)
    }

    /// Every change this document holds, by hash (32 bytes each, in no set order; commits
    /// first). Sent beside a ledger file to the Web Worker, which answers with only the changes
    /// of the file that this document lacks ([`LedgerDoc::changes_missing_from`]), so the page
    /// merges a colleague's file without loading it (`jobs::Job::ChangesForCopy`).
    pub fn change_hashes(&mut self, now: i64) -> Vec<u8> {
        self.commit(now);
        let metas = self.doc.get_changes_meta(&[]);
        let mut out = Vec::with_capacity(metas.len() * 32);
        for meta in metas {
            out.extend_from_slice(meta.hash.as_ref());
        }
        out
    }

    /// The changes this document has that a copy holding the changes `hashes` (as
    /// [`LedgerDoc::change_hashes`] lists them) lacks, as a batch for
    /// [`LedgerDoc::merge_changes`]: each change's bytes after its length (4 bytes, little
    /// endian). Exact because a copy holds every ancestor of each change it holds: the changes
    /// here that it holds are all ancestors of themselves, so the rest is what it lacks.
    ///
    /// None when that copy lacks more than half of this document's changes (a new copy of the
    /// ledger, say): the batch would rebuild nearly every change one by one, while loading this
    /// document whole and merging it costs no more (the small-file merge of the browser
    /// benchmark took 357–370 ms that way and 396–411 ms by a batch).
    pub fn changes_missing_from(&mut self, hashes: &[u8], now: i64) -> Option<Vec<u8>> {
        self.commit(now);
        let theirs: HashSet<ChangeHash> = hashes
            .chunks_exact(32)
            .filter_map(|h| ChangeHash::try_from(h).ok())
            .collect();
        let all = self.doc.get_changes_meta(&[]);
        let of = all.len();
        let have: Vec<ChangeHash> = all
            .into_iter()
            .map(|meta| meta.hash)
            .filter(|hash| theirs.contains(hash))
            .collect();
        if (of - have.len()) * 2 > of {
            return None;
        }
        let mut out = Vec::new();
        for mut change in self.doc.get_changes(&have) {
            let bytes = change.bytes();
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        Some(out)
    }

    /// Merge a batch from [`LedgerDoc::changes_missing_from`] of another copy of this ledger,
    /// whose heads are `their_heads` (hex): the same document and report as
    /// [`LedgerDoc::merge`] of that copy. Checked before anything is applied: a batch that does
    /// not parse, or that leaves one of its changes or one of their heads without what it
    /// depends on, is refused and the document stays as it was. That the changes are this
    /// ledger's is the sender's to check (the worker compares the ledger ids): a whole other
    /// ledger's history depends on nothing and would apply.
    pub fn merge_changes(
        &mut self,
        batch: &[u8],
        their_heads: &[String],
        now: i64,
    ) -> Result<MergeReport, DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        let unreadable = || DocError::Unreadable(Damage::IncompleteMerge);
        let mut changes = Vec::new();
        let mut rest = batch;
        while !rest.is_empty() {
            let (len, tail) = rest.split_at_checked(4).ok_or_else(unreadable)?;
            let len = u32::from_le_bytes(len.try_into().map_err(|_| unreadable())?) as usize;
            let (bytes, tail) = tail.split_at_checked(len).ok_or_else(unreadable)?;
            changes.push(automerge::Change::from_bytes(bytes.to_vec()).map_err(|_| unreadable())?);
            rest = tail;
        }
        let their_heads = their_heads
            .iter()
            .map(|h| h.parse::<ChangeHash>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| unreadable())?;
        self.commit(now);
        // only the changes new here count (and are applied)
        let hashes: Vec<ChangeHash> = changes.iter().map(|c| c.hash()).collect();
        let missing: HashSet<ChangeHash> = self.doc.get_missing_deps(&hashes).into_iter().collect();
        changes.retain(|c| missing.contains(&c.hash()));
        let arriving: HashSet<ChangeHash> = changes.iter().map(|c| c.hash()).collect();
        let needed: Vec<ChangeHash> = changes
            .iter()
            .flat_map(|c| c.deps().iter().copied())
            .chain(their_heads.iter().copied())
            .filter(|h| !arriving.contains(h))
            .collect();
        if !self.doc.get_missing_deps(&needed).is_empty() {
            return Err(unreadable());
        }
        self.apply_theirs(changes, &their_heads)
    }

    /// Apply `added`, the changes of another copy (whose heads are `their_heads`) that this
    /// document lacks, all of whose dependencies are here or among them; and read them once
    /// for everything the report and the read cache need to know about them.
    fn apply_theirs(
        &mut self,
        added: Vec<automerge::Change>,
        their_heads: &[ChangeHash],
    ) -> Result<MergeReport, DocError> {
        let actors: BTreeSet<String> = added.iter().map(|c| c.actor_id().to_hex_string()).collect();
        // everything stale while merging (a failed merge leaves no stale cache behind), then
        // narrowed to the problems the merge changed
        let kept = std::mem::take(&mut *self.cache.borrow_mut());
        // (the sequences both sides edited come out of the apply's own walk: Automerge
        // visits each of their operations anyway, vendored change 7)
        let both = self
            .doc
            .apply_changes_noting_both(added.iter().cloned(), their_heads)?;
        let mut merged = merge::Merged::new(&self.doc, &added);
        if let (Some(root), Some(mut stale)) = (kept.root, kept.stale_problems) {
            if let Some(changed) = merged.problems_changed(&self.doc) {
                // (a problem ours changed since the last read may have moved too)
                merged.places_changed.extend(stale.iter().cloned());
                stale.extend(changed);
                let mut cache = self.cache.borrow_mut();
                cache.root = Some(root);
                cache.stale_problems = Some(stale);
                // a merge can make conflicts: scan again (cache.conflicts stays None)
            }
        }
        let both_edited = self.texts_edited_by_both(&mut merged, both);
        let mut authors: Vec<String> = actors
            .iter()
            .map(|a| self.person(a).unwrap_or_else(|| short_actor(a)))
            .collect();
        authors.sort();
        authors.dedup();
        Ok(MergeReport {
            new_changes: added.len(),
            authors,
            both_edited,
        })
    }

    /// The same document under a fresh actor, with nothing pending: what opening the same
    /// bytes again would give, without loading them again.
    pub fn copy(&self) -> LedgerDoc {
        LedgerDoc {
            doc: self.doc.clone().with_actor(ActorId::random()),
            read_only: self.read_only,
            author: None,
            pending: vec![],
            cache: RefCell::new(self.cache.borrow().clone()),
        }
    }

    /// A second, independent copy of this document with its own fresh actor (for tests and
    /// "open a copy"): what another laptop has after importing an exported file.
    pub fn fork(&mut self, now: i64) -> LedgerDoc {
        self.commit(now);
        LedgerDoc {
            doc: self.doc.fork().with_actor(ActorId::random()),
            read_only: self.read_only,
            author: None,
            pending: vec![],
            cache: RefCell::new(self.cache.borrow().clone()),
        }
    }

    /// The name recorded for an actor id, if any.
    pub fn person(&self, actor_hex: &str) -> Option<String> {
        let people = match self.doc.get(ROOT, "people") {
            Ok(Some((Value::Object(ObjType::Map), id))) => id,
            _ => return None,
        };
        match self.doc.get(&people, actor_hex) {
            Ok(Some((Value::Scalar(s), _))) => s.as_str().map(str::to_string),
            _ => None,
        }
    }

    /// Read the whole document out as a plain, sorted [`Ledger`]. Only what changed since the
    /// last read is read from the document again ([`ReadCache`]).
    pub fn read(&self) -> Result<Ledger, DocError> {
        let mut cache = self.cache.borrow_mut();
        let root = match (cache.root.take(), cache.stale_problems.take()) {
            (Some(mut root), Some(stale)) => {
                let problems = match self.doc.get(ROOT, "problems")? {
                    Some((Value::Object(ObjType::Map), id)) => Some(id),
                    _ => None,
                };
                for id in stale {
                    // (a touched id may not be here at all: an edit to a problem this copy
                    // does not have is refused, but it was marked first)
                    let problem: Option<DocProblem> = match &problems {
                        Some(map) if self.doc.get(map, id.as_str())?.is_some() => {
                            Some(hydrate_prop(&self.doc, map, id.as_str()).map_err(not_a_ledger)?)
                        }
                        _ => None,
                    };
                    match problem {
                        Some(p) => root.problems.insert(id, p),
                        None => root.problems.remove(&id),
                    };
                }
                if !cache.small_parts_read {
                    self.read_small_parts(&mut root)?;
                }
                root
            }
            _ => hydrate(&self.doc).map_err(not_a_ledger)?,
        };
        // one copy per read: the ledger is made from the cached root by reference
        let ledger = to_ledger(&root);
        cache.root = Some(root);
        cache.stale_problems = Some(BTreeSet::new());
        cache.small_parts_read = true;
        Ok(ledger)
    }

    /// The small parts of `root` (schema, meta, sections, categories, rules, people) read from
    /// the document again: a cached read reads them whole every time (absent in an old
    /// document: empty).
    fn read_small_parts(&self, root: &mut DocRoot) -> Result<(), DocError> {
        fn part<T: autosurgeon::Hydrate + Default>(
            doc: &AutoCommit,
            key: &str,
        ) -> Result<T, DocError> {
            Ok(hydrate_prop::<_, Option<T>, _, _>(doc, ROOT, key)
                .map_err(not_a_ledger)?
                .unwrap_or_default())
        }
        root.schema = part(&self.doc, "schema")?;
        root.meta = part(&self.doc, "meta")?;
        root.sections = part(&self.doc, "sections")?;
        root.categories = part(&self.doc, "categories")?;
        root.rules = part(&self.doc, "rules")?;
        root.people = part(&self.doc, "people")?;
        Ok(())
    }

    /// Start the read cache from `ledger`, a read of exactly this document kept beside it (the
    /// stored view, `store::LedgerStore::load_view`), so the first read after a load does not
    /// hydrate every problem again (about 0.9 s natively at 2,000 problems). Only the problems
    /// are taken from it: the small parts are read from the document on every read. Nothing
    /// happens when something was read already or the ledger is another's. The caller vouches
    /// that `ledger` is this document's read; the store hands out only a view marked with the
    /// exact version of the stored copy it was read from.
    pub fn seed_read(&self, ledger: &Ledger) {
        let mut cache = self.cache.borrow_mut();
        if cache.root.is_some() || ledger.id != self.ledger_id() {
            return;
        }
        let date = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let problem = |p: &Problem, deleted: bool| {
            let doc_problem = DocProblem {
                category_id: p.category_id.clone(),
                deleted,
                order: p.order.clone(),
                description: Text::with_value(&p.description),
                cause: Text::with_value(&p.cause),
                measures: Text::with_value(&p.measures),
                progress: Text::with_value(&p.progress),
                lead: p.lead.clone(),
                departments: p.departments.clone(),
                owner: p.owner.clone(),
                deadline: date(&p.deadline),
                completed_on: date(&p.completed_on),
                status: p.status.code().to_string(),
                evidence: Text::with_value(&p.evidence),
                log: p
                    .progress_log
                    .iter()
                    .map(|e| {
                        let entry = DocProgressEntry {
                            date: date(&e.date),
                            author: e.author.clone(),
                            text: Text::with_value(&e.text),
                        };
                        (e.id.clone(), entry)
                    })
                    .collect(),
            };
            (p.id.clone(), doc_problem)
        };
        let problems = ledger.problems.iter().map(|p| problem(p, false));
        let trash = ledger.trash.iter().map(|p| problem(p, true));
        cache.root = Some(DocRoot {
            // (the id is not read again with the small parts: it never changes)
            ledger_id: ledger.id.clone(),
            problems: problems.chain(trash).collect(),
            ..DocRoot::default()
        });
        cache.stale_problems = Some(BTreeSet::new());
        cache.small_parts_read = false;
    }

    /// The whole document read afresh, bypassing [`ReadCache`] (tests compare the two).
    pub fn read_whole(&self) -> Result<Ledger, DocError> {
        let root: DocRoot = hydrate(&self.doc).map_err(not_a_ledger)?;
        Ok(to_ledger(&root))
    }

    /// Everything read so far may have changed.
    fn all_stale(&self) {
        let mut cache = self.cache.borrow_mut();
        cache.stale_problems = None;
        cache.conflicts = None;
        cache.small_parts_read = false;
    }

    // ---- operations -------------------------------------------------------------------

    /// Before an operation that may change anything: refuses on a read-only document and
    /// marks every cached read stale.
    fn writable(&self) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.all_stale();
        Ok(())
    }

    /// Before an operation that changes one problem only (and, perhaps, the small parts that
    /// every read re-reads): marks just that problem stale.
    fn writable_problem(&self, id: &str) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.problem_stale(id);
        Ok(())
    }

    /// Before typing into one of a problem's texts (runs on every keystroke): marks that
    /// problem stale for reads but keeps the known conflicts (texts are never conflicts).
    fn writable_problem_text(&self, id: &str) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.problem_text_stale(id);
        Ok(())
    }

    /// Before an operation that changes only the small parts every read re-reads (meta,
    /// sections, categories' own fields, rules, people).
    fn writable_small(&self) -> Result<(), DocError> {
        if self.read_only {
            Err(DocError::ReadOnly)
        } else {
            self.small_parts_stale();
            Ok(())
        }
    }

    /// A problem's fields changed, and perhaps the small parts (restoring a problem restores
    /// its category too).
    fn problem_stale(&self, id: &str) {
        self.small_parts_stale();
        self.problem_text_stale(id);
    }

    /// The small parts changed (and with them, perhaps, what conflicts).
    fn small_parts_stale(&self) {
        let mut cache = self.cache.borrow_mut();
        cache.conflicts_recheck = true;
        cache.small_parts_read = false;
    }

    /// A problem's text changed (description, cause, measures, …): texts merge character by
    /// character and are never conflicts, so the known conflicts stand as they are.
    fn problem_text_stale(&self, id: &str) {
        if let Some(stale) = self.cache.borrow_mut().stale_problems.as_mut() {
            stale.insert(id.to_string());
        }
    }

    /// Record what a problem operation did, after it did it (an operation may read the
    /// ledger half-way, which would otherwise take its problem off the stale list too early).
    fn note_problem(&mut self, id: &str, what: impl Into<String>) {
        self.problem_stale(id);
        self.pending.push(what.into());
    }

    /// [`Self::note_problem`] for a problem's text: the known conflicts stand.
    fn note_problem_text(&mut self, id: &str, what: impl Into<String>) {
        self.problem_text_stale(id);
        self.pending.push(what.into());
    }

    /// Record what an operation did, after it did it. The conservative default: everything
    /// read so far may have changed (an operation may read the ledger half-way, so marking
    /// before it ran is not enough). See `note_problem` and `note_small`.
    fn note(&mut self, what: impl Into<String>) {
        self.all_stale();
        self.pending.push(what.into());
    }

    /// Like `note`, for an operation that changed only the small parts every read re-reads.
    fn note_small(&mut self, what: impl Into<String>) {
        self.small_parts_stale();
        self.pending.push(what.into());
    }

    /// The map object at `parent[key]`, created if missing (a document from an older build
    /// may lack it; creating it here is a local change, never a schema step).
    fn map_at(&mut self, parent: impl AsRef<ObjId>, key: &str) -> Result<ObjId, DocError> {
        match self.doc.get(parent.as_ref(), key)? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Ok(self.doc.put_object(parent.as_ref(), key, ObjType::Map)?),
        }
    }

    fn existing_map(
        &self,
        parent: impl AsRef<ObjId>,
        key: &str,
        what: Thing,
    ) -> Result<ObjId, DocError> {
        match self.doc.get(parent.as_ref(), key)? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Err(DocError::NotFound(what)),
        }
    }

    fn problem_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let problems = self.existing_map(ROOT, "problems", Thing::Problem)?;
        self.existing_map(problems, id, Thing::Problem)
    }

    fn category_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let categories = self.existing_map(ROOT, "categories", Thing::Category)?;
        self.existing_map(categories, id, Thing::Category)
    }

    fn rule_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let rules = self.existing_map(ROOT, "rules", Thing::Rule)?;
        self.existing_map(rules, id, Thing::Rule)
    }

    /// Put a string register, writing nothing when the value is unchanged.
    fn put_str(&mut self, obj: &ObjId, key: &str, value: &str) -> Result<bool, DocError> {
        check_field(value)?;
        let current = match self.doc.get(obj, key)? {
            Some((Value::Scalar(s), _)) => s.as_str().map(str::to_string),
            _ => None,
        };
        // writing the value shown settles a conflict too: the new write supersedes them all
        let conflicted = self
            .doc
            .get_all(obj, key)
            .map(|v| v.len() > 1)
            .unwrap_or(false);
        if current.as_deref() == Some(value) && !conflicted {
            return Ok(false);
        }
        self.doc.put(obj, key, value)?;
        Ok(true)
    }

    /// Set a text object to `value` by diffing, so that concurrent edits elsewhere in the
    /// same paragraph survive. Creates the text object if it is missing.
    fn put_text(&mut self, obj: &ObjId, key: &str, value: &str) -> Result<bool, DocError> {
        check_field(value)?;
        let text = match self.doc.get(obj, key)? {
            Some((Value::Object(ObjType::Text), id)) => id,
            _ => self.doc.put_object(obj, key, ObjType::Text)?,
        };
        if self.doc.text(&text)? == value {
            return Ok(false);
        }
        self.doc.update_text(&text, value)?;
        Ok(true)
    }

    fn orders_in(&self, ledger: &Ledger, category_id: &str) -> Vec<(String, String)> {
        ledger
            .problems_in(category_id)
            .map(|p| (p.id.clone(), p.order.clone()))
            .collect()
    }

    /// Add a category at the end; returns its id.
    pub fn add_category(&mut self, title: &str) -> Result<String, DocError> {
        self.writable_small()?;
        check_field(title)?;
        let ledger = self.read()?;
        let order = order_after(ledger.categories.last().map(|c| c.order.as_str()));
        let id = new_id();
        let categories = self.map_at(ROOT, "categories")?;
        let category = DocCategory {
            title: title.trim().to_string(),
            order,
            deleted: false,
        };
        reconcile_prop(&mut self.doc, categories, id.as_str(), &category)
            .map_err(|e| DocError::Unreadable(Damage::Internal(e.to_string())))?;
        self.note_small(format!("新增问题类别“{}”", title.trim()));
        Ok(id)
    }

    pub fn rename_category(&mut self, id: &str, title: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.category_obj(id)?;
        if self.put_str(&obj, "title", title.trim())? {
            self.note_small(format!("修改问题类别“{}”", title.trim()));
        }
        Ok(())
    }

    /// Move a category one place up (`delta` = -1) or down (+1).
    pub fn move_category(&mut self, id: &str, delta: i32) -> Result<(), DocError> {
        self.writable_small()?;
        let ledger = self.read()?;
        let keys: Vec<(String, String)> = ledger
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.order.clone()))
            .collect();
        if let Some(order) = moved_order(&keys, id, delta) {
            let obj = self.category_obj(id)?;
            self.doc.put(&obj, "order", order)?;
            self.note_small("调整问题类别顺序");
        }
        Ok(())
    }

    /// Delete a category and the problems in it (the UI asks for confirmation first). Both
    /// are only flagged deleted and can be restored from 回收站.
    pub fn delete_category(&mut self, id: &str) -> Result<(), DocError> {
        self.writable()?;
        let ledger = self.read()?;
        let title = ledger
            .category(id)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let problem_ids: Vec<String> = ledger.problems_in(id).map(|p| p.id.clone()).collect();
        for pid in problem_ids {
            let obj = self.problem_obj(&pid)?;
            self.doc.put(&obj, "deleted", true)?;
        }
        let obj = self.category_obj(id)?;
        self.doc.put(&obj, "deleted", true)?;
        self.note(format!("删除问题类别“{title}”"));
        Ok(())
    }

    /// Add a problem at the end of a category; returns its id.
    pub fn add_problem(
        &mut self,
        category_id: &str,
        description: &str,
    ) -> Result<String, DocError> {
        self.writable_small()?;
        check_field(description)?;
        let ledger = self.read()?;
        if ledger.category(category_id).is_none() {
            return Err(DocError::NotFound(Thing::Category));
        }
        let problems = ledger.problems.len() + ledger.trash.len();
        if problems >= MAX_PROBLEMS {
            return Err(LimitError::TooManyProblems {
                problems: problems + 1,
            }
            .into());
        }
        let last = self
            .orders_in(&ledger, category_id)
            .last()
            .map(|(_, o)| o.clone());
        let id = new_id();
        let problem = DocProblem {
            category_id: category_id.to_string(),
            order: order_after(last.as_deref()),
            description: description.trim().into(),
            status: Status::NotStarted.code().to_string(),
            ..Default::default()
        };
        let problems = self.map_at(ROOT, "problems")?;
        reconcile_prop(&mut self.doc, problems, id.as_str(), &problem)
            .map_err(|e| DocError::Unreadable(Damage::Internal(e.to_string())))?;
        self.note_problem(&id, "新增问题");
        Ok(id)
    }

    /// Delete a problem: it moves to 回收站 (flagged, never removed), keeping its rule links
    /// for a restore.
    pub fn delete_problem(&mut self, id: &str) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let number = self.read()?.number_of(id);
        let obj = self.problem_obj(id)?;
        self.doc.put(&obj, "deleted", true)?;
        self.note_problem(
            id,
            match number {
                Some(n) => format!("删除问题{n}"),
                None => "删除问题".to_string(),
            },
        );
        Ok(())
    }

    /// Bring a problem back from 回收站, with its category if that was deleted too.
    pub fn restore_problem(&mut self, id: &str) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let obj = self.problem_obj(id)?;
        self.doc.put(&obj, "deleted", false)?;
        let category_id = match self.doc.get(&obj, "category_id")? {
            Some((Value::Scalar(s), _)) => s.as_str().unwrap_or_default().to_string(),
            _ => String::new(),
        };
        if let Ok(category) = self.category_obj(&category_id) {
            let deleted = matches!(self.doc.get(&category, "deleted")?, Some((Value::Scalar(s), _)) if s.as_ref() == &automerge::ScalarValue::Boolean(true));
            if deleted {
                self.doc.put(&category, "deleted", false)?;
            }
        }
        self.note_problem(id, "恢复已删除的问题");
        Ok(())
    }

    /// Move a problem one place up or down within its category.
    pub fn move_problem(&mut self, id: &str, delta: i32) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let ledger = self.read()?;
        let problem = ledger
            .problem(id)
            .ok_or(DocError::NotFound(Thing::Problem))?;
        let keys = self.orders_in(&ledger, &problem.category_id);
        if let Some(order) = moved_order(&keys, id, delta) {
            let obj = self.problem_obj(id)?;
            self.doc.put(&obj, "order", order)?;
            self.note_problem(id, "调整问题顺序");
        }
        Ok(())
    }

    /// Move a problem to the end of another category.
    pub fn move_problem_to(&mut self, id: &str, category_id: &str) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let ledger = self.read()?;
        if ledger.category(category_id).is_none() {
            return Err(DocError::NotFound(Thing::Category));
        }
        let problem = ledger
            .problem(id)
            .ok_or(DocError::NotFound(Thing::Problem))?;
        if problem.category_id == category_id {
            return Ok(());
        }
        let last = self
            .orders_in(&ledger, category_id)
            .last()
            .map(|(_, o)| o.clone());
        let obj = self.problem_obj(id)?;
        self.doc.put(&obj, "category_id", category_id)?;
        self.doc.put(&obj, "order", order_after(last.as_deref()))?;
        self.note_problem(id, "移动问题到其他类别");
        Ok(())
    }

    /// One long text of a problem, read straight from the document (no whole-ledger read).
    pub fn problem_text(&self, id: &str, field: ProblemText) -> Result<String, DocError> {
        let obj = self.problem_obj(id)?;
        Ok(match self.doc.get(&obj, field.key())? {
            Some((Value::Object(ObjType::Text), text)) => self.doc.text(&text)?,
            Some((Value::Scalar(s), _)) => s.as_str().unwrap_or_default().to_string(),
            _ => String::new(),
        })
    }

    pub fn set_problem_text(
        &mut self,
        id: &str,
        field: ProblemText,
        value: &str,
    ) -> Result<(), DocError> {
        self.writable_problem_text(id)?;
        let obj = self.problem_obj(id)?;
        if self.put_text(&obj, field.key(), value)? {
            self.note_problem_text(id, format!("编辑{}", field.label()));
        }
        Ok(())
    }

    /// Set a short field. Dates accept the forms [`parse_date`] reads and are stored as
    /// YYYY-MM-DD; text that is not a date is refused with `Err(NotFound("日期"))`-free message.
    pub fn set_problem_field(
        &mut self,
        id: &str,
        field: ProblemField,
        value: &str,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let value = if field.is_date() {
            normalise_date(value)?
        } else {
            value.trim().to_string()
        };
        let obj = self.problem_obj(id)?;
        if self.put_str(&obj, field.key(), &value)? {
            self.note_problem(id, format!("修改{}", field.label()));
        }
        Ok(())
    }

    /// Set the status. Marking a problem finished without a 完成时间 records `today`.
    pub fn set_status(
        &mut self,
        id: &str,
        status: &Status,
        today: NaiveDate,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let obj = self.problem_obj(id)?;
        if self.put_str(&obj, "status", status.code())? {
            self.note_problem(id, format!("状态改为{}", status.label()));
        }
        if status.is_finished() {
            let has_date = match self.doc.get(&obj, "completed_on")? {
                Some((Value::Scalar(s), _)) => s.as_str().is_some_and(|d| !d.is_empty()),
                _ => false,
            };
            if !has_date {
                self.doc
                    .put(&obj, "completed_on", format_date(Some(today)))?;
            }
        }
        Ok(())
    }

    /// Set the responsible departments. Names are trimmed and deduplicated; the list is
    /// edited element by element so that concurrent additions on two laptops both survive.
    pub fn set_departments(&mut self, id: &str, departments: &[String]) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let mut wanted: Vec<String> = Vec::new();
        for d in departments
            .iter()
            .map(|d| d.trim())
            .filter(|d| !d.is_empty())
        {
            if !wanted.iter().any(|w| w == d) {
                wanted.push(d.to_string());
            }
        }
        check_field(&wanted.concat())?;
        let obj = self.problem_obj(id)?;
        let list = match self.doc.get(&obj, "departments")? {
            Some((Value::Object(ObjType::List), l)) => l,
            _ => self.doc.put_object(&obj, "departments", ObjType::List)?,
        };
        let current: Vec<String> = (0..self.doc.length(&list))
            .map(|i| match self.doc.get(&list, i) {
                Ok(Some((Value::Scalar(s), _))) => s.as_str().unwrap_or_default().to_string(),
                _ => String::new(),
            })
            .collect();
        let mut changed = false;
        let mut kept: Vec<String> = Vec::new();
        for (i, name) in current.iter().enumerate().rev() {
            if !wanted.contains(name) || kept.contains(name) {
                self.doc.delete(&list, i)?;
                changed = true;
            } else {
                kept.push(name.clone());
            }
        }
        for name in &wanted {
            if !kept.contains(name) {
                let len = self.doc.length(&list);
                self.doc.insert(&list, len, name.as_str())?;
                changed = true;
            }
        }
        if changed {
            self.note_problem(id, "修改责任部门");
        }
        Ok(())
    }

    /// Add a 进展记录 entry; returns its id.
    pub fn add_progress_entry(
        &mut self,
        problem_id: &str,
        date: Option<NaiveDate>,
        author: &str,
        text: &str,
    ) -> Result<String, DocError> {
        self.writable_problem(problem_id)?;
        check_field(author)?;
        check_field(text)?;
        let obj = self.problem_obj(problem_id)?;
        let log = self.map_at(obj, "log")?;
        let id = new_id();
        let entry = DocProgressEntry {
            date: format_date(date),
            author: author.trim().to_string(),
            text: text.trim().into(),
        };
        reconcile_prop(&mut self.doc, log, id.as_str(), &entry)
            .map_err(|e| DocError::Unreadable(Damage::Internal(e.to_string())))?;
        self.note_problem(problem_id, "新增进展记录");
        Ok(id)
    }

    pub fn delete_progress_entry(
        &mut self,
        problem_id: &str,
        entry_id: &str,
    ) -> Result<(), DocError> {
        self.writable_problem(problem_id)?;
        let obj = self.problem_obj(problem_id)?;
        let log = self.existing_map(obj, "log", Thing::ProgressEntry)?;
        self.doc.delete(&log, entry_id)?;
        self.note_problem(problem_id, "删除进展记录");
        Ok(())
    }

    /// Add a 建章立制 rule; returns its id.
    pub fn add_rule(&mut self, rule: &NewRule) -> Result<String, DocError> {
        self.writable_small()?;
        check_field(&rule.title)?;
        let rules = self.map_at(ROOT, "rules")?;
        let id = new_id();
        let doc_rule = DocRule {
            title: rule.title.trim().to_string(),
            kind: rule.kind.unwrap_or(RuleKind::New).code().to_string(),
            date: format_date(rule.date),
            problems: rule.problem_ids.iter().map(|p| (p.clone(), true)).collect(),
            candidate: rule.candidate,
        };
        reconcile_prop(&mut self.doc, rules, id.as_str(), &doc_rule)
            .map_err(|e| DocError::Unreadable(Damage::Internal(e.to_string())))?;
        self.note_small(format!("新增建章立制《{}》", rule.title.trim()));
        Ok(id)
    }

    pub fn set_rule_title(&mut self, id: &str, title: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "title", title.trim())? {
            self.note_small("修改建章立制名称");
        }
        Ok(())
    }

    pub fn set_rule_kind(&mut self, id: &str, kind: RuleKind) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "kind", kind.code())? {
            self.note_small("修改建章立制类型");
        }
        Ok(())
    }

    pub fn set_rule_date(&mut self, id: &str, date: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let value = normalise_date(date)?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "date", &value)? {
            self.note_small("修改建章立制日期");
        }
        Ok(())
    }

    /// Confirm a 待确认 rule (it then counts in the bulletin), or set it back to 待确认.
    pub fn set_rule_candidate(&mut self, id: &str, candidate: bool) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(id)?;
        let current = matches!(
            self.doc.get(&obj, "candidate")?,
            Some((automerge::Value::Scalar(s), _)) if matches!(s.as_ref(), automerge::ScalarValue::Boolean(true))
        );
        if current != candidate {
            self.doc.put(&obj, "candidate", candidate)?;
            self.note_small(if candidate {
                "建章立制改为待确认"
            } else {
                "确认建章立制"
            });
        }
        Ok(())
    }

    /// Link or unlink a rule and a problem.
    pub fn link_rule(
        &mut self,
        rule_id: &str,
        problem_id: &str,
        linked: bool,
    ) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(rule_id)?;
        let links = self.map_at(obj, "problems")?;
        let present = self.doc.get(&links, problem_id)?.is_some();
        if linked && !present {
            self.doc.put(&links, problem_id, true)?;
            self.note_small("关联建章立制");
        } else if !linked && present {
            self.doc.delete(&links, problem_id)?;
            self.note_small("取消关联建章立制");
        }
        Ok(())
    }

    pub fn delete_rule(&mut self, id: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let rules = self.existing_map(ROOT, "rules", Thing::Rule)?;
        self.doc.delete(&rules, id)?;
        self.note_small("删除建章立制");
        Ok(())
    }

    /// Set a meta or narrative field. Dates are normalised; `WarnDays` takes a whole number
    /// of days (0–365); `CountingBasis` takes `category` or `problem`.
    pub fn set_meta(&mut self, field: MetaField, value: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let (map, key, is_text) = field.place();
        let obj = self.map_at(ROOT, map)?;
        let changed = if field == MetaField::WarnDays {
            let days: i64 = value
                .trim()
                .parse()
                .ok()
                .filter(|d| (0..=365).contains(d))
                .ok_or(DocError::BadWarnDays)?;
            let current = match self.doc.get(&obj, key)? {
                Some((Value::Scalar(s), _)) => s.as_i64(),
                _ => None,
            };
            if current != Some(days) {
                self.doc.put(&obj, key, days)?;
            }
            current != Some(days)
        } else if field == MetaField::CountingBasis {
            let code = CountingBasis::from_code(value.trim()).code();
            self.put_str(&obj, key, code)?
        } else if field.is_date() {
            let value = normalise_date(value)?;
            self.put_str(&obj, key, &value)?
        } else if is_text {
            self.put_text(&obj, key, value)?
        } else {
            self.put_str(&obj, key, value.trim())?
        };
        if changed {
            self.note_small("修改台账信息");
        }
        Ok(())
    }

    /// Fill a fresh ledger from a plain ledger in one go
    /// (used for the example ledger and imports). Ids and order keys are made here.
    pub fn fill_from(&mut self, ledger: &Ledger) -> Result<(), DocError> {
        self.writable()?;
        check_sizes(ledger)?;
        let m = &ledger.meta;
        let s = &ledger.sections;
        let d = |x: Option<NaiveDate>| format_date(x);
        let fields: [(MetaField, String); 22] = [
            (MetaField::Name, m.name.clone()),
            (MetaField::Unit, m.unit.clone()),
            (MetaField::UnitShort, m.unit_short.clone()),
            (MetaField::Header, m.header.clone()),
            (MetaField::Title, m.title.clone()),
            (MetaField::InspectionGroup, m.inspection_group.clone()),
            (MetaField::InspectionKind, m.inspection_kind.clone()),
            (MetaField::InspectionFrom, d(m.inspection_from)),
            (MetaField::InspectionTo, d(m.inspection_to)),
            (MetaField::FeedbackDate, m.feedback_date.clone()),
            (MetaField::AsOf, d(m.as_of)),
            (MetaField::IssueDate, d(m.issue_date)),
            (MetaField::Signature, m.signature.clone()),
            (MetaField::Contact, m.contact.clone()),
            (
                MetaField::CountingBasis,
                m.counting_basis.code().to_string(),
            ),
            (MetaField::Opening, s.opening.clone()),
            (MetaField::DeploymentHeading, s.deployment_heading.clone()),
            (MetaField::Deployment, s.deployment.clone()),
            (
                MetaField::ImplementationHeading,
                s.implementation_heading.clone(),
            ),
            (
                MetaField::ImplementationIntro,
                s.implementation_intro.clone(),
            ),
            (MetaField::NextStepsHeading, s.next_steps_heading.clone()),
            (MetaField::NextSteps, s.next_steps.clone()),
        ];
        for (field, value) in fields {
            self.set_meta(field, &value)?;
        }
        self.set_meta(MetaField::WarnDays, &m.warn_days.to_string())?;
        self.add_contents(ledger, false)?;
        Ok(())
    }

    /// Add the categories, problems and rules of a plain ledger (ids are made here) through
    /// the normal operations, so the additions merge like any edit. With `reuse_categories`,
    /// a category whose title this ledger already has receives the problems instead of a new
    /// category of the same name, and a rule of the same title is linked instead of repeated
    /// (从 Excel 导入 → 添加到当前台账).
    pub fn add_contents(
        &mut self,
        ledger: &Ledger,
        reuse_categories: bool,
    ) -> Result<AddedContents, DocError> {
        self.writable()?;
        let d = |x: Option<NaiveDate>| format_date(x);
        let existing = if reuse_categories {
            self.read()?
        } else {
            Ledger::default()
        };
        let mut added = AddedContents::default();
        let mut ids = BTreeMap::new();
        for c in &ledger.categories {
            let known = existing
                .categories
                .iter()
                .find(|e| e.title.trim() == c.title.trim())
                .map(|e| e.id.clone());
            let cid = match known {
                Some(id) => id,
                None => {
                    added.categories += 1;
                    self.add_category(&c.title)?
                }
            };
            for p in ledger.problems_in(&c.id) {
                let pid = self.add_problem(&cid, &p.description)?;
                added.problems += 1;
                ids.insert(p.id.clone(), pid.clone());
                for (field, value) in [
                    (ProblemText::Cause, &p.cause),
                    (ProblemText::Measures, &p.measures),
                    (ProblemText::Progress, &p.progress),
                    (ProblemText::Evidence, &p.evidence),
                ] {
                    self.set_problem_text(&pid, field, value)?;
                }
                self.set_problem_field(&pid, ProblemField::Lead, &p.lead)?;
                self.set_problem_field(&pid, ProblemField::Owner, &p.owner)?;
                self.set_problem_field(&pid, ProblemField::Deadline, &d(p.deadline))?;
                self.set_problem_field(&pid, ProblemField::CompletedOn, &d(p.completed_on))?;
                self.set_departments(&pid, &p.departments)?;
                let obj = self.problem_obj(&pid)?;
                self.doc.put(&obj, "status", p.status.code())?;
                for e in &p.progress_log {
                    self.add_progress_entry(&pid, e.date, &e.author, &e.text)?;
                }
            }
        }
        for r in &ledger.rules {
            let problem_ids: Vec<String> = r
                .problem_ids
                .iter()
                .filter_map(|p| ids.get(p).cloned())
                .collect();
            let known = existing
                .rules
                .iter()
                .find(|e| e.title.trim() == r.title.trim())
                .map(|e| e.id.clone());
            match known {
                Some(rule_id) => {
                    for pid in &problem_ids {
                        self.link_rule(&rule_id, pid, true)?;
                    }
                }
                None => {
                    added.rules += 1;
                    self.add_rule(&NewRule {
                        title: r.title.clone(),
                        kind: Some(r.kind),
                        date: r.date,
                        problem_ids,
                        candidate: r.candidate,
                    })?;
                }
            }
        }
        Ok(added)
    }
}

/// What [`LedgerDoc::add_contents`] added: new categories, problems and rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddedContents {
    pub categories: usize,
    pub problems: usize,
    pub rules: usize,
}

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

fn parse_opt_date(s: &str) -> Option<NaiveDate> {
    parse_date(s)
}

fn to_ledger(root: &DocRoot) -> Ledger {
    /// (deleted, problem)
    type Flagged = Vec<(bool, Problem)>;
    let (trash, live): (Flagged, Flagged) = root
        .problems
        .iter()
        .map(|(id, p)| {
            let deleted = p.deleted;
            let mut departments: Vec<String> = Vec::new();
            for d in &p.departments {
                if !d.is_empty() && !departments.contains(d) {
                    departments.push(d.clone());
                }
            }
            let problem = Problem {
                id: id.clone(),
                category_id: p.category_id.clone(),
                order: p.order.clone(),
                description: p.description.as_str().to_string(),
                cause: p.cause.as_str().to_string(),
                measures: p.measures.as_str().to_string(),
                progress: p.progress.as_str().to_string(),
                lead: p.lead.clone(),
                departments,
                owner: p.owner.clone(),
                deadline: parse_opt_date(&p.deadline),
                completed_on: parse_opt_date(&p.completed_on),
                status: Status::from_code(&p.status),
                evidence: p.evidence.as_str().to_string(),
                progress_log: p
                    .log
                    .iter()
                    .map(|(id, e)| ProgressEntry {
                        id: id.clone(),
                        date: parse_opt_date(&e.date),
                        author: e.author.clone(),
                        text: e.text.as_str().to_string(),
                    })
                    .collect(),
            };
            (deleted, problem)
        })
        .partition(|(deleted, _)| *deleted);
    let m = &root.meta;
    let s = &root.sections;
    let mut ledger = Ledger {
        id: root.ledger_id.clone(),
        schema: root.schema,
        meta: Meta {
            name: m.name.clone(),
            unit: m.unit.clone(),
            unit_short: m.unit_short.clone(),
            header: m.header.clone(),
            title: m.title.clone(),
            inspection_group: m.inspection_group.clone(),
            inspection_kind: m.inspection_kind.clone(),
            inspection_from: parse_opt_date(&m.inspection_from),
            inspection_to: parse_opt_date(&m.inspection_to),
            feedback_date: m.feedback_date.clone(),
            as_of: parse_opt_date(&m.as_of),
            issue_date: parse_opt_date(&m.issue_date),
            signature: m.signature.clone(),
            contact: m.contact.as_str().to_string(),
            counting_basis: CountingBasis::from_code(&m.counting_basis),
            warn_days: m.warn_days.unwrap_or(DEFAULT_WARN_DAYS),
        },
        sections: Sections {
            opening: s.opening.as_str().to_string(),
            deployment_heading: s.deployment_heading.clone(),
            deployment: s.deployment.as_str().to_string(),
            implementation_heading: s.implementation_heading.clone(),
            implementation_intro: s.implementation_intro.as_str().to_string(),
            next_steps_heading: s.next_steps_heading.clone(),
            next_steps: s.next_steps.as_str().to_string(),
        },
        categories: root
            .categories
            .iter()
            .filter(|(_, c)| !c.deleted)
            .map(|(id, c)| Category {
                id: id.clone(),
                title: c.title.clone(),
                order: c.order.clone(),
            })
            .collect(),
        problems: live.into_iter().map(|(_, p)| p).collect(),
        rules: root
            .rules
            .iter()
            .map(|(id, r)| {
                let mut problem_ids: Vec<String> = r.problems.keys().cloned().collect();
                problem_ids.sort();
                Rule {
                    id: id.clone(),
                    title: r.title.clone(),
                    kind: RuleKind::from_code(&r.kind),
                    date: parse_opt_date(&r.date),
                    problem_ids,
                    candidate: r.candidate,
                }
            })
            .collect(),
        people: root
            .people
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        trash: trash.into_iter().map(|(_, p)| p).collect(),
    };
    ledger.sort();
    ledger
        .trash
        .sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
    // 进展记录 come out of a hash map: sort a deleted problem's as `Ledger::sort` does a live
    // one's, or two reads of the same document list them in different orders
    for p in &mut ledger.trash {
        p.progress_log
            .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    }
    // keep rule links in ledger order
    let order: std::collections::HashMap<String, usize> = ledger
        .problems
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for r in &mut ledger.rules {
        // links to deleted problems stay in the document (for a restore) but are not shown
        r.problem_ids.retain(|p| order.contains_key(p));
        r.problem_ids
            .sort_by_key(|p| order.get(p).copied().unwrap_or(usize::MAX));
    }
    ledger
}
