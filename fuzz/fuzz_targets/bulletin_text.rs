//! Fuzz target `bulletin_text`: arbitrary bytes through `rectify_fuzz::bulletin_text`
//! (what it checks is documented there and in RELIABILITY.md §2).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rectify_fuzz::bulletin_text(data));
