//! 进度 — the progress view: overall figures, the red/yellow list, status bars by category and
//! department, completions over time. Every figure comes from `ledger::progress`; this only draws.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::ev;
use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::i18n::Texts;
use crate::platform;
use rectify_core::document::ProblemField;
use rectify_core::ledger::progress::{
    axis_ticks, segments, GroupRow, Progress, Rate, Segment, Warning,
};
use rectify_core::ledger::{format_date, Light, Status};

/// Width of every chart's coordinate system; the SVG scales to the page.
const W: f64 = 960.0;

fn month_day(t: &Texts, d: NaiveDate) -> String {
    t.month_day(d.month(), d.day())
}

/// The status segments with their names in the UI's language.
fn segments_in(t: &Texts, counts: &rectify_core::ledger::Counts) -> Vec<Segment> {
    segments(counts)
        .into_iter()
        .map(|s| Segment {
            label: t.status_code(&s.code),
            ..s
        })
        .collect()
}

/// Shorten a label drawn in a chart; its `<title>` and the table beneath show it whole.
fn clip(text: &str, chars: usize) -> String {
    if text.chars().count() > chars {
        let cut: String = text.chars().take(chars - 1).collect();
        format!("{cut}…")
    } else {
        text.to_string()
    }
}

fn px(v: f64) -> String {
    format!("{v:.1}")
}

#[component]
pub fn ProgressView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = platform::today();
    // Recomputed whenever the ledger changes: an edit, another tab's save, an import or merge.
    let progress = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                // departments that are equally far along in pinyin order
                .map(|l| Progress::of_named(l, today, &platform::zh_sorted(l.departments())))
                .unwrap_or_default()
        })
    });
    let name = move || {
        state
            .doc
            .ledger
            .with(|l| l.as_ref().map(|l| l.display_name()).unwrap_or_default())
    };
    view! {
        <section class="progress-view">
            <h2 class="ledger-title">{name}{state.tr(|t| t.progress_title)}</h2>
            {move || { let t = state.t(); progress.with(|p| summary(t, p)) }}
            {move || { let t = state.t(); progress.with(|p| warning_list(t, p, state)) }}
            {move || { let t = state.t(); progress.with(|p| status_chart(t, p)) }}
            {move || { let t = state.t(); progress.with(|p| group_chart(t, t.by_category, t.category_column, &p.by_category, segments_in(t, &p.problems))) }}
            {move || { let t = state.t(); progress.with(|p| group_chart(t, t.by_department, t.department_column, &p.by_department, segments_in(t, &p.problems))) }}
            {move || { let t = state.t(); progress.with(|p| weekly_chart(t, p)) }}
            {move || { let t = state.t(); progress.with(|p| cumulative_chart(t, p)) }}
        </section>
    }
}

fn summary(t: &'static Texts, p: &Progress) -> impl IntoView {
    let c = &p.problems;
    let figures = [
        (t.fig_problems, t.count(c.total)),
        (t.fig_finished, t.count(c.finished())),
        (t.fig_rate, p.rate.label()),
        (
            t.fig_categories_done,
            t.part_of(p.category_rate.part, p.category_rate.whole),
        ),
        (t.fig_category_rate, p.category_rate.label()),
        (t.light(Light::Red), t.count(c.red)),
        (t.light(Light::Yellow), t.count(c.yellow)),
        (t.light(Light::Green), t.count(c.green)),
    ];
    view! {
        <dl class="summary" aria-label=t.progress_summary>
            {figures
                .into_iter()
                .map(|(term, value)| view! { <div class="figure"><dt>{term}</dt><dd>{value}</dd></div> })
                .collect_view()}
        </dl>
        <p class="hint">
            {t.progress_hint(&format_date(Some(p.today)), p.warn_days)}
        </p>
    }
}

/// The colour key of the status bars.
fn legend(segments: &[Segment]) -> impl IntoView {
    let items = segments
        .iter()
        .map(|s| {
            view! {
                <li><span class=format!("swatch {}", s.code)></span>{s.label.clone()}</li>
            }
        })
        .collect_view();
    view! { <ul class="legend" aria-hidden="true">{items}</ul> }
}

/// One row of a horizontal stacked bar chart.
struct Bar {
    label: String,
    segments: Vec<Segment>,
    /// drawn right of the bar (e.g. the completion rate)
    note: String,
}

