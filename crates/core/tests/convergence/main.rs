//! Convergence, as a property: 3–5 replicas of one ledger apply random operations from the
//! app's real operation set, commit, export `.rectify` files and import each other's in random
//! order and random subsets, and settle random conflicts. Whatever happened, once everyone has
//! seen everything every replica holds the same document (heads), reads the same ledger, shows
//! the same derived figures, bulletin text and conflicts; importing a file again changes
//! nothing; and a fresh replica that merges every file in reverse order ends up the same.
//!
//! The default run is short (see `DEFAULT_CASES`); the long run is
//! `PROPTEST_CASES=10000 cargo test -p rectify-core --release --test convergence` (RELIABILITY.md).

#[path = "../common/mod.rs"]
mod common;
mod world;
use common::*;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};
use rectify_core::bulletin::bulletin;
use rectify_core::document::{
    Conflict, DocError, LedgerDoc, MetaField, MetaKind, NewRule, ProblemField, ProblemText,
};
use rectify_core::file::envelope::{decode, encode};
use rectify_core::ledger::filter::LedgerCounts;
use rectify_core::ledger::progress::Progress;
use rectify_core::ledger::{Ledger, RuleKind, Status};

/// Cases of the default `cargo test` run (kept short; `PROPTEST_CASES` overrides it).
const DEFAULT_CASES: u32 = 64;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        // a failing case is saved next to this file and replayed first on every run
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// The "today" every derived figure is computed for.
fn today() -> NaiveDate {
    day(2024, 6, 15)
}

// ---- what the strategy generates ---------------------------------------------------------

/// Pieces of text people type, including markup, quotes, RTL overrides, combining marks,
/// emoji with modifiers and line breaks: the text fields must carry them unchanged.
const SNIPPETS: &[&str] = &[
    "整改",
    "会议记录不规范",
    "饭堂支出无发票入账",
    "（甲补充）",
    "。",
    "，",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\u{202E}逆序\u{202C}",
    "e\u{301}",
    "👍🏽",
    "👨‍👩‍👧",
    "\n",
    "  ",
    "&amp;",
    "\"引号\"'",
    "一、",
    "（一）",
    "第3项",
    "2024年6月30日",
    "",
];

const NAMES: &[&str] = &["张三", "李四", "王五", "赵六", "<b>钱七</b>", ""];
const DEPARTMENTS: &[&str] = &["办公室", "财务科", "人事科", "<i>纪检组</i>", " 办公室 "];
/// Dates as people type them, and some that are not dates (refused with a DocError).
const DATES: &[&str] = &[
    "2024-06-30",
    "2024-06-15",
    "2024-06-20",
    "2024-01-01",
    "2023-12-31",
    "2024/7/1",
    "2024年8月1日",
    "",
    "明天",
    "2024-02-30",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(SNIPPETS).prop_map(str::to_string),
        1 => prop::collection::vec(proptest::char::range('\u{4e00}', '\u{4e40}'), 0..6)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|parts| parts.concat())
}

/// The app's operations. Ids are not generated: each step picks them (by the numbers `a` and
/// `b`) from what the replica reads at that moment, or now and then from every id any replica
/// ever made, so that operations on items this replica has not seen (or has deleted) run too.
#[derive(Clone, Copy, Debug)]
enum Op {
    AddCategory,
    RenameCategory,
    MoveCategory,
    DeleteCategory,
    AddProblem,
    SetProblemText,
    SetProblemField,
    SetStatus,
    SetDepartments,
    MoveProblem,
    MoveProblemTo,
    DeleteProblem,
    RestoreProblem,
    AddProgressEntry,
    DeleteProgressEntry,
    AddRule,
    SetRuleTitle,
    SetRuleKind,
    SetRuleDate,
    LinkRule,
    SetRuleCandidate,
    DeleteRule,
    SetMeta,
    /// 恢复修改前的值 for one change of the replica's history
    RestoreBefore,
}

const OPS: &[Op] = &[
    Op::AddCategory,
    Op::RenameCategory,
    Op::MoveCategory,
    Op::DeleteCategory,
    Op::AddProblem,
    Op::SetProblemText,
    Op::SetProblemField,
    Op::SetStatus,
    Op::SetDepartments,
    Op::MoveProblem,
    Op::MoveProblemTo,
    Op::DeleteProblem,
    Op::RestoreProblem,
    Op::AddProgressEntry,
    Op::DeleteProgressEntry,
    Op::AddRule,
    Op::SetRuleTitle,
    Op::SetRuleKind,
    Op::SetRuleDate,
    Op::LinkRule,
    Op::SetRuleCandidate,
    Op::DeleteRule,
    Op::SetMeta,
    Op::RestoreBefore,
];

