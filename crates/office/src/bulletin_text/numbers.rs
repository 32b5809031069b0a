//! Numbers as bulletins write them: 一..九十九, full-width digits, dates, and a count
//! followed by its counter word.

use chrono::NaiveDate;

pub(super) const CN_DIGITS: &str = "一二三四五六七八九十";

/// 一..九十九 (and 零/〇 ignored) → number.
pub(super) fn cn_number(s: &str) -> Option<usize> {
    let digit = |c: char| CN_DIGITS.chars().position(|d| d == c).map(|p| p + 1);
    let v: Vec<char> = s.chars().collect();
    match v.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b).filter(|d| *d < 10)?),
        [a, '十'] => Some(digit(*a).filter(|d| *d < 10)? * 10),
        [a, '十', b] => Some(digit(*a).filter(|d| *d < 10)? * 10 + digit(*b).filter(|d| *d < 10)?),
        _ => None,
    }
}

pub(super) fn split_cn_numeral(s: &str) -> Option<(usize, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !CN_DIGITS.contains(*c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if end == 0 || end > 9 {
        return None;
    }
    Some((cn_number(&s[..end])?, &s[end..]))
}

pub(super) fn split_digits(s: &str) -> Option<(usize, &str)> {
    let mut n = 0usize;
    let mut len = 0;
    for (i, c) in s.char_indices() {
        let d = match c {
            '0'..='9' => c as usize - '0' as usize,
            '０'..='９' => c as usize - '０' as usize,
            _ => break,
        };
        n = n * 10 + d;
        len = i + c.len_utf8();
        if n > 999 {
            return None;
        }
    }
    (len > 0).then(|| (n, &s[len..]))
}
pub(super) fn take_num_then(s: &str, unit: char) -> Option<(u32, &str)> {
    let (n, rest) = split_digits(s)?;
    let rest = rest.strip_prefix(unit)?;
    Some((u32::try_from(n).ok()?, rest))
}

/// "2021年12月6日" at the start of `s`, and the rest.
pub(super) fn full_date(s: &str) -> Option<(NaiveDate, &str)> {
    let year = s.get(..4)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) || !s[4..].starts_with('年') {
        return None;
    }
    let end = 4;
    let y: i32 = year.parse().ok()?;
    if !(1900..=2999).contains(&y) {
        return None;
    }
    let (m, rest) = take_num_then(&s[end + '年'.len_utf8()..], '月')?;
    let (d, rest) = take_num_then(rest, '日')?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, rest))
}

/// "6月24日" at the start of `s`.
pub(super) fn month_day(s: &str) -> Option<((u32, u32), &str)> {
    let (m, rest) = take_num_then(s, '月')?;
    let (d, rest) = take_num_then(rest, '日')?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(((m, d), rest))
}

pub(super) fn starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.char_indices().map(move |(i, _)| (i, &s[i..]))
}
