//! Size limits (RELIABILITY.md §3): many problems, a 1 MB field, a bulletin text and a ledger
//! file at and over their limits, and a small file that unpacks into a huge document.

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::*;

use std::collections::HashMap;

use rectify_core::bulletin::bulletin;
use rectify_core::document::schema::{DocCategory, DocMeta, DocProblem, DocRoot};
use rectify_core::document::{
    DocError, LedgerDoc, LimitError, MetaField, ProblemText, MAX_FIELD_BYTES, MAX_PROBLEMS,
};
use rectify_core::file::envelope::{MAGIC, MAX_FILE_BYTES};
use rectify_core::file::{decode, encode, ImportError};
use rectify_core::import::bulletin::{BulletinTextError, MAX_BULLETIN_BYTES};
use rectify_office::bulletin_text::parse_bulletin;
use rectify_office::text_file::decode_text;

/// A document with `n` problems in one category, built in one reconcile (the operations
/// would take minutes for thousands), and a ledger name of `long` bytes (a plain register:
/// one value, so building it is quick however long it is).
fn bulk_document(n: usize, long: usize) -> Vec<u8> {
    let mut categories = HashMap::new();
    categories.insert(
        "c1".to_string(),
        DocCategory {
            title: "针对会议制度的问题".into(),
            order: "80".into(),
            deleted: false,
        },
    );
    let mut problems = HashMap::new();
    for i in 0..n {
        problems.insert(
            format!("p{i:06}"),
            DocProblem {
                category_id: "c1".into(),
                order: format!("80{i:06}"),
                description: format!("问题{i}").into(),
                status: "not_started".into(),
                ..Default::default()
            },
        );
    }
    let root = DocRoot {
        schema: 1,
        ledger_id: uuid::Uuid::new_v4().to_string(),
        meta: DocMeta {
            name: if long > 0 {
                "a".repeat(long)
            } else {
                "大台账".into()
            },
            ..Default::default()
        },
        categories,
        problems,
        ..Default::default()
    };
    let mut am = automerge::AutoCommit::new();
    autosurgeon::reconcile(&mut am, &root).unwrap();
    am.commit();
    am.save()
}

/// A ledger file around a document, as `encode` writes it.
fn file_of(document: &[u8]) -> Vec<u8> {
    let mut doc = LedgerDoc::load(document).unwrap();
    encode(&mut doc, "大台账", T0)
}

fn is_too_long(e: &DocError) -> bool {
    matches!(e, DocError::OverLimit(LimitError::FieldTooLong { .. }))
}

/// 70 s in a debug build (5,000 problems): `cargo test -p rectify-office --test limits -- --ignored`
#[test]
#[ignore]
fn a_ledger_takes_problems_up_to_the_limit_and_refuses_one_more() {
    let mut doc = LedgerDoc::load(&bulk_document(MAX_PROBLEMS - 1, 0)).unwrap();
    let one_more = doc.add_problem("c1", "第5000个问题").unwrap();
    let heads = doc.heads();
    let e = doc.add_problem("c1", "第5001个问题").unwrap_err();
    assert_eq!(
        e,
        DocError::OverLimit(LimitError::TooManyProblems {
            problems: MAX_PROBLEMS + 1
        })
    );
    assert_eq!(doc.heads(), heads, "nothing was written");
    // a deleted problem still counts (it can be restored)
    doc.delete_problem(&one_more).unwrap();
    assert!(doc.add_problem("c1", "再加一个").is_err());
    assert_eq!(doc.read().unwrap().problems.len(), MAX_PROBLEMS - 1);
}

/// Slow in a debug build (5,001 problems): `cargo test -p rectify-office --test limits -- --ignored`
#[test]
#[ignore]
fn a_file_over_the_problem_limit_is_refused_with_a_message() {
    let file = file_of(&bulk_document(MAX_PROBLEMS + 1, 0));
    let e = decode(&file).unwrap_err();
    assert_eq!(
        e,
        ImportError::OverLimit(LimitError::TooManyProblems {
            problems: MAX_PROBLEMS + 1
        })
    );
}

#[test]
fn a_bulletin_past_the_limits_is_refused_at_the_preview() {
    // the sample's opening, then one category with one problem too many
    let sample = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/bulletin-2022-06-30.txt"),
    )
    .unwrap();
    let mut text: String = sample.lines().take(24).map(|l| format!("{l}\n")).collect();
    text.push_str("（一）针对会议制度的问题。\n\n");
    for i in 1..=MAX_PROBLEMS + 1 {
        text.push_str(&format!(
            "{i}.会议记录不规范的问题。\n\n原因分析：制度不完善。\n\n整改情况：整改完成。\n\n"
        ));
    }
    assert!(text.len() < MAX_BULLETIN_BYTES);
    match parse_bulletin(&text) {
        // problem numbers past the hundreds are not read as problems, so the text they are
        // kept in grows past the field limit before the problems reach theirs
        Err(BulletinTextError::OverLimit(
            LimitError::TooManyProblems { .. } | LimitError::FieldTooLong { .. },
        )) => {}
        other => panic!("{:?}", other.map(|i| i.report)),
    }
}

