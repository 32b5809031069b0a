//! The numbering levels a text uses and the role of each, inferred from evidence: where the
//! field labels attach, the counts the text states, the wording of the headings. A person's
//! choice in the preview overrides the inference.

use std::collections::HashMap;

use rectify_core::import::bulletin::{
    BulletinWarning, Level, Marker, Role, RoleEvidence, StatedCounts,
};

use super::lines::{Kind, Para};

/// The markers in use, outermost first: each at the depth it most often stands at in the
/// nesting of the text, ties by first appearance.
pub(super) fn nesting(paras: &[Para]) -> Vec<Marker> {
    let mut stack: Vec<Marker> = Vec::new();
    let mut seen: Vec<Marker> = Vec::new();
    let mut depths: HashMap<(Marker, usize), usize> = HashMap::new();
    for p in paras {
        let Kind::Numbered(m, _) = p.kind else {
            continue;
        };
        if let Some(pos) = stack.iter().position(|s| *s == m) {
            stack.truncate(pos);
        }
        *depths.entry((m, stack.len())).or_default() += 1;
        stack.push(m);
        if !seen.contains(&m) {
            seen.push(m);
        }
    }
    let depth_of = |m: Marker| {
        depths
            .iter()
            .filter(|((k, _), _)| *k == m)
            .max_by_key(|((_, d), n)| (**n, usize::MAX - *d))
            .map_or(0, |((_, d), _)| *d)
    };
    let mut order = seen.clone();
    order.sort_by_key(|m| (depth_of(*m), seen.iter().position(|s| s == m)));
    order
}

/// Numbered lines whose number does not follow their level's last (by one to three, or
/// from 1 after an item of an outer level) are plain text. Returns the gaps accepted.
pub(super) fn keep_in_sequence(
    paras: &mut [Para],
    order: &[Marker],
) -> Vec<(Marker, usize, usize)> {
    let mut last: HashMap<Marker, usize> = HashMap::new();
    let mut may_restart: Vec<Marker> = Vec::new();
    let mut gaps = Vec::new();
    for p in paras.iter_mut() {
        let Kind::Numbered(m, n) = p.kind else {
            continue;
        };
        let l = last.get(&m).copied().unwrap_or(0);
        let restart = n == 1 && may_restart.contains(&m);
        if !restart && (n <= l || n > l + 3) {
            p.kind = Kind::Text;
            p.rest = p.text.clone();
            continue;
        }
        if !restart && n > l + 1 {
            gaps.push((m, l, n));
        }
        last.insert(m, n);
        may_restart.retain(|r| *r != m);
        let at = order.iter().position(|o| *o == m).unwrap_or(0);
        for deeper in &order[at + 1..] {
            if !may_restart.contains(deeper) {
                may_restart.push(*deeper);
            }
        }
    }
    gaps
}

/// Per marker: items, items a label follows, items standing inside a field of an outer one.
#[derive(Default)]
struct Tally {
    items: HashMap<Marker, usize>,
    labelled: HashMap<Marker, usize>,
    inside: HashMap<Marker, usize>,
}

struct Open {
    depth: usize,
    marker: Marker,
    inside: bool,
    voted: bool,
    field_open: bool,
}

fn tally(paras: &[Para], order: &[Marker]) -> Tally {
    let mut t = Tally::default();
    let mut stack: Vec<Open> = Vec::new();
    for p in paras {
        match p.kind {
            Kind::Numbered(m, _) => {
                let depth = order.iter().position(|o| *o == m).unwrap_or(0);
                while stack.last().is_some_and(|o| o.depth >= depth) {
                    stack.pop();
                }
                let inside = stack.iter().any(|o| o.field_open);
                *t.items.entry(m).or_default() += 1;
                if inside {
                    *t.inside.entry(m).or_default() += 1;
                }
                stack.push(Open {
                    depth,
                    marker: m,
                    inside,
                    voted: false,
                    field_open: false,
                });
            }
            Kind::Label(_) => {
                if let Some(o) = stack.iter_mut().rev().find(|o| !o.inside) {
                    if !o.voted {
                        *t.labelled.entry(o.marker).or_default() += 1;
                        o.voted = true;
                    }
                    o.field_open = true;
                }
            }
            Kind::Text => {}
        }
    }
    t
}

