//! Entry point of the second wasm module, the Web Worker that makes Excel and Word files and
//! trial-loads picked ledger files (`rectify::jobs`); a native build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {
    rectify::platform::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
