//! The ledger as the user sees it: plain Rust values read out of the document.
//! Nothing here knows about Automerge or the browser; numbering and ordering live here.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use super::review::{Review, ReviewState, Verdict};

/// 整改状态. Stored in the document as a stable ASCII code (see [`Status::code`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// 未启动
    NotStarted,
    /// 整改中
    InProgress,
    /// 已完成
    Done,
    /// 长期坚持 — done, and kept up
    Ongoing,
    /// A code written by a newer version; shown as-is, counted as not done.
    Unknown(String),
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Ongoing,
    ];

    pub fn code(&self) -> &str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Ongoing => "ongoing",
            Status::Unknown(code) => code,
        }
    }

    pub fn from_code(code: &str) -> Status {
        match code {
            "" | "not_started" => Status::NotStarted,
            "in_progress" => Status::InProgress,
            "done" => Status::Done,
            "ongoing" => Status::Ongoing,
            other => Status::Unknown(other.to_string()),
        }
    }

    /// The label users read and write (未启动 · 整改中 · 已完成 · 长期坚持).
    pub fn label(&self) -> &str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "整改中",
            Status::Done => "已完成",
            Status::Ongoing => "长期坚持",
            Status::Unknown(code) => code,
        }
    }

    pub fn from_label(label: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.label() == label.trim())
    }

    /// "完毕": 已完成 or 长期坚持.
    pub fn is_finished(&self) -> bool {
        matches!(self, Status::Done | Status::Ongoing)
    }
}

/// 建章立制: is the rule new or a revision of an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RuleKind {
    /// 新建
    #[default]
    New,
    /// 修订
    Revised,
}

impl RuleKind {
    pub fn code(self) -> &'static str {
        match self {
            RuleKind::New => "new",
            RuleKind::Revised => "revised",
        }
    }
    pub fn from_code(code: &str) -> RuleKind {
        if code == "revised" {
            RuleKind::Revised
        } else {
            RuleKind::New
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            RuleKind::New => "新建",
            RuleKind::Revised => "修订",
        }
    }
}

/// What the bulletin counts in "指出…问题N个": 反馈问题 (categories) or 具体问题 (problems).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CountingBasis {
    #[default]
    Category,
    Problem,
}

impl CountingBasis {
    pub fn code(self) -> &'static str {
        match self {
            CountingBasis::Category => "category",
            CountingBasis::Problem => "problem",
        }
    }
    pub fn from_code(code: &str) -> CountingBasis {
        if code == "problem" {
            CountingBasis::Problem
        } else {
            CountingBasis::Category
        }
    }
}

/// What the bulletin does with the figures the opening's count sentences state (an imported
/// text's 对8个方面27个具体问题, 已完成整改20个): the person's choice, stored in the document.
/// Either way a sentence is never part recomputed, part as stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum StatedFigures {
    /// not chosen yet: recomputed where the ledger can, and the bulletin view says where the
    /// ledger's figures differ from the text's until the person chooses
    #[default]
    Unchosen,
    /// every sentence the ledger can count is recomputed from the ledger
    Recompute,
    /// every count sentence is kept whole as the text stated it (原文统计)
    Keep,
}

impl StatedFigures {
    pub fn code(self) -> &'static str {
        match self {
            StatedFigures::Unchosen => "",
            StatedFigures::Recompute => "recompute",
            StatedFigures::Keep => "keep",
        }
    }
    pub fn from_code(code: &str) -> StatedFigures {
        match code.trim() {
            "recompute" => StatedFigures::Recompute,
            "keep" => StatedFigures::Keep,
            _ => StatedFigures::Unchosen,
        }
    }
}

/// What the bulletin's top-level sections (一、二、三、) are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TopLevel {
    /// the three parts (deployment, 整改落实 with one （N） per category, next steps), with the
    /// sample's headings where the ledger has none
    #[default]
    Parts,
    /// the categories themselves, between the text's own parts before and after them (an
    /// imported text numbered so: 一、关于党建工作方面 … 三、下一步工作); no heading is added
    Categories,
}

impl TopLevel {
    pub fn code(self) -> &'static str {
        match self {
            TopLevel::Parts => "",
            TopLevel::Categories => "categories",
        }
    }
    pub fn from_code(code: &str) -> TopLevel {
        if code.trim() == "categories" {
            TopLevel::Categories
        } else {
            TopLevel::Parts
        }
    }
}

