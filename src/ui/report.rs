//! 周报告 — what changed in a period (this week by default): counts at its start and end,
//! completions, status changes, progress entries, new rules, overdue items; print or copy.

use leptos::prelude::*;

use super::state::AppState;
use crate::document::{end_of_day, start_of_day};
use crate::ledger::{format_date, parse_date, weekly_report, Period, WeeklyReport};
use crate::platform;

#[component]
pub fn ReportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let week = Period::week_of(platform::today());
    let from = RwSignal::new(format_date(Some(week.from)));
    let to = RwSignal::new(format_date(Some(week.to)));
    let made = Memo::new(move |_| -> Result<(WeeklyReport, String), String> {
        let (Some(a), Some(b)) = (parse_date(&from.get()), parse_date(&to.get())) else {
            return Err("请选择起止日期。".into());
        };
        let period = Period::new(a, b);
        let offset = platform::utc_offset_secs();
        // the end of the period: the ledger as it stands when the period runs to today or later
        let now = state.ledger.get().ok_or("没有打开的台账")?;
        let after = if period.to >= platform::today() {
            now.clone()
        } else {
            state
                .ledger_at(end_of_day(period.to, offset))
                .ok_or_else(|| format!("{} 时本机还没有这本台账的记录。", period.to))?
        };
        let before = state.ledger_at(start_of_day(period.from, offset));
        let report = weekly_report(before.as_ref(), &after, period);
        let text = report.to_text(&now.display_name());
        Ok((report, text))
    });
    let text = move || made.with(|m| m.as_ref().map(|(_, t)| t.clone()).unwrap_or_default());
    let copy = move |_| {
        let t = text();
        leptos::task::spawn_local(async move {
            match platform::copy_text(&t).await {
                Ok(()) => state.info("已复制周报告全文，可粘贴到微信、邮件或 Word 中。"),
                Err(e) => state.error(e),
            }
        });
    };
    let download = move |_| {
        let name = state
            .ledger
            .with_untracked(|l| l.as_ref().map(|l| l.display_name()))
            .unwrap_or_default();
        let file = format!("{}-周报告-{}.txt", name, from.get_untracked());
        if let Err(e) = platform::download(text().as_bytes(), &file, "text/plain;charset=utf-8") {
            state.error(e);
        }
    };
    view! {
        <section class="report">
            <div class="no-print">
                <h2>"周报告"</h2>
                <p class="hint">"按修改记录比较期初和期末的台账：完成了哪些问题、状态怎样变化、记了哪些进展、新建了哪些制度、哪些已逾期。默认本周（周一至周日）。"</p>
                <div class="inline-form">
                    <label>"起始日期"<input type="date" prop:value=move || from.get() on:change=move |e| from.set(event_target_value(&e))/></label>
                    <label>"结束日期"<input type="date" prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e))/></label>
                    <button on:click=move |_| {
                        let w = Period::week_of(platform::today());
                        from.set(format_date(Some(w.from)));
                        to.set(format_date(Some(w.to)));
                    }>"本周"</button>
                    <button on:click=move |_| {
                        let w = Period::week_of(platform::today() - chrono::Duration::days(7));
                        from.set(format_date(Some(w.from)));
                        to.set(format_date(Some(w.to)));
                    }>"上周"</button>
                </div>
                <div class="bulletin-actions">
                    <button class="primary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"打印"</button>
                    <button on:click=copy>"复制全文"</button>
                    <button on:click=download>"下载（.txt）"</button>
                </div>
            </div>
            {move || made.with(|m| match m {
                Err(e) => view! { <p class="notice error" role="alert">{e.clone()}</p> }.into_any(),
                Ok((r, _)) => view! {
                    <table class="report-counts" aria-label="期初与期末">
                        <thead><tr><th></th><th>"问题总数"</th><th>"已完成（含长期坚持）"</th><th>"整改中"</th><th>"未启动"</th><th>"完成率"</th><th>"建章立制"</th></tr></thead>
                        <tbody>
                            <tr><th>"期初"</th><td>{r.start.problems}</td><td>{r.start.finished}</td><td>{r.start.in_progress}</td><td>{r.start.not_started}</td><td>{r.start.completion_rate()}</td><td>{r.start.rules}</td></tr>
                            <tr><th>"期末"</th><td>{r.end.problems}</td><td>{r.end.finished}</td><td>{r.end.in_progress}</td><td>{r.end.not_started}</td><td>{r.end.completion_rate()}</td><td>{r.end.rules}</td></tr>
                        </tbody>
                    </table>
                }.into_any(),
            })}
            <pre class="report-text" aria-label="周报告全文">{text}</pre>
        </section>
    }
}
