//! 汇总: a round's figures across its units, each unit's counted by the same functions as its
//! own bulletin and 进度 (`Progress::of`, `LedgerCounts::of`), then summed — no second copy
//! of any counting rule. The rollup sentence ("巡察反馈的697个问题，完成整改688个，…") and the
//! completion rate rule live here.
//!
//! Completion rate (总体完成率) = 完成整改 (已完成 + 长期坚持) ÷ problems, as a percentage
//! rounded half up to two decimals, trailing zeros dropped (98.71%, 98.7%, 100%). 基本完成并
//! 持续整改 is not complete: it counts apart, and 未完成 is the rest (未启动, 整改中 without
//! the flag, statuses of a newer version).

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Round;
use crate::document::{Author, LedgerDoc};
use crate::ledger::filter::{Counts, LedgerCounts};
use crate::ledger::progress::{Progress, Rate, Warning};
use crate::ledger::Ledger;

/// When a unit's ledger last changed and who changed it (from its own history).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitActivity {
    /// seconds since the epoch of its latest change
    pub last_change: Option<i64>,
    pub last_author: Option<Author>,
}

impl UnitActivity {
    /// From the ledger's change history: its newest change.
    pub fn of(doc: &mut LedgerDoc) -> UnitActivity {
        let newest = doc.history().into_iter().next();
        UnitActivity {
            last_change: newest.as_ref().map(|e| e.time),
            last_author: newest.map(|e| e.author),
        }
    }
}

/// One unit's row of the rollup.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRow {
    pub ledger_id: String,
    /// the unit's name as the round lists it
    pub name: String,
    /// problems by status, light and 销号 review
    pub counts: Counts,
    /// 建章立制 confirmed
    pub rules: usize,
    /// 完成整改 ÷ problems
    pub rate: Rate,
    pub activity: UnitActivity,
    /// red, then yellow ([`Progress`]'s list)
    pub warnings: Vec<Warning>,
}

impl UnitRow {
    fn of(
        ledger_id: &str,
        name: &str,
        ledger: &Ledger,
        activity: UnitActivity,
        today: NaiveDate,
    ) -> UnitRow {
        let progress = Progress::of(ledger, today);
        UnitRow {
            ledger_id: ledger_id.to_string(),
            name: name.to_string(),
            rules: LedgerCounts::of(ledger, today).rules,
            counts: progress.problems,
            rate: progress.rate,
            activity,
            warnings: progress.warnings,
        }
    }

    /// Most behind first: lowest rate, most red, most yellow, then by name.
    fn cmp_behind(&self, other: &UnitRow) -> Ordering {
        self.rate
            .cmp_behind(other.rate)
            .then(other.counts.red.cmp(&self.counts.red))
            .then(other.counts.yellow.cmp(&self.counts.yellow))
            .then_with(|| self.name.cmp(&other.name))
    }
}

/// The round's totals: every unit's counts summed, and the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundTotals {
    pub problems: Counts,
    pub rules: usize,
}

impl RoundTotals {
    /// 完成整改 ÷ problems.
    pub fn rate(&self) -> Rate {
        Rate::new(self.problems.finished(), self.problems.total)
    }

    /// "巡察反馈的697个问题，完成整改688个，基本完成并持续整改4个，未完成5个，总体完成率98.71%"
    /// (a clause whose count is 0 is left out, but for 完成整改).
    pub fn sentence(&self) -> String {
        let c = &self.problems;
        let mut s = format!("巡察反馈的{}个问题，完成整改{}个", c.total, c.finished());
        if c.basically_done > 0 {
            s.push_str(&format!("，基本完成并持续整改{}个", c.basically_done));
        }
        if c.unfinished() > 0 {
            s.push_str(&format!("，未完成{}个", c.unfinished()));
        }
        s.push_str(&format!("，总体完成率{}", percent_hundredths(self.rate())));
        s
    }

    /// "完善和新建制度589项"
    pub fn rules_sentence(&self) -> String {
        format!("完善和新建制度{}项", self.rules)
    }
}

/// A rate as the round's report writes it: two decimals rounded half up, trailing zeros
/// dropped (98.71%, 98.7%, 100%); "—" for an empty whole.
pub fn percent_hundredths(rate: Rate) -> String {
    if rate.whole == 0 {
        return "—".to_string();
    }
    let hundredths = (rate.part * 20_000 + rate.whole) / (2 * rate.whole);
    let (int, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => format!("{int}%"),
        f if f % 10 == 0 => format!("{int}.{}%", f / 10),
        f => format!("{int}.{f:02}%"),
    }
}

/// The rollup of a round: a row per unit (most behind first), the totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollup {
    pub rows: Vec<UnitRow>,
    pub totals: RoundTotals,
}

impl Rollup {
    /// The rollup of `round` from its units' ledgers as read (`ledgers`: ledger id, the read
    /// ledger, its activity). A unit whose ledger is not given is left out of the figures.
    pub fn of(
        round: &Round,
        ledgers: &[(&str, &Ledger, UnitActivity)],
        today: NaiveDate,
    ) -> Rollup {
        let mut rows: Vec<UnitRow> = round
            .units
            .iter()
            .filter_map(|u| {
                let (_, ledger, activity) = ledgers.iter().find(|(id, _, _)| *id == u.ledger_id)?;
                Some(UnitRow::of(
                    &u.ledger_id,
                    &u.name,
                    ledger,
                    activity.clone(),
                    today,
                ))
            })
            .collect();
        rows.sort_by(UnitRow::cmp_behind);
        let mut totals = RoundTotals::default();
        for row in &rows {
            totals.problems.add(&row.counts);
            totals.rules += row.rules;
        }
        Rollup { rows, totals }
    }

    /// The red and yellow problems across units, most overdue first: (unit, warning).
    pub fn warnings(&self) -> Vec<(&UnitRow, &Warning)> {
        let mut all: Vec<(&UnitRow, &Warning)> = self
            .rows
            .iter()
            .flat_map(|r| r.warnings.iter().map(move |w| (r, w)))
            .collect();
        all.sort_by(|(ra, a), (rb, b)| {
            (a.days_left, &ra.name, a.number).cmp(&(b.days_left, &rb.name, b.number))
        });
        all
    }
}
