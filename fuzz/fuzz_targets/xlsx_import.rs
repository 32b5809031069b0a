//! Fuzz target `xlsx_import`: arbitrary bytes through `rectify_fuzz::xlsx_import`
//! (what it checks is documented there and in RELIABILITY.md §2).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rectify_fuzz::xlsx_import(data));
