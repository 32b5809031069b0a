//! The inspection office's seat in the core: statuses as units report them (基本完成), 销号
//! review as operations that merge, the round as its own document and file, its rollup and
//! the rollup sentence, and the unit files a round refuses.

use chrono::NaiveDate;
use rectify_core::document::{ChangeNote, LedgerDoc};
use rectify_core::file::envelope;
use rectify_core::ledger::{
    Category, Counts, Filter, Ledger, Problem, ReviewState, Rule, RuleKind, Status, Verdict,
};
use rectify_core::round::file::{decode_round, encode_round};
use rectify_core::round::{check_unit, Rollup, RoundDoc, RoundError, UnitActivity, UnitAdd};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, d).unwrap()
}

const NOW: i64 = 1_717_200_000;

fn problem(i: usize, status: Status, basically_done: bool) -> Problem {
    Problem {
        id: format!("p{i:04}"),
        category_id: "c1".into(),
        order: format!("{i:05}"),
        description: format!("问题{i}"),
        cause: String::new(),
        measures: String::new(),
        progress: String::new(),
        lead: String::new(),
        departments: vec![],
        owner: String::new(),
        deadline: None,
        completed_on: None,
        status,
        evidence: String::new(),
        progress_log: vec![],
        basically_done,
        review: None,
    }
}

/// A unit's ledger: `done` 已完成, `ongoing` 长期坚持, `basic` 整改中 flagged 基本完成,
/// `open` 整改中, and `rules` confirmed rules (and one 待确认, not counted).
fn unit(
    name: &str,
    done: usize,
    ongoing: usize,
    basic: usize,
    open: usize,
    rules: usize,
) -> Ledger {
    let mut problems = vec![];
    let statuses = [
        (done, Status::Done, false),
        (ongoing, Status::Ongoing, false),
        (basic, Status::InProgress, true),
        (open, Status::InProgress, false),
    ];
    for (n, status, flag) in statuses {
        for _ in 0..n {
            problems.push(problem(problems.len() + 1, status.clone(), flag));
        }
    }
    let rule = |i: usize, candidate: bool| Rule {
        id: format!("r{i}"),
        title: format!("《制度{i}》"),
        kind: RuleKind::New,
        date: None,
        problem_ids: vec![],
        candidate,
    };
    let mut ledger = Ledger {
        id: uuid::Uuid::new_v4().to_string(),
        categories: vec![Category {
            id: "c1".into(),
            title: "党建方面".into(),
            order: "a0".into(),
        }],
        problems,
        rules: (0..rules)
            .map(|i| rule(i, false))
            .chain([rule(rules, true)])
            .collect(),
        ..Ledger::default()
    };
    ledger.meta.unit = name.into();
    ledger.meta.name = format!("{name}整改台账");
    ledger.meta.warn_days = 7;
    ledger
}

#[test]
fn the_rollup_sentence_of_a_district_round() {
    // 697 problems over three units: 688 完成整改, 4 基本完成并持续整改, 5 未完成, 589 rules
    let units = [
        unit("区财政局", 300, 20, 1, 2, 250),
        unit("区教育局", 250, 18, 2, 1, 200),
        unit("区卫健委", 90, 10, 1, 2, 139),
    ];
    let mut round = RoundDoc::create(
        "区委第五轮巡察",
        "区委巡察办",
        Some(day(1)),
        Some(day(30)),
        NOW,
    );
    for u in &units {
        round.add_unit(&u.id, &u.meta.unit, NOW).unwrap();
    }
    let read = round.read();
    let ledgers: Vec<(&str, &Ledger, UnitActivity)> = units
        .iter()
        .map(|u| (u.id.as_str(), u, UnitActivity::default()))
        .collect();
    let rollup = Rollup::of(&read, &ledgers, day(30));
    assert_eq!(
        rollup.totals.sentence(),
        "巡察反馈的697个问题，完成整改688个，基本完成并持续整改4个，未完成5个，总体完成率98.71%"
    );
    assert_eq!(rollup.totals.rules_sentence(), "完善和新建制度589项");
    // the round's report opens with the same sentence, then a line per unit
    let text = rectify_core::round::round_report_text(&read, &rollup);
    assert!(
        text.starts_with("关于区委第五轮巡察反馈问题整改进展情况的通报\n"),
        "{text}"
    );
    assert!(text.contains("2024年6月1日至2024年6月30日，区委巡察办对3个单位开展巡察。截至目前，巡察反馈的697个问题，完成整改688个，基本完成并持续整改4个，未完成5个，总体完成率98.71%，完善和新建制度589项。"), "{text}");
    assert!(text.contains("1. 区卫健委：问题103个，完成整改100个，基本完成并持续整改1个，未完成2个，完成率97.09%，建章立制139项。"), "{text}");
    // each unit counted as its own 进度 counts it, most behind first
    let names: Vec<&str> = rollup.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["区卫健委", "区教育局", "区财政局"]);
    let first = &rollup.rows[0];
    let own = Counts::of(&units[2].problems, day(30), 7);
    assert_eq!(first.counts, own);
    assert_eq!(
        (first.counts.in_progress, first.counts.basically_done),
        (3, 1)
    );
}

