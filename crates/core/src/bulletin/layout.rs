//! Typesetting the bulletin on the GB/T 9704-2012 grid: A4, 22 lines of 28 characters,
//! Chinese line-breaking rules, pages and page numbers. The view and print draw these pages.

use serde::{Deserialize, Serialize};

use super::{Block, Bulletin, Face, Run};

/// Characters per body line (3号 仿宋 in a 156 mm 版心).
pub const CHARS_PER_LINE: usize = 28;
/// Body lines per page (line pitch 28.95 pt in a 225 mm 版心).
pub const LINES_PER_PAGE: usize = 22;
/// Widths are counted in twentieths of a character: a CJK character is 20, an ASCII one 11
/// (Latin letters and digits in Chinese fonts are about 0.5–0.55 em; counting them a little
/// wide leaves slack that justification spreads, where counting them narrow would overflow).
pub const CJK: usize = 20;
const ASCII: usize = 11;
const LINE_UNITS: usize = CHARS_PER_LINE * CJK;
/// The first line of a paragraph is indented two characters.
pub const INDENT: usize = 2 * CJK;
/// 2号 title characters per line: the 版心 is 442 pt wide, a 22 pt character is 22 pt.
const TITLE_UNITS: usize = 20 * CJK;
/// Grid lines the red header takes on page 1, its red rule included.
pub const HEADER_LINES: usize = 3;

/// What a line is, for its typeface, size and alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineKind {
    /// 发文机关标志, red, with the red rule under it
    Header,
    /// 标题, 2号小标宋, centred
    Title,
    /// an empty grid line
    Blank,
    /// body text
    Body,
    /// 署名 / 成文日期, right-aligned with `right_units` of space on the right
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub kind: LineKind,
    pub runs: Vec<Run>,
    /// the first line of a paragraph (indented two characters)
    pub first: bool,
    /// a full line, spread to the full width (not the last line of its paragraph)
    pub justify: bool,
    /// space at the right in twentieths of a character (署名, 成文日期)
    pub right_units: usize,
    /// the problem this line belongs to, if any
    pub problem_id: Option<String>,
}

impl Line {
    fn empty(kind: LineKind) -> Line {
        Line {
            kind,
            runs: vec![],
            first: false,
            justify: false,
            right_units: 0,
            problem_id: None,
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based; printed as "— N —", odd pages at the right, even at the left
    pub number: usize,
    pub lines: Vec<Line>,
}

impl Page {
    /// The page number as printed: "— 1 —".
    pub fn folio(&self) -> String {
        format!("— {} —", self.number)
    }

    /// Odd pages carry their number at the right.
    pub fn folio_at_right(&self) -> bool {
        self.number % 2 == 1
    }
}

/// Width of a character in twentieths of a character width.
pub fn units(c: char) -> usize {
    if c.is_ascii() || ('\u{ff61}'..='\u{ff9f}').contains(&c) {
        ASCII
    } else {
        CJK
    }
}

fn width(text: &str) -> usize {
    text.chars().map(units).sum()
}

/// Marks that may not begin a line (they hang at the end of the line before).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』”’…—·%,.;:?!)]}".contains(c)
}

/// Marks that may not end a line (they move to the next line with what they open).
fn no_line_end(c: char) -> bool {
    "（《「『“‘([{".contains(c)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '_' | '-' | '.' | '/')
}

