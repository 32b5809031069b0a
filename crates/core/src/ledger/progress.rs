//! 进度: every figure the progress view shows — status counts, completion rates, the
//! by-category and by-department bars, completions over time and the red/yellow list.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::filter::{Counts, LedgerCounts};
use super::light::{light_of, Light};
use super::model::{Ledger, Problem, Status};

/// The department row for problems that name no 责任部门.
pub const NO_DEPARTMENT: &str = "未指定部门";
/// The category row for problems whose category was deleted.
pub const NO_CATEGORY: &str = "未归类的问题";
/// How many characters of 问题表现 a warning row shows.
pub const SHORT_TITLE_CHARS: usize = 30;

/// A share such as 完成率: `part` of `whole`. An empty whole has no rate ("—").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub part: usize,
    pub whole: usize,
}

impl Rate {
    pub fn new(part: usize, whole: usize) -> Rate {
        Rate { part, whole }
    }

    /// Percent, or None when there is nothing to divide by.
    pub fn percent(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 * 100.0 / self.whole as f64)
    }

    /// As the bulletins write it: "100%", "66.7%", or "—" for an empty whole.
    pub fn label(self) -> String {
        match self.percent() {
            None => "—".to_string(),
            Some(p) => {
                let rounded = format!("{p:.1}");
                let trimmed = rounded.strip_suffix(".0").unwrap_or(&rounded);
                format!("{trimmed}%")
            }
        }
    }

    /// Lower rate first (more behind); an empty whole counts as not behind at all.
    pub(crate) fn cmp_behind(self, other: Rate) -> Ordering {
        match (self.whole, other.whole) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            // a/b vs c/d without floats: a·d vs c·b
            _ => (self.part * other.whole).cmp(&(other.part * self.whole)),
        }
    }
}

/// One slice of a stacked bar: a status and how many problems have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// what users read: 未启动, 整改中, 已完成, 长期坚持, 其他状态
    pub label: String,
    /// stable code for styling: not_started, in_progress, done, ongoing, other
    pub code: String,
    pub count: usize,
}

/// The four statuses in reading order, then codes from a newer version (其他状态) if any.
pub fn segments(counts: &Counts) -> Vec<Segment> {
    let mut all: Vec<Segment> = Status::ALL
        .iter()
        .zip([
            counts.not_started,
            counts.in_progress,
            counts.done,
            counts.ongoing,
        ])
        .map(|(s, count)| Segment {
            label: s.label().to_string(),
            code: s.code().to_string(),
            count,
        })
        .collect();
    if counts.other > 0 {
        all.push(Segment {
            label: "其他状态".to_string(),
            code: "other".to_string(),
            count: counts.other,
        });
    }
    all
}

/// One bar of the by-category or by-department chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    /// category title or department name
    pub name: String,
    /// status and light counts of the problems in this group
    pub counts: Counts,
    /// finished ÷ problems
    pub rate: Rate,
}

impl GroupRow {
    fn of<'a>(
        name: String,
        problems: impl IntoIterator<Item = &'a Problem>,
        today: NaiveDate,
        warn_days: i64,
    ) -> GroupRow {
        let counts = Counts::of(problems, today, warn_days);
        let rate = Rate::new(counts.finished(), counts.total);
        GroupRow { name, counts, rate }
    }

    /// Most behind first: lowest completion rate, then most red lights, then most yellow.
    fn cmp_behind(&self, other: &GroupRow) -> Ordering {
        self.rate
            .cmp_behind(other.rate)
            .then(other.counts.red.cmp(&self.counts.red))
            .then(other.counts.yellow.cmp(&self.counts.yellow))
    }
}

/// Completions in one ISO week (Monday to Sunday).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    /// ISO week-numbering year (2024-12-30 belongs to 2025-W01)
    pub year: i32,
    pub week: u32,
    /// the Monday
    pub start: NaiveDate,
    pub completed: usize,
}

impl WeekCount {
    /// "2022-W17"
    pub fn label(&self) -> String {
        format!("{}-W{:02}", self.year, self.week)
    }
}