/// 13 s in a debug build (Automerge's text insert): `cargo test -p rectify-office --test limits -- --ignored`
#[test]
#[ignore]
fn a_field_at_the_limit_is_typed_exported_imported_and_rendered() {
    let (mut doc, _cats, probs) = small_ledger();
    let long: String = "整改".repeat(MAX_FIELD_BYTES / 6 - 1);
    doc.set_problem_text(&probs[0], ProblemText::Description, &long)
        .unwrap();
    // typing into the middle of it, as the text box does, up to exactly the limit
    let mut edited = long.clone();
    edited.insert_str(long.len() / 2, "插入");
    edited.push_str(&"。".repeat((MAX_FIELD_BYTES - edited.len()) / 3));
    edited.push_str(&"!".repeat(MAX_FIELD_BYTES - edited.len()));
    assert_eq!(edited.len(), MAX_FIELD_BYTES);
    doc.set_problem_text(&probs[0], ProblemText::Description, &edited)
        .unwrap();
    let bytes = encode(&mut doc, "测试台账", T0 + 5);
    let file = decode(&bytes).unwrap();
    let ledger = file.open().read().unwrap();
    assert_eq!(ledger.problem(&probs[0]).unwrap().description, edited);
    assert_eq!(ledger, doc.read().unwrap());
    assert!(bulletin(&ledger).to_text().contains(&edited));
}

#[test]
fn a_field_over_1_mb_is_refused_and_the_ledger_stays_as_it_was() {
    let (mut doc, cats, probs) = small_ledger();
    let before = doc.read().unwrap();
    let heads = doc.heads();
    for size in [MAX_FIELD_BYTES + 1, 1024 * 1024, 10 * 1024 * 1024] {
        let long = "a".repeat(size);
        let refusals = [
            doc.set_problem_text(&probs[0], ProblemText::Cause, &long),
            doc.set_problem_field(
                &probs[0],
                rectify_core::document::ProblemField::Owner,
                &long,
            ),
            doc.set_meta(MetaField::Opening, &long),
            doc.set_meta(MetaField::Name, &long),
            doc.add_category(&long).map(|_| ()),
            doc.add_problem(&cats[0], &long).map(|_| ()),
            doc.add_progress_entry(&probs[0], None, "张三", &long)
                .map(|_| ()),
            doc.set_departments(&probs[0], std::slice::from_ref(&long)),
        ];
        for r in refusals {
            let e = r.unwrap_err();
            assert!(is_too_long(&e), "{e}");
        }
    }
    assert!(!doc.has_pending());
    assert_eq!(doc.heads(), heads);
    assert_eq!(doc.read().unwrap(), before);
}

#[test]
fn a_small_file_that_unpacks_into_a_huge_field_is_refused() {
    // 8 MB of one repeated character compresses to a few KB in the file
    let document = bulk_document(1, 8 * 1024 * 1024);
    let file = file_of(&document);
    assert!(file.len() < 256 * 1024, "{} bytes", file.len());
    let e = decode(&file).unwrap_err();
    assert!(
        matches!(
            &e,
            ImportError::OverLimit(LimitError::FieldTooLong { bytes }) if *bytes >= 8 << 20
        ),
        "{e:?}"
    );
}

#[test]
fn a_bulletin_text_at_the_limit_is_read_and_one_byte_more_is_refused() {
    let sample = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/bulletin-2022-06-30.txt"),
    )
    .unwrap();
    let mut text = sample.clone();
    while text.len() + sample.len() <= MAX_BULLETIN_BYTES {
        text.push_str(&sample);
    }
    text.push_str(&"\n".repeat(MAX_BULLETIN_BYTES - text.len()));
    assert_eq!(text.len(), MAX_BULLETIN_BYTES);
    // read: parsed, or refused for what it holds (one paragraph per copy of the sample grows
    // past the field limit), never refused for its size
    let decoded = decode_text(text.as_bytes()).unwrap();
    match parse_bulletin(&decoded) {
        Ok(parsed) => assert!(parsed.report.problems > 16),
        Err(e) => assert!(matches!(e, BulletinTextError::OverLimit(_)), "{e:?}"),
    }

    let over = format!("{text} ");
    assert_eq!(
        decode_text(over.as_bytes()),
        Err(BulletinTextError::TooLarge {
            bytes: MAX_BULLETIN_BYTES + 1
        })
    );
    assert!(matches!(
        parse_bulletin(&over),
        Err(BulletinTextError::TooLarge { .. })
    ));
}

