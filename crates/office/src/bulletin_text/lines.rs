//! The kinds of line: a numbered item (its marker and number), a field label (整改情况：…),
//! or plain text; and paragraphs joined across page breaks, split at labels inside them.

use rectify_core::document::ProblemText;
use rectify_core::import::bulletin::Marker;

use super::numbers::{split_cn_numeral, split_digits};
use super::text::{ends_sentence, heading_like};

/// The problem field a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Description,
    Cause,
    Measures,
    Progress,
}

impl Field {
    pub(super) fn text(self) -> ProblemText {
        match self {
            Field::Description => ProblemText::Description,
            Field::Cause => ProblemText::Cause,
            Field::Measures => ProblemText::Measures,
            Field::Progress => ProblemText::Progress,
        }
    }
}

/// Field labels, longer before shorter where one starts another.
pub(super) const LABELS: [(&str, Field); 22] = [
    ("原因分析", Field::Cause),
    ("问题原因", Field::Cause),
    ("产生原因", Field::Cause),
    ("问题表现", Field::Description),
    ("具体表现", Field::Description),
    ("主要表现", Field::Description),
    ("存在问题", Field::Description),
    ("问题描述", Field::Description),
    ("整改落实情况", Field::Progress),
    ("整改进展情况", Field::Progress),
    ("整改完成情况", Field::Progress),
    ("整改情况", Field::Progress),
    ("整改进展", Field::Progress),
    ("整改结果", Field::Progress),
    ("进展情况", Field::Progress),
    ("完成情况", Field::Progress),
    ("落实情况", Field::Progress),
    ("整改措施", Field::Measures),
    ("整改举措", Field::Measures),
    ("整改方案", Field::Measures),
    ("主要措施", Field::Measures),
    ("原因", Field::Cause),
];

/// What a paragraph is, by its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Numbered(Marker, usize),
    Label(Field),
    Text,
}

/// A paragraph: its kind, its whole text, the text after its marker or label, and the input
/// lines (1-based) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Para {
    pub kind: Kind,
    pub text: String,
    pub rest: String,
    pub first: usize,
    pub last: usize,
}

/// "（一）", "一、", "第一条", "1.", "（1）", "1）", "①" at the start of a line.
pub(super) fn numbered(line: &str) -> Option<(Marker, usize, &str)> {
    let t = line.trim();
    if let Some((n, rest)) = split_cn_numeral(t) {
        if let Some(rest) = rest.strip_prefix('、') {
            return Some((Marker::CnComma, n, rest.trim()));
        }
    }
    if let Some(inner) = t.strip_prefix('（') {
        let inner = inner.trim_start();
        let parts = split_cn_numeral(inner)
            .map(|(n, r)| (Marker::CnParen, n, r))
            .or_else(|| split_digits(inner).map(|(n, r)| (Marker::DigitParen, n, r)));
        if let Some((marker, n, rest)) = parts {
            if let Some(rest) = rest.trim_start().strip_prefix('）') {
                return Some((marker, n, rest.trim()));
            }
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        if let Some((n, rest)) = split_cn_numeral(rest) {
            for unit in ["条", "部分"] {
                if let Some(rest) = rest.strip_prefix(unit) {
                    return Some((Marker::Article, n, rest.trim()));
                }
            }
        }
    }
    if let Some(c) = t.chars().next().filter(|c| ('①'..='⑳').contains(c)) {
        let n = c as usize - '①' as usize + 1;
        return Some((Marker::Circled, n, t[c.len_utf8()..].trim()));
    }
    let (n, rest) = split_digits(t)?;
    let rest = rest.trim_start();
    if let Some(rest) = rest.strip_prefix('）') {
        return Some((Marker::DigitHalfParen, n, rest.trim()));
    }
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix('．'))
        .or_else(|| rest.strip_prefix('、'))?
        .trim();
    (!rest.is_empty() && n > 0).then_some((Marker::Digit, n, rest))
}

/// "整改情况：…" at the start of a line: the field and the text after the colon.
pub(super) fn label(line: &str) -> Option<(Field, &str)> {
    let t = line.trim();
    LABELS.iter().find_map(|(word, field)| {
        let rest = t.strip_prefix(word)?.trim_start().strip_prefix('：')?;
        Some((*field, rest.trim()))
    })
}

