//! Entry point: mount the app (the browser build); a native build has nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {
    rectify::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
