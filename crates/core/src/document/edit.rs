//! What every operation on a ledger document shares: refusing on a read-only document and
//! marking what it touches stale before it runs, recording what it did after, and finding
//! and writing the objects and fields it changes.

use automerge::transaction::Transactable;
use automerge::{ObjId, ObjType, ReadDoc, TextEncoding, Value, ROOT};

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

    /// Put a boolean register, writing nothing when the value is unchanged and not in conflict.
    pub(super) fn put_bool(
        &mut self,
        obj: &ObjId,
        key: &str,
        value: bool,
    ) -> Result<bool, DocError> {
        let current = match self.doc.get(obj, key)? {
            Some((Value::Scalar(s), _)) => s.as_bool(),
            _ => None,
        };
        let conflicted = self
            .doc
            .get_all(obj, key)
            .map(|v| v.len() > 1)
            .unwrap_or(false);
        if current.unwrap_or(false) == value && !conflicted {
            return Ok(false);
        }
        self.doc.put(obj, key, value)?;
        Ok(true)
    }

    /// Set a text object to `value` by diffing, so that concurrent edits elsewhere in the
    /// same paragraph survive. Creates the text object if it is missing.
    ///
    /// Typing changes one place: the text is read once, the change found as what lies between
    /// the common start and end, and written as one splice. Automerge's `update_text` (a Myers
    /// diff of both texts cut into grapheme clusters, after reading the text again) cost tens
    /// of milliseconds a keystroke in a field of 20,000 characters in the page; it is kept for
    /// a change that replaces a long stretch by another (a paste over a selection, a restore),
    /// where it keeps the characters both share.
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
        let old = self.doc.text(&text)?;
        if old == value {
            return Ok(false);
        }
        match Splice::between(&old, value, self.doc.text_encoding()) {
            Some(s) => self.doc.splice_text(&text, s.at, s.delete, s.insert)?,
            None => self.doc.update_text(&text, value)?,
        }
        Ok(true)
    }
}

/// One edit that turns a text into another: at `at` (in the document's text units), delete
/// `delete` units and insert `insert`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Splice<'a> {
    pub at: usize,
    pub delete: isize,
    pub insert: &'a str,
}

impl<'a> Splice<'a> {
    /// Both the deleted and the inserted stretch longer than this: Myers' diff instead.
    const LONG: usize = 64;

    /// The splice between `old` and `new`: what lies between their common start and end. None
    /// when both stretches are long (see [`LedgerDoc::put_text`]) or the units are grapheme
    /// clusters (not counted here).
    pub fn between(old: &str, new: &'a str, units: TextEncoding) -> Option<Splice<'a>> {
        let start: usize = old
            .char_indices()
            .zip(new.chars())
            .find(|((_, a), b)| a != b)
            .map(|((i, _), _)| i)
            .unwrap_or(old.len().min(new.len()));
        // the common end, not reaching into the common start of either
        let end = old[start..]
            .chars()
            .rev()
            .zip(new[start..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        let deleted = &old[start..old.len() - end];
        let insert = &new[start..new.len() - end];
        if deleted.chars().count() > Self::LONG && insert.chars().count() > Self::LONG {
            return None;
        }
        let width = |s: &str| match units {
            TextEncoding::UnicodeCodePoint => Some(s.chars().count()),
            TextEncoding::Utf8CodeUnit => Some(s.len()),
            TextEncoding::Utf16CodeUnit => Some(s.encode_utf16().count()),
            TextEncoding::GraphemeCluster => None,
        };
        Some(Splice {
            at: width(&old[..start])?,
            delete: width(deleted)? as isize,
            insert,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE_POINTS: TextEncoding = TextEncoding::UnicodeCodePoint;

    fn splice(old: &str, new: &str) -> (usize, isize, String) {
        let s = Splice::between(old, new, CODE_POINTS).expect("a splice");
        (s.at, s.delete, s.insert.to_string())
    }

    #[test]
    fn typing_is_one_splice_where_it_happened() {
        assert_eq!(splice("整改措施", "整改措施。"), (4, 0, "。".into()));
        assert_eq!(splice("整改措施", "整改的措施"), (2, 0, "的".into()));
        assert_eq!(splice("整改措施", "措施"), (0, 2, "".into()));
        assert_eq!(splice("整改措施", "整改措"), (3, 1, "".into()));
        assert_eq!(splice("", "新"), (0, 0, "新".into()));
        // a repeated character: the change is placed once, not counted in both ends
        assert_eq!(splice("aa", "aaa"), (2, 0, "a".into()));
        assert_eq!(splice("aaa", "aa"), (2, 1, "".into()));
        assert_eq!(splice("落实落实", "落实"), (2, 2, "".into()));
        // a word replaced (an input method's candidate)
        assert_eq!(splice("完成整改", "完成销号"), (2, 2, "销号".into()));
    }

    #[test]
    fn positions_are_in_the_documents_units() {
        let s = Splice::between("😀整改", "😀整改a", TextEncoding::Utf16CodeUnit).unwrap();
        assert_eq!((s.at, s.delete), (4, 0));
        let s = Splice::between("😀整改", "😀整改a", TextEncoding::Utf8CodeUnit).unwrap();
        assert_eq!((s.at, s.delete), (10, 0));
        assert_eq!(
            Splice::between("a", "ab", TextEncoding::GraphemeCluster),
            None
        );
    }

    #[test]
    fn a_long_stretch_replaced_by_another_is_left_to_the_diff() {
        let old = "甲".repeat(100);
        let new = "乙".repeat(100);
        assert_eq!(Splice::between(&old, &new, CODE_POINTS), None);
        assert!(Splice::between(&old, &format!("{old}{new}"), CODE_POINTS).is_some());
    }
}
