//! 巡察轮次 · 汇总: the inspection office's screen — make a round, add units (ledgers of this
//! browser, or their files), the rollup table with its totals and sentence, the overdue and
//! due-soon problems across units, and per unit 审核 and 导出退回文件. What is counted and how
//! is the core's (`round::Rollup`); this view only lays it out.

use leptos::prelude::*;

use super::read_first_file;
use super::round_unit::UnitReview;
use super::state::{AppState, Shown};
use crate::platform;
use rectify_core::ledger::Status;
use rectify_core::round::rollup::percent_hundredths;
use rectify_core::round::UnitRow;

#[component]
pub fn RoundsView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rounds = state.rounds;
    view! {
        <section class="rounds">
            <h2>{state.tr(|t| t.rounds_heading)}</h2>
            {move || match rounds.reviewing.with(Option::is_some) {
                true => view! { <UnitReview/> }.into_any(),
                false => view! {
                    <p class="lead">{state.tr(|t| t.rounds_intro)}</p>
                    <RoundPicker/>
                    <NewRoundForm/>
                    {move || rounds.shown.get().map(|shown| view! { <RoundPanel shown/> })}
                }.into_any(),
            }}
        </section>
    }
}

/// The rounds of this browser, to choose one; and opening a round file.
#[component]
fn RoundPicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rounds = state.rounds;
    let selected = move |id: &str| {
        rounds
            .shown
            .with(|s| s.as_ref().is_some_and(|s| s.round.id == id))
    };
    view! {
        <div class="toolbar">
            <label>
                {state.tr(|t| t.choose_round)}
                <select on:change=move |e| rounds.show(&event_target_value(&e))>
                    <option value="" disabled=true prop:selected=move || rounds.shown.with(Option::is_none)>
                        {move || if rounds.list.with(Vec::is_empty) { state.t().no_rounds_yet } else { state.t().none_open }}
                    </option>
                    {move || rounds.list.get().into_iter().map(|r| {
                        let id = r.id.clone();
                        view! { <option value=r.id.clone() prop:selected=move || selected(&id)>{r.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="button file-button">
                {state.tr(|t| t.import_round_file)}
                <input type="file" aria-label={state.tr(|t| t.import_round_file)} accept=".rectify-round"
                    on:change=move |e| pick(state, &e)/>
            </label>
        </div>
    }
}

/// Read a picked file into the rounds' import (a round file, or a unit's ledger file).
fn pick(state: AppState, e: &leptos::ev::Event) {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = e.target().unwrap().unchecked_into();
    read_first_file(input.files(), move |name, read| match read {
        Ok(bytes) => state.rounds.import_bytes(&name, bytes),
        Err(e) => state.notices.error(state.tu().refusal(e)),
    });
    input.set_value("");
}

#[component]
fn NewRoundForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fields = [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ];
    let labels: [fn(&crate::i18n::Texts) -> &'static str; 4] = [
        |t| t.round_name,
        |t| t.round_body,
        |t| t.round_from,
        |t| t.round_to,
    ];
    view! {
        <details class="card">
            <summary>{state.tr(|t| t.new_round)}</summary>
            <form class="inline-form" on:submit=move |e| {
                e.prevent_default();
                let [name, body, from, to] = fields.map(|f| f.get_untracked());
                state.rounds.create(&name, &body, &from, &to);
                fields.iter().for_each(|f| f.set(String::new()));
            }>
                {fields.iter().zip(labels).map(|(&f, label)| view! {
                    <label>{state.tr(label)}
                        <input type="text" prop:value=move || f.get() on:input=move |e| f.set(event_target_value(&e))/>
                    </label>
                }).collect_view()}
                <button type="submit" class="primary">{state.tr(|t| t.create_round)}</button>
            </form>
        </details>
    }
}

/// The round shown: adding units, the question for a new unit, the rollup and the warnings.
#[component]
fn RoundPanel(shown: Shown) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let round = &shown.round;
    let dates = [round.from, round.to]
        .map(|d| d.map(|d| d.to_string()).unwrap_or_default())
        .join(" — ");
    let sentence = format!(
        "{}，{}。",
        shown.rollup.totals.sentence(),
        shown.rollup.totals.rules_sentence()
    );
    let missing = (!shown.missing.is_empty()).then(|| t.units_missing(&shown.missing));
    view! {
        <h3>{round.name.clone()}</h3>
        <p class="muted">{round.body.clone()}" "{dates}</p>
        <AddUnits/>
        {missing.map(|m| view! { <p class="notice info">{m}</p> })}
        <p class="round-sentence">{sentence}</p>
        <RollupTable shown=shown.clone()/>
        <RoundWarnings shown/>
        <p class="toolbar">
            <button on:click=move |_| state.rounds.export_report()>{state.tr(|t| t.export_round_report)}</button>
            <button on:click=move |_| state.rounds.export_round()>{state.tr(|t| t.export_round_file)}</button>
        </p>
    }
}

#[component]
fn AddUnits() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rounds = state.rounds;
    let chosen = RwSignal::new(String::new());
    view! {
        <div class="toolbar">
            <label>
                {state.tr(|t| t.add_browser_ledger)}
                <select on:change=move |e| chosen.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {move || state.library.ledgers.get().into_iter().map(|e| view! {
                        <option value=e.id.clone()>{rectify_core::ledger::without_bidi_controls(&e.name)}</option>
                    }).collect_view()}
                </select>
            </label>
            <button on:click=move |_| {
                let id = chosen.get_untracked();
                if !id.is_empty() { rounds.add_stored(&id) }
            }>{state.tr(|t| t.add_ledger_button)}</button>
            <label class="button file-button">
                {state.tr(|t| t.import_unit_file)}
                <input type="file" aria-label={state.tr(|t| t.import_unit_file)} accept=".rectify,application/octet-stream"
                    on:change=move |e| pick(state, &e)/>
            </label>
        </div>
        {move || rounds.pending.get().map(|name| view! {
            <div class="notice info" role="alertdialog" aria-label={state.t().add_unit}>
                <span>{state.t().ask_add_unit(&name)}</span>
                <button class="primary" on:click=move |_| rounds.accept()>{state.tr(|t| t.add_unit)}</button>
                <button on:click=move |_| rounds.cancel()>{state.tr(|t| t.cancel)}</button>
            </div>
        })}
    }
}

/// One number cell per count the table shows, in its column order.
fn figures(row_counts: &rectify_core::ledger::Counts, rules: usize) -> [usize; 11] {
    let c = row_counts;
    [
        c.total,
        c.done,
        c.ongoing,
        c.in_progress,
        c.not_started,
        c.red,
        c.yellow,
        rules,
        c.awaiting_sign_off,
        c.signed_off,
        c.returned,
    ]
}

#[component]
fn RollupTable(shown: Shown) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let statuses = [
        Status::Done,
        Status::Ongoing,
        Status::InProgress,
        Status::NotStarted,
    ]
    .map(|s| t.status(&s));
    let head = [t.column_unit.to_string(), t.column_problems.to_string()]
        .into_iter()
        .chain(statuses)
        .chain(
            [
                t.column_rate,
                t.column_red,
                t.column_yellow,
                t.column_rules,
                t.column_awaiting,
                t.column_signed_off,
                t.column_returned,
                t.column_last_update,
                t.column_actions,
            ]
            .map(str::to_string),
        );
    let totals = &shown.rollup.totals;
    let total_cells = figures(&totals.problems, totals.rules);
    view! {
        <table class="rollup" aria-label=t.rollup_table>
            <thead><tr>{head.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>{shown.rollup.rows.iter().map(|row| view! { <UnitLine row=row.clone()/> }).collect_view()}</tbody>
            <tfoot><tr>
                <th scope="row">{t.totals_row}</th>
                {total_cells[..5].iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                <td>{percent_hundredths(totals.rate())}</td>
                {total_cells[5..].iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                <td></td><td></td>
            </tr></tfoot>
        </table>
    }
}

#[component]
fn UnitLine(row: UnitRow) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let cells = figures(&row.counts, row.rules);
    let last = row.activity.last_change.map(|s| {
        let who = row
            .activity
            .last_author
            .as_ref()
            .map(|a| t.author(a))
            .unwrap_or_default();
        format!("{} {who}", platform::local_time_label(s))
    });
    let (review_id, send_id) = (row.ledger_id.clone(), row.ledger_id.clone());
    view! {
        <tr>
            <th scope="row">{row.name.clone()}</th>
            {cells[..5].iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
            <td>{percent_hundredths(row.rate)}</td>
            {cells[5..].iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
            <td>{last.unwrap_or_default()}</td>
            <td class="actions">
                <button class="small" aria-label=format!("{} {}", t.review_unit, row.name) on:click=move |_| state.rounds.review(&review_id)>{t.review_unit}</button>
                <button class="small" aria-label=format!("{} {}", t.send_back, row.name) on:click=move |_| state.rounds.send_back(&send_id)>{t.send_back}</button>
            </td>
        </tr>
    }
}

#[component]
fn RoundWarnings(shown: Shown) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let items: Vec<String> = shown
        .rollup
        .warnings()
        .into_iter()
        .map(|(row, w)| {
            format!(
                "{} · {} {} · {}",
                row.name,
                t.light(w.light),
                w.title,
                t.days_left(w.days_left)
            )
        })
        .collect();
    view! {
        <h3>{t.round_warnings}</h3>
        {if items.is_empty() {
            view! { <p class="muted">{t.no_round_warnings}</p> }.into_any()
        } else {
            view! { <ul class="round-warnings">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
        }}
    }
}