/// A line's kind and the text after its marker or label.
pub(super) fn kind_of(line: &str) -> (Kind, &str) {
    if let Some((m, n, rest)) = numbered(line) {
        return (Kind::Numbered(m, n), rest);
    }
    if let Some((f, rest)) = label(line) {
        return (Kind::Label(f), rest);
    }
    (Kind::Text, line.trim())
}

pub(super) fn para(text: String, first: usize, last: usize) -> Para {
    let (kind, rest) = kind_of(&text);
    let rest = rest.to_string();
    Para {
        kind,
        text,
        rest,
        first,
        last,
    }
}

/// Whether `line` continues the paragraph `prev` (a page break or a wrapped line): it is
/// plain text and `prev` did not end its sentence, or `prev` is a heading or label alone.
fn continues(prev: &Para, line: &str) -> bool {
    if kind_of(line).0 != Kind::Text {
        return false;
    }
    match prev.kind {
        Kind::Numbered(Marker::CnComma | Marker::Article, _) => prev.rest.is_empty(),
        Kind::Label(_) if prev.rest.is_empty() => true,
        Kind::Numbered(..) if heading_like(&prev.rest) => false,
        _ => !ends_sentence(&prev.text),
    }
}

/// Join lines (number, cleaned text) into paragraphs, then split each at the labels inside.
pub(super) fn paragraphs(lines: &[(usize, String)]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    for (no, line) in lines {
        if let Some(prev) = out.last_mut() {
            if continues(prev, line) {
                prev.text.push_str(line);
                *prev = para(std::mem::take(&mut prev.text), prev.first, *no);
                continue;
            }
        }
        out.push(para(line.clone(), *no, *no));
    }
    out.into_iter().flat_map(split_at_labels).collect()
}

/// "（1）关于“…”。整改情况：已完成。" → the item, then the label's paragraph: a label after
/// the end of a sentence starts a paragraph of its own.
fn split_at_labels(p: Para) -> Vec<Para> {
    let mut cuts = Vec::new();
    for (i, c) in p.text.char_indices() {
        if !matches!(c, '。' | '；' | '，') || (c == '，' && !matches!(p.kind, Kind::Numbered(..)))
        {
            continue;
        }
        let after = &p.text[i + c.len_utf8()..];
        if label(after).is_some() && !after.starts_with("原因：") {
            cuts.push(i + c.len_utf8());
        }
    }
    if cuts.is_empty() {
        return vec![p];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([p.text.len()]) {
        let piece = p.text[start..cut].trim();
        if !piece.is_empty() {
            pieces.push(para(piece.to_string(), p.first, p.last));
        }
        start = cut;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_every_style() {
        assert_eq!(numbered("一、提高"), Some((Marker::CnComma, 1, "提高")));
        assert_eq!(
            numbered("（十六）针对"),
            Some((Marker::CnParen, 16, "针对"))
        );
        assert_eq!(numbered("10．工业园"), Some((Marker::Digit, 10, "工业园")));
        assert_eq!(numbered("10、工业园"), Some((Marker::Digit, 10, "工业园")));
        assert_eq!(
            numbered("16.2021年以来"),
            Some((Marker::Digit, 16, "2021年以来"))
        );
        assert_eq!(numbered("（1）关于"), Some((Marker::DigitParen, 1, "关于")));
        assert_eq!(
            numbered("（１）关于"),
            Some((Marker::DigitParen, 1, "关于"))
        );
        assert_eq!(
            numbered("2）关于"),
            Some((Marker::DigitHalfParen, 2, "关于"))
        );
        assert_eq!(numbered("③关于"), Some((Marker::Circled, 3, "关于")));
        assert_eq!(numbered("第三条 关于"), Some((Marker::Article, 3, "关于")));
        assert_eq!(numbered("一是落实"), None);
        assert_eq!(numbered("2021年以来"), None);
        assert_eq!(label("整改进展：已完成"), Some((Field::Progress, "已完成")));
        assert_eq!(label("具体表现：x"), Some((Field::Description, "x")));
    }

    #[test]
    fn labels_inside_a_line_start_paragraphs() {
        let lines = vec![(1, "（1）关于“甲”。整改情况：已完成。".to_string())];
        let ps = paragraphs(&lines);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].kind, Kind::Numbered(Marker::DigitParen, 1));
        assert_eq!(ps[1].kind, Kind::Label(Field::Progress));
        assert_eq!(ps[1].rest, "已完成。");
    }
}
