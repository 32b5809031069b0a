//! Filling a document from a plain [`Ledger`] (the example ledger, imports) and adding a
//! ledger's contents to it (从 Excel 导入 → 添加到当前台账), through the normal operations.

use std::collections::BTreeMap;

use automerge::transaction::Transactable;
use chrono::NaiveDate;

use super::{check_sizes, DocError, LedgerDoc, MetaField, NewRule, ProblemField, ProblemText};
use crate::ledger::{format_date, Ledger};

impl LedgerDoc {
    /// Fill a fresh ledger from a plain ledger in one go
    /// (used for the example ledger and imports). Ids and order keys are made here.
    pub fn fill_from(&mut self, ledger: &Ledger) -> Result<(), DocError> {
        self.writable()?;
        check_sizes(ledger)?;
        for field in MetaField::ALL {
            self.set_meta(field, &field.value_in(ledger))?;
        }
        self.add_contents(ledger, false)?;
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
