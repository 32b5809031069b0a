//! The figures a count sentence states (对8个方面27个具体问题, 已完成整改20个, 正在整改6个,
//! 整改完成率76%, 制定及修改完善制度12项, 问责3人, 挽回损失12.5万元), read from the text and,
//! for the bulletin, either all recomputed from the ledger or the sentence kept whole.

use serde::{Deserialize, Serialize};

use crate::import::bulletin::StatedCounts;
use crate::ledger::StatedFigures;

/// What a number in a count sentence counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Problems,
    Categories,
    Done,
    InProgress,
    BasicallyDone,
    RatePercent,
    Rules,
    People,
    Money,
}

/// A figure found in a sentence: what it counts, its byte range, its value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub figure: Figure,
    pub start: usize,
    pub end: usize,
    pub value: String,
}

const CN: &str = "一二三四五六七八九十";

fn cn_value(s: &str) -> Option<usize> {
    let d = |c: char| {
        CN.chars()
            .position(|x| x == c)
            .map(|p| p + 1)
            .filter(|d| *d < 10)
    };
    let v: Vec<char> = s.chars().collect();
    match v.as_slice() {
        [a] => CN.chars().position(|x| x == *a).map(|p| p + 1),
        ['十', b] => Some(10 + d(*b)?),
        [a, '十'] => Some(d(*a)? * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

/// The numbers in `s`: (start, end) byte ranges of digit runs (with a decimal point) and of
/// 一..九十九 followed by a counter word.
fn numbers(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let digit = |c: char| c.is_ascii_digit();
        let cn = |c: char| CN.contains(c);
        let kind: Option<fn(char) -> bool> = if digit(chars[i].1) {
            Some(|c| c.is_ascii_digit() || c == '.')
        } else if cn(chars[i].1) {
            Some(|c| CN.contains(c))
        } else {
            None
        };
        let Some(kind) = kind else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < chars.len() && kind(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(s.len(), |(b, _)| *b);
        let start = chars[i].0;
        let text = &s[start..end];
        let counted = s[end..].starts_with(['个', '项', '条', '件', '人', '类']);
        if digit(chars[i].1) || (counted && cn_value(text).is_some()) {
            out.push((start, end));
        }
        i = j;
    }
    out
}

/// What the number at `start..end` counts, from the words around it.
fn figure_at(s: &str, start: usize, end: usize, clause_start: usize) -> Option<Figure> {
    let after = &s[end..];
    let before = &s[clause_start..start];
    if after.starts_with(['年', '月', '日', '时', '.']) {
        return None;
    }
    if after.starts_with(['%', '％']) {
        return before.contains('率').then_some(Figure::RatePercent);
    }
    if after.starts_with("人") {
        let held = ["问责", "处理", "处分", "诫勉", "约谈", "谈话", "追责"];
        return held.iter().any(|w| s.contains(w)).then_some(Figure::People);
    }
    if after.starts_with("万元") || after.starts_with("元") || after.starts_with("亿元") {
        return Some(Figure::Money);
    }
    let rest = after.trim_start_matches(['个', '项', '条', '件', '类']);
    let rest = rest.strip_prefix("具体").unwrap_or(rest);
    if rest.starts_with("方面") {
        return Some(Figure::Categories);
    }
    if rest.starts_with("问题") {
        return Some(Figure::Problems);
    }
    let said = |words: &[&str]| words.iter().any(|w| before.contains(w));
    if said(&["基本完成"]) {
        Some(Figure::BasicallyDone)
    } else if said(&["正在整改", "正在推进", "整改中", "持续推进", "未完成"]) {
        Some(Figure::InProgress)
    } else if said(&[
        "完毕",
        "已完成",
        "已整改",
        "整改完成",
        "完成整改",
        "已销号",
        "办结",
    ]) {
        Some(Figure::Done)
    } else if said(&["建章立制", "制度"]) {
        Some(Figure::Rules)
    } else if said(&["问题"]) {
        Some(Figure::Problems)
    } else {
        None
    }
}

/// The figures of one sentence, in order.
pub fn figures_in(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut clause = 0;
    for (start, end) in numbers(s) {
        let b = s[..start]
            .rfind(['，', '、', '；', '：', ','])
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let clause_start = b.max(clause);
        if let Some(figure) = figure_at(s, start, end, clause_start) {
            let value = s[start..end].to_string();
            out.push(Found {
                figure,
                start,
                end,
                value,
            });
        }
        clause = end;
    }
    out
}

/// Sentences with their ending mark (。；), in order.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '\n') {
            out.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn number(value: &str) -> Option<usize> {
    value.parse().ok().or_else(|| cn_value(value))
}

/// Every figure the text states, the first of each kind, and the sentences they come from.
pub fn stated_counts(text: &str) -> StatedCounts {
    let mut c = StatedCounts::default();
    for s in sentences(text) {
        let found = figures_in(s);
        if found.is_empty() {
            continue;
        }
        for f in found {
            let slot = match f.figure {
                Figure::Problems => &mut c.problems,
                Figure::Categories => &mut c.categories,
                Figure::Done => &mut c.done,
                Figure::InProgress => &mut c.in_progress,
                Figure::BasicallyDone => &mut c.basically_done,
                Figure::RatePercent => &mut c.rate_percent,
                Figure::Rules => &mut c.rules,
                Figure::People => &mut c.people,
                Figure::Money => {
                    if c.money.is_none() {
                        c.money = Some(format!(
                            "{}{}",
                            f.value,
                            &s[f.end..]
                                .chars()
                                .take_while(|c| matches!(c, '万' | '亿' | '元'))
                                .collect::<String>()
                        ));
                    }
                    continue;
                }
            };
            if slot.is_none() {
                *slot = number(&f.value);
            }
        }
        c.sentences
            .push(s.trim_end_matches(['。', '；', '\n']).to_string());
    }
    c
}

/// The ledger's own value of each figure it can recompute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerFigures {
    pub problems: usize,
    pub categories: usize,
    pub done: usize,
    pub rules: usize,
}

impl LedgerFigures {
    /// The value of `figure` by the ledger; `None` for what a ledger does not hold (people
    /// held to account, money, 基本完成).
    pub fn value(&self, figure: Figure) -> Option<usize> {
        match figure {
            Figure::Problems => Some(self.problems),
            Figure::Categories => Some(self.categories),
            Figure::Done => Some(self.done),
            Figure::InProgress => Some(self.problems - self.done.min(self.problems)),
            Figure::Rules => Some(self.rules),
            Figure::RatePercent => {
                Some((self.done * 100 + self.problems / 2) / self.problems.max(1))
            }
            Figure::BasicallyDone | Figure::People | Figure::Money => None,
        }
    }
}

/// A figure the text states that the ledger counts otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureDifference {
    pub figure: Figure,
    pub stated: String,
    pub ledger: usize,
}

/// A text's count sentences made honest: each sentence whose figures the ledger can all
/// recompute gets them all recomputed, unless the person chose to keep the stated figures;
/// any other is kept whole, as the text stated it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Honest {
    pub text: String,
    /// figures recomputed
    pub recomputed: usize,
    /// sentences kept whole (原文统计)
    pub kept: Vec<String>,
    pub differences: Vec<FigureDifference>,
}

