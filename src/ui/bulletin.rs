//! 通报 — the bulletin as it will print: A4 sheets typeset by the core on the GB/T 9704
//! grid, with the counts, the as-of and issue dates and the counting basis at hand.

use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::platform;
use rectify_core::bulletin::layout::{paginate, Line, LineKind, Page, CJK, HEADER_LINES};
use rectify_core::bulletin::{bulletin, bulletin_as_of};
use rectify_core::document::end_of_day;
use rectify_core::document::MetaField;
use rectify_core::ledger::{format_date, CountingBasis, StatedFigures};

/// The widest the red header's characters are set (pt); a longer header is narrowed to fit.
const HEADER_PT: f64 = 32.0;
/// The 版心 is 156 mm wide.
const TEXT_WIDTH_PT: f64 = 156.0 / 25.4 * 72.0;

#[component]
pub fn BulletinView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let by_history = RwSignal::new(true);
    // (the bulletin, where its counts come from)
    let made_with_source = Memo::new(move |_| {
        let ledger = state.doc.ledger.get()?;
        let as_of = ledger.meta.as_of;
        let source = match (by_history.get(), as_of) {
            (true, Some(date)) => {
                let time = end_of_day(date, platform::utc_offset_secs());
                match state.doc.ledger_at(time) {
                    Some(then) => {
                        return Some((
                            bulletin_as_of(&ledger, &then),
                            state.t().counts_as_of(&date.to_string()),
                        ))
                    }
                    None => state.t().no_history_as_of(&date.to_string()),
                }
            }
            (true, None) => state.t().counts_no_as_of.to_string(),
            (false, _) => state.t().counts_current.to_string(),
        };
        Some((bulletin(&ledger), source))
    });
    let made = Memo::new(move |_| made_with_source.with(|m| m.as_ref().map(|(b, _)| b.clone())));
    let pages = Memo::new(move |_| made.with(|b| b.as_ref().map(paginate).unwrap_or_default()));
    let ro = move || state.doc.read_only.get();
    let meta_value = move |f: fn(&rectify_core::ledger::Meta) -> String| {
        state
            .doc
            .ledger
            .with(|l| l.as_ref().map(|l| f(&l.meta)).unwrap_or_default())
    };
    let set_meta = move |field: MetaField, value: String| {
        state.doc.edit(|d| d.set_meta(field, &value));
    };
    // (the bulletin, the file name's stem: "<ledger name>-通报")
    let made_and_stem = move || {
        made.with_untracked(|b| {
            b.as_ref().map(|b| {
                let name = state
                    .doc
                    .ledger
                    .with_untracked(|l| l.as_ref().map(|l| l.display_name()))
                    .unwrap_or_default();
                let stem = format!(
                    "{}-通报",
                    name.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
                );
                (b.clone(), stem)
            })
        })
    };
    let download_text = move |_| {
        let Some((b, stem)) = made_and_stem() else {
            return;
        };
        let file = format!("{stem}.txt");
        if let Err(e) =
            platform::download(b.to_text().as_bytes(), &file, "text/plain;charset=utf-8")
        {
            state.notices.error(state.tu().refusal(e));
        }
    };
    let download_docx = move |_| {
        if let Some((b, stem)) = made_and_stem() {
            state.office.download_docx(b, stem);
        }
    };
    view! {
        <section class="bulletin">
            <div class="bulletin-toolbar no-print">
                <h2>{state.tr(|t| t.tab_bulletin)}</h2>
                <p class="bulletin-counts" aria-label=state.tr(|t| t.bulletin_counts_label)>
                    {move || made.with(|b| b.as_ref().map(|b| state.t().bulletin_counts(&b.counts)).unwrap_or_default())}
                </p>
                <div class="field-grid">
                    <label class="field">{state.tr(|t| t.meta_as_of)}
                        <input type="date" readonly=ro
                            prop:value=move || meta_value(|m| format_date(m.as_of))
                            on:change=move |e| set_meta(MetaField::AsOf, event_target_value(&e))/>
                    </label>
                    <label class="field">{state.tr(|t| t.meta_issue_date)}
                        <input type="date" readonly=ro
                            prop:value=move || meta_value(|m| format_date(m.issue_date))
                            on:change=move |e| set_meta(MetaField::IssueDate, event_target_value(&e))/>
                    </label>
                    <label class="field">{state.tr(|t| t.counting_basis)}
                        <select disabled=ro on:change=move |e| set_meta(MetaField::CountingBasis, event_target_value(&e))>
                            <option value=CountingBasis::Category.code()
                                prop:selected=move || meta_value(|m| m.counting_basis.code().to_string()) == CountingBasis::Category.code()>
                                {state.tr(|t| t.count_by_category)}
                            </option>
                            <option value=CountingBasis::Problem.code()
                                prop:selected=move || meta_value(|m| m.counting_basis.code().to_string()) == CountingBasis::Problem.code()>
                                {state.tr(|t| t.count_by_problem)}
                            </option>
                        </select>
                    </label>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || by_history.get() on:change=move |e| by_history.set(event_target_checked(&e))/>
                    {state.tr(|t| t.counts_by_history)}
                </label>
                <p class="hint" aria-label=state.tr(|t| t.counts_source)>{move || made_with_source.with(|m| m.as_ref().map(|(_, s)| s.clone()).unwrap_or_default())}</p>
                <div class="bulletin-actions">
                    <button class="primary" on:click=move |_| print()>{state.tr(|t| t.print_or_pdf)}</button>
                    <button on:click=download_docx>{state.tr(|t| t.download_docx)}</button>
                    <button on:click=download_text>{state.tr(|t| t.download_full_txt)}</button>
                    <button on:click=move |_| state.screen.set(Screen::Info)>{state.tr(|t| t.edit_bulletin_texts)}</button>
                </div>
                <p class="hint">
                    {move || pages.with(|p| state.t().bulletin_pages(p.len()))}
                </p>
                {move || made.with(|b| b.as_ref().is_some_and(|b| b.counts_sentence_added)).then(|| view! {
                    <p class="hint warn">{state.tr(|t| t.counts_sentence_added)}</p>
                })}
                {move || made.with(|b| b.as_ref().map(|b| b.stated_kept.clone()).unwrap_or_default()).into_iter().map(|s| view! {
                    <p class="hint warn stated-kept">{state.tr(|t| t.stated_kept_note)}{format!("“{s}”")}</p>
                }).collect_view()}
                {move || {
                    // the text's figures differ from the ledger's: said until the person
                    // chooses to recompute them or keep them whole (stored in the ledger)
                    let differences = made.with(|b| b.as_ref().map(|b| b.figure_differences.clone()).unwrap_or_default());
                    let chosen = state.doc.ledger.with(|l| l.as_ref().map(|l| l.meta.stated_figures).unwrap_or_default());
                    let unchosen = chosen == StatedFigures::Unchosen;
                    (!differences.is_empty() || !unchosen).then(|| {
                        let t = state.t();
                        let list = differences.iter().map(|d| t.figure_difference(d)).collect::<Vec<_>>().join(t.list_separator);
                        view! {
                            {(unchosen && !differences.is_empty()).then(|| view! { <p class="hint warn figures-differ" role="note">{t.figures_differ}{list}</p> })}
                            <super::info::ChoiceSelect field=MetaField::StatedFigures/>
                        }
                    })
                }}
            </div>
            <div class="sheets" role="document" aria-label=state.tr(|t| t.bulletin_preview)>
                {move || pages.get().into_iter().map(|page| view! { <Sheet page=page/> }).collect_view()}
            </div>
        </section>
    }
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
fn Sheet(page: Page) -> impl IntoView {
    let state = expect_context::<AppState>();
    let number = page.number;
    let folio_class = if page.folio_at_right() {
        "folio right"
    } else {
        "folio left"
    };
    let folio = page.folio();
    view! {
        <article class="sheet" aria-label=move || state.t().sheet_label(number)>
            <div class="type-area">
                {page_lines(page.lines)}
            </div>
            <div class=folio_class aria-label=move || state.t().folio_label(number)>{folio}</div>
        </article>
    }
}

