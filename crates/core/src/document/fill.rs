//! Filling a document from a plain [`Ledger`] (the example ledger, imports) and adding a
//! ledger's contents to it (从 Excel 导入 → 添加到当前台账), as one batch: the document is read
//! once, every value checked before anything is written, then each category, problem and rule
//! is written whole, as one batch of Automerge operations (`batch_create_object`). One
//! operation per field, each reading the ledger to find its place, took 21 s natively for
//! 2,000 rows (BENCHMARKS.md, "Bulk"); the document written is the same shape
//! (`schema.rs`), and reads the same (`crates/core/tests/fill.rs`).

use std::collections::{BTreeMap, HashMap};

use automerge::hydrate::Value as New;
use automerge::transaction::Transactable;
use automerge::{ObjId, ReadDoc, TextEncoding, ROOT};

use super::change_note::ChangeNote;
use super::{
    check_field, check_problem_count, check_sizes, new_id, order_after, DocError, LedgerDoc,
    MetaField,
};
use crate::ledger::{format_date, Ledger, Problem};

impl LedgerDoc {
    /// A new ledger holding `ledger` (its ids and order keys are made here), in one change
    /// that says 新建台账 and what it holds: imports and the example ledger.
    pub fn create_filled(
        ledger: &Ledger,
        author: Option<&str>,
        now: i64,
    ) -> Result<LedgerDoc, DocError> {
        let mut doc = Self::create_open(&ledger.meta.name, author);
        doc.fill_from(ledger)?;
        doc.commit(now);
        Ok(doc)
    }

    /// Fill a fresh ledger from a plain ledger in one go
    /// (used for the example ledger and imports). Ids and order keys are made here.
    pub fn fill_from(&mut self, ledger: &Ledger) -> Result<(), DocError> {
        self.fill_meta(ledger)?;
        self.add_contents(ledger, false)?;
        Ok(())
    }

    /// The first part of [`Self::fill_from`]: the size checks and the ledger's information.
    pub(super) fn fill_meta(&mut self, ledger: &Ledger) -> Result<(), DocError> {
        self.writable()?;
        check_sizes(ledger)?;
        let fresh = self.pending == [ChangeNote::CreateLedger];
        for field in MetaField::ALL {
            self.set_meta(field, &field.value_in(ledger))?;
        }
        if fresh {
            // the ledger's information is part of making it: 新建台账 says it
            self.pending.retain(|n| *n != ChangeNote::EditMeta);
        }
        Ok(())
    }

    /// A new ledger (its own id) holding what `ledger` shows, named `name`: the way out when a
    /// stored copy cannot be loaded but its last read (the view on screen) can be seen
    /// (导出抢救副本). The history, conflicts and 回收站 of the lost document are not in it.
    pub fn rescued_copy(
        ledger: &Ledger,
        name: &str,
        author: Option<&str>,
        now: i64,
    ) -> Result<LedgerDoc, DocError> {
        let mut doc = LedgerDoc::create(name, author, now);
        doc.fill_from(ledger)?;
        doc.set_meta(MetaField::Name, name)?;
        doc.commit(now);
        Ok(doc)
    }

    /// Add the categories, problems and rules of a plain ledger (ids are made here), so the
    /// additions merge like any edit. With `reuse_categories`, a category whose title this
    /// ledger already has receives the problems instead of a new category of the same name,
    /// and a rule of the same title is linked instead of repeated (从 Excel 导入 → 添加到当前台账).
    /// All or nothing: a value over a size limit refuses the whole addition before anything is
    /// written. The change's note counts what was added ([`ChangeNote::AddContents`]).
    pub fn add_contents(
        &mut self,
        ledger: &Ledger,
        reuse_categories: bool,
    ) -> Result<AddedContents, DocError> {
        let mut adding = Adding::start(self, ledger, reuse_categories)?;
        adding.problems(self, ledger, usize::MAX)?;
        adding.finish(self, ledger)
    }

