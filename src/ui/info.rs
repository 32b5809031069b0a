//! 台账信息 — the ledger's meta (unit, inspection, dates, contact, counting basis, warning
//! days) and the bulletin's narrative sections, each saved as the person types.

use leptos::prelude::*;

use super::state::AppState;
use rectify_core::document::{MetaField, MetaGroup, MetaKind};
use rectify_core::ledger::CountingBasis;

/// The field's value in the open ledger, as it is typed in.
fn value_of(state: AppState, field: MetaField) -> String {
    state
        .doc
        .ledger
        .with(|l| l.as_ref().map(|l| field.value_in(l)).unwrap_or_default())
}

#[component]
fn MetaInput(field: MetaField) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = match field.kind() {
        MetaKind::Date => "date",
        MetaKind::Number => "number",
        _ => "text",
    };
    view! {
        <FieldConflicts field=field/>
        <label class="field">
            {move || state.t().meta_label(field)}
            <input
                type=kind
                readonly=move || state.doc.read_only.get()
                prop:value=move || value_of(state, field)
                on:change=move |e| {
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_meta(field, &v));
                }
            />
        </label>
    }
}

/// Cards for a meta field that holds concurrent values after a merge, to settle it here.
#[component]
fn FieldConflicts(field: MetaField) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .doc
            .conflicts
            .with(|c| {
                c.iter()
                    .filter(|c| c.place == rectify_core::document::Place::Meta(field.key()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .map(|c| view! { <super::history::ConflictCard conflict=c/> })
            .collect_view()
    }
}

#[component]
fn MetaText(field: MetaField) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="field wide">
            {move || state.t().meta_label(field)}
            <textarea
                rows=4
                readonly=move || state.doc.read_only.get()
                prop:value=move || value_of(state, field)
                on:input=move |e| {
                    if super::composing(&e) {
                        return;
                    }
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_meta(field, &v));
                }
                on:compositionend=move |e| {
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_meta(field, &v));
                }
            ></textarea>
        </label>
    }
}

/// 计数口径: by category or by problem.
#[component]
fn CountingBasisSelect() -> impl IntoView {
    let state = expect_context::<AppState>();
    let basis = move || {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.meta.counting_basis)
                .unwrap_or_default()
        })
    };
    view! {
        <label class="field">
            {state.tr(|t| t.counting_basis)}
            <select
                disabled=move || state.doc.read_only.get()
                on:change=move |e| {
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_meta(MetaField::CountingBasis, &v));
                }
            >
                <option value=CountingBasis::Category.code() prop:selected=move || basis() == CountingBasis::Category>{state.tr(|t| t.count_by_category)}</option>
                <option value=CountingBasis::Problem.code() prop:selected=move || basis() == CountingBasis::Problem>{state.tr(|t| t.count_by_problem)}</option>
            </select>
        </label>
    }
}

/// A choice of 台账信息 other than 计数口径 (原文统计 or recomputed; the top-level sections).
#[component]
pub(super) fn ChoiceSelect(field: MetaField) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="field">
            {move || state.t().meta_label(field)}
            <select
                disabled=move || state.doc.read_only.get()
                on:change=move |e| {
                    let v = event_target_value(&e);
                    state.doc.edit(|d| d.set_meta(field, &v));
                }
            >
                {move || state.t().meta_choices(field).into_iter().map(|(code, label)| view! {
                    <option value=code prop:selected=move || value_of(state, field) == code>{label}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The fields of one group, in the order the core lists them, each typed in by its kind.
fn meta_fields(group: MetaGroup) -> impl IntoView {
    MetaField::ALL
        .into_iter()
        .filter(move |f| f.group() == group)
        .map(|field| match field.kind() {
            MetaKind::Paragraphs => view! { <MetaText field=field/> }.into_any(),
            MetaKind::Choice if field == MetaField::CountingBasis => {
                view! { <CountingBasisSelect/> }.into_any()
            }
            MetaKind::Choice => view! { <ChoiceSelect field=field/> }.into_any(),
            _ => view! { <MetaInput field=field/> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn InfoView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="info">
            <h2>{state.tr(|t| t.tab_info)}</h2>
            <p class="hint ledger-id">
                {move || state.doc.ledger.with(|l| l.as_ref().map(|l| state.t().ledger_id_line(&l.id, l.schema)).unwrap_or_default())}
            </p>
            <fieldset>
                <legend>{state.tr(|t| t.basic_info)}</legend>
                <div class="field-grid">{meta_fields(MetaGroup::Basics)}</div>
            </fieldset>
            <fieldset>
                <legend>{state.tr(|t| t.tab_bulletin)}</legend>
                <div class="field-grid">{meta_fields(MetaGroup::BulletinHead)}</div>
                {meta_fields(MetaGroup::BulletinBody)}
            </fieldset>
        </section>
    }
}
