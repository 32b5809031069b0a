//! Reading a ledger document out as a plain [`Ledger`], and the read cache that lets a read
//! after an edit re-read only what the edit touched.

use std::collections::BTreeSet;

use automerge::{AutoCommit, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::{hydrate, hydrate_prop, Text};
use chrono::NaiveDate;

use super::schema::{DocProblem, DocProgressEntry, DocRoot};
use super::Conflict;
use super::{not_a_ledger, DocError, LedgerDoc};
use crate::ledger::{
    parse_date, Category, CountingBasis, Ledger, Meta, Problem, ProgressEntry, Review, Rule,
    RuleKind, Sections, StatedFigures, Status, TopLevel, Verdict, DEFAULT_WARN_DAYS,
};

/// [`LedgerDoc::read`] hydrates the whole document once; after that an edit to one problem
/// re-reads only that problem (and the small parts: meta, sections, categories, rules,
/// people, unless only problems' texts were typed into), so the cost of a read after typing
/// does not grow with the ledger. Every operation goes through `writable()`, which marks
/// everything stale unless the operation names what it touches (`writable_problem`,
/// `writable_small`, `writable_problem_text`); a merge, a load or a restore marks everything
/// stale.
#[derive(Clone, Default)]
pub(super) struct ReadCache {
    pub(super) root: Option<DocRoot>,
    /// problems touched since `root` was read (None: everything is stale)
    pub(super) stale_problems: Option<BTreeSet<String>>,
    /// the conflicts the last scan found ([`LedgerDoc::conflicts`]; None: scan again). A local
    /// edit can settle a conflict but never make one (only merges do), so after a local edit
    /// only these are re-checked (`conflicts_recheck`) instead of scanning every field.
    pub(super) conflicts: Option<Vec<Conflict>>,
    pub(super) conflicts_recheck: bool,
    /// the small parts in `root` are as the document has them: since they were read, only
    /// problems' texts were typed into (a read after a keystroke, or after a pause with
    /// nothing new, does not read them again: about 2–10 ms in the browser on the example
    /// ledger, with its rules)
    pub(super) small_parts_read: bool,
}

impl LedgerDoc {
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
    pub(super) fn read_small_parts(&self, root: &mut DocRoot) -> Result<(), DocError> {
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
            let review = p.review.as_ref();
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
                basically_done: p.basically_done,
                review: review.map(|r| r.verdict.code()).unwrap_or("").to_string(),
                review_by: review.map(|r| r.by.clone()).unwrap_or_default(),
                review_date: review.map(|r| date(&r.date)).unwrap_or_default(),
                review_note: review.map(|r| r.note.clone()).unwrap_or_default(),
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
    pub(super) fn all_stale(&self) {
        let mut cache = self.cache.borrow_mut();
        cache.stale_problems = None;
        cache.conflicts = None;
        cache.small_parts_read = false;
    }

    /// A problem's fields changed, and perhaps the small parts (restoring a problem restores
    /// its category too).
    pub(super) fn problem_stale(&self, id: &str) {
        self.small_parts_stale();
        self.problem_text_stale(id);
    }

    /// The small parts changed (and with them, perhaps, what conflicts).
    pub(super) fn small_parts_stale(&self) {
        let mut cache = self.cache.borrow_mut();
        cache.conflicts_recheck = true;
        cache.small_parts_read = false;
    }

    /// A problem's text changed (description, cause, measures, …): texts merge character by
    /// character and are never conflicts, so the known conflicts stand as they are.
    pub(super) fn problem_text_stale(&self, id: &str) {
        if let Some(stale) = self.cache.borrow_mut().stale_problems.as_mut() {
            stale.insert(id.to_string());
        }
    }
}

fn parse_opt_date(s: &str) -> Option<NaiveDate> {
    parse_date(s)
}

pub(super) fn to_ledger(root: &DocRoot) -> Ledger {
    /// (deleted, problem)
    type Flagged = Vec<(bool, Problem)>;
    let (trash, live): (Flagged, Flagged) = root
        .problems
        .iter()
        .map(|(id, p)| (p.deleted, to_problem(id, p)))
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
            stated_figures: StatedFigures::from_code(&m.stated_figures),
        },
        sections: Sections {
            opening: s.opening.as_str().to_string(),
            deployment_heading: s.deployment_heading.clone(),
            deployment: s.deployment.as_str().to_string(),
            implementation_heading: s.implementation_heading.clone(),
            implementation_intro: s.implementation_intro.as_str().to_string(),
            next_steps_heading: s.next_steps_heading.clone(),
            next_steps: s.next_steps.as_str().to_string(),
            top_level: TopLevel::from_code(&s.top_level),
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
    sort_read(&mut ledger);
    ledger
}

/// One problem of the document as the plain [`Problem`] a read gives (departments without
/// blanks or repeats).
fn to_problem(id: &str, p: &DocProblem) -> Problem {
    let mut departments: Vec<String> = Vec::new();
    for d in &p.departments {
        if !d.is_empty() && !departments.contains(d) {
            departments.push(d.clone());
        }
    }
    Problem {
        id: id.to_string(),
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
        basically_done: p.basically_done,
        review: Verdict::from_code(&p.review).map(|verdict| Review {
            verdict,
            by: p.review_by.clone(),
            date: parse_opt_date(&p.review_date),
            note: p.review_note.clone(),
        }),
    }
}

/// Sort a read ledger: [`Ledger::sort`], then what it leaves (the trash and its 进展记录, the
/// rules' links in ledger order).
fn sort_read(ledger: &mut Ledger) {
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
}
