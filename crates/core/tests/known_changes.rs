//! Loading a saved document with its known changes (each change's hash and number of
//! operations, kept beside it): the same document as a plain load, and a plain load whenever
//! they do not fit the bytes (vendored Automerge change 4).

mod common;
use common::*;

use automerge::{Automerge, ChangeHash};
use rectify_core::document::{KnownChanges, LedgerDoc, ProblemField, ProblemText};

const NOW: i64 = 1_656_547_200;

/// A history of three sessions with merges between them: changes by several actors, some
/// with two dependencies.
fn history() -> LedgerDoc {
    let (mut a, _, probs) = small_ledger();
    let mut b = a.fork(NOW);
    let mut c = a.fork(NOW);
    a.set_problem_text(&probs[0], ProblemText::Measures, "甲的措施")
        .unwrap();
    b.set_problem_field(&probs[1], ProblemField::Owner, "乙")
        .unwrap();
    c.set_problem_text(&probs[0], ProblemText::Cause, "丙写的原因")
        .unwrap();
    a.merge(&mut b, NOW).unwrap();
    a.merge(&mut c, NOW).unwrap();
    b.set_problem_text(&probs[1], ProblemText::Measures, "乙后来的措施")
        .unwrap();
    a.merge(&mut b, NOW).unwrap();
    a
}

/// The entries as the vendored Automerge takes them, read from the stored form (36 bytes each:
/// the hash, then the number of operations as u32 little endian).
fn entries(known: &KnownChanges) -> Vec<(ChangeHash, u64)> {
    known
        .to_bytes()
        .unwrap()
        .chunks_exact(36)
        .map(|e| {
            let hash = ChangeHash::try_from(&e[..32]).unwrap();
            (hash, u32::from_le_bytes(e[32..].try_into().unwrap()) as u64)
        })
        .collect()
}

fn stored(entries: &[(ChangeHash, u64)]) -> KnownChanges {
    let mut bytes = vec![];
    for (hash, num_ops) in entries {
        bytes.extend_from_slice(hash.as_ref());
        bytes.extend_from_slice(&(*num_ops as u32).to_le_bytes());
    }
    KnownChanges::from_bytes(&bytes).unwrap()
}

fn change_bytes(doc: &Automerge) -> Vec<Vec<u8>> {
    doc.get_changes(&[])
        .into_iter()
        .map(|mut c| c.bytes().to_vec())
        .collect()
}

#[test]
fn a_document_loaded_with_its_known_changes_is_the_same_document() {
    let mut doc = history();
    let bytes = doc.save(NOW);
    let known = doc.known_changes(NOW);
    assert!(known.len() > 5, "a history of several sessions");
    assert_eq!(
        KnownChanges::from_bytes(&known.to_bytes().unwrap()),
        Some(known.clone())
    );

    let plain = Automerge::load(&bytes).unwrap();
    let fast = Automerge::load_with_known_changes(&bytes, &entries(&known))
        .expect("the known changes of these very bytes fit them");
    assert_eq!(fast.get_heads(), plain.get_heads());
    assert_eq!(fast.known_changes(), plain.known_changes());
    assert_eq!(fast.known_changes(), entries(&known));
    assert_eq!(
        change_bytes(&fast),
        change_bytes(&plain),
        "every change rebuilt alike"
    );
    assert_eq!(fast.save(), plain.save());

    // as the app opens it: the same ledger, which edits and merges as the plain load's does
    let mut opened = LedgerDoc::load_unread_known(&bytes, Some(&known)).unwrap();
    let mut reference = LedgerDoc::load(&bytes).unwrap();
    assert_eq!(opened.read().unwrap(), doc.read().unwrap());
    let probs = problem_ids(&opened);
    let mut other = reference.fork(NOW);
    other
        .set_problem_text(&probs[2], ProblemText::Description, "另一台电脑的修改")
        .unwrap();
    opened
        .set_problem_field(&probs[2], ProblemField::Owner, "本机")
        .unwrap();
    reference
        .set_problem_field(&probs[2], ProblemField::Owner, "本机")
        .unwrap();
    let report = opened.merge(&mut other.fork(NOW), NOW).unwrap();
    let report_plain = reference.merge(&mut other, NOW).unwrap();
    assert_eq!(report.new_changes, report_plain.new_changes);
    assert_eq!(opened.read().unwrap(), reference.read().unwrap());
    // a file saved from it is read by anyone
    let again = LedgerDoc::load(&opened.save(NOW)).unwrap();
    assert_eq!(again.read().unwrap(), opened.read().unwrap());
}

#[test]
fn known_changes_that_do_not_fit_the_bytes_are_refused_and_the_load_is_plain() {
    let mut doc = history();
    let older = doc.known_changes(NOW);
    let probs = problem_ids(&doc);
    doc.set_problem_field(&probs[0], ProblemField::Owner, "最后一次修改")
        .unwrap();
    let bytes = doc.save(NOW);
    let known = entries(&doc.known_changes(NOW));
    let heads = Automerge::load(&bytes).unwrap().get_heads();

    let mut wrong_head = known.clone();
    let at = wrong_head
        .iter()
        .position(|(h, _)| heads.contains(h))
        .unwrap();
    wrong_head[at].0 = ChangeHash([7; 32]);
    let mut repeated = known.clone();
    repeated[1].0 = repeated[0].0;
    let short = known[..known.len() - 1].to_vec();
    let cases = [
        ("a head's hash altered", wrong_head),
        ("a hash repeated", repeated),
        ("one change missing", short),
        ("the changes of the save before", entries(&older)),
        ("none", vec![]),
    ];
    for (what, entries) in cases {
        assert!(
            Automerge::load_with_known_changes(&bytes, &entries).is_err(),
            "{what}: refused"
        );
        let opened = LedgerDoc::load_unread_known(&bytes, Some(&stored(&entries)))
            .unwrap_or_else(|e| panic!("{what}: loads the plain way: {e}"));
        assert_eq!(opened.read().unwrap(), doc.read().unwrap(), "{what}");
    }

    // bytes that are not one document: a document followed by a change
    let mut more = bytes.clone();
    let mut last = Automerge::load(&bytes)
        .unwrap()
        .get_changes(&[])
        .pop()
        .unwrap();
    more.extend_from_slice(&last.bytes());
    assert!(Automerge::load_with_known_changes(&more, &known).is_err());
    assert!(
        KnownChanges::from_bytes(&[0; 35]).is_none(),
        "not whole entries"
    );
}
