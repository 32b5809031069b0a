//! A file picked for 从通报导入, as people have it, turned into text: a .txt in UTF-8, in
//! UTF-16 with its BOM, or in GBK/GB18030 without one (Windows Notepad's default in Chinese),
//! or a Word .docx (`docx_text`: paragraphs as lines, tables as tab-separated rows). Any other
//! file (an image, a workbook, a PDF, an old .doc) gets its own message. Runs in the Web
//! Worker: the GB18030 tables (encoding_rs, already there for calamine) stay off the page.

mod docx_text;

use std::io::Cursor;

use rectify_core::import::bulletin::{BulletinTextError, MAX_BULLETIN_BYTES};
use rectify_core::import::xlsx::MAX_XLSX_BYTES;

pub use docx_text::docx_text;

/// The text of a picked file, or why it has none a bulletin could be read from.
pub fn read_text_file(bytes: &[u8]) -> Result<String, BulletinTextError> {
    if bytes.is_empty() {
        return Err(BulletinTextError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if bytes.len() > MAX_XLSX_BYTES {
            return Err(BulletinTextError::TooLarge { bytes: bytes.len() });
        }
        return checked(zip_text(bytes)?);
    }
    decode_text(bytes)
}

/// A plain text file's bytes as text: the BOM first (UTF-8, UTF-16 LE or BE), then UTF-8 if
/// the bytes are valid UTF-8, else GB18030 (which GBK is a part of).
pub fn decode_text(bytes: &[u8]) -> Result<String, BulletinTextError> {
    if bytes.len() > MAX_BULLETIN_BYTES {
        return Err(BulletinTextError::TooLarge { bytes: bytes.len() });
    }
    if bytes.is_empty() {
        return Err(BulletinTextError::Empty);
    }
    if let Some(kind) = foreign(bytes) {
        return Err(kind);
    }
    let (encoding, rest) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None if bytes.contains(&0) => return Err(BulletinTextError::NotText),
        None => (encoding_rs::GB18030, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(rest);
    let replaced = text.chars().filter(|c| *c == '\u{fffd}').count();
    if had_errors && replaced * 50 > text.chars().count().max(1) {
        return Err(BulletinTextError::NotText);
    }
    checked(text.into_owned())
}

/// The kind of a file that is not text, by its first bytes.
fn foreign(bytes: &[u8]) -> Option<BulletinTextError> {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(b"RECTIFY-LEDGER\n") {
        Some(BulletinTextError::RectifyFile)
    } else if starts(b"%PDF") {
        Some(BulletinTextError::Pdf)
    } else if starts(b"\xD0\xCF\x11\xE0") {
        Some(BulletinTextError::OldOffice)
    } else if starts(b"\x89PNG") || starts(b"\xFF\xD8\xFF") || starts(b"GIF8") || starts(b"BM") {
        Some(BulletinTextError::Image)
    } else if starts(b"PK\x03\x04") || starts(b"\x1F\x8B") || starts(b"{\\rtf") {
        Some(BulletinTextError::NotText)
    } else {
        None
    }
}

/// A zip file: a Word document's text, or why a workbook or other archive has none.
fn zip_text(bytes: &[u8]) -> Result<String, BulletinTextError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| BulletinTextError::Damaged(e.to_string()))?;
    let has = |archive: &zip::ZipArchive<_>, prefix: &str| {
        archive
            .file_names()
            .filter_map(Result::ok)
            .any(|n| n.starts_with(prefix))
    };
    if has(&archive, "xl/") {
        return Err(BulletinTextError::Workbook);
    }
    let Ok(document) = archive.by_name("word/document.xml") else {
        return Err(BulletinTextError::NotText);
    };
    let mut xml = String::new();
    use std::io::Read as _;
    // a cap on the unpacked part: a few MB of text at most, never a zip bomb
    document
        .take(MAX_DOCUMENT_XML as u64 + 1)
        .read_to_string(&mut xml)
        .map_err(|e| BulletinTextError::Damaged(e.to_string()))?;
    if xml.len() > MAX_DOCUMENT_XML {
        return Err(BulletinTextError::TooLarge { bytes: xml.len() });
    }
    docx_text(&xml)
}

/// word/document.xml beyond this is refused (markup is a few times the text's size).
const MAX_DOCUMENT_XML: usize = 16 * MAX_BULLETIN_BYTES;

/// The text decoded: within the size limit, not binary, not blank.
fn checked(text: String) -> Result<String, BulletinTextError> {
    if text.len() > MAX_BULLETIN_BYTES {
        return Err(BulletinTextError::TooLarge { bytes: text.len() });
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count().max(1) {
        return Err(BulletinTextError::NotText);
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(BulletinTextError::Empty);
    }
    Ok(text)
}
