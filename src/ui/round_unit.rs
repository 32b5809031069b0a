//! A unit's ledger opened from the rollup, read-only: its problems with status and 销号
//! review, and for each finished one 同意销号 (with 审核意见) or 退回 (with 退回理由). The
//! review itself is the core's operation (`LedgerDoc::sign_off`, `return_problem`).

use leptos::prelude::*;

use super::state::AppState;
use rectify_core::ledger::{Ledger, Problem, ReviewState};

#[component]
pub fn UnitReview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rounds = state.rounds;
    let ledger = move || rounds.reviewing.get().unwrap_or_default();
    view! {
        <div class="toolbar">
            <button on:click=move |_| rounds.reviewing.set(None)>{state.tr(|t| t.back_to_rollup)}</button>
        </div>
        <h3>{move || ledger().display_name()}</h3>
        <p class="notice info">{state.tr(|t| t.unit_read_only)}</p>
        {move || {
            let ledger = ledger();
            ledger.problems.iter().enumerate().map(|(i, p)| view! { <ReviewedProblem number=i + 1 problem=p.clone() ledger=ledger.clone()/> }).collect_view()
        }}
    }
}

/// The review badge of a problem and, when it has one, who decided and why.
pub fn review_text(state: AppState, p: &Problem) -> Option<(ReviewState, String)> {
    let t = state.t();
    let review_state = p.review_state()?;
    let line = match (&p.review, review_state) {
        (Some(r), ReviewState::SignedOff | ReviewState::Returned) => {
            let date = r.date.map(|d| d.to_string()).unwrap_or_default();
            t.review_line(r.verdict, &r.by, &date, &r.note)
        }
        _ => t.review_state(review_state).to_string(),
    };
    Some((review_state, line))
}

#[component]
fn ReviewedProblem(number: usize, problem: Problem, ledger: Ledger) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = state.t();
    let category = ledger
        .category(&problem.category_id)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    let mut status = t.status(&problem.status);
    if problem.basically_done() {
        status = format!("{status} · {}", t.badge_basically_done);
    }
    let review = review_text(state, &problem)
        .map(|(s, line)| view! { <p class=format!("review-badge {}", s.code())>{line}</p> });
    let finished =
        problem.status.is_finished() && problem.review_state() != Some(ReviewState::SignedOff);
    let label = match state.prefs.lang.get_untracked() {
        crate::i18n::Lang::Zh => format!("第{number}项"),
        crate::i18n::Lang::En => format!("No. {number}"),
    };
    let (opinion, reason) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (id1, id2) = (problem.id.clone(), problem.id.clone());
    let heading = format!("{label} {}", problem.description);
    view! {
        <article class="card reviewed" aria-label=label>
            <h4>{heading}</h4>
            <p class="muted">{category}" · "{status}</p>
            {(!problem.progress.is_empty()).then(|| view! { <p>{problem.progress.clone()}</p> })}
            {review}
            <Show when=move || finished>
                <div class="inline-form">
                    <label>{t.review_opinion}
                        <input type="text" prop:value=move || opinion.get() on:input=move |e| opinion.set(event_target_value(&e))/>
                    </label>
                    <button class="primary" on:click={let id = id1.clone(); move |_| state.rounds.decide(&id, true, &opinion.get_untracked())}>{t.sign_off}</button>
                    <label>{t.return_reason}
                        <input type="text" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))/>
                    </label>
                    <button on:click={let id = id2.clone(); move |_| state.rounds.decide(&id, false, &reason.get_untracked())}>{t.return_problem}</button>
                </div>
            </Show>
        </article>
    }
}
