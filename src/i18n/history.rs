//! The document's history and conflicts in words: who (an unsigned device), where (第3项 ·
//! 原因分析), what a change did (状态改为已完成) and a conflicted value.

use rectify_core::document::{
    Author, ChangeNote, ChangeNotes, ChangeScope, Field, PlaceChange, PlaceName, ShownValue, Spot,
};
use rectify_core::ledger::CountingBasis;

use super::{Lang, Texts};

impl Texts {
    /// Someone who made a change: their 我的名字, or the device's short id.
    pub fn author(&self, author: &Author) -> String {
        match (self.lang, author) {
            (_, Author::Named(name)) => name.clone(),
            (Lang::Zh, Author::Unsigned(tail)) => format!("未署名({tail})"),
            (Lang::En, Author::Unsigned(tail)) => format!("Unsigned ({tail})"),
        }
    }

    /// Several people, in one line.
    pub fn authors(&self, authors: &[Author]) -> String {
        let names: Vec<String> = authors.iter().map(|a| self.author(a)).collect();
        names.join(self.pick("、", ", "))
    }

    /// A place: "第3项 · 原因分析", "类别“组织建设”", "台账信息 · 通报标题".
    pub fn place(&self, place: &PlaceName) -> String {
        let spot = self.spot(&place.spot);
        match place.field {
            Some(field) => format!("{spot} · {}", self.field(field)),
            None => spot,
        }
    }

    /// Several places, in one line.
    pub fn places(&self, places: &[PlaceName]) -> String {
        let names: Vec<String> = places.iter().map(|p| self.place(p)).collect();
        names.join(self.pick("；", "; "))
    }

