//! Replays the fuzz seed corpus (`fuzz/corpus/<target>/`) and every input a fuzz run found
//! (`fuzz/regressions/<target>/`) through the same functions the cargo-fuzz targets call.

// the targets' code, shared with fuzz/fuzz_targets/*.rs (which need nightly and libFuzzer)
#[path = "../../../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// Every file under `fuzz/<dir>/<target>/`, with the target's name.
fn inputs(dir: &str) -> Vec<(String, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(dir);
    let mut out = vec![];
    for (name, _) in targets::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                out.push((name.to_string(), path));
            }
        }
    }
    out.sort();
    out
}

fn replay(dir: &str) -> usize {
    let found = inputs(dir);
    for (name, path) in &found {
        let run = targets::TARGETS
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, f)| *f)
            .unwrap();
        let bytes = std::fs::read(path).unwrap();
        eprintln!("{name}: {}", path.display());
        run(&bytes);
    }
    found.len()
}

#[test]
fn every_seed_runs_through_its_target() {
    // each target has seeds, and every seed folder belongs to a target
    for (name, _) in targets::TARGETS {
        let seeds = inputs("corpus")
            .into_iter()
            .filter(|(n, _)| n == name)
            .count();
        assert!(seeds >= 2, "{name} has {seeds} seeds");
    }
    let folders =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| !targets::TARGETS.iter().any(|(n, _)| n == f))
            .collect::<Vec<_>>();
    assert!(
        folders.is_empty(),
        "corpus folders without a target: {folders:?}"
    );
    replay("corpus");
}

#[test]
fn every_input_a_fuzz_run_found_runs_without_a_panic() {
    replay("regressions");
}

#[test]
fn the_checksum_fix_up_makes_a_broken_chunk_load_again() {
    let seed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/corpus/ledger_document/small.automerge"),
    )
    .unwrap();
    assert_eq!(
        targets::with_valid_checksum(&seed),
        seed,
        "a valid chunk is kept"
    );
    let mut broken = seed.clone();
    broken[4] ^= 0xff; // the checksum
    assert!(rectify_core::document::LedgerDoc::load(&broken).is_err());
    assert!(
        rectify_core::document::LedgerDoc::load(&targets::with_valid_checksum(&broken)).is_ok()
    );
}

/// Found by `ledger_document` (RELIABILITY.md §2): a document with a valid checksum on which
/// Automerge 0.12 panics ("RawColumnIter::take would cross slab boundary"), in a ledger file.
fn crafted_file() -> Vec<u8> {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../fuzz/regressions/ledger_document/crash-638583a6a8ea513930b405c228cfa918bead919a",
    ))
    .unwrap();
    let fixed = targets::with_valid_checksum(&bytes);
    let header = rectify_core::file::Header {
        kind: "rectify-ledger".into(),
        format: 1,
        ledger_id: "6d1c5a0e-4a8e-4f7e-9d55-1f2f3a4b5c6d".into(),
        schema: 1,
        name: "伪造的台账".into(),
        bytes: fixed.len(),
        heads: vec![],
        saved_at: 0,
        problems: None,
        sha256: None,
    };
    let mut file = rectify_core::file::envelope::MAGIC.to_vec();
    file.extend(serde_json::to_vec(&header).unwrap());
    file.push(b'\n');
    file.extend_from_slice(&fixed);
    file
}

const CRAFTED_FIXTURE: &str = "tests/fixtures/crafted-automerge-panic.rectify";

/// Natively the panic is caught and the file refused as corrupt. In the browser (wasm aborts
/// on a panic) the same file stops the Web Worker that trial-loads picked files, and the page
/// refuses it (`tests/e2e/bad-files.test.mjs` imports the fixture).
#[test]
fn a_document_on_which_automerge_panics_is_refused_as_corrupt() {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../fuzz/regressions/ledger_document/crash-638583a6a8ea513930b405c228cfa918bead919a",
    ))
    .unwrap();
    let fixed = targets::with_valid_checksum(&bytes);
    assert!(matches!(
        rectify_core::document::LedgerDoc::load(&fixed),
        Err(rectify_core::document::DocError::Unreadable(_))
    ));
    let file = crafted_file();
    let e = rectify_core::file::decode(&file).unwrap_err();
    assert!(
        matches!(e, rectify_core::file::ImportError::Corrupt(_)),
        "{e:?}"
    );
    // the browser test's fixture is this file (regenerate: the ignored test below)
    let fixture = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(CRAFTED_FIXTURE),
    )
    .expect("the fixture exists");
    assert_eq!(fixture, file, "{CRAFTED_FIXTURE} is out of date");
}

