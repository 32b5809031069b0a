//! The core's values in words: statuses, lights, rule kinds, field names.

use rectify_core::document::{ProblemField, ProblemText};
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
}
