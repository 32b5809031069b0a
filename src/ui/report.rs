//! 周报告 — what changed in a period (this week by default): counts at its start and end,
//! completions, status changes, progress entries, new rules, overdue items; print or copy.

use leptos::prelude::*;

use super::state::AppState;
use crate::platform;
use rectify_core::document::{end_of_day, start_of_day};
use rectify_core::ledger::{format_date, parse_date, weekly_report_with, Period, WeeklyReport};

#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let week = Period::week_of(platform::today());
    let from = RwSignal::new(format_date(Some(week.from)));
    let to = RwSignal::new(format_date(Some(week.to)));
    let made = Memo::new(move |_| -> Result<(WeeklyReport, String), String> {
        let (Some(a), Some(b)) = (parse_date(&from.get()), parse_date(&to.get())) else {
            return Err(state.t().pick_period.into());
        };
        let period = Period::new(a, b);
        let offset = platform::utc_offset_secs();
        // the end of the period: the ledger as it stands when the period runs to today or later
        let now = state.doc.ledger.get().ok_or(state.t().no_open_ledger)?;
        let after = if period.to >= platform::today() {
            now.clone()
        } else {
            state
                .doc
                .ledger_at(end_of_day(period.to, offset))
                .ok_or_else(|| state.t().no_record_on(&period.to.to_string()))?
        };
        let start = start_of_day(period.from, offset);
        let before = state.doc.ledger_at(start);
        let created = state.doc.statuses_at_creation(start);
        let report =
            weekly_report_with(before.as_ref(), &after, period, platform::today(), &created);
        let text = report.to_text(&now.display_name());
        Ok((report, text))
    });
    let text = move || made.with(|m| m.as_ref().map(|(_, t)| t.clone()).unwrap_or_default());
    let copy = move |_| {
        let t = text();
        leptos::task::spawn_local(async move {
            match platform::copy_text(&t).await {
                Ok(()) => state.notices.info(state.tu().report_copied),
                Err(e) => state.notices.error(state.tu().refusal(e)),
            }
        });
    };
    let download = move |_| {
        let name = state
            .doc
            .ledger
            .with_untracked(|l| l.as_ref().map(|l| l.display_name()))
            .unwrap_or_default();
        let file = format!("{}-周报告-{}.txt", name, from.get_untracked());
        if let Err(e) = platform::download(text().as_bytes(), &file, "text/plain;charset=utf-8") {
            state.notices.error(state.tu().refusal(e));
        }
    };
    view! {
        <section class="report">
            <div class="no-print">
                <h2>{state.tr(|t| t.tab_report)}</h2>
                <p class="hint">{state.tr(|t| t.report_hint)}</p>
                <div class="inline-form">
                    <label>{state.tr(|t| t.from_date)}<input type="date" prop:value=move || from.get() on:change=move |e| from.set(event_target_value(&e))/></label>
                    <label>{state.tr(|t| t.to_date)}<input type="date" prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e))/></label>
                    <button on:click=move |_| {
                        let w = Period::week_of(platform::today());
                        from.set(format_date(Some(w.from)));
                        to.set(format_date(Some(w.to)));
                    }>{state.tr(|t| t.this_week)}</button>
                    <button on:click=move |_| {
                        let w = Period::week_of(platform::today() - chrono::Duration::days(7));
                        from.set(format_date(Some(w.from)));
                        to.set(format_date(Some(w.to)));
                    }>{state.tr(|t| t.last_week)}</button>
                </div>
                <div class="bulletin-actions">
                    <button class="primary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{state.tr(|t| t.print)}</button>
                    <button on:click=copy>{state.tr(|t| t.copy_text)}</button>
                    <button on:click=download>{state.tr(|t| t.download_txt)}</button>
                </div>
            </div>
            {move || { let t = state.t(); made.with(|m| match m {
                Err(e) => view! { <p class="notice error" role="alert">{e.clone()}</p> }.into_any(),
                Ok((r, _)) => view! {
                    <table class="report-counts" aria-label=t.start_and_end>
                        <thead><tr><th></th><th>{t.problems_total}</th><th>{t.fig_finished}</th><th>{t.status(&rectify_core::ledger::Status::InProgress)}</th><th>{t.status(&rectify_core::ledger::Status::NotStarted)}</th><th>{t.fig_rate}</th><th>{t.tab_rules}</th></tr></thead>
                        <tbody>
                            <tr><th>{t.period_start}</th><td>{r.start.problems}</td><td>{r.start.finished}</td><td>{r.start.in_progress}</td><td>{r.start.not_started}</td><td>{r.start.completion_rate()}</td><td>{r.start.rules}</td></tr>
                            <tr><th>{t.period_end}</th><td>{r.end.problems}</td><td>{r.end.finished}</td><td>{r.end.in_progress}</td><td>{r.end.not_started}</td><td>{r.end.completion_rate()}</td><td>{r.end.rules}</td></tr>
                        </tbody>
                    </table>
                }.into_any(),
            }) }}
            <pre class="report-text" aria-label={state.tr(|t| t.report_text)}>{text}</pre>
        </section>
    }
}
