//! Fuzz target `automerge_merge`: arbitrary bytes through `rectify_fuzz::automerge_merge`
//! (what it checks is documented there and in RELIABILITY.md §2).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rectify_fuzz::automerge_merge(data));
