//! The bulletin as Word .docx: unzipped and read back, it has the GB/T 9704 page, faces, sizes,
//! headings and page-number fields, and every paragraph of the bulletin's text, escaped.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use rectify_core::bulletin::{bulletin, Bulletin};
use rectify_core::file::example::example_ledger;
use rectify_core::ledger::Ledger;
use rectify_office::bulletin_text::parse_bulletin;
use rectify_office::docx::{to_docx, FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG};

const SAMPLE: &str = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");

fn sample_ledger() -> Ledger {
    parse_bulletin(SAMPLE).expect("the sample parses").ledger
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip file");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the package"));
    let mut out = String::new();
    file.read_to_string(&mut out).unwrap();
    out
}

/// One paragraph as Word will read it.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<String>,
    align: Option<String>,
    /// (East Asian font, size in half-points, colour) of each run with text
    runs: Vec<(String, String, Option<String>)>,
    spacing: Option<(String, String)>,
    first_line: Option<String>,
    right_indent: Option<String>,
    bottom_border_color: Option<String>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        })
}

/// The paragraphs of a part, with their text unescaped by a real XML parser.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = Reader::from_str(xml);
    let mut out = vec![];
    let mut cur: Option<Para> = None;
    let mut in_text = false;
    let mut in_border = false;
    let mut run_font = String::new();
    let mut run_size = String::new();
    let mut run_color: Option<String> = None;
    let mut run_text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let p = cur.as_mut();
                match (name.as_ref(), p) {
                    (b"w:p", _) => cur = Some(Para::default()),
                    (b"w:pStyle", Some(p)) => p.style = attr(&e, "w:val"),
                    (b"w:outlineLvl", Some(p)) => p.outline = attr(&e, "w:val"),
                    (b"w:jc", Some(p)) => p.align = attr(&e, "w:val"),
                    (b"w:spacing", Some(p)) if attr(&e, "w:lineRule").is_some() => {
                        p.spacing = Some((
                            attr(&e, "w:line").unwrap_or_default(),
                            attr(&e, "w:lineRule").unwrap_or_default(),
                        ))
                    }
                    (b"w:ind", Some(p)) => {
                        p.first_line = attr(&e, "w:firstLine");
                        p.right_indent = attr(&e, "w:right");
                    }
                    (b"w:pBdr", Some(_)) => in_border = true,
                    (b"w:bottom", Some(p)) if in_border => {
                        p.bottom_border_color = attr(&e, "w:color")
                    }
                    (b"w:r", Some(_)) => {
                        run_font.clear();
                        run_size.clear();
                        run_color = None;
                        run_text.clear();
                    }
                    (b"w:rFonts", Some(_)) => run_font = attr(&e, "w:eastAsia").unwrap_or_default(),
                    (b"w:sz", Some(_)) => run_size = attr(&e, "w:val").unwrap_or_default(),
                    (b"w:color", Some(_)) => run_color = attr(&e, "w:val"),
                    (b"w:t", Some(_)) => in_text = true,
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.xml10_content().expect("text decodes");
                run_text.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let name = String::from_utf8(r.to_vec()).unwrap();
                run_text.push_str(match name.as_str() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                });
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:pBdr" => in_border = false,
                b"w:r" => {
                    if let Some(p) = cur.as_mut() {
                        if !run_text.is_empty() {
                            p.text.push_str(&run_text);
                            p.runs
                                .push((run_font.clone(), run_size.clone(), run_color.clone()));
                        }
                    }
                }
                b"w:p" => out.extend(cur.take()),
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// The bulletin's paragraphs as `to_text` gives them, less the control characters XML cannot
/// hold.
fn block_texts(b: &Bulletin) -> Vec<String> {
    b.to_text()
        .trim_end()
        .split("\n\n")
        .map(|t| {
            t.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect()
        })
        .collect()
}

fn assert_same_paragraphs(got: &[String], want: &[String]) {
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "paragraph {i}");
    }
    assert_eq!(got.len(), want.len(), "number of paragraphs");
}

