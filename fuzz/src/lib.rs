//! What each fuzz target does with its input, kept apart from libFuzzer so that `cargo test`
//! (tests/fuzz_corpus.rs) replays the corpus and every crash found through the same code.
//!
//! Each function feeds arbitrary bytes to one importer and, when the input is accepted, runs
//! what the app does next (read, render the bulletin, merge, export and re-import), asserting
//! the invariants that must hold. A panic here is a finding. To add a target (e.g. the xlsx
//! import): write its function here, add a row to [`TARGETS`], a three-line file in
//! `fuzz_targets/` and a `[[bin]]` entry in `fuzz/Cargo.toml`, and seed `fuzz/corpus/<name>/`.

use chrono::NaiveDate;
use rectify_core::bulletin::bulletin;
use rectify_core::document::{DocError, LedgerDoc, MetaField, ProblemText};
use rectify_core::file::envelope::read_header;
use rectify_core::file::{decode, encode};
use rectify_core::import::bulletin::decode_text;
use rectify_core::import::xlsx::{add_from_xlsx, create_from_xlsx};
use rectify_core::ledger::{LedgerCounts, Progress};
use rectify_office::bulletin_text::{create_from_bulletin, parse_bulletin};
use rectify_office::xlsx::read_xlsx;
use sha2::{Digest, Sha256};

/// What a target runs on one input.
pub type Target = fn(&[u8]);

/// Every target: its name (= the `fuzz_targets/` file and the `fuzz/corpus/` folder) and the
/// function it runs.
pub const TARGETS: &[(&str, Target)] = &[
    ("ledger_file", ledger_file),
    ("ledger_document", ledger_document),
    ("bulletin_text", bulletin_text),
    ("xlsx_import", xlsx_import),
];

const NOW: i64 = 1_700_000_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).expect("a valid date")
}

/// The file of the example ledger (the first seed): a decoded input with the same ledger id is
/// also merged into it, as when a colleague's copy of the same ledger is imported.
const BASE_FILE: &[u8] = include_bytes!("../corpus/ledger_file/example.rectify");

/// A ledger file as picked in 导入台账文件: `decode` (envelope, header, Automerge load, checks),
/// then what the app does with a file it accepts.
pub fn ledger_file(data: &[u8]) {
    let_load_panics_unwind();
    match decode(data) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(file) => {
            // the bytes it hands back decode again, to the same ledger
            let again = decode(&file.to_bytes()).expect("a decoded file's bytes decode again");
            assert_eq!(again.header.ledger_id, file.header.ledger_id);
            exercise(file.into_doc());
        }
    }
}

/// Automerge bytes as found after a file's header. libFuzzer's mutations nearly always break
/// Automerge's chunk checksum, which stops the load at once; this target recomputes the
/// checksum of the first chunk so that mutations reach the column decoders and the document
/// reconstruction (what a hostile, well-formed file would reach).
pub fn ledger_document(data: &[u8]) {
    let_load_panics_unwind();
    let fixed = with_valid_checksum(data);
    match LedgerDoc::load(&fixed) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(doc) => exercise(doc),
    }
}