/// Break a paragraph of runs into lines of at most `capacity` units, the first line
/// `first_indent` units shorter. Line-breaking rules: closing marks hang at the end of a
/// line, opening marks never end one, and a number or Latin word is not split unless it
/// is longer than a line.
pub fn break_lines(runs: &[Run], capacity: usize, first_indent: usize) -> Vec<Vec<Run>> {
    let chars: Vec<(char, Face)> = runs
        .iter()
        .flat_map(|r| r.text.chars().map(move |c| (c, r.face)))
        .collect();
    let mut lines: Vec<Vec<(char, Face)>> = vec![];
    let mut start = 0;
    while start < chars.len() {
        let room = if lines.is_empty() {
            capacity.saturating_sub(first_indent).max(CJK)
        } else {
            capacity
        };
        // as many characters as fit
        let mut end = start;
        let mut used = 0;
        while end < chars.len() && used + units(chars[end].0) <= room {
            used += units(chars[end].0);
            end += 1;
        }
        if end < chars.len() {
            if no_line_start(chars[end].0) {
                // hang one closing mark (and a second one, as in "。”")
                end += 1;
                if end < chars.len() && no_line_start(chars[end].0) {
                    end += 1;
                }
            } else {
                // do not split a number or word, nor leave an opening mark at the end
                let mut e = end;
                while e > start + 1 && is_word_char(chars[e].0) && is_word_char(chars[e - 1].0) {
                    e -= 1;
                }
                if e > start + 1 && e != end && end - e < CHARS_PER_LINE {
                    end = e;
                }
                while end > start + 1 && no_line_end(chars[end - 1].0) {
                    end -= 1;
                }
            }
        }
        if end == start {
            end = start + 1;
        }
        lines.push(chars[start..end].to_vec());
        start = end;
    }
    lines
        .into_iter()
        .map(|line| {
            let mut out: Vec<Run> = vec![];
            for (c, face) in line {
                match out.last_mut() {
                    Some(run) if run.face == face => run.text.push(c),
                    _ => out.push(Run {
                        text: c.to_string(),
                        face,
                    }),
                }
            }
            out
        })
        .collect()
}

/// Lay the bulletin out in pages.
pub fn paginate(bulletin: &Bulletin) -> Vec<Page> {
    let (lines, keep_with_next) = lines_of(bulletin);
    fill_pages(lines, &keep_with_next)
}

/// A line in the body font (仿宋) holding `text` whole.
fn fang_line(kind: LineKind, text: &str) -> Line {
    let mut line = Line::empty(kind);
    line.runs = vec![Run {
        text: text.to_string(),
        face: Face::FangSong,
    }];
    line
}

/// Where the 发文机关署名 and the 成文日期 end (space on their right, in twentieths of a
/// character), for a document without a seal (GB/T 9704-2012, 7.3.5.2): the signature two
/// characters in from the right, the date on the next line starting two characters right of
/// the signature's first character; a date too long for that ends two characters in, and the
/// signature moves left to keep the two characters. With no signature, the date ends four
/// characters in. Widths as [`width`] counts them; the .docx uses the same.
pub fn signature_geometry(signature: Option<usize>, date: Option<usize>) -> (usize, usize) {
    let two = 2 * CJK;
    match (signature, date) {
        (Some(s), Some(d)) if s >= d + two => (two, s - d),
        (Some(s), Some(d)) => (2 * two + d - s, two),
        (Some(_), None) => (two, two),
        (None, _) => (two, 2 * two),
    }
}

/// The width of a signature or date line's text, as [`signature_geometry`] counts it.
pub fn text_width(text: &str) -> usize {
    width(text)
}

/// Body lines that go to the next page with the signature rather than leave it alone there.
const LINES_WITH_SIGNATURE: usize = 2;

/// Keep the last `n` body lines so far on the page of what follows.
fn keep_last_body_lines(out: &mut [(Line, bool)], n: usize) {
    out.iter_mut()
        .rev()
        .take(n)
        .take_while(|(line, _)| line.kind == LineKind::Body)
        .for_each(|(_, keep)| *keep = true);
}

