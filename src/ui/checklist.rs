//! 台账 — the checklist: categories in order with their problems numbered 1..N, the filter
//! bar with counts of what it shows, and adding, moving and deleting categories.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::problem::ProblemRow;
use super::state::AppState;
use crate::platform;
use rectify_core::ledger::{Counts, Filter, Light, ReviewState, Status};

/// Rows drawn before the checklist is first painted, then added per step after it: the first
/// screenful comes at once and the rest follow in steps short enough for a click or a key to
/// be answered between them (2,000 rows in one go kept the page from answering for about
/// half a second).
const FIRST_ROWS: usize = 60;
const ROWS_PER_STEP: usize = 200;

/// Each category's id and shown problems in ledger order, with how many shown rows come
/// before it.
type Sections = Vec<(String, usize, Vec<String>)>;

#[component]
pub fn ChecklistView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // the filter and the open problem are the app's, so the address can carry them
    let filter = state.filter;
    let expanded = state.expanded;
    // opened from the tabs, the checklist shows every problem closed
    if state.open_problem.with_untracked(Option::is_none) {
        expanded.set(None);
    }
    // each row asks "am I the open one?" through this, so opening a problem wakes two rows
    // instead of every row of the checklist (a click took 270 ms at 2,000 problems)
    let open = StoredValue::new(Selector::new(move || expanded.get()));
    let today = platform::today();

    // Ids of the problems the filter shows (sections keep ledger order themselves). Typed
    // text matters only to a search: it tracks OpenDoc::revision, which typing bumps.
    let visible = Memo::new(move |_| {
        if filter.with(|f| !f.text.trim().is_empty()) {
            state.doc.revision.track();
        }
        state.doc.ledger.with(|l| {
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
    // a search for a number (17, 第17项): that problem first, above the categories
    let by_number = Memo::new(move |_| {
        let n = filter.with(Filter::number)?;
        state.doc.ledger.with(|l| {
            let p = l.as_ref()?.problems.get(n - 1)?;
            visible.with(|v| v.contains(&p.id)).then(|| p.id.clone())
        })
    });
    let sections = Memo::new(move |_| {
        let first = by_number.get();
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| visible.with(|v| sections_of(l, v, first.as_deref())))
                .unwrap_or_default()
        })
    });
    // how many rows are drawn: all at once when a problem is to be revealed
    let limit = RwSignal::new(if state.open_problem.with_untracked(Option::is_some) {
        usize::MAX
    } else {
        FIRST_ROWS
    });
    draw_more_after_paint(limit, visible);
    // A problem asked for elsewhere (进度's red/yellow list, a link) opens and comes into view,
    // also while the checklist is shown (back and forward).
    Effect::new(move |_| {
        if let Some(id) = state.open_problem.get() {
            state.open_problem.set(None);
            limit.set(usize::MAX);
            expanded.set(Some(id.clone()));
            request_animation_frame(move || reveal_problem(&id));
        }
    });
    let counts = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref().map(|l| {
                let shown: Vec<_> =
                    visible.with(|v| l.problems.iter().filter(|p| v.contains(&p.id)).collect());
                (Counts::of(shown, today, l.meta.warn_days), l.problems.len())
            })
        })
    });
    let departments = Memo::new(move |_| {
        // in pinyin order, as Chinese software lists names
        platform::zh_sorted(
            state
                .doc
                .ledger
                .with(|l| l.as_ref().map(|l| l.departments()).unwrap_or_default()),
        )
    });
    let category_ids = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
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
        state.doc.ledger.with(|l| {
            l.as_ref()
                .is_some_and(|l| l.orphan_problems().next().is_some())
        })
    });
    let new_category = RwSignal::new(String::new());

    view! {
        <section class="checklist">
            <h2 class="ledger-title">{move || state.doc.ledger.with(|l| l.as_ref().map(|l| l.display_name()).unwrap_or_default())}</h2>
            // a form, so Chrome's autofill reads only these fields on a keystroke in the search
            // (outside any form it reads every control of the checklist); Enter does not submit
            <form class="filters" role="search" on:submit=|e| e.prevent_default()>
                <label>
                    {state.tr(|t| t.filter_status)}
                    <select prop:value=move || filter.with(|f| f.status.as_ref().map(|s| s.code().to_string()).unwrap_or_default()) on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.status = if v.is_empty() { None } else { Some(Status::from_code(&v)) });
                    }>
                        <option value="">{state.tr(|t| t.all_statuses)}</option>
                        {Status::ALL.iter().map(|s| { let code = s.code().to_string(); let s = s.clone(); view! { <option value=code>{move || state.t().status(&s)}</option> } }).collect_view()}
                    </select>
                </label>
                <label>
                    {state.tr(|t| t.filter_department)}
                    <select prop:value=move || filter.with(|f| f.department.clone().unwrap_or_default()) on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.department = if v.is_empty() { None } else { Some(v) });
                    }>
                        <option value="">{state.tr(|t| t.all_departments)}</option>
                        <For each=move || departments.get() key=|d| d.clone() children=move |d| view! { <option value=d.clone()>{d.clone()}</option> }/>
                    </select>
                </label>
                <label>
                    {state.tr(|t| t.filter_light)}
                    <select prop:value=move || filter.with(|f| f.light.map(|l| l.code()).unwrap_or_default()) on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.light = Light::from_code(&v));
                    }>
                        <option value="">{state.tr(|t| t.all_lights)}</option>
                        {Light::ALL.iter().map(|&l| view! { <option value=l.code()>{move || state.t().light(l)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {state.tr(|t| t.filter_review)}
                    <select prop:value=move || filter.with(|f| f.review.map(|r| r.code()).unwrap_or_default()) on:change=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.review = ReviewState::from_code(&v));
                    }>
                        <option value="">{state.tr(|t| t.review_any)}</option>
                        {ReviewState::ALL.iter().map(|&r| view! { <option value=r.code()>{move || state.t().review_state(r)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {state.tr(|t| t.search)}
                    <input type="search" placeholder={state.tr(|t| t.search_placeholder)} prop:value=move || filter.with(|f| f.text.clone()) on:input=move |e| {
                        let v = event_target_value(&e);
                        filter.update(|f| f.text = v);
                    }/>
                </label>
            </form>
            <p class="counts" role="status" aria-live="polite">
                {move || counts.get().map(|(c, total)| state.t().shown_counts(&c, total))}
            </p>
            <Show when=move || !filter.with(|f| f.is_empty()) && visible.with(|v| v.is_empty())>
                <p class="empty-result">
                    {state.tr(|t| t.no_matching_problems)}
                    <button class="small" on:click=move |_| filter.set(Filter::default())>{state.tr(|t| t.clear_filters)}</button>
                </p>
            </Show>
            {move || by_number.get().map(|id| view! {
                <section class="category number-match" aria-label={state.tr(|t| t.number_match)}>
                    <h3>{state.tr(|t| t.number_match)}</h3>
                    <ProblemRow id=id expanded=expanded open=open/>
                </section>
            })}
            <For
                each=move || category_ids.get()
                key=|id| id.clone()
                children=move |id| view! { <CategorySection id=id sections=sections limit=limit expanded=expanded open=open filter=filter/> }
            />
            <Show when=move || has_orphans.get()>
                <section class="category orphans">
                    <h3>{state.tr(|t| t.orphans)}</h3>
                    <p class="hint">{state.tr(|t| t.orphans_hint)}</p>
                    <For
                        each={move || state.doc.ledger.with(|l| l.as_ref().map(|l| l.orphan_problems().map(|p| p.id.clone()).filter(|id| visible.with(|v| v.contains(id)) && by_number.with(|b| b.as_ref() != Some(id))).collect::<Vec<_>>()).unwrap_or_default())}
                        key=|id| id.clone()
                        children=move |id| view! { <ProblemRow id=id expanded=expanded open=open/> }
                    />
                </section>
            </Show>
            <Show when=move || state.doc.ledger.with(|l| l.as_ref().is_some_and(|l| !l.trash.is_empty()))>
                <details class="trash" prop:open=move || state.trash_open.get() on:toggle=move |e| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&e).open();
                    if open != state.trash_open.get_untracked() {
                        state.trash_open.set(open);
                    }
                }>
                    <summary>{move || state.t().trash(state.doc.ledger.with(|l| l.as_ref().map(|l| l.trash.len()).unwrap_or(0)))}</summary>
                    <p class="hint">{state.tr(|t| t.trash_hint)}</p>
                    <ul>
                        <For
                            each={move || state.doc.ledger.with(|l| l.as_ref().map(|l| l.trash.iter().map(|p| (p.id.clone(), p.description.clone())).collect::<Vec<_>>()).unwrap_or_default())}
                            key=|(id, text)| (id.clone(), text.clone())
                            children=move |(id, text)| {
                                let empty = text.trim().is_empty();
                                let label = move || if empty { state.t().no_description.to_string() } else { text.clone() };
                                view! {
                                    <li>
                                        <span class="desc">{label}</span>
                                        <button class="small" disabled=move || state.doc.read_only.get() on:click=move |_| { state.doc.edit(|d| d.restore_problem(&id)); }>{state.tr(|t| t.restore)}</button>
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
                    state.notices.error(state.tu().category_name_missing);
                    return;
                }
                state.doc.edit(|d| d.add_category(&title));
                new_category.set(String::new());
            }>
                <label>
                    {state.tr(|t| t.new_category_name)}
                    <input type="text" placeholder={state.tr(|t| t.new_category_placeholder)} prop:value=move || new_category.get() on:input=move |e| new_category.set(event_target_value(&e))/>
                </label>
                <button type="submit" disabled=move || state.doc.read_only.get()>{state.tr(|t| t.add_category)}</button>
            </form>
        </section>
    }
}

/// Group the shown problems by category in one pass (each category scanning the whole
/// ledger was O(problems × categories) on every edit), but `first`, shown above them.
fn sections_of(
    ledger: &rectify_core::ledger::Ledger,
    visible: &HashSet<String>,
    first: Option<&str>,
) -> Sections {
    let place: HashMap<&str, usize> = (ledger.categories.iter().enumerate())
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut rows = vec![Vec::new(); ledger.categories.len()];
    let shown = |p: &&rectify_core::ledger::Problem| {
        visible.contains(&p.id) && first != Some(p.id.as_str())
    };
    for p in ledger.problems.iter().filter(shown) {
        if let Some(&i) = place.get(p.category_id.as_str()) {
            rows[i].push(p.id.clone());
        }
    }
    let mut start = 0;
    (ledger.categories.iter().zip(rows))
        .map(|(c, ids)| {
            start += ids.len();
            (c.id.clone(), start - ids.len(), ids)
        })
        .collect()
}

/// After the first paint, raise `limit` step by step (one step per task, a paint between)
/// until every `visible` row is drawn; it stops when the checklist is gone.
fn draw_more_after_paint(limit: RwSignal<usize>, visible: Memo<HashSet<String>>) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                let (Some(now), Some(total)) = (
                    limit.try_get_untracked(),
                    visible.try_with_untracked(HashSet::len),
                ) else {
                    return;
                };
                if now == usize::MAX {
                    return;
                }
                let next = now + ROWS_PER_STEP;
                if next >= total {
                    limit.set(usize::MAX);
                } else {
                    limit.set(next);
                    draw_more_after_paint(limit, visible);
                }
            },
            Duration::ZERO,
        )
    });
}

