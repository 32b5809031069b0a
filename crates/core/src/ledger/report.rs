//! 周报告: what changed in a ledger over a period, from the ledger as it stood at the start
//! and at the end of it (status changes, completions, progress entries, rules, overdue).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::light::{light_of, Light};
use super::model::{full_date, Ledger, Problem, Review, Rule, RuleKind, Status};

/// A period of whole days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The days from `a` to `b` whichever comes first.
    pub fn new(a: NaiveDate, b: NaiveDate) -> Period {
        Period {
            from: a.min(b),
            to: a.max(b),
        }
    }

    /// The week (Monday to Sunday) that holds `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period {
            from,
            to: from + Duration::days(6),
        }
    }

    /// A Monday-to-Sunday week (the report then says 本周 rather than 本期).
    pub fn is_week(&self) -> bool {
        *self == Period::week_of(self.from)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// "2024年6月3日至6月9日"; the year is written again only when it changes
    /// ("2024年12月30日至2025年1月5日"); a single day is one date.
    pub fn label(&self) -> String {
        let from = full_date(self.from);
        if self.from == self.to {
            return from;
        }
        let to = if self.to.year() == self.from.year() {
            format!("{}月{}日", self.to.month(), self.to.day())
        } else {
            full_date(self.to)
        };
        format!("{from}至{to}")
    }
}

/// Figures of a ledger at one moment. `problems` = finished + in_progress + not_started +
/// problems with a status code from a newer version (counted in none of the three).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCounts {
    pub problems: usize,
    /// 已完成 + 长期坚持
    pub finished: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub categories: usize,
    /// categories with problems, all finished (as the bulletin counts 完毕)
    pub categories_finished: usize,
    /// confirmed rules only (待确认 ones are not counted, as in the bulletin)
    pub rules: usize,
}

impl ReportCounts {
    pub fn of(ledger: &Ledger) -> ReportCounts {
        let count =
            |f: fn(&Status) -> bool| ledger.problems.iter().filter(|p| f(&p.status)).count();
        ReportCounts {
            problems: ledger.problems.len(),
            finished: count(Status::is_finished),
            in_progress: count(|s| *s == Status::InProgress),
            not_started: count(|s| *s == Status::NotStarted),
            categories: ledger.categories.len(),
            categories_finished: ledger.finished_categories(),
            rules: ledger.confirmed_rules(),
        }
    }

    /// finished ÷ problems as a percentage with one decimal, rounded half up ("66.7%");
    /// "—" when there are no problems.
    pub fn completion_rate(&self) -> String {
        if self.problems == 0 {
            return "—".to_string();
        }
        let permille = (self.finished * 1000 * 2 + self.problems) / (self.problems * 2);
        format!("{}.{}%", permille / 10, permille % 10)
    }
}

/// A problem as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportProblem {
    pub problem_id: String,
    /// its number in the ledger it is listed from (`after`; `before` for removed ones)
    pub number: usize,
    /// the description shortened to one line (see [`short_title`])
    pub title: String,
    /// the category's title ("" when the category is gone)
    pub category: String,
    pub status: Status,
    pub completed_on: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub owner: String,
    pub departments: Vec<String>,
    /// days past the deadline on the report's `as_of` day (only in `overdue`)
    pub days_overdue: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub problem_id: String,
    pub number: usize,
    pub title: String,
    pub category: String,
    pub from: Status,
    pub to: Status,
}

/// A 进展记录 entry listed in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub problem_id: String,
    pub number: usize,
    pub title: String,
    pub entry_id: String,
    pub date: Option<NaiveDate>,
    pub author: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRule {
    pub rule_id: String,
    pub title: String,
    pub kind: RuleKind,
    pub date: Option<NaiveDate>,
    /// 待确认 at the end of the period (listed, not counted)
    pub candidate: bool,
    /// existed at the start as 待确认 and was confirmed in the period
    pub confirmed_in_period: bool,
    /// numbers of the linked problems (in `after`), ascending
    pub problems: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyReport {
    pub period: Period,
    /// the day overdue is measured to: today for a period still running, else its last day
    pub as_of: NaiveDate,
    /// counts at the start (all zero when the ledger did not exist) and at the end
    pub start: ReportCounts,
    pub end: ReportCounts,
    /// problems present at both ends whose status differs, in ledger order
    pub status_changes: Vec<StatusChange>,
    /// finished at the end and not at the start, in ledger order
    pub completed: Vec<ReportProblem>,
    /// progress entries of the period, by problem number, then date
    pub progress: Vec<ReportEntry>,
    /// in the ledger at the end, not at the start (restored from 回收站 included)
    pub new_problems: Vec<ReportProblem>,
    /// in the ledger at the start, not at the end (moved to 回收站)
    pub removed_problems: Vec<ReportProblem>,
    /// rules new at the end (confirmed or 待确认), and rules confirmed in the period
    pub new_rules: Vec<ReportRule>,
    /// red on the `as_of` day, most overdue first
    pub overdue: Vec<ReportProblem>,
    /// the office's 销号 reviews that came in the period (同意销号, 退回), in ledger order
    #[serde(default)]
    pub reviews: Vec<ReportReview>,
}

/// A 销号 review listed in the report: the problem and the review as it stands at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportReview {
    pub problem_id: String,
    pub number: usize,
    pub title: String,
    pub review: Review,
}

