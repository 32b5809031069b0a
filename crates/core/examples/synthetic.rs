//! Writes the benchmarks' synthetic ledger for other programs: the script as JSON (for the peer
//! CRDT benchmarks) and the built history as a .rectify file (for the browser benchmarks).
//!
//! `cargo run --release -p rectify-core --example synthetic -- 2000 target/bench` writes
//! `target/bench/script-2000.json` and `target/bench/ledger-2000.rectify`. With `--browser` as
//! a third argument it also writes, for `benches/browser/bench.mjs`, `ledger-2000.json` (the
//! final ledger as plain serde_json, the browser's no-CRDT baseline) and
//! `ledger-2000-base.rectify` (the same ledger before its edits: merging `ledger-2000.rectify`
//! into it brings in the whole history), and two copies of the built ledger with 1,000 edits
//! each made apart, `ledger-2000-fork-a.rectify` and `ledger-2000-fork-b.rectify` (the core
//! bench's forks: a colleague's copy merged into the open ledger).

use rectify_core::document::LedgerDoc;
use rectify_core::file::encode;
use rectify_core::synthetic::{script, Script, Spec};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench".into()));
    let browser = args.next().as_deref() == Some("--browser");
    std::fs::create_dir_all(&dir).expect("creates the output folder");
    let script = script(Spec::sized(n));
    std::fs::write(
        dir.join(format!("script-{n}.json")),
        serde_json::to_vec(&script).unwrap(),
    )
    .expect("writes the script");
    let now = 1_656_547_200;
    let name = format!("合成台账（{n}个问题）");
    let mut doc = if browser {
        // Script::build, keeping the base document to write it too
        let mut base = script.base(now).expect("the base ledger builds");
        let ids: Vec<String> = base
            .read()
            .unwrap()
            .problems
            .iter()
            .map(|p| p.id.clone())
            .collect();
        let mut laptops: Vec<LedgerDoc> = (0..script.people).map(|_| base.fork(now)).collect();
        std::fs::write(
            dir.join(format!("ledger-{n}-base.rectify")),
            encode(&mut base, &name, now),
        )
        .expect("writes the base ledger");
        for chunk in script.steps.chunks(script.sync_every) {
            Script::apply(&mut laptops, &ids, chunk, now).expect("the edits apply");
            Script::sync(&mut laptops, now).expect("the laptops merge");
        }
        laptops.swap_remove(0)
    } else {
        script.build(now).expect("the synthetic history builds")
    };
    if browser {
        let ledger = doc.read().expect("the built ledger reads");
        std::fs::write(
            dir.join(format!("ledger-{n}.json")),
            serde_json::to_vec(&ledger).unwrap(),
        )
        .expect("writes the ledger as JSON");
    }
    let file = encode(&mut doc, &name, now);
    std::fs::write(dir.join(format!("ledger-{n}.rectify")), file).expect("writes the ledger");
    if browser {
        // as benches/core.rs makes its forks
        for (fork, from) in [("a", 0), ("b", 1_000)] {
            let mut copy = script
                .apart(&mut doc, from, 1_000, now)
                .expect("the edits apply");
            std::fs::write(
                dir.join(format!("ledger-{n}-fork-{fork}.rectify")),
                encode(&mut copy, &name, now),
            )
            .expect("writes the fork");
        }
    }
}
