//! Edits of the open ledger: every named operation of the core goes through
//! [`OpenDoc::edit`], which shows the result and schedules a save; typing into a problem's
//! text goes through [`OpenDoc::edit_text`], which patches what is shown in place.

use leptos::prelude::*;

use super::OpenDoc;
use rectify_core::document::{DocError, LedgerDoc, Place, ProblemText, TextEdit};

impl OpenDoc {
    /// Apply a named operation to the open ledger, show the result, and schedule a save.
    pub fn edit<T>(&self, op: impl FnOnce(&mut LedgerDoc) -> Result<T, DocError>) -> Option<T> {
        self.edit_then(op, |open| open.refresh())
    }

    /// Type into a problem's text field. The document is edited as by [`OpenDoc::edit`], but
    /// the ledger shown is patched in place (`ProblemText::of_mut`: exactly what a read would
    /// give, `crates/core/tests/reading.rs`) instead of read again: at thousands of problems a
    /// read per keystroke costs tens of milliseconds. The patch wakes that problem's row and
    /// what tracks [`OpenDoc::revision`], not every reader of the ledger (no count, list or
    /// index depends on these fields). The read after the pause finds the same ledger.
    pub fn edit_text(&self, id: &str, field: ProblemText, text: &str) {
        self.edit_then(
            |d| d.set_problem_text(id, field, text),
            |open| open.show_text(id, field, text.to_string()),
        );
    }

    /// Type into a problem's text field when the field said what changed: `at`, `deleted`
    /// in its UTF-16 units, `inserted`. The core writes one splice without reading the whole
    /// text (`LedgerDoc::splice_problem_text`, checked against the text shown); when that
    /// cannot be sure, the field's whole text (`whole`) is written as by [`OpenDoc::edit_text`].
    ///
    /// `lengths` are the field's before and after the edit: the text shown must have had the
    /// one (else the field and the text shown had parted, say mid-composition) and the
    /// spliced text must have the other.
    pub fn type_text(
        &self,
        id: &str,
        field: ProblemText,
        (was, len): (usize, usize),
        (at, deleted, inserted): (usize, usize, String),
        whole: impl FnOnce() -> String,
    ) {
        let before = self.ledger.with_untracked(|l| {
            l.as_ref()
                .and_then(|l| l.problem(id))
                .map(|p| field.of(p).to_string())
        });
        let before = before.filter(|b| utf16_len(b) == was);
        let edit = before
            .as_deref()
            .and_then(|b| TextEdit::from_utf16(b, at, deleted, inserted));
        let (Some(before), Some(edit)) = (before, edit) else {
            return self.edit_text(id, field, &whole());
        };
        let spliced = self.edit_then(|d| d.splice_problem_text(id, field, &before, &edit), |_| {});
        // the result must be exactly what the field holds (a comparison, not a diff): a value
        // replaced whole, or one whose caret is not after what was inserted, describes its
        // edit wrongly; the document then gets what the field holds written over the splice
        match spliced {
            Some(Some(after)) => {
                let held = whole();
                if utf16_len(&after) == len && after == held {
                    self.show_text(id, field, after)
                } else {
                    self.edit_text(id, field, &held)
                }
            }
            Some(None) => self.edit_text(id, field, &whole()),
            None => {}
        }
    }

    /// Show a problem's text as just typed: patch the ledger shown in place.
    fn show_text(&self, id: &str, field: ProblemText, text: String) {
        let shown = self.ledger.try_update_untracked(|l| {
            l.as_mut()
                .and_then(|l| l.problem_mut(id))
                .map(|p| *field.of_mut(p) = text)
                .is_some()
        });
        if shown == Some(true) {
            if let Some(t) = self.problem_triggers.with_value(|t| t.get(id).cloned()) {
                t.notify();
            }
            self.revision.update(|r| *r += 1);
        } else {
            self.refresh();
        }
    }

    fn edit_then<T>(
        &self,
        op: impl FnOnce(&mut LedgerDoc) -> Result<T, DocError>,
        show: impl FnOnce(&OpenDoc),
    ) -> Option<T> {
        if let Some(date) = self.past.get_untracked() {
            self.notices
                .error(self.prefs.tu().past_is_read_only(&date.to_string()));
            return None;
        }
        let result = self.with_doc(|d| d.as_mut().map(op)).flatten();
        match result {
            Some(Ok(value)) => {
                show(self);
                self.saves.edited(*self);
                self.prefs.ask_for_name_once();
                Some(value)
            }
            Some(Err(e)) => {
                self.notices.error(self.prefs.tu().doc_error(&e));
                self.refresh();
                None
            }
            None => None,
        }
    }

    /// Put back what the fields one change wrote held before it.
    pub fn restore_before(&self, hash: &str) {
        let Some(ledger) = self.ledger.get_untracked() else {
            return;
        };
        let t = self.prefs.tu();
        match self.edit(|d| d.restore_before(hash, &ledger)) {
            Some(places) if places.is_empty() => self.notices.info(t.nothing_to_restore),
            Some(places) => self.notices.info(t.restored(&t.places(&places))),
            None => {}
        }
    }

    /// Settle a conflict with one of its values or a new one.
    pub fn settle(&self, place: &Place, value: &str) {
        if self.edit(|d| d.settle(place, value)).is_some() {
            self.notices.info(self.prefs.tu().conflict_settled);
        }
    }

    /// 我的名字 changed: the open document writes as that person from now on.
    pub fn set_author(&self, name: &str) {
        self.doc.update_value(|d| {
            if let Some(d) = d {
                d.set_author(Some(name));
            }
        });
    }
}

/// A text's length as a browser's text field counts it.
fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
