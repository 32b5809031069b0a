//! The `.rectify` file envelope: round trips, every ImportError for broken or foreign files,
//! newer-schema files (read-only), the format-v1 fixture kept for compatibility, and file names.

mod common;
use common::*;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Once;

use rectify_core::document::schema::{DocCategory, DocMeta, DocProblem, DocRoot};
use rectify_core::document::{
    Damage, DocError, LedgerDoc, MetaField, NewRule, ProblemField, ProblemText, SCHEMA_VERSION,
};
use rectify_core::file::envelope::{self, read_header, FORMAT_VERSION, MAGIC};
use rectify_core::file::{decode, encode, file_name, Header, ImportError};
use rectify_core::ledger::{Ledger, RuleKind, Status};
use rectify_core::store::{plan_import, ImportPlan, LedgerStore, MemoryKv};

/// Deterministic pseudo-random bytes.
fn lcg_bytes(seed: u64, n: usize) -> Vec<u8> {
    lcg(seed).take(n).map(|x| x as u8).collect()
}

/// A ledger file assembled by hand: magic, a JSON header line, then the document bytes.
fn wrap(header: &Header, document: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(serde_json::to_vec(header).unwrap());
    out.push(b'\n');
    out.extend_from_slice(document);
    out
}

/// A valid file of the small ledger, with the offset where its document starts.
fn small_file() -> (Vec<u8>, usize, LedgerDoc) {
    let (mut doc, _cats, probs) = small_ledger();
    doc.set_problem_text(&probs[0], ProblemText::Cause, "议事规则不完善")
        .unwrap();
    let bytes = encode(&mut doc, "测试台账", T0 + 5);
    let (_, start) = read_header(&bytes).unwrap();
    (bytes, start, doc)
}

#[test]
fn a_file_round_trips() {
    let (mut doc, _cats, probs) = small_ledger();
    doc.set_problem_field(&probs[0], ProblemField::Owner, "王五")
        .unwrap();
    doc.set_departments(&probs[1], &["党政办".into(), "财务办".into()])
        .unwrap();
    let bytes = encode(&mut doc, "测试台账（导出）", T0 + 5);
    assert!(bytes.starts_with(MAGIC));
    assert!(!doc.has_pending(), "encoding commits what was pending");

    let file = decode(&bytes).unwrap();
    let h = &file.header;
    assert_eq!(h.kind, "rectify-ledger");
    assert_eq!(h.format, FORMAT_VERSION);
    assert_eq!(h.ledger_id, doc.ledger_id());
    assert_eq!(h.schema, SCHEMA_VERSION);
    assert_eq!(h.name, "测试台账（导出）");
    assert_eq!(h.heads, doc.heads());
    assert_eq!(h.bytes, file.document.len());
    assert_eq!(h.saved_at, T0 + 5);
    assert!(!file.is_newer_schema());
    let mut opened = file.open();
    assert!(!opened.is_read_only());
    assert_eq!(opened.read().unwrap(), doc.read().unwrap());
    assert_eq!(opened.heads(), doc.heads());
    assert_ne!(
        opened.actor_hex(),
        doc.actor_hex(),
        "the opened copy writes as a new actor"
    );
    // read_header alone gives the same header without loading the document
    assert_eq!(read_header(&bytes).unwrap().0, file.header);
}

#[test]
fn an_empty_file_is_empty() {
    assert_eq!(decode(&[]).unwrap_err(), ImportError::Empty);
    assert_eq!(read_header(&[]).unwrap_err(), ImportError::Empty);
}

#[test]
fn random_bytes_are_not_a_ledger_file() {
    for (seed, len) in [(1, 16), (2, 100), (3, 4096), (42, 65_536)] {
        let bytes = lcg_bytes(seed, len);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            ImportError::NotALedgerFile,
            "seed {seed}"
        );
    }
}

#[test]
fn a_text_file_is_not_a_ledger_file() {
    let text = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");
    assert_eq!(
        decode(text.as_bytes()).unwrap_err(),
        ImportError::NotALedgerFile
    );
}

#[test]
fn raw_automerge_bytes_without_the_envelope_are_not_a_ledger_file() {
    let (mut doc, _c, _p) = small_ledger();
    let raw = doc.save(T0 + 2);
    assert!(
        LedgerDoc::load(&raw).is_ok(),
        "the bytes themselves are a fine document"
    );
    assert_eq!(decode(&raw).unwrap_err(), ImportError::NotALedgerFile);
}