#[test]
fn the_completion_rate_rounds_half_up_to_two_decimals() {
    use rectify_core::ledger::progress::Rate;
    use rectify_core::round::rollup::percent_hundredths;
    let p = |a, b| percent_hundredths(Rate::new(a, b));
    assert_eq!(p(688, 697), "98.71%");
    assert_eq!(p(1, 8), "12.5%");
    assert_eq!(p(1, 3), "33.33%");
    assert_eq!(p(2, 3), "66.67%");
    assert_eq!(p(5, 5), "100%");
    assert_eq!(p(0, 0), "—");
}

/// A ledger document with one problem of each status the review needs.
fn reviewed_doc() -> (LedgerDoc, String, String) {
    let doc =
        LedgerDoc::create_filled(&unit("区财政局", 2, 0, 0, 1, 0), Some("李四"), NOW).unwrap();
    let ledger = doc.read().unwrap();
    let (a, b) = (ledger.problems[0].id.clone(), ledger.problems[1].id.clone());
    (doc, a, b)
}

#[test]
fn sign_off_and_return_are_signed_edits_that_travel_back() {
    let (mut unit_doc, a, b) = reviewed_doc();
    let open = unit_doc.read().unwrap().problems[2].id.clone();
    let file = envelope::encode(&mut unit_doc, "区财政局", NOW);
    // the office opens the unit's file, signs off one problem and returns another
    let mut office = envelope::decode(&file).unwrap().open();
    office.set_author(Some("巡察办王五"));
    assert_eq!(
        office.sign_off(&open, "王五", day(5), "同意"),
        Err(rectify_core::document::DocError::NotFinished)
    );
    office
        .sign_off(&a, "王五", day(5), "材料齐全，同意销号")
        .unwrap();
    assert_eq!(
        office.return_problem(&b, "王五", day(5), " "),
        Err(rectify_core::document::DocError::NoReason)
    );
    office
        .return_problem(&b, "王五", day(5), "佐证材料不足")
        .unwrap();
    let send_back = envelope::encode(&mut office, "区财政局", NOW + 60);
    // the unit merges the send-back
    let mut theirs = envelope::decode(&send_back).unwrap().into_doc();
    unit_doc.merge(&mut theirs, NOW + 120).unwrap();
    let ledger = unit_doc.read().unwrap();
    let pa = ledger.problem(&a).unwrap();
    assert_eq!(pa.review_state(), Some(ReviewState::SignedOff));
    let review = pa.review.as_ref().unwrap();
    assert_eq!(
        (review.by.as_str(), review.date, review.note.as_str()),
        ("王五", Some(day(5)), "材料齐全，同意销号")
    );
    let pb = ledger.problem(&b).unwrap();
    assert_eq!(pb.status, Status::InProgress);
    assert_eq!(pb.completed_on, None);
    assert_eq!(pb.review_state(), Some(ReviewState::Returned));
    assert_eq!(pb.review.as_ref().unwrap().verdict, Verdict::Returned);
    assert_eq!(pb.review.as_ref().unwrap().note, "佐证材料不足");
    // history names the office's person and what they did
    let history = unit_doc.history();
    let newest = &history[0];
    assert_eq!(newest.author, "巡察办王五");
    assert!(newest.did.notes.contains(&ChangeNote::SignOff));
    assert!(newest.did.notes.contains(&ChangeNote::ReturnProblem));
    // filters and counts
    let count = |state| {
        let filter = Filter {
            review: Some(state),
            ..Filter::default()
        };
        filter.apply(&ledger, day(6)).len()
    };
    assert_eq!(
        (
            count(ReviewState::Awaiting),
            count(ReviewState::SignedOff),
            count(ReviewState::Returned)
        ),
        (0, 1, 1)
    );
    let counts = Counts::of(&ledger.problems, day(6), 7);
    assert_eq!(
        (counts.awaiting_sign_off, counts.signed_off, counts.returned),
        (0, 1, 1)
    );
    // the weekly report lists both reviews, with who and why
    let before = envelope::decode(&file).unwrap().into_doc().read().unwrap();
    let week = rectify_core::ledger::Period::week_of(day(5));
    let report = rectify_core::ledger::weekly_report(Some(&before), &ledger, week, day(6));
    assert_eq!(report.reviews.len(), 2);
    let text = report.to_text("区财政局整改台账");
    assert!(text.contains("八、销号审核"), "{text}");
    assert!(
        text.contains("问题1“问题1”：同意销号（王五，6月5日）：材料齐全，同意销号"),
        "{text}"
    );
    assert!(
        text.contains("问题2“问题2”：退回整改（王五，6月5日）：佐证材料不足"),
        "{text}"
    );
    // the unit finishes the returned problem again: 待销号 once more
    unit_doc.set_status(&b, &Status::Done, day(7)).unwrap();
    let again = unit_doc.read().unwrap();
    assert_eq!(
        again.problem(&b).unwrap().review_state(),
        Some(ReviewState::Awaiting)
    );
}