#[test]
#[ignore = "writes tests/fixtures/crafted-automerge-panic.rectify"]
fn write_the_crafted_fixture() {
    std::fs::write(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(CRAFTED_FIXTURE),
        crafted_file(),
    )
    .unwrap();
}

/// The seeds of the Automerge targets (`automerge_*`): documents and chunks made here, each
/// laid out as its target reads its input (`targets::split_two`: two little-endian bytes saying
/// where the first part ends; `automerge_known_changes`: a count of control bytes first).
fn automerge_seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    use automerge::transaction::Transactable;
    use automerge::{ActorId, AutoCommit, ObjType, ROOT};
    let example = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/corpus/ledger_document/example.automerge"),
    )
    .unwrap();
    let mut small = AutoCommit::new().with_actor(ActorId::from(vec![1; 16]));
    let text = small.put_object(ROOT, "text", ObjType::Text).unwrap();
    small.splice_text(&text, 0, 0, "整改措施已落实").unwrap();
    let list = small.put_object(ROOT, "list", ObjType::List).unwrap();
    small.insert(&list, 0, 1).unwrap();
    small
        .put(ROOT, "count", automerge::ScalarValue::counter(1))
        .unwrap();
    small.commit();
    let base = small.save();
    let heads = small.get_heads();
    let mut theirs = small.fork().with_actor(ActorId::from(vec![2; 16]));
    theirs.splice_text(&text, 2, 1, "他").unwrap();
    theirs.increment(ROOT, "count", 2).unwrap();
    theirs.commit();
    small.splice_text(&text, 0, 0, "我").unwrap();
    small.insert(&list, 1, "二").unwrap();
    small.commit();
    let chunk = small.save_after(&heads);
    let ours = small.save();
    let theirs = theirs.save();
    let mut big = AutoCommit::load(&example).unwrap();
    let big_heads = big.get_heads();
    let mut big_fork = big.fork().with_actor(ActorId::from(vec![3; 16]));
    big_fork.put(ROOT, "fuzz", "seed").unwrap();
    big_fork.commit();
    big.put(ROOT, "ours", 1).unwrap();
    big.commit();
    let big_chunk = big.save_after(&big_heads);
    let big_fork = big_fork.save();
    let two = |a: &[u8], b: &[u8]| {
        let mut out = u16::try_from(a.len()).unwrap().to_le_bytes().to_vec();
        out.extend_from_slice(a);
        out.extend_from_slice(b);
        out
    };
    let with_control = |control: &[u8], doc: &[u8]| {
        let mut out = vec![control.len() as u8];
        out.extend_from_slice(control);
        out.extend_from_slice(doc);
        out
    };
    vec![
        ("automerge_load", "small.automerge", ours.clone()),
        ("automerge_load", "example.automerge", example.clone()),
        (
            "automerge_known_changes",
            "small-as-is",
            with_control(&[], &ours),
        ),
        (
            "automerge_known_changes",
            "small-swap-drop",
            with_control(&[0, 1, 1, 0], &ours),
        ),
        (
            "automerge_known_changes",
            "example-as-is",
            with_control(&[], &example),
        ),
        (
            "automerge_known_changes",
            "example-alter-reverse",
            with_control(&[3, 9, 5, 0], &example),
        ),
        ("automerge_chunks", "small-and-chunk", two(&base, &chunk)),
        (
            "automerge_chunks",
            "example-and-chunk",
            two(&example, &big_chunk),
        ),
        ("automerge_merge", "small-forks", two(&ours, &theirs)),
        ("automerge_merge", "example-forks", two(&example, &big_fork)),
        ("automerge_differential", "small-forks", two(&ours, &theirs)),
        (
            "automerge_differential",
            "example-forks",
            two(&example, &big_fork),
        ),
    ]
}

#[test]
#[ignore = "writes the seeds of the automerge_* targets into fuzz/corpus/"]
fn write_the_automerge_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    for (target, name, bytes) in automerge_seeds() {
        std::fs::create_dir_all(root.join(target)).unwrap();
        std::fs::write(root.join(target).join(name), bytes).unwrap();
    }
}
