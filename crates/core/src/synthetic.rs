//! A seeded synthetic ledger for benchmarks: N problems in categories with Chinese texts of
//! realistic lengths, and a replayable script of M edits by several people who merge files.
//!
//! The same [`Script`] drives the app's core ([`Script::build`]) and, as JSON, the peer CRDT
//! scripts in `benches/peers/` (@automerge/automerge and Yjs), so all build the same ledger
//! and history. Content is seeded; ids and actor ids are random, as in the app.

use chrono::NaiveDate;
use serde::Serialize;

use crate::document::{DocError, LedgerDoc, ProblemField, ProblemText};
use crate::file::example::example_ledger;
use crate::ledger::{Category, Ledger, Meta, Problem, Status};

/// How big a ledger and how long a history to make.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub problems: usize,
    /// edits after the ledger was filled in (each one change)
    pub edits: usize,
    /// people editing on their own laptops
    pub people: usize,
    /// every this many edits, everyone exchanges files with everyone
    pub sync_every: usize,
    pub seed: u64,
}

impl Spec {
    /// N problems and M = 10 × N edits by 4 people who exchange files every 500 edits.
    pub fn sized(problems: usize) -> Spec {
        Spec {
            problems,
            edits: problems * 10,
            people: 4,
            sync_every: 500,
            seed: 20_221_128,
        }
    }
}

/// One edit. Places in texts are given per mille of the text's length on the laptop making
/// the edit, so replicas with different histories (and the peer CRDTs) replay it the same.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// type `insert` into a long text
    Type {
        problem: usize,
        field: &'static str,
        at_permille: u32,
        insert: String,
    },
    /// delete up to `len` characters of a long text
    Delete {
        problem: usize,
        field: &'static str,
        at_permille: u32,
        len: usize,
    },
    /// set a short field (status code, 责任人, 责任领导, a date)
    Set {
        problem: usize,
        field: &'static str,
        value: String,
    },
    /// add a 进展记录 entry
    Progress {
        problem: usize,
        date: String,
        author: String,
        text: String,
    },
}

/// One person's edit.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub person: usize,
    pub edit: Edit,
}

/// The ledger as first filled in, and the edits that follow.
#[derive(Clone, Debug, Serialize)]
pub struct Script {
    pub ledger: Ledger,
    pub steps: Vec<Step>,
    pub people: usize,
    pub sync_every: usize,
}