/// Horizontal bars, each split into status segments, with a count axis on top.
fn stacked_bars(t: &Texts, aria: String, bars: Vec<Bar>) -> impl IntoView {
    const LABEL: f64 = 250.0;
    const LEFT: f64 = 262.0;
    const RIGHT: f64 = W - 100.0;
    const TOP: f64 = 26.0;
    const ROW: f64 = 28.0;
    const BAR: f64 = 18.0;
    let height = TOP + ROW * bars.len() as f64 + 6.0;
    let max = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.count).sum::<usize>())
        .max()
        .unwrap_or(0);
    let ticks = axis_ticks(max);
    let top_tick = ticks.last().copied().unwrap_or(1).max(1) as f64;
    let scale = (RIGHT - LEFT) / top_tick;
    let grid = ticks
        .into_iter()
        .map(|t| {
            let x = LEFT + t as f64 * scale;
            view! {
                <line class="grid" x1=px(x) x2=px(x) y1=px(TOP - 4.0) y2=px(height - 4.0)></line>
                <text class="tick" x=px(x) y=px(TOP - 10.0)>{t.to_string()}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
            let mut x = LEFT;
            let label = bar.label.clone();
            let pieces = bar
                .segments
                .iter()
                .filter(|s| s.count > 0)
                .map(|s| {
                    let w = s.count as f64 * scale;
                    let at = x;
                    x += w;
                    let tip = t.segment_tip(&label, &s.label, s.count);
                    let number = (w >= 16.0).then(|| {
                        view! {
                            <text class="in-bar" x=px(at + w / 2.0) y=px(y + BAR / 2.0 + 4.5)>{s.count.to_string()}</text>
                        }
                    });
                    view! {
                        <g>
                            <rect class=format!("seg {}", s.code) x=px(at) y=px(y) width=px(w) height=px(BAR)>
                                <title>{tip}</title>
                            </rect>
                            {number}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="bar-row">
                    <text class="row-label" x=px(LABEL) y=px(y + BAR / 2.0 + 4.5)>
                        <title>{bar.label.clone()}</title>
                        {clip(&bar.label, 18)}
                    </text>
                    {pieces}
                    <text class="note" x=px(RIGHT + 8.0) y=px(y + BAR / 2.0 + 4.5)>{bar.note}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" role="img" aria-label=aria viewBox=format!("0 0 {W} {height}")>
            {grid}
            {rows}
        </svg>
    }
}

fn status_chart(t: &'static Texts, p: &Progress) -> impl IntoView {
    let all = segments_in(t, &p.problems);
    let total = p.problems.total;
    let bars = all
        .iter()
        .map(|s| Bar {
            label: s.label.clone(),
            segments: vec![s.clone()],
            note: Rate::new(s.count, total).label(),
        })
        .collect();
    let aria = t.status_chart_aria(
        &all.iter()
            .map(|s| (s.label.clone(), s.count))
            .collect::<Vec<_>>(),
    );
    let rows = all
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.label.clone()}</th>
                    <td class="num">{s.count.to_string()}</td>
                    <td class="num">{Rate::new(s.count, total).label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="chart-block" aria-labelledby="chart-status">
            <h3 id="chart-status">{t.by_status}</h3>
            {stacked_bars(t, aria, bars)}
            <table class="chart-table" aria-label=t.by_status>
                <thead><tr><th scope="col">{t.status_column}</th><th scope="col">{t.problem_count}</th><th scope="col">{t.share}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{t.total}</th><td class="num">{total.to_string()}</td><td class="num">{p.rate.label()}{t.finished_suffix}</td></tr></tfoot>
            </table>
        </section>
    }
}

/// Stacked status bars for categories or departments, most behind first, and their table.
fn group_chart(
    t: &'static Texts,
    heading: &'static str,
    column: &'static str,
    rows: &[GroupRow],
    key: Vec<Segment>,
) -> impl IntoView {
    let id = if column == t.category_column {
        "chart-category"
    } else {
        "chart-department"
    };
    let with_other = rows.iter().any(|r| r.counts.other > 0);
    let bars: Vec<Bar> = rows
        .iter()
        .map(|r| Bar {
            label: t.group_name(&r.name),
            segments: segments_in(t, &r.counts),
            note: r.rate.label(),
        })
        .collect();
    let body = if rows.is_empty() {
        view! { <p class="hint">{t.no_problems}</p> }.into_any()
    } else {
        let aria = t.group_chart_aria(heading, rows.len());
        view! { {legend(&key)} {stacked_bars(t, aria, bars)} }.into_any()
    };
    let table_rows = rows
        .iter()
        .map(|r| {
            let c = &r.counts;
            view! {
                <tr>
                    <th scope="row">{t.group_name(&r.name)}</th>
                    <td class="num">{c.total.to_string()}</td>
                    <td class="num">{c.not_started.to_string()}</td>
                    <td class="num">{c.in_progress.to_string()}</td>
                    <td class="num">{c.done.to_string()}</td>
                    <td class="num">{c.ongoing.to_string()}</td>
                    {with_other.then(|| view! { <td class="num">{c.other.to_string()}</td> })}
                    <td class="num">{r.rate.label()}</td>
                    <td class="num">{c.red.to_string()}</td>
                    <td class="num">{c.yellow.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="chart-block" aria-labelledby=id>
            <h3 id=id>{heading}</h3>
            {body}
            <table class="chart-table" aria-label=heading>
                <thead>
                    <tr>
                        <th scope="col">{column}</th>
                        <th scope="col">{t.problem_count}</th>
                        <th scope="col">{t.status(&Status::NotStarted)}</th>
                        <th scope="col">{t.status(&Status::InProgress)}</th>
                        <th scope="col">{t.status(&Status::Done)}</th>
                        <th scope="col">{t.status(&Status::Ongoing)}</th>
                        {with_other.then(|| view! { <th scope="col">{t.other_status}</th> })}
                        <th scope="col">{t.fig_rate}</th>
                        <th scope="col">{t.light(Light::Red)}</th>
                        <th scope="col">{t.light(Light::Yellow)}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
        </section>
    }
}

/// Completions per ISO week: vertical bars.
fn weekly_chart(t: &'static Texts, p: &Progress) -> impl IntoView {
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = W - 12.0;
    const TOP: f64 = 24.0;
    const BOTTOM: f64 = 200.0;
    const HEIGHT: f64 = 246.0;
    let weeks = &p.timeline.weeks;
    let body = if weeks.is_empty() {
        view! { <p class="hint">{t.no_completions}</p> }.into_any()
    } else {
        let max = weeks.iter().map(|w| w.completed).max().unwrap_or(0);
        let ticks = axis_ticks(max);
        let top_tick = ticks.last().copied().unwrap_or(1).max(1) as f64;
        let scale = (BOTTOM - TOP) / top_tick;
        let slot = (RIGHT - LEFT) / weeks.len() as f64;
        let bar = (slot * 0.7).min(48.0);
        // at most about 16 date labels under the bars
        let every = weeks.len().div_ceil(16);
        let grid = ticks
            .into_iter()
            .map(|t| {
                let y = BOTTOM - t as f64 * scale;
                view! {
                    <line class="grid" x1=px(LEFT) x2=px(RIGHT) y1=px(y) y2=px(y)></line>
                    <text class="tick y" x=px(LEFT - 6.0) y=px(y + 4.0)>{t.to_string()}</text>
                }
            })
            .collect_view();
        let bars = weeks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cx = LEFT + slot * (i as f64 + 0.5);
                let h = w.completed as f64 * scale;
                let tip = t.week_tip(
                    &w.label(),
                    &month_day(t, w.start),
                    &month_day(t, w.start + Duration::days(6)),
                    w.completed,
                );
                let labels = (i % every == 0).then(|| {
                    view! {
                        <text class="tick" x=px(cx) y=px(BOTTOM + 16.0)>{format!("W{:02}", w.week)}</text>
                        <text class="tick small" x=px(cx) y=px(BOTTOM + 32.0)>{month_day(t, w.start)}</text>
                    }
                });
                view! {
                    <g>
                        <rect class="seg week" x=px(cx - bar / 2.0) y=px(BOTTOM - h) width=px(bar) height=px(h.max(0.5))>
                            <title>{tip}</title>
                        </rect>
                        {(w.completed > 0).then(|| view! { <text class="tick" x=px(cx) y=px(BOTTOM - h - 4.0)>{w.completed.to_string()}</text> })}
                        {labels}
                    </g>
                }
            })
            .collect_view();
        let aria = t.weekly_aria(
            weeks.len(),
            weeks.iter().map(|w| w.completed).sum::<usize>(),
        );
        view! {
            <svg class="chart" role="img" aria-label=aria viewBox=format!("0 0 {W} {HEIGHT}")>
                {grid}
                <line class="axis" x1=px(LEFT) x2=px(RIGHT) y1=px(BOTTOM) y2=px(BOTTOM)></line>
                {bars}
            </svg>
        }
        .into_any()
    };
    let rows = weeks
        .iter()
        .map(|w| {
            view! {
                <tr>
                    <th scope="row">{w.label()}</th>
                    <td>{t.date_range(&format_date(Some(w.start)), &format_date(Some(w.start + Duration::days(6))))}</td>
                    <td class="num">{w.completed.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="chart-block" aria-labelledby="chart-weeks">
            <h3 id="chart-weeks">{t.weekly}</h3>
            {body}
            <table class="chart-table" aria-label=t.weekly>
                <thead><tr><th scope="col">{t.week}</th><th scope="col">{t.dates}</th><th scope="col">{t.completed_count}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// The cumulative completed line against the cumulative deadlines line (step lines).
fn cumulative_chart(tx: &'static Texts, p: &Progress) -> impl IntoView {
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = W - 16.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 220.0;
    const HEIGHT: f64 = 250.0;
    let t = &p.timeline;
    let points = &t.cumulative;
    let axis = t.axis();
    let body = match axis {
        Some(axis) => {
            // the axis ends before far deadlines only (`TimeAxis`): those sit on its right edge
            let (first, last) = (axis.start, axis.end);
            let span = (last - first).num_days().max(1) as f64;
            let x = move |d: NaiveDate| {
                LEFT + (d.min(last) - first).num_days() as f64 / span * (RIGHT - LEFT)
            };
            let max = points
                .iter()
                .map(|c| c.completed.max(c.due))
                .max()
                .unwrap_or(0);
            let ticks = axis_ticks(max);
            let top_tick = ticks.last().copied().unwrap_or(1).max(1) as f64;
            let y = |n: usize| BOTTOM - n as f64 * (BOTTOM - TOP) / top_tick;
            let step_path = |value: &dyn Fn(usize) -> usize| {
                let mut d = format!("M{} {}", px(LEFT), px(y(0)));
                for (i, c) in points.iter().enumerate() {
                    d.push_str(&format!(" H{} V{}", px(x(c.date)), px(y(value(i)))));
                }
                d.push_str(&format!(" H{}", px(RIGHT)));
                d
            };
            let completed_path = step_path(&|i| points[i].completed);
            let due_path = step_path(&|i| points[i].due);
            let grid = ticks
                .into_iter()
                .map(|n| {
                    view! {
                        <line class="grid" x1=px(LEFT) x2=px(RIGHT) y1=px(y(n)) y2=px(y(n))></line>
                        <text class="tick y" x=px(LEFT - 6.0) y=px(y(n) + 4.0)>{n.to_string()}</text>
                    }
                })
                .collect_view();
            // date labels: the first and last dates and the first of each month between,
            // skipping months too close to the previous label
            let years = first.year() != last.year();
            let gap = if years { 90.0 } else { 70.0 };
            let date_label = move |d: NaiveDate| {
                if years {
                    format_date(Some(d))
                } else {
                    month_day(tx, d)
                }
            };
            let mut marks = vec![first];
            let mut last_x = x(first);
            let mut month =
                NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
            loop {
                month = if month.month() == 12 {
                    NaiveDate::from_ymd_opt(month.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1)
                }
                .unwrap_or(last);
                if month >= last {
                    break;
                }
                if x(month) - last_x >= gap && x(last) - x(month) >= gap {
                    marks.push(month);
                    last_x = x(month);
                }
            }
            if last != first {
                marks.push(last);
            }
            let dates = marks
                .into_iter()
                .map(|d| {
                    // the ends' labels stay inside the chart
                    let class = if d == first {
                        "tick start"
                    } else if d == last {
                        "tick end"
                    } else {
                        "tick"
                    };
                    view! {
                        <line class="grid" x1=px(x(d)) x2=px(x(d)) y1=px(BOTTOM) y2=px(BOTTOM + 4.0)></line>
                        <text class=class x=px(x(d)) y=px(BOTTOM + 18.0)>{date_label(d)}</text>
                    }
                })
                .collect_view();
            let dots = points
                .iter()
                .map(|c| {
                    let tip = tx.cumulative_tip(&format_date(Some(c.date)), c.completed, c.due);
                    view! {
                        <g>
                            <circle class="dot due" cx=px(x(c.date)) cy=px(y(c.due)) r="3.5"><title>{tip.clone()}</title></circle>
                            <circle class="dot done" cx=px(x(c.date)) cy=px(y(c.completed)) r="3.5"><title>{tip}</title></circle>
                        </g>
                    }
                })
                .collect_view();
            let aria = tx.cumulative_aria(
                &format_date(Some(first)),
                &format_date(Some(last)),
                points.last().map_or(0, |c| c.completed),
                points.last().map_or(0, |c| c.due),
            );
            view! {
                <ul class="legend" aria-hidden="true">
                    <li><span class="swatch line-done"></span>{tx.cumulative_done_legend}</li>
                    <li><span class="swatch line-due"></span>{tx.cumulative_due_legend}</li>
                </ul>
                <svg class="chart" role="img" aria-label=aria viewBox=format!("0 0 {W} {HEIGHT}")>
                    {grid}
                    <line class="axis" x1=px(LEFT) x2=px(RIGHT) y1=px(BOTTOM) y2=px(BOTTOM)></line>
                    {dates}
                    <path class="line due" d=due_path></path>
                    <path class="line done" d=completed_path></path>
                    {dots}
                </svg>
                {(axis.beyond > 0).then(|| view! {
                    <p class="hint beyond">{tx.deadlines_beyond(axis.beyond, &format_date(Some(axis.latest)))}</p>
                })}
            }
            .into_any()
        }
        None => view! { <p class="hint">{tx.no_timeline}</p> }.into_any(),
    };
    let rows = points
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{format_date(Some(c.date))}</th>
                    <td class="num">{c.completed.to_string()}</td>
                    <td class="num">{c.due.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="chart-block" aria-labelledby="chart-cumulative">
            <h3 id="chart-cumulative">{tx.cumulative}</h3>
            {body}
            <p class="hint">
                {tx.cumulative_hint(t.without_deadline, t.finished_without_date)}
            </p>
            <table class="chart-table" aria-label=tx.cumulative>
                <thead><tr><th scope="col">{tx.date}</th><th scope="col">{tx.cumulative_done}</th><th scope="col">{tx.cumulative_due}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Red and yellow problems, most urgent first; each opens the problem in the checklist.
fn warning_list(t: &'static Texts, p: &Progress, state: AppState) -> impl IntoView {
    let rows = p
        .warnings
        .iter()
        .map(|w: &Warning| {
            let id = w.problem_id.clone();
            let open = move |e: ev::MouseEvent| {
                e.prevent_default();
                state.open_problem.set(Some(id.clone()));
                state.screen.set(Screen::Checklist);
            };
            let light: Light = w.light;
            view! {
                <tr class=light.code()>
                    <td><span class=format!("light {}", light.code())></span>" "{t.light(light)}</td>
                    <td class="num">{w.number.to_string()}</td>
                    <th scope="row">
                        <a href=format!("#problem-{}", w.problem_id) on:click=open>{w.title.clone()}</a>
                    </th>
                    <td>{w.owner.clone()}</td>
                    <td>{w.departments.join("、")}</td>
                    <td>{format_date(Some(w.deadline))}</td>
                    <td class="days">{t.days_left(w.days_left)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = p.warnings.is_empty();
    let red = p.red().count();
    let yellow = p.yellow().count();
    view! {
        <section class="chart-block warnings" aria-labelledby="chart-warnings">
            <h3 id="chart-warnings">{t.warnings_heading(red, yellow)}</h3>
            {if empty {
                view! { <p class="hint">{t.no_warnings}</p> }.into_any()
            } else {
                view! {
                    <table class="warning-table" aria-label=t.warnings>
                        <thead>
                            <tr>
                                <th scope="col">{t.warning_column}</th>
                                <th scope="col">{t.number_column}</th>
                                <th scope="col">{t.problem_column}</th>
                                <th scope="col">{t.short_field(ProblemField::Owner)}</th>
                                <th scope="col">{t.departments}</th>
                                <th scope="col">{t.short_field(ProblemField::Deadline)}</th>
                                <th scope="col">{t.days_column}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
