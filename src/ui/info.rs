//! 台账信息 — the ledger's meta (unit, inspection, dates, contact, counting basis, warning
//! days) and the bulletin's narrative sections, each saved as the person types.

use leptos::prelude::*;

use super::state::AppState;
use crate::document::MetaField;
use crate::ledger::{format_date, CountingBasis, Ledger};

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
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <FieldConflicts field=field/>
        <label class="field">
            {label}
            <input
                type=kind
                readonly=move || state.read_only.get()
                prop:value=move || state.ledger.with(|l| l.as_ref().map(|l| read(l, field)).unwrap_or_default())
                on:change=move |e| {
                    let v = event_target_value(&e);
                    state.edit(|d| d.set_meta(field, &v));
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
            .conflicts
            .with(|c| {
                c.iter()
                    .filter(|c| c.place == crate::document::Place::Meta(field.key()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .map(|c| view! { <super::history::ConflictCard conflict=c/> })
            .collect_view()
    }
}

#[component]
fn MetaText(field: MetaField, label: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="field wide">
            {label}
            <textarea
                rows=4
                readonly=move || state.read_only.get()
                prop:value=move || state.ledger.with(|l| l.as_ref().map(|l| read(l, field)).unwrap_or_default())
                on:input=move |e| {
                    if super::composing(&e) {
                        return;
                    }
                    let v = event_target_value(&e);
                    state.edit(|d| d.set_meta(field, &v));
                }
                on:compositionend=move |e| {
                    let v = event_target_value(&e);
                    state.edit(|d| d.set_meta(field, &v));
                }
            ></textarea>
        </label>
    }
}

#[component]
pub fn InfoView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let basis = move || {
        state.ledger.with(|l| {
            l.as_ref()
                .map(|l| l.meta.counting_basis)
                .unwrap_or_default()
        })
    };
    view! {
        <section class="info">
            <h2>"台账信息"</h2>
            <p class="hint ledger-id">
                {move || state.ledger.with(|l| l.as_ref().map(|l| format!("台账编号 {} · 结构版本 {} · 同一编号的文件才会合并", l.id, l.schema)).unwrap_or_default())}
            </p>
            <fieldset>
                <legend>"基本信息"</legend>
                <div class="field-grid">
                    <MetaInput field=MetaField::Name label="台账名称"/>
                    <MetaInput field=MetaField::Unit label="被巡察单位（发文机关）"/>
                    <MetaInput field=MetaField::UnitShort label="单位简称"/>
                    <MetaInput field=MetaField::InspectionGroup label="巡察组"/>
                    <MetaInput field=MetaField::InspectionKind label="巡察类型"/>
                    <MetaInput field=MetaField::InspectionFrom label="巡察开始日期" kind="date"/>
                    <MetaInput field=MetaField::InspectionTo label="巡察结束日期" kind="date"/>
                    <MetaInput field=MetaField::FeedbackDate label="反馈时间"/>
                    <MetaInput field=MetaField::WarnDays label="黄灯预警天数" kind="number"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>"通报"</legend>
                <div class="field-grid">
                    <MetaInput field=MetaField::Header label="发文机关标志"/>
                    <MetaInput field=MetaField::Title label="通报标题"/>
                    <MetaInput field=MetaField::AsOf label="统计截至日期" kind="date"/>
                    <MetaInput field=MetaField::IssueDate label="成文日期" kind="date"/>
                    <MetaInput field=MetaField::Signature label="署名"/>
                    <label class="field">
                        "计数口径"
                        <select
                            disabled=move || state.read_only.get()
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                state.edit(|d| d.set_meta(MetaField::CountingBasis, &v));
                            }
                        >
                            <option value=CountingBasis::Category.code() prop:selected=move || basis() == CountingBasis::Category>"按反馈问题（类别）计数"</option>
                            <option value=CountingBasis::Problem.code() prop:selected=move || basis() == CountingBasis::Problem>"按具体问题计数"</option>
                        </select>
                    </label>
                </div>
                <MetaText field=MetaField::Opening label="开头段落"/>
                <MetaInput field=MetaField::DeploymentHeading label="第一部分标题"/>
                <MetaText field=MetaField::Deployment label="第一部分（整改部署）"/>
                <MetaInput field=MetaField::ImplementationHeading label="第二部分标题"/>
                <MetaText field=MetaField::ImplementationIntro label="第二部分导语"/>
                <MetaInput field=MetaField::NextStepsHeading label="第三部分标题"/>
                <MetaText field=MetaField::NextSteps label="第三部分（下一步工作）"/>
                <MetaText field=MetaField::Contact label="联系方式"/>
            </fieldset>
        </section>
    }
}