pub fn honest(text: &str, ledger: &LedgerFigures, choice: StatedFigures) -> Honest {
    let keep_all = choice == StatedFigures::Keep;
    let mut out = Honest::default();
    for s in sentences(text) {
        let found = figures_in(s);
        for f in &found {
            if let Some(v) = ledger.value(f.figure) {
                if number(&f.value) != Some(v) {
                    out.differences.push(FigureDifference {
                        figure: f.figure,
                        stated: f.value.clone(),
                        ledger: v,
                    });
                }
            }
        }
        if found.is_empty() {
            out.text.push_str(s);
        } else if !keep_all && found.iter().all(|f| ledger.value(f.figure).is_some()) {
            let mut at = 0;
            for f in &found {
                out.text.push_str(&s[at..f.start]);
                out.text
                    .push_str(&ledger.value(f.figure).unwrap_or_default().to_string());
                at = f.end;
            }
            out.text.push_str(&s[at..]);
            out.recomputed += found.len();
        } else {
            out.text.push_str(s);
            out.kept
                .push(s.trim_end_matches(['。', '；', '\n']).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_of_the_count_sentences() {
        let c = stated_counts(
            "巡视组对8个方面27个具体问题进行了反馈。截至6月底，已完成整改20个，基本完成3个，正在整改4个，整改完成率74%；制定及修改完善制度12项，问责3人，挽回经济损失12.5万元。",
        );
        assert_eq!(c.categories, Some(8));
        assert_eq!(c.problems, Some(27));
        assert_eq!(c.done, Some(20));
        assert_eq!(c.basically_done, Some(3));
        assert_eq!(c.in_progress, Some(4));
        assert_eq!(c.rate_percent, Some(74));
        assert_eq!(c.rules, Some(12));
        assert_eq!(c.people, Some(3));
        assert_eq!(c.money.as_deref(), Some("12.5万元"));
        assert_eq!(c.sentences.len(), 3);
        let c = stated_counts("巡察反馈25个问题，已完成整改0个、正在整改6个。");
        assert_eq!(
            (c.problems, c.done, c.in_progress),
            (Some(25), Some(0), Some(6))
        );
        let c = stated_counts(
            "指出我单位存在的问题16个。截至6月24日，已整改完毕事项16个，整改建章立制5项。",
        );
        assert_eq!((c.problems, c.done, c.rules), (Some(16), Some(16), Some(5)));
        assert_eq!(stated_counts("指出问题十六个。").problems, Some(16));
    }

    #[test]
    fn a_sentence_is_recomputed_whole_or_kept_whole() {
        let ledger = LedgerFigures {
            problems: 25,
            categories: 5,
            done: 19,
            rules: 12,
        };
        let text =
            "巡察反馈25个问题，已完成整改0个、正在整改6个，整改完成率76%。问责3人，整改完成12个。";
        let h = honest(text, &ledger, StatedFigures::Unchosen);
        assert_eq!(
            h.text,
            "巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率76%。问责3人，整改完成12个。"
        );
        assert_eq!(h.kept, ["问责3人，整改完成12个"]);
        assert_eq!(h.recomputed, 4);
        let differ: Vec<Figure> = h.differences.iter().map(|d| d.figure).collect();
        assert_eq!(differ, [Figure::Done, Figure::Done]);
        assert_eq!(honest(text, &ledger, StatedFigures::Recompute), h);
        // kept by choice: every count sentence whole, as stated
        let kept = honest(text, &ledger, StatedFigures::Keep);
        assert_eq!(kept.text, text);
        assert_eq!(kept.recomputed, 0);
        assert_eq!(
            kept.kept,
            [
                "巡察反馈25个问题，已完成整改0个、正在整改6个，整改完成率76%",
                "问责3人，整改完成12个"
            ]
        );
    }
}
