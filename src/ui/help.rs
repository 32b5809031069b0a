//! 帮助 / Help: the user guide (docs/guide.md, read by [`crate::guide`]) inside the app, so
//! people who open the app, not the repository, can read it. The guide is written in Chinese.

use leptos::prelude::*;

use super::state::AppState;
use crate::guide::{blocks, Block, Span};
use crate::platform;

fn spans_view(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.into_any(),
            Span::Bold(t) => view! { <strong>{t}</strong> }.into_any(),
            Span::Code(t) => view! { <code>{t}</code> }.into_any(),
        })
        .collect_view()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Heading(1, s) => view! { <h2>{spans_view(s)}</h2> }.into_any(),
        Block::Heading(2, s) => view! { <h3>{spans_view(s)}</h3> }.into_any(),
        Block::Heading(_, s) => view! { <h4>{spans_view(s)}</h4> }.into_any(),
        Block::Paragraph(s) => view! { <p>{spans_view(s)}</p> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.into_iter().map(|s| view! { <li>{spans_view(s)}</li> }).collect_view()}</ul>
        }
        .into_any(),
    }
}

#[component]
pub fn HelpView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // the guide is not part of start-up: read when 帮助 opens (platform::guide_text)
    let guide = RwSignal::new(None::<Result<String, String>>);
    leptos::task::spawn_local(async move {
        let text = platform::guide_text().await;
        let _ = guide.try_set(Some(text));
    });
    view! {
        <section class="help" aria-label=state.tr(|t| t.tab_help)>
            <p class="hint">{state.tr(|t| t.help_language_note)}</p>
            {move || match guide.get() {
                None => view! { <p class="hint">{state.tr(|t| t.guide_loading)}</p> }.into_any(),
                Some(Ok(text)) => view! {
                    <article class="guide" lang="zh-CN">
                        {blocks(&text).into_iter().map(block_view).collect_view()}
                    </article>
                }
                .into_any(),
                Some(Err(cause)) => view! {
                    <p role="alert">{move || state.t().guide_unavailable(&cause)}</p>
                }
                .into_any(),
            }}
        </section>
    }
}