/// The lines of a sheet. The red header is drawn `HEADER_LINES` lines tall, so the blank
/// lines the typesetter counted for its height are not drawn again.
fn page_lines(lines: Vec<Line>) -> impl IntoView {
    let mut under_header = 0;
    lines
        .into_iter()
        .filter_map(|line| {
            if under_header > 0 && line.kind == LineKind::Blank {
                under_header -= 1;
                return None;
            }
            under_header = if line.kind == LineKind::Header {
                HEADER_LINES - 1
            } else {
                0
            };
            Some(line_view(line))
        })
        .collect_view()
}

fn line_view(line: Line) -> AnyView {
    let text = line.text();
    match line.kind {
        LineKind::Header => {
            let chars = text.chars().count().max(1) as f64;
            let scale = (TEXT_WIDTH_PT / (chars * HEADER_PT)).min(1.0);
            view! {
                <h1 class="line red-header">
                    <span style=format!("font-size:{HEADER_PT}pt;transform:translateX(-50%) scaleX({scale:.3})")>{text}</span>
                </h1>
            }
            .into_any()
        }
        LineKind::Title => view! { <div class="line title">{text}</div> }.into_any(),
        LineKind::Blank => view! { <div class="line blank"></div> }.into_any(),
        LineKind::Right => view! {
            <div class="line right" style=format!("padding-right:{}em", line.right_units as f64 / CJK as f64)>{text}</div>
        }
        .into_any(),
        LineKind::Body => {
            let mut class = String::from("line body");
            if line.first {
                class.push_str(" first");
            }
            if line.justify {
                class.push_str(" justify");
            }
            view! {
                <div class=class>
                    {line.runs.into_iter().map(|r| view! { <span class=r.face.code()>{r.text}</span> }).collect_view()}
                </div>
            }
            .into_any()
        }
    }
}
