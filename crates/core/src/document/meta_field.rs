//! The fields of 台账信息 — the ledger's meta and the bulletin's narrative sections — listed
//! once: where each is stored, what kind of value it holds, where a person finds it, and how
//! it is read from a plain [`Ledger`]. The document, conflicts and the 台账信息 view all
//! iterate [`MetaField::ALL`].

use crate::ledger::{format_date, Ledger};

/// Declares [`MetaField`] and [`MetaField::ALL`] from one list of the fields.
macro_rules! meta_fields {
    ($($field:ident),* $(,)?) => {
        /// Fields of the ledger's meta and the bulletin's narrative sections.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum MetaField {
            $($field,)*
        }

        impl MetaField {
            /// Every field, in the order 台账信息 shows them.
            pub const ALL: [MetaField; [$(stringify!($field)),*].len()] =
                [$(MetaField::$field),*];
        }
    };
}

meta_fields! {
    Name,
    Unit,
    UnitShort,
    InspectionGroup,
    InspectionKind,
    InspectionFrom,
    InspectionTo,
    FeedbackDate,
    WarnDays,
    Header,
    Title,
    AsOf,
    IssueDate,
    Signature,
    CountingBasis,
    StatedFigures,
    Opening,
    DeploymentHeading,
    Deployment,
    ImplementationHeading,
    ImplementationIntro,
    NextStepsHeading,
    NextSteps,
    TopLevel,
    Contact,
}

/// What a field holds, and so how it is stored and typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaKind {
    /// one line of words
    Line,
    /// a date, stored as ISO `YYYY-MM-DD`
    Date,
    /// a whole number (预警天数)
    Number,
    /// one of a few codes (计数口径, 原文统计 or recomputed, the top-level sections)
    Choice,
    /// paragraphs, stored as Automerge text so that concurrent edits merge
    Paragraphs,
}

/// Where a person finds a field in 台账信息.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaGroup {
    /// 基本信息: the ledger and the inspection
    Basics,
    /// the bulletin's head: header, title, dates, signature, counting basis
    BulletinHead,
    /// the bulletin's body: its parts and their headings, and the contact line
    BulletinBody,
}

impl MetaField {
    /// (map under the root, key, kind, group, what conflicts call it)
    fn facts(self) -> (&'static str, &'static str, MetaKind, MetaGroup) {
        use MetaField::*;
        use MetaGroup::*;
        use MetaKind::*;
        match self {
            Name => ("meta", "name", Line, Basics),
            Unit => ("meta", "unit", Line, Basics),
            UnitShort => ("meta", "unit_short", Line, Basics),
            Header => ("meta", "header", Line, BulletinHead),
            Title => ("meta", "title", Line, BulletinHead),
            InspectionGroup => ("meta", "inspection_group", Line, Basics),
            InspectionKind => ("meta", "inspection_kind", Line, Basics),
            InspectionFrom => ("meta", "inspection_from", Date, Basics),
            InspectionTo => ("meta", "inspection_to", Date, Basics),
            FeedbackDate => ("meta", "feedback_date", Line, Basics),
            AsOf => ("meta", "as_of", Date, BulletinHead),
            IssueDate => ("meta", "issue_date", Date, BulletinHead),
            Signature => ("meta", "signature", Line, BulletinHead),
            Contact => ("meta", "contact", Paragraphs, BulletinBody),
            CountingBasis => ("meta", "counting_basis", Choice, BulletinHead),
            StatedFigures => ("meta", "stated_figures", Choice, BulletinHead),
            WarnDays => ("meta", "warn_days", Number, Basics),
            Opening => ("sections", "opening", Paragraphs, BulletinBody),
            DeploymentHeading => ("sections", "deployment_heading", Line, BulletinBody),
            Deployment => ("sections", "deployment", Paragraphs, BulletinBody),
            ImplementationHeading => ("sections", "implementation_heading", Line, BulletinBody),
            ImplementationIntro => ("sections", "implementation_intro", Paragraphs, BulletinBody),
            NextStepsHeading => ("sections", "next_steps_heading", Line, BulletinBody),
            NextSteps => ("sections", "next_steps", Paragraphs, BulletinBody),
            TopLevel => ("sections", "top_level", Choice, BulletinBody),
        }
    }

    /// The map under the document's root that holds the field (`meta` or `sections`).
    pub(crate) fn map(self) -> &'static str {
        self.facts().0
    }

    /// The field's key in its map (`title`, `as_of`, …), as conflicts name it.
    pub fn key(self) -> &'static str {
        self.facts().1
    }

    /// The field whose key this is.
    pub fn from_key(key: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn kind(self) -> MetaKind {
        self.facts().2
    }

    pub fn group(self) -> MetaGroup {
        self.facts().3
    }

    pub(crate) fn is_date(self) -> bool {
        self.kind() == MetaKind::Date
    }

    /// The code a choice field stores for `value` (anything unknown: its default); None for
    /// a field that is not a choice.
    pub(crate) fn choice_code(self, value: &str) -> Option<&'static str> {
        use crate::ledger;
        match self {
            MetaField::CountingBasis => Some(ledger::CountingBasis::from_code(value.trim()).code()),
            MetaField::StatedFigures => Some(ledger::StatedFigures::from_code(value).code()),
            MetaField::TopLevel => Some(ledger::TopLevel::from_code(value).code()),
            _ => None,
        }
    }

    /// Paragraphs are Automerge text (edits merge); every other field is one value, which
    /// concurrent edits can leave in conflict.
    pub(crate) fn is_text(self) -> bool {
        self.kind() == MetaKind::Paragraphs
    }

    /// The field's value in a plain ledger, as it is typed in (dates ISO, codes as codes).
    pub fn value_in(self, ledger: &Ledger) -> String {
        let m = &ledger.meta;
        let s = &ledger.sections;
        use MetaField::*;
        match self {
            Name => m.name.clone(),
            Unit => m.unit.clone(),
            UnitShort => m.unit_short.clone(),
            Header => m.header.clone(),
            Title => m.title.clone(),
            InspectionGroup => m.inspection_group.clone(),
            InspectionKind => m.inspection_kind.clone(),
            InspectionFrom => format_date(m.inspection_from),
            InspectionTo => format_date(m.inspection_to),
            FeedbackDate => m.feedback_date.clone(),
            AsOf => format_date(m.as_of),
            IssueDate => format_date(m.issue_date),
            Signature => m.signature.clone(),
            Contact => m.contact.clone(),
            CountingBasis => m.counting_basis.code().to_string(),
            StatedFigures => m.stated_figures.code().to_string(),
            WarnDays => m.warn_days.to_string(),
            Opening => s.opening.clone(),
            DeploymentHeading => s.deployment_heading.clone(),
            Deployment => s.deployment.clone(),
            ImplementationHeading => s.implementation_heading.clone(),
            ImplementationIntro => s.implementation_intro.clone(),
            NextStepsHeading => s.next_steps_heading.clone(),
            NextSteps => s.next_steps.clone(),
            TopLevel => s.top_level.code().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_key() {
        let mut keys: Vec<&str> = MetaField::ALL.iter().map(|f| f.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), MetaField::ALL.len());
        for f in MetaField::ALL {
            assert_eq!(MetaField::from_key(f.key()), Some(f));
        }
        assert_eq!(MetaField::from_key("nonsense"), None);
    }
}
