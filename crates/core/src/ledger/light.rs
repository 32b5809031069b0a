//! Warning lights (预警): red when past deadline and not done, yellow when due soon.
//! Derived from status, deadline and today's date; never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::Problem;

/// The default number of days before a deadline that a problem turns yellow.
pub const DEFAULT_WARN_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Light {
    Red,
    Yellow,
    Green,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Red, Light::Yellow, Light::Green];

    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }

    pub fn from_code(code: &str) -> Option<Light> {
        Light::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Red: deadline before today and not finished. Yellow: not finished and the deadline is
/// today or within `warn_days` days. Green: everything else, including no deadline.
pub fn light_of(problem: &Problem, today: NaiveDate, warn_days: i64) -> Light {
    if problem.status.is_finished() {
        return Light::Green;
    }
    match problem.deadline {
        None => Light::Green,
        Some(deadline) => {
            let days_left = (deadline - today).num_days();
            if days_left < 0 {
                Light::Red
            } else if days_left <= warn_days {
                Light::Yellow
            } else {
                Light::Green
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::model::Status;

    fn problem(status: Status, deadline: Option<NaiveDate>) -> Problem {
        Problem {
            id: "p".into(),
            category_id: "c".into(),
            order: "80".into(),
            description: String::new(),
            cause: String::new(),
            measures: String::new(),
            progress: String::new(),
            lead: String::new(),
            departments: vec![],
            owner: String::new(),
            deadline,
            completed_on: None,
            status,
            evidence: String::new(),
            progress_log: vec![],
            basically_done: false,
            review: None,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, d).unwrap()
    }

    #[test]
    fn lights_at_the_boundaries() {
        let today = day(10);
        let at = |deadline| light_of(&problem(Status::InProgress, Some(deadline)), today, 7);
        assert_eq!(at(day(9)), Light::Red, "one day overdue");
        assert_eq!(at(day(10)), Light::Yellow, "due today is not overdue");
        assert_eq!(at(day(17)), Light::Yellow, "exactly 7 days left");
        assert_eq!(at(day(18)), Light::Green, "8 days left");
    }

    #[test]
    fn finished_or_undated_problems_are_green() {
        let today = day(10);
        for s in [Status::Done, Status::Ongoing] {
            assert_eq!(light_of(&problem(s, Some(day(1))), today, 7), Light::Green);
        }
        assert_eq!(
            light_of(&problem(Status::NotStarted, None), today, 7),
            Light::Green
        );
        assert_eq!(
            light_of(&problem(Status::NotStarted, Some(day(1))), today, 7),
            Light::Red
        );
    }

    #[test]
    fn warn_days_is_a_setting() {
        let p = problem(Status::InProgress, Some(day(13)));
        assert_eq!(light_of(&p, day(10), 2), Light::Green);
        assert_eq!(light_of(&p, day(10), 3), Light::Yellow);
    }
}