/// On `date`: how many problems were completed by then, and how many were due by then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CumulativePoint {
    pub date: NaiveDate,
    /// finished problems whose 完成时间 is on or before `date`
    pub completed: usize,
    /// problems whose 整改时限 is on or before `date` (whatever their status)
    pub due: usize,
}

/// Completions over time, from 完成时间 and 整改时限.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// every ISO week from the first completion to the last, empty weeks included
    pub weeks: Vec<WeekCount>,
    /// one point per date on which something was completed or fell due, in date order
    pub cumulative: Vec<CumulativePoint>,
    /// problems with no 整改时限 (not on the deadlines line)
    pub without_deadline: usize,
    /// finished problems with no 完成时间 (not on the completed line)
    pub finished_without_date: usize,
}

impl Timeline {
    fn of(problems: &[Problem]) -> Timeline {
        let completions: Vec<NaiveDate> = problems
            .iter()
            .filter(|p| p.status.is_finished())
            .filter_map(|p| p.completed_on)
            .collect();
        let deadlines: Vec<NaiveDate> = problems.iter().filter_map(|p| p.deadline).collect();

        let mut per_week: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for d in &completions {
            *per_week.entry(monday_of(*d)).or_default() += 1;
        }
        let mut weeks = Vec::new();
        if let (Some(first), Some(last)) = (
            per_week.keys().next().copied(),
            per_week.keys().next_back().copied(),
        ) {
            let mut start = first;
            while start <= last {
                let iso = start.iso_week();
                weeks.push(WeekCount {
                    year: iso.year(),
                    week: iso.week(),
                    start,
                    completed: per_week.get(&start).copied().unwrap_or(0),
                });
                start += Duration::days(7);
            }
        }

        let mut dates: Vec<NaiveDate> = completions.iter().chain(&deadlines).copied().collect();
        dates.sort();
        dates.dedup();
        let cumulative = dates
            .into_iter()
            .map(|date| CumulativePoint {
                date,
                completed: completions.iter().filter(|d| **d <= date).count(),
                due: deadlines.iter().filter(|d| **d <= date).count(),
            })
            .collect();

        Timeline {
            weeks,
            cumulative,
            without_deadline: problems.iter().filter(|p| p.deadline.is_none()).count(),
            finished_without_date: problems
                .iter()
                .filter(|p| p.status.is_finished() && p.completed_on.is_none())
                .count(),
        }
    }
}

/// The dates a cumulative chart spans: the whole timeline, unless a gap that is most of the
/// span holds nothing but deadlines (a 长期坚持 deadline years ahead would squeeze every
/// completion into the chart's left edge); then it ends before that gap and the deadlines
/// after it are `beyond`, marked at its edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeAxis {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// deadlines after `end`
    pub beyond: usize,
    /// the latest of them (`end` when there are none)
    pub latest: NaiveDate,
}

/// The share of the whole span a gap must take (and hold only deadlines after it) for the
/// axis to end before it.
const AXIS_GAP_SHARE: f64 = 0.5;