/// The ledger's header data: who was inspected, by whom, when; the bulletin's meta.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// 台账名称 shown in the ledger list (defaults to the unit + kind).
    pub name: String,
    /// 发文机关 (e.g. 中共…委员会)
    pub unit: String,
    /// short form used in text (e.g. 工业园党委)
    pub unit_short: String,
    /// 发文机关标志 (…委员会文件)
    pub header: String,
    /// 通报标题
    pub title: String,
    /// 巡察组 (e.g. 区委第三巡察组)
    pub inspection_group: String,
    /// 巡察 / 巡视 / 审计 / 巡察“回头看”
    pub inspection_kind: String,
    pub inspection_from: Option<NaiveDate>,
    pub inspection_to: Option<NaiveDate>,
    /// 反馈时间, as written (e.g. 2022年4月)
    pub feedback_date: String,
    /// 截至 (as-of date of the bulletin's counts)
    pub as_of: Option<NaiveDate>,
    /// 成文日期
    pub issue_date: Option<NaiveDate>,
    /// 署名
    pub signature: String,
    /// contact lines (联系方式), free text
    pub contact: String,
    pub counting_basis: CountingBasis,
    /// days before a deadline that a problem turns yellow
    pub warn_days: i64,
    /// recompute or keep the opening's stated figures (a document without it: not chosen)
    #[serde(default)]
    pub stated_figures: StatedFigures,
}

/// The narrative parts of the bulletin.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sections {
    pub opening: String,
    pub deployment_heading: String,
    pub deployment: String,
    pub implementation_heading: String,
    pub implementation_intro: String,
    pub next_steps_heading: String,
    pub next_steps: String,
    /// the bulletin's top-level sections (a document without it: the three parts)
    #[serde(default)]
    pub top_level: TopLevel,
}

/// 反馈问题 / 方面: one heading of the feedback.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub title: String,
    /// fractional order key; categories sort by (order, id)
    pub order: String,
}

/// 进展记录: a dated progress entry by a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub author: String,
    pub text: String,
}

/// 具体问题: a numbered item under a category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub id: String,
    pub category_id: String,
    pub order: String,
    /// 问题表现
    pub description: String,
    /// 原因分析
    pub cause: String,
    /// 整改措施
    pub measures: String,
    /// 整改情况
    pub progress: String,
    /// 责任领导
    pub lead: String,
    /// 责任部门 (several)
    pub departments: Vec<String>,
    /// 责任人
    pub owner: String,
    /// 整改时限
    pub deadline: Option<NaiveDate>,
    /// 完成时间
    pub completed_on: Option<NaiveDate>,
    pub status: Status,
    /// 佐证材料
    pub evidence: String,
    /// 进展记录, oldest first
    pub progress_log: Vec<ProgressEntry>,
    /// 基本完成、持续整改 (取得阶段性成果): a flag on 整改中, read only while the status is
    /// 整改中 ([`Problem::basically_done`]); not finished, so not in the completion rate
    #[serde(default)]
    pub basically_done: bool,
    /// the inspection office's 销号 review: 同意销号 or 退回, or none yet
    #[serde(default)]
    pub review: Option<Review>,
}

/// 建章立制: a rule or regulation adopted or revised, linked to problems.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub kind: RuleKind,
    pub date: Option<NaiveDate>,
    pub problem_ids: Vec<String>,
    /// 待确认: a title found in imported text (e.g. a 《…》 named in 整改情况) that a person has
    /// not yet confirmed as a rule. Candidates are listed but not counted in 整改建章立制N项.
    #[serde(default)]
    pub candidate: bool,
}

/// The whole ledger as read from the document, in display order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub id: String,
    pub schema: u64,
    pub meta: Meta,
    pub sections: Sections,
    /// sorted by (order, id)
    pub categories: Vec<Category>,
    /// sorted by category order, then (order, id); problems of a missing category last
    pub problems: Vec<Problem>,
    /// sorted by (date, title, id)
    pub rules: Vec<Rule>,
    /// Automerge actor id (hex) → 我的名字 of the person who wrote with it
    pub people: std::collections::BTreeMap<String, String>,
    /// 回收站: deleted problems (also those of deleted categories), restorable
    pub trash: Vec<Problem>,
}

impl Ledger {
    /// The name shown in lists: meta.name, else the title, else a placeholder.
    pub fn display_name(&self) -> String {
        display_name(&self.meta.name, &self.meta.title, &self.meta.unit)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn problem(&self, id: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.id == id)
    }

    /// A live problem by id, to change a read ledger in place.
    pub fn problem_mut(&mut self, id: &str) -> Option<&mut Problem> {
        self.problems.iter_mut().find(|p| p.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// 1-based number of a problem across the whole ledger (problems are kept in display order).
    pub fn number_of(&self, problem_id: &str) -> Option<usize> {
        self.problems
            .iter()
            .position(|p| p.id == problem_id)
            .map(|i| i + 1)
    }

    /// Problems of one category, in order.
    pub fn problems_in<'a>(&'a self, category_id: &'a str) -> impl Iterator<Item = &'a Problem> {
        self.problems
            .iter()
            .filter(move |p| p.category_id == category_id)
    }

    /// Problems whose category no longer exists (e.g. deleted on another laptop while a
    /// problem was added to it here). They are kept and shown, never dropped.
    pub fn orphan_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| self.category(&p.category_id).is_none())
    }