/// SplitMix64: small, seeded, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Sentences of the sample bulletin's problems, the vocabulary of every synthetic text.
fn sentences() -> Vec<String> {
    let example = example_ledger();
    let mut out = Vec::new();
    for p in &example.problems {
        for text in [&p.description, &p.cause, &p.measures, &p.progress] {
            for s in text.split_inclusive(['。', '；']) {
                let s = s.trim();
                if s.chars().count() >= 8 {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

/// Text of `least` to `least + spread` characters (about), made of whole sentences.
fn text(rng: &mut Rng, pool: &[String], least: usize, spread: usize) -> String {
    let chars = least + rng.below(spread);
    let mut out = String::new();
    while out.chars().count() < chars {
        out.push_str(rng.pick(pool).as_str());
    }
    out
}

const DEPARTMENTS: [&str; 6] = [
    "党政办公室",
    "组织人事部",
    "财政金融局",
    "招商服务部",
    "规划建设局",
    "纪检监察室",
];
const PEOPLE: [&str; 8] = [
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强",
];
const TEXT_FIELDS: [&str; 4] = ["description", "cause", "measures", "progress"];

/// Make the script for `spec`.
pub fn script(spec: Spec) -> Script {
    let mut rng = Rng(spec.seed);
    let pool = sentences();
    let example = example_ledger();
    let mut ledger = Ledger {
        // the example's unit and wording, under a name that says what it is (opened beside the
        // example, the two must not look alike)
        meta: Meta {
            name: format!("合成台账（{} 项，种子 {}）", spec.problems, spec.seed),
            ..example.meta.clone()
        },
        sections: example.sections.clone(),
        ..Default::default()
    };
    let categories = (spec.problems / 12).max(1);
    for c in 0..categories {
        ledger.categories.push(Category {
            id: format!("c{c}"),
            title: format!(
                "{}（第{}类）",
                example.categories[c % example.categories.len()].title,
                c + 1
            ),
            order: format!("{c:06}"),
        });
    }
    let base = NaiveDate::from_ymd_opt(2022, 4, 1).expect("a real date");
    for n in 0..spec.problems {
        let deadline = base + chrono::Days::new(30 + rng.below(240) as u64);
        ledger.problems.push(Problem {
            id: format!("p{n}"),
            category_id: format!("c{}", n * categories / spec.problems.max(1)),
            order: format!("{n:06}"),
            description: text(&mut rng, &pool, 60, 140),
            cause: text(&mut rng, &pool, 40, 80),
            measures: text(&mut rng, &pool, 80, 200),
            progress: String::new(),
            lead: rng.pick(&PEOPLE).to_string(),
            departments: vec![rng.pick(&DEPARTMENTS).to_string()],
            owner: rng.pick(&PEOPLE).to_string(),
            deadline: Some(deadline),
            completed_on: None,
            status: Status::NotStarted,
            evidence: String::new(),
            progress_log: vec![],
            basically_done: false,
            review: None,
        });
    }
    let mut steps = Vec::with_capacity(spec.edits);
    for i in 0..spec.edits {
        let person = rng.below(spec.people.max(1));
        let problem = rng.below(spec.problems.max(1));
        let edit = match rng.below(100) {
            // most edits are typing: a phrase at a time, as an input method commits it
            0..=59 => Edit::Type {
                problem,
                field: TEXT_FIELDS[rng.below(TEXT_FIELDS.len())],
                at_permille: rng.below(1001) as u32,
                insert: {
                    let s = rng.pick(&pool);
                    let take = 2 + rng.below(10);
                    s.chars().take(take).collect()
                },
            },
            60..=69 => Edit::Delete {
                problem,
                field: TEXT_FIELDS[rng.below(TEXT_FIELDS.len())],
                at_permille: rng.below(1001) as u32,
                len: 1 + rng.below(8),
            },
            70..=79 => Edit::Set {
                problem,
                field: "status",
                value: rng
                    .pick(&[Status::InProgress, Status::Done, Status::Ongoing])
                    .code()
                    .to_string(),
            },
            80..=89 => {
                let field = *rng.pick(&["owner", "lead", "deadline"]);
                let value = if field == "deadline" {
                    (base + chrono::Days::new(rng.below(365) as u64)).to_string()
                } else {
                    rng.pick(&PEOPLE).to_string()
                };
                Edit::Set {
                    problem,
                    field,
                    value,
                }
            }
            _ => Edit::Progress {
                problem,
                date: (base + chrono::Days::new((i * 365 / spec.edits.max(1)) as u64)).to_string(),
                author: PEOPLE[person % PEOPLE.len()].to_string(),
                text: text(&mut rng, &pool, 30, 60),
            },
        };
        steps.push(Step { person, edit });
    }
    Script {
        ledger,
        steps,
        people: spec.people.max(1),
        sync_every: spec.sync_every.max(1),
    }
}

fn text_field(key: &str) -> ProblemText {
    match key {
        "description" => ProblemText::Description,
        "cause" => ProblemText::Cause,
        "measures" => ProblemText::Measures,
        _ => ProblemText::Progress,
    }
}

/// Where `at_permille` of a text of `len` characters falls.
pub fn place(len: usize, at_permille: u32) -> usize {
    len * at_permille as usize / 1000
}

impl Script {
    /// The ledger filled in on the first laptop (one change), copied to everyone's laptop.
    pub fn base(&self, now: i64) -> Result<LedgerDoc, DocError> {
        let mut doc = LedgerDoc::create(&self.ledger.meta.name, Some(PEOPLE[0]), now);
        doc.fill_from(&self.ledger)?;
        doc.commit(now);
        Ok(doc)
    }

    /// Apply `steps` to the laptops (`laptops[person]`), one change per edit; problem
    /// numbers index `ids`, the problems' ids in the base document.
    pub fn apply(
        laptops: &mut [LedgerDoc],
        ids: &[String],
        steps: &[Step],
        now: i64,
    ) -> Result<(), DocError> {
        for (i, step) in steps.iter().enumerate() {
            let doc = &mut laptops[step.person % laptops.len()];
            let id = &ids[match &step.edit {
                Edit::Type { problem, .. }
                | Edit::Delete { problem, .. }
                | Edit::Set { problem, .. }
                | Edit::Progress { problem, .. } => *problem % ids.len(),
            }];
            match &step.edit {
                Edit::Type {
                    field,
                    at_permille,
                    insert,
                    ..
                } => {
                    let current = doc.problem_text(id, text_field(field))?;
                    let chars: Vec<char> = current.chars().collect();
                    let at = place(chars.len(), *at_permille);
                    let mut next: String = chars[..at].iter().collect();
                    next.push_str(insert);
                    next.extend(&chars[at..]);
                    doc.set_problem_text(id, text_field(field), &next)?;
                }
                Edit::Delete {
                    field,
                    at_permille,
                    len,
                    ..
                } => {
                    let current = doc.problem_text(id, text_field(field))?;
                    let chars: Vec<char> = current.chars().collect();
                    let at = place(chars.len(), *at_permille);
                    let end = (at + len).min(chars.len());
                    let next: String = chars[..at].iter().chain(&chars[end..]).collect();
                    doc.set_problem_text(id, text_field(field), &next)?;
                }
                Edit::Set { field, value, .. } => match *field {
                    "status" => doc.set_status(
                        id,
                        &Status::from_code(value),
                        NaiveDate::from_ymd_opt(2022, 6, 30).expect("a real date"),
                    )?,
                    "owner" => doc.set_problem_field(id, ProblemField::Owner, value)?,
                    "lead" => doc.set_problem_field(id, ProblemField::Lead, value)?,
                    _ => doc.set_problem_field(id, ProblemField::Deadline, value)?,
                },
                Edit::Progress {
                    date, author, text, ..
                } => {
                    doc.add_progress_entry(id, crate::ledger::parse_date(date), author, text)?;
                }
            }
            doc.commit(now + i as i64);
        }
        Ok(())
    }

    /// Everyone exchanges files with everyone: afterwards all laptops hold the same document.
    pub fn sync(laptops: &mut [LedgerDoc], now: i64) -> Result<(), DocError> {
        let (first, rest) = laptops.split_first_mut().expect("at least one laptop");
        for other in rest.iter_mut() {
            first.merge(other, now)?;
        }
        for other in rest.iter_mut() {
            other.merge(first, now)?;
        }
        Ok(())
    }

    /// Build the whole history: the base ledger, then the edits on each person's laptop with
    /// everyone exchanging files every `sync_every` edits and at the end. Returns the first
    /// laptop's document (all are equal).
    pub fn build(&self, now: i64) -> Result<LedgerDoc, DocError> {
        let mut base = self.base(now)?;
        let ids: Vec<String> = base.read()?.problems.iter().map(|p| p.id.clone()).collect();
        let mut laptops: Vec<LedgerDoc> = (0..self.people).map(|_| base.fork(now)).collect();
        for chunk in self.steps.chunks(self.sync_every) {
            Script::apply(&mut laptops, &ids, chunk, now)?;
            Script::sync(&mut laptops, now)?;
        }
        Ok(laptops.swap_remove(0))
    }

    /// A copy of `doc` (a built history) on which one laptop makes `n` of the script's edits,
    /// from the `from`th on (round again from the first when they run out): a colleague's copy
    /// after a week apart. Two copies with different `from`s are the benchmarks' forks.
    pub fn apart(
        &self,
        doc: &mut LedgerDoc,
        from: usize,
        n: usize,
        now: i64,
    ) -> Result<LedgerDoc, DocError> {
        let ids: Vec<String> = doc.read()?.problems.iter().map(|p| p.id.clone()).collect();
        let steps: Vec<Step> = self
            .steps
            .iter()
            .cycle()
            .skip(from)
            .take(n)
            .cloned()
            .map(|mut s| {
                s.person = 0;
                s
            })
            .collect();
        let mut laptop = [doc.fork(now)];
        Script::apply(&mut laptop, &ids, &steps, now)?;
        let [copy] = laptop;
        Ok(copy)
    }
}
