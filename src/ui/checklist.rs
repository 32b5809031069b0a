//! 台账 — the checklist: categories in order with their problems numbered 1..N, the filter
//! bar with counts of what it shows, and adding, moving and deleting categories.

use std::collections::HashSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::problem::ProblemRow;
use super::state::AppState;
use crate::ledger::{chinese_numeral, Counts, Filter, Light, Status};
use crate::platform;

#[component]
pub fn ChecklistView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let filter = RwSignal::new(Filter::default());
    // A problem asked for elsewhere (进度's red/yellow list) opens and comes into view.
    let expanded = RwSignal::new(state.open_problem.get_untracked());
    if let Some(id) = state.open_problem.get_untracked() {
        state.open_problem.set(None);
        request_animation_frame(move || reveal_problem(&id));
    }
    let today = platform::today();

    // Ids of the problems the filter shows (sections keep ledger order themselves).
    let visible = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| {
                    filter.with(|f| {
                        f.apply(l, today)
                            .iter()
                            .map(|p| p.id.clone())
                            .collect::<HashSet<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let counts = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref().map(|l| {
                let shown: Vec<_> =
                    visible.with(|v| l.problems.iter().filter(|p| v.contains(&p.id)).collect());
                (Counts::of(shown, today, l.meta.warn_days), l.problems.len())
            })
        })
    });
    let departments = Memo::new(move |_| {
        state
            .ledger
            .with(|l| l.as_ref().map(|l| l.departments()).unwrap_or_default())
    });
    let category_ids = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.categories
                        .iter()
                        .map(|c| c.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let has_orphans = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .is_some_and(|l| l.orphan_problems().next().is_some())
        })
    });
    let new_category = RwSignal::new(String::new());

    view! {
        <section class="checklist">
            <h2 class="ledger-title">{move || state.ledger.with(|l| l.as_ref().map(|l| l.display_name()).unwrap_or_default())}</h2>
            <div class="filters" role="search">
                <label>
                    "按状态筛选"
                    <select on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.status = if v.is_empty() { None } else { Some(Status::from_code(&v)) });
                    }>
                        <option value="">"全部状态"</option>
                        {Status::ALL.iter().map(|s| view! { <option value=s.code().to_string()>{s.label().to_string()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "按部门筛选"
                    <select on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.department = if v.is_empty() { None } else { Some(v) });
                    }>
                        <option value="">"全部部门"</option>
                        <For each=move || departments.get() key=|d| d.clone() children=move |d| view! { <option value=d.clone()>{d.clone()}</option> }/>
                    </select>
                </label>
                <label>
                    "按预警筛选"
                    <select on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.light = Light::from_code(&v));
                    }>
                        <option value="">"全部"</option>
                        {Light::ALL.iter().map(|l| view! { <option value=l.code()>{l.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "搜索"
                    <input type="search" placeholder="问题、原因、整改情况、责任人…" on:input=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.text = v);
                    }/>
                </label>
            </div>
            <p class="counts" role="status" aria-live="polite">
                {move || counts.get().map(|(c, total)| {
                    format!(
                        "显示 {} 个问题（共 {} 个）：未启动 {}，整改中 {}，已完成 {}，长期坚持 {}；红灯 {}，黄灯 {}，绿灯 {}",
                        c.total, total, c.not_started, c.in_progress, c.done, c.ongoing, c.red, c.yellow, c.green
                    )
                })}
            </p>
            <For
                each=move || category_ids.get()
                key=|id| id.clone()
                children=move |id| view! { <CategorySection id=id visible=visible expanded=expanded filter=filter/> }
            />
            <Show when=move || has_orphans.get()>
                <section class="category orphans">
                    <h3>"未归类的问题"</h3>
                    <p class="hint">"这些问题所属的类别已被删除（可能是同事在另一台电脑上删除的）。请把它们移到某个类别，或删除。"</p>
                    <For
                        each={move || state.ledger.with(|l| l.as_ref().map(|l| l.orphan_problems().map(|p| p.id.clone()).filter(|id| visible.with(|v| v.contains(id))).collect::<Vec<_>>()).unwrap_or_default())}
                        key=|id| id.clone()
                        children=move |id| view! { <ProblemRow id=id expanded=expanded/> }
                    />
                </section>
            </Show>
            <Show when=move || state.ledger.with(|l| l.as_ref().is_some_and(|l| !l.trash.is_empty()))>
                <details class="trash">
                    <summary>{move || format!("回收站（{} 个已删除的问题）", state.ledger.with(|l| l.as_ref().map(|l| l.trash.len()).unwrap_or(0)))}</summary>
                    <p class="hint">"删除的问题保留在这里，可随时恢复；同事在删除后仍对它做的修改也保存在这里。"</p>
                    <ul>
                        <For
                            each={move || state.ledger.with(|l| l.as_ref().map(|l| l.trash.iter().map(|p| (p.id.clone(), p.description.clone())).collect::<Vec<_>>()).unwrap_or_default())}
                            key=|(id, text)| (id.clone(), text.clone())
                            children=move |(id, text)| {
                                let label = if text.trim().is_empty() { "（未填写问题表现）".to_string() } else { text };
                                view! {
                                    <li>
                                        <span class="desc">{label}</span>
                                        <button class="small" disabled=move || state.read_only.get() on:click=move |_| { state.edit(|d| d.restore_problem(&id)); }>"恢复"</button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </details>
            </Show>
            <form class="inline-form add-category" on:submit=move |e| {
                e.prevent_default();
                let title = new_category.get_untracked();
                if title.trim().is_empty() {
                    state.error("请先填写类别名称。");
                    return;
                }
                state.edit(|d| d.add_category(&title));
                new_category.set(String::new());
            }>
                <label>
                    "新类别名称"
                    <input type="text" placeholder="如：针对财务管理不规范的问题" prop:value=move || new_category.get() on:input=move |e| new_category.set(event_target_value(&e))/>
                </label>
                <button type="submit" disabled=move || state.read_only.get()>"添加类别"</button>
            </form>
        </section>
    }
}

#[component]
fn CategorySection(
    id: String,
    visible: Memo<HashSet<String>>,
    expanded: RwSignal<Option<String>>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let cid = StoredValue::new(id);
    let title = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .and_then(|l| l.category(&cid.get_value()).map(|c| c.title.clone()))
                .unwrap_or_default()
        })
    });
    let position = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .and_then(|l| l.categories.iter().position(|c| c.id == cid.get_value()))
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    });
    let all_in_category = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.problems_in(&cid.get_value()).count())
                .unwrap_or(0)
        })
    });
    let problem_ids = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| {
                    let id = cid.get_value();
                    visible.with(|v| {
                        l.problems_in(&id)
                            .filter(|p| v.contains(&p.id))
                            .map(|p| p.id.clone())
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let hidden_by_filter =
        move || !filter.with(|f| f.is_empty()) && problem_ids.with(|p| p.is_empty());
    view! {
        <section class="category" class:hidden=hidden_by_filter aria-label=move || title.get()>
            <div class="category-head">
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <h3>
                            <span class="num">{move || format!("（{}）", chinese_numeral(position.get()))}</span>
                            {move || title.get()}
                        </h3>
                    }
                >
                    <form class="inline-form" on:submit=move |e| {
                        e.prevent_default();
                        let t = draft.get_untracked();
                        state.edit(|d| d.rename_category(&cid.get_value(), &t));
                        editing.set(false);
                    }>
                        <label>"类别名称"<input type="text" prop:value=move || draft.get() on:input=move |e| draft.set(event_target_value(&e))/></label>
                        <button type="submit">"保存类别名称"</button>
                    </form>
                </Show>
                <div class="category-actions">
                    <button class="small" title="修改类别名称" aria-label=move || format!("改名类别：{}", title.get()) disabled=move || state.read_only.get() on:click=move |_| {
                        draft.set(title.get_untracked());
                        editing.set(true);
                    }>"改名"</button>
                    <button class="small" aria-label=move || format!("上移类别：{}", title.get()) disabled=move || state.read_only.get() on:click=move |_| { state.edit(|d| d.move_category(&cid.get_value(), -1)); }>"↑"</button>
                    <button class="small" aria-label=move || format!("下移类别：{}", title.get()) disabled=move || state.read_only.get() on:click=move |_| { state.edit(|d| d.move_category(&cid.get_value(), 1)); }>"↓"</button>
                    <button class="small danger" aria-label=move || format!("删除类别：{}", title.get()) disabled=move || state.read_only.get() on:click=move |_| {
                        let n = all_in_category.get_untracked();
                        let question = if n == 0 {
                            format!("确定删除类别“{}”吗？", title.get_untracked())
                        } else {
                            format!("类别“{}”下有 {n} 个问题，删除类别会同时删除这些问题。确定删除吗？", title.get_untracked())
                        };
                        if platform::confirm(&question) {
                            state.edit(|d| d.delete_category(&cid.get_value()));
                        }
                    }>"删除"</button>
                </div>
            </div>
            <For each=move || problem_ids.get() key=|id| id.clone() children=move |id| view! { <ProblemRow id=id expanded=expanded/> }/>
            <button class="add-problem" disabled=move || state.read_only.get() on:click=move |_| {
                if let Some(pid) = state.edit(|d| d.add_problem(&cid.get_value(), "")) {
                    expanded.set(Some(pid));
                }
            }>"添加问题"</button>
        </section>
    }
}

/// Scroll a problem's row into view and focus its toggle, so the keyboard is there too.
fn reveal_problem(id: &str) {
    let Some(row) = document().get_element_by_id(&format!("problem-{id}")) else {
        return;
    };
    row.scroll_into_view();
    if let Ok(Some(toggle)) = row.query_selector(".problem-toggle") {
        if let Ok(toggle) = toggle.dyn_into::<web_sys::HtmlElement>() {
            let _ = toggle.focus();
        }
    }
}
