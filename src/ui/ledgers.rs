//! The start screen (new / example / import) and 台账管理: list, open, rename and
//! delete (with confirmation) the ledgers kept in this browser.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::platform;
use crate::store::Place;

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
                state.create(&name.get_untracked());
                name.set(String::new());
            }
        >
            <label>
                "新台账名称"
                <input
                    type="text"
                    placeholder="如：2024年巡察反馈问题整改台账"
                    prop:value=move || name.get()
                    on:input=move |e| name.set(event_target_value(&e))
                />
            </label>
            <button type="submit" class="primary">"新建台账"</button>
        </form>
    }
}

#[component]
pub fn StartView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="start">
            <h2>"开始使用整改台账"</h2>
            <p class="lead">
                "台账保存在本浏览器中，无需服务器。多人各自编辑后，互相“导出”“导入”文件即可合并，谁的修改都不会丢失。"
            </p>
            <div class="start-cards">
                <div class="card">
                    <h3>"新建一本空台账"</h3>
                    <NewLedgerForm/>
                </div>
                <div class="card">
                    <h3>"先看看示例"</h3>
                    <p>"某工业园党委巡察“回头看”整改：16 个反馈问题、20 个具体问题。"</p>
                    <button class="primary" on:click=move |_| state.open_example()>"打开示例台账"</button>
                </div>
                <div class="card">
                    <h3>"已有整改通报？"</h3>
                    <p>"粘贴或选择通报全文（.txt），自动识别问题、原因分析和整改情况，生成台账。"</p>
                    <button on:click=move |_| state.screen.set(Screen::BulletinImport)>"从通报导入"</button>
                </div>
                <div class="card">
                    <h3>"收到同事的台账文件？"</h3>
                    <p>"点击右上角“导入”，或把 .rectify 文件拖到本页。"</p>
                </div>
            </div>
            <Show when=move || state.ledgers.with(|l| !l.is_empty())>
                <p>
                    <button on:click=move |_| state.screen.set(Screen::Ledgers)>"查看本机已有的台账"</button>
                </p>
            </Show>
        </section>
    }
}

fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).max(1.0))
    }
}

/// Where a ledger's copy lives, as 台账管理 says it.
fn place_label(place: Place) -> &'static str {
    match place {
        Place::Local => "localStorage",
        Place::Large => "IndexedDB",
    }
}

