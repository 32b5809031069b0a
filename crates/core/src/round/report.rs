//! The round's report as text (巡察整改进展情况的通报, the rollup genre): a title, an opening
//! with the round's dates and the rollup sentence, one line per unit (most behind first),
//! the overdue problems across units. Plain text to print or paste; the figures are the
//! rollup's ([`Rollup`]), never counted again here.

use super::rollup::{percent_hundredths, Rollup};
use super::Round;
use crate::ledger::full_date;

/// The report of `round` from its `rollup`, as plain text (Chinese: it is a document).
pub fn round_report_text(round: &Round, rollup: &Rollup) -> String {
    let name = if round.name.trim().is_empty() {
        "本轮巡察"
    } else {
        round.name.trim()
    };
    let mut out = vec![
        format!("关于{name}反馈问题整改进展情况的通报"),
        String::new(),
    ];
    let when = match (round.from, round.to) {
        (Some(from), Some(to)) => format!("{}至{}，", full_date(from), full_date(to)),
        (Some(from), None) => format!("{}起，", full_date(from)),
        _ => String::new(),
    };
    let body = round.body.trim();
    let totals = &rollup.totals;
    out.push(format!(
        "{when}{body}对{}个单位开展巡察。截至目前，{}，{}。",
        rollup.rows.len(),
        totals.sentence(),
        totals.rules_sentence()
    ));
    out.push(String::new());
    out.push("一、各单位整改情况".to_string());
    for (i, row) in rollup.rows.iter().enumerate() {
        let c = &row.counts;
        let mut line = format!(
            "{}. {}：问题{}个，完成整改{}个",
            i + 1,
            row.name,
            c.total,
            c.finished()
        );
        if c.basically_done > 0 {
            line.push_str(&format!("，基本完成并持续整改{}个", c.basically_done));
        }
        if c.unfinished() > 0 {
            line.push_str(&format!("，未完成{}个", c.unfinished()));
        }
        line.push_str(&format!("，完成率{}", percent_hundredths(row.rate)));
        if c.red > 0 {
            line.push_str(&format!("，逾期{}个", c.red));
        }
        line.push_str(&format!("，建章立制{}项。", row.rules));
        out.push(line);
    }
    out.push(String::new());
    out.push("二、逾期未完成的问题".to_string());
    let overdue: Vec<String> = rollup
        .warnings()
        .into_iter()
        .filter(|(_, w)| w.days_left < 0)
        .enumerate()
        .map(|(i, (row, w))| {
            format!(
                "{}. {} 第{}项 {}（{}）",
                i + 1,
                row.name,
                w.number,
                w.title,
                w.days_label()
            )
        })
        .collect();
    if overdue.is_empty() {
        out.push("无".to_string());
    }
    out.extend(overdue);
    let mut text = out.join("\n");
    text.push('\n');
    text
}