fn check_bulletin(ledger: &Ledger) -> (Bulletin, Vec<Para>, String) {
    let b = bulletin(ledger);
    let docx = to_docx(&b).expect("the docx is made");
    assert_eq!(&docx[..2], b"PK");
    let xml = part(&docx, "word/document.xml");

    // page: A4, the GB/T 9704 margins, the 28 × 22 grid, both footers
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "{xml}");
    for m in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(xml.contains(m), "margin {m}");
    }
    assert!(xml.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#));
    assert!(xml.contains(r#"<w:footerReference w:type="default""#));
    assert!(xml.contains(r#"<w:footerReference w:type="even""#));

    let paras = paragraphs(&xml);
    let texts: Vec<String> = paras.iter().map(|p| p.text.clone()).collect();
    assert_same_paragraphs(&texts, &block_texts(&b));

    // every line of text on the 28.95 pt pitch (the header takes three)
    for p in &paras {
        let (line, rule) = p.spacing.clone().expect("line spacing set");
        assert_eq!(rule, "exact", "{}", p.text);
        if p.bottom_border_color.is_none() {
            assert_eq!(line, "579", "{}", p.text);
        }
    }
    (b, paras, xml)
}

#[test]
fn the_example_comes_out_in_the_gbt_9704_layout() {
    let ledger = example_ledger();
    let (b, paras, _) = check_bulletin(&ledger);

    // red header over a red rule, 32 pt 小标宋
    assert!(!ledger.meta.header.is_empty());
    let header = &paras[0];
    assert_eq!(header.text, ledger.meta.header);
    assert_eq!(header.bottom_border_color.as_deref(), Some("E60012"));
    assert_eq!(header.align.as_deref(), Some("center"));
    assert_eq!(
        header.runs[0],
        (XIAOBIAOSONG.into(), "64".into(), Some("E60012".into()))
    );

    // title: 2号 小标宋, centred
    let title = &paras[1];
    assert_eq!(title.text, ledger.meta.title);
    assert_eq!(title.align.as_deref(), Some("center"));
    assert_eq!(title.runs[0], (XIAOBIAOSONG.into(), "44".into(), None));

    // body: 3号 仿宋, justified, first line indented two grid characters
    let opening = &paras[2];
    assert_eq!(opening.runs[0], (FANGSONG.into(), "32".into(), None));
    assert_eq!(opening.align.as_deref(), Some("both"));
    assert_eq!(opening.first_line.as_deref(), Some("632"));

    // 一、 headings in 黑体 at outline level 1; （一） in 楷体 at level 2
    let ones: Vec<&Para> = paras
        .iter()
        .filter(|p| p.outline.as_deref() == Some("0"))
        .collect();
    assert_eq!(
        ones.iter().map(|p| &p.text[..6]).collect::<Vec<_>>(),
        ["一、", "二、", "三、"]
    );
    for p in &ones {
        assert_eq!(p.style.as_deref(), Some("Heading1"));
        assert!(p.runs.iter().all(|r| r.0 == HEITI && r.1 == "32"));
    }
    let twos: Vec<&Para> = paras
        .iter()
        .filter(|p| p.outline.as_deref() == Some("1"))
        .collect();
    assert!(twos.len() >= ledger.categories.len(), "{}", twos.len());
    for p in &twos {
        assert!(p.text.starts_with('（'), "{}", p.text);
        assert_eq!(p.style.as_deref(), Some("Heading2"));
        assert_eq!(p.runs[0].0, KAITI);
    }
    // a （一） heading leading its paragraph keeps the rest in 仿宋
    assert!(twos
        .iter()
        .any(|p| p.runs.len() > 1 && p.runs[1].0 == FANGSONG));

    // signature and date at the right, the date centred under the signature
    let n = paras.len();
    assert_eq!(paras[n - 2].text, ledger.meta.signature);
    assert_eq!(paras[n - 1].text, "2022年6月30日");
    for p in &paras[n - 2..] {
        assert_eq!(p.align.as_deref(), Some("right"));
    }
    let sig_right: i32 = paras[n - 2].right_indent.as_ref().unwrap().parse().unwrap();
    let date_right: i32 = paras[n - 1].right_indent.as_ref().unwrap().parse().unwrap();
    assert_eq!(sig_right, 632);
    assert!(date_right > sig_right, "{date_right}");
    assert!(b.blocks.len() == n);
}

#[test]
fn page_numbers_are_page_fields_odd_right_even_left() {
    let docx = to_docx(&bulletin(&example_ledger())).unwrap();
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders"), "{settings}");
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let doc = part(&docx, "word/document.xml");
    // find each footer part through its relationship id
    let footer_of = |kind: &str| -> String {
        let at = doc
            .find(&format!(r#"<w:footerReference w:type="{kind}" r:id=""#))
            .unwrap_or_else(|| panic!("{kind} footer reference"));
        let rest = &doc[at..];
        let id_start = rest.find("r:id=\"").unwrap() + 6;
        let id = &rest[id_start..id_start + rest[id_start..].find('"').unwrap()];
        let rel_at = rels.find(&format!(r#"Id="{id}""#)).unwrap();
        let rel = &rels[rels[..rel_at].rfind('<').unwrap()..];
        let rel = &rel[..rel.find("/>").unwrap()];
        let t = rel.find("Target=\"").unwrap() + 8;
        let target = &rel[t..t + rel[t..].find('"').unwrap()];
        part(&docx, &format!("word/{target}"))
    };
    for (kind, align) in [("default", "right"), ("even", "left")] {
        let xml = footer_of(kind);
        assert!(xml.contains(r#"<w:fldChar w:fldCharType="begin""#), "{xml}");
        assert!(xml.contains(">PAGE<"), "{xml}");
        assert!(xml.contains(r#"<w:fldChar w:fldCharType="end""#), "{xml}");
        let paras = paragraphs(&xml);
        assert_eq!(paras.len(), 1);
        assert_eq!(
            paras[0].text, "— 1 —",
            "the field shows 1 until Word updates it"
        );
        assert_eq!(paras[0].align.as_deref(), Some(align));
        assert!(paras[0].runs.iter().all(|r| r.0 == SONGTI && r.1 == "28"));
    }
}

#[test]
fn the_imported_sample_comes_out_whole() {
    let ledger = sample_ledger();
    let (b, paras, _) = check_bulletin(&ledger);
    assert!(b.blocks.len() > 80, "{}", b.blocks.len());
    assert_eq!(paras[1].text, ledger.meta.title);
    assert!(paras
        .iter()
        .any(|p| p.text.starts_with("二、") && p.outline.as_deref() == Some("0")));
}

#[test]
fn markup_in_a_field_is_text() {
    let mut ledger = example_ledger();
    ledger.meta.title = "<script>alert(1)</script> & \"整改\" 'x'".into();
    ledger.problems[0].description = "账目<b>不清</b>&amp;\u{0}\u{1b}缺票".into();
    let (_, paras, xml) = check_bulletin(&ledger);
    assert!(!xml.contains("<script>"));
    assert!(xml.contains("&lt;script&gt;"));
    assert!(!xml.contains("<b>"));
    assert_eq!(paras[1].text, ledger.meta.title);
    assert!(
        paras.iter().any(|p| p.text == "1.账目<b>不清</b>&amp;缺票"),
        "control characters dropped, markup kept as text"
    );
}

#[test]
fn an_empty_ledger_still_makes_a_document() {
    let ledger = Ledger::default();
    let b = bulletin(&ledger);
    let docx = to_docx(&b).unwrap();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    let texts: Vec<String> = paras.iter().map(|p| p.text.clone()).collect();
    assert_same_paragraphs(&texts, &block_texts(&b));
}

/// Word pages the .docx itself: the text's last paragraph is kept with the signature (its
/// last lines go to the signature's page, with widow control), as the view pages it.
#[test]
fn the_last_paragraph_keeps_with_the_signature() {
    let b = bulletin(&example_ledger());
    let xml = part(&to_docx(&b).unwrap(), "word/document.xml");
    let signature = b
        .blocks
        .iter()
        .find_map(|block| match block {
            rectify_core::bulletin::Block::Signature(s) => Some(s.clone()),
            _ => None,
        })
        .expect("the example is signed");
    // (the header, …委员会文件, holds the signature's words too: the last one is the signature)
    let paras: Vec<&str> = xml.split("</w:p>").collect();
    let at = paras
        .iter()
        .rposition(|p| p.contains(&signature))
        .expect("the signature paragraph");
    let before = paras[at - 1];
    assert!(before.contains("<w:keepNext"), "{before}");
    assert!(before.contains("<w:widowControl"), "{before}");
    // and only there among body paragraphs that are not headings
    assert!(!paras[at - 2].contains("<w:widowControl"));
}
