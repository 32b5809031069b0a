//! 修改记录 — conflicts to settle, the list of who changed what and when, and the ledger as it
//! stood on a past date (read-only). Everything comes from the document's own history.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::platform;
use rectify_core::document::Conflict;
use rectify_core::ledger::parse_date;

/// How many history entries are shown (and have their places worked out) at first.
const PAGE: usize = 100;

#[component]
pub fn HistoryView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let person = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let past_date = RwSignal::new(String::new());
    // re-read whenever the ledger changes (an edit, a merge, another tab)
    let entries = Memo::new(move |_| {
        // every change of the document (an edit may leave the ledger shown as it was)
        state.doc.revision.track();
        state.doc.ledger.track();
        state.doc.history(limit.get())
    });
    let people = Memo::new(move |_| {
        let mut names: Vec<String> =
            entries.with(|e| e.iter().map(|(h, _)| state.t().author(&h.author)).collect());
        names.sort();
        names.dedup();
        names
    });
    let shown = Memo::new(move |_| {
        let offset = platform::utc_offset_secs();
        let from = parse_date(&from.get()).map(|d| rectify_core::document::start_of_day(d, offset));
        let to = parse_date(&to.get()).map(|d| rectify_core::document::end_of_day(d, offset));
        let person = person.get();
        entries.with(|e| {
            e.iter()
                .filter(|(h, _)| person.is_empty() || state.t().author(&h.author) == person)
                .filter(|(h, _)| from.is_none_or(|f| h.time > f))
                .filter(|(h, _)| to.is_none_or(|t| h.time <= t))
                .take(limit.get())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let total = move || entries.with(|e| e.len());
    view! {
        <section class="history">
            <h2>{state.tr(|t| t.tab_history)}</h2>
            <Conflicts/>

            <section class="past" aria-labelledby="past-heading">
                <h3 id="past-heading">{state.tr(|t| t.past_heading)}</h3>
                <p class="hint">{state.tr(|t| t.past_hint)}</p>
                <div class="inline-form">
                    <label>{state.tr(|t| t.date)}<input type="date" prop:value=move || past_date.get() on:change=move |e| past_date.set(event_target_value(&e))/></label>
                    <button on:click=move |_| match parse_date(&past_date.get_untracked()) {
                        Some(d) => {
                            state.doc.view_past(d);
                            if state.doc.past.get_untracked().is_some() {
                                state.screen.set(Screen::Checklist);
                            }
                        }
                        None => state.notices.error(state.tu().pick_date_first),
                    }>{state.tr(|t| t.view_that_day)}</button>
                </div>
            </section>

            <section aria-labelledby="log-heading">
                <h3 id="log-heading">{state.tr(|t| t.all_changes)}</h3>
                <div class="inline-form filters">
                    <label>{state.tr(|t| t.changed_by)}
                        <select on:change=move |e| person.set(event_target_value(&e))>
                            <option value="">{state.tr(|t| t.all_lights)}</option>
                            {move || people.get().into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>{state.tr(|t| t.from_date)}<input type="date" prop:value=move || from.get() on:change=move |e| from.set(event_target_value(&e))/></label>
                    <label>{state.tr(|t| t.to_date)}<input type="date" prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e))/></label>
                </div>
                <p class="counts">{move || state.t().change_counts(total(), shown.with(|s| s.len()))}</p>
                <table class="history-table">
                    <thead><tr><th>{state.tr(|t| t.time)}</th><th>{state.tr(|t| t.changed_by)}</th><th>{state.tr(|t| t.change)}</th><th>{state.tr(|t| t.places)}</th><th>{state.tr(|t| t.actions)}</th></tr></thead>
                    <tbody>
                        <For each=move || shown.get() key=|(h, _)| h.hash.clone() children=move |(h, places)| view! {
                            <tr>
                                <td class="when">{platform::local_time_label(h.time)}</td>
                                <td>{move || state.t().author(&h.author)}</td>
                                <td>{move || state.t().change_notes(&h.did)}</td>
                                <td>{let places = places.clone(); move || state.t().change_scope(&places)}</td>
                                <td>{(!places.is_empty()).then(|| {
                                    let hash = h.hash.clone();
                                    view! {
                                        <button class="small" disabled=move || state.doc.read_only.get() on:click=move |_| {
                                            let t = state.tu();
                                            if platform::confirm(&t.confirm_restore(&t.change_scope(&places))) {
                                                state.doc.restore_before(&hash);
                                            }
                                        }>{state.tr(|t| t.restore_before)}</button>
                                    }
                                })}</td>
                            </tr>
                        }/>
                    </tbody>
                </table>
                <Show when=move || { total() > limit.get() }>
                    <button on:click=move |_| limit.update(|l| *l += PAGE)>{state.tr(|t| t.show_more)}</button>
                </Show>
            </section>
        </section>
    }
}

/// The open conflicts, each with its values and a way to settle it.
#[component]
pub fn Conflicts() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="conflicts" aria-labelledby="conflicts-heading">
            <h3 id="conflicts-heading">{move || state.t().conflicts_heading(state.doc.conflicts.with(|c| c.len()))}</h3>
            {move || {
                let conflicts = state.doc.conflicts.get();
                if conflicts.is_empty() {
                    view! { <p class="hint">{state.t().no_conflicts}</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">{state.t().conflicts_hint}</p>
                        <ul class="conflict-list">
                            {conflicts.into_iter().map(|c| view! { <li><ConflictCard conflict=c link=true/></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// One conflicted field: its values with who and when, pick one or type a new one.
#[component]
pub fn ConflictCard(
    conflict: Conflict,
    /// show a 查看问题 link (not inside the problem's own editor)
    #[prop(optional)]
    link: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let typed = RwSignal::new(String::new());
    let place = StoredValue::new(conflict.place.clone());
    let name = StoredValue::new(conflict.name.clone());
    let label = move || state.t().place(&name.read_value());
    let is_date = conflict.place.is_date();
    let free_text = conflict.place.takes_free_text();
    view! {
        <div class="conflict" role="group" aria-label=move || state.t().conflict_named(&label())>
            <p class="conflict-label"><strong>{label}</strong>
                {conflict.problem_id.clone().filter(|_| link).map(|id| view! {
                    <button class="small" on:click=move |_| {
                        state.doc.back_to_present();
                        state.open_problem.set(Some(id.clone()));
                        state.screen.set(Screen::Checklist);
                    }>{state.tr(|t| t.view_problem)}</button>
                })}
            </p>
            <ul>
                {conflict.values.into_iter().map(|v| {
                    let value = v.value.clone();
                    let when = v.time.map(platform::local_time_label).unwrap_or_default();
                    let shown = StoredValue::new(v.shown);
                    let author = v.author;
                    view! {
                        <li>
                            <span class="conflict-value">{move || format!("“{}”", state.t().shown_value(&shown.read_value()))}</span>
                            <span class="hint">{move || format!("{} · {}", state.t().author(&author), when)}</span>
                            {v.current.then(|| view! { <span class="tag">{state.tr(|t| t.shown_now)}</span> })}
                            <button class="small" aria-label=move || state.t().use_value(&state.t().shown_value(&shown.read_value())) on:click=move |_| state.doc.settle(&place.get_value(), &value)>{state.tr(|t| t.use_this_value)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {free_text.then(|| view! {
                <form class="inline-form" on:submit=move |e| {
                    e.prevent_default();
                    state.doc.settle(&place.get_value(), &typed.get_untracked());
                }>
                    <label>{state.tr(|t| t.or_new_value)}
                        <input type=if is_date { "date" } else { "text" } prop:value=move || typed.get() on:input=move |e| typed.set(event_target_value(&e))/>
                    </label>
                    <button type="submit" class="small">{state.tr(|t| t.ok)}</button>
                </form>
            })}
        </div>
    }
}
