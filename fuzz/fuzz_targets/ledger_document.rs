//! Fuzz target `ledger_document`: arbitrary bytes through `rectify_fuzz::ledger_document`
//! (what it checks is documented there and in RELIABILITY.md §2).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rectify_fuzz::ledger_document(data));