impl Timeline {
    /// The span of [`Timeline::cumulative`] a chart shows ([`TimeAxis`]); None when empty.
    pub fn axis(&self) -> Option<TimeAxis> {
        let points = &self.cumulative;
        let (first, last) = (points.first()?, points.last()?);
        let whole = TimeAxis {
            start: first.date,
            end: last.date,
            beyond: 0,
            latest: last.date,
        };
        let span = (last.date - first.date).num_days() as f64;
        let widest = points
            .windows(2)
            .enumerate()
            .max_by_key(|(_, w)| (w[1].date - w[0].date).num_days());
        let Some((i, w)) = widest else {
            return Some(whole);
        };
        let gap = (w[1].date - w[0].date).num_days() as f64;
        // nothing completed after the gap: what lies beyond it is deadlines only
        let only_deadlines = last.completed == w[0].completed;
        if span > 0.0 && gap / span > AXIS_GAP_SHARE && only_deadlines {
            return Some(TimeAxis {
                end: points[i].date,
                beyond: last.due - points[i].due,
                ..whole
            });
        }
        Some(whole)
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// A red or yellow problem in the warning list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub problem_id: String,
    /// 1-based number across the ledger
    pub number: usize,
    /// the start of 问题表现
    pub title: String,
    pub owner: String,
    pub departments: Vec<String>,
    pub deadline: NaiveDate,
    pub light: Light,
    /// days from today to the deadline: negative when overdue
    pub days_left: i64,
}

impl Warning {
    /// "逾期 3 天", "今天到期", "剩 2 天"
    pub fn days_label(&self) -> String {
        match self.days_left {
            d if d < 0 => format!("逾期 {} 天", -d),
            0 => "今天到期".to_string(),
            d => format!("剩 {d} 天"),
        }
    }
}

/// The start of a problem's 问题表现: up to its first 。 and at most
/// [`SHORT_TITLE_CHARS`] characters (then "…"); a placeholder when it is empty.
pub fn short_title(description: &str) -> String {
    let text = description.trim();
    let first = text.split('。').next().unwrap_or("").trim();
    if first.is_empty() {
        return "（未填写问题表现）".to_string();
    }
    if first.chars().count() > SHORT_TITLE_CHARS {
        let cut: String = first.chars().take(SHORT_TITLE_CHARS).collect();
        format!("{cut}…")
    } else {
        first.to_string()
    }
}

/// Everything the 进度 view shows, computed from the ledger and today's date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub today: NaiveDate,
    pub warn_days: i64,
    /// problems by status and by light (`other` = unknown status codes, not finished)
    pub problems: Counts,
    /// (已完成 + 长期坚持) ÷ problems
    pub rate: Rate,
    /// categories whose every problem is finished ÷ categories. A category with no problems
    /// counts as a category that is not finished (as [`LedgerCounts`] does for the bulletin).
    pub category_rate: Rate,
    /// one row per category (and 未归类的问题 if any), most behind first
    pub by_category: Vec<GroupRow>,
    /// one row per department (and 未指定部门 if any), most behind first; a problem with
    /// several departments counts in each
    pub by_department: Vec<GroupRow>,
    pub timeline: Timeline,
    /// red, then yellow; most overdue / soonest due first
    pub warnings: Vec<Warning>,
}

impl Progress {
    /// The figures, departments that are equally far along listed by name in code-point order.
    pub fn of(ledger: &Ledger, today: NaiveDate) -> Progress {
        Progress::of_named(ledger, today, &[])
    }

