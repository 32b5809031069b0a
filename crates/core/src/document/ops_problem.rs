//! Operations on problems: add, delete to 回收站 and restore, move, and set their long texts
//! (问题表现, 原因分析, …), short fields (责任人, 整改时限, …), status and departments.

use automerge::transaction::Transactable;
use automerge::{ObjType, ReadDoc, Value, ROOT};
use autosurgeon::reconcile_prop;
use chrono::NaiveDate;

use super::change_note::ChangeNote;
use super::schema::DocProblem;
use super::{
    check_field, moved_order, new_id, normalise_date, order_after, DocError, LedgerDoc,
    MAX_PROBLEMS,
};
use super::{Damage, LimitError, Thing};
use crate::ledger::{format_date, Ledger, Problem, Status};

/// Long free-text fields of a problem (Automerge text: concurrent edits merge by character).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ProblemText {
    Description,
    Cause,
    Measures,
    Progress,
    Evidence,
}

impl ProblemText {
    pub const ALL: [ProblemText; 5] = [
        ProblemText::Description,
        ProblemText::Cause,
        ProblemText::Measures,
        ProblemText::Progress,
        ProblemText::Evidence,
    ];

    pub(super) fn key(self) -> &'static str {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemField {
    Lead,
    Owner,
    Deadline,
    CompletedOn,
}

impl ProblemField {
    pub const ALL: [ProblemField; 4] = [
        ProblemField::Lead,
        ProblemField::Owner,
        ProblemField::Deadline,
        ProblemField::CompletedOn,
    ];

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

impl LedgerDoc {
    fn orders_in(&self, ledger: &Ledger, category_id: &str) -> Vec<(String, String)> {
        ledger
            .problems_in(category_id)
            .map(|p| (p.id.clone(), p.order.clone()))
            .collect()
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
        self.note_problem(&id, ChangeNote::AddProblem);
        Ok(id)
    }

    /// Delete a problem: it moves to 回收站 (flagged, never removed), keeping its rule links
    /// for a restore.
    pub fn delete_problem(&mut self, id: &str) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let number = self.read()?.number_of(id);
        let obj = self.problem_obj(id)?;
        self.doc.put(&obj, "deleted", true)?;
        self.note_problem(id, ChangeNote::DeleteProblem(number));
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
        self.note_problem(id, ChangeNote::RestoreProblem);
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
            self.note_problem(id, ChangeNote::ReorderProblem);
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
        self.note_problem(id, ChangeNote::MoveProblem);
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
            self.note_problem_text(id, ChangeNote::EditText(field));
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
            self.note_problem(id, ChangeNote::SetField(field));
        }
        Ok(())
    }

    /// Set the status. Marking a problem finished without a 完成时间 records `today`; setting
    /// it back to 未启动 or 整改中 clears its 完成时间.
    pub fn set_status(
        &mut self,
        id: &str,
        status: &Status,
        today: NaiveDate,
    ) -> Result<(), DocError> {
        self.writable_problem(id)?;
        let obj = self.problem_obj(id)?;
        let changed = self.put_str(&obj, "status", status.code())?;
        if changed {
            self.note_problem(id, ChangeNote::SetStatus(status.clone()));
        }
        // 基本完成 is a flag on 整改中: another status ends it
        if *status != Status::InProgress && self.put_bool(&obj, "basically_done", false)? {
            self.note_problem(id, ChangeNote::SetBasicallyDone(false));
        }
        let has_date = match self.doc.get(&obj, "completed_on")? {
            Some((Value::Scalar(s), _)) => s.as_str().is_some_and(|d| !d.is_empty()),
            _ => false,
        };
        match status {
            // finished: dated today unless a date is there already
            s if s.is_finished() && !has_date => {
                self.doc
                    .put(&obj, "completed_on", format_date(Some(today)))?;
            }
            // back to unfinished: a 完成时间 would say it was finished, on paper and in Excel
            Status::NotStarted | Status::InProgress if has_date => {
                self.doc.put(&obj, "completed_on", "")?;
            }
            _ => return Ok(()),
        }
        if !changed {
            self.note_problem(id, ChangeNote::SetField(ProblemField::CompletedOn));
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
            self.note_problem(id, ChangeNote::SetDepartments);
        }
        Ok(())
    }
}
