//! The user guide as the Help view reads it: the real guide, and the Markdown it accepts.

use rectify::guide::{blocks, spans, Block, Span};

/// The guide as the page loads it.
const GUIDE: &str = include_str!("../docs/guide.md");

fn text(s: &str) -> Span {
    Span::Text(s.into())
}

#[test]
fn headings_paragraphs_lists_bold_and_code() {
    let md = "# 标题\n\n第一行\n接着一行 and\nmore words\n\n- 一项 **加粗** 和 `代码`\n- 二项\n  续行\n\n## Two\ntext after\n### Three\n#### not a heading\n";
    assert_eq!(
        blocks(md),
        vec![
            Block::Heading(1, vec![text("标题")]),
            Block::Paragraph(vec![text("第一行接着一行 and more words")]),
            Block::List(vec![
                vec![
                    text("一项 "),
                    Span::Bold("加粗".into()),
                    text(" 和 "),
                    Span::Code("代码".into())
                ],
                vec![text("二项续行")],
            ]),
            Block::Heading(2, vec![text("Two")]),
            Block::Paragraph(vec![text("text after")]),
            Block::Heading(3, vec![text("Three")]),
            Block::Paragraph(vec![text("#### not a heading")]),
        ]
    );
}

#[test]
fn an_unclosed_marker_is_kept_as_written() {
    assert_eq!(spans("a ** b ` c"), vec![text("a ** b ` c")]);
    assert_eq!(spans("****"), vec![text("****")]);
    assert_eq!(spans("<b>x</b>"), vec![text("<b>x</b>")], "markup is text");
}

#[test]
fn the_guide_reads_into_sections_with_no_stray_markers() {
    let blocks = blocks(GUIDE);
    let headings = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(2, _)))
        .count();
    assert!(headings >= 8, "the guide has its sections: {headings}");
    assert!(matches!(blocks.first(), Some(Block::Heading(1, _))));
    let all_text = |spans: &Vec<Span>| {
        spans.iter().all(|s| match s {
            Span::Text(t) => !t.contains("**"),
            Span::Bold(t) | Span::Code(t) => !t.is_empty(),
        })
    };
    for block in &blocks {
        let ok = match block {
            Block::Heading(_, s) | Block::Paragraph(s) => all_text(s),
            Block::List(items) => items.iter().all(all_text),
        };
        assert!(ok, "a marker left in {block:?}");
    }
}
