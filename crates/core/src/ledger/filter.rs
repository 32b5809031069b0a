//! The checklist filter (status, department, light, free text) and the counts shown
//! beside it. Pure functions over a [`Ledger`]; the UI only holds the filter's values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::light::{light_of, Light};
use super::model::{Ledger, Problem, ReviewState, Status};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub status: Option<Status>,
    pub department: Option<String>,
    pub light: Option<Light>,
    /// the office's 销号 review: 待销号, 已销号 or 退回
    #[serde(default)]
    pub review: Option<ReviewState>,
    /// matched against every text field of a problem, its category title and its number
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.department.is_none()
            && self.light.is_none()
            && self.review.is_none()
            && self.text.trim().is_empty()
    }

    /// The problem number the search asks for, when the whole search is one: "17", "第17项",
    /// "17号", "17项", "#17" (full-width digits too). [`Filter::apply`] lists that problem
    /// first, then the problems whose text has the words.
    pub fn number(&self) -> Option<usize> {
        number_in(self.text.trim())
    }

    pub fn matches(&self, ledger: &Ledger, problem: &Problem, today: NaiveDate) -> bool {
        let number = ledger.number_of(&problem.id).unwrap_or(0);
        self.matches_numbered(ledger, problem, number, today)
    }

    /// [`Filter::matches`] for a problem whose number the caller already knows.
    fn matches_numbered(
        &self,
        ledger: &Ledger,
        problem: &Problem,
        number: usize,
        today: NaiveDate,
    ) -> bool {
        if let Some(status) = &self.status {
            if &problem.status != status {
                return false;
            }
        }
        if let Some(dept) = &self.department {
            if !problem.departments.iter().any(|d| d == dept) {
                return false;
            }
        }
        if let Some(light) = self.light {
            if light_of(problem, today, ledger.meta.warn_days) != light {
                return false;
            }
        }
        if self.review.is_some() && problem.review_state() != self.review {
            return false;
        }
        let needle = self.text.trim();
        if needle.is_empty() {
            return true;
        }
        let category = ledger
            .category(&problem.category_id)
            .map(|c| c.title.as_str());
        let fields = [
            problem.description.as_str(),
            problem.cause.as_str(),
            problem.measures.as_str(),
            problem.progress.as_str(),
            problem.lead.as_str(),
            problem.owner.as_str(),
            problem.evidence.as_str(),
            category.unwrap_or(""),
        ];
        needle.split_whitespace().all(|word| {
            fields.iter().any(|f| f.contains(word))
                || problem.departments.iter().any(|d| d.contains(word))
                || problem.progress_log.iter().any(|e| e.text.contains(word))
                || number_in(word) == Some(number)
        })
    }

    /// The problems the filter shows, in ledger order; when the search is a number
    /// ([`Filter::number`]), the problem with that number comes first.
    pub fn apply<'a>(&self, ledger: &'a Ledger, today: NaiveDate) -> Vec<&'a Problem> {
        let mut shown: Vec<(usize, &Problem)> = ledger
            .problems
            .iter()
            .enumerate()
            .filter(|(i, p)| self.matches_numbered(ledger, p, i + 1, today))
            .collect();
        // the numbered one first, the others keep ledger order
        let numbered = self
            .number()
            .and_then(|n| shown.iter().position(|(i, _)| i + 1 == n));
        if let Some(at) = numbered {
            shown[..=at].rotate_right(1);
        }
        shown.into_iter().map(|(_, p)| p).collect()
    }
}

/// A problem number as people write one in a search: "17", "第17项", "17号", "17项", "#17",
/// in ASCII or full-width digits. None for anything else ("4月17日", "17a", "0").
fn number_in(word: &str) -> Option<usize> {
    let word = word.trim();
    let word = ["第", "#", "＃", "No.", "no."]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    let word = ["项", "号", "题"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word)
        .trim();
    if word.is_empty() || word.chars().count() > 6 {
        return None;
    }
    let digits: Option<String> = word
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    digits?.parse().ok().filter(|&n| n > 0)
}

/// Counts over a set of problems: by status and by light, and how many are finished.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub total: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub done: usize,
    pub ongoing: usize,
    pub other: usize,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    /// 整改中 and flagged 基本完成、持续整改 (also counted in `in_progress`)
    #[serde(default)]
    pub basically_done: usize,
    /// the 销号 review ([`ReviewState`]): 待销号, 已销号, 退回
    #[serde(default)]
    pub awaiting_sign_off: usize,
    #[serde(default)]
    pub signed_off: usize,
    #[serde(default)]
    pub returned: usize,
}

impl Counts {
    pub fn of<'a>(
        problems: impl IntoIterator<Item = &'a Problem>,
        today: NaiveDate,
        warn_days: i64,
    ) -> Counts {
        let mut c = Counts::default();
        for p in problems {
            c.total += 1;
            match p.status {
                Status::NotStarted => c.not_started += 1,
                Status::InProgress => c.in_progress += 1,
                Status::Done => c.done += 1,
                Status::Ongoing => c.ongoing += 1,
                Status::Unknown(_) => c.other += 1,
            }
            match light_of(p, today, warn_days) {
                Light::Red => c.red += 1,
                Light::Yellow => c.yellow += 1,
                Light::Green => c.green += 1,
            }
            c.basically_done += usize::from(p.basically_done());
            match p.review_state() {
                Some(ReviewState::Awaiting) => c.awaiting_sign_off += 1,
                Some(ReviewState::SignedOff) => c.signed_off += 1,
                Some(ReviewState::Returned) => c.returned += 1,
                None => {}
            }
        }
        c
    }

    /// Add another set's counts (a round's totals over its units).
    pub fn add(&mut self, other: &Counts) {
        let pairs = [
            (&mut self.total, other.total),
            (&mut self.not_started, other.not_started),
            (&mut self.in_progress, other.in_progress),
            (&mut self.done, other.done),
            (&mut self.ongoing, other.ongoing),
            (&mut self.other, other.other),
            (&mut self.red, other.red),
            (&mut self.yellow, other.yellow),
            (&mut self.green, other.green),
            (&mut self.basically_done, other.basically_done),
            (&mut self.awaiting_sign_off, other.awaiting_sign_off),
            (&mut self.signed_off, other.signed_off),
            (&mut self.returned, other.returned),
        ];
        for (mine, theirs) in pairs {
            *mine += theirs;
        }
    }

    /// 已完成 + 长期坚持: 完成整改, what every completion rate counts
    pub fn finished(&self) -> usize {
        self.done + self.ongoing
    }

    /// 未完成: neither finished nor 基本完成 (未启动, 整改中 without the flag, other statuses)
    pub fn unfinished(&self) -> usize {
        self.total - self.finished() - self.basically_done
    }
}

/// Ledger-wide figures: problems by status and light, and categories whose every problem
/// is finished (what the bulletin counts as 已整改完毕 when counting by category).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerCounts {
    pub problems: Counts,
    pub categories: usize,
    pub categories_finished: usize,
    /// 建章立制 confirmed (counted in the bulletin)
    pub rules: usize,
    /// 建章立制 待确认 (listed, not counted)
    pub rule_candidates: usize,
}

impl LedgerCounts {
    pub fn of(ledger: &Ledger, today: NaiveDate) -> LedgerCounts {
        let rules = ledger.confirmed_rules();
        LedgerCounts {
            problems: Counts::of(&ledger.problems, today, ledger.meta.warn_days),
            categories: ledger.categories.len(),
            categories_finished: ledger.finished_categories(),
            rules,
            rule_candidates: ledger.rules.len() - rules,
        }
    }
}