    /// Rules linked to a problem.
    pub fn rules_of<'a>(&'a self, problem_id: &'a str) -> impl Iterator<Item = &'a Rule> {
        self.rules
            .iter()
            .filter(move |r| r.problem_ids.iter().any(|p| p == problem_id))
    }

    /// 已整改完毕 by category: a category whose every problem is 已完成 or 长期坚持. A category
    /// with no problems yet is not finished. (The bulletin, 进度 and the weekly report count so.)
    pub fn category_finished(&self, category_id: &str) -> bool {
        let mut problems = self.problems_in(category_id).peekable();
        problems.peek().is_some() && problems.all(|p| p.status.is_finished())
    }

    /// Categories that are [`Ledger::category_finished`].
    pub fn finished_categories(&self) -> usize {
        self.categories
            .iter()
            .filter(|c| self.category_finished(&c.id))
            .count()
    }

    /// 建章立制 that count in the bulletin: confirmed, not 待确认.
    pub fn confirmed_rules(&self) -> usize {
        self.rules.iter().filter(|r| !r.candidate).count()
    }

    /// Every department named on any problem, sorted and without repeats.
    pub fn departments(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .problems
            .iter()
            .flat_map(|p| p.departments.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Put categories, problems and rules in display order. Called after reading.
    pub fn sort(&mut self) {
        self.categories
            .sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
        let rank: std::collections::HashMap<&str, usize> = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut problems = std::mem::take(&mut self.problems);
        problems.sort_by(|a, b| {
            let ra = rank
                .get(a.category_id.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            let rb = rank
                .get(b.category_id.as_str())
                .copied()
                .unwrap_or(usize::MAX);
            (ra, &a.order, &a.id).cmp(&(rb, &b.order, &b.id))
        });
        self.problems = problems;
        for p in &mut self.problems {
            p.progress_log
                .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        }
        self.rules
            .sort_by(|a, b| (a.date, &a.title, &a.id).cmp(&(b.date, &b.title, &b.id)));
    }
}

/// A ledger's name in lists: its name, else the bulletin title, else the unit.
pub fn display_name(name: &str, title: &str, unit: &str) -> String {
    [name, title, unit]
        .into_iter()
        .map(without_bidi_controls)
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "未命名台账".to_string())
}

/// Characters that reorder the text after them (embeddings, overrides, isolates and their
/// end, U+202A–U+202E and U+2066–U+2069): in a name they can make "…gpj.exe" read "…exe.jpg".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A name (a ledger's, a person's) as it is shown, signed and put in file names: without
/// [`is_bidi_control`] characters. Text fields keep them (shown isolated).
pub fn without_bidi_controls(name: &str) -> String {
    name.chars().filter(|&c| !is_bidi_control(c)).collect()
}

/// Parse a user-entered date: 2022-06-30, 2022/6/30, 2022.6.30 or 2022年6月30日.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let normalised: String = t
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '．' | '－' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let mut parts = normalised.trim().split('-').map(str::trim);
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Dates are stored and exchanged as ISO `YYYY-MM-DD`.
pub fn format_date(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A date as documents write it in full: 2022年6月30日.
pub fn full_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Chinese numerals as used in headings: 1 → 一, 10 → 十, 16 → 十六, 20 → 二十, 99 → 九十九.
/// Beyond 99 the Arabic number is used.
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_string(),
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_for_headings() {
        let got: Vec<String> = [1, 9, 10, 11, 16, 20, 21, 99, 100]
            .iter()
            .map(|&n| chinese_numeral(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十六",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn dates_in_the_forms_people_type() {
        let d = NaiveDate::from_ymd_opt(2022, 6, 30);
        assert_eq!(parse_date("2022-06-30"), d);
        assert_eq!(parse_date("2022/6/30"), d);
        assert_eq!(parse_date("2022.6.30"), d);
        assert_eq!(parse_date("2022年6月30日"), d);
        assert_eq!(parse_date(" 2022-6-30 "), d);
        assert_eq!(parse_date("2022-02-30"), None);
        assert_eq!(parse_date("六月"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(format_date(d), "2022-06-30");
    }

    #[test]
    fn status_codes_round_trip_and_unknown_codes_survive() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), s);
            assert_eq!(Status::from_label(s.label()), Some(s.clone()));
        }
        let future = Status::from_code("signed_off");
        assert_eq!(future.code(), "signed_off");
        assert!(!future.is_finished());
        assert!(Status::Done.is_finished() && Status::Ongoing.is_finished());
    }
}
