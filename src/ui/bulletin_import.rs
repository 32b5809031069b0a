//! 从通报导入 — paste or pick a bulletin text, see what was recognised (categories,
//! problems, rules, leftover text), then make a new ledger from it.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::io::bulletin_text::{decode_text, parse_bulletin, BulletinReport};
use crate::platform;

#[component]
pub fn BulletinImportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let file_name = RwSignal::new(None::<String>);
    // the text is recognised as it changes; nothing is stored until 创建台账
    let parsed = Memo::new(move |_| {
        text.with(|t| {
            if t.trim().is_empty() {
                None
            } else {
                Some(
                    parse_bulletin(t)
                        .map(|i| i.report)
                        .map_err(|e| e.to_string()),
                )
            }
        })
    });
    let can_create = move || parsed.with(|p| matches!(p, Some(Ok(_))));
    let on_file = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        leptos::task::spawn_local(async move {
            match platform::read_file(file).await {
                Ok(bytes) => match decode_text(&bytes) {
                    Ok(t) => {
                        file_name.set(Some(name));
                        text.set(t);
                    }
                    Err(e) => state.error(format!("“{name}”无法读取：{e}")),
                },
                Err(e) => state.error(e),
            }
        });
    };
    view! {
        <section class="bulletin-import">
            <h2>"从通报导入"</h2>
            <p class="lead">
                "把已有的整改通报（如“…巡察反馈意见集中整改进展情况的通报”）粘贴到下面，或选择 UTF-8 编码的 .txt 文件。"
                "程序会识别其中的标题、开头段落、各个反馈问题和具体问题、原因分析、整改情况和制度名称，生成一本新台账；现有台账不受影响。"
            </p>
            <div class="inline-form">
                <label class="file-pick">
                    "选择文本文件"
                    <input type="file" accept=".txt,text/plain" on:change=on_file/>
                </label>
                {move || file_name.get().map(|n| view! { <span class="hint">{format!("已读入：{n}")}</span> })}
            </div>
            <label class="field wide">
                "通报全文"
                <textarea
                    class="bulletin-paste"
                    rows=12
                    placeholder="在此粘贴通报全文（从 Word、WPS 或 PDF 复制均可，分页造成的空行会自动接上）"
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                ></textarea>
            </label>
            {move || parsed.get().map(|result| match result {
                Ok(report) => view! { <Recognised report=report/> }.into_any(),
                Err(message) => view! { <p class="notice error" role="alert">{message}</p> }.into_any(),
            })}
            <div class="bulletin-actions">
                <button class="primary" disabled=move || !can_create() on:click=move |_| {
                    let t = text.get_untracked();
                    if state.import_bulletin(&t) {
                        text.set(String::new());
                        file_name.set(None);
                    }
                }>"创建台账"</button>
                <button on:click=move |_| {
                    let has = state.ledger.with_untracked(|l| l.is_some());
                    state.screen.set(if has { Screen::Checklist } else { Screen::Ledgers });
                }>"返回"</button>
            </div>
        </section>
    }
}

/// What the importer found, to check before creating the ledger.
#[component]
fn Recognised(report: BulletinReport) -> impl IntoView {
    let stated = {
        let s = &report.stated;
        let part =
            |label: &str, n: Option<usize>, unit: &str| n.map(|n| format!("{label}{n}{unit}"));
        [
            part("问题", s.problems, "个"),
            part("已整改完毕", s.done, "个"),
            part("建章立制", s.rules, "项"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("，")
    };
    let leftovers = report.leftovers.clone();
    let warnings = report.warnings.clone();
    view! {
        <div class="recognised" role="status" aria-label="识别结果">
            <p>
                <strong>"识别结果："</strong>
                {format!(
                    "反馈问题（类别）{} 个，具体问题 {} 个，建章立制 {} 项",
                    report.categories, report.problems, report.rules
                )}
                {(report.rule_candidates > 0).then(|| format!("（另有 {} 项待确认）", report.rule_candidates))}
                "。"
            </p>
            {(!stated.is_empty()).then(|| view! { <p>{format!("通报原文写明：{stated}。")}</p> })}
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            })}
            {if leftovers.is_empty() {
                view! { <p class="hint">"全文都已归入相应栏目，没有遗留文字。"</p> }.into_any()
            } else {
                view! {
                    <details open>
                        <summary>{format!("有 {} 段文字未能识别归类，已原样保留在以下位置，请导入后核对：", leftovers.len())}</summary>
                        <ul class="leftovers">
                            {leftovers.into_iter().map(|l| view! { <li><span class="kept-in">{l.kept_in}</span>"："{l.text}</li> }).collect_view()}
                        </ul>
                    </details>
                }.into_any()
            }}
        </div>
    }
}