#[test]
fn a_file_of_another_kind_with_our_magic_is_not_a_ledger_file() {
    let (bytes, start, _doc) = small_file();
    let (mut header, _) = read_header(&bytes).unwrap();
    header.kind = "something-else".into();
    assert_eq!(
        decode(&wrap(&header, &bytes[start..])).unwrap_err(),
        ImportError::NotALedgerFile
    );
}

#[test]
fn a_file_cut_short_anywhere_is_truncated() {
    let (bytes, start, _doc) = small_file();
    let doc_len = bytes.len() - start;
    let cuts = [
        ("part of the magic", 5),
        ("just the magic", MAGIC.len()),
        ("mid-header", MAGIC.len() + 20),
        ("header without its newline", start - 1),
        ("header and no document", start),
        ("mid-document", start + doc_len / 2),
        ("one byte short", bytes.len() - 1),
    ];
    for (what, len) in cuts {
        let got = decode(&bytes[..len]);
        assert!(
            matches!(got, Err(ImportError::Truncated)),
            "{what} (length {len} of {}): {got:?}",
            bytes.len()
        );
    }
}

#[test]
fn every_shorter_prefix_is_an_error_and_never_a_panic() {
    let (bytes, _start, _doc) = small_file();
    for len in 1..bytes.len() {
        let got = decode(&bytes[..len]);
        assert!(
            matches!(got, Err(ImportError::Truncated)),
            "length {len}: {got:?}"
        );
    }
}

#[test]
fn extra_bytes_at_the_end_are_corrupt() {
    let (mut bytes, _start, _doc) = small_file();
    bytes.push(0);
    assert!(matches!(decode(&bytes), Err(ImportError::Corrupt(_))));
}

#[test]
fn a_flipped_byte_in_the_document_is_corrupt() {
    let (bytes, start, _doc) = small_file();
    let doc_len = bytes.len() - start;
    for offset in 0..doc_len {
        let mut broken = bytes.clone();
        broken[start + offset] ^= 0x5a;
        let got = decode(&broken);
        assert!(
            matches!(got, Err(ImportError::Corrupt(_))),
            "flipped byte at document offset {offset} of {doc_len}: {got:?}"
        );
    }
}

#[test]
fn a_garbled_header_is_corrupt() {
    let (bytes, start, _doc) = small_file();
    let mut garbled = MAGIC.to_vec();
    garbled.extend_from_slice(b"{\"kind\": \"rectify-ledger\", oops}\n");
    garbled.extend_from_slice(&bytes[start..]);
    assert!(matches!(decode(&garbled), Err(ImportError::Corrupt(_))));

    let (mut header, _) = read_header(&bytes).unwrap();
    header.ledger_id = "not-a-uuid".into();
    assert!(matches!(
        decode(&wrap(&header, &bytes[start..])),
        Err(ImportError::Corrupt(_))
    ));
}

#[test]
fn a_header_of_a_newer_format_is_refused_as_newer() {
    let (bytes, start, _doc) = small_file();
    let (mut header, _) = read_header(&bytes).unwrap();
    header.format = 2;
    assert_eq!(
        decode(&wrap(&header, &bytes[start..])).unwrap_err(),
        ImportError::NewerFormat(2)
    );
}

