//! Convergence, as a property: 3–5 replicas of one ledger apply random operations from the
//! app's real operation set, commit, export `.rectify` files and import each other's in random
//! order and random subsets, and settle random conflicts. Whatever happened, once everyone has
//! seen everything every replica holds the same document (heads), reads the same ledger, shows
//! the same derived figures, bulletin text and conflicts; importing a file again changes
//! nothing; and a fresh replica that merges every file in reverse order ends up the same.
//!
//! The default run is short (see `DEFAULT_CASES`); the long run is
//! `PROPTEST_CASES=10000 cargo test -p rectify-core --release --test convergence` (RELIABILITY.md).

mod common;
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

impl World {
    fn new(n: usize) -> World {
        let (mut base, cats, probs, rules) = base();
        let replicas = (0..n)
            .map(|i| {
                let mut r = base.fork(T0 + 10);
                r.set_author(NAMES.get(i).copied());
                r
            })
            .collect();
        World {
            replicas,
            files: vec![],
            all_categories: cats,
            all_problems: probs,
            all_rules: rules,
            now: T0 + 100,
        }
    }

    fn tick(&mut self) -> i64 {
        self.now += 37;
        self.now
    }

    /// Import `file` into replica `j` as the app does: decode the envelope, then merge.
    fn import(&mut self, j: usize, file: &[u8]) {
        let now = self.tick();
        let decoded = decode(file).expect("a file a replica exported always decodes");
        self.replicas[j]
            .merge(&mut decoded.into_doc(), now)
            .expect("a file of the same ledger always merges");
    }

    fn run(&mut self, step: &Step) {
        match step {
            Step::Apply { r, op, a, b, text } => self.apply(*r, *op, *a, *b, text),
            Step::Clash {
                r,
                s,
                op,
                a,
                b,
                text,
                meet,
            } => {
                self.apply(*r, *op, *a, b.0, &text.0);
                if s != r {
                    self.apply(*s, *op, *a, b.1, &text.1);
                    if *meet {
                        let now = self.tick();
                        let file = encode(&mut self.replicas[*r], "整改台账", now);
                        self.files.push(file.clone());
                        self.import(*s, &file);
                    }
                }
            }
            Step::Commit { r } => {
                let now = self.tick();
                self.replicas[*r].commit(now);
            }
            Step::Exchange { from, to, twice } => {
                let now = self.tick();
                let file = encode(&mut self.replicas[*from], "整改台账", now);
                self.files.push(file.clone());
                for &j in to {
                    self.import(j, &file);
                    if *twice {
                        let before = self.replicas[j].heads();
                        let ledger = self.replicas[j].read().unwrap();
                        let now = self.tick();
                        let report = self.replicas[j]
                            .merge(&mut decode(&file).unwrap().into_doc(), now)
                            .unwrap();
                        assert_eq!(report.new_changes, 0, "a second import brings nothing");
                        assert_eq!(self.replicas[j].heads(), before, "a second import");
                        assert_eq!(self.replicas[j].read().unwrap(), ledger);
                    }
                }
            }
            Step::ImportOld { r, pick } => {
                if !self.files.is_empty() {
                    let file = self.files[*pick as usize % self.files.len()].clone();
                    self.import(*r, &file);
                }
            }
            Step::Settle {
                r,
                pick,
                value,
                text,
            } => {
                let conflicts = self.replicas[*r].conflicts();
                if conflicts.is_empty() {
                    return;
                }
                let c = &conflicts[*pick as usize % conflicts.len()];
                let options = c.values.len() + 1;
                let v = match *value as usize % options {
                    i if i < c.values.len() => c.values[i].value.clone(),
                    _ => text.clone(),
                };
                let place = c.place.clone();
                acceptable(self.replicas[*r].settle(&place, &v), "settle");
            }
        }
    }

