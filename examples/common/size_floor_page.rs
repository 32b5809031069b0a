//! The page both size-floor examples draw (`size_floor.rs`, `size_floor_leptos.rs`), so that
//! they differ only in where the list is kept: an input, a button and the list, in Leptos.

use leptos::prelude::*;

/// Mount the list of `problems`; 添加 hands the input's text to `add`.
pub fn mount(problems: RwSignal<Vec<String>>, add: impl Fn(String) + Copy + 'static) {
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