#[test]
fn a_header_naming_another_ledger_is_corrupt() {
    let (bytes, start, _doc) = small_file();
    let (mut header, _) = read_header(&bytes).unwrap();
    header.ledger_id = uuid::Uuid::new_v4().to_string();
    match decode(&wrap(&header, &bytes[start..])) {
        Err(ImportError::Corrupt(why)) => assert_eq!(why, Damage::HeaderOtherLedger),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn a_file_over_the_size_limit_is_too_large() {
    let big = vec![0u8; envelope::MAX_FILE_BYTES + 1];
    assert_eq!(decode(&big).unwrap_err(), ImportError::TooLarge(64));
}

/// A document written by a (future) build with schema 99, as Automerge bytes, with its id,
/// one category id and one problem id.
fn schema_99_document(ledger_id: &str) -> (Vec<u8>, Vec<String>, String, String) {
    let cid = uuid::Uuid::new_v4().to_string();
    let pid = uuid::Uuid::new_v4().to_string();
    let mut categories = HashMap::new();
    categories.insert(
        cid.clone(),
        DocCategory {
            title: "未来的类别".into(),
            order: "80".into(),
            ..Default::default()
        },
    );
    let mut problems = HashMap::new();
    problems.insert(
        pid.clone(),
        DocProblem {
            category_id: cid.clone(),
            order: "80".into(),
            description: "未来的问题".into(),
            status: "signed_off".into(),
            ..Default::default()
        },
    );
    let root = DocRoot {
        schema: 99,
        ledger_id: ledger_id.to_string(),
        meta: DocMeta {
            name: "未来的台账".into(),
            ..Default::default()
        },
        categories,
        problems,
        ..Default::default()
    };
    let mut am = automerge::AutoCommit::new();
    autosurgeon::reconcile(&mut am, &root).unwrap();
    am.commit();
    let heads = am.get_heads().iter().map(|h| h.to_string()).collect();
    (am.save(), heads, cid, pid)
}

fn schema_99_file() -> (Vec<u8>, String, String, String) {
    let id = uuid::Uuid::new_v4().to_string();
    let (document, heads, cid, pid) = schema_99_document(&id);
    let header = Header {
        kind: "rectify-ledger".into(),
        format: FORMAT_VERSION,
        ledger_id: id.clone(),
        schema: 99,
        name: "未来的台账".into(),
        bytes: document.len(),
        heads,
        saved_at: T0,
        problems: None,
        sha256: Some(rectify_core::file::envelope::sha256_hex(&document)),
    };
    (wrap(&header, &document), id, cid, pid)
}

#[test]
fn a_newer_schema_opens_read_only_and_refuses_every_operation() {
    let (bytes, id, cid, pid) = schema_99_file();
    let file = decode(&bytes).unwrap();
    assert!(file.is_newer_schema());
    let mut doc = file.open();
    assert!(doc.is_read_only());
    assert_eq!(doc.schema(), 99);
    assert_eq!(doc.ledger_id(), id);
    let before = doc.read().unwrap();
    assert_eq!(before.meta.name, "未来的台账");
    assert_eq!(
        before.problem(&pid).unwrap().status,
        Status::Unknown("signed_off".into())
    );
    let heads = doc.heads();

    let ro = Err(DocError::ReadOnly);
    let d = day(2024, 6, 30);
    assert_eq!(doc.add_category("新类别").map(drop), ro);
    assert_eq!(doc.rename_category(&cid, "改名"), ro);
    assert_eq!(doc.move_category(&cid, 1), ro);
    assert_eq!(doc.delete_category(&cid), ro);
    assert_eq!(doc.add_problem(&cid, "新问题").map(drop), ro);
    assert_eq!(doc.delete_problem(&pid), ro);
    assert_eq!(doc.move_problem(&pid, -1), ro);
    assert_eq!(doc.move_problem_to(&pid, &cid), ro);
    assert_eq!(doc.set_problem_text(&pid, ProblemText::Cause, "原因"), ro);
    assert_eq!(doc.set_problem_field(&pid, ProblemField::Owner, "王五"), ro);
    assert_eq!(doc.set_status(&pid, &Status::Done, d), ro);
    assert_eq!(doc.set_departments(&pid, &["党政办".into()]), ro);
    assert_eq!(
        doc.add_progress_entry(&pid, Some(d), "张三", "进展")
            .map(drop),
        ro
    );
    assert_eq!(doc.delete_progress_entry(&pid, "entry"), ro);
    assert_eq!(
        doc.add_rule(&NewRule {
            title: "制度".into(),
            ..Default::default()
        })
        .map(drop),
        ro
    );
    assert_eq!(doc.set_rule_title("rule", "制度"), ro);
    assert_eq!(doc.set_rule_kind("rule", RuleKind::Revised), ro);
    assert_eq!(doc.set_rule_date("rule", "2024-06-30"), ro);
    assert_eq!(doc.link_rule("rule", &pid, true), ro);
    assert_eq!(doc.delete_rule("rule"), ro);
    assert_eq!(doc.set_meta(MetaField::Name, "改名"), ro);
    assert_eq!(doc.fill_from(&Ledger::default()), ro);
    let mut copy = file.open();
    assert_eq!(doc.merge(&mut copy, T0 + 1).map(drop), ro);
    assert_eq!(doc.merge_bytes(&file.document, T0 + 1).map(drop), ro);
    assert!(!doc.commit(T0 + 2));
    assert!(!doc.has_pending());
    assert_eq!(doc.read().unwrap(), before, "nothing changed");
    assert_eq!(doc.heads(), heads);

    // a build of this schema holding the same ledger refuses to merge the newer copy in
    let older_doc = {
        let root = DocRoot {
            schema: SCHEMA_VERSION,
            ledger_id: id.clone(),
            ..Default::default()
        };
        let mut am = automerge::AutoCommit::new();
        autosurgeon::reconcile(&mut am, &root).unwrap();
        am.save()
    };
    let mut older = LedgerDoc::load(&older_doc).unwrap();
    assert!(!older.is_read_only());
    assert_eq!(older.merge_bytes(&file.document, T0 + 3).map(drop), ro);
    assert_eq!(older.merge(&mut copy, T0 + 3).map(drop), ro);
    assert_eq!(older.read().unwrap().schema, SCHEMA_VERSION);
}

#[test]
fn a_newer_schema_file_is_planned_as_view_read_only() {
    let (bytes, id, _cid, _pid) = schema_99_file();
    let store = LedgerStore::new(MemoryKv::default());
    assert!(matches!(
        plan_import(&store, None, &bytes),
        Ok(ImportPlan::ViewReadOnly(_))
    ));
    assert!(
        matches!(
            plan_import(&store, Some(&id), &bytes),
            Ok(ImportPlan::ViewReadOnly(_))
        ),
        "even when it is the open ledger's id, it is never merged"
    );
}

// ---- the format-v1 fixture: a file of this release, kept so later builds prove they open it ----

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/format-v1.rectify")
}

/// The small fixed ledger the fixture was made from.
fn fixture_ledger() -> LedgerDoc {
    let mut doc = LedgerDoc::create("格式样例台账", Some("张三"), T0);
    doc.set_meta(MetaField::Unit, "中共某某工业园委员会")
        .unwrap();
    doc.set_meta(MetaField::AsOf, "2024-06-24").unwrap();
    doc.set_meta(MetaField::Contact, "联系人：张三，电话：0763-5673980")
        .unwrap();
    let c1 = doc.add_category("针对会议制度的问题").unwrap();
    let c2 = doc.add_category("针对财务管理的问题").unwrap();
    let p1 = doc.add_problem(&c1, "班子会议代替党委会议").unwrap();
    let p2 = doc.add_problem(&c1, "会议记录不规范").unwrap();
    let p3 = doc.add_problem(&c2, "饭堂支出无发票入账").unwrap();
    doc.set_problem_text(&p1, ProblemText::Cause, "议事规则不完善")
        .unwrap();
    doc.set_problem_field(&p1, ProblemField::Lead, "李书记")
        .unwrap();
    doc.set_problem_field(&p1, ProblemField::Owner, "王五")
        .unwrap();
    doc.set_problem_field(&p1, ProblemField::Deadline, "2024-06-30")
        .unwrap();
    doc.set_departments(&p1, &["党政办".into(), "财务办".into()])
        .unwrap();
    doc.set_status(&p1, &Status::Done, day(2024, 6, 1)).unwrap();
    doc.set_status(&p2, &Status::InProgress, day(2024, 5, 1))
        .unwrap();
    doc.add_progress_entry(&p2, Some(day(2024, 5, 1)), "张三", "召开专题会议")
        .unwrap();
    doc.set_problem_text(
        &p3,
        ProblemText::Measures,
        "一是补齐发票；二是建立报销审核制度",
    )
    .unwrap();
    doc.add_rule(&NewRule {
        title: "财务管理办法".into(),
        kind: Some(RuleKind::Revised),
        date: Some(day(2024, 5, 6)),
        problem_ids: vec![p3.clone()],
        ..Default::default()
    })
    .unwrap();
    doc.commit(T0 + 10);
    doc
}

static FIXTURE: Once = Once::new();

/// The fixture's bytes; the file is written once, when it does not exist yet, and never rewritten.
fn fixture_bytes() -> Vec<u8> {
    FIXTURE.call_once(|| {
        let path = fixture_path();
        if !path.exists() {
            let mut doc = fixture_ledger();
            let bytes = encode(&mut doc, "格式样例台账", T0 + 10);
            let tmp = path.with_extension("rectify.tmp");
            std::fs::write(&tmp, &bytes).unwrap();
            std::fs::rename(&tmp, &path).unwrap();
        }
    });
    std::fs::read(fixture_path()).unwrap()
}

#[test]
fn the_format_v1_fixture_exists_and_is_created_only_when_missing() {
    let bytes = fixture_bytes();
    let again = fixture_bytes();
    assert_eq!(bytes, again, "an existing fixture is never rewritten");
    assert!(bytes.starts_with(MAGIC));
    let (header, _) = read_header(&bytes).unwrap();
    assert_eq!(
        (header.format, header.schema),
        (1, 1),
        "the fixture is format 1, schema 1"
    );
}

#[test]
fn the_format_v1_fixture_still_opens_with_its_content() {
    let bytes = fixture_bytes();
    let file = decode(&bytes).expect("a format-1 file of the first release must keep opening");
    assert_eq!(file.header.format, 1);
    assert_eq!(file.header.schema, 1);
    assert_eq!(file.header.name, "格式样例台账");
    assert!(!file.is_newer_schema());
    let mut doc = file.open();
    assert!(!doc.is_read_only());
    assert_eq!(doc.ledger_id(), file.header.ledger_id);
    let l = doc.read().unwrap();

    assert_eq!(l.meta.name, "格式样例台账");
    assert_eq!(l.meta.unit, "中共某某工业园委员会");
    assert_eq!(l.meta.as_of, Some(day(2024, 6, 24)));
    assert_eq!(l.meta.contact, "联系人：张三，电话：0763-5673980");
    let titles: Vec<&str> = l.categories.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["针对会议制度的问题", "针对财务管理的问题"]);
    let descriptions: Vec<&str> = l.problems.iter().map(|p| p.description.as_str()).collect();
    assert_eq!(
        descriptions,
        [
            "班子会议代替党委会议",
            "会议记录不规范",
            "饭堂支出无发票入账"
        ]
    );
    assert_eq!(l.problems_in(&l.categories[0].id).count(), 2);
    assert_eq!(l.problems_in(&l.categories[1].id).count(), 1);

    let p1 = &l.problems[0];
    assert_eq!(p1.cause, "议事规则不完善");
    assert_eq!(p1.lead, "李书记");
    assert_eq!(p1.owner, "王五");
    assert_eq!(p1.deadline, Some(day(2024, 6, 30)));
    assert_eq!(p1.departments, ["党政办", "财务办"]);
    assert_eq!(p1.status, Status::Done);
    assert_eq!(p1.completed_on, Some(day(2024, 6, 1)));
    let p2 = &l.problems[1];
    assert_eq!(p2.status, Status::InProgress);
    assert_eq!(p2.progress_log.len(), 1);
    assert_eq!(p2.progress_log[0].text, "召开专题会议");
    assert_eq!(p2.progress_log[0].date, Some(day(2024, 5, 1)));
    let p3 = &l.problems[2];
    assert_eq!(p3.status, Status::NotStarted);
    assert_eq!(p3.measures, "一是补齐发票；二是建立报销审核制度");
    assert_eq!(l.rules.len(), 1);
    assert_eq!(l.rules[0].title, "财务管理办法");
    assert_eq!(l.rules[0].kind, RuleKind::Revised);
    assert_eq!(l.rules[0].problem_ids, [p3.id.as_str()]);
    // written before the 待确认 flag existed: a rule a person entered, so it counts
    assert!(!l.rules[0].candidate);
    assert!(l.people.values().any(|n| n == "张三"));

    // it is still a living document: editable, re-exportable, and mergeable with itself
    let p1_id = p1.id.clone();
    doc.set_problem_field(&p1_id, ProblemField::Owner, "赵六")
        .unwrap();
    let report = doc.merge_bytes(&file.document, T0 + 20).unwrap();
    assert_eq!(report.new_changes, 0);
    let again = decode(&encode(&mut doc, "格式样例台账", T0 + 21)).unwrap();
    assert_eq!(
        again.open().read().unwrap().problem(&p1_id).unwrap().owner,
        "赵六"
    );
}