/// Every line of the bulletin in order, each with whether it must stay on the page of the
/// line after it (a heading, the title, the signature before the date, the last lines of the
/// text before the signature).
fn lines_of(bulletin: &Bulletin) -> (Vec<Line>, Vec<bool>) {
    // each line, and whether it stays on the page of the next
    let mut out: Vec<(Line, bool)> = vec![];
    let signature_width = bulletin.blocks.iter().find_map(|b| match b {
        Block::Signature(s) => Some(width(s)),
        _ => None,
    });
    let date_width = bulletin.blocks.iter().find_map(|b| match b {
        Block::Date(d) => Some(width(d)),
        _ => None,
    });
    let (signature_right, date_right) = signature_geometry(signature_width, date_width);
    for (i, block) in bulletin.blocks.iter().enumerate() {
        match block {
            Block::Header(text) => {
                out.push((fang_line(LineKind::Header, text), true));
                for _ in 0..HEADER_LINES {
                    out.push((Line::empty(LineKind::Blank), true));
                }
            }
            Block::Title(text) => {
                let runs = [Run {
                    text: text.clone(),
                    face: Face::FangSong,
                }];
                for part in break_lines(&runs, TITLE_UNITS, 0) {
                    let mut line = Line::empty(LineKind::Title);
                    line.runs = part;
                    out.push((line, true));
                }
                out.push((Line::empty(LineKind::Blank), false));
            }
            Block::Paragraph { runs, problem_id } => {
                let parts = break_lines(runs, LINE_UNITS, INDENT);
                let n = parts.len();
                // a heading (a paragraph of one line in 黑体/楷体) stays with what follows
                let heading = n == 1 && runs.iter().all(|r| r.face != Face::FangSong);
                for (j, part) in parts.into_iter().enumerate() {
                    let mut line = Line::empty(LineKind::Body);
                    line.runs = part;
                    line.first = j == 0;
                    line.justify = j + 1 < n;
                    line.problem_id = problem_id.clone();
                    out.push((line, heading));
                }
            }
            Block::Signature(text) => {
                // the signature never stands alone on the last page (GB/T 9704): the last
                // lines of the text go with it
                keep_last_body_lines(&mut out, LINES_WITH_SIGNATURE);
                // one blank line between the text and the signature
                out.push((Line::empty(LineKind::Blank), true));
                let mut line = fang_line(LineKind::Right, text);
                line.right_units = signature_right;
                let last_block = i + 1 == bulletin.blocks.len();
                out.push((line, !last_block));
            }
            Block::Date(text) => {
                if signature_width.is_none() {
                    out.push((Line::empty(LineKind::Blank), true));
                }
                let mut line = fang_line(LineKind::Right, text);
                line.right_units = date_right;
                out.push((line, false));
            }
        }
    }
    out.into_iter().unzip()
}

