//! The Leptos UI: the app shell (header, notices, file drop, screens). Views read the
//! core's [`crate::ledger::Ledger`] and call [`state::AppState`] actions; no business rules here.

mod bulletin;
mod bulletin_import;
mod checklist;
mod history;
mod info;
mod ledgers;
mod problem;
mod progress;
mod report;
mod rules;
pub mod state;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use state::{AppState, NoticeKind, PendingImport, Screen};

/// Open IndexedDB (read into memory, at most 2 seconds), then mount the app on the body.
pub fn start() {
    console_error_panic_hook::set_once();
    // wasm-bindgen's executor: Leptos' own is set up by mounting
    wasm_bindgen_futures::spawn_local(async {
        crate::platform::idb::open(2000).await;
        leptos::mount::mount_to_body(App);
    });
}

/// True while an input method (拼音, 五笔…) is still composing: text fields commit only the
/// finished characters, on `compositionend`, so pinyin letters never reach the ledger.
fn composing(e: &web_sys::Event) -> bool {
    e.dyn_ref::<web_sys::InputEvent>()
        .is_some_and(|e| e.is_composing())
}

/// Blur the focused field so its `change` handler records what was typed.
fn commit_focused_field() {
    if let Some(element) = document().active_element() {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.blur();
        }
    }
}

