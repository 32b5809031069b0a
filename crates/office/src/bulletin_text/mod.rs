//! Import a bulletin text (通报, 整改方案, 整改台账, 审计整改报告: "从通报导入"). Each line is
//! cleaned and classed (`text`, `lines`), the frame read (`frame`), then the structure is
//! inferred rather than matched against known schemes: the numbering levels the text uses and
//! the role of each (`levels`), the body read with those roles (`build`), statuses from the
//! whole 整改情况 (the core's `read_status`), rules (`rules`), the stated figures (`counts`), and the ledger
//! and outline put together (`assemble`). A person's choice of roles re-runs the whole read.

mod assemble;
mod build;
mod counts;
mod frame;
mod levels;
mod lines;
mod meta;
mod numbers;
mod rules;
mod table;
mod text;

pub use table::{read_table_text, tab_grid};

use rectify_core::document::LedgerDoc;
use rectify_core::import::bulletin::{
    create_from_import, BulletinImport, BulletinReport, BulletinTextError, BulletinWarning, Marker,
    Place, Placed, Role, MAX_BULLETIN_BYTES,
};
use rectify_core::ledger::{Meta, DEFAULT_WARN_DAYS};

/// Parse a bulletin text into a ledger and a report of what was recognised.
pub fn parse_bulletin(text: &str) -> Result<BulletinImport, BulletinTextError> {
    parse_bulletin_with(text, &[])
}

/// A line of the input: its 1-based number and its cleaned text.
type NumberedLine = (usize, String);

/// The input's lines (1-based number, cleaned text) without the blank ones; page numbers
/// apart, as dropped lines.
fn input_lines(text: &str) -> (Vec<NumberedLine>, Vec<NumberedLine>) {
    let mut pages = Vec::new();
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        for part in raw.split(['\r', '\u{c}', '\u{2028}', '\u{2029}']) {
            let l = text::clean_line(part);
            if l.is_empty() {
                continue;
            }
            if text::page_number_line(&l) {
                pages.push((i + 1, l));
            } else {
                lines.push((i + 1, l));
            }
        }
    }
    (lines, pages)
}

/// Parse with the roles a person chose for some numbering levels.
pub fn parse_bulletin_with(
    text: &str,
    chosen: &[(Marker, Role)],
) -> Result<BulletinImport, BulletinTextError> {
    read_bulletin(text, None, chosen)
}

/// Parse with the roles a person chose when the text's numbering levels were `for_levels`
/// (outermost first): kept while the text, edited since, still has those levels in that
/// order; set aside (the roles inferred again) once its structure differs.
pub fn parse_bulletin_keeping(
    text: &str,
    for_levels: &[Marker],
    chosen: &[(Marker, Role)],
) -> Result<BulletinImport, BulletinTextError> {
    read_bulletin(text, Some(for_levels), chosen)
}

fn read_bulletin(
    text: &str,
    for_levels: Option<&[Marker]>,
    chosen: &[(Marker, Role)],
) -> Result<BulletinImport, BulletinTextError> {
    if text.len() > MAX_BULLETIN_BYTES {
        return Err(BulletinTextError::TooLarge { bytes: text.len() });
    }
    let (lines, pages) = input_lines(text);
    if lines.is_empty() {
        return Err(if pages.is_empty() {
            BulletinTextError::Empty
        } else {
            BulletinTextError::NoStructure
        });
    }
    let mut report = BulletinReport::default();
    if !pages.is_empty() {
        let texts = pages.iter().map(|(_, l)| l.clone()).collect();
        report.warnings.push(BulletinWarning::PageNumbers(texts));
    }
    let mut meta = Meta {
        warn_days: DEFAULT_WARN_DAYS,
        ..Default::default()
    };
    let frame = frame::frame(&lines, &mut meta);
    let mut paras = lines::paragraphs(&lines[frame.body.clone()]);
    let opening_end = paras
        .iter()
        .position(|p| p.kind != lines::Kind::Text)
        .unwrap_or(paras.len());
    let opening_text: String = paras[..opening_end]
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    report.stated = counts::stated_counts(&opening_text);
    let order = levels::nesting(&paras);
    let gaps = levels::keep_in_sequence(&mut paras, &order);
    let order = levels::nesting(&paras);
    let chosen = match for_levels {
        Some(those) if those != order.as_slice() => &[][..],
        _ => chosen,
    };
    let (levels, tie_warnings) = levels::roles(&paras, &order, &report.stated, chosen);
    let body = build::read_body(&paras, &levels);
    if body.cats.is_empty() {
        return Err(BulletinTextError::NoStructure);
    }
    for (m, after, next) in gaps {
        match levels.iter().find(|l| l.marker == m).map(|l| l.role) {
            Some(Role::Problem) => report
                .warnings
                .push(BulletinWarning::ProblemNumberGap { after, next }),
            Some(Role::Category) => report
                .warnings
                .push(BulletinWarning::CategoryNumberGap { after, next }),
            _ => {}
        }
    }
    report.warnings.extend(tie_warnings);
    let mut placed: Vec<Placed> = pages
        .iter()
        .map(|(n, _)| Placed {
            first_line: *n,
            last_line: *n,
            place: Place::Dropped,
        })
        .collect();
    placed.extend(frame.used.iter().map(|n| Placed {
        first_line: *n,
        last_line: *n,
        place: Place::Frame,
    }));
    placed.extend(frame.head_notes.iter().map(|(n, _)| Placed {
        first_line: *n,
        last_line: *n,
        place: Place::Opening,
    }));
    placed.extend(frame.tail_notes.iter().map(|(n, _)| Placed {
        first_line: *n,
        last_line: *n,
        place: Place::Contact,
    }));
    let import = assemble::assemble(meta, body, &frame, levels, placed, report)?;
    Ok(import)
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
