//! 台账信息 — the ledger's meta (unit, inspection, dates, contact, counting basis, warning
//! days) and the bulletin's narrative sections, each saved as the person types.

use leptos::prelude::*;

use super::state::AppState;
use crate::i18n::Texts;
use rectify_core::document::MetaField;
use rectify_core::ledger::{format_date, CountingBasis, Ledger};

fn read(l: &Ledger, field: MetaField) -> String {
    let m = &l.meta;
    let s = &l.sections;
    use MetaField::*;
    match field {
        Name => m.name.clone(),
        Unit => m.unit.clone(),
        UnitShort => m.unit_short.clone(),
        Header => m.header.clone(),
        Title => m.title.clone(),
        InspectionGroup => m.inspection_group.clone(),
        InspectionKind => m.inspection_kind.clone(),
        InspectionFrom => format_date(m.inspection_from),
        InspectionTo => format_date(m.inspection_to),
        FeedbackDate => m.feedback_date.clone(),
        AsOf => format_date(m.as_of),
        IssueDate => format_date(m.issue_date),
        Signature => m.signature.clone(),
        Contact => m.contact.clone(),
        CountingBasis => m.counting_basis.code().to_string(),
        WarnDays => m.warn_days.to_string(),
        Opening => s.opening.clone(),
        DeploymentHeading => s.deployment_heading.clone(),
        Deployment => s.deployment.clone(),
        ImplementationHeading => s.implementation_heading.clone(),
        ImplementationIntro => s.implementation_intro.clone(),
        NextStepsHeading => s.next_steps_heading.clone(),
        NextSteps => s.next_steps.clone(),
    }
}

#[component]
fn MetaInput(
    field: MetaField,
    label: fn(&Texts) -> &'static str,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <FieldConflicts field=field/>
        <label class="field">
            {state.tr(label)}
            <input
                type=kind
                readonly=move || state.doc.read_only.get()
                prop:value=move || state.doc.ledger.with(|l| l.as_ref().map(|l| read(l, field)).unwrap_or_default())
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
fn MetaText(field: MetaField, label: fn(&Texts) -> &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="field wide">
            {state.tr(label)}
            <textarea
                rows=4
                readonly=move || state.doc.read_only.get()
                prop:value=move || state.doc.ledger.with(|l| l.as_ref().map(|l| read(l, field)).unwrap_or_default())
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

#[component]
pub fn InfoView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let basis = move || {
        state.doc.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.meta.counting_basis)
                .unwrap_or_default()
        })
    };
    view! {
        <section class="info">
            <h2>{state.tr(|t| t.tab_info)}</h2>
            <p class="hint ledger-id">
                {move || state.doc.ledger.with(|l| l.as_ref().map(|l| state.t().ledger_id_line(&l.id, l.schema)).unwrap_or_default())}
            </p>
            <fieldset>
                <legend>{state.tr(|t| t.basic_info)}</legend>
                <div class="field-grid">
                    <MetaInput field=MetaField::Name label=|t| t.ledger_name/>
                    <MetaInput field=MetaField::Unit label=|t| t.meta_unit/>
                    <MetaInput field=MetaField::UnitShort label=|t| t.meta_unit_short/>
                    <MetaInput field=MetaField::InspectionGroup label=|t| t.meta_inspection_group/>
                    <MetaInput field=MetaField::InspectionKind label=|t| t.meta_inspection_kind/>
                    <MetaInput field=MetaField::InspectionFrom label=|t| t.meta_inspection_from kind="date"/>
                    <MetaInput field=MetaField::InspectionTo label=|t| t.meta_inspection_to kind="date"/>
                    <MetaInput field=MetaField::FeedbackDate label=|t| t.meta_feedback_date/>
                    <MetaInput field=MetaField::WarnDays label=|t| t.meta_warn_days kind="number"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{state.tr(|t| t.tab_bulletin)}</legend>
                <div class="field-grid">
                    <MetaInput field=MetaField::Header label=|t| t.meta_header/>
                    <MetaInput field=MetaField::Title label=|t| t.meta_title/>
                    <MetaInput field=MetaField::AsOf label=|t| t.meta_as_of kind="date"/>
                    <MetaInput field=MetaField::IssueDate label=|t| t.meta_issue_date kind="date"/>
                    <MetaInput field=MetaField::Signature label=|t| t.meta_signature/>
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
                </div>
                <MetaText field=MetaField::Opening label=|t| t.meta_opening/>
                <MetaInput field=MetaField::DeploymentHeading label=|t| t.meta_deployment_heading/>
                <MetaText field=MetaField::Deployment label=|t| t.meta_deployment/>
                <MetaInput field=MetaField::ImplementationHeading label=|t| t.meta_implementation_heading/>
                <MetaText field=MetaField::ImplementationIntro label=|t| t.meta_implementation_intro/>
                <MetaInput field=MetaField::NextStepsHeading label=|t| t.meta_next_steps_heading/>
                <MetaText field=MetaField::NextSteps label=|t| t.meta_next_steps/>
                <MetaText field=MetaField::Contact label=|t| t.meta_contact/>
            </fieldset>
        </section>
    }
}
