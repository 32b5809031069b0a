//! The layers, as Cargo sees them: what each crate may depend on. The compiler keeps the
//! rest (a crate cannot name what it does not depend on); this checks the dependency tree
//! that the manifests make, so a new edge that breaks a layer fails here.
//!
//! - the page (`rectify`) never reaches an office crate, at any depth: the Excel and Word
//!   libraries live only in the Web Worker's module;
//! - the core (`rectify-core`) depends on no browser, UI or office crate;
//! - the office formats (`rectify-office`) depend on no browser or UI crate;
//! - the page never reaches the sync engine (samod-core runs in the worker), and the sync glue
//!   (`rectify-sync`) depends on no browser, UI or office crate.

use std::process::Command;

const OFFICE: [&str; 5] = [
    "calamine",
    "docx-rs",
    "rust_xlsxwriter",
    "zip",
    "rectify-office",
];
const SYNC: [&str; 2] = ["samod-core", "rectify-sync"];
const BROWSER: [&str; 6] = [
    "leptos",
    "web-sys",
    "wasm-bindgen",
    "js-sys",
    "gloo-storage",
    "wasm-bindgen-futures",
];

/// The names of the crates in `package`'s normal dependency tree, for this machine and for
/// the browser (`depth` levels down, or all).
fn tree(package: &str, depth: Option<u32>) -> Vec<String> {
    let mut crates = tree_for(package, None, depth);
    crates.extend(tree_for(package, Some("wasm32-unknown-unknown"), depth));
    crates
}

fn tree_for(package: &str, target: Option<&str>, depth: Option<u32>) -> Vec<String> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args([
        "tree",
        "--offline",
        "--manifest-path",
        manifest,
        "-p",
        package,
    ])
    .args(["-e", "normal", "--prefix", "none", "--format", "{p}"]);
    if let Some(target) = target {
        cmd.args(["--target", target]);
    }
    if let Some(depth) = depth {
        cmd.args(["--depth", &depth.to_string()]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

fn offences<'a>(crates: &[String], forbidden: &[&'a str]) -> Vec<&'a str> {
    forbidden
        .iter()
        .copied()
        .filter(|f| crates.iter().any(|c| c == f))
        .collect()
}

#[test]
fn the_page_cannot_link_the_office_crates() {
    let page = tree_for("rectify", Some("wasm32-unknown-unknown"), None);
    assert!(
        page.iter().any(|c| c == "leptos"),
        "the tree was read: {page:?}"
    );
    assert_eq!(offences(&page, &OFFICE), Vec::<&str>::new());
    assert_eq!(offences(&page, &SYNC), Vec::<&str>::new());
}

#[test]
fn the_sync_glue_depends_on_no_browser_ui_or_office_crate() {
    // (on wasm, getrandom and uuid reach the browser's crypto through js-sys: not ours)
    let direct = tree_for("rectify-sync", Some("wasm32-unknown-unknown"), Some(1));
    let all = tree_for("rectify-sync", Some("wasm32-unknown-unknown"), None);
    assert!(
        direct.iter().any(|c| c == "samod-core"),
        "the tree was read: {direct:?}"
    );
    assert_eq!(offences(&direct, &BROWSER), Vec::<&str>::new());
    assert_eq!(offences(&all, &OFFICE), Vec::<&str>::new());
}

#[test]
fn the_core_depends_on_no_browser_ui_or_office_crate() {
    // directly: Automerge and uuid reach js-sys on wasm32 for the clock and randomness
    let direct = tree("rectify-core", Some(1));
    assert!(
        direct.iter().any(|c| c == "automerge"),
        "the tree was read: {direct:?}"
    );
    assert_eq!(offences(&direct, &BROWSER), Vec::<&str>::new());
    let all = tree("rectify-core", None);
    assert_eq!(offences(&all, &OFFICE), Vec::<&str>::new());
    assert_eq!(
        offences(&all, &["leptos", "gloo-storage"]),
        Vec::<&str>::new()
    );
}

#[test]
fn the_office_crate_depends_on_no_browser_or_ui_crate() {
    let direct = tree("rectify-office", Some(1));
    assert!(
        direct.iter().any(|c| c == "rectify-core"),
        "the tree was read: {direct:?}"
    );
    assert_eq!(offences(&direct, &BROWSER), Vec::<&str>::new());
    let all = tree("rectify-office", None);
    assert_eq!(
        offences(&all, &["leptos", "gloo-storage"]),
        Vec::<&str>::new()
    );
}
