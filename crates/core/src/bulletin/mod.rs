//! The bulletin (通报) made from a ledger: its counts, its blocks in official-document order
//! (header, title, 一、二、三、, contact, 署名, 成文日期) and its plain text. Pure Rust.

mod body;
pub mod figures;
pub mod layout;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ledger::{chinese_numeral, full_date, CountingBasis, Ledger, Problem, Status};

/// The figures the opening paragraph states, computed from the ledger as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulletinCounts {
    pub basis: CountingBasis,
    /// 指出…问题N个: categories (反馈问题) or problems (具体问题), per the basis
    pub total: usize,
    /// 已整改完毕事项N个: finished = every problem 已完成 or 长期坚持 (a category with no
    /// problems is not finished)
    pub finished: usize,
    /// 整改建章立制N项: rules in the register that a person has confirmed
    pub rules: usize,
    /// rules still 待确认, not counted
    pub rule_candidates: usize,
}

impl BulletinCounts {
    pub fn of(ledger: &Ledger) -> BulletinCounts {
        let (total, finished) = match ledger.meta.counting_basis {
            CountingBasis::Category => (ledger.categories.len(), ledger.finished_categories()),
            CountingBasis::Problem => (
                ledger.problems.len(),
                ledger
                    .problems
                    .iter()
                    .filter(|p| p.status.is_finished())
                    .count(),
            ),
        };
        BulletinCounts {
            basis: ledger.meta.counting_basis,
            total,
            finished,
            rules: ledger.confirmed_rules(),
            rule_candidates: ledger.rules.len() - ledger.confirmed_rules(),
        }
    }
}

/// The typeface a run is set in (GB/T 9704: 一、 in 黑体, （一） in 楷体, body in 仿宋).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Face {
    FangSong,
    HeiTi,
    KaiTi,
}

impl Face {
    pub fn code(self) -> &'static str {
        match self {
            Face::FangSong => "fangsong",
            Face::HeiTi => "heiti",
            Face::KaiTi => "kaiti",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    pub face: Face,
}

impl Run {
    fn new(text: impl Into<String>, face: Face) -> Run {
        Run {
            text: text.into(),
            face,
        }
    }
}

/// One block of the bulletin, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// 发文机关标志 (…委员会文件), in red above the red rule
    Header(String),
    /// 标题, 2号小标宋, centred
    Title(String),
    /// A body paragraph, first line indented two characters. `problem_id` marks the
    /// paragraphs of one problem (for links from the view).
    Paragraph {
        runs: Vec<Run>,
        problem_id: Option<String>,
    },
    /// 发文机关署名, right-aligned
    Signature(String),
    /// 成文日期, under the signature
    Date(String),
}

impl Block {
    pub fn text(&self) -> String {
        match self {
            Block::Header(t) | Block::Title(t) | Block::Signature(t) | Block::Date(t) => t.clone(),
            Block::Paragraph { runs, .. } => runs.iter().map(|r| r.text.as_str()).collect(),
        }
    }
}

/// The whole bulletin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bulletin {
    pub counts: BulletinCounts,
    pub blocks: Vec<Block>,
    /// The opening had no place for some counts, so a sentence stating them was added.
    pub counts_sentence_added: bool,
    /// Count sentences kept whole as the text stated them (原文统计): the ledger cannot
    /// recompute one of their figures (问责N人, 金额, 基本完成N个).
    pub stated_kept: Vec<String>,
    /// Figures the opening states that the ledger counts otherwise.
    pub figure_differences: Vec<figures::FigureDifference>,
}

