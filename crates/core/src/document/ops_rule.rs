//! Operations on 建章立制 (rules): add, set their title, kind, date and 待确认, link them to
//! problems, delete.

use automerge::transaction::Transactable;
use automerge::{ReadDoc, ROOT};
use autosurgeon::reconcile_prop;
use chrono::NaiveDate;

use super::change_note::ChangeNote;
use super::schema::DocRule;
use super::{check_field, new_id, normalise_date, DocError, LedgerDoc};
use super::{Damage, Thing};
use crate::ledger::{format_date, RuleKind};

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

impl LedgerDoc {
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
        self.note_small(ChangeNote::AddRule(rule.title.trim().to_string()));
        Ok(id)
    }

    pub fn set_rule_title(&mut self, id: &str, title: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "title", title.trim())? {
            self.note_small(ChangeNote::RenameRule);
        }
        Ok(())
    }

    pub fn set_rule_kind(&mut self, id: &str, kind: RuleKind) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "kind", kind.code())? {
            self.note_small(ChangeNote::SetRuleKind);
        }
        Ok(())
    }

    pub fn set_rule_date(&mut self, id: &str, date: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let value = normalise_date(date)?;
        let obj = self.rule_obj(id)?;
        if self.put_str(&obj, "date", &value)? {
            self.note_small(ChangeNote::SetRuleDate);
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
                ChangeNote::RuleToConfirm
            } else {
                ChangeNote::ConfirmRule
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
            self.note_small(ChangeNote::LinkRule);
        } else if !linked && present {
            self.doc.delete(&links, problem_id)?;
            self.note_small(ChangeNote::UnlinkRule);
        }
        Ok(())
    }

    pub fn delete_rule(&mut self, id: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let rules = self.existing_map(ROOT, "rules", Thing::Rule)?;
        self.doc.delete(&rules, id)?;
        self.note_small(ChangeNote::DeleteRule);
        Ok(())
    }
}
