//! A cell's words read as the ledger's values: dates (as Excel stores them and as people
//! write them), statuses, 《rule titles》 and departments.

use chrono::{Duration, NaiveDate};

use rectify_core::ledger::{parse_date, says_basically_done, Status};

/// Excel's day numbers: 1 is 1900-01-01 (counted from 1899-12-30, past Excel's 1900-02-29).
pub(super) fn date_of_serial(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// A date written as text: 2022-06-30, 2022/6/30, 2022年6月30日, 2022.6.30, also with 前
/// after it; a month alone (2022年6月, 2022年6月底) means its last day.
pub fn date_from_text(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t
        .strip_suffix("之前")
        .or_else(|| t.strip_suffix("以前"))
        .or_else(|| t.strip_suffix('前'))
        .unwrap_or(t)
        .trim();
    if let Some(d) = parse_date(t) {
        return Some(d);
    }
    // a date and a time (2022-06-30 00:00:00)
    if let Some((day, _)) = t.split_once([' ', 'T']) {
        if let Some(d) = parse_date(day) {
            return Some(d);
        }
    }
    let month = t
        .trim_end_matches(['底', '末'])
        .trim_end_matches('月')
        .replace(['年', '/', '.', '．'], "-");
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, u32) = (y.trim().parse().ok()?, m.trim().parse().ok()?);
    let first_of_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    first_of_next.pred_opt()
}

/// The 整改状态 a cell's text means, by the ledger's status words. Returns the status and
/// whether the text was, whole, a status label or word (false: an assumption, reported in the
/// preview). Empty means 未启动, or 已完成 when the row gives a 完成时间.
pub fn status_from_text(text: &str, has_completed_on: bool) -> (Status, bool) {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return if has_completed_on {
            (Status::Done, true)
        } else {
            (Status::NotStarted, true)
        };
    }
    if let Some(s) = Status::from_label(&t) {
        return (s, true);
    }
    match Status::said_in(&t) {
        Some(s) => {
            let known = Status::is_status_word(&t) || says_basically_done(&s, &t);
            (s, known)
        }
        None => (Status::InProgress, false),
    }
}

/// Rule titles in a 建章立制 cell: each 《…》, or else the parts between 、；; and line breaks.
pub(super) fn rule_titles(text: &str) -> Vec<String> {
    let mut titles = Vec::new();
    if text.contains('《') {
        let mut rest = text;
        while let Some(open) = rest.find('《') {
            let after = &rest[open + '《'.len_utf8()..];
            let Some(close) = after.find('》') else {
                break;
            };
            titles.push(after[..close].trim().to_string());
            rest = &after[close + '》'.len_utf8()..];
        }
    } else {
        titles.extend(
            text.split(['、', '；', ';', '\n'])
                .map(|t| t.trim().to_string()),
        );
    }
    titles.retain(|t| !t.is_empty() && t != "无" && t != "/");
    let mut unique: Vec<String> = Vec::new();
    for t in titles {
        if !unique.contains(&t) {
            unique.push(t);
        }
    }
    unique
}

/// Several departments in one cell: 、，,；;/ and line breaks separate them.
pub(super) fn departments_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in text.split(['、', '，', ',', '；', ';', '/', '／', '\n']) {
        let d = d.trim();
        if !d.is_empty() && !out.iter().any(|o| o == d) {
            out.push(d.to_string());
        }
    }
    out
}
