//! Fuzz target `ledger_file`: arbitrary bytes through `rectify_fuzz::ledger_file`
//! (what it checks is documented there and in RELIABILITY.md §2).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rectify_fuzz::ledger_file(data));
