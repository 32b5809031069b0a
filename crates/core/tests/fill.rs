//! A whole ledger written at once (创建新台账 from an import, the example, 添加到当前台账): one
//! change with one summarised note, the same content as the plain ledger given, all or nothing.

mod common;
use common::*;

use rectify_core::document::{AddedContents, ChangeNote, LedgerDoc, MAX_FIELD_BYTES};
use rectify_core::ledger::{Ledger, Problem};
use rectify_core::synthetic::{script, Spec};

/// What a person sees of a problem, without the ids and order keys the document makes.
fn shown(p: &Problem, ledger: &Ledger) -> String {
    let category = ledger.category(&p.category_id).map(|c| c.title.clone());
    let log: Vec<_> = p
        .progress_log
        .iter()
        .map(|e| (e.date, e.author.clone(), e.text.clone()))
        .collect();
    format!(
        "{category:?}|{}|{}|{}|{}|{}|{}|{:?}|{}|{:?}|{:?}|{:?}|{log:?}",
        p.description,
        p.cause,
        p.measures,
        p.progress,
        p.evidence,
        p.lead,
        p.departments,
        p.owner,
        p.deadline,
        p.completed_on,
        p.status
    )
}

fn rules(ledger: &Ledger) -> Vec<String> {
    ledger
        .rules
        .iter()
        .map(|r| {
            let linked: Vec<Option<usize>> =
                r.problem_ids.iter().map(|p| ledger.number_of(p)).collect();
            format!(
                "{}|{:?}|{:?}|{}|{linked:?}",
                r.title, r.kind, r.date, r.candidate
            )
        })
        .collect()
}

#[test]
fn a_ledger_made_from_an_import_is_one_change_saying_what_it_holds() {
    let source = script(Spec::sized(60)).ledger;
    let mut doc = LedgerDoc::create_filled(&source, Some("张三"), T0).unwrap();
    assert_eq!(
        doc.change_count(T0),
        1,
        "creating and filling is one change"
    );
    let history = doc.history();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].did.notes,
        [
            ChangeNote::CreateLedger,
            ChangeNote::AddContents(AddedContents {
                categories: source.categories.len(),
                problems: 60,
                rules: source.rules.len(),
            })
        ],
        "one summarised row, not a note per field"
    );
    assert_eq!(history[0].did.in_all, None);

    let read = doc.read().unwrap();
    assert_eq!(read.meta, source.meta);
    let titles = |l: &Ledger| {
        l.categories
            .iter()
            .map(|c| c.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&read), titles(&source));
    let problems = |l: &Ledger| l.problems.iter().map(|p| shown(p, l)).collect::<Vec<_>>();
    assert_eq!(problems(&read), problems(&source));
    assert_eq!(rules(&read), rules(&source));
    // and a copy loaded from its bytes reads the same
    let loaded = LedgerDoc::load(&doc.save(T0)).unwrap().read().unwrap();
    assert_eq!(problems(&loaded), problems(&source));
}

#[test]
fn adding_a_ledger_joins_categories_of_the_same_title_in_one_change() {
    let source = script(Spec::sized(24)).ledger;
    let mut doc = LedgerDoc::create_filled(&source, Some("张三"), T0).unwrap();
    let before = doc.read().unwrap();
    let added = doc.add_contents(&source, true).unwrap();
    assert_eq!(
        added,
        AddedContents {
            categories: 0,
            problems: 24,
            rules: 0
        }
    );
    doc.commit(T0 + 60);
    let history = doc.history();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].did.notes,
        [ChangeNote::AddContents(added)],
        "the newest row"
    );
    let after = doc.read().unwrap();
    assert_eq!(after.categories.len(), before.categories.len());
    assert_eq!(after.problems.len(), 48);
    // each category holds its old problems, then the same again, in order
    for c in &after.categories {
        let mine: Vec<String> = after.problems_in(&c.id).map(|p| shown(p, &after)).collect();
        let half = mine.len() / 2;
        assert_eq!(mine[..half], mine[half..], "category {}", c.title);
    }
    // a rule of the same title is linked to the new problems, not repeated
    assert_eq!(after.rules.len(), before.rules.len());
    for (old, new) in before.rules.iter().zip(&after.rules) {
        assert_eq!(
            new.problem_ids.len(),
            old.problem_ids.len() * 2,
            "{}",
            new.title
        );
    }
}

#[test]
fn an_addition_over_a_limit_writes_nothing() {
    let source = script(Spec::sized(12)).ledger;
    let mut doc = LedgerDoc::create_filled(&source, Some("张三"), T0).unwrap();
    let before = doc.read().unwrap();
    let mut bad = source.clone();
    let last = bad.problems.len() - 1;
    bad.problems[last].measures = "长".repeat(MAX_FIELD_BYTES);
    assert!(doc.add_contents(&bad, true).is_err());
    assert!(!doc.has_pending(), "nothing half added");
    assert_eq!(doc.read().unwrap(), before);
}

#[test]
fn a_ledger_filled_in_steps_is_the_one_filled_at_once() {
    let mut source = script(Spec::sized(60)).ledger;
    source.rules.truncate(3);
    let mut at_once = LedgerDoc::create_filled(&source, Some("张三"), T0).unwrap();
    let mut filling = rectify_core::document::Filling::start(source.clone(), Some("张三")).unwrap();
    let mut steps = vec![];
    loop {
        let (done, of) = filling.step(7).unwrap();
        steps.push(done);
        if done == of {
            break;
        }
    }
    assert_eq!(steps.first(), Some(&7));
    assert_eq!(steps.last(), Some(&source.problems.len()));
    let mut in_steps = filling.finish(T0).unwrap();
    assert_eq!(
        in_steps.change_count(T0),
        1,
        "one change, however it was cut"
    );
    let (a, b) = (at_once.read().unwrap(), in_steps.read().unwrap());
    let shown_all = |l: &Ledger| l.problems.iter().map(|p| shown(p, l)).collect::<Vec<_>>();
    assert_eq!(shown_all(&a), shown_all(&b));
    assert_eq!(rules(&a), rules(&b));
    assert_eq!(a.meta, b.meta);
    assert_eq!(
        at_once.history()[0].did,
        in_steps.history()[0].did,
        "the same 新建台账 note"
    );
}
