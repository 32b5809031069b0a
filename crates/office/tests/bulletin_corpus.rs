//! The corpus of bulletin texts written in the genre's shapes (tests/fixtures/bulletins/
//! corpus/*.txt: 巡视 and 巡察 通报, 整改方案, 审计整改 reports; different numbering depths,
//! labels, count sentences, page-break noise), each with its expected outline beside it
//! (`*.outline`). `RECTIFY_BLESS=1 cargo test --test bulletin_corpus` rewrites the outlines;
//! read the diff before committing one.

use std::fmt::Write as _;
use std::path::PathBuf;

use rectify_core::import::bulletin::{BulletinImport, Place};
use rectify_office::bulletin_text::parse_bulletin;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bulletins/corpus")
}

fn short(s: &str, n: usize) -> String {
    let one_line = s.replace('\n', "⏎");
    let mut out: String = one_line.chars().take(n).collect();
    if one_line.chars().count() > n {
        out.push('…');
    }
    out
}

/// The outline as a reviewer reads it: levels and roles, stated figures, the tree with
/// each problem's fields, status and its evidence, rules, warnings and leftovers.
pub fn outline_text(import: &BulletinImport) -> String {
    let (l, r) = (&import.ledger, &import.report);
    let mut out = String::new();
    for level in &r.outline.levels {
        let tie = if level.tie { " TIE" } else { "" };
        let _ = writeln!(
            out,
            "level {:?} items={} labelled={} → {:?} ({:?}){tie}",
            level.marker, level.items, level.labelled, level.role, level.evidence
        );
    }
    let s = &r.stated;
    let _ = writeln!(
        out,
        "stated problems={:?} categories={:?} done={:?} in_progress={:?} basically={:?} rate={:?} rules={:?} people={:?} money={:?}",
        s.problems, s.categories, s.done, s.in_progress, s.basically_done, s.rate_percent, s.rules, s.people, s.money
    );
    let sec = &l.sections;
    let _ = writeln!(
        out,
        "§ deployment: {} | {}",
        sec.deployment_heading,
        short(&sec.deployment, 30)
    );
    let _ = writeln!(out, "§ implementation: {}", sec.implementation_heading);
    let _ = writeln!(out, "§ top level: {:?}", sec.top_level);
    for c in &l.categories {
        let _ = writeln!(out, "  category: {}", c.title);
        for p in l.problems_in(&c.id) {
            let n = l.number_of(&p.id).unwrap();
            let ev = &r.statuses[n - 1];
            let review = if ev.ambiguous { " REVIEW" } else { "" };
            let _ = writeln!(out, "    problem {n}: {}", short(&p.description, 60));
            for (name, text) in [
                ("cause", &p.cause),
                ("measures", &p.measures),
                ("progress", &p.progress),
            ] {
                if !text.is_empty() {
                    let _ = writeln!(out, "      {name}: {}", short(text, 40));
                }
            }
            let _ = writeln!(
                out,
                "      status: {:?} «{}»{review}",
                p.status, ev.sentence
            );
        }
    }
    let _ = writeln!(
        out,
        "§ next steps: {} | {}",
        sec.next_steps_heading,
        short(&sec.next_steps, 30)
    );
    for rule in &l.rules {
        let numbers: Vec<usize> = rule
            .problem_ids
            .iter()
            .map(|id| l.number_of(id).unwrap())
            .collect();
        let cand = if rule.candidate { " 待确认" } else { "" };
        let _ = writeln!(
            out,
            "rule 《{}》 {:?} {numbers:?}{cand}",
            rule.title, rule.kind
        );
    }
    let _ = writeln!(out, "counting basis: {:?}", l.meta.counting_basis);
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {w:?}");
    }
    for left in &r.leftovers {
        let _ = writeln!(
            out,
            "leftover: {} → {:?}",
            short(&left.text, 30),
            left.kept_in
        );
    }
    out
}

/// Every non-blank input line is placed somewhere in the outline (dropped ones listed).
fn unplaced_lines(text: &str, import: &BulletinImport) -> Vec<usize> {
    let placed = &import.report.outline.placed;
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, _)| i + 1)
        .filter(|n| {
            !placed
                .iter()
                .any(|p| p.first_line <= *n && *n <= p.last_line)
        })
        .collect()
}

#[test]
fn every_corpus_text_gives_its_outline() {
    let bless = std::env::var_os("RECTIFY_BLESS").is_some();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    assert!(texts.len() >= 10, "the corpus has {} texts", texts.len());
    let mut failed = Vec::new();
    for path in texts {
        let text = std::fs::read_to_string(&path).unwrap();
        let import = parse_bulletin(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            unplaced_lines(&text, &import),
            Vec::<usize>::new(),
            "{}",
            path.display()
        );
        assert!(
            import
                .report
                .outline
                .placed
                .iter()
                .all(|p| p.place != Place::Dropped
                    || text.split('\n').nth(p.first_line - 1).is_some()),
        );
        let got = outline_text(&import);
        let golden = path.with_extension("outline");
        if bless {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            failed.push(format!("{}:\n{got}", golden.display()));
        }
    }
    assert!(
        failed.is_empty(),
        "outlines differ (RECTIFY_BLESS=1 rewrites):\n{}",
        failed.join("\n")
    );
}
