//! One problem in the checklist: a summary row (number, text, status, light, deadline,
//! owner) that opens an editor for every field, its linked rules and its 进展记录.

use leptos::prelude::*;

use super::round_unit::review_text;
use super::state::AppState;
use crate::platform;
use rectify_core::document::{FieldState, ProblemField, ProblemText};
use rectify_core::ledger::{format_date, light_of, parse_date, Problem, Status};
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

/// Read one problem out of the ledger signal.
fn with_problem<T: Default>(state: AppState, id: &str, f: impl FnOnce(&Problem) -> T) -> T {
    state.doc.ledger.with(|l| {
        l.as_ref()
            .and_then(|l| l.problem(id))
            .map(f)
            .unwrap_or_default()
    })
}

/// Split 责任部门 as people type it: 、，, ; and spaces all separate names.
fn split_departments(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；', ' ', '　', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
pub fn ProblemRow(
    id: String,
    expanded: RwSignal<Option<String>>,
    /// `expanded` as a selector: true for this row's id only while it is the open one
    open: StoredValue<Selector<Option<String>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pid = StoredValue::new(id);
    let today = platform::today();
    // the problem's place in the ledger: one lookup in the shared index (state.doc.positions)
    let place =
        Memo::new(move |_| pid.with_value(|id| state.doc.positions.with(|m| m.get(id).copied())));
    let number = Memo::new(move |_| place.get().map(|i| i + 1).unwrap_or(0));
    let summary = Memo::new(move |_| {
        let place = place.get();
        // this problem's changes only (OpenDoc::set_ledger wakes the rows that differ)
        pid.with_value(|id| state.doc.track_problem(id));
        state.doc.ledger.with_untracked(|l| {
            l.as_ref().and_then(|l| {
                let p = place.and_then(|i| l.problems.get(i))?;
                (p.id == pid.get_value()).then(|| {
                    (
                        p.description.clone(),
                        p.status.clone(),
                        light_of(p, today, l.meta.warn_days),
                        p.deadline,
                        p.owner.clone(),
                        p.departments.join("、"),
                        (p.basically_done(), review_text(state, p)),
                    )
                })
            })
        })
    });
    // (the selector keeps one small signal per id it was asked about; a row is not removed
    // from it when it unmounts, as a moved problem's new row may already have asked again)
    let key = StoredValue::new(Some(pid.get_value()));
    let is_open = move || open.with_value(|open| key.with_value(|key| open.selected(key)));
    let has_conflict = move || {
        state.doc.conflicts.with(|c| {
            c.iter()
                .any(|c| c.problem_id.as_deref() == Some(pid.get_value().as_str()))
        })
    };
    let toggle = move |_| {
        let id = pid.get_value();
        expanded.update(|e| {
            *e = if e.as_deref() == Some(id.as_str()) {
                None
            } else {
                Some(id)
            }
        });
    };
    view! {
        <article class="problem" id=format!("problem-{}", pid.get_value()) class:open=is_open>
            {move || summary.get().map(|(description, status, light, deadline, owner, departments, (basically_done, review))| {
                let text = if description.trim().is_empty() { state.t().no_description.to_string() } else { description };
                view! {
                    <div class="problem-row">
                        <span class=format!("light {}", light.code()) role="img" title=state.t().light(light) aria-label=state.t().light(light)></span>
                        <button class="problem-toggle" aria-expanded=move || is_open().to_string() on:click=toggle>
                            <span class="num">{move || format!("{}.", number.get())}</span>
                            <span class="desc">{text}</span>
                        </button>
                        // one grid cell for the status and a conflict's tag, so a row with a
                        // tag keeps the columns of the rows without one
                        <span class="status-cell">
                            <span class=format!("status {}", status.code())>{state.t().status(&status)}</span>
                            {basically_done.then(|| view! { <span class="tag basically-done">{state.t().badge_basically_done}</span> })}
                            {review.map(|(s, line)| view! { <span class=format!("tag review {}", s.code())>{line}</span> })}
                            {move || has_conflict().then(|| view! { <span class="tag candidate" title=state.t().has_conflict_title>{state.t().has_conflict}</span> })}
                        </span>
                        <span class="meta-cell">{if deadline.is_some() { state.t().deadline_cell(&format_date(deadline)) } else { String::new() }}</span>
                        <span class="meta-cell">{[departments, owner].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</span>
                    </div>
                }
            })}
            <Show when=is_open>
                <ProblemEditor id=pid.get_value() expanded=expanded/>
            </Show>
        </article>
    }
}

#[component]
fn TextField(
    pid: StoredValue<String>,
    field: ProblemText,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let value = move || with_problem(state, &pid.get_value(), |p| field.of(p).to_string());
    // Chromium's spell check reads the whole paragraph around the caret after every key
    // (5–11 ms in a text of 14,000 characters, BENCHMARKS.md "Typing into a long text"); it
    // knows no Chinese, so a long text goes without it.
    let spellcheck = move || {
        let long = with_problem(state, &pid.get_value(), |p| {
            field.of(p).len() > LONG_TEXT_BYTES
        });
        if long {
            "false"
        } else {
            "true"
        }
    };
    // the field just before an edit (or an input method's composition) began
    let before = StoredValue::new(None::<FieldState>);
    let typed = move |e: &web_sys::Event, described: bool| {
        let Some(area) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        let was = before.try_update_value(Option::take).flatten();
        let stretch = was.filter(|_| described).and_then(|was| {
            let caret = area.selection_start().ok()??;
            let len = area.text_length() as usize;
            let (at, deleted, inserted) = was.replaced(caret as usize, len)?;
            let text = field_text(&area, at, at + inserted)?;
            Some((was.len, len, (at, deleted, text)))
        });
        let id = pid.get_value();
        match stretch {
            Some((was, len, edit)) => state
                .doc
                .type_text(&id, field, (was, len), edit, || area.value()),
            None => state.doc.edit_text(&id, field, &area.value()),
        }
    };
    // Each text in a form of its own: on every keystroke Chrome's autofill reads the form of
    // the field typed in, and a field outside any form belongs to the page's one "form" of all
    // unowned controls (thousands of buttons in a large checklist): 2.5–4 ms a keystroke at
    // 2,000 problems, against 0.6 ms in a form of its own (BENCHMARKS.md, "Typing"). A form
    // holding only a textarea is never submitted (Enter there is a new line).
    view! {
        <form class="text-field">
            <label class="field wide">
                {move || state.t().text_field(field)}
                <textarea
                    rows=rows
                    readonly=move || state.doc.read_only.get()
                    spellcheck=spellcheck
                    prop:value=value
                    on:beforeinput=move |e| {
                        if !super::composing(&e) {
                            before.set_value(field_state(&e));
                        }
                    }
                    on:compositionstart=move |e| before.set_value(field_state(&e))
                    on:input=move |e| {
                        if super::composing(&e) {
                            return;
                        }
                        let kind = e.dyn_ref::<web_sys::InputEvent>().map(|e| e.input_type());
                        typed(&e, kind.is_some_and(|k| DESCRIBED.contains(&k.as_str())));
                    }
                    on:compositionend=move |e| typed(&e, true)
                ></textarea>
            </label>
        </form>
    }
}

/// A text longer than this (in bytes of UTF-8: about 2,700 Chinese characters) is not spell
/// checked.
const LONG_TEXT_BYTES: usize = 8_000;

/// The edits a text field describes by its selection before and its caret after
/// ([`FieldState::replaced`]); any other (an undo, a drop, a spelling suggestion) writes the
/// whole text.
const DESCRIBED: [&str; 8] = [
    "insertText",
    "insertLineBreak",
    "insertFromPaste",
    "deleteContentBackward",
    "deleteContentForward",
    "deleteWordBackward",
    "deleteWordForward",
    "deleteByCut",
];

/// The selection and length of the text area an event is for.
fn field_state(e: &web_sys::Event) -> Option<FieldState> {
    let area = e.target()?.dyn_into::<HtmlTextAreaElement>().ok()?;
    Some(FieldState {
        start: area.selection_start().ok()?? as usize,
        end: area.selection_end().ok()?? as usize,
        len: area.text_length() as usize,
    })
}

/// `from..to` (UTF-16 units) of a text area's text, without copying the rest out of it.
fn field_text(area: &HtmlTextAreaElement, from: usize, to: usize) -> Option<String> {
    let value = js_sys::Reflect::get(area, &"value".into()).ok()?;
    let value: js_sys::JsString = value.dyn_into().ok()?;
    Some(value.substring(from as u32, to as u32).into())
}

#[component]
fn ShortField(pid: StoredValue<String>, field: ProblemField) -> impl IntoView {
    let state = expect_context::<AppState>();
    let is_date = matches!(field, ProblemField::Deadline | ProblemField::CompletedOn);
    let value = move || {
        with_problem(state, &pid.get_value(), |p| match field {
            ProblemField::Lead => p.lead.clone(),
            ProblemField::Owner => p.owner.clone(),
            ProblemField::Deadline => format_date(p.deadline),
            ProblemField::CompletedOn => format_date(p.completed_on),
        })
    };
    view! {
        <label class="field">
            {move || state.t().short_field(field)}
            <input
                type=if is_date { "date" } else { "text" }
                readonly=move || state.doc.read_only.get()
                prop:value=value
                on:change=move |e| {
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_problem_field(&pid.get_value(), field, &v));
                }
            />
        </label>
    }
}

#[component]
fn ProblemEditor(id: String, expanded: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pid = StoredValue::new(id);
    let ro = move || state.doc.read_only.get();
    let categories = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.categories
                        .iter()
                        .map(|c| (c.id.clone(), c.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let rules = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.rules
                        .iter()
                        .map(|r| {
                            (
                                r.id.clone(),
                                r.title.clone(),
                                r.problem_ids.contains(&pid.get_value()),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let log = Memo::new(move |_| with_problem(state, &pid.get_value(), |p| p.progress_log.clone()));
    let entry_date = RwSignal::new(format_date(Some(platform::today())));
    let entry_text = RwSignal::new(String::new());
    view! {
        <div class="problem-editor" role="group" aria-label={state.tr(|t| t.problem_details)}>
            {move || {
                let mine: Vec<_> = state.doc.conflicts.with(|c| {
                    c.iter().filter(|c| c.problem_id.as_deref() == Some(pid.get_value().as_str())).cloned().collect()
                });
                (!mine.is_empty()).then(|| view! {
                    <div class="problem-conflicts">
                        {mine.into_iter().map(|c| view! { <super::history::ConflictCard conflict=c/> }).collect_view()}
                    </div>
                })
            }}
            <TextField pid=pid field=ProblemText::Description rows=2/>
            <TextField pid=pid field=ProblemText::Cause/>
            <TextField pid=pid field=ProblemText::Measures/>
            <TextField pid=pid field=ProblemText::Progress/>
            // a form for autofill's sake too (TextField); with several fields, Enter submits nothing
            <form class="field-grid" on:submit=|e| e.prevent_default()>
                <ShortField pid=pid field=ProblemField::Lead/>
                <label class="field">
                    {state.tr(|t| t.departments)}
                    <input
                        type="text"
                        placeholder={state.tr(|t| t.departments_placeholder)}
                        readonly=ro
                        prop:value=move || with_problem(state, &pid.get_value(), |p| p.departments.join("、"))
                        on:change=move |e| {
                            let v = split_departments(&event_target_value(&e));
                            state.doc.edit(|d| d.set_departments(&pid.get_value(), &v));
                        }
                    />
                </label>
                <ShortField pid=pid field=ProblemField::Owner/>
                <ShortField pid=pid field=ProblemField::Deadline/>
                <ShortField pid=pid field=ProblemField::CompletedOn/>
                <label class="field">
                    {state.tr(|t| t.status)}
                    <select
                        disabled=ro
                        on:change=move |e| {
                            let s = Status::from_code(&event_target_value(&e));
                            state.doc.edit(|d| d.set_status(&pid.get_value(), &s, platform::today()));
                        }
                    >
                        {Status::ALL.iter().map(|s| {
                            let code = s.code().to_string();
                            let selected = move || with_problem(state, &pid.get_value(), |p| p.status.code() == code);
                            let value = s.code().to_string();
                            let s = s.clone();
                            view! { <option value=value prop:selected=selected>{move || state.t().status(&s)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field check">
                    <input
                        type="checkbox"
                        disabled=ro
                        prop:checked=move || with_problem(state, &pid.get_value(), |p| p.basically_done())
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            state.doc.edit(|d| d.set_basically_done(&pid.get_value(), on, platform::today()));
                        }
                    />
                    {state.tr(|t| t.basically_done_label)}
                </label>
                <label class="field">
                    {state.tr(|t| t.category)}
                    <select
                        disabled=ro
                        on:change=move |e| {
                            let c = event_target_value(&e);
                            state.doc.edit(|d| d.move_problem_to(&pid.get_value(), &c));
                        }
                    >
                        {move || {
                            let current = with_problem(state, &pid.get_value(), |p| p.category_id.clone());
                            categories.get().into_iter().map(|(id, title)| {
                                let selected = id == current;
                                view! { <option value=id prop:selected=selected>{title}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
            </form>
            <TextField pid=pid field=ProblemText::Evidence rows=2/>
            <fieldset class="rules-links">
                <legend>{state.tr(|t| t.linked_rules)}</legend>
                {move || {
                    let rules = rules.get();
                    if rules.is_empty() {
                        view! { <p class="hint">{state.t().no_rules_yet}</p> }.into_any()
                    } else {
                        rules.into_iter().map(|(rid, title, linked)| {
                            view! {
                                <label class="check">
                                    <input type="checkbox" disabled=ro prop:checked=linked on:change=move |e| {
                                        let on = event_target_checked(&e);
                                        state.doc.edit(|d| d.link_rule(&rid, &pid.get_value(), on));
                                    }/>
                                    {format!("《{title}》")}
                                </label>
                            }
                        }).collect_view().into_any()
                    }
                }}
            </fieldset>
            <section class="progress-log" aria-label={state.tr(|t| t.progress_log)}>
                <h4>{state.tr(|t| t.progress_log)}</h4>
                <ul>
                    {move || log.get().into_iter().rev().map(|e| {
                        let eid = e.id.clone();
                        let delete_label = state.t().delete_entry(&format_date(e.date));
                        view! {
                            <li>
                                <span class="log-date">{format_date(e.date)}</span>
                                <span class="log-author">{if e.author.is_empty() { state.t().unsigned.to_string() } else { e.author.clone() }}</span>
                                <span class="log-text">{e.text.clone()}</span>
                                <button class="small link" aria-label=delete_label disabled=ro on:click=move |_| {
                                    if platform::confirm(state.tu().confirm_delete_entry) {
                                        state.doc.edit(|d| d.delete_progress_entry(&pid.get_value(), &eid));
                                    }
                                }>{state.t().delete}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <form class="inline-form" on:submit=move |e| {
                    e.prevent_default();
                    let text = entry_text.get_untracked();
                    if text.trim().is_empty() {
                        state.notices.error(state.tu().entry_text_missing);
                        return;
                    }
                    let date = parse_date(&entry_date.get_untracked());
                    let author = state.prefs.my_name.get_untracked();
                    state.doc.edit(|d| d.add_progress_entry(&pid.get_value(), date, &author, &text));
                    entry_text.set(String::new());
                }>
                    <label>{state.tr(|t| t.entry_date)}<input type="date" prop:value=move || entry_date.get() on:change=move |e| entry_date.set(event_target_value(&e))/></label>
                    <label class="grow">{state.tr(|t| t.entry_text)}<input type="text" prop:value=move || entry_text.get() on:input=move |e| entry_text.set(event_target_value(&e))/></label>
                    <button type="submit" disabled=ro>{state.tr(|t| t.add_entry)}</button>
                </form>
            </section>
            <div class="editor-actions">
                <button class="small" disabled=ro on:click=move |_| { state.doc.edit(|d| d.move_problem(&pid.get_value(), -1)); }>{state.tr(|t| t.move_problem_up)}</button>
                <button class="small" disabled=ro on:click=move |_| { state.doc.edit(|d| d.move_problem(&pid.get_value(), 1)); }>{state.tr(|t| t.move_problem_down)}</button>
                <button class="small danger" disabled=ro on:click=move |_| {
                    if platform::confirm(state.tu().confirm_delete_problem) {
                        expanded.set(None);
                        state.doc.edit(|d| d.delete_problem(&pid.get_value()));
                    }
                }>{state.tr(|t| t.delete_problem)}</button>
                <button class="small" on:click=move |_| expanded.set(None)>{state.tr(|t| t.collapse)}</button>
            </div>
        </div>
    }
}
