//! The bulletin (通报) as a Word .docx in the GB/T 9704 layout of the print view, for the unit
//! to finish in Word or WPS: A4, the 版心 margins, 22 × 28 grid, faces, headings, page numbers.

use std::io::{Cursor, Write};

use docx_rs::{
    AlignmentType, BorderType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run as DocxRun, RunFonts, SpecialIndentType, Style,
    StyleType, XMLDocx,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use rectify_core::bulletin::layout::{
    signature_geometry, text_width, CHARS_PER_LINE, CJK, HEADER_LINES,
};
use rectify_core::bulletin::{Block, Bulletin, Face, Run};

/// A4 in twentieths of a point (twips): 210 × 297 mm.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// GB/T 9704 margins (style/bulletin.css: `padding: 37mm 26mm 35mm 28mm`), in twips:
/// 天头 37 mm, 订口 (left) 28 mm, leaving a 156 × 225 mm 版心.
pub const MARGIN_TOP: i32 = 2098;
pub const MARGIN_BOTTOM: i32 = 1984;
pub const MARGIN_LEFT: i32 = 1587;
pub const MARGIN_RIGHT: i32 = 1474;
/// The page number's line sits 7 mm under the 版心 (its top 28 mm above the page's bottom
/// edge); a 14 pt line with exact spacing ends 23 mm above it.
pub const FOOTER_DISTANCE: i32 = 1304;
/// The line pitch, 28.95 pt: 22 lines fill the 225 mm 版心.
pub const LINE_PITCH: i32 = 579;
/// The 版心 width divided into 28 characters (8845 / 28 twips, rounded).
const CHAR_PITCH: i32 = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT
    + CHARS_PER_LINE as i32 / 2)
    / CHARS_PER_LINE as i32;
/// Body characters are set 0.25 pt closer (in twips), so that 28 of 3号 fit the 442.25 pt
/// 版心 (28 × 15.75 pt = 441 pt), as the print view's letter-spacing does. Word's own
/// character grid (docGrid linesAndChars) would do the same in Word, but LibreOffice reads
/// that grid against a 12 pt base and sets 18 characters a line, so the spacing is on the
/// runs and the grid is of lines only.
const BODY_CHAR_SPACING: i32 = -5;

/// Sizes in half-points: 3号 16 pt body, 2号 22 pt title, 4号 14 pt page numbers, and the
/// red 发文机关标志 at 32 pt (narrowed when it is too long for the line, as in print).
const BODY_SIZE: usize = 32;
const TITLE_SIZE: usize = 44;
const FOLIO_SIZE: usize = 28;
const HEADER_PT: usize = 32;
/// The red of the 发文机关标志 and its rule (style/bulletin.css `--doc-red`).
pub const RED: &str = "E60012";

/// Font names, one per run as Word allows. The print view's CSS names several in order; here
/// each face gets the one that Windows has had since Vista and WPS ships (仿宋, 楷体, 黑体,
/// 宋体): the older 仿宋_GB2312 / 楷体_GB2312 are missing on most machines, and Word replaces
/// a missing Chinese font by 宋体, not by its nearest face. The title's 小标宋 has no system
/// equivalent, but the standard asks for it and units that write 公文 have 方正小标宋简体;
/// where it is missing Word and WPS fall back to 宋体, as the print view does.
pub const FANGSONG: &str = "仿宋";
pub const KAITI: &str = "楷体";
pub const HEITI: &str = "黑体";
pub const SONGTI: &str = "宋体";
pub const XIAOBIAOSONG: &str = "方正小标宋简体";

/// Paragraph styles, so Word's navigation pane and 样式 list show the headings: 一、 is
/// 标题 1 (outline level 1), （一） is 标题 2 (outline level 2).
pub const HEADING_1: &str = "Heading1";
pub const HEADING_2: &str = "Heading2";

fn face_font(face: Face) -> &'static str {
    match face {
        Face::FangSong => FANGSONG,
        Face::HeiTi => HEITI,
        Face::KaiTi => KAITI,
    }
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .hint("eastAsia")
}

/// XML 1.0 forbids most control characters; a ledger field pasted from elsewhere may hold
/// some. They are dropped (markup characters are escaped by docx-rs and stay as text).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\t' || !(c.is_control() || ('\u{fffe}'..='\u{ffff}').contains(&c)))
        .collect()
}

fn run(text: &str, font: &str, size: usize) -> DocxRun {
    DocxRun::new()
        .add_text(clean(text))
        .fonts(fonts(font))
        .size(size)
}