#[test]
fn a_ledger_file_at_the_limit_is_read_and_one_byte_more_is_refused_unread() {
    // a file of exactly 64 MB gets past the size check (and is refused for what it holds)
    let mut at = MAGIC.to_vec();
    at.resize(MAX_FILE_BYTES, b' ');
    let e = decode(&at).unwrap_err();
    assert!(!matches!(e, ImportError::TooLarge(_)), "{e:?}");
    at.push(b' ');
    assert_eq!(decode(&at).unwrap_err(), ImportError::TooLarge(64));
    assert!(decode(&at).unwrap_err().to_string().contains("64 MB"));
}

/// How long the limits take, printed (never asserted). Slow in a debug build:
/// `cargo test -p rectify-office --release --test limits -- --ignored --nocapture`
#[test]
#[ignore]
fn measure_sizes_and_times() {
    use std::time::Instant;
    for n in [1_000usize, MAX_PROBLEMS, 10_000, 100_000] {
        let t = Instant::now();
        let document = bulk_document(n, 0);
        let built = t.elapsed();
        let t = Instant::now();
        let mut doc = LedgerDoc::load(&document).unwrap();
        let loaded = t.elapsed();
        let t = Instant::now();
        let ledger = doc.read().unwrap();
        let read = t.elapsed();
        let t = Instant::now();
        let _ = bulletin(&ledger).to_text();
        let rendered = t.elapsed();
        let t = Instant::now();
        let file = encode(&mut doc, "大台账", T0);
        let encoded = t.elapsed();
        let t = Instant::now();
        let imported = decode(&file).is_ok();
        let decoded = t.elapsed();
        let mut doc = LedgerDoc::load(&bulk_document(n.min(MAX_PROBLEMS - 1), 0)).unwrap();
        let t = Instant::now();
        doc.add_problem("c1", "再加一个").unwrap();
        let added = t.elapsed();
        eprintln!(
            "{n} problems: file {} KB; build {built:?}, load {loaded:?}, read {read:?}, bulletin {rendered:?}, \
             export {encoded:?}, import {decoded:?} (accepted: {imported}), one add_problem at {} {added:?}",
            file.len() / 1024,
            n.min(MAX_PROBLEMS - 1)
        );
    }
    let t = Instant::now();
    let mut doc = LedgerDoc::create("逐个添加", None, T0);
    let c = doc.add_category("类别").unwrap();
    for i in 0..1_000 {
        doc.add_problem(&c, &format!("问题{i}")).unwrap();
    }
    eprintln!("1,000 add_problem one by one: {:?}", t.elapsed());
    for kb in [16usize, 64, 1024] {
        let (mut doc, _c, p) = small_ledger();
        let long = "整改".repeat(kb * 1024 / 6);
        let t = Instant::now();
        let r = doc.set_problem_text(&p[0], ProblemText::Description, &long);
        eprintln!(
            "{kb} KB field typed: {:?} ({})",
            t.elapsed(),
            if r.is_ok() { "accepted" } else { "refused" }
        );
        let t = Instant::now();
        let bytes = encode(&mut doc, "x", T0);
        let file = decode(&bytes).unwrap();
        let ledger = file.open().read().unwrap();
        let _ = bulletin(&ledger).to_text();
        eprintln!(
            "{kb} KB field export+import+render: {:?}, file {} KB",
            t.elapsed(),
            bytes.len() / 1024
        );
    }
    for mb in [8usize, 64] {
        let document = bulk_document(1, mb * 1024 * 1024);
        let file = file_of(&document);
        let t = Instant::now();
        let r = decode(&file);
        eprintln!(
            "a {} KB file holding a {mb} MB field: import {:?} ({:?})",
            file.len() / 1024,
            t.elapsed(),
            r.err()
        );
    }
}

#[test]
fn a_file_whose_header_counts_too_many_problems_is_refused_before_loading() {
    // loading 100,000 problems takes about 24 s: the header's count refuses such a file at
    // once. The document here is small, so the refusal can only come from the header.
    let (mut doc, _cats, _probs) = small_ledger();
    let file = encode(&mut doc, "台账", T0);
    let (mut header, start) = rectify_core::file::envelope::read_header(&file).unwrap();
    assert_eq!(header.problems, Some(3), "encode writes the count");
    header.problems = Some(100_000);
    let mut claimed = MAGIC.to_vec();
    claimed.extend(serde_json::to_vec(&header).unwrap());
    claimed.push(b'\n');
    claimed.extend(&file[start..]);
    let e = decode(&claimed).unwrap_err();
    assert!(
        matches!(
            &e,
            ImportError::OverLimit(LimitError::TooManyProblems { problems: 100000 })
        ),
        "{e:?}"
    );
    // and the file as written imports
    assert_eq!(
        decode(&file).unwrap().open().read().unwrap().problems.len(),
        3
    );
}