/// Read the first file of a file list and hand it to the import.
fn import_files(state: AppState, files: Option<web_sys::FileList>) {
    let Some(file) = files.and_then(|f| f.get(0)) else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move {
        match crate::platform::read_file(file).await {
            Ok(bytes) => state.import_bytes(&name, bytes),
            Err(e) => state.error(e),
        }
    });
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    state.start_offline_support();

    // Save promptly when the page goes away or is hidden; merge what other tabs saved.
    // A short field being typed in commits on `change`, which needs a blur: give it one first.
    let _ = window_event_listener(ev::pagehide, move |_| {
        commit_focused_field();
        state.flush();
    });
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            commit_focused_field();
            state.flush();
        }
    });
    let _ = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        match e.key() {
            // another tab saved to IndexedDB: read it again, then merge as for localStorage
            Some(key) if key == crate::platform::idb::CHANGED_KEY => {
                let ids: Vec<String> = e
                    .new_value()
                    .and_then(|v| v.split(' ').next().map(str::to_string))
                    .map(|ids| ids.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                if let Some(large) = crate::platform::idb::large() {
                    leptos::task::spawn_local(async move {
                        let _ = large.reload().await;
                        for id in ids {
                            state.on_storage_changed(&format!(
                                "{}ledger:{id}",
                                crate::store::PREFIX
                            ));
                        }
                    });
                }
            }
            Some(key) => state.on_storage_changed(&key),
            None => {}
        }
    });

    // Memos, so a view is rebuilt only when what it depends on changes — not on every edit
    // (rebuilding would drop focus, the open editor and the filter).
    let has_ledger = Memo::new(move |_| state.ledger.with(|l| l.is_some()));
    let dragging = RwSignal::new(false);
    let on_drop = move |e: ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        import_files(state, e.data_transfer().and_then(|d| d.files()));
    };

    view! {
        <div
            class="app"
            class:dragging=move || dragging.get()
            on:dragover=move |e: ev::DragEvent| {
                e.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <Header/>
            <Notices/>
            <Reminders/>
            <ImportDecision/>
            <main>
                {move || match (has_ledger.get(), state.screen.get()) {
                    (_, Screen::Ledgers) => view! { <ledgers::LedgersView/> }.into_any(),
                    (_, Screen::BulletinImport) => view! { <bulletin_import::BulletinImportView/> }.into_any(),
                    (false, _) => view! { <ledgers::StartView/> }.into_any(),
                    (true, Screen::Checklist) => view! { <checklist::ChecklistView/> }.into_any(),
                    (true, Screen::Rules) => view! { <rules::RulesView/> }.into_any(),
                    (true, Screen::Bulletin) => view! { <bulletin::BulletinView/> }.into_any(),
                    (true, Screen::Info) => view! { <info::InfoView/> }.into_any(),
                    (true, Screen::History) => view! { <history::HistoryView/> }.into_any(),
                    (true, Screen::Report) => view! { <report::ReportView/> }.into_any(),
                    (true, Screen::Progress) => view! { <progress::ProgressView/> }.into_any(),
                }}
            </main>
            <div class="drop-hint" aria-hidden="true">"松开鼠标以导入台账文件"</div>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tab = move |screen: Screen, label: &'static str| {
        view! {
            <button
                role="tab"
                aria-selected=move || (state.screen.get() == screen).to_string()
                class:active=move || state.screen.get() == screen
                on:click=move |_| state.screen.set(screen)
            >
                {label}
            </button>
        }
    };
    let has_ledger = Memo::new(move |_| state.ledger.with(|l| l.is_some()));
    view! {
        <header class="topbar">
            <h1 class="brand">"整改台账"</h1>
            <label class="switcher">
                "当前台账"
                <select
                    on:change=move |e| {
                        let id = event_target_value(&e);
                        if !id.is_empty() {
                            state.open(&id);
                            state.screen.set(Screen::Checklist);
                        }
                    }
                >
                    <option value="" disabled=true prop:selected=move || state.ledger.with(|l| l.is_none())>"（未打开）"</option>
                    <For
                        each=move || state.ledgers.get()
                        key=|e| (e.id.clone(), e.name.clone())
                        children=move |e| {
                            let id = e.id.clone();
                            let selected = move || state.ledger.with(|l| l.as_ref().is_some_and(|l| l.id == id));
                            view! { <option value=e.id.clone() prop:selected=selected>{e.name.clone()}</option> }
                        }
                    />
                </select>
            </label>
            <nav role="tablist" aria-label="视图">
                <Show when=move || has_ledger.get()>
                    {tab(Screen::Checklist, "台账")}
                    {tab(Screen::Progress, "进度")}
                    {tab(Screen::Rules, "建章立制")}
                    {tab(Screen::Bulletin, "通报")}
                    {tab(Screen::Info, "台账信息")}
                    {tab(Screen::Report, "周报告")}
                    {tab(Screen::History, "修改记录")}
                </Show>
                {tab(Screen::Ledgers, "台账管理")}
            </nav>
            <div class="actions">
                <Show when=move || has_ledger.get()>
                    <button on:click=move |_| state.export() title="下载本台账文件，发给同事合并">"导出"</button>
                </Show>
                <label class="button file-button">
                    "导入"
                    <input
                        type="file"
                        aria-label="导入台账文件"
                        accept=".rectify,application/octet-stream"
                        on:change=move |e| {
                            let input: web_sys::HtmlInputElement = e.target().unwrap().unchecked_into();
                            import_files(state, input.files());
                            input.set_value("");
                        }
                    />
                </label>
                <label class="my-name">
                    "我的名字"
                    <input
                        type="text"
                        placeholder="修改将署此名"
                        class:missing=move || state.my_name.with(|n| n.trim().is_empty())
                        prop:value=move || state.my_name.get()
                        on:change=move |e| state.set_my_name(&event_target_value(&e))
                    />
                </label>
            </div>
        </header>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.save_error.with(|e| e.is_some())>
            <div class="notice error sticky" role="alert">
                <strong>"未保存："</strong>
                {move || state.save_error.get().unwrap_or_default()}
                <button on:click=move |_| state.export()>"立即导出"</button>
            </div>
        </Show>
        {move || {
            state
                .notice
                .get()
                .map(|n| {
                    let (class, role) = match n.kind {
                        NoticeKind::Error => ("notice error", "alert"),
                        NoticeKind::Info => ("notice info", "status"),
                    };
                    view! {
                        <div class=class role=role>
                            <span>{n.text}</span>
                            <button class="close" aria-label="关闭提示" on:click=move |_| state.notice.set(None)>
                                "×"
                            </button>
                        </div>
                    }
                })
        }}
        {move || match state.past.get() {
            Some(date) => view! {
                <div class="notice readonly" role="status">
                    {format!("正在查看 {date} 结束时的台账（只读，按修改记录还原）。")}
                    <button on:click=move |_| state.back_to_present()>"回到当前台账"</button>
                </div>
            }.into_any(),
            None => view! {
                <Show when=move || state.read_only.get()>
                    <div class="notice readonly" role="status">"只读：此台账来自更新版本的 Rectify，不能在此修改。"</div>
                </Show>
            }.into_any(),
        }}
        <Show when=move || state.conflicts.with(|c| !c.is_empty()) && state.past.with(|p| p.is_none()) && state.screen.get() != Screen::History>
            <div class="notice warn-bar" role="status">
                {move || format!("合并后有 {} 处字段出现不同的值，需要选定。", state.conflicts.with(|c| c.len()))}
                <button on:click=move |_| state.screen.set(Screen::History)>"去处理冲突"</button>
            </div>
        </Show>
    }
}