/// A run of body text on the 28-character line.
fn body_run(text: &str, font: &str) -> DocxRun {
    run(text, font, BODY_SIZE).character_spacing(BODY_CHAR_SPACING)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

/// What a body paragraph is: a 一、 heading, a （一） heading (alone or leading its paragraph),
/// or text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    One,
    Two,
    Text,
}

fn level(runs: &[Run]) -> Level {
    match runs.first().map(|r| r.face) {
        Some(Face::HeiTi) if runs.iter().all(|r| r.face == Face::HeiTi) => Level::One,
        Some(Face::KaiTi) => Level::Two,
        _ => Level::Text,
    }
}

/// Twentieths of a character (the layout's unit) as twips on the 28-character grid.
fn grid_twips(units: usize) -> i32 {
    (units as i32 * CHAR_PITCH + CJK as i32 / 2) / CJK as i32
}

fn body(runs: &[Run]) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .line_spacing(exact(LINE_PITCH))
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(2 * CHAR_PITCH)),
            None,
            None,
        );
    p = match level(runs) {
        Level::One => p.style(HEADING_1).outline_lvl(0).keep_next(true),
        Level::Two if runs.len() == 1 => p.style(HEADING_2).outline_lvl(1).keep_next(true),
        Level::Two => p.style(HEADING_2).outline_lvl(1),
        Level::Text => p,
    };
    for r in runs {
        p = p.add_run(body_run(&r.text, face_font(r.face)));
    }
    p
}

/// 发文机关标志: red 小标宋 centred over a red rule, the two filling three grid lines, then one
/// blank line before the title (layout.rs counts the same four lines).
fn header(text: &str) -> Paragraph {
    let chars = text.chars().count().max(1);
    let width_twips = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
    // horizontal scale (percent) so a long header stays on one line, as the view's scaleX
    let scale = (width_twips * 100 / (chars * HEADER_PT * 20)).clamp(1, 100) as i32;
    let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(12) // eighths of a point: 1.5 pt, the view's 2 px
        .space(0)
        .color(RED);
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                // the rule's 1.5 pt is part of the three lines
                .line(HEADER_LINES as i32 * LINE_PITCH - 30)
                .before(0)
                .after(LINE_PITCH as u32),
        )
        .keep_next(true)
        .add_run(
            run(text, XIAOBIAOSONG, HEADER_PT * 2)
                .color(RED)
                .stretch(scale),
        );
    p.property = p
        .property
        .set_borders(ParagraphBorders::with_empty().set(rule));
    p
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Title")
        .align(AlignmentType::Center)
        // 22 pt characters are not forced into the 28-character grid's cells
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(LINE_PITCH)
                .before(0)
                .after(LINE_PITCH as u32),
        )
        .keep_next(true)
        .add_run(run(text, XIAOBIAOSONG, TITLE_SIZE))
}

/// 署名 and 成文日期: right-aligned, `right_units` (layout units) from the right edge; the
/// signature comes after one blank line.
fn right(text: &str, right_units: usize, blank_before: bool, keep_next: bool) -> Paragraph {
    let before = if blank_before { LINE_PITCH as u32 } else { 0 };
    Paragraph::new()
        .align(AlignmentType::Right)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(LINE_PITCH)
                .before(before)
                .after(0),
        )
        .indent(Some(0), None, Some(grid_twips(right_units)), None)
        .keep_next(keep_next)
        .add_run(body_run(text, FANGSONG))
}