/// The problem level: the one the labels attach to most, else the one whose count is the
/// stated count, else the deepest; and whether another had as much evidence.
fn problem_level(
    order: &[Marker],
    t: &Tally,
    stated: &StatedCounts,
) -> Option<(usize, RoleEvidence, Vec<usize>)> {
    let get = |m: &HashMap<Marker, usize>, k: Marker| m.get(&k).copied().unwrap_or(0);
    let candidates: Vec<usize> = (0..order.len())
        .filter(|i| get(&t.inside, order[*i]) * 2 < get(&t.items, order[*i]).max(1))
        .collect();
    // the outermost level's count (一、二、三、) matching is no evidence when others exist
    let stated_match = |i: &usize| {
        (*i > 0 || order.len() == 1) && stated.problems == Some(get(&t.items, order[*i]))
    };
    let best = candidates
        .iter()
        .map(|i| get(&t.labelled, order[*i]))
        .max()
        .unwrap_or(0);
    if best > 0 {
        let top: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|i| get(&t.labelled, order[*i]) == best)
            .collect();
        let chosen = top
            .iter()
            .copied()
            .find(stated_match)
            .unwrap_or(*top.last()?);
        let mut rivals: Vec<usize> = top.into_iter().filter(|i| *i != chosen).collect();
        if !stated_match(&chosen) {
            rivals.extend(
                candidates
                    .iter()
                    .copied()
                    .filter(|i| *i != chosen && stated_match(i)),
            );
        }
        return Some((chosen, RoleEvidence::Labels, rivals));
    }
    if let Some(i) = candidates.iter().copied().find(stated_match) {
        return Some((i, RoleEvidence::StatedCount, vec![]));
    }
    let chosen = *candidates.last()?;
    let rivals = candidates
        .iter()
        .copied()
        .filter(|i| *i != chosen && *i > 0)
        .collect();
    Some((chosen, RoleEvidence::Default, rivals))
}

/// The category level above the problem level `p`: the one whose count is the stated
/// number of 方面, or whose headings say 方面, else the nearest.
fn category_level(
    order: &[Marker],
    t: &Tally,
    stated: &StatedCounts,
    fangmian: &HashMap<Marker, usize>,
    p: usize,
) -> Option<(usize, RoleEvidence)> {
    let items = |i: usize| t.items.get(&order[i]).copied().unwrap_or(0);
    if let Some(i) = (0..p).find(|i| stated.categories == Some(items(*i))) {
        return Some((i, RoleEvidence::StatedCount));
    }
    if let Some(i) = (0..p).find(|i| fangmian.get(&order[*i]).copied().unwrap_or(0) * 2 > items(*i))
    {
        return Some((i, RoleEvidence::Nesting));
    }
    p.checked_sub(1).map(|i| (i, RoleEvidence::Nesting))
}

/// The levels and their roles; `chosen` overrides. Warns of ties.
pub(super) fn roles(
    paras: &[Para],
    order: &[Marker],
    stated: &StatedCounts,
    chosen: &[(Marker, Role)],
) -> (Vec<Level>, Vec<BulletinWarning>) {
    let t = tally(paras, order);
    let mut fangmian: HashMap<Marker, usize> = HashMap::new();
    for p in paras {
        if let Kind::Numbered(m, _) = p.kind {
            if p.rest.trim_end_matches(['。', '；']).ends_with("方面") {
                *fangmian.entry(m).or_default() += 1;
            }
        }
    }
    let get = |m: &HashMap<Marker, usize>, k: Marker| m.get(&k).copied().unwrap_or(0);
    let mut levels: Vec<Level> = order
        .iter()
        .map(|m| Level {
            marker: *m,
            items: get(&t.items, *m),
            labelled: get(&t.labelled, *m),
            role: Role::Narrative,
            evidence: RoleEvidence::Nesting,
            tie: false,
        })
        .collect();
    let mut warnings = Vec::new();
    if let Some((p, evidence, rivals)) = problem_level(order, &t, stated) {
        for (i, level) in levels.iter_mut().enumerate() {
            if i > p {
                level.role = Role::Part;
            }
        }
        levels[p].role = Role::Problem;
        levels[p].evidence = evidence;
        if !rivals.is_empty() {
            levels[p].tie = true;
            let mut tied = vec![order[p]];
            for r in rivals {
                levels[r].tie = true;
                tied.push(order[r]);
            }
            warnings.push(BulletinWarning::RoleTie { levels: tied });
        }
        if let Some((c, evidence)) = category_level(order, &t, stated, &fangmian, p) {
            levels[c].role = Role::Category;
            levels[c].evidence = evidence;
        }
    }
    for (m, role) in chosen {
        if let Some(level) = levels.iter_mut().find(|l| l.marker == *m) {
            level.role = *role;
            level.evidence = RoleEvidence::Chosen;
            level.tie = false;
        }
    }
    if chosen.iter().any(|(_, r)| *r == Role::Problem) {
        warnings.retain(|w| !matches!(w, BulletinWarning::RoleTie { .. }));
    }
    (levels, warnings)
}