/// The operations that write short fields (registers), where concurrent writes conflict.
const REGISTER_OPS: &[Op] = &[
    Op::RenameCategory,
    Op::SetProblemField,
    Op::SetStatus,
    Op::MoveProblemTo,
    Op::SetRuleTitle,
    Op::SetRuleKind,
    Op::SetRuleDate,
    Op::SetRuleCandidate,
    Op::SetMeta,
];

#[derive(Clone, Debug)]
enum Step {
    /// replica `r` applies `op`
    Apply {
        r: usize,
        op: Op,
        a: u32,
        b: u32,
        text: String,
    },
    /// replicas `r` and `s` set the same short field (as far as each can tell: the same
    /// selector) to their own values before they meet — the way conflicts arise; with
    /// `meet`, `s` then imports `r`'s file
    Clash {
        r: usize,
        s: usize,
        op: Op,
        a: u32,
        b: (u32, u32),
        text: (String, String),
        meet: bool,
    },
    /// replica `r` closes its open change
    Commit { r: usize },
    /// replica `from` exports its file; the replicas in `to` import it, in that order; with
    /// `twice`, each imports it a second time (which must change nothing)
    Exchange {
        from: usize,
        to: Vec<usize>,
        twice: bool,
    },
    /// replica `r` imports an earlier file (any one exported so far), out of order
    ImportOld { r: usize, pick: u32 },
    /// replica `r` settles one of its conflicts with one of the values shown or a new one
    Settle {
        r: usize,
        pick: u32,
        value: u32,
        text: String,
    },
}

