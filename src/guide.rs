//! The user guide (docs/guide.md) read into blocks for the 帮助 / Help view, which loads the
//! text when it opens (`platform::guide_text`; it is not compiled into the page).
//! The guide uses a small part of Markdown, and only that part is read: `#`–`###` headings,
//! paragraphs, one level of `- ` items, `**bold**` and `` `code` ``. A Markdown crate would
//! add tens of KB to the page for this (ARCHITECTURE.md, dependencies).

/// A piece of running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Bold(String),
    Code(String),
}

/// A block of the guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// a heading, level 1 to 3
    Heading(u8, Vec<Span>),
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
}

/// The guide's blocks, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>, items: &mut Vec<String>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(spans(&join(paragraph))));
            paragraph.clear();
        }
        if !items.is_empty() {
            blocks.push(Block::List(items.iter().map(|i| spans(i)).collect()));
            items.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((level, heading)) = heading(trimmed) {
            flush(&mut blocks, &mut paragraph, &mut items);
            blocks.push(Block::Heading(level, spans(heading)));
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !paragraph.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut items);
            }
            items.push(item.to_string());
        } else if trimmed.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut items);
        } else if let (Some(last), true) = (items.last_mut(), line.starts_with(' ')) {
            // an item's continuation line
            last.push_str(&join(&[trimmed]));
        } else {
            if !items.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut items);
            }
            paragraph.push(trimmed);
        }
    }
    flush(&mut blocks, &mut paragraph, &mut items);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = line[hashes..].strip_prefix(' ')?;
    (1..=3)
        .contains(&hashes)
        .then_some((hashes as u8, rest.trim()))
}

/// Lines of one paragraph joined: with a space between Latin words, with none where a line
/// ends or starts in Chinese (a line break inside Chinese text is not a space).
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
        if !out.is_empty() && !wide(out.chars().last()) && !wide(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Running text split at `**…**` and `` `…` ``; an unclosed marker is kept as written.
pub fn spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let marked = [("**", true), ("`", false)]
            .into_iter()
            .find_map(|(mark, bold)| {
                let inner = rest.strip_prefix(mark)?;
                let end = inner.find(mark).filter(|&e| e > 0)?;
                let text = inner[..end].to_string();
                let span = if bold {
                    Span::Bold(text)
                } else {
                    Span::Code(text)
                };
                Some((span, &inner[end + mark.len()..]))
            });
        match marked {
            Some((span, after)) => {
                if !plain.is_empty() {
                    spans.push(Span::Text(std::mem::take(&mut plain)));
                }
                spans.push(span);
                rest = after;
            }
            None => {
                let c = rest.chars().next().expect("rest is not empty");
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        spans.push(Span::Text(plain));
    }
    spans
}