#[test]
fn an_approval_and_a_return_made_at_once_are_a_conflict() {
    let (mut office_a, a, _) = reviewed_doc();
    let bytes = office_a.save(NOW);
    let mut office_b = LedgerDoc::load(&bytes).unwrap();
    office_a.sign_off(&a, "王五", day(5), "同意").unwrap();
    office_b
        .return_problem(&a, "赵六", day(5), "不到位")
        .unwrap();
    office_a.commit(NOW + 1);
    office_b.commit(NOW + 2);
    office_a.merge(&mut office_b, NOW + 3).unwrap();
    let conflicts = office_a.conflicts();
    let review = conflicts
        .iter()
        .find(|c| c.place.key() == "review")
        .expect("the verdict is in conflict");
    assert_eq!(review.values.len(), 2);
    assert!(!review.place.takes_free_text());
    // settling it is an ordinary edit
    office_a.settle(&review.place, "signed_off").unwrap();
    assert!(office_a
        .conflicts()
        .iter()
        .all(|c| c.place.key() != "review"));
}

#[test]
fn basically_done_is_a_flag_on_in_progress() {
    let (mut doc, a, _) = reviewed_doc();
    doc.set_basically_done(&a, true, day(3)).unwrap();
    let p = doc.read().unwrap().problem(&a).unwrap().clone();
    assert_eq!(
        (p.status.clone(), p.basically_done()),
        (Status::InProgress, true)
    );
    assert_eq!(p.completed_on, None);
    // any other status ends it
    doc.set_status(&a, &Status::Done, day(4)).unwrap();
    let p = doc.read().unwrap().problem(&a).unwrap().clone();
    assert!(!p.basically_done && !p.basically_done());
    doc.commit(NOW);
    let notes: Vec<ChangeNote> = doc
        .history()
        .into_iter()
        .flat_map(|e| e.did.notes)
        .collect();
    assert!(notes.contains(&ChangeNote::SetBasicallyDone(true)));
    assert!(notes.contains(&ChangeNote::SetBasicallyDone(false)));
    // it survives a save and load, and the stored view
    doc.set_basically_done(&a, true, day(5)).unwrap();
    let bytes = doc.save(NOW + 5);
    let read = LedgerDoc::load(&bytes).unwrap().read().unwrap();
    assert!(read.problem(&a).unwrap().basically_done());
}