/// A bulletin text as picked or pasted in 从通报导入: `decode_text`, `parse_bulletin`, then the
/// new ledger made from it. The parser also gets the bytes read leniently, so that texts
/// `decode_text` would refuse still reach it.
pub fn bulletin_text(data: &[u8]) {
    let lenient = String::from_utf8_lossy(data);
    let _ = parse_bulletin(&lenient);
    let text = match decode_text(data) {
        Ok(text) => text,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let parsed = match parse_bulletin(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert_eq!(parsed.report.problems, parsed.ledger.problems.len());
    let _ = bulletin(&parsed.ledger).to_text();
    // Making the document costs a whole-document read per problem (0.8 s of CPU for the
    // 16-problem sample with what follows): done for small results only, or the fuzzer crawls
    // at 2 inputs a second. crates/office/tests/bulletin_import.rs imports the full samples.
    if parsed.ledger.problems.len() > 3 {
        return;
    }
    let (doc, _report) = create_from_bulletin(&text, Some("模糊测试"), NOW)
        .expect("a text that parses makes a ledger");
    let ledger = doc.read().expect("a new ledger reads");
    assert_eq!(ledger.problems.len(), parsed.ledger.problems.len());
    // the bulletin made from it is a text the importer reads again
    let rendered = bulletin(&ledger).to_text();
    let _ = parse_bulletin(&rendered);
    exercise(doc);
}

/// A workbook as picked in 从 Excel 导入: `read_xlsx` (file checks, calamine, header and
/// column mapping, rows), then what 创建新台账 and 添加到当前台账 do with an accepted one.
pub fn xlsx_import(data: &[u8]) {
    let import = match read_xlsx(data, "模糊测试.xlsx") {
        Ok(import) => import,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    assert_eq!(import.report.problems, import.ledger.problems.len());
    let _ = bulletin(&import.ledger).to_text();
    // making documents costs time per problem: small results only (the seeds, 20 problems
    // and fewer, are included)
    if import.ledger.problems.len() > 25 {
        return;
    }
    match create_from_xlsx(&import, Some("模糊测试"), NOW) {
        Ok(doc) => {
            let ledger = doc.read().expect("a new ledger reads");
            assert_eq!(ledger.problems.len(), import.ledger.problems.len());
            exercise(doc);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    let mut base = decode(BASE_FILE).expect("the seed file decodes").into_doc();
    let before = base.read().expect("reads").problems.len();
    match add_from_xlsx(&mut base, &import) {
        Ok(added) => assert_eq!(
            base.read().expect("reads").problems.len(),
            before + added.problems
        ),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// What the app does with a document it accepted: read it, count it, render the bulletin,
/// edit a copy and merge it back, export and import it again.
fn exercise(mut doc: LedgerDoc) {
    let ledger = doc
        .read()
        .expect("a loaded document reads (load checks this)");
    let _ = LedgerCounts::of(&ledger, today());
    let _ = Progress::of(&ledger, today());
    let _ = bulletin(&ledger).to_text();
    let _ = doc.display_name();

    if doc.is_read_only() {
        let mut other = doc.copy();
        assert!(matches!(
            doc.merge(&mut other, NOW),
            Err(DocError::ReadOnly)
        ));
        return;
    }

    // a colleague's copy: edited, then merged back (operations may refuse, never panic)
    let mut theirs = doc.fork(NOW);
    let _ = theirs.set_meta(MetaField::Name, "模糊测试的副本");
    if let Ok(cid) = theirs.add_category("新类别") {
        if let Ok(pid) = theirs.add_problem(&cid, "新问题") {
            let _ = theirs.set_problem_text(&pid, ProblemText::Cause, "原因");
        }
    }
    if let Some(p) = ledger.problems.first() {
        let _ = theirs.set_problem_text(&p.id, ProblemText::Measures, "改过的措施");
        let _ = theirs.delete_problem(&p.id);
    }
    doc.merge(&mut theirs, NOW + 1)
        .expect("a copy of the same ledger merges");
    let merged = doc.read().expect("a merged document reads");
    let _ = bulletin(&merged).to_text();

    // export and import again: the same ledger
    let bytes = encode(&mut doc, "模糊测试", NOW + 2);
    let file = decode(&bytes).expect("an exported file imports");
    assert_eq!(file.header.ledger_id, doc.ledger_id());
    assert_eq!(
        file.open().read().expect("re-imported reads"),
        doc.read().expect("reads")
    );

    // import into the example ledger when it is the same ledger (a colleague's file)
    let same_ledger = read_header(BASE_FILE).is_ok_and(|(h, _)| h.ledger_id == doc.ledger_id());
    if same_ledger {
        if let Ok(base) = decode(BASE_FILE) {
            let mut base = base.into_doc();
            base.merge(&mut doc, NOW + 3)
                .expect("the same ledger merges into the example");
            base.read().expect("the merged example reads");
        }
    }
}

/// libFuzzer's panic hook aborts on every panic, even one the app catches. `LedgerDoc::load`
/// catches Automerge's panics on crafted documents (three found: fuzz/regressions/); let those
/// unwind so the run goes on looking for others. A panic anywhere else, or one from Automerge
/// outside the load, still reaches libfuzzer-sys's own catch and stops the run.
fn let_load_panics_unwind() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_automerge = info
                .location()
                .is_some_and(|l| l.file().contains("/hexane-") || l.file().contains("/automerge-"));
            if !in_automerge {
                fuzzer_hook(info);
            }
        }));
    });
}

/// Automerge's chunk magic.
const CHUNK_MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];

/// `data` with the checksum of its first Automerge chunk recomputed (and its length field
/// cut to the bytes present); anything that is not a chunk header is returned as it is.
pub fn with_valid_checksum(data: &[u8]) -> Vec<u8> {
    if data.len() < 10 || data[..4] != CHUNK_MAGIC {
        return data.to_vec();
    }
    let chunk_type = data[8];
    // the length: unsigned LEB128 after the type
    let (mut declared, mut shift, mut i) = (0u64, 0u32, 9usize);
    loop {
        let Some(&b) = data.get(i) else {
            return data.to_vec();
        };
        if shift < 64 {
            declared |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
        i += 1;
        if b & 0x80 == 0 {
            break;
        }
    }
    let rest = &data[i..];
    let len = usize::try_from(declared).map_or(rest.len(), |d| d.min(rest.len()));
    let mut header = vec![chunk_type];
    let mut n = len as u64;
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            header.push(b);
            break;
        }
        header.push(b | 0x80);
    }
    let mut hasher = Sha256::new();
    hasher.update(&header);
    hasher.update(&rest[..len]);
    let hash = hasher.finalize();
    let mut out = CHUNK_MAGIC.to_vec();
    out.extend_from_slice(&hash[..4]);
    out.extend_from_slice(&header);
    out.extend_from_slice(rest);
    out
}
