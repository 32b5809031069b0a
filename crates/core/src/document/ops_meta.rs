//! Operations on the ledger's information (台账信息) and the bulletin's narrative sections.

use automerge::transaction::Transactable;
use automerge::{ReadDoc, Value, ROOT};

use super::change_note::ChangeNote;
use super::{normalise_date, DocError, LedgerDoc, MetaField};

impl LedgerDoc {
    /// Set a meta or narrative field. Dates are normalised; `WarnDays` takes a whole number
    /// of days (0–365); a choice (`CountingBasis`, `StatedFigures`, `TopLevel`) takes one of its
    /// codes (anything else is its default).
    pub fn set_meta(&mut self, field: MetaField, value: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let key = field.key();
        let obj = self.map_at(ROOT, field.map())?;
        let changed = if field == MetaField::WarnDays {
            let days: i64 = value
                .trim()
                .parse()
                .ok()
                .filter(|d| (0..=365).contains(d))
                .ok_or(DocError::BadWarnDays)?;
            let current = match self.doc.get(&obj, key)? {
                Some((Value::Scalar(s), _)) => s.as_i64(),
                _ => None,
            };
            if current != Some(days) {
                self.doc.put(&obj, key, days)?;
            }
            current != Some(days)
        } else if let Some(code) = field.choice_code(value) {
            self.put_str(&obj, key, code)?
        } else if field.is_date() {
            let value = normalise_date(value)?;
            self.put_str(&obj, key, &value)?
        } else if field.is_text() {
            self.put_text(&obj, key, value)?
        } else {
            self.put_str(&obj, key, value.trim())?
        };
        if changed {
            self.note_small(ChangeNote::EditMeta);
        }
        Ok(())
    }
}
