//! The core's values in words: statuses, lights, rule kinds, field names.

use rectify_core::document::{MetaField, ProblemField, ProblemText};
use rectify_core::ledger::{Light, RuleKind, Status};

use super::{Lang, Texts};

impl Texts {
    // ---- the core's values in words ----

    pub fn status(&self, status: &Status) -> String {
        match (self.lang, status) {
            (Lang::Zh, s) => s.label().to_string(),
            (Lang::En, Status::NotStarted) => "Not started".to_string(),
            (Lang::En, Status::InProgress) => "In progress".to_string(),
            (Lang::En, Status::Done) => "Done".to_string(),
            (Lang::En, Status::Ongoing) => "Ongoing".to_string(),
            (Lang::En, Status::Unknown(code)) => code.clone(),
        }
    }

    /// A status by its stored code (chart segments carry codes); "other" is 其他状态.
    pub fn status_code(&self, code: &str) -> String {
        if code == "other" {
            return self.other_status.to_string();
        }
        self.status(&Status::from_code(code))
    }

    pub fn light(&self, light: Light) -> &'static str {
        match (self.lang, light) {
            (Lang::Zh, l) => l.label(),
            (Lang::En, Light::Red) => "Red",
            (Lang::En, Light::Yellow) => "Yellow",
            (Lang::En, Light::Green) => "Green",
        }
    }

    pub fn rule_kind_name(&self, kind: RuleKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::Zh, k) => k.label(),
            (Lang::En, RuleKind::New) => "New",
            (Lang::En, RuleKind::Revised) => "Revised",
        }
    }

    pub fn text_field(&self, field: ProblemText) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, f) => f.label(),
            (Lang::En, ProblemText::Description) => "Problem",
            (Lang::En, ProblemText::Cause) => "Cause",
            (Lang::En, ProblemText::Measures) => "Measures",
            (Lang::En, ProblemText::Progress) => "Progress",
            (Lang::En, ProblemText::Evidence) => "Evidence",
        }
    }

    pub fn short_field(&self, field: ProblemField) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, f) => f.label(),
            (Lang::En, ProblemField::Lead) => "Leader in charge",
            (Lang::En, ProblemField::Owner) => "Owner",
            (Lang::En, ProblemField::Deadline) => "Deadline",
            (Lang::En, ProblemField::CompletedOn) => "Completed on",
        }
    }

    /// A stored ledger's name as 台账管理 lists it; a ledger whose name cannot be read is
    /// listed under the store's placeholder, said in words here.
    pub fn ledger_name(&self, name: &str) -> String {
        match self.lang {
            Lang::En if name == rectify_core::store::DAMAGED_NAME => "(damaged ledger)".to_string(),
            _ => name.to_string(),
        }
    }

    /// The label of a 台账信息 field.
    pub fn meta_label(&self, field: MetaField) -> &'static str {
        use MetaField::*;
        match field {
            Name => self.ledger_name,
            Unit => self.meta_unit,
            UnitShort => self.meta_unit_short,
            Header => self.meta_header,
            Title => self.meta_title,
            InspectionGroup => self.meta_inspection_group,
            InspectionKind => self.meta_inspection_kind,
            InspectionFrom => self.meta_inspection_from,
            InspectionTo => self.meta_inspection_to,
            FeedbackDate => self.meta_feedback_date,
            AsOf => self.meta_as_of,
            IssueDate => self.meta_issue_date,
            Signature => self.meta_signature,
            Contact => self.meta_contact,
            CountingBasis => self.counting_basis,
            WarnDays => self.meta_warn_days,
            Opening => self.meta_opening,
            DeploymentHeading => self.meta_deployment_heading,
            Deployment => self.meta_deployment,
            ImplementationHeading => self.meta_implementation_heading,
            ImplementationIntro => self.meta_implementation_intro,
            NextStepsHeading => self.meta_next_steps_heading,
            NextSteps => self.meta_next_steps,
            StatedFigures => self.stated_figures,
            TopLevel => self.top_level,
        }
    }

    /// The choices of a choice field of 台账信息 (other than 计数口径): (code, label).
    pub fn meta_choices(&self, field: MetaField) -> Vec<(&'static str, &'static str)> {
        match field {
            MetaField::StatedFigures => [
                rectify_core::ledger::StatedFigures::Unchosen,
                rectify_core::ledger::StatedFigures::Recompute,
                rectify_core::ledger::StatedFigures::Keep,
            ]
            .into_iter()
            .map(|c| (c.code(), self.stated_figures_choice(c)))
            .collect(),
            MetaField::TopLevel => [
                rectify_core::ledger::TopLevel::Parts,
                rectify_core::ledger::TopLevel::Categories,
            ]
            .into_iter()
            .map(|c| (c.code(), self.top_level_choice(c)))
            .collect(),
            _ => Vec::new(),
        }
    }

    pub fn stated_figures_choice(&self, c: rectify_core::ledger::StatedFigures) -> &'static str {
        use rectify_core::ledger::StatedFigures::*;
        match c {
            Unchosen => self.figures_unchosen,
            Recompute => self.figures_recompute,
            Keep => self.figures_keep,
        }
    }

    pub fn top_level_choice(&self, c: rectify_core::ledger::TopLevel) -> &'static str {
        match c {
            rectify_core::ledger::TopLevel::Parts => self.top_level_parts,
            rectify_core::ledger::TopLevel::Categories => self.top_level_categories,
        }
    }
}
