//! The layering rule: the ledger core (ledger, document, io, store) names no browser or UI
//! crate, so it stays plain Rust that `cargo test` exercises natively.

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_never_names_browser_or_ui_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![
        src.join("store.rs"),
        src.join("backup.rs"),
        src.join("jobs.rs"),
    ];
    for dir in ["ledger", "bulletin", "document", "io"] {
        rust_files(&src.join(dir), &mut files);
    }
    assert!(files.len() >= 8, "found the core's files: {files:?}");
    let forbidden = ["web_sys", "leptos", "wasm_bindgen", "js_sys", "gloo"];
    let mut offences = vec![];
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in forbidden {
                if line.contains(word) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the core must stay free of browser types:\n{}",
        offences.join("\n")
    );
}
