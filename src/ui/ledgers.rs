//! The start screen (new / example / import) and 台账管理: list, open, rename and
//! delete (with confirmation) the ledgers kept in this browser.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use super::xlsx_import::XlsxPicker;
use crate::i18n::size_label;
use crate::platform;
use rectify_core::store::Place;

/// A form to name and create a new ledger.
#[component]
fn NewLedgerForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    view! {
        <form
            class="inline-form"
            on:submit=move |e| {
                e.prevent_default();
                state.library.create(state.doc, &name.get_untracked());
                name.set(String::new());
            }
        >
            <label>
                {state.tr(|t| t.new_ledger_name)}
                <input
                    type="text"
                    placeholder={state.tr(|t| t.new_ledger_placeholder)}
                    prop:value=move || name.get()
                    on:input=move |e| name.set(event_target_value(&e))
                />
            </label>
            <button type="submit" class="primary">{state.tr(|t| t.create_ledger)}</button>
        </form>
    }
}

#[component]
pub fn StartView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="start">
            <h2>{state.tr(|t| t.start_heading)}</h2>
            <p class="lead">
                {state.tr(|t| t.start_intro)}
            </p>
            <div class="start-cards">
                <div class="card">
                    <h3>{state.tr(|t| t.start_empty)}</h3>
                    <NewLedgerForm/>
                </div>
                <div class="card">
                    <h3>{state.tr(|t| t.start_example)}</h3>
                    <p>{state.tr(|t| t.start_example_text)}</p>
                    <button class="primary" on:click=move |_| state.library.open_example(state.doc)>{state.tr(|t| t.open_example)}</button>
                </div>
                <div class="card">
                    <h3>{state.tr(|t| t.start_bulletin)}</h3>
                    <p>{state.tr(|t| t.start_bulletin_text)}</p>
                    <button on:click=move |_| state.screen.set(Screen::BulletinImport)>{state.tr(|t| t.import_bulletin)}</button>
                </div>
                <div class="card">
                    <h3>{state.tr(|t| t.start_excel)}</h3>
                    <p>{state.tr(|t| t.start_excel_text)}</p>
                    <XlsxPicker label=|t| t.import_excel/>
                </div>
                <div class="card">
                    <h3>{state.tr(|t| t.start_file)}</h3>
                    <p>{state.tr(|t| t.start_file_text)}</p>
                </div>
                <div class="card">
                    <h3>{state.tr(|t| t.tab_rounds)}</h3>
                    <p>{state.tr(|t| t.rounds_intro)}</p>
                    <button on:click=move |_| state.screen.set(Screen::Rounds)>{state.tr(|t| t.open_rounds)}</button>
                </div>
            </div>
            <Show when=move || state.library.ledgers.with(|l| !l.is_empty())>
                <p>
                    <button on:click=move |_| state.screen.set(Screen::Ledgers)>{state.tr(|t| t.show_ledgers)}</button>
                </p>
            </Show>
        </section>
    }
}

/// Where a ledger's copy lives, as 台账管理 says it.
fn place_label(place: Place) -> &'static str {
    match place {
        Place::Local => "localStorage",
        Place::Large => "IndexedDB",
    }
}

