//! The size floor of this stack, for `scripts/size-floor.sh` (BENCHMARKS.md, "Size"): the
//! smallest page that does what Rectify's page must — Leptos (csr) draws a list from a signal
//! and edits it, and an Automerge document is loaded from and saved to localStorage — built as
//! the page is (release, wasm-bindgen, wasm-opt -Oz), so the app's size can be told apart from
//! what Leptos and Automerge cost before any of the app's code. Nothing to run natively.

#[cfg(target_arch = "wasm32")]
#[path = "common/size_floor_page.rs"]
mod page;

#[cfg(target_arch = "wasm32")]
fn main() {
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ObjType, ReadDoc, ROOT};
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use gloo_storage::{LocalStorage, Storage};
    use leptos::prelude::*;

    const KEY: &str = "rectify-size-floor:doc";
    let mut doc = LocalStorage::get::<String>(KEY)
        .ok()
        .and_then(|s| STANDARD.decode(s).ok())
        .and_then(|bytes| AutoCommit::load(&bytes).ok())
        .unwrap_or_default();
    let list = match doc.get(ROOT, "problems") {
        Ok(Some((_, id))) => id,
        _ => doc
            .put_object(ROOT, "problems", ObjType::List)
            .expect("a new list"),
    };
    fn read(doc: &AutoCommit, list: &automerge::ObjId) -> Vec<String> {
        (0..doc.length(list))
            .filter_map(|i| doc.get(list, i).ok().flatten())
            .map(|(value, _)| value.to_string())
            .collect()
    }
    let problems = RwSignal::new(read(&doc, &list));
    let doc = StoredValue::new_local((doc, list));
    let add = move |text: String| {
        doc.update_value(|(doc, list)| {
            let at = doc.length(&*list);
            doc.insert(&*list, at, text).expect("inserts");
            let _ = LocalStorage::set(KEY, STANDARD.encode(doc.save()));
            problems.set(read(doc, list));
        });
    };
    page::mount(problems, add);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
