// Shared helpers for the native tests (included with `mod common;`).
#![allow(dead_code)]

use chrono::NaiveDate;
use rectify_core::document::LedgerDoc;

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

/// The ids of a ledger's live problems, in ledger order.
pub fn problem_ids(doc: &LedgerDoc) -> Vec<String> {
    doc.read()
        .unwrap()
        .problems
        .iter()
        .map(|p| p.id.clone())
        .collect()
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

/// The shape of a JSON value: keys and kinds, not values (null merges into any kind, arrays
/// are the union of their elements' shapes).
pub fn shape(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn merge(a: Value, b: Value) -> Value {
        match (a, b) {
            (Value::Object(mut a), Value::Object(b)) => {
                for (k, v) in b {
                    let merged = match a.remove(&k) {
                        Some(old) => merge(old, v),
                        None => v,
                    };
                    a.insert(k, merged);
                }
                Value::Object(a)
            }
            (Value::Array(a), Value::Array(b)) => {
                let all = a.into_iter().chain(b).fold(Value::Null, merge);
                Value::Array(vec![all])
            }
            (Value::Null, x) | (x, Value::Null) => x,
            (a, b) if a == b => a,
            (a, b) => Value::String(format!("{a}|{b}")),
        }
    }
    match v {
        Value::Null => Value::Null,
        Value::Bool(_) => Value::String("bool".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
        Value::Array(items) => Value::Array(vec![items.iter().map(shape).fold(Value::Null, merge)]),
        // a map keyed by ids (people by actor id) has one shape whatever the ids
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let id = k.len() >= 16 && k.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
                let key = if id { "<id>".to_string() } else { k.clone() };
                Value::Object([(key, shape(v))].into_iter().collect())
            })
            .fold(Value::Object(Default::default()), merge),
    }
}

/// The first 8 bytes of the SHA-256 of `shapes` joined by lines, in hex: a digest to pin a
/// stored or sent format's shape to its version number.
pub fn shape_digest(shapes: &[String]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(shapes.join("\n").as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A field of problem number `n` as the history and conflicts name it (第n项 · …).
#[allow(dead_code)]
pub fn at(n: usize, field: rectify_core::document::Field) -> rectify_core::document::PlaceName {
    rectify_core::document::PlaceName {
        spot: rectify_core::document::Spot::Problem(n),
        field: Some(field),
    }
}

/// A field of 台账信息 as the history and conflicts name it.
#[allow(dead_code)]
pub fn meta_at(field: rectify_core::document::MetaField) -> rectify_core::document::PlaceName {
    rectify_core::document::PlaceName {
        spot: rectify_core::document::Spot::Meta,
        field: Some(rectify_core::document::Field::Meta(field)),
    }
}