#[test]
fn a_round_merges_on_another_office_computer() {
    let mut here = RoundDoc::create("区委第五轮巡察", "区委巡察办", Some(day(1)), None, NOW);
    let bytes = here.save(NOW);
    let mut there = RoundDoc::load(&bytes).unwrap();
    here.add_unit("11111111-1111-4111-8111-111111111111", "区财政局", NOW + 1)
        .unwrap();
    there
        .add_unit("22222222-2222-4222-8222-222222222222", "区教育局", NOW + 2)
        .unwrap();
    here.merge(&mut there, NOW + 3).unwrap();
    let names: Vec<String> = here.read().units.into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["区财政局", "区教育局"]);
    let mut other = RoundDoc::create("另一轮", "", None, None, NOW);
    assert_eq!(here.merge(&mut other, NOW), Err(RoundError::OtherRound));
}

#[test]
fn a_round_file_carries_the_round_and_its_units() {
    let (mut unit_doc, _, _) = reviewed_doc();
    let unit_file = envelope::encode(&mut unit_doc, "区财政局", NOW);
    let mut round = RoundDoc::create("区委第五轮巡察", "区委巡察办", None, None, NOW);
    round
        .add_unit(&unit_doc.ledger_id(), "区财政局", NOW)
        .unwrap();
    let bytes = encode_round(
        &mut round,
        &[(unit_doc.ledger_id(), unit_file.clone())],
        NOW,
    );
    let read = decode_round(&bytes).unwrap();
    assert_eq!(read.round.read(), round.read());
    assert_eq!(read.units.len(), 1);
    assert_eq!(read.units[0].header.ledger_id, unit_doc.ledger_id());
    // damaged anywhere: refused whole
    for at in [bytes.len() / 2, bytes.len() - 10] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x55;
        assert!(decode_round(&bad).is_err(), "byte {at}");
    }
    assert!(decode_round(&bytes[..bytes.len() - 1]).is_err());
    assert!(decode_round(&unit_file).is_err());
}

#[test]
fn unit_files_a_round_refuses_leave_it_unchanged() {
    let (mut unit_doc, _, _) = reviewed_doc();
    let id = unit_doc.ledger_id();
    let mut round = RoundDoc::create("第五轮", "", None, None, NOW);
    let mut other = RoundDoc::create("第四轮", "", None, None, NOW);
    other.add_unit(&id, "区财政局", NOW).unwrap();
    round
        .add_unit("33333333-3333-4333-8333-333333333333", "区财政局", NOW)
        .unwrap();
    let (this, others) = (round.read(), [round.read(), other.read()]);
    // already in another round
    assert_eq!(
        check_unit(&this, &others, &id, "区财政局", 1),
        Err(RoundError::InAnotherRound {
            round: "第四轮".into()
        })
    );
    // a second unit of the same name
    assert_eq!(
        check_unit(&this, std::slice::from_ref(&this), &id, " 区财政局 ", 1),
        Err(RoundError::SameName {
            name: "区财政局".into()
        })
    );
    // written by a newer version
    assert_eq!(
        check_unit(&this, &[], &id, "区审计局", 99),
        Err(RoundError::NewerVersion)
    );
    // a unit in the round merges, a new one is asked about
    assert_eq!(check_unit(&this, &[], &id, "区审计局", 1), Ok(UnitAdd::New));
    assert_eq!(
        check_unit(
            &this,
            &[],
            "33333333-3333-4333-8333-333333333333",
            "区财政局",
            1
        ),
        Ok(UnitAdd::Merge)
    );
    // a damaged unit file is refused by the envelope before the round sees it
    let mut file = envelope::encode(&mut unit_doc, "区财政局", NOW);
    let n = file.len();
    file[n - 20] ^= 0x55;
    assert!(envelope::decode(&file).is_err());
    assert_eq!(round.read(), this);
}