fn time_label(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| {
            let offset = chrono::FixedOffset::west_opt(
                (js_sys::Date::new_0().get_timezone_offset() * 60.0) as i32,
            )
            .unwrap_or(chrono::FixedOffset::east_opt(0).unwrap());
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// Where this page keeps its data, whether the browser promised to keep it, and how much of
/// the open ledger is not exported yet.
#[component]
fn StorageInfo() -> impl IntoView {
    let state = expect_context::<AppState>();
    let file_page = platform::is_file_page();
    let place = move || {
        if file_page {
            state.t().storage_file_page
        } else {
            state.t().storage_hosted
        }
    };
    let persisted = move || match state.library.persisted.get() {
        Some(true) => state.t().storage_persisted,
        Some(false) => state.t().storage_not_persisted,
        None => "",
    };
    let estimate = RwSignal::new(None::<(f64, f64)>);
    leptos::task::spawn_local(async move {
        estimate.set(platform::storage_estimate().await);
    });
    let usage = move || {
        state.library.ledgers.track();
        state
            .t()
            .storage_usage(&state.library.usage(), estimate.get())
    };
    let backup = move || {
        state
            .doc
            .ledger
            .with(|l| l.as_ref().map(|l| l.meta.name.clone()))
            .map(|name| {
                let status = state.doc.backup.get();
                let when = status
                    .exported_at
                    .map(|t| state.t().last_exported(&time_label(t)))
                    .unwrap_or_else(|| state.t().never_exported.to_string());
                state.t().backup_line(
                    &name,
                    &when,
                    status.changes_since_export,
                    rectify_core::backup::EXPORT_REMINDER_AFTER,
                )
            })
    };
    view! {
        <div class="storage-info" role="note" aria-label={state.tr(|t| t.storage_info)}>
            <p>{place}</p>
            <p>{persisted}</p>
            <p class="storage-usage">{usage}</p>
            <p>{backup}</p>
        </div>
    }
}

#[component]
pub fn LedgersView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let renaming = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    view! {
        <section class="ledgers">
            <h2>{state.tr(|t| t.tab_ledgers)}</h2>
            <p class="hint">
                {state.tr(|t| t.ledgers_intro)}
            </p>
            <StorageInfo/>
            <super::live::LivePanel/>
            <p><button on:click=move |_| state.screen.set(Screen::Rounds)>{state.tr(|t| t.open_rounds)}</button></p>
            <table class="ledger-table">
                <thead>
                    <tr>
                        <th>{state.tr(|t| t.ledger_name)}</th>
                        <th>{state.tr(|t| t.last_saved)}</th>
                        <th>{state.tr(|t| t.size)}</th>
                        <th>{state.tr(|t| t.storage_place)}</th>
                        <th>{state.tr(|t| t.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || state.library.ledgers.get()
                        key=|e| (e.id.clone(), e.name.clone(), e.updated_at, e.size, e.place)
                        children=move |e| {
                            let id = e.id.clone();
                            let id_open = id.clone();
                            let id_rename = id.clone();
                            let id_save = id.clone();
                            let id_delete = id.clone();
                            let id_rescue = id.clone();
                            let id_is_current = id.clone();
                            let name = e.name.clone();
                            let name_delete = e.name.clone();
                            let is_renaming = move || renaming.get().as_deref() == Some(id.as_str());
                            view! {
                                <tr class:current=move || state.doc.ledger.with(|l| l.as_ref().is_some_and(|l| l.id == id_is_current))>
                                    <td>
                                        <Show
                                            when=is_renaming.clone()
                                            fallback={
                                                let name = name.clone();
                                                move || view! { <span class="ledger-name">{state.t().ledger_name(&name)}</span> }
                                            }
                                        >
                                            <input
                                                type="text"
                                                aria-label={state.tr(|t| t.new_name)}
                                                prop:value=move || new_name.get()
                                                on:input=move |e| new_name.set(event_target_value(&e))
                                            />
                                            <button on:click={
                                                let id = id_save.clone();
                                                move |_| {
                                                    state.library.rename(state.doc, &id, &new_name.get_untracked());
                                                    renaming.set(None);
                                                }
                                            }>{state.tr(|t| t.save_name)}</button>
                                        </Show>
                                    </td>
                                    <td>{time_label(e.updated_at)}</td>
                                    <td>{size_label(e.size)}</td>
                                    <td>{place_label(e.place)}</td>
                                    <td class="row-actions">
                                        <button aria-label={ let n = e.name.clone(); move || state.t().open_ledger(&n) } on:click=move |_| {
                                            state.library.open(state.doc, &id_open);
                                            state.screen.set(Screen::Checklist);
                                        }>{state.tr(|t| t.open)}</button>
                                        <button aria-label={ let n = e.name.clone(); move || state.t().rename_ledger_named(&n) } on:click={
                                            let name = e.name.clone();
                                            move |_| {
                                                new_name.set(name.clone());
                                                renaming.set(Some(id_rename.clone()));
                                            }
                                        }>{state.tr(|t| t.rename_ledger)}</button>
                                        <button class="danger" aria-label={ let n = e.name.clone(); move || state.t().delete_ledger_named(&n) } on:click=move |_| {
                                            if platform::confirm(&state.tu().confirm_delete_ledger(&name_delete)) {
                                                state.library.delete(state.doc, &id_delete);
                                            }
                                        }>{state.tr(|t| t.delete)}</button>
                                        <button class="link" aria-label={ let n = e.name.clone(); move || state.t().download_raw_named(&n) } title={state.tr(|t| t.download_raw_title)} on:click=move |_| state.library.rescue(&id_rescue)>{state.tr(|t| t.download_raw)}</button>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || state.library.ledgers.with(|l| l.is_empty())>
                <p>{state.tr(|t| t.no_ledgers)}</p>
            </Show>
            <div class="card">
                <h3>{state.tr(|t| t.create_ledger)}</h3>
                <NewLedgerForm/>
                <button on:click=move |_| state.library.open_example(state.doc)>{state.tr(|t| t.open_example)}</button>
                <button on:click=move |_| state.screen.set(Screen::BulletinImport)>{state.tr(|t| t.import_bulletin)}</button>
            </div>
            <div class="card">
                <h3>{state.tr(|t| t.excel_card)}</h3>
                <p class="hint">
                    {state.tr(|t| t.excel_card_export)}
                    {state.tr(|t| t.excel_card_import)}
                </p>
                <div class="excel-actions">
                    <button
                        disabled=move || state.doc.ledger.with(|l| l.is_none())
                        on:click=move |_| state.office.export_xlsx()
                    >{state.tr(|t| t.export_excel)}</button>
                    <XlsxPicker label=|t| t.import_excel/>
                </div>
            </div>
        </section>
    }
}