/// Reviews at the end of the period that differ from those at its start.
fn reviews_in(before: &Ledger, after: &Ledger) -> Vec<ReportReview> {
    after
        .problems
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let review = p.review.as_ref()?;
            let old = before.problem(&p.id).and_then(|o| o.review.as_ref());
            (old != Some(review)).then(|| ReportReview {
                problem_id: p.id.clone(),
                number: i + 1,
                title: short_title(&p.description),
                review: review.clone(),
            })
        })
        .collect()
}

/// The description on one line, its first sentence when it has several, at most
/// [`TITLE_CHARS`] characters (then "…"), without a final 。.
pub fn short_title(description: &str) -> String {
    let line: String = description
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let first = match line.char_indices().find(|(_, c)| "。！？；".contains(*c)) {
        Some((i, c)) if !line[i + c.len_utf8()..].trim().is_empty() => &line[..i],
        _ => line.as_str(),
    };
    let first = first.trim_end_matches(['。', '；']).trim();
    if first.chars().count() > TITLE_CHARS {
        let cut: String = first.chars().take(TITLE_CHARS).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    }
}

/// The longest problem title the report writes.
pub const TITLE_CHARS: usize = 40;

fn category_of(ledger: &Ledger, p: &Problem) -> String {
    ledger
        .category(&p.category_id)
        .map(|c| c.title.clone())
        .unwrap_or_default()
}

fn report_problem(ledger: &Ledger, p: &Problem) -> ReportProblem {
    ReportProblem {
        problem_id: p.id.clone(),
        number: ledger.number_of(&p.id).unwrap_or(0),
        title: short_title(&p.description),
        category: category_of(ledger, p),
        status: p.status.clone(),
        completed_on: p.completed_on,
        deadline: p.deadline,
        owner: p.owner.clone(),
        departments: p.departments.clone(),
        days_overdue: None,
    }
}

/// What changed in the period: `before` is the ledger as it stood at the start of `from`
/// (None when the ledger did not exist yet), `after` as it stood at the end of `to`.
///
/// Problems and entries are matched by id. Decisions (see ARCHITECTURE.md, "Weekly report"):
/// - a progress entry counts when it is new at `after` (added in the period, whatever date it
///   carries — one dated before the period is a late record, 补记) or, already there at the
///   start, is dated inside the period (written ahead); entries of removed problems do not;
/// - a problem new in the period counts as completed only when its 完成时间 is not before the
///   period (or is empty): a ledger imported this week does not report old completions;
/// - status changes are those of problems present at both ends, and of problems created in
///   the period whose status differs from the one they were created with (`created`, by
///   problem id: [`crate::document::LedgerDoc::statuses_at_creation`]; a problem missing
///   there, e.g. restored from 回收站, reports none);
/// - overdue is measured to `as_of`: `today` while the period runs, else its last day.
pub fn weekly_report_with(
    before: Option<&Ledger>,
    after: &Ledger,
    period: Period,
    today: NaiveDate,
    created: &HashMap<String, Status>,
) -> WeeklyReport {
    let as_of = period.to.min(today);
    let empty = Ledger::default();
    let start_ledger = before.unwrap_or(&empty);
    let at_start = |id: &str| start_ledger.problem(id);

    let mut status_changes = vec![];
    let mut completed = vec![];
    let mut new_problems = vec![];
    let mut progress = vec![];
    let mut overdue = vec![];
    for (i, p) in after.problems.iter().enumerate() {
        let number = i + 1;
        let old = at_start(&p.id);
        match old {
            Some(old) if old.status != p.status => {
                status_changes.push(status_change(after, p, number, &old.status))
            }
            None => {
                new_problems.push(report_problem(after, p));
                if let Some(first) = created.get(&p.id).filter(|s| **s != p.status) {
                    status_changes.push(status_change(after, p, number, first));
                }
            }
            _ => {}
        }
        let was_finished = old.is_some_and(|o| o.status.is_finished());
        let finished_now = p.status.is_finished()
            && !was_finished
            && (old.is_some() || p.completed_on.is_none_or(|d| d >= period.from));
        if finished_now {
            completed.push(report_problem(after, p));
        }
        for e in &p.progress_log {
            let existed = old.is_some_and(|o| o.progress_log.iter().any(|x| x.id == e.id));
            if !existed || e.date.is_some_and(|d| period.contains(d)) {
                progress.push(ReportEntry {
                    problem_id: p.id.clone(),
                    number,
                    title: short_title(&p.description),
                    entry_id: e.id.clone(),
                    date: e.date,
                    author: e.author.clone(),
                    text: e.text.clone(),
                });
            }
        }
        if light_of(p, as_of, after.meta.warn_days) == Light::Red {
            let mut item = report_problem(after, p);
            item.days_overdue = p.deadline.map(|d| (as_of - d).num_days());
            overdue.push(item);
        }
    }
    // problems are in ledger order already; entries keep the log's (date, id) order
    overdue.sort_by(|a, b| (b.days_overdue, a.number).cmp(&(a.days_overdue, b.number)));

    let removed_problems = start_ledger
        .problems
        .iter()
        .filter(|p| after.problem(&p.id).is_none())
        .map(|p| report_problem(start_ledger, p))
        .collect();

    let new_rules = after
        .rules
        .iter()
        .filter_map(|r| {
            let old = start_ledger.rule(&r.id);
            let confirmed_in_period = old.is_some_and(|o| o.candidate) && !r.candidate;
            (old.is_none() || confirmed_in_period)
                .then(|| report_rule(after, r, confirmed_in_period))
        })
        .collect();

    WeeklyReport {
        period,
        as_of,
        start: before.map(ReportCounts::of).unwrap_or_default(),
        end: ReportCounts::of(after),
        status_changes,
        completed,
        progress,
        new_problems,
        removed_problems,
        new_rules,
        overdue,
        reviews: reviews_in(start_ledger, after),
    }
}

