//! The address bar and the app (see `crate::route`): the address is read at start and on
//! every `hashchange` (back, forward, a link, an edited address), and written whenever the
//! screen, the open ledger, the open problem or the checklist's filter changes: a new entry
//! for a new screen, ledger or problem, the same entry for a filter. Setting
//! `location.hash` and `location.replace` work from file:// too (pushState is refused
//! there).

use leptos::ev;
use leptos::prelude::*;

use super::state::{AppState, Screen};
use crate::route::{format, is_new_step, parse, Route};
use rectify_core::ledger::Filter;

/// Follow the address from now on; call once, after the app's state is loaded.
pub fn start(state: AppState) {
    let hash = current_hash();
    if !join_by_link(state, &hash) && !hash.is_empty() && hash != "#" {
        apply(state, parse(&hash));
    }
    let _ = window_event_listener(ev::hashchange, move |_| {
        let hash = current_hash();
        if join_by_link(state, &hash) {
            return;
        }
        let route = parse(&hash);
        if route != untrack(|| shown(state)) {
            apply(state, route);
        }
    });
    Effect::new(move |_| {
        let route = shown(state);
        let Some(hash) = format(&route) else {
            return;
        };
        let now = current_hash();
        if hash == now {
            return;
        }
        let location = window().location();
        if !now.is_empty() && is_new_step(&parse(&now), &route) {
            let _ = location.set_hash(&hash);
        } else if let Ok(href) = location.href() {
            let base = href.split('#').next().unwrap_or_default();
            let _ = location.replace(&format!("{base}{hash}"));
        }
    });
}

/// A share link opened (`#/sync?server=…&doc=automerge:…`): join that ledger, then show
/// 台账管理, where its sync state is.
fn join_by_link(state: AppState, hash: &str) -> bool {
    if !hash.starts_with("#/sync?") {
        return false;
    }
    match rectify_core::live::ShareLink::parse(hash) {
        Some(link) if !link.server.is_empty() => {
            state.doc.live.join(state.doc, &link, &link.server);
        }
        _ => state.notices.error(state.tu().live_bad_link().to_string()),
    }
    state.screen.set(Screen::Ledgers);
    true
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// What the page shows, as a route (tracked: the address follows it).
fn shown(state: AppState) -> Route {
    let screen = state.screen.get();
    let (ledger, problem) = state.doc.ledger.with(|l| match l {
        Some(l) => {
            let open = (screen == Screen::Checklist)
                .then(|| {
                    state
                        .expanded
                        .with(|e| e.as_ref().and_then(|id| l.number_of(id)))
                })
                .flatten();
            (Some(l.id.clone()), open)
        }
        None => (None, None),
    });
    let filter = if screen == Screen::Checklist {
        state.filter.get()
    } else {
        Filter::default()
    };
    Route {
        screen,
        ledger,
        problem,
        filter,
    }
}

/// Show what an address says: its ledger (when this browser has it), screen, filter and
/// open problem; a clear message for a ledger or problem number that is not here.
fn apply(state: AppState, route: Route) {
    if let Some(id) = &route.ledger {
        if state.doc.current_id().as_deref() != Some(id.as_str()) {
            let here = (state.library.ledgers).with_untracked(|l| l.iter().any(|e| &e.id == id));
            if !here {
                state.screen.set(Screen::Ledgers);
                state.notices.error(state.tu().link_ledger_missing(id));
                return;
            }
            state.library.open(state.doc, id);
        }
    }
    if state.screen.get_untracked() != route.screen {
        state.screen.set(route.screen);
    }
    if route.screen != Screen::Checklist {
        return;
    }
    if state.filter.with_untracked(|f| f != &route.filter) {
        state.filter.set(route.filter);
    }
    let Some(n) = route.problem else {
        if state.expanded.with_untracked(Option::is_some) {
            state.expanded.set(None);
        }
        return;
    };
    let found = state.doc.ledger.with_untracked(|l| {
        l.as_ref().map(|l| {
            (
                l.problems.get(n - 1).map(|p| p.id.clone()),
                l.problems.len(),
            )
        })
    });
    match found {
        Some((Some(id), _)) => state.open_problem.set(Some(id)),
        Some((None, total)) => {
            state.expanded.set(None);
            state
                .notices
                .error(state.tu().link_problem_missing(n, total));
        }
        None => {}
    }
}
