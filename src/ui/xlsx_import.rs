//! 从 Excel 导入 — the preview of a read workbook: which column fills which field, the rows
//! that could not be read and why, the problems found; then 创建新台账 or 添加到当前台账.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::io::xlsx::XlsxImport;
use crate::ledger::format_date;
use crate::platform;

/// A file picker labelled `label` that reads a workbook into the preview.
#[component]
pub fn XlsxPicker(label: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_file = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        leptos::task::spawn_local(async move {
            match platform::read_file(file).await {
                Ok(bytes) => state.read_xlsx(&name, &bytes),
                Err(e) => state.error(format!("未导入“{name}”：{e}")),
            }
        });
    };
    view! {
        <label class="button file-button">
            {label}
            <input
                type="file"
                aria-label=label
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=on_file
            />
        </label>
    }
}

#[component]
pub fn XlsxImportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let back = move || {
        state.xlsx_import.set(None);
        let has = state.ledger.with_untracked(|l| l.is_some());
        state.screen.set(if has {
            Screen::Checklist
        } else {
            Screen::Ledgers
        });
    };
    view! {
        <section class="xlsx-import">
            <h2>"从 Excel 导入"</h2>
            {move || match state.xlsx_import.get() {
                None => view! {
                    <p>"请选择整改台账的 Excel 文件（.xlsx）。"</p>
                    <div class="excel-actions">
                        <XlsxPicker label="选择 Excel 文件"/>
                        <button on:click=move |_| back()>"返回"</button>
                    </div>
                }.into_any(),
                Some((file_name, import)) => view! {
                    <Preview file_name=file_name import=import on_cancel=Callback::new(move |_| back())/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Preview(file_name: String, import: XlsxImport, on_cancel: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let report = import.report.clone();
    let ledger = import.ledger.clone();
    let name = RwSignal::new(ledger.meta.name.clone());
    let has_problems = report.problems > 0;
    let can_add = move || {
        has_problems
            && state.ledger.with(|l| l.is_some())
            && !state.read_only.get()
            && state.past.with(|p| p.is_none())
    };
    let current_name = move || {
        state
            .ledger
            .with(|l| l.as_ref().map(|l| l.display_name()))
            .unwrap_or_default()
    };
    let columns = report.columns.clone();
    let skipped = report.skipped.clone();
    let notes = report.notes.clone();
    let rows: Vec<(usize, String, String, String, String, String)> = ledger
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
                p.status.label().to_string(),
            )
        })
        .collect();
    view! {
        <p class="lead">
            {format!(
                "“{file_name}”：从工作表“{}”读取，第 {} 行是表头。请核对下面的对应关系和未能读取的行，再选择创建新台账或添加到当前台账。",
                report.sheet, report.header_row
            )}
        </p>
        <div class="recognised" role="status" aria-label="识别结果">
            <p>
                <strong>"可导入："</strong>
                {format!(
                    "反馈问题（类别）{} 个，具体问题 {} 个，建章立制 {} 项",
                    report.categories, report.problems, report.rules
                )}
                {(report.rule_candidates > 0).then(|| format!("（另有 {} 项待确认）", report.rule_candidates))}
                "。"
            </p>
        </div>
        <h3>"列的对应关系"</h3>
        <table class="xlsx-columns" aria-label="列的对应关系">
            <thead><tr><th>"列"</th><th>"表头"</th><th>"导入为"</th></tr></thead>
            <tbody>
                {columns.into_iter().map(|c| {
                    let target = match c.field {
                        Some(f) => f.label().to_string(),
                        None => format!("不导入（{}）", c.note),
                    };
                    view! { <tr class:unused=c.field.is_none()><td>{c.column}</td><td>{c.header}</td><td>{target}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        {if skipped.is_empty() {
            view! { <p class="hint">"每一行都已读取。"</p> }.into_any()
        } else {
            view! {
                <div class="notice error skipped" role="alert" aria-label="未能读取的行">
                    <p>{format!("以下 {} 行未能读取，不会导入：", skipped.len())}</p>
                    <ul>{skipped.into_iter().map(|s| view! { <li>{s.to_string()}</li> }).collect_view()}</ul>
                </div>
            }.into_any()
        }}
        {(!notes.is_empty()).then(|| view! {
            <div class="warnings" aria-label="请核对">
                <p>"以下内容按推断导入，请核对："</p>
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })}
        <h3>"将导入的问题"</h3>
        <table class="xlsx-problems" aria-label="将导入的问题">
            <thead><tr><th>"序号"</th><th>"问题类别"</th><th>"问题表现"</th><th>"责任部门"</th><th>"整改时限"</th><th>"整改状态"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(n, c, d, dep, dl, st)| view! {
                    <tr><td>{n}</td><td>{c}</td><td>{d}</td><td>{dep}</td><td>{dl}</td><td>{st}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <div class="excel-actions">
            <label>
                "新台账名称"
                <input type="text" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
            </label>
            <button class="primary" disabled=!has_problems on:click=move |_| state.create_from_xlsx(&name.get_untracked())>
                "创建新台账"
            </button>
            <button disabled=move || !can_add() title=move || format!("添加到“{}”", current_name()) on:click=move |_| state.add_xlsx_to_current()>
                "添加到当前台账"
            </button>
            <button on:click=move |_| on_cancel.run(())>"取消"</button>
        </div>
    }
}
