//! The benchmarks' synthetic ledger: seeded content, the promised sizes, and a history whose
//! laptops all end with the same document.

mod common;
use common::problem_ids;

use rectify_core::synthetic::{script, Edit, Spec};

const NOW: i64 = 1_656_547_200;

#[test]
fn the_same_seed_gives_the_same_script_and_another_seed_another() {
    let a = serde_json::to_string(&script(Spec::sized(20))).unwrap();
    let b = serde_json::to_string(&script(Spec::sized(20))).unwrap();
    assert_eq!(a, b);
    let c = serde_json::to_string(&script(Spec {
        seed: 7,
        ..Spec::sized(20)
    }))
    .unwrap();
    assert_ne!(a, c);
}

#[test]
fn a_script_has_n_problems_with_chinese_texts_of_realistic_length_and_m_edits() {
    let s = script(Spec::sized(200));
    assert_eq!(s.ledger.problems.len(), 200);
    // named for what it is, not like the example ledger it borrows its unit from
    assert_eq!(s.ledger.meta.name, "合成台账（200 项，种子 20221128）");
    assert_ne!(
        s.ledger.meta.name,
        rectify_core::file::example::example_ledger().meta.name
    );
    assert_eq!(s.steps.len(), 2_000);
    assert!(s.ledger.categories.len() >= 10);
    for p in &s.ledger.problems {
        let n = p.description.chars().count();
        assert!((60..=400).contains(&n), "问题表现 of {n} characters");
        assert!(p.measures.chars().count() >= 80);
        assert!(
            p.description
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count()
                > n / 2
        );
    }
    let typing = s
        .steps
        .iter()
        .filter(|s| matches!(s.edit, Edit::Type { .. }))
        .count();
    assert!(
        typing > 1_000 && typing < 1_400,
        "{typing} typing edits of 2,000"
    );
    let people: std::collections::BTreeSet<usize> = s.steps.iter().map(|s| s.person).collect();
    assert_eq!(people.len(), 4);
}

#[test]
fn building_the_history_gives_one_change_per_edit_and_every_problem() {
    let s = script(Spec::sized(20));
    let mut doc = s.build(NOW).unwrap();
    let ledger = doc.read().unwrap();
    assert_eq!(ledger.problems.len(), 20);
    // the create and the fill, then one change per edit (an edit that changes nothing, such as
    // a status set to what it already was, makes none)
    let changes = doc.change_count(NOW);
    assert!(changes > 150 && changes <= 202, "{changes} changes");
    // the edits happened: some problems are finished, some have 进展记录
    assert!(ledger.problems.iter().any(|p| p.status.is_finished()));
    assert!(ledger.problems.iter().any(|p| !p.progress_log.is_empty()));
    // and the texts grew by typing where they were typed into
    let before: usize = s
        .ledger
        .problems
        .iter()
        .map(|p| p.description.chars().count())
        .sum();
    let after: usize = ledger
        .problems
        .iter()
        .map(|p| p.description.chars().count())
        .sum();
    assert_ne!(before, after);
}

#[test]
fn a_read_after_edits_equals_a_whole_read_of_the_document() {
    // `read` re-reads only what changed since the last read; it must always equal a whole read
    let s = script(Spec::sized(40));
    let mut doc = s.base(NOW).unwrap();
    assert_eq!(
        doc.read().unwrap(),
        doc.read_whole().unwrap(),
        "after filling in"
    );
    let ids = problem_ids(&doc);
    let mut laptops = [doc.fork(NOW), doc.fork(NOW)];
    for (k, chunk) in s.steps.chunks(25).enumerate() {
        rectify_core::synthetic::Script::apply(&mut laptops, &ids, chunk, NOW).unwrap();
        for l in laptops.iter() {
            assert_eq!(
                l.read().unwrap(),
                l.read_whole().unwrap(),
                "after edits {k}"
            );
        }
        if k % 3 == 0 {
            rectify_core::synthetic::Script::sync(&mut laptops, NOW).unwrap();
            assert_eq!(
                laptops[1].read().unwrap(),
                laptops[1].read_whole().unwrap(),
                "after a merge"
            );
        }
    }
}