/// Standing reminders, each with its own buttons: a newer version is ready (reload), and
/// the open ledger has changes that exist only in this browser (export).
#[component]
fn Reminders() -> impl IntoView {
    let state = expect_context::<AppState>();
    let reminder = Memo::new(move |_| state.reminder());
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="notice update" role="status" aria-label="新版本">
                <span>"新版本已下载，刷新后生效。"</span>
                <button on:click=move |_| {
                    commit_focused_field();
                    state.flush();
                    crate::platform::reload();
                }>"立即刷新"</button>
            </div>
        </Show>
        <Show when=move || reminder.get().is_some() && state.save_error.with(|e| e.is_none())>
            <div class="notice reminder" role="status" aria-label="导出提醒">
                <span>{move || reminder.get().map(|r| r.message()).unwrap_or_default()}</span>
                <button class="primary" on:click=move |_| state.export()>"导出备份"</button>
                <button on:click=move |_| state.put_off_reminder()>"稍后提醒"</button>
            </div>
        </Show>
    }
}

/// Asks what to do with another ledger's file; never merges silently. Modal: a backdrop
/// blocks the page, the primary button takes focus, Escape cancels.
#[component]
fn ImportDecision() -> impl IntoView {
    let state = expect_context::<AppState>();
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.key() == "Escape" && state.pending_import.with_untracked(|p| p.is_some()) {
            state.cancel_import();
        }
    });
    move || {
        state.pending_import.get().map(|p| {
            let (text, accept) = match p {
                PendingImport::OpenAsNew { name, .. } => (
                    format!("这个文件是另一本台账“{name}”，不是当前台账，不会合并进当前台账。要把它作为一本新台账打开吗？"),
                    "作为新台账打开".to_string(),
                ),
                PendingImport::MergeIntoOther { name, .. } => (
                    format!("这个文件属于本机已有的另一本台账“{name}”，不是当前台账。要切换到“{name}”并合并这个文件吗？"),
                    format!("切换到“{name}”并合并"),
                ),
            };
            let primary = NodeRef::<leptos::html::Button>::new();
            Effect::new(move |_| {
                if let Some(button) = primary.get() {
                    let _ = button.focus();
                }
            });
            view! {
                <div class="backdrop" on:click=move |_| state.cancel_import()></div>
                <div class="dialog" role="dialog" aria-modal="true" aria-label="导入另一本台账">
                    <p>{text}</p>
                    <button class="primary" node_ref=primary on:click=move |_| state.accept_import()>{accept}</button>
                    <button on:click=move |_| state.cancel_import()>"取消"</button>
                </div>
            }
        })
    }
}
