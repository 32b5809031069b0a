//! Typing when the text field says what changed: a [`TextEdit`] (where, how many characters
//! gave way, what came in) written as one splice without reading the document's text, so a
//! keystroke in a field of 20,000 characters costs what a keystroke in a short one does.
//! `set_problem_text` (the whole text, diffed) stays the way for anything the page cannot
//! describe so surely (undo, a drop, an input method's odd ends).

use automerge::transaction::Transactable;
use automerge::{ObjType, ReadDoc, Value};

use super::change_note::ChangeNote;
use super::{check_field, DocError, LedgerDoc, ProblemText};

/// One edit of a text as the person made it: at `at` (characters from the start of the text
/// as it was), `deleted` characters gave way to `inserted`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub at: usize,
    pub deleted: usize,
    pub inserted: String,
}

impl TextEdit {
    /// Deleting more than this is not checked character by character: the whole text instead.
    const CHECKED: usize = 256;

    /// The edit as a browser's text field counts (UTF-16 code units) made on `before`, in
    /// characters. None when a position falls inside a character or past the end.
    pub fn from_utf16(
        before: &str,
        at: usize,
        deleted: usize,
        inserted: String,
    ) -> Option<TextEdit> {
        let from = char_at_unit(before, at)?;
        let to = char_at_unit(before, at + deleted)?;
        if from == to {
            return Some(TextEdit {
                at: from,
                deleted: 0,
                inserted,
            });
        }
        // What the replaced stretch and the inserted text share at either end is kept, not
        // deleted and inserted again: a whole value replaced by itself plus a few characters
        // (select all and paste, a field filled by a program) is the few characters, so a
        // colleague's concurrent edit to the same text is not duplicated by the merge.
        let gone: Vec<char> = before.chars().skip(from).take(to - from).collect();
        let new: Vec<char> = inserted.chars().collect();
        let prefix = gone.iter().zip(&new).take_while(|(a, b)| a == b).count();
        let suffix = gone[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        Some(TextEdit {
            at: from + prefix,
            deleted: gone.len() - prefix - suffix,
            inserted: new[prefix..new.len() - suffix].iter().collect(),
        })
    }

    /// `before` with this edit made, or None when it does not fit in `before`.
    pub fn apply(&self, before: &str) -> Option<String> {
        let start = byte_at(before, self.at)?;
        let end = start + byte_at(&before[start..], self.deleted)?;
        let mut after = String::with_capacity(before.len() - (end - start) + self.inserted.len());
        after.push_str(&before[..start]);
        after.push_str(&self.inserted);
        after.push_str(&before[end..]);
        Some(after)
    }
}

/// A text field's selection (`start`..`end`) and the length of its text, in its units (a
/// browser counts UTF-16 code units), just before an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldState {
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

impl FieldState {
    /// The stretch an edit replaced, `(at, deleted, inserted)` in the field's units, from the
    /// field before and its caret and length after, for the edits a person makes at the
    /// selection: typing or pasting over it (or at the caret), deleting it, or deleting
    /// backward or forward from the caret. None when these do not fit any of them (the caller
    /// then writes the whole text). What was inserted is the field's text from `at` on.
    pub fn replaced(self, caret: usize, len: usize) -> Option<(usize, usize, usize)> {
        let FieldState {
            start,
            end,
            len: was,
        } = self;
        if start > end || end > was || caret > len {
            return None;
        }
        if start < end || len >= was {
            // the selection (perhaps empty) gave way to what now lies before the caret
            let deleted = end - start;
            let inserted = (len + deleted).checked_sub(was)?;
            return (caret == start + inserted).then_some((start, deleted, inserted));
        }
        let deleted = was - len;
        if caret + deleted == start || (caret == start && start + deleted <= was) {
            Some((caret, deleted, 0))
        } else {
            None
        }
    }
}

/// How many characters of `s` come before its `unit`-th UTF-16 code unit, if that is where a
/// character starts (or the end).
fn char_at_unit(s: &str, unit: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in s.chars().enumerate() {
        if units == unit {
            return Some(i);
        }
        if units > unit {
            return None;
        }
        units += c.len_utf16();
    }
    (units == unit).then(|| s.chars().count())
}

/// The byte offset of the `chars`-th character of `s` (its length at the end), if there.
fn byte_at(s: &str, chars: usize) -> Option<usize> {
    if chars == 0 {
        return Some(0);
    }
    match s.char_indices().nth(chars) {
        Some((i, _)) => Some(i),
        None => (s.chars().count() == chars).then_some(s.len()),
    }
}

impl LedgerDoc {
    /// Typing into a problem's text, when the text field knows what changed: `before` is the
    /// text the edit was made on, as shown (the read ledger's copy). Written as one splice of
    /// the document's text, which is not read: only its length and the characters deleted are
    /// checked against `before`. Returns the text after the edit, to show; `Ok(None)` when the
    /// check fails (the document's text is not what was shown, or the edit does not fit it),
    /// or the edit deletes a long stretch, or the document counts text in units other than
    /// characters: nothing is written, and the caller writes the whole text with
    /// [`LedgerDoc::set_problem_text`] instead. Merges as that would: concurrent edits
    /// elsewhere in the text keep both.
    pub fn splice_problem_text(
        &mut self,
        id: &str,
        field: ProblemText,
        before: &str,
        edit: &TextEdit,
    ) -> Result<Option<String>, DocError> {
        self.writable_problem_text(id)?;
        if self.doc.text_encoding() != automerge::TextEncoding::UnicodeCodePoint
            || edit.deleted > TextEdit::CHECKED
        {
            return Ok(None);
        }
        let Some(after) = edit.apply(before) else {
            return Ok(None);
        };
        check_field(&after)?;
        let obj = self.problem_obj(id)?;
        let text = match self.doc.get(&obj, field.key())? {
            Some((Value::Object(ObjType::Text), text)) => text,
            _ => return Ok(None),
        };
        if self.doc.length(&text) != before.chars().count() {
            return Ok(None);
        }
        let gone = before.chars().skip(edit.at).take(edit.deleted);
        for (i, expected) in (edit.at..).zip(gone) {
            let here = match self.doc.get(&text, i)? {
                Some((Value::Scalar(s), _)) => s.as_str().and_then(|s| s.chars().next()),
                _ => None,
            };
            if here != Some(expected) {
                return Ok(None);
            }
        }
        if edit.deleted == 0 && edit.inserted.is_empty() {
            return Ok(Some(after));
        }
        self.doc
            .splice_text(&text, edit.at, edit.deleted as isize, &edit.inserted)?;
        self.note_problem_text(id, ChangeNote::EditText(field));
        Ok(Some(after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(at: usize, deleted: usize, inserted: &str) -> TextEdit {
        TextEdit {
            at,
            deleted,
            inserted: inserted.into(),
        }
    }

    #[test]
    fn utf16_positions_become_characters() {
        assert_eq!(
            TextEdit::from_utf16("整改措施", 4, 0, "。".into()),
            Some(edit(4, 0, "。"))
        );
        assert_eq!(
            TextEdit::from_utf16("整改措施", 1, 2, "".into()),
            Some(edit(1, 2, ""))
        );
        // 😀 is two UTF-16 units and one character
        assert_eq!(
            TextEdit::from_utf16("😀整改", 2, 1, "a".into()),
            Some(edit(1, 1, "a"))
        );
        assert_eq!(
            TextEdit::from_utf16("a😀", 1, 2, "".into()),
            Some(edit(1, 1, ""))
        );
        // inside a surrogate pair, or past the end
        assert_eq!(TextEdit::from_utf16("😀", 1, 0, "a".into()), None);
        assert_eq!(TextEdit::from_utf16("a😀", 0, 2, "".into()), None);
        assert_eq!(TextEdit::from_utf16("ab", 2, 1, "".into()), None);
        assert_eq!(TextEdit::from_utf16("ab", 3, 0, "".into()), None);
        assert_eq!(
            TextEdit::from_utf16("", 0, 0, "新".into()),
            Some(edit(0, 0, "新"))
        );
    }

    #[test]
    fn the_stretch_replaced_is_found_from_the_selection() {
        let caret = |at, len| FieldState {
            start: at,
            end: at,
            len,
        };
        // a key typed at the caret; an input method's word
        assert_eq!(caret(4, 10).replaced(5, 11), Some((4, 0, 1)));
        assert_eq!(caret(4, 10).replaced(6, 12), Some((4, 0, 2)));
        // backspace, delete, a word deleted backward
        assert_eq!(caret(4, 10).replaced(3, 9), Some((3, 1, 0)));
        assert_eq!(caret(4, 10).replaced(4, 9), Some((4, 1, 0)));
        assert_eq!(caret(4, 10).replaced(1, 7), Some((1, 3, 0)));
        // a selection typed over, pasted over, cut
        let sel = FieldState {
            start: 2,
            end: 5,
            len: 10,
        };
        assert_eq!(sel.replaced(3, 8), Some((2, 3, 1)));
        assert_eq!(sel.replaced(9, 14), Some((2, 3, 7)));
        assert_eq!(sel.replaced(2, 7), Some((2, 3, 0)));
        // what fits none of these: the caret elsewhere (an undo), impossible lengths
        assert_eq!(caret(4, 10).replaced(9, 11), None);
        assert_eq!(caret(4, 10).replaced(8, 9), None);
        assert_eq!(sel.replaced(2, 6), None);
        assert_eq!(caret(11, 10).replaced(11, 11), None);
    }

    #[test]
    fn apply_replaces_the_stretch() {
        assert_eq!(
            edit(2, 2, "销号").apply("完成整改").as_deref(),
            Some("完成销号")
        );
        assert_eq!(
            edit(4, 0, "。").apply("整改措施").as_deref(),
            Some("整改措施。")
        );
        assert_eq!(edit(0, 1, "").apply("整").as_deref(), Some(""));
        assert_eq!(edit(3, 2, "").apply("整改措施"), None);
        assert_eq!(edit(5, 0, "").apply("整改措施"), None);
    }
}
