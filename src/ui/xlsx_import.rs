//! 从 Excel 导入 — the preview of a read workbook: which column fills which field, the rows
//! that could not be read and why, the problems found; then 创建新台账 or 添加到当前台账.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::i18n::Texts;
use rectify_core::import::xlsx::XlsxImport;
use rectify_core::ledger::format_date;

/// A file picker labelled `label` that reads a workbook into the preview.
#[component]
pub fn XlsxPicker(label: fn(&Texts) -> &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_file = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        super::read_first_file(input.files(), move |name, read| match read {
            Ok(bytes) => state.office.read_xlsx(&name, &bytes),
            Err(e) => state
                .notices
                .error(state.tu().not_imported(&name, state.tu().refusal(e))),
        });
        input.set_value("");
    };
    view! {
        <label class="button file-button">
            {state.tr(label)}
            <input
                type="file"
                aria-label=state.tr(label)
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                // the picker opens: the workbook will be read in the Web Worker
                on:click=move |_| crate::platform::worker::warm()
                on:change=on_file
            />
        </label>
    }
}

#[component]
pub fn XlsxImportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let back = move || {
        state.office.xlsx_import.set(None);
        let has = state.doc.ledger.with_untracked(|l| l.is_some());
        state.screen.set(if has {
            Screen::Checklist
        } else {
            Screen::Ledgers
        });
    };
    view! {
        <section class="xlsx-import">
            <h2>{state.tr(|t| t.import_excel)}</h2>
            {move || match state.office.xlsx_import.get() {
                None => view! {
                    <p>{state.tr(|t| t.pick_excel_prompt)}</p>
                    <div class="excel-actions">
                        <XlsxPicker label=|t| t.pick_excel/>
                        <button on:click=move |_| back()>{state.tr(|t| t.back)}</button>
                    </div>
                }.into_any(),
                Some((file_name, import)) => view! {
                    <Preview file_name=Some(file_name) import=import on_cancel=Callback::new(move |_| back())/>
                }.into_any(),
            }}
        </section>
    }
}

/// The preview of a workbook read, or of a table read in 从通报导入 (from a file `file_name`,
/// or pasted: None): columns, rows not read, problems; then create or add.
#[component]
pub(super) fn Preview(
    file_name: Option<String>,
    import: XlsxImport,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // a table in a text has no sheet: its lead says so
    let is_table = import.report.sheet.is_empty();
    let lead = {
        let (file_name, report) = (file_name.clone(), import.report.clone());
        move || match (&file_name, is_table) {
            (Some(f), false) => state
                .t()
                .excel_preview_lead(f, &report.sheet, report.header_row),
            (f, _) => state
                .t()
                .table_preview_lead(f.as_deref(), report.header_row),
        }
    };
    let source = move || {
        file_name
            .clone()
            .unwrap_or_else(|| state.t().pasted_table.to_string())
    };
    let source_add = source.clone();
    let for_create = import.clone();
    let for_add = import.clone();
    let report = import.report.clone();
    let ledger = import.ledger.clone();
    let name = RwSignal::new(ledger.meta.name.clone());
    let has_problems = report.problems > 0;
    let can_add = move || {
        has_problems
            && state.doc.ledger.with(|l| l.is_some())
            && !state.doc.read_only.get()
            && state.doc.past.with(|p| p.is_none())
    };
    let current_name = move || {
        state
            .doc
            .ledger
            .with(|l| l.as_ref().map(|l| l.display_name()))
            .unwrap_or_default()
    };
    let columns = report.columns.clone();
    let skipped = report.skipped.clone();
    let skipped_count = skipped.len();
    let counts = (
        report.categories,
        report.problems,
        report.rules,
        report.rule_candidates,
    );
    let notes = report.notes.clone();
    let rows: Vec<(
        usize,
        String,
        String,
        String,
        String,
        rectify_core::ledger::Status,
    )> = ledger
        .problems
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                i + 1,
                ledger
                    .category(&p.category_id)
                    .map(|c| c.title.clone())
                    .unwrap_or_default(),
                p.description.clone(),
                p.departments.join("、"),
                format_date(p.deadline),
                p.status.clone(),
            )
        })
        .collect();
    view! {
        <p class="lead">{lead}</p>
        <div class="recognised" role="status" aria-label=state.tr(|t| t.recognised)>
            <p>
                <strong>{state.tr(|t| t.can_import)}</strong>
                {move || state.t().excel_counts(counts.0, counts.1, counts.2, counts.3)}
            </p>
        </div>
        <h3>{state.tr(|t| t.column_mapping)}</h3>
        <table class="xlsx-columns" aria-label=state.tr(|t| t.column_mapping)>
            <thead><tr><th>{state.tr(|t| t.column)}</th><th>{state.tr(|t| t.column_header)}</th><th>{state.tr(|t| t.imported_as)}</th></tr></thead>
            <tbody>
                {columns.into_iter().map(|c| {
                    let note = c.note.clone();
                    let target = move || state.t().column_target(c.field, note.as_ref());
                    view! { <tr class:unused=c.field.is_none()><td>{c.column}</td><td>{c.header}</td><td>{target}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        {if skipped.is_empty() {
            view! { <p class="hint">{state.tr(|t| t.every_row_read)}</p> }.into_any()
        } else {
            view! {
                <div class="notice error skipped" role="alert" aria-label=state.tr(|t| t.rows_not_read)>
                    <p>{move || state.t().rows_skipped(skipped_count)}</p>
                    <ul>{skipped.into_iter().map(|s| view! { <li>{move || state.t().skipped_row(&s)}</li> }).collect_view()}</ul>
                </div>
            }.into_any()
        }}
        {(!notes.is_empty()).then(|| view! {
            <div class="warnings" aria-label=state.tr(|t| t.please_check)>
                <p>{state.tr(|t| t.inferred_rows)}</p>
                <ul>{notes.into_iter().map(|n| view! { <li>{move || state.t().xlsx_note(&n)}</li> }).collect_view()}</ul>
            </div>
        })}
        <h3>{state.tr(|t| t.problems_to_import)}</h3>
        <table class="xlsx-problems" aria-label=state.tr(|t| t.problems_to_import)>
            <thead><tr><th>{state.tr(|t| t.serial_column)}</th><th>{state.tr(|t| t.column_category)}</th><th>{state.tr(|t| t.column_description)}</th><th>{state.tr(|t| t.departments)}</th><th>{state.tr(|t| t.column_deadline)}</th><th>{state.tr(|t| t.status)}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(n, c, d, dep, dl, st)| view! {
                    <tr><td>{n}</td><td>{c}</td><td>{d}</td><td>{dep}</td><td>{dl}</td><td>{move || state.t().status(&st)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <div class="excel-actions">
            <label>
                {state.tr(|t| t.new_ledger_name)}
                <input type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
            </label>
            <button class="primary" disabled=move || !has_problems || state.office.creating.get() on:click=move |_| state.office.create_from_xlsx(&source(), for_create.clone(), &name.get_untracked())>
                {state.tr(|t| t.create_new_ledger)}
            </button>
            <button disabled=move || !can_add() || state.office.creating.get() title=move || state.t().add_to(&current_name()) on:click=move |_| state.office.add_xlsx_to_current(&source_add(), &for_add)>
                {state.tr(|t| t.add_to_current)}
            </button>
            <button on:click=move |_| on_cancel.run(())>{state.tr(|t| t.cancel)}</button>
        </div>
    }
}
