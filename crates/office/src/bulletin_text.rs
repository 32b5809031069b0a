//! Import a bulletin text (通报, "从通报导入"): decode the bytes, clean and classify each line,
//! join page-broken paragraphs, then read meta, sections, categories, problems and rules.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use rectify_core::document::{LedgerDoc, ProblemText};
use rectify_core::import::bulletin::{
    create_from_import, BulletinImport, BulletinReport, BulletinTextError, BulletinWarning, KeptIn,
    Leftover, NumberingScheme, StatedCounts, MAX_BULLETIN_BYTES,
};
use rectify_core::ledger::{
    Category, CountingBasis, Ledger, Meta, Problem, Rule, RuleKind, Sections, Status,
    DEFAULT_WARN_DAYS,
};

// ───────────────────────────── line cleaning ─────────────────────────────

/// CJK text and full-width marks, as tools/make_example_ledger.py defines them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'
        | '“' | '”' | '‘' | '’')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}') || c.is_control()
}

/// One line as it will be read: every kind of space made plain and trimmed, half-width
/// ( ) , : ; ! ? next to Chinese made full-width, and spaces next to Chinese removed
/// ("2018 年 11 月" → "2018年11月", "(八) 针对" → "（八）针对").
fn clean_line(line: &str) -> String {
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
fn squeeze_spaces(chars: &[char]) -> String {
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

// ───────────────────────────── line classes ─────────────────────────────

const CN_DIGITS: &str = "一二三四五六七八九十";

/// 一..九十九 (and 零/〇 ignored) → number.
fn cn_number(s: &str) -> Option<usize> {
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

/// The field a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Cause,
    Measures,
    Progress,
}

const LABELS: [(&str, Field); 11] = [
    ("原因分析", Field::Cause),
    ("问题原因", Field::Cause),
    ("产生原因", Field::Cause),
    ("整改落实情况", Field::Progress),
    ("整改进展情况", Field::Progress),
    ("整改完成情况", Field::Progress),
    ("整改情况", Field::Progress),
    ("整改进展", Field::Progress),
    ("整改结果", Field::Progress),
    ("整改措施", Field::Measures),
    ("原因", Field::Cause),
];

/// The class of a line (or of a paragraph, by its first line), with the text after its
/// numbering or label.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line<S> {
    /// 一、heading
    Section(usize, S),
    /// （一）heading or paragraph
    Sub(usize, S),
    /// 1. item
    Num(usize, S),
    /// （1）or ① sub-item (kept whole)
    Paren,
    /// 原因分析：/ 整改情况：…
    Label(Field, S),
    Text,
}

impl Line<&str> {
    fn owned(self) -> Line<String> {
        match self {
            Line::Section(n, s) => Line::Section(n, s.to_string()),
            Line::Sub(n, s) => Line::Sub(n, s.to_string()),
            Line::Num(n, s) => Line::Num(n, s.to_string()),
            Line::Paren => Line::Paren,
            Line::Label(f, s) => Line::Label(f, s.to_string()),
            Line::Text => Line::Text,
        }
    }
}

fn split_cn_numeral(s: &str) -> Option<(usize, &str)> {
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

fn split_digits(s: &str) -> Option<(usize, &str)> {
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

fn classify(line: &str) -> Line<&str> {
    let t = line.trim();
    if let Some((n, rest)) = split_cn_numeral(t) {
        if let Some(rest) = rest.strip_prefix('、') {
            return Line::Section(n, rest.trim());
        }
    }
    if let Some(inner) = t.strip_prefix('（') {
        let inner = inner.trim_start();
        if let Some((n, rest)) = split_cn_numeral(inner) {
            if let Some(rest) = rest.trim_start().strip_prefix('）') {
                return Line::Sub(n, rest.trim());
            }
        }
        if let Some((_, rest)) = split_digits(inner) {
            if rest.trim_start().starts_with('）') {
                return Line::Paren;
            }
        }
    }
    if t.starts_with(|c: char| ('①'..='⑳').contains(&c)) {
        return Line::Paren;
    }
    if let Some((n, rest)) = split_digits(t) {
        let rest = rest.trim_start();
        if let Some(rest) = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix('．'))
            .or_else(|| rest.strip_prefix('、'))
        {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit() && n == 0) {
                return Line::Num(n, rest);
            }
        }
    }
    for (word, field) in LABELS {
        if let Some(rest) = t.strip_prefix(word) {
            if let Some(rest) = rest.trim_start().strip_prefix('：') {
                return Line::Label(field, rest.trim());
            }
        }
    }
    Line::Text
}

/// "2022年6月30日" or "二〇二二年六月三十日" (spaces already squeezed).
fn date_line(line: &str) -> Option<NaiveDate> {
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
fn head_note(line: &str) -> bool {
    line.starts_with("附件")
        || (line.chars().count() <= 8 && line.chars().all(|c| c.is_ascii_digit()))
        || ["机密", "秘密", "绝密", "特急", "加急", "★"]
            .iter()
            .any(|w| line.contains(w) && line.chars().count() <= 12)
}

/// 发文字号: "清工委〔2022〕5号", "X委[2022]5号".
fn document_number(line: &str) -> bool {
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
fn page_number_line(line: &str) -> bool {
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

const SENTENCE_ENDS: [char; 6] = ['。', '；', '！', '？', '…', '：'];

/// The paragraph ends a sentence ("。", "；", "：" …, also before a closing quote).
fn ends_sentence(p: &str) -> bool {
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
fn heading_like(p: &str) -> bool {
    ["关于", "在", "针对"].iter().any(|w| p.starts_with(w))
        && p.chars().nth(60).is_none()
        && !p.contains('。')
        && ["问题", "方面", "整改", "情况"]
            .iter()
            .any(|w| p.ends_with(w))
}

/// Join page-broken fragments: a fragment continues the previous paragraph when that one did
/// not end a sentence and the fragment does not start a numbered item or a label.
fn join_paragraphs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let continues = classify(line) == Line::Text
                && match classify(prev) {
                    Line::Section(_, rest) => rest.is_empty(),
                    Line::Label(_, "") => true,
                    Line::Sub(_, rest) | Line::Num(_, rest) if heading_like(rest) => false,
                    _ => !ends_sentence(prev),
                };
            if continues {
                prev.push_str(line);
                continue;
            }
        }
        out.push(line.clone());
    }
    out
}

// ───────────────────────────── small readers ─────────────────────────────

fn take_num_then(s: &str, unit: char) -> Option<(u32, &str)> {
    let (n, rest) = split_digits(s)?;
    let rest = rest.strip_prefix(unit)?;
    Some((u32::try_from(n).ok()?, rest))
}

/// "2021年12月6日" at the start of `s`, and the rest.
fn full_date(s: &str) -> Option<(NaiveDate, &str)> {
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
fn month_day(s: &str) -> Option<((u32, u32), &str)> {
    let (m, rest) = take_num_then(s, '月')?;
    let (d, rest) = take_num_then(rest, '日')?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(((m, d), rest))
}

fn starts(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.char_indices().map(move |(i, _)| (i, &s[i..]))
}

/// A number (digits or 一..九十九) at the start of `s`, followed by a counter word.
fn stated_number(s: &str) -> Option<usize> {
    let (n, rest) = split_digits(s).or_else(|| split_cn_numeral(s))?;
    rest.starts_with(['个', '项', '条', '件', '方'])
        .then_some(n)
}

/// The first number within a few characters after `marker`.
fn number_after(text: &str, markers: &[&str], skip: usize) -> Option<usize> {
    for marker in markers {
        for (i, _) in text.match_indices(marker) {
            let after = &text[i + marker.len()..];
            for (k, (j, _)) in after.char_indices().enumerate() {
                if k > skip {
                    break;
                }
                if let Some(n) = stated_number(&after[j..]) {
                    return Some(n);
                }
            }
        }
    }
    None
}

/// The status a 整改情况 segment's first sentence opens with, else 整改中.
fn leading_status(segment: &str) -> Status {
    let s = segment.trim_start_matches(['：', '，', ' ']);
    let first = s.split('。').next().unwrap_or("");
    Status::opening(first).unwrap_or(Status::InProgress)
}

/// 整改完成，并长期坚持 → 长期坚持; 整改完成 / 已完成 / 已整改完毕 → 已完成; 尚未启动 → 未启动;
/// else 整改中. With sub-items, every "整改情况：" in the text must say so.
pub(crate) fn infer_status(progress: &str) -> Status {
    let segments: Vec<&str> = if progress.contains("整改情况：") {
        progress.split("整改情况：").skip(1).collect()
    } else {
        vec![progress]
    };
    let all: Vec<Status> = segments.iter().map(|s| leading_status(s)).collect();
    if !all.is_empty() && all.iter().all(|s| *s == Status::NotStarted) {
        Status::NotStarted
    } else if all.is_empty() || all.iter().any(|s| !s.is_finished()) {
        Status::InProgress
    } else if all.contains(&Status::Done) {
        Status::Done
    } else {
        Status::Ongoing
    }
}

// ───────────────────────────── rules 《…》 ─────────────────────────────

/// 《…》 titles that are laws, party rules or external documents, never the unit's own rules:
/// one a line in not_own_rules.txt, which tools/make_example_ledger.py reads too.
fn not_own_rule(name: &str) -> bool {
    include_str!("not_own_rules.txt")
        .lines()
        .any(|line| line.trim() == name)
}

const RULE_WORDS: [&str; 5] = ["规则", "制度", "方案", "计划", "办法"];
const REVISE_WORDS: [&str; 4] = ["修订", "修改", "完善", "健全"];
const PLAN_ENDINGS: [&str; 4] = ["方案", "计划", "要点", "清单"];
const LAW_ENDINGS: [&str; 4] = ["法", "章程", "条例", "简史"];

fn remove_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The verb in front of a title decides 修订 or 新建 (新建 when there is none).
fn rule_kind(before: &str) -> RuleKind {
    let clause = before.rsplit(['。', '；', '，', '：']).next().unwrap_or("");
    let clause = remove_titles(clause);
    let lead = clause
        .rsplit('、')
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    if REVISE_WORDS.iter().any(|w| lead.contains(w)) {
        RuleKind::Revised
    } else {
        RuleKind::New
    }
}

fn same_rule_key(title: &str) -> String {
    let key = title.replace("机关", "");
    key.strip_suffix("制度").map(str::to_string).unwrap_or(key)
}

fn without_trailing_paren(title: &str) -> &str {
    if title.ends_with('）') {
        if let Some(i) = title.rfind('（') {
            return &title[..i];
        }
    }
    title
}

/// Each distinct 《…》 rule named in a 整改情况 text, with the problems naming it. Work plans
/// and second mentions of the same rule are candidates (待确认).
fn find_rules(problems: &[Problem]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in problems {
        let text = &p.progress;
        let mut from = 0;
        while let Some(open) = text[from..].find('《').map(|i| i + from) {
            let start = open + '《'.len_utf8();
            let Some(close) = text[start..].find(['》', '《']).map(|i| i + start) else {
                break;
            };
            from = close;
            if !text[close..].starts_with('》') {
                continue;
            }
            let name = text[start..close].trim();
            let bare = without_trailing_paren(name);
            if name.is_empty()
                || not_own_rule(name)
                || !RULE_WORDS.iter().any(|w| name.contains(w))
                || (LAW_ENDINGS.iter().any(|w| bare.ends_with(w))
                    && !["办法", "方法", "做法"].iter().any(|w| bare.ends_with(w)))
            {
                continue;
            }
            let window = text[..open]
                .char_indices()
                .rev()
                .nth(200)
                .map_or(0, |(i, _)| i);
            let kind = rule_kind(&text[window..open]);
            match index.get(name).map(|&i| &mut rules[i]) {
                Some(rule) => {
                    if !rule.problem_ids.contains(&p.id) {
                        rule.problem_ids.push(p.id.clone());
                    }
                }
                None => {
                    index.insert(name.to_string(), rules.len());
                    rules.push(Rule {
                        id: format!("r{:02}", rules.len()),
                        title: name.to_string(),
                        kind,
                        date: None,
                        problem_ids: vec![p.id.clone()],
                        candidate: false,
                    })
                }
            }
        }
    }
    let mut seen = HashSet::new();
    for rule in &mut rules {
        let bare = without_trailing_paren(&rule.title);
        let key = same_rule_key(&rule.title);
        rule.candidate = PLAN_ENDINGS.iter().any(|w| bare.ends_with(w)) || seen.contains(&key);
        seen.insert(key);
    }
    rules
}

// ───────────────────────────── meta from the opening ─────────────────────────────

const UNIT_ENDINGS: [&str; 12] = [
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

fn read_unit_short(opening: &str) -> String {
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

fn read_group(opening: &str) -> String {
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

fn read_kind(opening: &str, title: &str) -> String {
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

struct OpeningFacts {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    feedback: String,
    as_of: Option<(u32, u32, Option<i32>)>,
}

fn read_dates(opening: &str) -> OpeningFacts {
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

struct Cat {
    title: String,
    problems: Vec<Prob>,
}

#[derive(Default)]
struct Prob {
    description: String,
    cause: String,
    measures: String,
    progress: String,
    sub_items: bool,
    field: Option<Field>,
}

fn append(target: &mut String, text: &str) {
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(text);
}

fn problem_text(f: Option<Field>) -> ProblemText {
    match f {
        None => ProblemText::Description,
        Some(Field::Cause) => ProblemText::Cause,
        Some(Field::Measures) => ProblemText::Measures,
        Some(Field::Progress) => ProblemText::Progress,
    }
}

/// A list item written as 一是…/二是… or （1）…: a legitimate further paragraph of a field.
fn list_paragraph(p: &str) -> bool {
    split_cn_numeral(p).is_some_and(|(_, r)| r.starts_with('是'))
        || ["同时", "此外", "另外", "下一步"]
            .iter()
            .any(|w| p.starts_with(w))
}

fn contact_start(p: &str) -> bool {
    p.starts_with("欢迎")
        || [
            "联系方式",
            "联系电话",
            "联系人",
            "联系地址",
            "监督电话",
            "举报电话",
        ]
        .iter()
        .any(|w| p.starts_with(w) || p.contains(&format!("{w}：")))
}

/// Parse a bulletin text into a ledger and a report of what was recognised.
pub fn parse_bulletin(text: &str) -> Result<BulletinImport, BulletinTextError> {
    if text.len() > MAX_BULLETIN_BYTES {
        return Err(BulletinTextError::TooLarge { bytes: text.len() });
    }
    let mut report = BulletinReport::default();
    let mut pages = Vec::new();
    let lines: Vec<String> = text
        .split(['\n', '\r', '\u{c}', '\u{2028}', '\u{2029}'])
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .filter(|l| {
            let page = page_number_line(l);
            if page {
                pages.push(l.clone());
            }
            !page
        })
        .collect();
    if lines.is_empty() {
        return if pages.is_empty() {
            Err(BulletinTextError::Empty)
        } else {
            Err(BulletinTextError::NoStructure)
        };
    }
    if !pages.is_empty() {
        report
            .warnings
            .push(BulletinWarning::PageNumbers(pages.clone()));
    }

    // Header and title: the first lines, before any sentence.
    let mut idx = 0;
    let mut meta = Meta {
        warn_days: DEFAULT_WARN_DAYS,
        ..Default::default()
    };
    let sentence = |l: &str| l.contains(['，', '。', '；']) || classify(l) != Line::Text;
    // Lines before the header (附件1, a stamp) and 发文字号 lines are kept in the opening.
    let mut head_notes: Vec<String> = Vec::new();
    let start = lines.iter().take(3).take_while(|l| head_note(l)).count();
    for k in 1..=2 {
        let Some(part) = lines.get(start..start + k) else {
            break;
        };
        let header = part.concat();
        if header.ends_with("文件")
            && header.chars().count() <= 40
            && !part.iter().any(|l| sentence(l))
        {
            head_notes.extend_from_slice(&lines[..start]);
            meta.header = header;
            idx = start + k;
            break;
        }
    }
    while lines.get(idx).is_some_and(|l| document_number(l)) {
        head_notes.push(lines[idx].clone());
        idx += 1;
    }
    const TITLE_ENDINGS: [&str; 6] = ["通报", "报告", "情况", "通知", "公告", "公示"];
    let mut title_lines = 0;
    for k in 0..3 {
        let Some(l) = lines.get(idx + k) else { break };
        if sentence(l) || l.chars().count() > 60 {
            break;
        }
        if TITLE_ENDINGS.iter().any(|w| l.ends_with(w)) {
            title_lines = k + 1;
            break;
        }
    }
    if title_lines > 0 {
        let joined: String = lines[idx..idx + title_lines].concat();
        meta.title = clean_line(&joined);
        idx += title_lines;
    }

    // 抄送/印发 lines after the date, then the signature and 成文日期 at the end.
    let mut end = lines.len();
    let mut tail_notes: Vec<String> = Vec::new();
    while end > idx + 1
        && ["抄送", "印发", "主送", "附件", "（此件"]
            .iter()
            .any(|w| lines[end - 1].starts_with(w))
    {
        tail_notes.insert(0, lines[end - 1].clone());
        end -= 1;
    }
    if end > idx {
        if let Some(d) = date_line(&lines[end - 1]) {
            meta.issue_date = Some(d);
            end -= 1;
        }
    }
    if end > idx {
        let l = &lines[end - 1];
        let unit_like = UNIT_ENDINGS.iter().any(|w| l.ends_with(w));
        if l.chars().count() <= 40
            && !sentence(l)
            && !contact_start(l)
            && (meta.issue_date.is_some() || unit_like)
        {
            meta.signature = l.clone();
            end -= 1;
        }
    }

    let paragraphs = join_paragraphs(&lines[idx..end]);
    if paragraphs.is_empty() && meta.title.is_empty() {
        return Err(BulletinTextError::NoStructure);
    }

    // Split into the opening and the 一、二、三、 sections.
    let mut opening: Vec<String> = Vec::new();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for p in paragraphs {
        match classify(&p) {
            Line::Section(_, heading) => sections.push((heading.to_string(), Vec::new())),
            _ => match sections.last_mut() {
                Some((_, paras)) => paras.push(p),
                None => opening.push(p),
            },
        }
    }
    opening.splice(0..0, head_notes);
    let score = |paras: &[String]| {
        let labels = paras
            .iter()
            .filter(|p| matches!(classify(p), Line::Label(..)))
            .count();
        let nums = paras
            .iter()
            .filter(|p| matches!(classify(p), Line::Num(..)))
            .count();
        (labels, nums)
    };
    let implementation = sections
        .iter()
        .position(|(_, ps)| score(ps).0 > 0)
        .or_else(|| {
            sections
                .iter()
                .enumerate()
                .filter(|(_, (_, ps))| score(ps).1 > 0)
                .max_by_key(|(i, (_, ps))| (score(ps).1, usize::MAX - i))
                .map(|(i, _)| i)
        });
    let impl_paras: Vec<String>;
    let mut before_sections: Vec<(String, Vec<String>)> = Vec::new();
    let after_sections: Vec<(String, Vec<String>)>;
    let impl_heading: String;
    match implementation {
        Some(i) => {
            let mut all = sections;
            after_sections = all.split_off(i + 1);
            let (h, ps) = all.pop().expect("the implementation section");
            before_sections = all;
            impl_heading = h;
            impl_paras = ps;
        }
        None => {
            // No 一、 sections with problems: the problems follow the opening directly.
            let (l, n) = score(&opening);
            if l + n == 0 {
                return Err(BulletinTextError::NoStructure);
            }
            let first = opening
                .iter()
                .position(|p| {
                    matches!(classify(p), Line::Sub(..) | Line::Num(..) | Line::Label(..))
                })
                .unwrap_or(0);
            impl_paras = opening.split_off(first);
            impl_heading = String::new();
            after_sections = sections;
        }
    }

    // Problems.
    let mut intro: Vec<String> = Vec::new();
    let mut cats: Vec<Cat> = Vec::new();
    let mut contact: Vec<String> = Vec::new();
    let mut last_num = 0usize;
    let mut last_sub = 0usize;
    let mut sub_items_seen = false;
    let mut implicit_category = false;
    let mut category_leftovers: Vec<(usize, String)> = Vec::new();
    let mut problem_leftovers: Vec<(usize, usize, Option<Field>, String)> = Vec::new();
    for p in impl_paras {
        if !contact.is_empty()
            || (!cats.is_empty() && classify(&p) == Line::Text && contact_start(&p))
        {
            contact.push(p);
            continue;
        }
        let mut line = classify(&p).owned();
        if let Line::Num(n, _) = &line {
            let n = *n;
            let fresh_category = cats.last().is_some_and(|c| c.problems.is_empty());
            if n == last_num + 1 || (n == 1 && fresh_category) {
                // in order, or numbering restarted in a new category
            } else if n > last_num && n <= last_num + 3 {
                report.warnings.push(BulletinWarning::ProblemNumberGap {
                    after: last_num,
                    next: n,
                });
            } else {
                line = Line::Text;
            }
        }
        match line {
            Line::Sub(n, rest) => {
                if n != last_sub + 1 {
                    report.warnings.push(BulletinWarning::CategoryNumberGap {
                        after: last_sub,
                        next: n,
                    });
                }
                last_sub = n;
                let title = rest.strip_suffix('。').unwrap_or(&rest).to_string();
                cats.push(Cat {
                    title,
                    problems: Vec::new(),
                });
            }
            Line::Num(n, rest) => {
                last_num = n;
                if cats.is_empty() {
                    implicit_category = true;
                    let title = if impl_heading.is_empty() {
                        "反馈问题".to_string()
                    } else {
                        impl_heading.clone()
                    };
                    cats.push(Cat {
                        title,
                        problems: Vec::new(),
                    });
                }
                let cat = cats.last_mut().expect("a category");
                cat.problems.push(Prob {
                    description: rest,
                    ..Default::default()
                });
            }
            Line::Paren => match cats.last_mut().and_then(|c| c.problems.last_mut()) {
                Some(prob) => {
                    prob.sub_items = true;
                    sub_items_seen = true;
                    append(&mut prob.progress, &p);
                    prob.field = Some(Field::Progress);
                }
                None => intro.push(p),
            },
            Line::Label(field, rest) => {
                let Some(cat) = cats.last_mut() else {
                    intro.push(p);
                    continue;
                };
                if cat.problems.is_empty() {
                    report
                        .warnings
                        .push(BulletinWarning::CategoryWithoutProblems {
                            category: cat.title.clone(),
                            field: problem_text(Some(field)),
                        });
                    let description = cat.title.clone();
                    cat.problems.push(Prob {
                        description,
                        ..Default::default()
                    });
                }
                let prob = cat.problems.last_mut().expect("a problem");
                if prob.sub_items {
                    append(&mut prob.progress, &p);
                    continue;
                }
                let target = match field {
                    Field::Cause => &mut prob.cause,
                    Field::Measures => &mut prob.measures,
                    Field::Progress => &mut prob.progress,
                };
                append(target, &rest);
                prob.field = Some(field);
            }
            Line::Text | Line::Section(..) => {
                let ci = cats.len();
                match cats.last_mut() {
                    None => intro.push(p),
                    Some(cat) => {
                        let pi = cat.problems.len();
                        match cat.problems.last_mut() {
                            None => {
                                category_leftovers.push((ci, p.clone()));
                                cat.title.push_str(&p);
                            }
                            Some(prob) => {
                                let target = match prob.field {
                                    None => &mut prob.description,
                                    Some(Field::Cause) => &mut prob.cause,
                                    Some(Field::Measures) => &mut prob.measures,
                                    Some(Field::Progress) => &mut prob.progress,
                                };
                                append(target, &p);
                                if !prob.sub_items && !list_paragraph(&p) {
                                    problem_leftovers.push((ci, pi, prob.field, p.clone()));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    if cats.is_empty() {
        return Err(BulletinTextError::NoStructure);
    }

    // Sections.
    let mut sections_out = Sections::default();
    let mut opening_leftovers = Vec::new();
    if opening.len() > 1 {
        let main = opening
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| p.chars().count())
            .map(|(i, _)| i)
            .unwrap_or(0);
        for (i, p) in opening.iter().enumerate() {
            if i != main {
                opening_leftovers.push(p.clone());
            }
        }
    }
    sections_out.opening = opening.join("\n");
    let mut before = before_sections.into_iter();
    if let Some((h, ps)) = before.next() {
        sections_out.deployment_heading = h;
        sections_out.deployment = ps.join("\n");
    }
    for (h, ps) in before {
        let text = std::iter::once(h.clone())
            .chain(ps)
            .collect::<Vec<_>>()
            .join("\n");
        report.leftovers.push(Leftover {
            text: h,
            kept_in: KeptIn::Deployment,
        });
        append(&mut sections_out.deployment, &text);
    }
    sections_out.implementation_heading = impl_heading;
    sections_out.implementation_intro = intro.join("\n");
    let mut after = after_sections.into_iter();
    let mut next_paras: Vec<String> = Vec::new();
    if let Some((h, ps)) = after.next() {
        sections_out.next_steps_heading = h;
        next_paras = ps;
    }
    for (h, ps) in after {
        report.leftovers.push(Leftover {
            text: h.clone(),
            kept_in: KeptIn::NextSteps,
        });
        next_paras.push(h);
        next_paras.extend(ps);
    }
    let mut next_steps = Vec::new();
    for p in next_paras {
        if !contact.is_empty() || contact_start(&p) {
            contact.push(p);
        } else {
            next_steps.push(p);
        }
    }
    sections_out.next_steps = next_steps.join("\n");
    meta.contact = contact.concat();
    for note in &tail_notes {
        append(&mut meta.contact, note);
    }

    // Ledger.
    let mut ledger = Ledger {
        sections: sections_out,
        ..Default::default()
    };
    let mut number = 0usize;
    for (ci, cat) in cats.iter().enumerate() {
        let cid = format!("c{ci:02}");
        ledger.categories.push(Category {
            id: cid.clone(),
            title: cat.title.clone(),
            order: format!("{ci:04}"),
        });
        for prob in &cat.problems {
            number += 1;
            ledger.problems.push(Problem {
                id: format!("p{number:03}"),
                category_id: cid.clone(),
                order: format!("{number:04}"),
                description: prob.description.clone(),
                cause: prob.cause.clone(),
                measures: prob.measures.clone(),
                progress: prob.progress.clone(),
                lead: String::new(),
                departments: vec![],
                owner: String::new(),
                deadline: None,
                completed_on: None,
                status: infer_status(&prob.progress),
                evidence: String::new(),
                progress_log: vec![],
            });
            if prob.progress.trim().is_empty() {
                report.warnings.push(BulletinWarning::NoProgress { number });
            }
        }
    }
    ledger.rules = find_rules(&ledger.problems);

    // Leftovers, in text order.
    for p in opening_leftovers {
        report.leftovers.push(Leftover {
            text: p,
            kept_in: KeptIn::Opening,
        });
    }
    for (ci, p) in category_leftovers {
        report.leftovers.push(Leftover {
            text: p,
            kept_in: KeptIn::CategoryTitle(ci),
        });
    }
    let first_number: Vec<usize> = cats
        .iter()
        .scan(0, |n, c| {
            let first = *n;
            *n += c.problems.len();
            Some(first)
        })
        .collect();
    for (ci, pi, field, p) in problem_leftovers {
        let n = first_number[ci - 1] + pi;
        report.leftovers.push(Leftover {
            text: p,
            kept_in: KeptIn::Problem {
                number: n,
                field: problem_text(field),
            },
        });
    }

    for note in tail_notes {
        report.leftovers.push(Leftover {
            text: note,
            kept_in: KeptIn::Contact,
        });
    }

    // Meta.
    let opening_text = ledger.sections.opening.clone();
    meta.unit_short = read_unit_short(&opening_text);
    meta.inspection_group = read_group(&opening_text);
    meta.inspection_kind = read_kind(&opening_text, &meta.title);
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
    let facts = read_dates(&opening_text);
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
    let stated = StatedCounts {
        problems: number_after(&opening_text, &["问题"], 1),
        done: number_after(
            &opening_text,
            &["完毕事项", "整改完毕", "已完成整改", "已整改", "已完成"],
            3,
        ),
        rules: number_after(&opening_text, &["建章立制"], 3),
    };
    let (n_cats, n_probs) = (ledger.categories.len(), ledger.problems.len());
    meta.counting_basis = match stated.problems {
        Some(n) if n == n_cats => CountingBasis::Category,
        Some(n) if n == n_probs => CountingBasis::Problem,
        None if cats.len() == 1 && n_probs > 1 => CountingBasis::Problem,
        _ => CountingBasis::Category,
    };
    if let Some(n) = stated.problems {
        if n != n_cats && n != n_probs {
            report.warnings.push(BulletinWarning::ProblemCountDiffers {
                stated: n,
                categories: n_cats,
                problems: n_probs,
            });
        }
    }
    let finished_problems = ledger
        .problems
        .iter()
        .filter(|p| p.status.is_finished())
        .count();
    let mut finished_cats = 0;
    let mut rest = ledger.problems.as_slice();
    for cat in &cats {
        let (mine, others) = rest.split_at(cat.problems.len());
        if !mine.is_empty() && mine.iter().all(|p| p.status.is_finished()) {
            finished_cats += 1;
        }
        rest = others;
    }
    if let Some(n) = stated.done {
        let got = match meta.counting_basis {
            CountingBasis::Category => finished_cats,
            CountingBasis::Problem => finished_problems,
        };
        if n != got {
            report.warnings.push(BulletinWarning::DoneCountDiffers {
                stated: n,
                basis: meta.counting_basis,
                found: got,
            });
        }
    }
    let counted = ledger.rules.iter().filter(|r| !r.candidate).count();
    let candidates = ledger.rules.len() - counted;
    if let Some(n) = stated.rules {
        if n != counted {
            report.warnings.push(BulletinWarning::RuleCountDiffers {
                stated: n,
                counted,
                candidates,
            });
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
    ledger.meta = meta;

    report.categories = n_cats;
    report.problems = n_probs;
    report.rules = counted;
    report.rule_candidates = candidates;
    report.stated = stated;
    report.scheme = if sub_items_seen {
        NumberingScheme::CategoryProblemSubItems
    } else if implicit_category {
        NumberingScheme::ProblemsOnly
    } else {
        NumberingScheme::CategoryProblem
    };
    // refused here, at the preview, rather than half-filled into a document
    rectify_core::document::check_sizes(&ledger).map_err(BulletinTextError::OverLimit)?;
    Ok(BulletinImport { ledger, report })
}

fn unit_from_title(title: &str) -> Option<String> {
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

/// A new ledger document from a bulletin text (like `io::example::create_example`).
pub fn create_from_bulletin(
    text: &str,
    author: Option<&str>,
    now: i64,
) -> Result<(LedgerDoc, BulletinReport), BulletinTextError> {
    let import = parse_bulletin(text)?;
    Ok((create_from_import(&import, author, now), import.report))
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
    fn line_classes() {
        assert_eq!(classify("一、提高"), Line::Section(1, "提高"));
        assert_eq!(classify("（十六）针对"), Line::Sub(16, "针对"));
        assert_eq!(classify("10．工业园"), Line::Num(10, "工业园"));
        assert_eq!(classify("10、工业园"), Line::Num(10, "工业园"));
        assert_eq!(classify("16.2021年以来"), Line::Num(16, "2021年以来"));
        assert_eq!(classify("（1）关于"), Line::Paren);
        assert_eq!(
            classify("整改情况：整改完成"),
            Line::Label(Field::Progress, "整改完成")
        );
        assert_eq!(classify("2021年以来"), Line::Text);
        assert_eq!(classify("一是落实"), Line::Text);
    }

    #[test]
    fn numbers_dates_and_statuses() {
        assert_eq!(cn_number("十六"), Some(16));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("九十九"), Some(99));
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
        assert_eq!(infer_status("整改完成，并长期坚持。修订"), Status::Ongoing);
        assert_eq!(infer_status("已完成并长期坚持。"), Status::Ongoing);
        assert_eq!(infer_status("整改完成。"), Status::Done);
        assert_eq!(infer_status("已整改完毕"), Status::Done);
        assert_eq!(infer_status("一是正在推进"), Status::InProgress);
        assert_eq!(infer_status("尚未启动。"), Status::NotStarted);
        assert_eq!(
            infer_status("整改情况：已完成。整改情况：尚未启动。"),
            Status::InProgress
        );
        assert_eq!(
            number_after("指出我单位存在的问题16个。", &["问题"], 1),
            Some(16)
        );
        assert_eq!(number_after("整改建章立制五项", &["建章立制"], 3), Some(5));
    }

    #[test]
    fn rule_kinds_follow_the_verb() {
        assert_eq!(rule_kind("修订完善《甲》"), RuleKind::Revised);
        assert_eq!(rule_kind("印发"), RuleKind::New);
        assert_eq!(rule_kind("严肃纪律、修改"), RuleKind::Revised);
        assert_eq!(rule_kind(""), RuleKind::New);
    }
}
