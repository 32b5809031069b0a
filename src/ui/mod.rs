//! The Leptos UI: the app shell (header, notices, file drop, screens). Views read the
//! core's [`rectify_core::ledger::Ledger`] and call [`state::AppState`] actions; no business rules here.

mod bulletin;
mod bulletin_import;
mod checklist;
mod help;
mod history;
mod info;
mod ledgers;
mod live;
mod problem;
mod progress;
mod report;
mod round_unit;
mod rounds;
mod routing;
mod rules;
pub mod state;
mod xlsx_import;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Texts};
use state::{AppState, NoticeAction, NoticeKind, PendingImport, Screen};

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

/// Read the first of `files` (a picker's or a drop's) and hand its name and bytes, or why it
/// could not be read, to `then`; nothing happens when there is no file. The file is taken at
/// once, so a picker may be cleared right after (to let the same file be picked again).
pub(crate) fn read_first_file(
    files: Option<web_sys::FileList>,
    then: impl FnOnce(String, Result<Vec<u8>, crate::platform::Refusal>) + 'static,
) {
    let Some(file) = files.and_then(|f| f.get(0)) else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move { then(name, crate::platform::read_file(file).await) });
}

/// Read the first file of a file list and hand it to the import.
fn import_files(state: AppState, files: Option<web_sys::FileList>) {
    read_first_file(files, move |name, read| match read {
        Ok(bytes) => state.imports.import_bytes(&name, bytes),
        Err(e) => state.notices.error(state.tu().refusal(e)),
    });
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    state.start_offline_support();
    routing::start(state);
    // <html lang> and the page title follow the chosen language (screen readers, fonts).
    Effect::new(move |_| {
        let lang = state.prefs.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.html_lang());
        }
        document().set_title(lang.texts().page_title);
    });

    // Save promptly when the page goes away or is hidden; merge what other tabs saved.
    // A short field being typed in commits on `change`, which needs a blur: give it one first.
    let _ = window_event_listener(ev::pagehide, move |_| {
        commit_focused_field();
        state.doc.flush();
    });
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            commit_focused_field();
            state.doc.flush();
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
                            state.doc.on_storage_changed(&format!(
                                "{}ledger:{id}",
                                rectify_core::store::PREFIX
                            ));
                        }
                    });
                }
            }
            Some(key) => state.doc.on_storage_changed(&key),
            None => {}
        }
    });

    // Memos, so a view is rebuilt only when what it depends on changes — not on every edit
    // (rebuilding would drop focus, the open editor and the filter).
    let has_ledger = Memo::new(move |_| state.doc.ledger.with(|l| l.is_some()));
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
            on:dragenter=move |_| crate::platform::worker::warm()
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
                    (_, Screen::XlsxImport) => view! { <xlsx_import::XlsxImportView/> }.into_any(),
                    (_, Screen::Help) => view! { <help::HelpView/> }.into_any(),
                    (_, Screen::Rounds) => view! { <rounds::RoundsView/> }.into_any(),
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
            <div class="drop-hint" aria-hidden="true">{state.tr(|t| t.drop_hint)}</div>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tab = move |screen: Screen, label: fn(&Texts) -> &'static str| {
        view! {
            <button
                role="tab"
                aria-selected=move || (state.screen.get() == screen).to_string()
                class:active=move || state.screen.get() == screen
                on:click=move |_| state.screen.set(screen)
            >
                {state.tr(label)}
            </button>
        }
    };
    let has_ledger = Memo::new(move |_| state.doc.ledger.with(|l| l.is_some()));
    view! {
        <header class="topbar">
            <h1 class="brand">{state.tr(|t| t.brand)}</h1>
            <label class="switcher">
                {state.tr(|t| t.current_ledger)}
                <select
                    on:change=move |e| {
                        let id = event_target_value(&e);
                        if !id.is_empty() {
                            state.library.open(state.doc, &id);
                            state.screen.set(Screen::Checklist);
                        }
                    }
                >
                    <option value="" disabled=true prop:selected=move || state.doc.ledger.with(|l| l.is_none())>{state.tr(|t| t.none_open)}</option>
                    <For
                        each=move || state.library.ledgers.get()
                        key=|e| (e.id.clone(), e.name.clone())
                        children=move |e| {
                            let id = e.id.clone();
                            let selected = move || state.doc.ledger.with(|l| l.as_ref().is_some_and(|l| l.id == id));
                            // (an option cannot isolate its text: a name's direction controls are dropped)
                            let name = rectify_core::ledger::without_bidi_controls(&e.name);
                            view! { <option value=e.id.clone() prop:selected=selected>{name}</option> }
                        }
                    />
                </select>
            </label>
            <nav role="tablist" aria-label={state.tr(|t| t.views)}>
                <Show when=move || has_ledger.get()>
                    {tab(Screen::Checklist, |t| t.tab_checklist)}
                    {tab(Screen::Progress, |t| t.tab_progress)}
                    {tab(Screen::Rules, |t| t.tab_rules)}
                    {tab(Screen::Bulletin, |t| t.tab_bulletin)}
                    {tab(Screen::Info, |t| t.tab_info)}
                    {tab(Screen::Report, |t| t.tab_report)}
                    {tab(Screen::History, |t| t.tab_history)}
                </Show>
                {tab(Screen::Ledgers, |t| t.tab_ledgers)}
                {tab(Screen::Help, |t| t.tab_help)}
            </nav>
            <div class="actions">
                <Show when=move || has_ledger.get()>
                    <button on:click=move |_| state.doc.export() title={state.tr(|t| t.export_title)}>{state.tr(|t| t.export)}</button>
                </Show>
                <label class="button file-button">
                    {state.tr(|t| t.import)}
                    <input
                        type="file"
                        aria-label={state.tr(|t| t.import_file)}
                        accept=".rectify,application/octet-stream"
                        // the picker opens: the file will be checked in the Web Worker
                        on:click=move |_| crate::platform::worker::warm()
                        on:change=move |e| {
                            let input: web_sys::HtmlInputElement = e.target().unwrap().unchecked_into();
                            import_files(state, input.files());
                            input.set_value("");
                        }
                    />
                </label>
                <label class="my-name">
                    {state.tr(|t| t.my_name)}
                    <input
                        type="text"
                        placeholder={state.tr(|t| t.my_name_placeholder)}
                        class:missing=move || state.prefs.my_name.with(|n| n.trim().is_empty())
                        prop:value=move || state.prefs.my_name.get()
                        on:change=move |e| {
                            let name = state.prefs.set_my_name(&event_target_value(&e));
                            state.doc.set_author(&name);
                        }
                    />
                </label>
                <LanguageSwitch/>
            </div>
        </header>
    }
}

