//! The count sentences a text states and how they compare with what was found.

use rectify_core::import::bulletin::{BulletinWarning, StatedCounts};
use rectify_core::ledger::{CountingBasis, Ledger};

/// Every figure the text states (the core reads them, as the bulletin does).
pub(super) fn stated_counts(text: &str) -> StatedCounts {
    rectify_core::bulletin::figures::stated_counts(text)
}

/// The counting basis the stated problem count fits (by 类别 or by 问题).
pub(super) fn counting_basis(stated: &StatedCounts, ledger: &Ledger) -> CountingBasis {
    let (n_cats, n_probs) = (ledger.categories.len(), ledger.problems.len());
    match stated.problems {
        Some(n) if n == n_cats => CountingBasis::Category,
        Some(n) if n == n_probs => CountingBasis::Problem,
        None if n_cats == 1 && n_probs > 1 => CountingBasis::Problem,
        _ if n_probs > n_cats => CountingBasis::Problem,
        _ => CountingBasis::Category,
    }
}

/// Warnings where the stated figures and what was found differ.
pub(super) fn count_warnings(stated: &StatedCounts, ledger: &Ledger) -> Vec<BulletinWarning> {
    let mut out = Vec::new();
    let (n_cats, n_probs) = (ledger.categories.len(), ledger.problems.len());
    if let Some(n) = stated.problems.filter(|n| *n != n_cats && *n != n_probs) {
        out.push(BulletinWarning::ProblemCountDiffers {
            stated: n,
            categories: n_cats,
            problems: n_probs,
        });
    }
    if let Some(n) = stated.categories.filter(|n| *n != n_cats) {
        out.push(BulletinWarning::CategoryCountDiffers {
            stated: n,
            found: n_cats,
        });
    }
    let basis = ledger.meta.counting_basis;
    let found = match basis {
        CountingBasis::Problem => ledger
            .problems
            .iter()
            .filter(|p| p.status.is_finished())
            .count(),
        CountingBasis::Category => ledger
            .categories
            .iter()
            .filter(|c| {
                let mut ps = ledger.problems_in(&c.id).peekable();
                ps.peek().is_some() && ps.all(|p| p.status.is_finished())
            })
            .count(),
    };
    if let Some(n) = stated.done.filter(|n| *n != found) {
        out.push(BulletinWarning::DoneCountDiffers {
            stated: n,
            basis,
            found,
        });
    }
    let counted = ledger.rules.iter().filter(|r| !r.candidate).count();
    if let Some(n) = stated.rules.filter(|n| *n != counted) {
        out.push(BulletinWarning::RuleCountDiffers {
            stated: n,
            counted,
            candidates: ledger.rules.len() - counted,
        });
    }
    out
}