    /// The figures, departments that are equally far along listed in the order of `names`
    /// (the page passes the ledger's departments in the browser's pinyin order; the core has
    /// no collation), then any others by code point.
    pub fn of_named(ledger: &Ledger, today: NaiveDate, names: &[String]) -> Progress {
        let warn_days = ledger.meta.warn_days;
        let counts = LedgerCounts::of(ledger, today);
        let problems = counts.problems;

        // Categories keep ledger order among equals.
        let mut by_category: Vec<GroupRow> = ledger
            .categories
            .iter()
            .map(|c| GroupRow::of(c.title.clone(), ledger.problems_in(&c.id), today, warn_days))
            .collect();
        if ledger.orphan_problems().next().is_some() {
            by_category.push(GroupRow::of(
                NO_CATEGORY.to_string(),
                ledger.orphan_problems(),
                today,
                warn_days,
            ));
        }
        by_category.sort_by(GroupRow::cmp_behind);

        // Departments: by name among equals; 未指定部门 is just another row.
        let mut members: BTreeMap<&str, Vec<&Problem>> = BTreeMap::new();
        for p in &ledger.problems {
            let mut names: Vec<&str> = p
                .departments
                .iter()
                .map(|d| d.trim())
                .filter(|d| !d.is_empty())
                .collect();
            names.sort();
            names.dedup();
            if names.is_empty() {
                names.push(NO_DEPARTMENT);
            }
            for name in names {
                members.entry(name).or_default().push(p);
            }
        }
        let mut by_department: Vec<GroupRow> = members
            .into_iter()
            .map(|(name, ps)| GroupRow::of(name.to_string(), ps, today, warn_days))
            .collect();
        let place = |row: &GroupRow| names.iter().position(|n| *n == row.name);
        by_department.sort_by(|a, b| {
            a.cmp_behind(b)
                .then_with(|| {
                    place(a)
                        .unwrap_or(usize::MAX)
                        .cmp(&place(b).unwrap_or(usize::MAX))
                })
                .then_with(|| a.name.cmp(&b.name))
        });

        let mut warnings: Vec<Warning> = ledger
            .problems
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let light = light_of(p, today, warn_days);
                let deadline = p.deadline?;
                (light != Light::Green).then(|| Warning {
                    problem_id: p.id.clone(),
                    number: i + 1,
                    title: short_title(&p.description),
                    owner: p.owner.clone(),
                    departments: p.departments.clone(),
                    deadline,
                    light,
                    days_left: (deadline - today).num_days(),
                })
            })
            .collect();
        // Red lights are exactly the past deadlines, so the earliest deadline is the most urgent.
        warnings.sort_by_key(|w| (w.deadline, w.number));

        Progress {
            today,
            warn_days,
            rate: Rate::new(problems.finished(), problems.total),
            category_rate: Rate::new(counts.categories_finished, counts.categories),
            problems,
            by_category,
            by_department,
            timeline: Timeline::of(&ledger.problems),
            warnings,
        }
    }

    pub fn red(&self) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(|w| w.light == Light::Red)
    }

    pub fn yellow(&self) -> impl Iterator<Item = &Warning> {
        self.warnings.iter().filter(|w| w.light == Light::Yellow)
    }
}

