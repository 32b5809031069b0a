//! Native benchmarks of the ledger core, each next to the no-CRDT floor (the same ledger as
//! plain serde_json) measured in the same run, reported as medians and ratios.
//!
//! `cargo bench --bench core` (sizes: `BENCH_SIZES=20,200,2000`, samples: `BENCH_SAMPLES=15`).
//! A plain harness rather than criterion/divan: what we report is a ratio of two medians taken
//! in one process, and a JSON file (`target/bench/core.json`) that `scripts/bench.sh` merges
//! with the peer CRDTs' run; neither library gives both. Timings are printed, never asserted.

use std::time::{Duration, Instant};

use rectify_core::bulletin::{bulletin, layout::paginate};
use rectify_core::document::LedgerDoc;
use rectify_core::file::{decode, encode};
use rectify_core::ledger::{Ledger, LedgerCounts, Progress};
use rectify_core::synthetic::{script, Spec};
use rectify_office::bulletin_text::parse_bulletin;
use serde::Serialize;

const NOW: i64 = 1_656_547_200; // 2022-06-30
const SAMPLE_BULLETIN: &str = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");

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
    problems: usize,
    changes: usize,
    what: &'static str,
    rectify_ms: f64,
    /// the floor (plain serde_json), when there is one
    json_ms: Option<f64>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "20,200,2000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let samples: usize = std::env::var("BENCH_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let mut rows = Vec::new();
    let mut sizes_out = Vec::new();
    for &n in &sizes {
        let spec = Spec::sized(n);
        let script = script(spec);
        let start = Instant::now();
        let mut doc = script.build(NOW).expect("the synthetic history builds");
        let built = start.elapsed();
        let changes = doc.change_count(NOW);
        eprintln!(
            "N = {n}: built {changes} changes in {:.1} s",
            built.as_secs_f64()
        );
        let ledger = doc.read().expect("reads");
        let json = serde_json::to_vec(&ledger).expect("serialises");
        let bytes = doc.save(NOW);
        let file = encode(&mut doc, "bench", NOW);
        sizes_out.push(serde_json::json!({
            "problems": n, "changes": changes,
            "document_bytes": bytes.len(), "file_bytes": file.len(), "json_bytes": json.len(),
        }));
        let mut row = |what, rectify: Duration, json: Option<Duration>| {
            rows.push(Row {
                problems: n,
                changes,
                what,
                rectify_ms: ms(rectify),
                json_ms: json.map(ms),
            });
        };

        let json_load = median(
            samples,
            || (),
            |_| serde_json::from_slice::<Ledger>(&json).expect("parses"),
        );
        row(
            "load (bytes → ledger)",
            median(
                samples,
                || (),
                |_| {
                    LedgerDoc::load(&bytes)
                        .expect("loads")
                        .read()
                        .expect("reads")
                },
            ),
            Some(json_load),
        );
        // the stored copy as the app reopens it: with the known changes kept beside it
        let known = doc.known_changes(NOW);
        row(
            "load with the known changes kept beside it (bytes → ledger)",
            median(
                samples,
                || (),
                |_| {
                    LedgerDoc::load_unread_known(&bytes, Some(&known))
                        .expect("loads")
                        .read()
                        .expect("reads")
                },
            ),
            Some(json_load),
        );
        row(
            "open file (decode + load + read)",
            median(
                samples,
                || (),
                |_| {
                    decode(&file)
                        .expect("decodes")
                        .open()
                        .read()
                        .expect("reads")
                },
            ),
            None,
        );
        row(
            "save (ledger → bytes)",
            median(samples, || doc.copy(), |mut d| d.save(NOW)),
            Some(median(
                samples,
                || (),
                |_| serde_json::to_vec(&ledger).expect("serialises"),
            )),
        );
        row(
            "read whole (document → ledger, on opening)",
            median(samples, || (), |_| doc.read_whole().expect("reads")),
            None,
        );
        // what typing costs: one text edit in one problem, then the read the view needs
        let typed_into = ledger.problems[ledger.problems.len() / 2].id.clone();
        let warm = doc.copy();
        warm.read().expect("reads");
        row(
            "type into one problem + read (after every edit)",
            median(
                samples,
                || warm.copy(),
                |mut d| {
                    let field = rectify_core::document::ProblemText::Measures;
                    let text = d.problem_text(&typed_into, field).expect("a problem") + "改";
                    d.set_problem_text(&typed_into, field, &text)
                        .expect("typed");
                    d.read().expect("reads")
                },
            ),
            Some(median(
                samples,
                || ledger.clone(),
                |mut l| {
                    let middle = l.problems.len() / 2;
                    l.problems[middle].measures.push('改');
                    serde_json::to_vec(&l).expect("serialises")
                },
            )),
        );
        // two laptops each make 1,000 changes after the common history, then one merges the other
        let a = script.apart(&mut doc, 0, 1_000, NOW).expect("edits apply");
        let mut b = script
            .apart(&mut doc, 1_000, 1_000, NOW)
            .expect("edits apply");
        row(
            "merge two forks of 1,000 changes each",
            median(
                samples,
                || (a.copy(), b.copy()),
                |(mut a, mut b)| a.merge(&mut b, NOW).expect("merges"),
            ),
            None,
        );
        // the same, into copies loaded from bytes, as the app always has them (Automerge then
        // holds each column in one slab; vendor/automerge/VENDORED.md)
        let a_loaded = LedgerDoc::load(&a.copy().save(NOW)).expect("loads");
        let b_loaded = LedgerDoc::load(&b.save(NOW)).expect("loads");
        a_loaded.read().expect("reads");
        row(
            "merge the same forks, loaded from bytes (as in the app)",
            median(
                samples,
                || (a_loaded.copy(), b_loaded.copy()),
                |(mut a, mut b)| a.merge(&mut b, NOW).expect("merges"),
            ),
            None,
        );
        let b_file = encode(&mut b, "bench", NOW);
        row(
            "import a colleague's file (decode + merge + read)",
            median(
                samples,
                || a.copy(),
                |mut a| {
                    let mut other = decode(&b_file).expect("decodes").open();
                    a.merge(&mut other, NOW).expect("merges");
                    a.read().expect("reads")
                },
            ),
            None,
        );
        row(
            "import a file the Web Worker checked (no second whole read)",
            median(
                samples,
                || a.copy(),
                |mut a| {
                    let mut other = rectify_core::file::envelope::decode_unread(&b_file)
                        .expect("decodes")
                        .open();
                    a.merge(&mut other, NOW).expect("merges");
                    a.read().expect("reads")
                },
            ),
            None,
        );
        // the page's side of the same import since the Web Worker answers with a batch: list
        // this copy's change hashes, merge only the changes it lacks (the file is never loaded
        // in the page), read; then the worker's side of it, after its check of the file
        let b_heads = b_loaded.copy().heads();
        let batch = b_loaded
            .copy()
            .changes_missing_from(&a_loaded.copy().change_hashes(NOW), NOW)
            .expect("the forks share most of their history");
        row(
            "import a file, the page's part (hashes + merge of the worker's batch + read)",
            median(
                samples,
                || a_loaded.copy(),
                |mut a| {
                    let hashes = a.change_hashes(NOW);
                    std::hint::black_box(hashes);
                    a.merge_changes(&batch, &b_heads, NOW).expect("merges");
                    a.read().expect("reads")
                },
            ),
            None,
        );
        let a_hashes = a_loaded.copy().change_hashes(NOW);
        row(
            "import a file, the worker's batch (after its check)",
            median(
                samples,
                || b_loaded.copy(),
                |mut b| b.changes_missing_from(&a_hashes, NOW),
            ),
            None,
        );
        // the scan for conflicts that follows every load and merge, on the merged forks
        let mut merged = a_loaded.copy();
        merged.merge(&mut b_loaded.copy(), NOW).expect("merges");
        row(
            "scan for conflicts (after a load or merge)",
            median(samples, || (), |_| merged.conflicts_whole()),
            None,
        );
        let today = chrono::NaiveDate::from_ymd_opt(2022, 6, 30).unwrap();
        row(
            "all figures (counts + 进度)",
            median(
                samples,
                || (),
                |_| {
                    (
                        LedgerCounts::of(&ledger, today),
                        Progress::of(&ledger, today),
                    )
                },
            ),
            None,
        );
        row(
            "bulletin text",
            median(samples, || (), |_| bulletin(&ledger).to_text()),
            None,
        );
        row(
            "bulletin typeset into pages",
            median(samples, || (), |_| paginate(&bulletin(&ledger))),
            None,
        );
    }
    // typing into a field that already holds 20,000 characters (the large-ledger fixture's
    // size): one character added in its middle, the document's part of a keystroke
    let long: String = SAMPLE_BULLETIN
        .chars()
        .filter(|c| !c.is_whitespace())
        .cycle()
        .take(20_000)
        .collect();
    let mut one = LedgerDoc::create("bench", None, NOW);
    let category = one.add_category("类别").expect("adds");
    let problem = one.add_problem(&category, "问题").expect("adds");
    let field = rectify_core::document::ProblemText::Measures;
    one.set_problem_text(&problem, field, &long).expect("sets");
    one.commit(NOW);
    let middle = long.char_indices().nth(10_000).map(|(i, _)| i).unwrap();
    let typed = format!("{}改{}", &long[..middle], &long[middle..]);
    rows.push(Row {
        problems: 1,
        changes: 0,
        what: "type one character into a 20,000-character text",
        rectify_ms: ms(median(
            samples,
            || one.copy(),
            |mut d| d.set_problem_text(&problem, field, &typed).expect("typed"),
        )),
        json_ms: None,
    });
    let import = median(
        samples,
        || (),
        |_| parse_bulletin(SAMPLE_BULLETIN).expect("parses"),
    );
    rows.push(Row {
        problems: 20,
        changes: 0,
        what: "import the sample bulletin text",
        rectify_ms: ms(import),
        json_ms: None,
    });

    println!(
        "{:>6} {:>7}  {:<50} {:>11} {:>11} {:>7}",
        "N", "changes", "what", "rectify ms", "json ms", "ratio"
    );
    for r in &rows {
        let (json, ratio) = match r.json_ms {
            Some(j) => (format!("{j:.3}"), format!("{:.1}×", r.rectify_ms / j)),
            None => (String::new(), String::new()),
        };
        println!(
            "{:>6} {:>7}  {:<50} {:>11.3} {:>11} {:>7}",
            r.problems, r.changes, r.what, r.rectify_ms, json, ratio
        );
    }
    println!();
    for s in &sizes_out {
        let ratio = s["file_bytes"].as_f64().unwrap() / s["json_bytes"].as_f64().unwrap();
        println!(
            "N = {}: document {} B, file {} B, same ledger as JSON {} B → file/JSON {:.2}×",
            s["problems"], s["document_bytes"], s["file_bytes"], s["json_bytes"], ratio
        );
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    std::fs::write(
        out.join("core.json"),
        serde_json::to_vec_pretty(&serde_json::json!({"rows": rows, "sizes": sizes_out})).unwrap(),
    )
    .expect("writes");
}