/// How much this app keeps where, and what the browser estimates for the whole origin.
fn usage_label(usage: &crate::store::Usage, estimate: Option<(f64, f64)>) -> String {
    let mut text = format!(
        "本应用占用：localStorage 约 {}（按约 {} 的上限计，较大的台账会自动移到 IndexedDB）",
        size_label(usage.local_bytes),
        size_label(crate::store::LOCAL_BUDGET_BYTES)
    );
    match usage.large_bytes {
        Some(bytes) => text.push_str(&format!("，IndexedDB 约 {}", size_label(bytes))),
        None => text.push_str("；本浏览器在此页不能使用 IndexedDB，台账都保存在 localStorage 中"),
    }
    if let Some((used, quota)) = estimate {
        text.push_str(&format!(
            "。浏览器估计本网址共用 {}，最多可用 {}",
            size_label(used as usize),
            size_label(quota as usize)
        ));
    }
    text + "。"
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
    let place = if platform::is_file_page() {
        "本页是从磁盘直接打开的文件（file://）。台账保存在本浏览器的本地存储（localStorage）中，\
         不在这个 HTML 文件里：在本浏览器中，从磁盘打开的所有网页共用这一份存储\
         （Firefox 可能按文件所在的文件夹分开保存，请总从同一位置打开本文件）；\
         换一个浏览器或另一台电脑打开同一文件，看不到这里的台账（请用“导出”“导入”带过去）。"
    } else {
        "台账保存在本浏览器为本网址保留的本地存储（localStorage）中，不在服务器上：\
         换一个浏览器、另一台电脑或另一个网址打开，看不到这里的台账（请用“导出”“导入”带过去）。"
    };
    let persisted = move || match state.persisted.get() {
        Some(true) => "浏览器已同意长期保留这些数据（不会因磁盘空间不足被自动清除）。",
        Some(false) => {
            "浏览器没有承诺长期保留这些数据：磁盘空间不足或清理浏览数据时可能被删除，请及时导出。"
        }
        None => "",
    };
    let estimate = RwSignal::new(None::<(f64, f64)>);
    leptos::task::spawn_local(async move {
        estimate.set(platform::storage_estimate().await);
    });
    let usage = move || {
        state.ledgers.track();
        usage_label(&state.usage(), estimate.get())
    };
    let backup = move || {
        state
            .ledger
            .with(|l| l.as_ref().map(|l| l.meta.name.clone()))
            .map(|name| {
                let status = state.backup.get();
                let when = status
                    .exported_at
                    .map(|t| format!("上次在本浏览器导出：{}", time_label(t)))
                    .unwrap_or_else(|| "尚未在本浏览器导出过".to_string());
                format!(
                    "当前台账“{name}”：{when}；此后有 {} 处修改未导出（满 {} 处时提醒导出）。",
                    status.changes_since_export,
                    crate::backup::EXPORT_REMINDER_AFTER
                )
            })
    };
    view! {
        <div class="storage-info" role="note" aria-label="数据保存位置">
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
            <h2>"台账管理"</h2>
            <p class="hint">
                "以下台账保存在本浏览器的本地存储中（清除浏览器数据会删除它们）。请定期“导出”备份，并把文件发给同事合并。"
            </p>
            <StorageInfo/>
            <table class="ledger-table">
                <thead>
                    <tr>
                        <th>"台账名称"</th>
                        <th>"最后保存"</th>
                        <th>"占用空间"</th>
                        <th>"保存位置"</th>
                        <th>"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || state.ledgers.get()
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
                                <tr class:current=move || state.ledger.with(|l| l.as_ref().is_some_and(|l| l.id == id_is_current))>
                                    <td>
                                        <Show
                                            when=is_renaming.clone()
                                            fallback={
                                                let name = name.clone();
                                                move || view! { <span class="ledger-name">{name.clone()}</span> }
                                            }
                                        >
                                            <input
                                                type="text"
                                                aria-label="台账新名称"
                                                prop:value=move || new_name.get()
                                                on:input=move |e| new_name.set(event_target_value(&e))
                                            />
                                            <button on:click={
                                                let id = id_save.clone();
                                                move |_| {
                                                    state.rename(&id, &new_name.get_untracked());
                                                    renaming.set(None);
                                                }
                                            }>"保存名称"</button>
                                        </Show>
                                    </td>
                                    <td>{time_label(e.updated_at)}</td>
                                    <td>{size_label(e.size)}</td>
                                    <td>{place_label(e.place)}</td>
                                    <td class="row-actions">
                                        <button aria-label=format!("打开“{}”", e.name) on:click=move |_| {
                                            state.open(&id_open);
                                            state.screen.set(Screen::Checklist);
                                        }>"打开"</button>
                                        <button aria-label=format!("重命名“{}”", e.name) on:click={
                                            let name = e.name.clone();
                                            move |_| {
                                                new_name.set(name.clone());
                                                renaming.set(Some(id_rename.clone()));
                                            }
                                        }>"重命名"</button>
                                        <button class="danger" aria-label=format!("删除“{}”", e.name) on:click=move |_| {
                                            if platform::confirm(&format!("确定删除台账“{name_delete}”吗？删除后无法恢复（除非您有导出的文件）。")) {
                                                state.delete(&id_delete);
                                            }
                                        }>"删除"</button>
                                        <button class="link" aria-label=format!("下载“{}”的存档", e.name) title="下载本机保存的原始数据" on:click=move |_| state.rescue(&id_rescue)>"下载存档"</button>
                                    </td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
            <Show when=move || state.ledgers.with(|l| l.is_empty())>
                <p>"本浏览器中还没有台账。"</p>
            </Show>
            <div class="card">
                <h3>"新建台账"</h3>
                <NewLedgerForm/>
                <button on:click=move |_| state.open_example()>"打开示例台账"</button>
                <button on:click=move |_| state.screen.set(Screen::BulletinImport)>"从通报导入"</button>
            </div>
        </section>
    }
}