/// The store's side: a unit's file is asked about, then kept; its later file merges; a
/// refused one writes nothing.
#[test]
fn unit_files_go_into_a_stored_round() {
    use rectify_core::store::{LedgerStore, MemoryKv, UnitAdded};
    let store = LedgerStore::new(MemoryKv::default());
    let mut round = RoundDoc::create("第五轮", "区委巡察办", None, None, NOW);
    store.save_round(&mut round, NOW).unwrap();
    let id = round.id();
    let (mut unit_doc, a, _) = reviewed_doc();
    let file = || envelope::decode(&envelope::encode(&mut reviewed_doc().0, "x", NOW)).unwrap();
    let first = envelope::encode(&mut unit_doc, "区财政局", NOW);
    // a unit not in the round: nothing happens until the person says yes
    let got = store
        .add_unit_file(&id, envelope::decode(&first).unwrap(), false, NOW)
        .unwrap();
    assert_eq!(got, None);
    assert!(store.list().unwrap().is_empty());
    let got = store
        .add_unit_file(&id, envelope::decode(&first).unwrap(), true, NOW)
        .unwrap();
    assert_eq!(
        got,
        Some(UnitAdded::Added {
            name: "区财政局".into()
        })
    );
    // its later file merges into its ledger
    unit_doc.set_author(Some("李四"));
    unit_doc
        .add_progress_entry(&a, Some(day(9)), "李四", "补充材料")
        .unwrap();
    let later = envelope::encode(&mut unit_doc, "区财政局", NOW + 100);
    let got = store
        .add_unit_file(&id, envelope::decode(&later).unwrap(), false, NOW + 200)
        .unwrap();
    assert!(
        matches!(got, Some(UnitAdded::Merged { new_changes: 1, .. })),
        "{got:?}"
    );
    // another unit of the same name is refused, and nothing is written
    let before = (
        store.list().unwrap().len(),
        store.load_round(&id).unwrap().read(),
    );
    let err = store
        .add_unit_file(&id, file(), true, NOW + 300)
        .unwrap_err();
    assert_eq!(
        err,
        RoundError::SameName {
            name: "区财政局".into()
        }
    );
    assert_eq!(
        (
            store.list().unwrap().len(),
            store.load_round(&id).unwrap().read()
        ),
        before
    );
    // the same ledger into a second round is refused
    let mut second = RoundDoc::create("第六轮", "", None, None, NOW);
    store.save_round(&mut second, NOW).unwrap();
    let err = store
        .add_unit_file(&second.id(), envelope::decode(&later).unwrap(), true, NOW)
        .unwrap_err();
    assert_eq!(
        err,
        RoundError::InAnotherRound {
            round: "第五轮".into()
        }
    );
    assert!(store
        .load_round(&second.id())
        .unwrap()
        .read()
        .units
        .is_empty());
    // the rollup reads the stored ledgers, with who changed them last
    let (read, rollup, missing) = store.round_rollup(&id, day(10)).unwrap();
    assert_eq!((read.units.len(), missing.len()), (1, 0));
    let row = &rollup.rows[0];
    assert_eq!(row.counts.total, 3);
    assert_eq!(row.activity.last_change, Some(NOW + 100));
    assert_eq!(row.activity.last_author.as_ref().unwrap(), &"李四");
}

/// A round exported on one office computer opens on another with its units, and a later
/// export of it merges there.
#[test]
fn a_round_file_opens_and_merges_on_another_office_computer() {
    use rectify_core::store::{LedgerStore, MemoryKv};
    let here = LedgerStore::new(MemoryKv::default());
    let mut round = RoundDoc::create("第五轮", "区委巡察办", None, None, NOW);
    here.save_round(&mut round, NOW).unwrap();
    let id = round.id();
    let (mut unit_doc, a, _) = reviewed_doc();
    let file = envelope::encode(&mut unit_doc, "区财政局", NOW);
    here.add_unit_file(&id, envelope::decode(&file).unwrap(), true, NOW)
        .unwrap();
    let (_, bytes) = here.round_file(&id, NOW).unwrap();
    let there = LedgerStore::new(MemoryKv::default());
    assert_eq!(
        there
            .import_round(decode_round(&bytes).unwrap(), NOW)
            .unwrap(),
        id
    );
    assert_eq!(there.rounds()[0].units.len(), 1);
    // the office here signs off; its next round file merges there
    let mut doc = here.load(&unit_doc.ledger_id()).unwrap();
    doc.sign_off(&a, "王五", day(5), "同意").unwrap();
    here.save(&mut doc, NOW + 10).unwrap();
    let (_, bytes) = here.round_file(&id, NOW + 20).unwrap();
    there
        .import_round(decode_round(&bytes).unwrap(), NOW + 30)
        .unwrap();
    let (_, rollup, _) = there.round_rollup(&id, day(6)).unwrap();
    assert_eq!(rollup.totals.problems.signed_off, 1);
}