/// Gridlines for a count axis from 0 to at least `max`: steps of 1, 2, 5, 10, 20, 50…,
/// at most about six lines. Returns the values, the last one ≥ `max` (0 → [0, 1]).
pub fn axis_ticks(max: usize) -> Vec<usize> {
    let max = max.max(1);
    let mut step = 1;
    let mut i = 0;
    while max.div_ceil(step) > 5 {
        step = [2, 5, 10][i % 3] * 10usize.pow((i / 3) as u32);
        i += 1;
    }
    let top = max.div_ceil(step) * step;
    (0..=top / step).map(|k| k * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::model::Category;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn problem(id: &str, category: &str, status: Status) -> Problem {
        Problem {
            id: id.into(),
            category_id: category.into(),
            order: id.into(),
            description: format!("问题{id}。详情"),
            cause: String::new(),
            measures: String::new(),
            progress: String::new(),
            lead: String::new(),
            departments: vec![],
            owner: String::new(),
            deadline: None,
            completed_on: None,
            status,
            evidence: String::new(),
            progress_log: vec![],
            basically_done: false,
            review: None,
        }
    }

    fn ledger(categories: &[&str], problems: Vec<Problem>) -> Ledger {
        Ledger {
            categories: categories
                .iter()
                .map(|c| Category {
                    id: c.to_string(),
                    title: format!("类别{c}"),
                    order: c.to_string(),
                })
                .collect(),
            problems,
            meta: crate::ledger::Meta {
                warn_days: 7,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn rates_are_labelled_as_bulletins_write_them() {
        assert_eq!(Rate::new(0, 0).label(), "—");
        assert_eq!(Rate::new(20, 20).label(), "100%");
        assert_eq!(Rate::new(2, 3).label(), "66.7%");
        assert_eq!(Rate::new(1, 8).label(), "12.5%");
        assert_eq!(Rate::new(0, 5).label(), "0%");
        assert_eq!(Rate::new(1, 3).percent().map(|p| p.round()), Some(33.0));
    }

    #[test]
    fn behind_means_lower_rate_and_empty_groups_last() {
        let half = Rate::new(1, 2);
        assert_eq!(Rate::new(1, 3).cmp_behind(half), Ordering::Less);
        assert_eq!(Rate::new(2, 4).cmp_behind(half), Ordering::Equal);
        assert_eq!(
            Rate::new(0, 0).cmp_behind(Rate::new(5, 5)),
            Ordering::Greater
        );
    }

    #[test]
    fn weeks_fill_gaps_and_cross_the_year() {
        let mut a = problem("a", "c", Status::Done);
        a.completed_on = Some(day(2024, 12, 27)); // Friday of 2024-W52
        let mut b = problem("b", "c", Status::Done);
        b.completed_on = Some(day(2025, 1, 8)); // 2025-W02
        let t = Timeline::of(&[a, b]);
        let labels: Vec<(String, usize)> =
            t.weeks.iter().map(|w| (w.label(), w.completed)).collect();
        assert_eq!(
            labels,
            [
                ("2024-W52".to_string(), 1),
                ("2025-W01".to_string(), 0),
                ("2025-W02".to_string(), 1)
            ]
        );
        assert_eq!(t.weeks[1].start, day(2024, 12, 30));
    }

    #[test]
    fn cumulative_lines_step_on_every_date() {
        let mut a = problem("a", "c", Status::Done);
        a.deadline = Some(day(2022, 5, 31));
        a.completed_on = Some(day(2022, 5, 20));
        let mut b = problem("b", "c", Status::InProgress);
        b.deadline = Some(day(2022, 5, 31));
        b.completed_on = Some(day(2022, 5, 25)); // not finished: not a completion
        let c = problem("c", "c", Status::Ongoing); // no dates at all
        let t = Timeline::of(&[a, b, c]);
        let points: Vec<(NaiveDate, usize, usize)> = t
            .cumulative
            .iter()
            .map(|p| (p.date, p.completed, p.due))
            .collect();
        assert_eq!(points, [(day(2022, 5, 20), 1, 0), (day(2022, 5, 31), 1, 2)]);
        assert_eq!(t.without_deadline, 1);
        assert_eq!(t.finished_without_date, 1);
    }

    #[test]
    fn departments_are_reordered_by_name_only_among_equals() {
        let names = ["办公室", "财务科", "人事科", "综合科", "党建办", "安全科"];
        let mut problems: Vec<Problem> = names
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut p = problem(&format!("p{i}"), "c", Status::Done);
                p.departments = vec![d.to_string()];
                p
            })
            .collect();
        problems[0].status = Status::NotStarted; // 办公室 is behind: first whatever its name
                                                 // a stand-in for the browser's pinyin order
        let pinyin = ["安全科", "办公室", "财务科", "党建办", "人事科", "综合科"].map(String::from);
        let p = Progress::of_named(&ledger(&["c"], problems), day(2024, 1, 1), &pinyin);
        let rows: Vec<&str> = p.by_department.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            rows,
            ["办公室", "安全科", "财务科", "党建办", "人事科", "综合科"]
        );
    }

    #[test]
    fn departments_count_each_problem_once_per_department() {
        let mut a = problem("a", "c", Status::Done);
        a.departments = vec![
            "财政金融局".into(),
            "党政办公室".into(),
            "财政金融局".into(),
        ];
        let b = problem("b", "c", Status::NotStarted);
        let p = Progress::of(&ledger(&["c"], vec![a, b]), day(2024, 1, 1));
        let rows: Vec<(&str, usize, usize)> = p
            .by_department
            .iter()
            .map(|r| (r.name.as_str(), r.counts.total, r.counts.finished()))
            .collect();
        assert_eq!(
            rows,
            [
                (NO_DEPARTMENT, 1, 0),
                ("党政办公室", 1, 1),
                ("财政金融局", 1, 1)
            ]
        );
    }

    #[test]
    fn warnings_most_urgent_first_with_days() {
        let today = day(2024, 3, 10);
        let mut late = problem("late", "c", Status::InProgress);
        late.deadline = Some(day(2024, 3, 1));
        let mut later = problem("later", "c", Status::NotStarted);
        later.deadline = Some(day(2024, 3, 8));
        let mut soon = problem("soon", "c", Status::InProgress);
        soon.deadline = Some(day(2024, 3, 10));
        let mut far = problem("far", "c", Status::InProgress);
        far.deadline = Some(day(2024, 4, 10));
        let p = Progress::of(&ledger(&["c"], vec![soon, later, far, late]), today);
        let got: Vec<(&str, usize, Light, String)> = p
            .warnings
            .iter()
            .map(|w| (w.problem_id.as_str(), w.number, w.light, w.days_label()))
            .collect();
        assert_eq!(
            got,
            [
                ("late", 4, Light::Red, "逾期 9 天".to_string()),
                ("later", 2, Light::Red, "逾期 2 天".to_string()),
                ("soon", 1, Light::Yellow, "今天到期".to_string()),
            ]
        );
        assert_eq!(p.warnings[0].title, "问题late");
        assert_eq!((p.red().count(), p.yellow().count()), (2, 1));
    }

    #[test]
    fn short_titles() {
        assert_eq!(
            short_title("  会议记录不规范。另有说明。"),
            "会议记录不规范"
        );
        assert_eq!(short_title(""), "（未填写问题表现）");
        let long = "长".repeat(40);
        assert_eq!(short_title(&long), format!("{}…", "长".repeat(30)));
    }

    fn timeline(completed: &[&str], due: &[&str]) -> Timeline {
        let date = |s: &&str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut problems = vec![];
        for (i, d) in completed.iter().enumerate() {
            let mut p = problem(&format!("c{i}"), "c", Status::Done);
            p.completed_on = Some(date(d));
            problems.push(p);
        }
        for (i, d) in due.iter().enumerate() {
            let mut p = problem(&format!("d{i}"), "c", Status::InProgress);
            p.deadline = Some(date(d));
            problems.push(p);
        }
        Timeline::of(&problems)
    }

    #[test]
    fn the_time_axis_ends_before_far_deadlines_only() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // a 2022 round with two 长期 deadlines in 2027: the axis is 2022's
        let t = timeline(
            &["2022-04-10", "2022-05-20", "2022-06-15"],
            &["2022-04-30", "2022-06-30", "2027-06-30", "2027-12-31"],
        );
        let axis = t.axis().unwrap();
        assert_eq!((axis.start, axis.end), (d("2022-04-10"), d("2022-06-30")));
        assert_eq!((axis.beyond, axis.latest), (2, d("2027-12-31")));
        // a completion after the gap is activity: the whole span is shown
        let t = timeline(&["2022-04-10", "2027-01-05"], &["2022-04-30", "2027-06-30"]);
        assert_eq!(t.axis().unwrap().beyond, 0);
        assert_eq!(t.axis().unwrap().end, d("2027-06-30"));
        // evenly spread dates: the whole span
        let t = timeline(&["2022-01-10", "2022-03-10"], &["2022-02-10", "2022-04-10"]);
        assert_eq!(
            (t.axis().unwrap().end, t.axis().unwrap().beyond),
            (d("2022-04-10"), 0)
        );
        // one date, or none
        assert_eq!(timeline(&["2022-01-10"], &[]).axis().unwrap().beyond, 0);
        assert_eq!(timeline(&[], &[]).axis(), None);
    }

    #[test]
    fn axis_ticks_are_round() {
        assert_eq!(axis_ticks(0), [0, 1]);
        assert_eq!(axis_ticks(3), [0, 1, 2, 3]);
        assert_eq!(axis_ticks(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(axis_ticks(7), [0, 2, 4, 6, 8]);
        assert_eq!(axis_ticks(20), [0, 5, 10, 15, 20]);
        assert_eq!(axis_ticks(23), [0, 5, 10, 15, 20, 25]);
        assert_eq!(axis_ticks(40), [0, 10, 20, 30, 40]);
        assert_eq!(axis_ticks(120), [0, 50, 100, 150]);
    }
}