/// The lines filled into pages; a heading or a signature is not left alone at the foot of a
/// page, and a page does not start with a blank line.
fn fill_pages(lines: Vec<Line>, keep_with_next: &[bool]) -> Vec<Page> {
    let mut pages: Vec<Page> = vec![];
    let mut current: Vec<Line> = vec![];
    let new_page = |pages: &mut Vec<Page>, current: &mut Vec<Line>| {
        pages.push(Page {
            number: pages.len() + 1,
            lines: std::mem::take(current),
        });
    };
    let mut i = 0;
    while i < lines.len() {
        // the run of lines that must stay together from i
        let mut j = i;
        while j + 1 < lines.len() && keep_with_next[j] {
            j += 1;
        }
        let group = (j + 1 - i).min(LINES_PER_PAGE);
        if !current.is_empty() && current.len() + group > LINES_PER_PAGE && group < LINES_PER_PAGE {
            new_page(&mut pages, &mut current);
        }
        for line in lines[i..i + group].iter().cloned() {
            if current.len() == LINES_PER_PAGE {
                new_page(&mut pages, &mut current);
            }
            if current.is_empty() && line.kind == LineKind::Blank && !pages.is_empty() {
                continue;
            }
            current.push(line);
        }
        i += group;
    }
    if !current.is_empty() || pages.is_empty() {
        new_page(&mut pages, &mut current);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fang(text: &str) -> Vec<Run> {
        vec![Run {
            text: text.to_string(),
            face: Face::FangSong,
        }]
    }

    fn texts(lines: Vec<Vec<Run>>) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect()
    }

    /// A bulletin whose text ends on the last line of a page: the signature and date would
    /// stand alone on the next page; the text's last two lines go there with them.
    #[test]
    fn the_signature_never_stands_alone_on_the_last_page() {
        let paragraph = |text: String| Block::Paragraph {
            runs: fang(&text),
            problem_id: None,
        };
        // page 1: the header (4 lines), the title and a blank (2): 16 one-line paragraphs fill it
        let mut blocks = vec![
            Block::Header("某某委员会".into()),
            Block::Title("通报".into()),
        ];
        blocks.extend((0..LINES_PER_PAGE - 6).map(|i| paragraph(format!("第{i}段。"))));
        blocks.push(Block::Signature("中共某某委员会".into()));
        blocks.push(Block::Date("2022年6月30日".into()));
        let bulletin = Bulletin {
            counts: Default::default(),
            blocks,
            counts_sentence_added: false,
            stated_kept: vec![],
            figure_differences: vec![],
        };
        let pages = paginate(&bulletin);
        assert_eq!(pages.len(), 2);
        let last = &pages[1].lines;
        let body = last.iter().filter(|l| l.kind == LineKind::Body).count();
        assert_eq!(body, 2, "{last:?}");
        assert_eq!(last.last().unwrap().text(), "2022年6月30日");
    }

    #[test]
    fn the_signature_and_date_follow_the_rule_for_a_document_without_a_seal() {
        let sig = text_width("中共清远市清新区太和工业园工作委员会");
        let date = text_width("2022年6月30日");
        let (s, d) = signature_geometry(Some(sig), Some(date));
        assert_eq!(s, 2 * CJK, "the signature two characters in");
        let sig_start = LINE_UNITS - s - sig;
        let date_start = LINE_UNITS - d - date;
        assert_eq!(
            date_start,
            sig_start + 2 * CJK,
            "the date two characters right of it"
        );
        // a short signature: the date ends two characters in, the signature moves left
        let short = text_width("某委员会");
        let (s, d) = signature_geometry(Some(short), Some(date));
        assert_eq!(d, 2 * CJK);
        assert_eq!(LINE_UNITS - d - date, LINE_UNITS - s - short + 2 * CJK);
        // no signature: the date four characters in
        assert_eq!(signature_geometry(None, Some(date)).1, 4 * CJK);
    }

    #[test]
    fn a_line_holds_28_characters_and_the_first_26() {
        let text = "字".repeat(26 + 28 + 5);
        let got = texts(break_lines(&fang(&text), LINE_UNITS, INDENT));
        assert_eq!(
            got.iter().map(|l| l.chars().count()).collect::<Vec<_>>(),
            [26, 28, 5]
        );
    }

    #[test]
    fn closing_marks_hang_and_opening_marks_move_down() {
        // the 27th character of the first line would be "，": it hangs on that line
        let text = format!("{}，后文", "字".repeat(26));
        let got = texts(break_lines(&fang(&text), LINE_UNITS, INDENT));
        assert_eq!(got, [format!("{}，", "字".repeat(26)), "后文".to_string()]);
        // an opening mark at the end of a line goes to the next line with its word
        let text = format!("{}《规则》", "字".repeat(25));
        let got = texts(break_lines(&fang(&text), LINE_UNITS, INDENT));
        assert_eq!(got, ["字".repeat(25), "《规则》".to_string()]);
    }

    #[test]
    fn numbers_are_not_split_and_ascii_is_half_width() {
        let text = format!("{}电话0763-5673980", "字".repeat(22));
        let got = texts(break_lines(&fang(&text), LINE_UNITS, INDENT));
        assert_eq!(
            got,
            [format!("{}电话", "字".repeat(22)), "0763-5673980".into()]
        );
        // 47 digits of 11 units fit in the 520 units of a first line; 48 do not
        let digits = "1".repeat(47);
        assert_eq!(
            texts(break_lines(&fang(&digits), LINE_UNITS, INDENT)).len(),
            1
        );
    }

    #[test]
    fn faces_are_kept_across_a_break() {
        let runs = vec![
            Run {
                text: "（一）高度重视。".into(),
                face: Face::KaiTi,
            },
            Run {
                text: "字".repeat(30),
                face: Face::FangSong,
            },
        ];
        let lines = break_lines(&runs, LINE_UNITS, INDENT);
        assert_eq!(lines[0][0].face, Face::KaiTi);
        assert_eq!(lines[0][1].face, Face::FangSong);
        assert_eq!(lines[1].len(), 1);
    }
}
