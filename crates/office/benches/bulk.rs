//! Native benchmark of 从 Excel 导入 at size: a workbook of N rows (the synthetic ledger of N
//! problems, exported by the app's own export) read for the preview, then made into a new
//! ledger (创建新台账, with the first save) or added to an open one (添加到当前台账). Each is
//! reported next to the preview's read of the same workbook in the same run (the ratio), as
//! medians. Timings are printed, never asserted.
//!
//! `cargo bench -p rectify-office --bench bulk` (rows: `BULK_SIZES=200,2000`, samples:
//! `BENCH_SAMPLES=7`, `BULK_PARTS=1` also prints create, read and save apart);
//! `scripts/bench.sh` runs it and writes `target/bench/bulk.json`, and the workbooks as
//! `target/bench/rows-N.xlsx` for the browser benchmark's `excel` part.

use std::time::{Duration, Instant};

use rectify_core::import::xlsx::{add_from_xlsx, create_from_xlsx};
use rectify_core::synthetic::{script, Spec};
use rectify_office::xlsx::{export_xlsx, read_xlsx};
use serde::Serialize;

const NOW: i64 = 1_656_547_200; // 2022-06-30

/// Median of `samples` runs of `run`, each after its own untimed `setup`.
fn median<S, T>(
    samples: usize,
    mut setup: impl FnMut() -> S,
    mut run: impl FnMut(S) -> T,
) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            let out = run(input);
            let took = start.elapsed();
            drop(std::hint::black_box(out));
            took
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

#[derive(Serialize)]
struct Row {
    rows: usize,
    what: &'static str,
    ms: f64,
    /// the preview's read of the same workbook, in the same run
    preview_ms: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BULK_SIZES")
        .unwrap_or_else(|_| "200,2000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let samples: usize = std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let today = chrono::NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
    let mut rows = Vec::new();
    for &n in &sizes {
        let ledger = script(Spec::sized(n)).ledger;
        let workbook = export_xlsx(&ledger, today, NOW).expect("exports");
        // the browser benchmark's workbook (benches/browser/bench.mjs, part `excel`)
        let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
        std::fs::create_dir_all(&out).expect("target/bench");
        std::fs::write(out.join(format!("rows-{n}.xlsx")), &workbook).expect("writes");
        let import = read_xlsx(&workbook, "bench.xlsx").expect("reads");
        assert_eq!(import.ledger.problems.len(), n);
        let preview = ms(median(
            samples,
            || (),
            |_| read_xlsx(&workbook, "bench.xlsx").expect("reads"),
        ));
        let mut row = |what, took: Duration| {
            rows.push(Row {
                rows: n,
                what,
                ms: ms(took),
                preview_ms: preview,
            })
        };
        row(
            "创建新台账 (create + first save)",
            median(
                samples,
                || (),
                |_| {
                    let mut doc = create_from_xlsx(&import, Some("张三"), NOW).expect("creates");
                    let read = doc.read().expect("reads");
                    (doc.save(NOW), read)
                },
            ),
        );
        if std::env::var("BULK_PARTS").is_ok() {
            let chars: usize = import
                .ledger
                .problems
                .iter()
                .map(|p| {
                    p.description.chars().count()
                        + p.cause.chars().count()
                        + p.measures.chars().count()
                        + p.progress.chars().count()
                        + p.evidence.chars().count()
                })
                .sum();
            let t = Instant::now();
            let mut doc = create_from_xlsx(&import, Some("张三"), NOW).expect("creates");
            let made = t.elapsed();
            let t = Instant::now();
            doc.read().expect("reads");
            let read = t.elapsed();
            let t = Instant::now();
            let bytes = doc.save(NOW);
            let saved = t.elapsed();
            eprintln!(
                "{n} rows, {chars} characters of text: create {:.0} ms, read {:.0} ms, save {:.0} ms ({} B)",
                ms(made),
                ms(read),
                ms(saved),
                bytes.len()
            );
        }
        // an open ledger of the same categories: the problems join them
        let open = create_from_xlsx(&import, Some("张三"), NOW).expect("creates");
        open.read().expect("reads");
        row(
            "添加到当前台账 (add + save)",
            median(
                samples,
                || open.copy(),
                |mut doc| {
                    add_from_xlsx(&mut doc, &import).expect("adds");
                    let read = doc.read().expect("reads");
                    (doc.save(NOW), read)
                },
            ),
        );
    }
    println!(
        "{:>6}  {:<34} {:>11} {:>11} {:>7}",
        "rows", "what", "ms", "preview ms", "ratio"
    );
    for r in &rows {
        println!(
            "{:>6}  {:<34} {:>11.1} {:>11.1} {:>6.2}×",
            r.rows,
            r.what,
            r.ms,
            r.preview_ms,
            r.ms / r.preview_ms
        );
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    std::fs::write(
        out.join("bulk.json"),
        serde_json::to_vec_pretty(&serde_json::json!({ "rows": rows })).unwrap(),
    )
    .expect("writes");
}
