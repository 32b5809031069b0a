//! What every operation on a ledger document shares: refusing on a read-only document and
//! marking what it touches stale before it runs, recording what it did after, and finding
//! and writing the objects and fields it changes.

use automerge::transaction::Transactable;
use automerge::{ObjId, ObjType, ReadDoc, Value, ROOT};

use super::change_note::ChangeNote;
use super::Thing;
use super::{check_field, DocError, LedgerDoc};

impl LedgerDoc {
    /// Before an operation that may change anything: refuses on a read-only document and
    /// marks every cached read stale.
    pub(super) fn writable(&self) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.all_stale();
        Ok(())
    }

    /// Before an operation that changes one problem only (and, perhaps, the small parts that
    /// every read re-reads): marks just that problem stale.
    pub(super) fn writable_problem(&self, id: &str) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.problem_stale(id);
        Ok(())
    }

    /// Before typing into one of a problem's texts (runs on every keystroke): marks that
    /// problem stale for reads but keeps the known conflicts (texts are never conflicts).
    pub(super) fn writable_problem_text(&self, id: &str) -> Result<(), DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        self.problem_text_stale(id);
        Ok(())
    }

    /// Before an operation that changes only the small parts every read re-reads (meta,
    /// sections, categories' own fields, rules, people).
    pub(super) fn writable_small(&self) -> Result<(), DocError> {
        if self.read_only {
            Err(DocError::ReadOnly)
        } else {
            self.small_parts_stale();
            Ok(())
        }
    }

    /// Record what a problem operation did, after it did it (an operation may read the
    /// ledger half-way, which would otherwise take its problem off the stale list too early).
    pub(super) fn note_problem(&mut self, id: &str, what: ChangeNote) {
        self.problem_stale(id);
        self.pending.push(what);
    }

    /// [`Self::note_problem`] for a problem's text: the known conflicts stand.
    pub(super) fn note_problem_text(&mut self, id: &str, what: ChangeNote) {
        self.problem_text_stale(id);
        self.pending.push(what);
    }

    /// Record what an operation did, after it did it. The conservative default: everything
    /// read so far may have changed (an operation may read the ledger half-way, so marking
    /// before it ran is not enough). See `note_problem` and `note_small`.
    pub(super) fn note(&mut self, what: ChangeNote) {
        self.all_stale();
        self.pending.push(what);
    }

    /// Like `note`, for an operation that changed only the small parts every read re-reads.
    pub(super) fn note_small(&mut self, what: ChangeNote) {
        self.small_parts_stale();
        self.pending.push(what);
    }

    /// The map object at `parent[key]`, created if missing (a document from an older build
    /// may lack it; creating it here is a local change, never a schema step).
    pub(super) fn map_at(
        &mut self,
        parent: impl AsRef<ObjId>,
        key: &str,
    ) -> Result<ObjId, DocError> {
        match self.doc.get(parent.as_ref(), key)? {
            Some((Value::Object(ObjType::Map), id)) => Ok(id),
            _ => Ok(self.doc.put_object(parent.as_ref(), key, ObjType::Map)?),
        }
    }

    pub(super) fn existing_map(
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

    pub(super) fn problem_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let problems = self.existing_map(ROOT, "problems", Thing::Problem)?;
        self.existing_map(problems, id, Thing::Problem)
    }

    pub(super) fn category_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let categories = self.existing_map(ROOT, "categories", Thing::Category)?;
        self.existing_map(categories, id, Thing::Category)
    }

    pub(super) fn rule_obj(&self, id: &str) -> Result<ObjId, DocError> {
        let rules = self.existing_map(ROOT, "rules", Thing::Rule)?;
        self.existing_map(rules, id, Thing::Rule)
    }

    /// Put a string register, writing nothing when the value is unchanged.
    pub(super) fn put_str(
        &mut self,
        obj: &ObjId,
        key: &str,
        value: &str,
    ) -> Result<bool, DocError> {
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
    pub(super) fn put_text(
        &mut self,
        obj: &ObjId,
        key: &str,
        value: &str,
    ) -> Result<bool, DocError> {
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
}
