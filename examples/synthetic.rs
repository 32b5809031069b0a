//! Writes the benchmarks' synthetic ledger for other programs: the script as JSON (for the peer
//! CRDT benchmarks) and the built history as a .rectify file (for the browser benchmarks).
//!
//! `cargo run --release --example synthetic -- 2000 target/bench` writes
//! `target/bench/script-2000.json` and `target/bench/ledger-2000.rectify`.

use rectify::io::encode;
use rectify::synthetic::{script, Spec};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench".into()));
    std::fs::create_dir_all(&dir).expect("creates the output folder");
    let script = script(Spec::sized(n));
    std::fs::write(
        dir.join(format!("script-{n}.json")),
        serde_json::to_vec(&script).unwrap(),
    )
    .expect("writes the script");
    let now = 1_656_547_200;
    let mut doc = script.build(now).expect("the synthetic history builds");
    let file = encode(&mut doc, &format!("合成台账（{n}个问题）"), now);
    std::fs::write(dir.join(format!("ledger-{n}.rectify")), file).expect("writes the ledger");
}
