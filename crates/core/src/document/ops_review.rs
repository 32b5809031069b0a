//! The inspection office's operations on a problem: 同意销号 (reviewer, date, opinion) and
//! 退回 (reason; the status goes back to 整改中), and the 基本完成 flag a unit sets. Ordinary
//! edits signed with the session's author, so they travel in the next exported file, merge,
//! show in history and conflict like any other register.

use automerge::ObjId;
use chrono::NaiveDate;

use super::change_note::ChangeNote;
use super::{DocError, LedgerDoc, Thing};
use crate::ledger::{format_date, Status, Verdict};

impl LedgerDoc {
    /// 同意销号: the office signs off a finished problem (已完成 or 长期坚持).
    pub fn sign_off(
        &mut self,
        id: &str,
        reviewer: &str,
        date: NaiveDate,
        opinion: &str,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let status = self
            .read()?
            .problem(id)
            .map(|p| p.status.clone())
            .ok_or(DocError::NotFound(Thing::Problem))?;
        if !status.is_finished() {
            return Err(DocError::NotFinished);
        }
        let obj = self.problem_obj(id)?;
        self.put_review(&obj, Verdict::SignedOff, reviewer, date, opinion)?;
        self.note_problem(id, ChangeNote::SignOff);
        Ok(())
    }

    /// 退回: the office returns a problem with its reason; its status goes back to 整改中
    /// (and its 完成时间 is cleared, as any move back to unfinished clears it).
    pub fn return_problem(
        &mut self,
        id: &str,
        reviewer: &str,
        date: NaiveDate,
        reason: &str,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        if reason.trim().is_empty() {
            return Err(DocError::NoReason);
        }
        let obj = self.problem_obj(id)?;
        self.put_review(&obj, Verdict::Returned, reviewer, date, reason)?;
        self.note_problem(id, ChangeNote::ReturnProblem);
        self.set_status(id, &Status::InProgress, date)
    }

    /// Mark or unmark 基本完成、持续整改 on a problem; setting it also puts the problem at
    /// 整改中, where the flag counts.
    pub fn set_basically_done(
        &mut self,
        id: &str,
        on: bool,
        today: NaiveDate,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        if on {
            self.set_status(id, &Status::InProgress, today)?;
        }
        let obj = self.problem_obj(id)?;
        if self.put_bool(&obj, "basically_done", on)? {
            self.note_problem(id, ChangeNote::SetBasicallyDone(on));
        }
        Ok(())
    }

    /// Write the four review registers (only those that differ).
    fn put_review(
        &mut self,
        obj: &ObjId,
        verdict: Verdict,
        reviewer: &str,
        date: NaiveDate,
        note: &str,
    ) -> Result<(), DocError> {
        self.put_str(obj, "review", verdict.code())?;
        self.put_str(obj, "review_by", reviewer.trim())?;
        self.put_str(obj, "review_date", &format_date(Some(date)))?;
        self.put_str(obj, "review_note", note.trim())?;
        Ok(())
    }
}