fn step(n: usize) -> impl Strategy<Value = Step> {
    let apply = (
        0..n,
        prop::sample::select(OPS),
        // mostly one of the first few items, so that replicas often edit the same one
        prop_oneof![3 => 0u32..3, 1 => any::<u32>()],
        any::<u32>(),
        text(),
    )
        .prop_map(|(r, op, a, b, text)| Step::Apply { r, op, a, b, text });
    let exchange = (
        0..n,
        Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(move |(from, order, mask, twice)| Step::Exchange {
            from,
            to: order
                .into_iter()
                .filter(|&j| j != from && mask & (1 << j) != 0)
                .collect(),
            twice,
        });
    let clash = (
        0..n,
        0..n,
        prop::sample::select(REGISTER_OPS),
        0u32..3,
        (any::<u32>(), any::<u32>()),
        (text(), text()),
        any::<bool>(),
    )
        .prop_map(|(r, s, op, a, b, text, meet)| Step::Clash {
            r,
            s,
            op,
            a,
            b,
            text,
            meet,
        });
    prop_oneof![
        12 => apply,
        3 => clash,
        2 => (0..n).prop_map(|r| Step::Commit { r }),
        3 => exchange,
        1 => (0..n, any::<u32>()).prop_map(|(r, pick)| Step::ImportOld { r, pick }),
        3 => (0..n, any::<u32>(), any::<u32>(), text())
            .prop_map(|(r, pick, value, text)| Step::Settle { r, pick, value, text }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (3usize..=5).prop_flat_map(|n| (Just(n), prop::collection::vec(step(n), 1..48)))
}

// ---- running a scenario -------------------------------------------------------------------

struct World {
    replicas: Vec<LedgerDoc>,
    /// every file exported so far, in order
    files: Vec<Vec<u8>>,
    /// every category / problem / rule id any replica ever made (or the base had)
    all_categories: Vec<String>,
    all_problems: Vec<String>,
    all_rules: Vec<String>,
    now: i64,
}

/// The base ledger every replica starts from: a few categories, problems, a rule, some meta.
fn base() -> (LedgerDoc, Vec<String>, Vec<String>, Vec<String>) {
    let (mut doc, cats, probs) = small_ledger();
    doc.set_meta(MetaField::Unit, "中共某某局委员会").unwrap();
    doc.set_meta(MetaField::AsOf, "2024-06-10").unwrap();
    doc.set_problem_field(&probs[0], ProblemField::Deadline, "2024-06-20")
        .unwrap();
    doc.set_status(&probs[1], &Status::Done, day(2024, 5, 1))
        .unwrap();
    let rule = doc
        .add_rule(&NewRule {
            title: "党委会议事规则".into(),
            kind: Some(RuleKind::Revised),
            date: Some(day(2024, 5, 20)),
            problem_ids: vec![probs[0].clone()],
            candidate: false,
        })
        .unwrap();
    doc.commit(T0 + 5);
    (doc, cats, probs, vec![rule])
}

fn pick(ids: &[String], n: u32) -> Option<&str> {
    if ids.is_empty() {
        None
    } else {
        Some(ids[n as usize % ids.len()].as_str())
    }
}

/// A DocError is an acceptable answer to an operation on an item this replica does not have
/// or to a value it refuses; an `Unreadable` (an Automerge error inside an operation) is not.
fn acceptable<T>(result: Result<T, DocError>, what: &str) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(
            DocError::NotFound(_)
            | DocError::OverLimit(_)
            | DocError::BadDate(_)
            | DocError::BadWarnDays
            | DocError::NothingToAdd,
        ) => None,
        Err(e) => panic!("{what}: unexpected error {e:?}"),
    }
}

/// Everything a person can see of a replica, for comparing replicas.
#[derive(Debug, PartialEq)]
struct Seen {
    heads: Vec<String>,
    ledger: Ledger,
    counts: LedgerCounts,
    progress: Progress,
    bulletin: String,
    conflicts: Vec<Conflict>,
}

fn seen(doc: &mut LedgerDoc) -> Seen {
    let mut heads = doc.heads();
    heads.sort();
    let ledger = doc.read().expect("a converged replica reads");
    assert_eq!(
        ledger,
        doc.read_whole().unwrap(),
        "the cached read equals a whole read"
    );
    let conflicts = doc.conflicts();
    assert_eq!(
        conflicts,
        doc.conflicts_whole(),
        "the cached conflicts equal a whole scan"
    );
    Seen {
        heads,
        counts: LedgerCounts::of(&ledger, today()),
        progress: Progress::of(&ledger, today()),
        bulletin: bulletin(&ledger).to_text(),
        conflicts: doc.conflicts(),
        ledger,
    }
}

/// Run a scenario and check the convergence property; panics (with a message) if it fails.
fn check(n: usize, steps: &[Step]) {
    let mut world = World::new(n);
    for s in steps {
        world.run(s);
    }
    world.exchange_all();

    let mut views: Vec<Seen> = world.replicas.iter_mut().map(seen).collect();
    let first = views.remove(0);
    for (i, v) in views.iter().enumerate() {
        assert_eq!(first.heads, v.heads, "replica 0 and {} heads", i + 1);
        assert_eq!(first.ledger, v.ledger, "replica 0 and {} ledgers", i + 1);
        assert_eq!(first.counts, v.counts, "replica 0 and {} counts", i + 1);
        assert_eq!(
            first.progress,
            v.progress,
            "replica 0 and {} progress",
            i + 1
        );
        assert_eq!(
            first.bulletin,
            v.bulletin,
            "replica 0 and {} bulletin",
            i + 1
        );
        assert_eq!(
            first.conflicts,
            v.conflicts,
            "replica 0 and {} conflicts",
            i + 1
        );
    }

    // importing any file again changes nothing, on any replica (each file is decoded once;
    // `open` hands out copies of its document)
    let files: Vec<_> = world
        .files
        .iter()
        .map(|f| decode(f).expect("an exported file decodes"))
        .collect();
    for (k, file) in files.iter().enumerate() {
        let j = k % n;
        let now = world.tick();
        let report = world.replicas[j].merge(&mut file.open(), now).unwrap();
        assert_eq!(report.new_changes, 0, "file {k} imported again into {j}");
        let mut heads = world.replicas[j].heads();
        heads.sort();
        assert_eq!(heads, first.heads, "file {k} imported again into {j}");
    }

    // a fresh replica that merges every file in reverse order ends up the same
    let mut reversed = files.iter().rev();
    let mut fresh = reversed.next().expect("at least one file").open();
    for file in reversed {
        let now = world.tick();
        fresh.merge(&mut file.open(), now).unwrap();
    }
    assert_eq!(seen(&mut fresh), first, "merged in reverse order");

    // and the converged document saves and loads as itself
    let now = world.tick();
    let mut reloaded = LedgerDoc::load(&world.replicas[0].save(now)).unwrap();
    assert_eq!(seen(&mut reloaded), first, "saved and loaded again");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn replicas_converge_whatever_they_do((n, steps) in scenario()) {
        check(n, &steps);
    }
}
