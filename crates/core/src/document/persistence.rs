//! Creating, loading, saving and committing a ledger document, and who it is: its ledger id,
//! schema, display name, this session's author and actor, and the names recorded for actors.

use std::cell::RefCell;
use std::collections::HashSet;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::reconcile;

use super::change_note::{ChangeNote, ChangeNotes};
use super::schema::{self, migrate, DocRoot, Migration, SCHEMA_VERSION};
use super::Damage;
use super::{new_id, DocError, LedgerDoc};
use crate::ledger::{CountingBasis, Ledger, DEFAULT_WARN_DAYS};

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

impl LedgerDoc {
    /// A new, empty ledger with a fresh ledger id. `name` is the ledger's display name.
    pub fn create(name: &str, author: Option<&str>, now: i64) -> LedgerDoc {
        let mut ledger = Self::create_open(name, author);
        ledger.commit(now);
        ledger
    }

    /// [`Self::create`] with the creation left in the open change, so that what fills the
    /// ledger next goes into the same change ([`Self::create_filled`]).
    pub(super) fn create_open(name: &str, author: Option<&str>) -> LedgerDoc {
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
        LedgerDoc {
            doc,
            read_only: false,
            author: author.map(str::to_string).filter(|a| !a.trim().is_empty()),
            pending: vec![ChangeNote::CreateLedger],
            own_actors: vec![],
            cache: RefCell::default(),
        }
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
    /// of a load: vendor/automerge/patches/04-load-with-known-changes.patch), and checks the
    /// heads they imply against the document's. When they do not fit these bytes, or the
    /// load with them panics, a plain load.
    pub fn load_unread_known(
        bytes: &[u8],
        known: Option<&KnownChanges>,
    ) -> Result<LedgerDoc, DocError> {
        // Automerge 0.12 can panic on a crafted document whose checksum is valid (found by
        // fuzzing: fuzz/regressions/ledger_document/). Caught where unwinding exists (native);
        // in the browser (panic = abort) a picked file is loaded in the Web Worker first
        // (jobs::Job::CheckLedgerFile), so such a file stops the worker, not the page.
        // Known changes that do not fit (refused, or a panic) leave the plain load to decide.
        let fast = known.and_then(|known| {
            std::panic::catch_unwind(|| AutoCommit::load_with_known_changes(bytes, &known.0))
                .ok()?
                .ok()
        });
        let loaded = match fast {
            Some(doc) => Ok(Ok(doc)),
            None => std::panic::catch_unwind(|| AutoCommit::load(bytes)),
        };
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
            own_actors: vec![],
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
            .map(|a| crate::ledger::without_bidi_controls(a).trim().to_string())
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

    /// Record `name` as this session's actor's person, and as the person of the actors this
    /// copy committed with earlier while no name was given (their changes were this person's).
    fn sign(&mut self, actor: &str, name: &str) {
        let unsigned: Vec<String> = self
            .own_actors
            .iter()
            .filter(|a| *a == actor || self.person(a).is_none())
            .filter(|a| self.person(a).as_deref() != Some(name))
            .cloned()
            .collect();
        if unsigned.is_empty() {
            return;
        }
        if let Ok(people) = self.map_at(ROOT, "people") {
            for a in unsigned {
                let _ = self.doc.put(&people, a, name);
            }
        }
        self.cache.borrow_mut().small_parts_read = false;
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
        let actor = self.actor_hex();
        if !self.own_actors.contains(&actor) {
            self.own_actors.push(actor.clone());
        }
        if let Some(name) = self.author.clone() {
            self.sign(&actor, &name);
        }
        let mut seen = HashSet::new();
        let notes: Vec<ChangeNote> = std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|p| seen.insert(p.clone()))
            .collect();
        let message = ChangeNotes::stored(&notes);
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

    /// The same document under a fresh actor, with nothing pending: what opening the same
    /// bytes again would give, without loading them again.
    pub fn copy(&self) -> LedgerDoc {
        LedgerDoc {
            doc: self.doc.clone().with_actor(ActorId::random()),
            read_only: self.read_only,
            author: None,
            pending: vec![],
            own_actors: vec![],
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
            own_actors: vec![],
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
}