impl Bulletin {
    /// Plain text in the layout of a copied bulletin: one block per paragraph, blank lines
    /// between. (What "复制全文" copies; the importer reads it back.)
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            out.push_str(&block.text());
            out.push_str("\n\n");
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// The default headings when a ledger has none of its own.
pub const DEFAULT_DEPLOYMENT_HEADING: &str = "提高政治站位，抓好整改部署";
pub const DEFAULT_IMPLEMENTATION_HEADING: &str = "强化责任担当，狠抓整改落实";
pub const DEFAULT_NEXT_STEPS_HEADING: &str = "巩固整改成果，建立长效机制";

/// Make the bulletin from the ledger as it stands.
pub fn bulletin(ledger: &Ledger) -> Bulletin {
    bulletin_counting(ledger, BulletinCounts::of(ledger))
}

/// The bulletin whose counts are those of the ledger as it stood on the as-of date (from the
/// document's history), its text that of the ledger as it stands. The counting basis is the
/// current one, so changing it changes the past counts too.
pub fn bulletin_as_of(ledger: &Ledger, as_it_stood: &Ledger) -> Bulletin {
    let mut past = as_it_stood.clone();
    past.meta.counting_basis = ledger.meta.counting_basis;
    bulletin_counting(ledger, BulletinCounts::of(&past))
}

fn bulletin_counting(ledger: &Ledger, counts: BulletinCounts) -> Bulletin {
    let meta = &ledger.meta;
    let mut blocks = vec![];
    if !meta.header.trim().is_empty() {
        blocks.push(Block::Header(meta.header.trim().to_string()));
    }
    let title = if meta.title.trim().is_empty() {
        ledger.display_name()
    } else {
        meta.title.trim().to_string()
    };
    blocks.push(Block::Title(title));

    let (opening, counts_sentence_added) = opening_text(ledger, &counts);
    let (stated_kept, figure_differences) = {
        let honest = figures::honest(
            ledger.sections.opening.trim(),
            &ledger_figures(ledger, &counts),
            ledger.meta.stated_figures,
        );
        (honest.kept, honest.differences)
    };
    for line in paragraphs(&opening) {
        blocks.push(plain(line));
    }

    body::push_body(ledger, &mut blocks);
    for line in paragraphs(&meta.contact) {
        blocks.push(plain(line));
    }
    if !meta.signature.trim().is_empty() {
        blocks.push(Block::Signature(meta.signature.trim().to_string()));
    }
    if let Some(date) = meta.issue_date {
        blocks.push(Block::Date(full_date(date)));
    }
    Bulletin {
        counts,
        blocks,
        counts_sentence_added,
        stated_kept,
        figure_differences,
    }
}

fn or_default<'a>(text: &'a str, default: &'a str) -> &'a str {
    let t = text.trim();
    if t.is_empty() {
        default
    } else {
        t
    }
}

fn push_heading(blocks: &mut Vec<Block>, n: usize, text: &str) {
    blocks.push(Block::Paragraph {
        runs: vec![Run::new(
            format!("{}、{}", chinese_numeral(n), text),
            Face::HeiTi,
        )],
        problem_id: None,
    });
}

fn plain(text: &str) -> Block {
    Block::Paragraph {
        runs: vec![Run::new(text, Face::FangSong)],
        problem_id: None,
    }
}

/// A narrative paragraph; one that opens with （一）… sets that first sentence in 楷体.
fn narrative(text: &str) -> Block {
    let runs = match sub_heading_len(text) {
        Some(end) if end < text.len() => vec![
            Run::new(&text[..end], Face::KaiTi),
            Run::new(&text[end..], Face::FangSong),
        ],
        Some(_) => vec![Run::new(text, Face::KaiTi)],
        None => vec![Run::new(text, Face::FangSong)],
    };
    Block::Paragraph {
        runs,
        problem_id: None,
    }
}

/// For a paragraph starting with （一） or (一): the byte length of its heading sentence
/// (through the first 。, or the whole paragraph when there is none).
fn sub_heading_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let numeral = &rest[..close];
    if numeral.is_empty() || !numeral.chars().all(|c| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    Some(
        text.find('。')
            .map(|i| i + '。'.len_utf8())
            .unwrap_or(text.len()),
    )
}

/// Non-empty trimmed lines of a multi-paragraph text.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn end_sentence(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['。', '！', '？', '：', '；']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

/// 6月24日 when the year goes without saying (that of the issue date), else 2022年6月24日.
fn short_date(date: NaiveDate, context_year: Option<i32>) -> String {
    if context_year == Some(date.year()) {
        format!("{}月{}日", date.month(), date.day())
    } else {
        full_date(date)
    }
}

/// The paragraphs of one problem: N.问题, 原因分析：…, 整改情况：….
fn problem_blocks(ledger: &Ledger, p: &Problem, number: usize) -> Vec<Block> {
    let para = |text: String| Block::Paragraph {
        runs: vec![Run::new(text, Face::FangSong)],
        problem_id: Some(p.id.clone()),
    };
    let mut out = vec![para(format!("{number}.{}", one_line(&p.description)))];
    if !p.cause.trim().is_empty() {
        out.push(para(format!("原因分析：{}", one_line(&p.cause))));
    }
    out.push(para(format!("整改情况：{}", progress_text(ledger, p))));
    out
}

/// Line breaks inside a field become nothing: a bulletin paragraph is one paragraph.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Leading status phrases people write at the start of 整改情况, and what they mean.
const STATUS_PHRASES: [(&str, &str); 9] = [
    ("整改完成，并长期坚持", "ongoing"),
    ("整改完成,并长期坚持", "ongoing"),
    ("已完成，并长期坚持", "ongoing"),
    ("已整改完成，并长期坚持", "ongoing"),
    ("已整改完毕", "done"),
    ("已整改完成", "done"),
    ("整改完成", "done"),
    ("已完成", "done"),
    ("整改中", "in_progress"),
];

/// Split a leading status phrase ("整改完成，并长期坚持。") off an 整改情况 text.
/// Returns the status the phrase states and the rest of the text.
pub fn split_status_phrase(text: &str) -> (Option<Status>, &str) {
    let t = text.trim_start();
    for (phrase, code) in STATUS_PHRASES {
        if let Some(rest) = t.strip_prefix(phrase) {
            let rest = rest.trim_start_matches(['。', '.', '，', ',', '；', ';', ' ']);
            return (Some(Status::from_code(code)), rest);
        }
    }
    (None, t)
}

/// 整改情况 as the bulletin states it: the problem's status said first and honestly (a
/// phrase in the text that no longer matches the status is replaced), then what was done.
/// An open item names its deadline, and its latest progress entry when the text is empty.
pub fn progress_text(ledger: &Ledger, p: &Problem) -> String {
    let text = one_line(&p.progress);
    let (stated, rest) = split_status_phrase(&text);
    if stated.as_ref() == Some(&p.status) {
        return text;
    }
    // a text whose own last status sentence (…已完成整改。) says the status is kept as it is
    let (said, sentence, _) = crate::ledger::read_status(&text);
    if stated.is_none() && !sentence.is_empty() && said == p.status {
        return text;
    }
    let year = ledger.meta.issue_date.map(|d| d.year());
    let deadline = p
        .deadline
        .map(|d| format!("，整改时限为{}", short_date(d, year)))
        .unwrap_or_default();
    let phrase = match &p.status {
        Status::Ongoing => "整改完成，并长期坚持。".to_string(),
        Status::Done => "整改完成。".to_string(),
        Status::InProgress => format!("整改中{deadline}。"),
        Status::NotStarted => format!("尚未启动{deadline}。"),
        Status::Unknown(code) => format!("{code}。"),
    };
    let mut rest = rest.to_string();
    if rest.is_empty() && !p.status.is_finished() {
        if let Some(entry) = p.progress_log.last() {
            rest = match entry.date {
                Some(d) => format!("{}，{}", short_date(d, year), one_line(&entry.text)),
                None => one_line(&entry.text),
            };
            if !rest.ends_with(['。', '！', '？']) {
                rest.push('。');
            }
        }
    }
    format!("{phrase}{rest}")
}

/// The figures of the ledger a count sentence can be recomputed from.
pub fn ledger_figures(ledger: &Ledger, counts: &BulletinCounts) -> figures::LedgerFigures {
    figures::LedgerFigures {
        problems: counts.total,
        categories: ledger.categories.len(),
        done: counts.finished,
        rules: counts.rules,
    }
}

/// The opening paragraph with the counts of the ledger as it stands. A written opening keeps
/// its words; each count sentence gets all its figures recomputed, or, when the ledger cannot
/// recompute one of them (问责N人, 金额) or the person chose to keep the stated figures
/// (`StatedFigures::Keep`), is kept whole as stated (原文统计); the date after 截至 is the
/// as-of date unless its sentence is kept. One without figures gets a sentence stating them; an empty one is
/// written from the meta.
/// Returns the text and whether a counts sentence had to be added.
pub fn opening_text(ledger: &Ledger, counts: &BulletinCounts) -> (String, bool) {
    let meta = &ledger.meta;
    let year = meta.issue_date.map(|d| d.year());
    let as_of = meta
        .as_of
        .map(|d| short_date(d, year))
        .unwrap_or_else(|| "目前".to_string());
    let sentence = format!(
        "截至{as_of}，已整改完毕事项{}个，整改建章立制{}项。",
        counts.finished, counts.rules
    );
    let written = ledger.sections.opening.trim();
    if written.is_empty() {
        return (generated_opening(ledger, counts, &sentence), false);
    }
    let honest = figures::honest(
        written,
        &ledger_figures(ledger, counts),
        ledger.meta.stated_figures,
    );
    let mut text = honest.text;
    let mut found = honest.recomputed + honest.kept.len();
    let date_kept = honest.kept.iter().any(|s| s.contains("截至"));
    if let Some(t) = replace_date_after(&text, "截至", &as_of).filter(|_| !date_kept) {
        text = t;
        found += 1;
    }
    if found > 0 {
        return (text, false);
    }
    // no place for the counts: add them before a closing "…通报如下：", else at the end
    let insert_at = match text.rfind('。') {
        Some(i) if text.ends_with('：') => i + '。'.len_utf8(),
        _ => text.len(),
    };
    text.insert_str(insert_at, &sentence);
    (text, true)
}

fn generated_opening(ledger: &Ledger, counts: &BulletinCounts, sentence: &str) -> String {
    let m = &ledger.meta;
    let kind = or_default(&m.inspection_kind, "巡察");
    let unit = or_default(&m.unit, "我单位");
    let short = or_default(&m.unit_short, unit);
    let group = m.inspection_group.trim();
    let mut out = String::new();
    let period = match (m.inspection_from, m.inspection_to) {
        (Some(a), Some(b)) => format!("{}至{}，", full_date(a), full_date(b)),
        (Some(a), None) => format!("{}起，", full_date(a)),
        _ => String::new(),
    };
    if !group.is_empty() {
        out.push_str(&format!("{period}{group}对{unit}"));
        if short != unit {
            out.push_str(&format!("（以下简称：{short}）"));
        }
        out.push_str(&format!("开展了{kind}。"));
    }
    let feedback = m.feedback_date.trim();
    let by = if group.is_empty() {
        String::new()
    } else {
        format!("{group}向{short}")
    };
    if !feedback.is_empty() {
        out.push_str(&format!("{feedback}，"));
    }
    out.push_str(&format!(
        "{by}反馈了{kind}意见，指出存在的问题{}个。{sentence}现将整改进展情况通报如下：",
        counts.total
    ));
    out
}

/// Replace the date written after `marker` ("截至6月24日", "截至2022年6月24日", "截至目前").
fn replace_date_after(text: &str, marker: &str, date: &str) -> Option<String> {
    let at = text.find(marker)? + marker.len();
    let rest = &text[at..];
    let len = if rest.starts_with("目前") {
        "目前".len()
    } else {
        // digits and 年月日, ending with 日
        let mut end = 0;
        let mut seen_day = false;
        for (i, c) in rest.char_indices() {
            if c.is_ascii_digit() || matches!(c, '年' | '月' | ' ') {
                continue;
            }
            if c == '日' {
                end = i + c.len_utf8();
                seen_day = true;
            }
            break;
        }
        if !seen_day {
            return None;
        }
        end
    };
    Some(format!("{}{}{}", &text[..at], date, &text[at + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_after_markers_are_replaced_and_words_kept() {
        let t = "指出我单位存在的问题16个。截至6月24日，已整改完毕事项15个，整改建章立制5项。";
        let ledger = figures::LedgerFigures {
            problems: 17,
            categories: 17,
            done: 3,
            rules: 0,
        };
        let t = figures::honest(t, &ledger, crate::ledger::StatedFigures::Unchosen).text;
        let t = replace_date_after(&t, "截至", "2023年1月2日").unwrap();
        assert_eq!(
            t,
            "指出我单位存在的问题17个。截至2023年1月2日，已整改完毕事项3个，整改建章立制0项。"
        );
        assert_eq!(replace_date_after("截至本月", "截至", "x"), None);
        assert_eq!(
            replace_date_after("截至目前，", "截至", "6月1日").unwrap(),
            "截至6月1日，"
        );
    }

    #[test]
    fn status_phrases_are_split_off() {
        assert_eq!(
            split_status_phrase("整改完成，并长期坚持。修订完善《规则》"),
            (Some(Status::Ongoing), "修订完善《规则》")
        );
        assert_eq!(
            split_status_phrase("整改完成。已补齐"),
            (Some(Status::Done), "已补齐")
        );
        assert_eq!(split_status_phrase("召开会议"), (None, "召开会议"));
    }

    #[test]
    fn sub_headings_in_narratives_are_set_in_kaiti() {
        let b = narrative("（一）高度重视。工业园党委主要领导深入研究");
        let Block::Paragraph { runs, .. } = b else {
            panic!()
        };
        assert_eq!(runs[0], Run::new("（一）高度重视。", Face::KaiTi));
        assert_eq!(runs[1].face, Face::FangSong);
        assert_eq!(sub_heading_len("(二)健全机制"), Some("(二)健全机制".len()));
        assert_eq!(sub_heading_len("（1）细项"), None);
        assert_eq!(sub_heading_len("一是"), None);
    }
}
