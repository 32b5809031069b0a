//! Fuzz target `automerge_differential`: the patched Automerge (vendor/automerge, through
//! fuzz/Cargo.toml's `[patch.crates-io]`) and the published 0.12.0 (`automerge_published`,
//! unpacked by `scripts/vendor-check.sh --published fuzz/automerge-published`) load and merge
//! the same bytes and must agree: both refuse (an error, or a panic in the load) or both accept
//! with the same heads, the same document saved without compression (the patched copy deflates
//! at another level, patch 03) and the same contents (as JSON); each loads what the other saved. The
//! input is `rectify_fuzz::split_two`: two documents, each first chunk's checksum recomputed.
//! `cargo test` replays this target's inputs through the patched side alone
//! (`rectify_fuzz::automerge_differential_patched_side`).
#![no_main]

use rectify_fuzz::{let_load_panics_unwind, split_two, with_valid_checksum};

#[derive(Debug, PartialEq)]
enum Outcome {
    Accepted,
    Refused,
    Panicked,
}

fn outcome<T, E>(r: &std::thread::Result<Result<T, E>>) -> Outcome {
    match r {
        Ok(Ok(_)) => Outcome::Accepted,
        Ok(Err(_)) => Outcome::Refused,
        Err(_) => Outcome::Panicked,
    }
}

type Loaded = (
    Option<automerge::Automerge>,
    Option<automerge_published::Automerge>,
);

/// Both loads of `bytes`, which must end alike; the documents when both accepted.
fn load_both(bytes: &[u8]) -> Loaded {
    let patched = std::panic::catch_unwind(|| automerge::Automerge::load(bytes));
    let published = std::panic::catch_unwind(|| automerge_published::Automerge::load(bytes));
    assert_eq!(
        outcome(&patched),
        outcome(&published),
        "patched and published load these bytes differently"
    );
    let (Ok(Ok(p)), Ok(Ok(q))) = (patched, published) else {
        return (None, None);
    };
    agree(&p, &q);
    (Some(p), Some(q))
}

/// The same document in both: heads, bytes saved without compression, contents; and each
/// loads what either saved (or both refuse it), the patched one also with its known changes.
fn agree(p: &automerge::Automerge, q: &automerge_published::Automerge) {
    let heads_p: Vec<[u8; 32]> = p.get_heads().iter().map(|h| h.0).collect();
    let heads_q: Vec<[u8; 32]> = q.get_heads().iter().map(|h| h.0).collect();
    assert_eq!(heads_p, heads_q, "the same heads");
    assert_eq!(
        p.save_nocompress(),
        q.save_nocompress(),
        "the same document"
    );
    // as JSON: maps compare whatever their order
    let json_p = serde_json::to_value(automerge::AutoSerde::from(p)).ok();
    let json_q = serde_json::to_value(automerge_published::AutoSerde::from(q)).ok();
    assert_eq!(json_p, json_q, "the same contents");
    // each loads what either saved, or both refuse it alike (0.12.0 saves some crafted
    // documents in bytes that do not load again: RELIABILITY.md §2)
    for saved in [p.save(), q.save()] {
        let by_p = automerge::Automerge::load(&saved);
        let by_q = automerge_published::Automerge::load(&saved);
        assert_eq!(
            by_p.is_ok(),
            by_q.is_ok(),
            "a save loads in one and not the other"
        );
        if let (Ok(by_p), Ok(by_q)) = (by_p, by_q) {
            assert_eq!(by_p.save_nocompress(), by_q.save_nocompress());
            assert_eq!(by_p.save_nocompress(), p.save_nocompress());
            let known = p.known_changes();
            if let Ok(fast) = automerge::Automerge::load_with_known_changes(&saved, &known) {
                assert_eq!(fast.save_nocompress(), q.save_nocompress());
            }
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let_load_panics_unwind();
    let Some((a, b)) = split_two(data) else {
        return;
    };
    let (a, b) = (with_valid_checksum(a), with_valid_checksum(b));
    let (Some(mut pa), Some(mut qa)) = load_both(&a) else {
        return;
    };
    let (Some(mut pb), Some(mut qb)) = load_both(&b) else {
        return;
    };
    let merged_p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pa.merge(&mut pb)));
    let merged_q = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| qa.merge(&mut qb)));
    assert_eq!(
        outcome(&merged_p),
        outcome(&merged_q),
        "patched and published merge differently"
    );
    if let (Ok(Ok(_)), Ok(Ok(_))) = (&merged_p, &merged_q) {
        agree(&pa, &qa);
    }
});
