//! The facts of the opening paragraph: the unit's short name, the inspection group and
//! kind, the dates.

use chrono::{Datelike, NaiveDate};

use super::numbers::{full_date, month_day, starts, take_num_then};

pub(super) const UNIT_ENDINGS: [&str; 12] = [
    "委员会",
    "党委",
    "党组",
    "党工委",
    "政府",
    "局",
    "办公室",
    "公司",
    "中心",
    "委",
    "院",
    "部",
];

pub(super) fn read_unit_short(opening: &str) -> String {
    let Some(i) = opening.find("以下简称") else {
        return String::new();
    };
    let rest = opening[i + "以下简称".len()..].trim_start_matches(['：', ':', '“', '"', ' ', '为']);
    rest.split(['）', '”', '"', ')', '，', '。'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

pub(super) fn read_group(opening: &str) -> String {
    const GROUPS: [&str; 6] = ["巡察组", "巡视组", "审计组", "督查组", "检查组", "督导组"];
    let Some((i, g)) = GROUPS
        .iter()
        .filter_map(|g| opening.find(g).map(|i| (i, *g)))
        .min()
    else {
        return String::new();
    };
    let before = &opening[..i];
    let start = before
        .rfind(|c: char| "，。；、：,".contains(c) || c.is_ascii_digit() || c == '日')
        .map(|j| j + before[j..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    format!("{}{}", &before[start..], g)
}

pub(super) fn read_kind(opening: &str, title: &str) -> String {
    for verb in ["开展了", "进行了", "开展"] {
        if let Some(i) = opening.find(verb) {
            let rest = &opening[i + verb.len()..];
            let kind = rest.split(['。', '，', '；']).next().unwrap_or("").trim();
            if ["巡察", "巡视", "审计", "督查", "检查"]
                .iter()
                .any(|w| kind.contains(w))
                && kind.chars().count() <= 20
            {
                return kind.to_string();
            }
        }
    }
    for kind in [
        "巡察“回头看”",
        "巡视“回头看”",
        "专项巡察",
        "专项巡视",
        "巡察",
        "巡视",
        "审计",
        "督查",
    ] {
        if opening.contains(kind) || title.contains(kind) {
            return kind.to_string();
        }
    }
    String::new()
}

pub(super) struct OpeningFacts {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub feedback: String,
    pub as_of: Option<(u32, u32, Option<i32>)>,
}

pub(super) fn read_dates(opening: &str) -> OpeningFacts {
    let mut facts = OpeningFacts {
        from: None,
        to: None,
        feedback: String::new(),
        as_of: None,
    };
    let mut range_end = 0;
    for (_, s) in starts(opening) {
        let Some((from, rest)) = full_date(s) else {
            continue;
        };
        let Some(rest) = ["至", "到", "—", "－", "-", "~"]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))
        else {
            continue;
        };
        let to = full_date(rest).map(|(d, r)| (Some(d), r)).or_else(|| {
            month_day(rest).map(|((m, d), r)| (NaiveDate::from_ymd_opt(from.year(), m, d), r))
        });
        if let Some((to, r)) = to {
            facts.from = Some(from);
            facts.to = to;
            range_end = opening.len() - r.len();
            break;
        }
    }
    if let Some(pos) = opening[range_end..].find("反馈").map(|p| p + range_end) {
        for (i, s) in starts(&opening[range_end..pos]) {
            let y_end = 4;
            if !s
                .get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                || !s[4..].starts_with('年')
            {
                continue;
            }
            if let Some((_, rest)) = take_num_then(&s[y_end + '年'.len_utf8()..], '月') {
                let rest = take_num_then(rest, '日').map_or(rest, |(_, r)| r);
                let len = s.len() - rest.len();
                facts.feedback = opening[range_end + i..range_end + i + len].to_string();
            }
        }
    }
    for marker in ["截至", "截止到", "截止", "截至到"] {
        if let Some(i) = opening.find(marker) {
            let rest = &opening[i + marker.len()..];
            if let Some((d, _)) = full_date(rest) {
                facts.as_of = Some((d.month(), d.day(), Some(d.year())));
            } else if let Some(((m, d), _)) = month_day(rest) {
                facts.as_of = Some((m, d, None));
            }
            if facts.as_of.is_some() {
                break;
            }
        }
    }
    facts
}

// ───────────────────────────── the parse ─────────────────────────────
pub(super) fn unit_from_title(title: &str) -> Option<String> {
    let cut = ["关于", "巡察", "巡视", "审计", "督查"]
        .iter()
        .filter_map(|w| title.find(w))
        .min()?;
    let unit = &title[..cut];
    UNIT_ENDINGS
        .iter()
        .any(|w| unit.ends_with(w))
        .then(|| unit.to_string())
}

/// The meta read from the opening paragraphs: short name, group, kind, unit, dates, name.
pub(super) fn fill_meta(meta: &mut rectify_core::ledger::Meta, opening: &str) {
    meta.unit_short = read_unit_short(opening);
    meta.inspection_group = read_group(opening);
    meta.inspection_kind = read_kind(opening, &meta.title);
    meta.unit = if !meta.signature.is_empty() {
        meta.signature.clone()
    } else if let Some(unit) = unit_from_title(&meta.title) {
        unit
    } else {
        meta.header
            .strip_suffix("文件")
            .unwrap_or_default()
            .to_string()
    };
    let facts = read_dates(opening);
    meta.inspection_from = facts.from;
    meta.inspection_to = facts.to;
    meta.feedback_date = facts.feedback;
    if let Some((m, d, year)) = facts.as_of {
        let year = year
            .or_else(|| meta.feedback_date.get(..4).and_then(|y| y.parse().ok()))
            .or(meta.issue_date.map(|d| d.year()))
            .or(meta.inspection_to.map(|d| d.year()));
        if let Some(y) = year {
            let mut date = NaiveDate::from_ymd_opt(y, m, d);
            if let (Some(a), Some(to)) = (date, meta.inspection_to.or(meta.inspection_from)) {
                if a < to {
                    date = NaiveDate::from_ymd_opt(y + 1, m, d);
                }
            }
            meta.as_of = date;
        }
    }
    let short = if meta.unit_short.is_empty() {
        &meta.unit
    } else {
        &meta.unit_short
    };
    meta.name = if short.is_empty() {
        "从通报导入的整改台账".to_string()
    } else {
        format!("{short}整改台账")
    };
}