/// The footer: "— PAGE —" in 4号 宋体, one character in from the 版心's edge; odd pages at the
/// right, even at the left. PAGE is a field, so Word renumbers when the text is edited.
fn folio(odd: bool) -> Footer {
    let indent = FOLIO_SIZE as i32 * 10; // one 14 pt character
    let dash = |t: &str| run(t, SONGTI, FOLIO_SIZE);
    let field = |r: DocxRun| r.fonts(fonts(SONGTI)).size(FOLIO_SIZE);
    let p = Paragraph::new()
        .align(if odd {
            AlignmentType::Right
        } else {
            AlignmentType::Left
        })
        .snap_to_grid(false)
        .line_spacing(exact(FOLIO_SIZE as i32 * 10))
        .indent(
            Some(if odd { 0 } else { indent }),
            None,
            Some(if odd { indent } else { 0 }),
            None,
        )
        .add_run(dash("— "))
        .add_run(field(
            DocxRun::new().add_field_char(FieldCharType::Begin, false),
        ))
        .add_run(field(
            DocxRun::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        ))
        .add_run(field(
            DocxRun::new().add_field_char(FieldCharType::Separate, false),
        ))
        .add_run(field(DocxRun::new().add_text("1")))
        .add_run(field(
            DocxRun::new().add_field_char(FieldCharType::End, false),
        ))
        .add_run(dash(" —"));
    Footer::new().add_paragraph(p)
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, font: &str, outline: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(fonts(font))
            .size(BODY_SIZE)
            .line_spacing(exact(LINE_PITCH))
            .outline_lvl(outline)
    };
    // replace docx-rs's own empty Normal: two styles with one id confuse Word and LibreOffice
    let mut docx = docx;
    docx.styles.styles.retain(|s| s.style_id != "Normal");
    docx.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .fonts(fonts(FANGSONG))
            .size(BODY_SIZE)
            .line_spacing(exact(LINE_PITCH))
            .align(AlignmentType::Both),
    )
    .add_style(heading(HEADING_1, "heading 1", HEITI, 0))
    .add_style(heading(HEADING_2, "heading 2", KAITI, 1))
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .fonts(fonts(XIAOBIAOSONG))
            .size(TITLE_SIZE)
            .align(AlignmentType::Center),
    )
}

/// The bulletin as a Word document (.docx bytes).
pub fn to_docx(bulletin: &Bulletin) -> Result<Vec<u8>, String> {
    let mut docx = styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .footer(folio(true))
        .even_footer(folio(false));
    docx.document.section_property = docx.document.section_property.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );

    // the same places as the view and print (GB/T 9704-2012, 7.3.5.2: no seal)
    let signature_units = bulletin.blocks.iter().find_map(|b| match b {
        Block::Signature(s) => Some(text_width(s)),
        _ => None,
    });
    let date_units = bulletin.blocks.iter().find_map(|b| match b {
        Block::Date(d) => Some(text_width(d)),
        _ => None,
    });
    let (signature_right, date_right) = signature_geometry(signature_units, date_units);
    let last = bulletin.blocks.len().saturating_sub(1);
    for (i, block) in bulletin.blocks.iter().enumerate() {
        let p = match block {
            Block::Header(text) => header(text),
            Block::Title(text) => title(text),
            // the text's last lines stay on the signature's page (Word's widow control moves
            // two lines with it), as `bulletin::layout` pages it
            Block::Paragraph { runs, .. } => {
                let signature_next =
                    matches!(bulletin.blocks.get(i + 1), Some(Block::Signature(_)));
                if signature_next {
                    body(runs).keep_next(true).widow_control(true)
                } else {
                    body(runs)
                }
            }
            Block::Signature(text) => right(text, signature_right, true, i < last),
            Block::Date(text) => right(text, date_right, signature_units.is_none(), false),
        };
        docx = docx.add_paragraph(p);
    }

    package(docx.build()).map_err(|e| format!("Word 文件打包失败：{e}"))
}

/// The parts docx-rs made, as a .docx (a zip archive of stored entries, dated 1980-01-01).
/// docx-rs's own `pack` goes through its own, older major version of the zip crate, which
/// would be linked into the worker's wasm beside ours, so the parts are packed here with the
/// zip crate the workbook reader and writer already use.
fn package(xml: XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), xml.document),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    for (kind, files, rels) in [
        ("header", xml.headers, xml.header_rels),
        ("footer", xml.footers, xml.footer_rels),
    ] {
        for (i, file) in files.into_iter().enumerate() {
            parts.push((format!("word/{kind}{}.xml", i + 1), file));
            if let Some(r) = rels.get(i) {
                parts.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), r.clone()));
            }
        }
    }
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut archive = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        archive.start_file(name, stored)?;
        archive.write_all(&data)?;
    }
    Ok(archive.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_holds_28_characters_and_22_lines() {
        let width = PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT;
        let height = PAGE_HEIGHT as i32 - MARGIN_TOP - MARGIN_BOTTOM;
        // 156 × 225 mm within a twip of rounding
        assert!((width - 8844).abs() <= 2, "{width}");
        assert!((height - 12756).abs() <= 2, "{height}");
        assert!((22 * LINE_PITCH..23 * LINE_PITCH).contains(&height));
        // 28 body characters, closed up, fit; 29 do not
        let char_twips = BODY_SIZE as i32 * 10 + BODY_CHAR_SPACING;
        assert!((28 * char_twips..29 * char_twips).contains(&width));
    }

    #[test]
    fn control_characters_are_dropped_and_markup_kept() {
        assert_eq!(clean("a\u{0}b\u{7}<c>&\td"), "ab<c>&\td");
    }
}
