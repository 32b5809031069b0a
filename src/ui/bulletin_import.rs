//! 从通报导入 — paste a bulletin text or a table, or pick a .docx or .txt, see what was
//! recognised (categories, problems, rules, leftover text; a table as 从 Excel 导入 shows
//! one), then make a new ledger from it.

use leptos::prelude::*;

use super::state::{AppState, ChosenRoles, Screen, TextRead};
use rectify_core::import::bulletin::{BulletinReport, Marker, OutlineNode, Role};

#[component]
pub fn BulletinImportView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // the reader's module starts loading while the text is pasted or picked
    crate::platform::worker::warm();
    let text = RwSignal::new(String::new());
    let file_name = RwSignal::new(None::<String>);
    // The text is read (in the Web Worker) as it changes; nothing is stored until 创建台账.
    // `asked` numbers the texts sent; `parsed` is the latest answer with its text's number,
    // so a slower answer for an older text never replaces a newer one, and 创建台账 waits for
    // the answer for the text as it is now.
    let asked = RwSignal::new(0u32);
    // the roles the person chose for numbering levels, kept while an edit leaves the text's
    // levels as they were; the text is read again on a change
    let roles = RwSignal::new(ChosenRoles::default());
    let parsed = RwSignal::new(None::<(u32, Result<TextRead, String>)>);
    Effect::new(move |_| {
        let t = text.get();
        let chosen = roles.get();
        let from_file = file_name.get_untracked();
        let n = asked.get_untracked().wrapping_add(1);
        asked.set(n);
        if t.trim().is_empty() {
            parsed.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = state.office.read_bulletin(&t, chosen, from_file).await;
            if asked.get_untracked() == n {
                parsed.set(answer.map(|a| (n, a)));
            }
        });
    });
    // whether the answer held is the one for the text as it is now
    let answered = move || parsed.with(|p| p.as_ref().map(|(n, _)| *n)) == Some(asked.get());
    let can_create =
        move || answered() && parsed.with(|p| matches!(p, Some((_, Ok(TextRead::Bulletin(_))))));
    let is_table = move || parsed.with(|p| matches!(p, Some((_, Ok(TextRead::Table(_))))));
    // a text is waiting for its answer (the worker may still be loading, on first use)
    let reading = move || !text.with(|t| t.trim().is_empty()) && !answered();
    let ready = move || {
        if !answered() {
            return None;
        }
        parsed.with(|p| match p {
            Some((_, Ok(TextRead::Bulletin(import)))) => Some(import.clone()),
            _ => None,
        })
    };
    let clear = move || {
        text.set(String::new());
        file_name.set(None);
        roles.set(ChosenRoles::default());
    };
    // a picked file's text (any encoding, a .docx's paragraphs and tables) comes from the
    // worker and goes into the text box, to read and edit as if pasted
    let reading_file = RwSignal::new(false);
    let on_file = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        super::read_first_file(input.files(), move |name, read| match read {
            Ok(bytes) => {
                reading_file.set(true);
                leptos::task::spawn_local(async move {
                    let answer = state.office.read_text_file(&name, &bytes).await;
                    reading_file.set(false);
                    match answer {
                        Some(Ok(t)) => {
                            file_name.set(Some(name));
                            roles.set(ChosenRoles::default());
                            text.set(t);
                        }
                        Some(Err(why)) => {
                            state.notices.error(state.tu().unreadable_file(&name, &why))
                        }
                        None => {}
                    }
                });
            }
            Err(e) => state.notices.error(state.tu().refusal(e)),
        });
        input.set_value("");
    };
    view! {
        <section class="bulletin-import">
            <h2>{state.tr(|t| t.import_bulletin)}</h2>
            <p class="lead">
                {state.tr(|t| t.bulletin_import_intro)}
                {state.tr(|t| t.bulletin_import_how)}
            </p>
            <div class="inline-form">
                <label class="file-pick">
                    {state.tr(|t| t.pick_text_file)}
                    <input type="file" accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" on:change=on_file/>
                </label>
                {move || file_name.get().map(|n| view! { <span class="hint">{state.t().file_read(&n)}</span> })}
                {move || reading_file.get().then(|| view! { <span class="hint">{state.tr(|t| t.reading_file)}</span> })}
            </div>
            <label class="field wide">
                {state.tr(|t| t.bulletin_text)}
                <textarea
                    class="bulletin-paste"
                    rows=12
                    placeholder={state.tr(|t| t.bulletin_text_placeholder)}
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                ></textarea>
            </label>
            {move || reading().then(|| view! { <p class="hint">{state.tr(|t| t.reading_bulletin)}</p> })}
            {move || { state.prefs.lang.track(); parsed.get() }.map(|(_, result)| match result {
                Ok(TextRead::Bulletin(import)) => view! { <Recognised report=import.report roles/> }.into_any(),
                Ok(TextRead::Table(import)) => view! {
                    <super::xlsx_import::Preview file_name=file_name.get_untracked() import
                        on_cancel=Callback::new(move |_| clear())/>
                }.into_any(),
                Err(message) => view! { <p class="notice error" role="alert">{message}</p> }.into_any(),
            })}
            <div class="bulletin-actions">
                <button class="primary" hidden=is_table disabled=move || !can_create() on:click=move |_| {
                    if let Some(import) = ready() {
                        state.office.import_bulletin(&import);
                        clear();
                    }
                }>{state.tr(|t| t.create_ledger_from_text)}</button>
                <button on:click=move |_| {
                    let has = state.doc.ledger.with_untracked(|l| l.is_some());
                    state.screen.set(if has { Screen::Checklist } else { Screen::Ledgers });
                }>{state.tr(|t| t.back)}</button>
            </div>
        </section>
    }
}

