//! The Leptos part of the size floor (`scripts/size-floor.sh`): `size_floor.rs` without
//! Automerge, the list kept in localStorage as JSON. The difference between the two is what
//! Automerge adds to a page. Nothing to run natively.

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
    leptos::mount::mount_to_body(move || {
        let text = RwSignal::new(String::new());
        view! {
            <input aria-label="问题" bind:value=text/>
            <button on:click=move |_| add(text.get_untracked())>"添加"</button>
            <ol>
                <For each=move || problems.get().into_iter().enumerate() key=|(i, _)| *i let:item>
                    <li>{item.1}</li>
                </For>
            </ol>
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