    /// The places one change wrote: each with a short field's old → new value, or, for a
    /// change that wrote many (a whole ledger made or imported), how many of each.
    pub fn change_scope(&self, scope: &ChangeScope) -> String {
        const LISTED: usize = 6;
        if scope.places.len() <= LISTED {
            let each: Vec<String> = scope.places.iter().map(|p| self.place_change(p)).collect();
            return each.join(self.pick("；", "; "));
        }
        let counts = [
            (scope.problems, "个问题", "problems"),
            (scope.categories, "个类别", "categories"),
            (scope.rules, "项建章立制", "rules"),
            (scope.meta, "项台账信息", "ledger info fields"),
        ];
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, zh, en)| match self.lang {
                Lang::Zh => format!("{n} {zh}"),
                Lang::En => format!("{n} {en}"),
            })
            .collect();
        parts.join(self.pick("、", ", "))
    }

    /// One place written: "第3项 · 整改时限：2024-06-30 → 2024-07-31".
    pub fn place_change(&self, change: &PlaceChange) -> String {
        let place = self.place(&change.place);
        match &change.values {
            Some((before, after)) => format!(
                "{place}{}{} → {}",
                self.pick("：", ": "),
                self.shown_value(before),
                self.shown_value(after)
            ),
            None => place,
        }
    }

    fn spot(&self, spot: &Spot) -> String {
        match (self.lang, spot) {
            (Lang::Zh, Spot::Meta) => self.tab_info.to_string(),
            (Lang::En, Spot::Meta) => "Ledger info".to_string(),
            (Lang::Zh, Spot::Category(Some(title))) => format!("类别“{title}”"),
            (Lang::En, Spot::Category(Some(title))) => format!("Category “{title}”"),
            (Lang::Zh, Spot::Category(None)) => "已删除的类别".to_string(),
            (Lang::En, Spot::Category(None)) => "A deleted category".to_string(),
            (Lang::Zh, Spot::Rule(title)) => format!("建章立制《{title}》"),
            (Lang::En, Spot::Rule(title)) => format!("Rule “{title}”"),
            (Lang::Zh, Spot::Problem(n)) => format!("第{n}项"),
            (Lang::En, Spot::Problem(n)) => format!("No. {n}"),
            (Lang::Zh, Spot::ProblemInTrash) => "回收站中的问题".to_string(),
            (Lang::En, Spot::ProblemInTrash) => "A problem in the bin".to_string(),
            (Lang::Zh, Spot::ProblemGone) => "问题".to_string(),
            (Lang::En, Spot::ProblemGone) => "A problem".to_string(),
        }
    }

    fn field(&self, field: Field) -> &'static str {
        match (self.lang, field) {
            (_, Field::Text(text)) => self.text_field(text),
            (_, Field::Short(short)) => self.short_field(short),
            (_, Field::Meta(meta)) => self.meta_label(meta),
            (_, Field::Status) => self.status,
            (Lang::Zh, Field::Departments) => "责任部门",
            (Lang::En, Field::Departments) => "Departments",
            (Lang::Zh, Field::Log) => "进展记录",
            (Lang::En, Field::Log) => "Progress log",
            (Lang::Zh, Field::Position) => "位置",
            (Lang::En, Field::Position) => "Position",
            (Lang::Zh, Field::Deleted) => "删除/恢复",
            (Lang::En, Field::Deleted) => "Deleted/restored",
            (Lang::Zh, Field::Category) => "所属类别",
            (Lang::En, Field::Category) => "Category",
            (Lang::Zh, Field::Title) => "名称",
            (Lang::En, Field::Title) => "Name",
            (Lang::Zh, Field::RuleKind) => "类型",
            (Lang::En, Field::RuleKind) => "Kind",
            (Lang::Zh, Field::RuleDate) => "印发日期",
            (Lang::En, Field::RuleDate) => "Issued on",
            (Lang::Zh, Field::RuleCandidate) => "计入通报",
            (Lang::En, Field::RuleCandidate) => "Counted in the bulletin",
            (Lang::Zh, Field::BasicallyDone) => "基本完成",
            (Lang::En, Field::BasicallyDone) => "Basically done",
            (Lang::Zh, Field::Review) => "销号审核",
            (Lang::En, Field::Review) => "Sign-off review",
            (Lang::Zh, Field::ReviewNote) => "审核意见",
            (Lang::En, Field::ReviewNote) => "Review note",
        }
    }

    /// A conflicted field's value as a person reads it; nothing reads "（空）".
    pub fn shown_value(&self, value: &ShownValue) -> String {
        match (self.lang, value) {
            (Lang::Zh, ShownValue::Empty) => "（空）".to_string(),
            (Lang::En, ShownValue::Empty) => "(empty)".to_string(),
            (_, ShownValue::Text(text)) => text.clone(),
            (_, ShownValue::Status(status)) => self.status(status),
            (_, ShownValue::RuleKind(kind)) => self.rule_kind_name(*kind).to_string(),
            (_, ShownValue::StatedFigures(c)) => self.stated_figures_choice(*c).to_string(),
            (_, ShownValue::TopLevel(c)) => self.top_level_choice(*c).to_string(),
            (Lang::Zh, ShownValue::CountingBasis(CountingBasis::Category)) => {
                "按反馈问题（类别）计数".to_string()
            }
            (Lang::Zh, ShownValue::CountingBasis(CountingBasis::Problem)) => {
                "按具体问题计数".to_string()
            }
            (Lang::En, ShownValue::CountingBasis(CountingBasis::Category)) => {
                "By problem fed back (category)".to_string()
            }
            (Lang::En, ShownValue::CountingBasis(CountingBasis::Problem)) => {
                "By specific problem".to_string()
            }
            (Lang::Zh, ShownValue::Candidate(true)) => "待确认".to_string(),
            (Lang::Zh, ShownValue::Candidate(false)) => "已确认".to_string(),
            (Lang::En, ShownValue::Candidate(true)) => "To be confirmed".to_string(),
            (Lang::En, ShownValue::Candidate(false)) => "Confirmed".to_string(),
            (_, ShownValue::Category(Some(title))) => title.clone(),
            (Lang::Zh, ShownValue::Category(None)) => "（已删除的类别）".to_string(),
            (Lang::En, ShownValue::Category(None)) => "(a deleted category)".to_string(),
            (_, ShownValue::Verdict(Some(v))) => self.verdict(*v).to_string(),
            (Lang::Zh, ShownValue::Verdict(None)) => "（其他审核结果）".to_string(),
            (Lang::En, ShownValue::Verdict(None)) => "(another review result)".to_string(),
        }
    }

    /// What one change did, in one line ("编辑原因分析；状态改为已完成 等7项").
    pub fn change_notes(&self, did: &ChangeNotes) -> String {
        let notes: Vec<String> = did.notes.iter().map(|n| self.change_note(n)).collect();
        let mut line = notes.join(self.pick("；", "; "));
        if let Some(n) = did.in_all {
            line.push_str(&match self.lang {
                Lang::Zh => format!(" 等{n}项"),
                Lang::En => format!(" ({n} in all)"),
            });
        }
        line
    }

    /// One thing a change did.
    pub fn change_note(&self, note: &ChangeNote) -> String {
        use ChangeNote as N;
        match (self.lang, note) {
            (Lang::Zh, note) => note.stored(),
            (Lang::En, N::CreateLedger) => "Created the ledger".into(),
            (Lang::En, N::AddProblem) => "Added a problem".into(),
            (Lang::En, N::DeleteProblem(Some(n))) => format!("Deleted problem {n}"),
            (Lang::En, N::DeleteProblem(None)) => "Deleted a problem".into(),
            (Lang::En, N::RestoreProblem) => "Restored a deleted problem".into(),
            (Lang::En, N::ReorderProblem) => "Moved a problem up or down".into(),
            (Lang::En, N::MoveProblem) => "Moved a problem to another category".into(),
            (Lang::En, N::EditText(f)) => format!("Edited {}", self.text_field(*f)),
            (Lang::En, N::SetField(f)) => format!("Changed {}", self.short_field(*f)),
            (Lang::En, N::SetStatus(s)) => format!("Status set to {}", self.status(s)),
            (Lang::En, N::SetDepartments) => "Changed Departments".into(),
            (Lang::En, N::SetBasicallyDone(true)) => "Marked basically done".into(),
            (Lang::En, N::SetBasicallyDone(false)) => "Unmarked basically done".into(),
            (Lang::En, N::SignOff) => "Signed off".into(),
            (Lang::En, N::ReturnProblem) => "Returned for more work".into(),
            (Lang::En, N::AddProgress) => "Added a progress entry".into(),
            (Lang::En, N::DeleteProgress) => "Deleted a progress entry".into(),
            (Lang::En, N::AddCategory(t)) => format!("Added category “{t}”"),
            (Lang::En, N::RenameCategory(t)) => format!("Renamed a category to “{t}”"),
            (Lang::En, N::ReorderCategories) => "Reordered the categories".into(),
            (Lang::En, N::DeleteCategory(t)) => format!("Deleted category “{t}”"),
            (Lang::En, N::AddRule(t)) => format!("Added rule “{t}”"),
            (Lang::En, N::RenameRule) => "Renamed a rule".into(),
            (Lang::En, N::SetRuleKind) => "Changed a rule's kind".into(),
            (Lang::En, N::SetRuleDate) => "Changed a rule's date".into(),
            (Lang::En, N::RuleToConfirm) => "Set a rule to be confirmed".into(),
            (Lang::En, N::ConfirmRule) => "Confirmed a rule".into(),
            (Lang::En, N::LinkRule) => "Linked a rule".into(),
            (Lang::En, N::UnlinkRule) => "Unlinked a rule".into(),
            (Lang::En, N::DeleteRule) => "Deleted a rule".into(),
            (Lang::En, N::EditMeta) => "Edited the ledger info".into(),
            (Lang::En, N::RestoreEarlier) => "Restored earlier values".into(),
            (Lang::En, N::SettleConflict) => "Settled a conflict".into(),
            (Lang::En, N::AddContents(added)) => {
                let counts = [
                    (added.categories, "categories"),
                    (added.problems, "problems"),
                    (added.rules, "rules"),
                ];
                let parts: Vec<String> = counts
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, what)| format!("{n} {what}"))
                    .collect();
                format!("Added {}", parts.join(", "))
            }
            (Lang::En, N::Other(text)) => text.clone(),
        }
    }

    pub(super) fn pick(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
