//! Operations on a problem's 进展记录 (progress entries): add and delete.

use automerge::transaction::Transactable;
use autosurgeon::reconcile_prop;
use chrono::NaiveDate;

use super::change_note::ChangeNote;
use super::schema::DocProgressEntry;
use super::{check_field, new_id, DocError, LedgerDoc};
use super::{Damage, Thing};
use crate::ledger::format_date;

impl LedgerDoc {
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
        self.note_problem(problem_id, ChangeNote::AddProgress);
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
        self.note_problem(problem_id, ChangeNote::DeleteProgress);
        Ok(())
    }
}
