//! Operations on the ledger's information (台账信息) and the bulletin's narrative sections.

use automerge::transaction::Transactable;
use automerge::{ReadDoc, Value, ROOT};

use super::{normalise_date, DocError, LedgerDoc};
use crate::ledger::CountingBasis;

/// Fields of the ledger's meta and the bulletin's narrative sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaField {
    Name,
    Unit,
    UnitShort,
    Header,
    Title,
    InspectionGroup,
    InspectionKind,
    InspectionFrom,
    InspectionTo,
    FeedbackDate,
    AsOf,
    IssueDate,
    Signature,
    Contact,
    CountingBasis,
    WarnDays,
    Opening,
    DeploymentHeading,
    Deployment,
    ImplementationHeading,
    ImplementationIntro,
    NextStepsHeading,
    NextSteps,
}

impl MetaField {
    /// (map under the root, key, is Automerge text)
    fn place(self) -> (&'static str, &'static str, bool) {
        use MetaField::*;
        match self {
            Name => ("meta", "name", false),
            Unit => ("meta", "unit", false),
            UnitShort => ("meta", "unit_short", false),
            Header => ("meta", "header", false),
            Title => ("meta", "title", false),
            InspectionGroup => ("meta", "inspection_group", false),
            InspectionKind => ("meta", "inspection_kind", false),
            InspectionFrom => ("meta", "inspection_from", false),
            InspectionTo => ("meta", "inspection_to", false),
            FeedbackDate => ("meta", "feedback_date", false),
            AsOf => ("meta", "as_of", false),
            IssueDate => ("meta", "issue_date", false),
            Signature => ("meta", "signature", false),
            Contact => ("meta", "contact", true),
            CountingBasis => ("meta", "counting_basis", false),
            WarnDays => ("meta", "warn_days", false),
            Opening => ("sections", "opening", true),
            DeploymentHeading => ("sections", "deployment_heading", false),
            Deployment => ("sections", "deployment", true),
            ImplementationHeading => ("sections", "implementation_heading", false),
            ImplementationIntro => ("sections", "implementation_intro", true),
            NextStepsHeading => ("sections", "next_steps_heading", false),
            NextSteps => ("sections", "next_steps", true),
        }
    }
    /// The field's key in its map (`title`, `as_of`, …), as conflicts name it.
    pub fn key(self) -> &'static str {
        self.place().1
    }

    fn is_date(self) -> bool {
        use MetaField::*;
        matches!(self, InspectionFrom | InspectionTo | AsOf | IssueDate)
    }
}

impl LedgerDoc {
    /// Set a meta or narrative field. Dates are normalised; `WarnDays` takes a whole number
    /// of days (0–365); `CountingBasis` takes `category` or `problem`.
    pub fn set_meta(&mut self, field: MetaField, value: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let (map, key, is_text) = field.place();
        let obj = self.map_at(ROOT, map)?;
        let changed = if field == MetaField::WarnDays {
            let days: i64 = value
                .trim()
                .parse()
                .ok()
                .filter(|d| (0..=365).contains(d))
                .ok_or(DocError::Invalid("预警天数应为 0 到 365 的整数".into()))?;
            let current = match self.doc.get(&obj, key)? {
                Some((Value::Scalar(s), _)) => s.as_i64(),
                _ => None,
            };
            if current != Some(days) {
                self.doc.put(&obj, key, days)?;
            }
            current != Some(days)
        } else if field == MetaField::CountingBasis {
            let code = CountingBasis::from_code(value.trim()).code();
            self.put_str(&obj, key, code)?
        } else if field.is_date() {
            let value = normalise_date(value)?;
            self.put_str(&obj, key, &value)?
        } else if is_text {
            self.put_text(&obj, key, value)?
        } else {
            self.put_str(&obj, key, value.trim())?
        };
        if changed {
            self.note_small("修改台账信息");
        }
        Ok(())
    }
}