#[test]
fn file_names_are_safe_and_dated() {
    let name = file_name("测试/台账:1", day(2024, 6, 30));
    assert!(!name.contains('/') && !name.contains(':'), "{name}");
    assert!(name.ends_with("-2024-06-30.rectify"), "{name}");
    assert!(name.starts_with("测试"), "{name}");
    assert_eq!(file_name("", day(2024, 6, 30)), "台账-2024-06-30.rectify");
    assert_eq!(
        file_name("   ", day(2024, 6, 30)),
        "台账-2024-06-30.rectify"
    );
    let odd = file_name("a\\b*c?d\"e<f>g|h\ti", day(2024, 1, 2));
    assert!(
        !odd.contains(['\\', '*', '?', '"', '<', '>', '|', '\t']),
        "{odd}"
    );
    let long = file_name(&"长".repeat(200), day(2024, 1, 2));
    assert!(
        long.chars().count() <= 60 + "-2024-01-02.rectify".len(),
        "{long}"
    );
}

#[test]
fn a_header_whose_schema_differs_from_the_document_is_corrupt() {
    let (mut doc, _c, _p) = small_ledger();
    let bytes = encode(&mut doc, "测试台账", T0 + 5);
    let (mut header, start) = read_header(&bytes).unwrap();
    header.schema = 99; // claims newer than the document is
    let forged = wrap(&header, &bytes[start..]);
    match decode(&forged) {
        Err(ImportError::Corrupt(why)) => assert_eq!(why, Damage::HeaderOtherSchema),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

#[test]
fn a_corrupt_file_is_explained_by_a_named_damage_not_an_internal_detail() {
    let (mut doc, _c, _p) = small_ledger();
    let mut bytes = encode(&mut doc, "测试台账", T0 + 5);
    let (_, start) = read_header(&bytes).unwrap();
    let n = bytes.len();
    for i in (start + (n - start) * 7 / 10..n).step_by(7) {
        bytes[i] ^= 0x5a;
    }
    let err = decode(&bytes).unwrap_err();
    // a named damage the page says in words, not a library's internal (English) detail
    assert!(
        matches!(
            err,
            ImportError::Corrupt(Damage::Checksum | Damage::Encoding | Damage::NotALedger)
        ),
        "{err:?}"
    );
}

/// `tests/fixtures/schema-99.rectify`: a file "from a newer version", for the browser test
/// that imports it and must see it read-only. Written once if missing; checked always.
#[test]
fn the_newer_schema_fixture_is_a_read_only_ledger() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-99.rectify");
    if !path.exists() {
        std::fs::write(&path, schema_99_file().0).unwrap();
    }
    let file = decode(&std::fs::read(&path).unwrap()).unwrap();
    assert!(file.is_newer_schema());
    assert_eq!(file.header.name, "未来的台账");
    let doc = file.open();
    assert!(doc.is_read_only());
    let ledger = doc.read().unwrap();
    assert_eq!(ledger.categories.len(), 1);
    assert_eq!(ledger.problems.len(), 1);
}

/// Direction controls (RLO, LRO, PDF, isolates) never reach a file name, a shown ledger name
/// or a signature: "报告\u{202E}gpj.exe" would read "报告exe.jpg".
#[test]
fn names_lose_their_direction_controls() {
    use rectify_core::document::{LedgerDoc, MetaField};
    let hostile =
        "报告\u{202E}gpj.exe\u{202C}\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{202D}d\u{202A}e\u{202B}f";
    let clean = "报告gpj.exeabcdef";
    let mut doc = LedgerDoc::create(hostile, Some(hostile), T0);
    assert_eq!(doc.display_name(), clean);
    assert_eq!(doc.read().unwrap().display_name(), clean);
    let name = rectify_core::file::envelope::file_name(&doc.display_name(), day(2026, 12, 7));
    assert!(name.starts_with(clean), "{name}");
    assert!(!rectify_core::file::envelope::safe_file_stem(hostile)
        .chars()
        .any(rectify_core::ledger::is_bidi_control));
    doc.set_meta(MetaField::Name, hostile).unwrap();
    doc.commit(T0 + 1);
    let signed: Vec<_> = doc
        .history()
        .into_iter()
        .filter_map(|e| match e.author {
            rectify_core::document::Author::Named(who) => Some(who),
            _ => None,
        })
        .collect();
    assert!(!signed.is_empty());
    assert!(signed.iter().all(|who| who == clean), "{signed:?}");
}

/// 导出抢救副本: a ledger shown on screen whose document is lost becomes a new ledger file
/// with the same categories, problems, fields and rules, under its own id and name.
#[test]
fn a_rescued_copy_holds_what_was_shown() {
    use rectify_core::document::LedgerDoc;
    let shown = rectify_core::file::example::example_ledger();
    let mut doc = LedgerDoc::rescued_copy(&shown, "示例（抢救副本）", Some("张三"), T0).unwrap();
    let bytes = rectify_core::file::encode(&mut doc, "示例（抢救副本）", T0);
    let back = decode(&bytes).unwrap().into_doc().read().unwrap();
    assert_ne!(back.id, shown.id);
    assert_eq!(back.meta.name, "示例（抢救副本）");
    assert_eq!(back.problems.len(), shown.problems.len());
    assert_eq!(back.rules.len(), shown.rules.len());
    for (a, b) in back.problems.iter().zip(&shown.problems) {
        assert_eq!(
            (&a.description, &a.measures, &a.status, a.deadline, &a.owner),
            (&b.description, &b.measures, &b.status, b.deadline, &b.owner)
        );
    }
}
