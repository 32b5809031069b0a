//! Line cleaning and the small line tests: spaces and marks made uniform, page numbers,
//! dates, 发文字号, sentence ends.

use chrono::NaiveDate;

use super::numbers::{cn_number, full_date, split_digits};

// ───────────────────────────── line cleaning ─────────────────────────────

/// CJK text and full-width marks, as tools/make_example_ledger.py defines them.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'
        | '“' | '”' | '‘' | '’')
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}') || c.is_control()
}

/// One line as it will be read: every kind of space made plain and trimmed, half-width
/// ( ) , : ; ! ? next to Chinese made full-width, and spaces next to Chinese removed
/// ("2018 年 11 月" → "2018年11月", "(八) 针对" → "（八）针对").
pub(super) fn clean_line(line: &str) -> String {
    let mut chars: Vec<char> = line
        .chars()
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let prev_ns = |v: &[char], i: usize| v[..i].iter().rev().find(|c| **c != ' ').copied();
    let next_ns = |v: &[char], i: usize| v[i + 1..].iter().find(|c| **c != ' ').copied();
    // Brackets by pairs: a pair is Chinese when its content or a neighbour is.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' | '（' => stack.push(i),
            ')' | '）' => {
                if let Some(o) = stack.pop() {
                    let chinese = chars[o] == '（'
                        || chars[i] == '）'
                        || chars[o + 1..i].iter().any(|c| is_cjk(*c))
                        || prev_ns(&chars, o).is_some_and(is_cjk)
                        || next_ns(&chars, i).is_some_and(is_cjk);
                    if chinese {
                        chars[o] = '（';
                        chars[i] = '）';
                    }
                } else if prev_ns(&chars, i).is_some_and(is_cjk) {
                    chars[i] = '）';
                }
            }
            _ => {}
        }
    }
    for o in stack {
        if chars[o] == '(' && next_ns(&chars, o).is_some_and(is_cjk) {
            chars[o] = '（';
        }
    }
    for i in 0..chars.len() {
        let full = match chars[i] {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            _ => continue,
        };
        let (p, n) = (prev_ns(&chars, i), next_ns(&chars, i));
        if chars[i] == ':' && n == Some('/') {
            continue; // http://
        }
        let line_end_in_chinese = n.is_none() && chars.iter().any(|c| is_cjk(*c));
        if p.is_some_and(is_cjk) || n.is_some_and(is_cjk) || line_end_in_chinese {
            chars[i] = full;
        }
    }
    squeeze_spaces(&chars)
}

/// Drop spaces between Chinese (or a digit) and Chinese, and between Chinese and a digit;
/// other runs of spaces become one space.
pub(super) fn squeeze_spaces(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if start == 0 || i == chars.len() {
            continue;
        }
        let (p, n) = (chars[start - 1], chars[i]);
        let glue =
            ((is_cjk(p) || p.is_ascii_digit()) && is_cjk(n)) || (is_cjk(p) && n.is_ascii_digit());
        if !glue {
            out.push(' ');
        }
    }
    out
}
/// "2022年6月30日" or "二〇二二年六月三十日" (spaces already squeezed).
pub(super) fn date_line(line: &str) -> Option<NaiveDate> {
    let t: String = line.chars().filter(|c| *c != ' ').collect();
    if let Some((d, rest)) = full_date(&t) {
        return rest.is_empty().then_some(d);
    }
    let (year, rest) = t.split_once('年')?;
    let y = year.chars().try_fold(0i32, |y, c| {
        let d = match c {
            '〇' | '零' | 'О' | 'O' | '0' => 0,
            _ => i32::try_from(cn_number(&c.to_string()).filter(|d| *d < 10)?).ok()?,
        };
        Some(y * 10 + d)
    })?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let (m, d) = (cn_number(m)?, cn_number(d)?);
    if year.chars().count() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// What may stand above the 发文机关标志: 附件1, 份号, 密级 and 紧急程度.
pub(super) fn head_note(line: &str) -> bool {
    line.starts_with("附件")
        || (line.chars().count() <= 8 && line.chars().all(|c| c.is_ascii_digit()))
        || ["机密", "秘密", "绝密", "特急", "加急", "★"]
            .iter()
            .any(|w| line.contains(w) && line.chars().count() <= 12)
}

/// 发文字号: "清工委〔2022〕5号", "X委[2022]5号".
pub(super) fn document_number(line: &str) -> bool {
    line.chars().count() <= 30
        && line.ends_with('号')
        && ["〔", "[", "［", "【"].iter().any(|open| {
            line.split_once(open).is_some_and(|(_, rest)| {
                rest.get(..4)
                    .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
            })
        })
}

/// "— 3 —", "- 3 -", "第3页", "第3页共9页", "3".
pub(super) fn page_number_line(line: &str) -> bool {
    let t: String = line
        .chars()
        .filter(|c| !matches!(c, ' ' | '—' | '–' | '-' | '－' | '─'))
        .collect();
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let Some((_, rest)) = split_digits(rest) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix('页') else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    rest.strip_prefix('共')
        .and_then(split_digits)
        .is_some_and(|(_, r)| r == "页")
}

pub(super) const SENTENCE_ENDS: [char; 6] = ['。', '；', '！', '？', '…', '：'];

/// The paragraph ends a sentence ("。", "；", "：" …, also before a closing quote).
pub(super) fn ends_sentence(p: &str) -> bool {
    let mut rev = p.chars().rev();
    match rev.next() {
        Some(c) if SENTENCE_ENDS.contains(&c) => true,
        Some('”' | '’' | '）' | '」' | '』') => {
            rev.next().is_some_and(|c| SENTENCE_ENDS.contains(&c))
        }
        _ => false,
    }
}

/// A numbered heading that stands alone: "1.关于“…”的问题", "（一）在“…”方面".
pub(super) fn heading_like(p: &str) -> bool {
    ["关于", "在", "针对"].iter().any(|w| p.starts_with(w))
        && p.chars().nth(60).is_none()
        && !p.contains('。')
        && ["问题", "方面", "整改", "情况"]
            .iter()
            .any(|w| p.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cleaned_like_the_example_tool() {
        assert_eq!(clean_line("(八) 针对固定资产"), "（八）针对固定资产");
        assert_eq!(clean_line("　　2018 年 11 月报废"), "2018年11月报废");
        assert_eq!(
            clean_line("原因分析: 对巡察, 重视"),
            "原因分析：对巡察，重视"
        );
        assert_eq!(clean_line("电话 0763-5673980；"), "电话0763-5673980；");
        assert_eq!(clean_line("方案(2021—2023)》"), "方案（2021—2023）》");
        assert_eq!(clean_line("see http://a.b/c, ok"), "see http://a.b/c, ok");
        assert_eq!(clean_line("(1)关于"), "（1）关于");
    }

    #[test]
    fn dates_and_page_numbers() {
        assert_eq!(
            date_line("2022年6月30日"),
            NaiveDate::from_ymd_opt(2022, 6, 30)
        );
        assert_eq!(
            date_line("二〇二二年六月三十日"),
            NaiveDate::from_ymd_opt(2022, 6, 30)
        );
        assert_eq!(date_line("二〇二二年六月"), None);
        assert!(page_number_line("— 3 —") && page_number_line("第 2 页 共 9 页"));
        assert!(!page_number_line("2022"));
    }
}
