// Shared helpers for the native tests (included with `mod common;`).
#![allow(dead_code)]

use chrono::NaiveDate;
use rectify::document::LedgerDoc;

pub const T0: i64 = 1_700_000_000;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A ledger with two categories and three problems, saved once.
pub fn small_ledger() -> (LedgerDoc, Vec<String>, Vec<String>) {
    let mut doc = LedgerDoc::create("测试台账", Some("张三"), T0);
    let c1 = doc.add_category("针对会议制度的问题").unwrap();
    let c2 = doc.add_category("针对财务管理的问题").unwrap();
    let p1 = doc.add_problem(&c1, "班子会议代替党委会议").unwrap();
    let p2 = doc.add_problem(&c1, "会议记录不规范").unwrap();
    let p3 = doc.add_problem(&c2, "饭堂支出无发票入账").unwrap();
    doc.commit(T0 + 1);
    (doc, vec![c1, c2], vec![p1, p2, p3])
}

/// A deterministic stream of pseudo-random numbers (a 64-bit LCG; no extra crates).
pub fn lcg(seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed;
    std::iter::repeat_with(move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x >> 33
    })
}