#[component]
fn CategorySection(
    id: String,
    sections: Memo<Sections>,
    limit: RwSignal<usize>,
    expanded: RwSignal<Option<String>>,
    open: StoredValue<Selector<Option<String>>>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let cid = StoredValue::new(id);
    let title = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .and_then(|l| l.category(&cid.get_value()).map(|c| c.title.clone()))
                .unwrap_or_default()
        })
    });
    let position = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .and_then(|l| l.categories.iter().position(|c| c.id == cid.get_value()))
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    });
    let all_in_category = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.problems_in(&cid.get_value()).count())
                .unwrap_or(0)
        })
    });
    // the rows drawn so far (ChecklistView draws the first screenful first)
    let problem_ids = Memo::new(move |_| {
        let limit = limit.get();
        sections.with(|s| {
            (s.iter().find(|(id, ..)| cid.with_value(|cid| id == cid)))
                .map_or_else(Vec::new, |(_, start, ids)| {
                    ids[..limit.saturating_sub(*start).min(ids.len())].to_vec()
                })
        })
    });
    let shows_none = Memo::new(move |_| {
        sections.with(|s| {
            !s.iter()
                .any(|(id, _, ids)| !ids.is_empty() && cid.with_value(|cid| id == cid))
        })
    });
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let hidden_by_filter = move || !filter.with(|f| f.is_empty()) && shows_none.get();
    view! {
        <section class="category" class:hidden=hidden_by_filter aria-label=move || title.get()>
            <div class="category-head">
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <h3>
                            <span class="num">{move || state.t().category_number(position.get())}</span>
                            {move || title.get()}
                        </h3>
                    }
                >
                    <form class="inline-form" on:submit=move |e| {
                        e.prevent_default();
                        let t = draft.get_untracked();
                        state.doc.edit(|d| d.rename_category(&cid.get_value(), &t));
                        editing.set(false);
                    }>
                        <label>{state.tr(|t| t.category_name)}<input type="text" prop:value=move || draft.get() on:input=move |e| draft.set(event_target_value(&e))/></label>
                        <button type="submit">{state.tr(|t| t.save_category_name)}</button>
                    </form>
                </Show>
                <div class="category-actions">
                    <button class="small" title={state.tr(|t| t.rename_category_title)} aria-label=move || state.t().rename_category(&title.get()) disabled=move || state.doc.read_only.get() on:click=move |_| {
                        draft.set(title.get_untracked());
                        editing.set(true);
                    }>{state.tr(|t| t.rename)}</button>
                    <button class="small" aria-label=move || state.t().move_category_up(&title.get()) disabled=move || state.doc.read_only.get() on:click=move |_| { state.doc.edit(|d| d.move_category(&cid.get_value(), -1)); }>"↑"</button>
                    <button class="small" aria-label=move || state.t().move_category_down(&title.get()) disabled=move || state.doc.read_only.get() on:click=move |_| { state.doc.edit(|d| d.move_category(&cid.get_value(), 1)); }>"↓"</button>
                    <button class="small danger" aria-label=move || state.t().delete_category(&title.get()) disabled=move || state.doc.read_only.get() on:click=move |_| {
                        let n = all_in_category.get_untracked();
                        let question = state.tu().confirm_delete_category(&title.get_untracked(), n);
                        if platform::confirm(&question) {
                            state.doc.edit(|d| d.delete_category(&cid.get_value()));
                        }
                    }>{state.tr(|t| t.delete)}</button>
                </div>
            </div>
            <For each=move || problem_ids.get() key=|id| id.clone() children=move |id| view! { <ProblemRow id=id expanded=expanded open=open/> }/>
            <button class="add-problem" disabled=move || state.doc.read_only.get() on:click=move |_| {
                if let Some(pid) = state.doc.edit(|d| d.add_problem(&cid.get_value(), "")) {
                    expanded.set(Some(pid));
                }
            }>{state.tr(|t| t.add_problem)}</button>
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