/// [`weekly_report_with`] knowing no problem's status at creation: problems created in the
/// period report no status change.
pub fn weekly_report(
    before: Option<&Ledger>,
    after: &Ledger,
    period: Period,
    today: NaiveDate,
) -> WeeklyReport {
    weekly_report_with(before, after, period, today, &HashMap::new())
}

fn status_change(ledger: &Ledger, p: &Problem, number: usize, from: &Status) -> StatusChange {
    StatusChange {
        problem_id: p.id.clone(),
        number,
        title: short_title(&p.description),
        category: category_of(ledger, p),
        from: from.clone(),
        to: p.status.clone(),
    }
}

fn report_rule(ledger: &Ledger, r: &Rule, confirmed_in_period: bool) -> ReportRule {
    let mut problems: Vec<usize> = r
        .problem_ids
        .iter()
        .filter_map(|id| ledger.number_of(id))
        .collect();
    problems.sort_unstable();
    problems.dedup();
    ReportRule {
        rule_id: r.id.clone(),
        title: r.title.clone(),
        kind: r.kind,
        date: r.date,
        candidate: r.candidate,
        confirmed_in_period,
        problems,
    }
}

/// Text on one line: line breaks and runs of white space become one space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl WeeklyReport {
    /// Nothing changed in the period: no status change, completion, progress entry, new or
    /// removed problem, or new rule. Overdue problems are a standing state, not a change,
    /// and do not make a report non-empty.
    pub fn is_empty(&self) -> bool {
        self.status_changes.is_empty()
            && self.completed.is_empty()
            && self.progress.is_empty()
            && self.new_problems.is_empty()
            && self.removed_problems.is_empty()
            && self.new_rules.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn completion_rate_rounds_half_up_to_one_decimal() {
        let rate = |finished, problems| {
            ReportCounts {
                finished,
                problems,
                ..Default::default()
            }
            .completion_rate()
        };
        assert_eq!(rate(1, 3), "33.3%");
        assert_eq!(rate(2, 3), "66.7%");
        assert_eq!(rate(1, 8), "12.5%");
        assert_eq!(rate(1, 16), "6.3%", "6.25 rounds up");
        assert_eq!(rate(0, 5), "0.0%");
        assert_eq!(rate(4, 4), "100.0%");
        assert_eq!(rate(0, 0), "—");
    }

    #[test]
    fn short_titles_are_one_sentence_on_one_line() {
        assert_eq!(short_title("会议记录不规范。"), "会议记录不规范");
        assert_eq!(
            short_title("领导核心弱化。具体表现为以班子会代替党委会。"),
            "领导核心弱化"
        );
        assert_eq!(short_title("第一行\n第二行"), "第一行 第二行");
        let long = "很".repeat(50);
        assert_eq!(short_title(&long), format!("{}…", "很".repeat(40)));
        assert_eq!(
            Period::new(d(2024, 6, 9), d(2024, 6, 3)).from,
            d(2024, 6, 3)
        );
    }
}