    fn apply(&mut self, r: usize, op: Op, a: u32, b: u32, text: &str) {
        let ledger = self.replicas[r].read().unwrap();
        // a read re-reads only what changed since the last one: it must equal a whole read
        assert_eq!(
            ledger,
            self.replicas[r].read_whole().unwrap(),
            "the cached read equals a whole read"
        );
        // so must the conflicts (re-checked after a local edit, scanned after a merge)
        let conflicts = self.replicas[r].conflicts();
        assert_eq!(
            conflicts,
            self.replicas[r].conflicts_whole(),
            "the cached conflicts equal a whole scan"
        );
        let live_cats: Vec<String> = ledger.categories.iter().map(|c| c.id.clone()).collect();
        let live_probs: Vec<String> = ledger.problems.iter().map(|p| p.id.clone()).collect();
        let trash: Vec<String> = ledger.trash.iter().map(|p| p.id.clone()).collect();
        let rules: Vec<String> = ledger.rules.iter().map(|r| r.id.clone()).collect();
        // one time in five, an id from anywhere (possibly unknown here, or deleted)
        let stale = b.is_multiple_of(5);
        let cat = if stale {
            pick(&self.all_categories, a)
        } else {
            pick(&live_cats, a)
        }
        .map(str::to_string);
        let prob = if stale {
            pick(&self.all_problems, a)
        } else {
            pick(&live_probs, a)
        }
        .map(str::to_string);
        let rule = if stale {
            pick(&self.all_rules, a)
        } else {
            pick(&rules, a)
        }
        .map(str::to_string);
        let today = today();
        let date = DATES[(b as usize / 7) % DATES.len()];
        let doc = &mut self.replicas[r];
        let what = format!("{op:?}");
        match op {
            Op::AddCategory => {
                if let Some(id) = acceptable(doc.add_category(text), &what) {
                    self.all_categories.push(id);
                }
            }
            Op::RenameCategory => {
                if let Some(c) = cat {
                    acceptable(doc.rename_category(&c, text), &what);
                }
            }
            Op::MoveCategory => {
                if let Some(c) = cat {
                    let delta = if b.is_multiple_of(2) { -1 } else { 1 };
                    acceptable(doc.move_category(&c, delta), &what);
                }
            }
            Op::DeleteCategory => {
                if let Some(c) = cat {
                    acceptable(doc.delete_category(&c), &what);
                }
            }
            Op::AddProblem => {
                if let Some(c) = cat {
                    if let Some(id) = acceptable(doc.add_problem(&c, text), &what) {
                        self.all_problems.push(id);
                    }
                }
            }
            Op::SetProblemText => {
                if let Some(p) = prob {
                    let field = [
                        ProblemText::Description,
                        ProblemText::Cause,
                        ProblemText::Measures,
                        ProblemText::Progress,
                        ProblemText::Evidence,
                    ][b as usize % 5];
                    // half the time an edit of the current text (insert in the middle), as
                    // typing does; otherwise a whole new text
                    let value = match ledger.problem(&p) {
                        Some(current) if b.is_multiple_of(2) => {
                            let old = match field {
                                ProblemText::Description => &current.description,
                                ProblemText::Cause => &current.cause,
                                ProblemText::Measures => &current.measures,
                                ProblemText::Progress => &current.progress,
                                ProblemText::Evidence => &current.evidence,
                            };
                            let chars: Vec<char> = old.chars().collect();
                            let at = a as usize % (chars.len() + 1);
                            let mut s: String = chars[..at].iter().collect();
                            s.push_str(text);
                            s.extend(&chars[at..]);
                            s
                        }
                        _ => text.to_string(),
                    };
                    acceptable(doc.set_problem_text(&p, field, &value), &what);
                }
            }
            Op::SetProblemField => {
                if let Some(p) = prob {
                    let field = [
                        ProblemField::Lead,
                        ProblemField::Owner,
                        ProblemField::Deadline,
                        ProblemField::CompletedOn,
                    ][b as usize % 4];
                    let value = match field {
                        ProblemField::Deadline | ProblemField::CompletedOn => date.to_string(),
                        _ if b.is_multiple_of(3) => text.to_string(),
                        _ => NAMES[(a as usize) % NAMES.len()].to_string(),
                    };
                    acceptable(doc.set_problem_field(&p, field, &value), &what);
                }
            }
            Op::SetStatus => {
                if let Some(p) = prob {
                    let status = [
                        Status::NotStarted,
                        Status::InProgress,
                        Status::Done,
                        Status::Ongoing,
                    ][b as usize % 4]
                        .clone();
                    let on = today - chrono::Days::new(u64::from(a % 60));
                    acceptable(doc.set_status(&p, &status, on), &what);
                }
            }
            Op::SetDepartments => {
                if let Some(p) = prob {
                    let departments: Vec<String> = DEPARTMENTS
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| b & (1 << i) != 0)
                        .map(|(_, d)| d.to_string())
                        .collect();
                    acceptable(doc.set_departments(&p, &departments), &what);
                }
            }
            Op::MoveProblem => {
                if let Some(p) = prob {
                    let delta = if b.is_multiple_of(2) { -1 } else { 1 };
                    acceptable(doc.move_problem(&p, delta), &what);
                }
            }
            Op::MoveProblemTo => {
                let to = pick(&live_cats, b).map(str::to_string);
                if let (Some(p), Some(c)) = (prob, to) {
                    acceptable(doc.move_problem_to(&p, &c), &what);
                }
            }
            Op::DeleteProblem => {
                if let Some(p) = prob {
                    acceptable(doc.delete_problem(&p), &what);
                }
            }
            Op::RestoreProblem => {
                let p = if stale {
                    prob
                } else {
                    pick(&trash, a).map(str::to_string)
                };
                if let Some(p) = p {
                    acceptable(doc.restore_problem(&p), &what);
                }
            }
            Op::AddProgressEntry => {
                if let Some(p) = prob {
                    let on = today - chrono::Days::new(u64::from(b % 30));
                    let date = if a.is_multiple_of(4) { None } else { Some(on) };
                    let author = NAMES[(b as usize) % NAMES.len()];
                    acceptable(doc.add_progress_entry(&p, date, author, text), &what);
                }
            }
            Op::DeleteProgressEntry => {
                let target = ledger
                    .problems
                    .iter()
                    .flat_map(|p| {
                        p.progress_log
                            .iter()
                            .map(move |e| (p.id.clone(), e.id.clone()))
                    })
                    .collect::<Vec<_>>();
                if !target.is_empty() {
                    let (p, e) = &target[a as usize % target.len()];
                    acceptable(doc.delete_progress_entry(p, e), &what);
                }
            }
            Op::AddRule => {
                let problem_ids: Vec<String> = live_probs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| b & (1 << (i % 32)) != 0)
                    .map(|(_, p)| p.clone())
                    .collect();
                let rule = NewRule {
                    title: text.to_string(),
                    kind: [None, Some(RuleKind::New), Some(RuleKind::Revised)][a as usize % 3],
                    date: (!a.is_multiple_of(5))
                        .then(|| today - chrono::Days::new(u64::from(a % 90))),
                    problem_ids,
                    candidate: a.is_multiple_of(4),
                };
                if let Some(id) = acceptable(doc.add_rule(&rule), &what) {
                    self.all_rules.push(id);
                }
            }
            Op::SetRuleTitle => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_title(&id, text), &what);
                }
            }
            Op::SetRuleKind => {
                if let Some(id) = rule {
                    let kind = if b.is_multiple_of(2) {
                        RuleKind::New
                    } else {
                        RuleKind::Revised
                    };
                    acceptable(doc.set_rule_kind(&id, kind), &what);
                }
            }
            Op::SetRuleDate => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_date(&id, date), &what);
                }
            }
            Op::LinkRule => {
                let p = pick(&self.all_problems, b).map(str::to_string);
                if let (Some(id), Some(p)) = (rule, p) {
                    acceptable(doc.link_rule(&id, &p, !a.is_multiple_of(3)), &what);
                }
            }
            Op::SetRuleCandidate => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_candidate(&id, b.is_multiple_of(2)), &what);
                }
            }
            Op::DeleteRule => {
                if let Some(id) = rule {
                    acceptable(doc.delete_rule(&id), &what);
                }
            }
            Op::SetMeta => {
                let field = MetaField::ALL[a as usize % MetaField::ALL.len()];
                let value = match field.kind() {
                    MetaKind::Date => date.to_string(),
                    MetaKind::Number => ["0", "7", "15", "30", "365", "-1", "abc", "400"]
                        [b as usize % 8]
                        .to_string(),
                    MetaKind::Choice => {
                        ["category", "problem", "other"][b as usize % 3].to_string()
                    }
                    MetaKind::Line | MetaKind::Paragraphs => text.to_string(),
                };
                acceptable(doc.set_meta(field, &value), &what);
            }
            Op::RestoreBefore => {
                // mostly one of the newest changes (`a` is small most of the time)
                let history = doc.history();
                if !history.is_empty() {
                    let hash = history[a as usize % history.len()].hash.clone();
                    acceptable(doc.restore_before(&hash, &ledger), &what);
                }
            }
        }
    }

    /// Exchange files until everyone has seen everything: every replica exports its file and
    /// replica 0 imports them all; then replica 0 exports and every other replica imports it.
    fn exchange_all(&mut self) {
        let n = self.replicas.len();
        for i in 1..n {
            let now = self.tick();
            let file = encode(&mut self.replicas[i], "整改台账", now);
            self.files.push(file.clone());
            self.import(0, &file);
        }
        let now = self.tick();
        let file = encode(&mut self.replicas[0], "整改台账", now);
        self.files.push(file.clone());
        for j in 1..n {
            self.import(j, &file);
        }
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