/// 中文 | English: two toggle buttons, each naming its language in that language. The
/// choice is kept in this browser, never in a ledger.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="lang-switch" role="group" aria-label={state.tr(|t| t.language)}>
            {Lang::ALL
                .iter()
                .map(|&lang| {
                    view! {
                        <button
                            class="small"
                            lang=lang.html_lang()
                            aria-pressed=move || (state.prefs.lang.get() == lang).to_string()
                            class:active=move || state.prefs.lang.get() == lang
                            on:click=move |_| state.prefs.set_lang(lang)
                        >
                            {lang.name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.doc.loading.get()>
            <p class="notice info loading" aria-live="polite">{state.tr(|t| t.loading_document)}</p>
        </Show>
        <Show when=move || state.notices.save_error.with(|e| e.is_some())>
            <div class="notice error sticky" role="alert">
                <strong>{state.tr(|t| t.unsaved)}</strong>
                {move || state.notices.save_error.get().unwrap_or_default()}
                <button on:click=move |_| state.doc.export()>{state.tr(|t| t.export_now)}</button>
            </div>
        </Show>
        {move || {
            state
                .notices
                .notice
                .get()
                .map(|n| {
                    let (class, role) = match n.kind {
                        NoticeKind::Error => ("notice error", "alert"),
                        NoticeKind::Info => ("notice info", "status"),
                    };
                    let action = n.action.map(|a| match a {
                        NoticeAction::ShowTrash => view! {
                            <button class="small" on:click=move |_| {
                                state.screen.set(Screen::Checklist);
                                state.trash_open.set(true);
                            }>{state.tr(|t| t.show_trash)}</button>
                        },
                    });
                    view! {
                        <div class=class role=role>
                            <span>{n.text}</span>
                            {action}
                            <button class="close" aria-label={state.tr(|t| t.close_notice)} on:click=move |_| state.notices.notice.set(None)>
                                "×"
                            </button>
                        </div>
                    }
                })
        }}
        {move || match state.doc.past.get() {
            Some(date) => view! {
                <div class="notice readonly" role="status">
                    {move || state.t().viewing_past(&date.to_string())}
                    <button on:click=move |_| state.doc.back_to_present()>{state.tr(|t| t.back_to_present)}</button>
                </div>
            }.into_any(),
            None => view! {
                <Show when=move || state.doc.read_only.get() && state.doc.damage.with(Option::is_none)>
                    <div class="notice readonly" role="status">{state.tr(|t| t.read_only_newer)}</div>
                </Show>
                {move || state.doc.damage.get().map(|e| {
                    let name = state.doc.ledger.with(|l| l.as_ref().map(|l| l.display_name())).unwrap_or_default();
                    view! {
                        <div class="notice error sticky" role="alert">
                            <span>{state.t().damaged_banner(&name, &e)}</span>
                            <button class="primary" on:click=move |_| state.doc.export_rescued()>{state.tr(|t| t.export_rescued)}</button>
                            <button on:click=move |_| state.office.export_xlsx()>{state.tr(|t| t.export_rescued_excel)}</button>
                        </div>
                    }
                })}
            }.into_any(),
        }}
        <Show when=move || state.doc.conflicts.with(|c| !c.is_empty()) && state.doc.past.with(|p| p.is_none()) && state.screen.get() != Screen::History>
            <div class="notice warn-bar" role="status">
                {move || state.t().conflicts_after_merge(state.doc.conflicts.with(|c| c.len()))}
                <button on:click=move |_| state.screen.set(Screen::History)>{state.tr(|t| t.resolve_conflicts)}</button>
            </div>
        </Show>
    }
}

/// Standing reminders, each with its own buttons: a newer version is ready (reload), and
/// the open ledger has changes that exist only in this browser (export).
#[component]
fn Reminders() -> impl IntoView {
    let state = expect_context::<AppState>();
    let reminder = Memo::new(move |_| state.doc.reminder());
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="notice update" role="status" aria-label={state.tr(|t| t.new_version)}>
                <span>{state.tr(|t| t.new_version_ready)}</span>
                <button on:click=move |_| {
                    commit_focused_field();
                    state.doc.flush();
                    crate::platform::reload();
                }>{state.tr(|t| t.reload_now)}</button>
            </div>
        </Show>
        <Show when=move || reminder.get().is_some() && state.notices.save_error.with(|e| e.is_none())>
            <div class="notice reminder" role="status" aria-label={state.tr(|t| t.export_reminder)}>
                <span>{move || reminder.get().map(|r| state.t().reminder(&r)).unwrap_or_default()}</span>
                <button class="primary" on:click=move |_| state.doc.export()>{state.tr(|t| t.export_backup)}</button>
                <button on:click=move |_| state.doc.put_off_reminder()>{state.tr(|t| t.remind_later)}</button>
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
        if e.key() == "Escape" && state.imports.pending.with_untracked(|p| p.is_some()) {
            state.imports.cancel();
        }
    });
    move || {
        state.imports.pending.get().map(|p| {
            let t = state.t();
            let (text, accept) = match p {
                PendingImport::OpenAsNew { name, .. } => (
                    t.ask_open_as_new(&name),
                    t.open_as_new.to_string(),
                ),
                PendingImport::MergeIntoOther { name, .. } => (
                    t.ask_merge_into_other(&name),
                    t.switch_and_merge(&name),
                ),
                PendingImport::OpenNewer { name, schema } => (
                    t.ask_open_newer(&name, schema),
                    t.open_read_only.to_string(),
                ),
            };
            let primary = NodeRef::<leptos::html::Button>::new();
            Effect::new(move |_| {
                if let Some(button) = primary.get() {
                    let _ = button.focus();
                }
            });
            view! {
                <div class="backdrop" on:click=move |_| state.imports.cancel()></div>
                <div class="dialog" role="dialog" aria-modal="true" aria-label=t.import_other_ledger>
                    <p>{text}</p>
                    <button class="primary" node_ref=primary on:click=move |_| state.imports.accept()>{accept}</button>
                    <button on:click=move |_| state.imports.cancel()>{t.cancel}</button>
                </div>
            }
        })
    }
}
