//! 建章立制 — the register of rules and regulations adopted or revised: title, 新建/修订,
//! date and the problems each one answers.

use leptos::prelude::*;

use super::state::AppState;
use crate::platform;
use rectify_core::document::NewRule;
use rectify_core::ledger::{format_date, parse_date, RuleKind};

#[component]
pub fn RulesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(RuleKind::New);
    let date = RwSignal::new(String::new());
    let ro = move || state.doc.read_only.get();
    let rule_ids = Memo::new(move |_| {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="rules">
            <h2>{state.tr(|t| t.tab_rules)}</h2>
            <p class="counts">{move || state.doc.ledger.with(|l| l.as_ref().map(|l| {
                let candidates = l.rules.iter().filter(|r| r.candidate).count();
                let confirmed = l.rules.len() - candidates;
                state.t().rule_counts(confirmed, candidates)
            }).unwrap_or_default())}</p>
            <p class="hint">{state.tr(|t| t.rules_hint)}</p>
            <form class="inline-form" on:submit=move |e| {
                e.prevent_default();
                let t = title.get_untracked().trim().trim_matches(['《', '》']).to_string();
                if t.is_empty() {
                    state.notices.error(state.tu().rule_title_missing);
                    return;
                }
                let rule = NewRule { title: t, kind: Some(kind.get_untracked()), date: parse_date(&date.get_untracked()), problem_ids: vec![], candidate: false };
                state.doc.edit(|d| d.add_rule(&rule));
                title.set(String::new());
            }>
                <label class="grow">{state.tr(|t| t.rule_title)}<input type="text" placeholder={state.tr(|t| t.rule_title_placeholder)} prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e))/></label>
                <label>{state.tr(|t| t.rule_kind)}
                    <select on:change=move |e| kind.set(RuleKind::from_code(&event_target_value(&e)))>
                        <option value="new">{move || state.t().rule_kind_name(RuleKind::New)}</option>
                        <option value="revised">{move || state.t().rule_kind_name(RuleKind::Revised)}</option>
                    </select>
                </label>
                <label>{state.tr(|t| t.rule_date)}<input type="date" prop:value=move || date.get() on:change=move |e| date.set(event_target_value(&e))/></label>
                <button type="submit" disabled=ro>{state.tr(|t| t.add_rule)}</button>
            </form>
            <table class="rule-table">
                <thead><tr><th>{state.tr(|t| t.serial)}</th><th>{state.tr(|t| t.rule_title)}</th><th>{state.tr(|t| t.rule_kind)}</th><th>{state.tr(|t| t.date)}</th><th>{state.tr(|t| t.linked_problems)}</th><th>{state.tr(|t| t.in_bulletin)}</th><th>{state.tr(|t| t.actions)}</th></tr></thead>
                <tbody>
                    <For each={move || rule_ids.get().into_iter().enumerate().collect::<Vec<_>>()} key=|(_, id)| id.clone() children=move |(i, id)| {
                        let rid = StoredValue::new(id);
                        let rule = move || state.doc.ledger.with(|l| l.as_ref().and_then(|l| l.rule(&rid.get_value()).map(|r| {
                            let numbers: Vec<String> = r.problem_ids.iter().filter_map(|p| l.number_of(p)).map(|n| n.to_string()).collect();
                            (r.title.clone(), r.kind, format_date(r.date), numbers.join("、"), r.candidate)
                        })).unwrap_or_default());
                        view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>
                                    <input type="text" aria-label=move || state.t().rule_field(state.t().rule_title, i + 1) readonly=ro prop:value=move || rule().0 on:change=move |e| {
                                        let v = event_target_value(&e);
                                        state.doc.edit(|d| d.set_rule_title(&rid.get_value(), &v));
                                    }/>
                                </td>
                                <td>
                                    <select aria-label=move || state.t().rule_field(state.t().rule_kind, i + 1) disabled=ro on:change=move |e| {
                                        let k = RuleKind::from_code(&event_target_value(&e));
                                        state.doc.edit(|d| d.set_rule_kind(&rid.get_value(), k));
                                    }>
                                        <option value="new" prop:selected=move || rule().1 == RuleKind::New>{move || state.t().rule_kind_name(RuleKind::New)}</option>
                                        <option value="revised" prop:selected=move || rule().1 == RuleKind::Revised>{move || state.t().rule_kind_name(RuleKind::Revised)}</option>
                                    </select>
                                </td>
                                <td>
                                    <input type="date" aria-label=move || state.t().rule_field(state.t().rule_date, i + 1) readonly=ro prop:value=move || rule().2 on:change=move |e| {
                                        let v = event_target_value(&e);
                                        state.doc.edit(|d| d.set_rule_date(&rid.get_value(), &v));
                                    }/>
                                </td>
                                <td>{move || { let n = rule().3; if n.is_empty() { "—".to_string() } else { state.t().problems_numbered(&n) } }}</td>
                                <td>
                                    {move || if rule().4 {
                                        view! {
                                            <span class="tag candidate">{state.tr(|t| t.to_confirm)}</span>
                                            <button class="small" aria-label=move || state.t().confirm_rule(&rule().0) disabled=ro on:click=move |_| {
                                                state.doc.edit(|d| d.set_rule_candidate(&rid.get_value(), false));
                                            }>{state.tr(|t| t.confirm)}</button>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <span class="tag confirmed">{state.tr(|t| t.confirmed)}</span>
                                            <button class="small" aria-label=move || state.t().unconfirm_rule(&rule().0) disabled=ro on:click=move |_| {
                                                state.doc.edit(|d| d.set_rule_candidate(&rid.get_value(), true));
                                            }>{state.tr(|t| t.unconfirm)}</button>
                                        }.into_any()
                                    }}
                                </td>
                                <td>
                                    <button class="small danger" aria-label=move || state.t().delete_rule(&rule().0) disabled=ro on:click=move |_| {
                                        if platform::confirm(&state.tu().confirm_delete_rule(&rule().0)) {
                                            state.doc.edit(|d| d.delete_rule(&rid.get_value()));
                                        }
                                    }>{state.tr(|t| t.delete)}</button>
                                </td>
                            </tr>
                        }
                    }/>
                </tbody>
            </table>
            <p class="hint">{state.tr(|t| t.rules_link_hint)}</p>
        </section>
    }
}