    /// Write `value` whole under a fresh id in `map`, in one batch; returns the id.
    fn put_new(&mut self, map: &ObjId, value: New) -> Result<String, DocError> {
        let id = new_id();
        self.doc
            .batch_create_object(map, id.as_str(), &value, false)?;
        Ok(id)
    }
}

/// [`LedgerDoc::add_contents`] in three parts, so that its problems can be written a few at a
/// time ([`super::Filling`]): the checks and the categories, the problems, then the rules and
/// the note. What it writes is the same however the problems are cut.
pub(super) struct Adding {
    existing: Ledger,
    reuse_categories: bool,
    /// the problems to write, in order: their index in the ledger given, and their category
    queue: Vec<(usize, String)>,
    written: usize,
    /// the last order key in each category
    last_in: HashMap<String, String>,
    /// the ledger's problem ids → the document's
    ids: BTreeMap<String, String>,
    added: AddedContents,
}

impl Adding {
    /// Check everything, then write the categories.
    pub(super) fn start(
        doc: &mut LedgerDoc,
        ledger: &Ledger,
        reuse_categories: bool,
    ) -> Result<Adding, DocError> {
        doc.writable()?;
        let existing = doc.read()?;
        check_addition(&existing, ledger)?;
        let mut added = AddedContents::default();
        let mut last_in: HashMap<String, String> = HashMap::new();
        for p in &existing.problems {
            last_in.insert(p.category_id.clone(), p.order.clone());
        }
        let mut last_category = existing.categories.last().map(|c| c.order.clone());
        let categories = doc.map_at(ROOT, "categories")?;
        let mut queue = Vec::new();
        for c in &ledger.categories {
            let known = existing
                .categories
                .iter()
                .find(|e| reuse_categories && e.title.trim() == c.title.trim())
                .map(|e| e.id.clone());
            let cid = match known {
                Some(id) => id,
                None => {
                    let order = order_after(last_category.as_deref());
                    let category = map([
                        ("title", New::scalar(c.title.trim())),
                        ("order", New::scalar(order.as_str())),
                        ("deleted", New::scalar(false)),
                    ]);
                    last_category = Some(order);
                    added.categories += 1;
                    doc.put_new(&categories, category)?
                }
            };
            for (i, p) in ledger.problems.iter().enumerate() {
                if p.category_id == c.id {
                    queue.push((i, cid.clone()));
                }
            }
        }
        Ok(Adding {
            existing,
            reuse_categories,
            queue,
            written: 0,
            last_in,
            ids: BTreeMap::new(),
            added,
        })
    }

    /// Write up to `count` more problems; returns how many are written so far, of how many.
    pub(super) fn problems(
        &mut self,
        doc: &mut LedgerDoc,
        ledger: &Ledger,
        count: usize,
    ) -> Result<(usize, usize), DocError> {
        let problems = doc.map_at(ROOT, "problems")?;
        let end = self.queue.len().min(self.written.saturating_add(count));
        for (i, cid) in &self.queue[self.written..end] {
            let p = &ledger.problems[*i];
            let order = order_after(self.last_in.get(cid).map(String::as_str));
            let problem = problem_value(p, cid, &order, doc.doc.text_encoding());
            self.last_in.insert(cid.clone(), order);
            let pid = doc.put_new(&problems, problem)?;
            self.added.problems += 1;
            self.ids.insert(p.id.clone(), pid);
        }
        self.written = end;
        Ok((self.written, self.queue.len()))
    }

