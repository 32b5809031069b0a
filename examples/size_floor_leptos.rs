//! The Leptos part of the size floor (`scripts/size-floor.sh`): `size_floor.rs` without
//! Automerge, the list kept in localStorage as JSON. The difference between the two is what
//! Automerge adds to a page. Nothing to run natively.

#[cfg(target_arch = "wasm32")]
#[path = "common/size_floor_page.rs"]
mod page;

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_storage::{LocalStorage, Storage};
    use leptos::prelude::*;

    const KEY: &str = "rectify-size-floor:list";
    let problems = RwSignal::new(LocalStorage::get::<Vec<String>>(KEY).unwrap_or_default());
    let add = move |text: String| {
        problems.update(|p| p.push(text));
        let _ = LocalStorage::set(KEY, problems.get_untracked());
    };
    page::mount(problems, add);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