/// What the importer found, to check before creating the ledger.
#[component]
fn Recognised(report: BulletinReport, roles: RwSignal<ChosenRoles>) -> impl IntoView {
    let t = expect_context::<AppState>().t();
    let count_check = report.stated.problems.map(|stated| {
        let found = report.problems;
        let differs = stated != found && stated != report.categories;
        let class = if differs {
            "count-check differs"
        } else {
            "count-check"
        };
        view! { <p class=class>{t.count_check(stated, found)}</p> }
    });
    let levels = report.outline.levels.clone();
    // the text's levels now: a choice is kept for as long as the text keeps them
    let markers: Vec<Marker> = levels.iter().map(|l| l.marker).collect();
    let outline = report.outline.nodes.clone();
    let statuses = report.statuses.clone();
    let stated = {
        let s = &report.stated;
        let part = |label: &str, n: Option<usize>| n.map(|n| t.stated_part(label, n));
        [
            part("problems", s.problems),
            part("done", s.done),
            part("rules", s.rules),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(t.list_separator)
    };
    let leftovers = report.leftovers.clone();
    let warnings = report.warnings.clone();
    view! {
        <div class="recognised" role="status" aria-label=t.recognised>
            <p>
                <strong>{t.recognised_colon}</strong>
                {t.recognised_counts(report.categories, report.problems, report.rules)}
                {(report.rule_candidates > 0).then(|| t.candidates(report.rule_candidates))}
                {t.full_stop}
            </p>
            {(!stated.is_empty()).then(|| view! { <p>{t.stated_in_bulletin(&stated)}</p> })}
            {count_check}
            <div class="level-roles">
                {levels.into_iter().map(|level| {
                    let marker = level.marker;
                    let label = t.level_role(t.marker(marker), level.items);
                    let current = level.role;
                    let markers = markers.clone();
                    view! {
                        <label class="field">
                            {label}
                            {level.tie.then(|| view! { <span class="tie">{t.evidence_even}</span> })}
                            <select on:change=move |e| {
                                let role = match event_target_value(&e).as_str() {
                                    "category" => Role::Category,
                                    "problem" => Role::Problem,
                                    "part" => Role::Part,
                                    _ => Role::Narrative,
                                };
                                roles.update(|c| {
                                    if c.for_levels != markers {
                                        *c = ChosenRoles { roles: Vec::new(), for_levels: markers.clone() };
                                    }
                                    c.roles.retain(|(m, _)| *m != marker);
                                    c.roles.push((marker, role));
                                });
                            }>
                                {[(Role::Category, "category"), (Role::Problem, "problem"), (Role::Part, "part"), (Role::Narrative, "narrative")]
                                    .into_iter()
                                    .map(|(role, code)| view! { <option value=code selected=role == current>{t.role(role)}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </div>
            <ul class="outline" role="tree" aria-label=t.outline_found>
                {outline.into_iter().map(|entry| {
                    // the text's own words (content) apart from the UI's
                    let (before, content, after) = match &entry.node {
                        OutlineNode::Section(h) => (String::new(), h.clone(), String::new()),
                        OutlineNode::Category(c) => (format!("{}{}", t.role(Role::Category), t.colon), c.clone(), String::new()),
                        OutlineNode::Problem { number, text } => {
                            let said = statuses.get(number.saturating_sub(1));
                            let status = said.map(|s| {
                                let review = if s.ambiguous { t.to_review } else { "" };
                                t.status_said(&t.status(&s.status), &s.sentence, review)
                            }).unwrap_or_default();
                            (format!("{number}. "), text.clone(), status)
                        }
                        OutlineNode::Field { field, text } => (format!("{}{}", t.text_field(*field), t.colon), text.clone(), String::new()),
                        OutlineNode::Rule(r) => (String::new(), format!("《{r}》"), String::new()),
                    };
                    view! {
                        <li role="treeitem" prop:ariaLevel=(entry.depth + 1).to_string() class=format!("depth-{}", entry.depth)>
                            {before}<span class="quoted">{content}</span>{after}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings">{warnings.into_iter().map(|w| view! { <li>{t.bulletin_warning(&w)}</li> }).collect_view()}</ul>
            })}
            {if leftovers.is_empty() {
                view! { <p class="hint">{t.nothing_left_over}</p> }.into_any()
            } else {
                view! {
                    <details open>
                        <summary>{t.leftovers(leftovers.len())}</summary>
                        <ul class="leftovers">
                            {leftovers.into_iter().map(|l| view! { <li><span class="kept-in">{t.kept_in(&l.kept_in)}</span>{t.colon}{l.text}</li> }).collect_view()}
                        </ul>
                    </details>
                }.into_any()
            }}
        </div>
    }
}
