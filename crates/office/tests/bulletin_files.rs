//! 从通报导入 of files as people have them: a .txt in GBK/GB18030 (Notepad's default on a
//! Chinese Windows), UTF-16 with its BOM, UTF-8 with or without; a Word .docx (made by
//! LibreOffice, and one with a 台账 table, read as a pasted table); and the wrong files, each
//! with its own message.

use std::io::{Cursor, Write};

use rectify_core::import::bulletin::BulletinTextError;
use rectify_core::jobs::{Done, Job, JobError};
use rectify_office::bulletin_text::{parse_bulletin, read_table_text};
use rectify_office::text_file::read_text_file;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/bulletins")
        .join(name);
    std::fs::read(path).unwrap()
}

fn corpus(name: &str) -> String {
    String::from_utf8(fixture(&format!("corpus/{name}"))).unwrap()
}

/// The text's paragraphs without blank lines or line-end differences.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn a_notepad_gbk_file_reads_as_its_text() {
    let text = corpus("03-xunshi-progress-label.txt");
    // committed as Notepad saves it: GB18030 bytes, CRLF, no BOM
    let gbk = fixture("xunshi-gbk.txt");
    assert!(std::str::from_utf8(&gbk).is_err());
    let read = read_text_file(&gbk).unwrap();
    assert_eq!(lines(&read), lines(&text));
    assert_eq!(
        parse_bulletin(&read).unwrap().ledger.problems,
        parse_bulletin(&text).unwrap().ledger.problems
    );
    // and GBK made here, with a character outside GB2312 (GB18030 four-byte)
    let (bytes, _, _) = encoding_rs::GB18030.encode("一、关于“镕”字\r\n整改情况：已完成。");
    assert_eq!(
        read_text_file(&bytes).unwrap(),
        "一、关于“镕”字\r\n整改情况：已完成。"
    );
}

#[test]
fn utf16_and_utf8_with_their_boms() {
    let text = corpus("02-xuncha-sections-as-categories.txt");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for bytes in [le, be, bom, text.as_bytes().to_vec()] {
        assert_eq!(read_text_file(&bytes).unwrap(), text);
    }
}

#[test]
fn a_word_document_reads_as_its_paragraphs() {
    // xuncha-word.docx: corpus text 02 saved as .docx by LibreOffice
    let read = read_text_file(&fixture("xuncha-word.docx")).unwrap();
    let text = corpus("02-xuncha-sections-as-categories.txt");
    assert_eq!(lines(&read), lines(&text));
    let (a, b) = (
        parse_bulletin(&read).unwrap(),
        parse_bulletin(&text).unwrap(),
    );
    assert_eq!(a.ledger.problems, b.ledger.problems);
    assert_eq!(a.ledger.rules, b.ledger.rules);
}

/// A .docx of `body` (WordprocessingML), as Word packs one.
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(text: &str, merge: &str) -> String {
    format!("<w:tc><w:tcPr>{merge}</w:tcPr>{}</w:tc>", p(text))
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

#[test]
fn a_word_table_is_read_as_a_pasted_table() {
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let go_on = "<w:vMerge/>";
    let body = format!(
        "{}<w:tbl>{}{}{}{}</w:tbl>",
        p("某局巡察反馈问题整改台账"),
        tr(&[
            tc("序号", ""),
            tc("问题类别", ""),
            tc("问题表现", ""),
            tc("整改措施", ""),
            tc("完成情况", "")
        ]),
        tr(&[
            tc("1", ""),
            tc("党建方面", restart),
            tc("台账不全", ""),
            tc("建账", ""),
            tc("已完成", "")
        ]),
        tr(&[
            tc("2", ""),
            tc("", go_on),
            tc("记录缺失", ""),
            tc("补记", ""),
            tc("整改中", "")
        ]),
        tr(&[
            tc("3", ""),
            tc("财务方面", restart),
            tc("票据不规范", ""),
            tc("复核", ""),
            tc("", "")
        ]),
    );
    let text = read_text_file(&docx(&body)).unwrap();
    let import = read_table_text(&text, "台账.docx").unwrap().unwrap();
    let l = &import.ledger;
    assert_eq!(l.meta.name, "某局巡察反馈问题整改台账");
    let got: Vec<(&str, &str)> = l
        .problems
        .iter()
        .map(|p| {
            let c = l.category(&p.category_id).unwrap();
            (c.title.as_str(), p.description.as_str())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("党建方面", "台账不全"),
            ("党建方面", "记录缺失"),
            ("财务方面", "票据不规范")
        ]
    );
}

#[test]
fn wrong_files_say_what_they_are() {
    let workbook = rectify_office::xlsx::export_xlsx(
        &rectify_core::file::example::example_ledger(),
        chrono::NaiveDate::from_ymd_opt(2022, 6, 20).unwrap(),
        0,
    )
    .unwrap();
    for (bytes, error) in [
        (&b""[..], BulletinTextError::Empty),
        (&b"\x89PNG\r\n\x1a\n0000"[..], BulletinTextError::Image),
        (&b"\xFF\xD8\xFF\xE0jpeg"[..], BulletinTextError::Image),
        (&b"%PDF-1.7\n"[..], BulletinTextError::Pdf),
        (
            &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..],
            BulletinTextError::OldOffice,
        ),
        (&workbook[..], BulletinTextError::Workbook),
        (&b"RECTIFY-LEDGER\n{}"[..], BulletinTextError::RectifyFile),
        (&b"\xEF\xBB\xBF \r\n"[..], BulletinTextError::Empty),
    ] {
        assert_eq!(read_text_file(bytes), Err(error.clone()));
        // through the worker as the page sends it
        let job = Job::ReadTextFile {
            file_name: "x".into(),
        };
        assert_eq!(
            rectify_office::jobs::run(job, bytes).0,
            Done::Failed(JobError::Bulletin(error))
        );
    }
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert_eq!(read_text_file(&binary), Err(BulletinTextError::NotText));
    let other_zip = docx("").into_iter().collect::<Vec<u8>>();
    // a zip without word/document.xml's text is Empty, not a crash
    assert_eq!(read_text_file(&other_zip), Err(BulletinTextError::Empty));
    let (done, _) = rectify_office::jobs::run(
        Job::ReadTextFile {
            file_name: "x.txt".into(),
        },
        "一、甲".as_bytes(),
    );
    assert_eq!(done, Done::Text("一、甲".into()));
}
