//! 建章立制 — the register of rules and regulations adopted or revised: title, 新建/修订,
//! date and the problems each one answers.

use leptos::prelude::*;

use super::state::AppState;
use crate::document::NewRule;
use crate::ledger::{format_date, parse_date, RuleKind};
use crate::platform;

#[component]
pub fn RulesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(RuleKind::New);
    let date = RwSignal::new(String::new());
    let ro = move || state.read_only.get();
    let rule_ids = Memo::new(move |_| {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="rules">
            <h2>"建章立制"</h2>
            <p class="counts">{move || state.ledger.with(|l| l.as_ref().map(|l| {
                let candidates = l.rules.iter().filter(|r| r.candidate).count();
                let confirmed = l.rules.len() - candidates;
                if candidates == 0 {
                    format!("共 {confirmed} 项")
                } else {
                    format!("已确认 {confirmed} 项（计入通报的“整改建章立制N项”），待确认 {candidates} 项")
                }
            }).unwrap_or_default())}</p>
            <p class="hint">"从通报导入时，整改情况中提到的《…》都会列为待确认：工作方案、计划不是制度，同一制度换了说法的也只算一项。请逐项确认后再计入通报。"</p>
            <form class="inline-form" on:submit=move |e| {
                e.prevent_default();
                let t = title.get_untracked().trim().trim_matches(['《', '》']).to_string();
                if t.is_empty() {
                    state.error("请填写制度名称。");
                    return;
                }
                let rule = NewRule { title: t, kind: Some(kind.get_untracked()), date: parse_date(&date.get_untracked()), problem_ids: vec![], candidate: false };
                state.edit(|d| d.add_rule(&rule));
                title.set(String::new());
            }>
                <label class="grow">"制度名称"<input type="text" placeholder="如：党委会议议事规则" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e))/></label>
                <label>"类型"
                    <select on:change=move |e| kind.set(RuleKind::from_code(&event_target_value(&e)))>
                        <option value="new">"新建"</option>
                        <option value="revised">"修订"</option>
                    </select>
                </label>
                <label>"印发日期"<input type="date" prop:value=move || date.get() on:change=move |e| date.set(event_target_value(&e))/></label>
                <button type="submit" disabled=ro>"登记制度"</button>
            </form>
            <table class="rule-table">
                <thead><tr><th>"序号"</th><th>"制度名称"</th><th>"类型"</th><th>"日期"</th><th>"关联问题"</th><th>"计入通报"</th><th>"操作"</th></tr></thead>
                <tbody>
                    <For each={move || rule_ids.get().into_iter().enumerate().collect::<Vec<_>>()} key=|(_, id)| id.clone() children=move |(i, id)| {
                        let rid = StoredValue::new(id);
                        let rule = move || state.ledger.with(|l| l.as_ref().and_then(|l| l.rule(&rid.get_value()).map(|r| {
                            let numbers: Vec<String> = r.problem_ids.iter().filter_map(|p| l.number_of(p)).map(|n| n.to_string()).collect();
                            (r.title.clone(), r.kind, format_date(r.date), numbers.join("、"), r.candidate)
                        })).unwrap_or_default());
                        view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>
                                    <input type="text" aria-label=format!("第{}项的制度名称", i + 1) readonly=ro prop:value=move || rule().0 on:change=move |e| {
                                        let v = event_target_value(&e);
                                        state.edit(|d| d.set_rule_title(&rid.get_value(), &v));
                                    }/>
                                </td>
                                <td>
                                    <select aria-label=format!("第{}项的类型", i + 1) disabled=ro on:change=move |e| {
                                        let k = RuleKind::from_code(&event_target_value(&e));
                                        state.edit(|d| d.set_rule_kind(&rid.get_value(), k));
                                    }>
                                        <option value="new" prop:selected=move || rule().1 == RuleKind::New>"新建"</option>
                                        <option value="revised" prop:selected=move || rule().1 == RuleKind::Revised>"修订"</option>
                                    </select>
                                </td>
                                <td>
                                    <input type="date" aria-label=format!("第{}项的印发日期", i + 1) readonly=ro prop:value=move || rule().2 on:change=move |e| {
                                        let v = event_target_value(&e);
                                        state.edit(|d| d.set_rule_date(&rid.get_value(), &v));
                                    }/>
                                </td>
                                <td>{move || { let n = rule().3; if n.is_empty() { "—".to_string() } else { format!("问题 {n}") } }}</td>
                                <td>
                                    {move || if rule().4 {
                                        view! {
                                            <span class="tag candidate">"待确认"</span>
                                            <button class="small" aria-label=move || format!("确认《{}》", rule().0) disabled=ro on:click=move |_| {
                                                state.edit(|d| d.set_rule_candidate(&rid.get_value(), false));
                                            }>"确认"</button>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <span class="tag confirmed">"已确认"</span>
                                            <button class="small" aria-label=move || format!("将《{}》改为待确认", rule().0) disabled=ro on:click=move |_| {
                                                state.edit(|d| d.set_rule_candidate(&rid.get_value(), true));
                                            }>"改为待确认"</button>
                                        }.into_any()
                                    }}
                                </td>
                                <td>
                                    <button class="small danger" aria-label=move || format!("删除《{}》", rule().0) disabled=ro on:click=move |_| {
                                        if platform::confirm(&format!("确定删除《{}》吗？", rule().0)) {
                                            state.edit(|d| d.delete_rule(&rid.get_value()));
                                        }
                                    }>"删除"</button>
                                </td>
                            </tr>
                        }
                    }/>
                </tbody>
            </table>
            <p class="hint">"在台账中展开某个问题，可勾选它关联的制度。"</p>
        </section>
    }
}