    /// Write the rules (linking the problems written) and note what was added.
    pub(super) fn finish(
        self,
        doc: &mut LedgerDoc,
        ledger: &Ledger,
    ) -> Result<AddedContents, DocError> {
        let mut added = self.added;
        let rules = doc.map_at(ROOT, "rules")?;
        for r in &ledger.rules {
            let problem_ids = r.problem_ids.iter().filter_map(|p| self.ids.get(p));
            let known = self
                .existing
                .rules
                .iter()
                .find(|e| self.reuse_categories && e.title.trim() == r.title.trim())
                .map(|e| e.id.clone());
            match known {
                Some(rule_id) => {
                    let obj = doc.rule_obj(&rule_id)?;
                    let links = doc.map_at(obj, "problems")?;
                    for pid in problem_ids {
                        doc.doc.put(&links, pid.as_str(), true)?;
                    }
                }
                None => {
                    let links = problem_ids.map(|p| (p.as_str(), New::scalar(true)));
                    let rule = map([
                        ("title", New::scalar(r.title.trim())),
                        ("kind", New::scalar(r.kind.code())),
                        ("date", New::scalar(format_date(r.date))),
                        ("problems", map(links)),
                        ("candidate", New::scalar(r.candidate)),
                    ]);
                    doc.put_new(&rules, rule)?;
                    added.rules += 1;
                }
            }
        }
        if added != AddedContents::default() {
            doc.note(ChangeNote::AddContents(added));
        }
        Ok(added)
    }
}

/// A map of values to write.
fn map<'a>(entries: impl IntoIterator<Item = (&'a str, New)>) -> New {
    New::from(entries.into_iter().collect::<HashMap<&str, New>>())
}

/// Refuse an addition that would break a size limit, before anything is written.
fn check_addition(existing: &Ledger, ledger: &Ledger) -> Result<(), DocError> {
    check_problem_count(existing.problems.len() + existing.trash.len() + ledger.problems.len())?;
    for c in &ledger.categories {
        check_field(&c.title)?;
    }
    for p in &ledger.problems {
        for text in [
            &p.description,
            &p.cause,
            &p.measures,
            &p.progress,
            &p.evidence,
        ] {
            check_field(text)?;
        }
        for text in [&p.lead, &p.owner] {
            check_field(text)?;
        }
        check_field(&p.departments.concat())?;
        for e in &p.progress_log {
            check_field(&e.author)?;
            check_field(&e.text)?;
        }
    }
    for r in &ledger.rules {
        check_field(&r.title)?;
    }
    Ok(())
}

/// A problem as the single operations would have written it (`schema::DocProblem`): short
/// fields and progress entries trimmed, departments trimmed and without repeats.
fn problem_value(p: &Problem, category_id: &str, order: &str, encoding: TextEncoding) -> New {
    let text = |s: &str| New::text(encoding, s);
    let mut departments: Vec<&str> = Vec::new();
    for d in p
        .departments
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
    {
        if !departments.contains(&d) {
            departments.push(d);
        }
    }
    let ids: Vec<String> = p.progress_log.iter().map(|_| new_id()).collect();
    let log = p.progress_log.iter().zip(&ids).map(|(e, id)| {
        let entry = map([
            ("date", New::scalar(format_date(e.date))),
            ("author", New::scalar(e.author.trim())),
            ("text", text(e.text.trim())),
        ]);
        (id.as_str(), entry)
    });
    map([
        ("category_id", New::scalar(category_id)),
        ("deleted", New::scalar(false)),
        ("order", New::scalar(order)),
        ("description", text(p.description.trim())),
        ("cause", text(&p.cause)),
        ("measures", text(&p.measures)),
        ("progress", text(&p.progress)),
        ("lead", New::scalar(p.lead.trim())),
        (
            "departments",
            New::from(departments.into_iter().map(New::scalar).collect::<Vec<_>>()),
        ),
        ("owner", New::scalar(p.owner.trim())),
        ("deadline", New::scalar(format_date(p.deadline))),
        ("completed_on", New::scalar(format_date(p.completed_on))),
        ("status", New::scalar(p.status.code())),
        ("evidence", text(&p.evidence)),
        ("log", map(log)),
    ]
    .into_iter()
    // written only when set: a ledger without it reads as not flagged
    .chain(
        p.basically_done()
            .then(|| ("basically_done", New::scalar(true))),
    ))
}

/// What [`LedgerDoc::add_contents`] added: new categories, problems and rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AddedContents {
    pub categories: usize,
    pub problems: usize,
    pub rules: usize,
}
