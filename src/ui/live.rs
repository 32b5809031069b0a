//! 联网同步 in 台账管理: the open ledger's sync server (connect, disconnect), the connection's
//! state and last sync, the share link with its warning, and joining a ledger by a link.

use leptos::prelude::*;

use super::state::AppState;
use rectify_core::live::{ShareLink, SyncState};

/// A time (ms since the epoch) in the browser's time zone, to the second.
fn clock(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// This page's address without its hash: the share link is it plus the link's hash.
fn page_address() -> String {
    window()
        .location()
        .href()
        .ok()
        .and_then(|h| h.split('#').next().map(str::to_string))
        .unwrap_or_default()
}

/// The open ledger's state and share link, or the form to connect it.
#[component]
fn Connection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let live = state.doc.live;
    let server = RwSignal::new(String::from("ws://"));
    let status_line = move || {
        live.status.with(|s| {
            s.as_ref().map(|s| {
                let t = state.t();
                let mut line = t.live_state(&s.state, s.joining);
                if let Some(at) = s.last_sync {
                    line.push_str(" · ");
                    line.push_str(&t.live_last_sync(&clock(at)));
                }
                line
            })
        })
    };
    let failed = move || {
        live.status
            .with(|s| matches!(s.as_ref().map(|s| &s.state), Some(SyncState::Failed(_))))
    };
    let link = move || {
        state.doc.ledger.track();
        live.status.track();
        live.share_link(state.doc)
    };
    view! {
        <Show
            when=move || live.status.with(Option::is_some)
            fallback=move || view! {
                <form
                    class="inline-form"
                    on:submit=move |e| {
                        e.prevent_default();
                        live.connect(state.doc, &server.get_untracked());
                    }
                >
                    <label>
                        {state.tr(|t| t.live_server())}
                        <input
                            type="url"
                            placeholder="ws://192.168.1.10:3030"
                            prop:value=move || server.get()
                            on:input=move |e| server.set(event_target_value(&e))
                        />
                    </label>
                    <button type="submit" class="primary">{state.tr(|t| t.live_connect())}</button>
                </form>
            }
        >
            <p class="live-state" role="status" class:error=failed>{status_line}</p>
            <p>
                {move || live.status.with(|s| s.as_ref().map(|s| s.server.clone()))}
                " "
                <button on:click=move |_| live.disconnect(state.doc)>{state.tr(|t| t.live_disconnect())}</button>
            </p>
            {move || link().map(|link| view! {
                <label class="live-link">
                    {state.tr(|t| t.live_share_link())}
                    <input type="text" readonly prop:value=format!("{}{}", page_address(), link.hash())/>
                </label>
                <p class="hint">{link.automerge_url()}</p>
                <p class="hint warning">{state.tr(|t| t.live_capability())}</p>
            })}
        </Show>
    }
}

/// 通过链接加入: paste a share link.
#[component]
fn JoinForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    view! {
        <form
            class="inline-form"
            on:submit=move |e| {
                e.prevent_default();
                let pasted = text.get_untracked();
                match ShareLink::parse(&pasted) {
                    Some(link) if !link.server.is_empty() => {
                        state.doc.live.join(state.doc, &link, &link.server);
                        text.set(String::new());
                    }
                    _ => state.notices.error(state.tu().live_bad_link().to_string()),
                }
            }
        >
            <label>
                {state.tr(|t| t.live_join_label())}
                <input
                    type="text"
                    placeholder="…#/sync?server=…&doc=automerge:…"
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                />
            </label>
            <button type="submit">{state.tr(|t| t.live_join())}</button>
        </form>
    }
}

#[component]
pub fn LivePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="live card" aria-labelledby="live-heading">
            <h3 id="live-heading">{state.tr(|t| t.live_heading())}</h3>
            <p class="hint">{state.tr(|t| t.live_intro())}</p>
            <Show when=move || state.doc.ledger.with(Option::is_some)>
                <Connection/>
            </Show>
            <JoinForm/>
        </section>
    }
}
