//! The example ledger a newcomer can open at once: the sample bulletin of 2022-06-30 as data
//! (`example_ledger.json`, made by `tools/make_example_ledger.py`), embedded in the app.

use serde::Deserialize;

use crate::document::{DocError, LedgerDoc};
use crate::ledger::{
    parse_date, Category, CountingBasis, Ledger, Meta, Problem, Rule, RuleKind, Sections, Status,
    DEFAULT_WARN_DAYS,
};

const EXAMPLE_JSON: &str = include_str!("example_ledger.json");

#[derive(Deserialize)]
struct Seed {
    meta: SeedMeta,
    sections: Sections,
    categories: Vec<SeedCategory>,
    rules: Vec<SeedRule>,
}

#[derive(Deserialize)]
struct SeedMeta {
    header: String,
    title: String,
    unit: String,
    unit_short: String,
    inspection_group: String,
    inspection_kind: String,
    inspection_from: String,
    inspection_to: String,
    feedback_date: String,
    as_of: String,
    issue_date: String,
    signature: String,
    contact: String,
    counting_basis: String,
}

#[derive(Deserialize)]
struct SeedCategory {
    title: String,
    problems: Vec<SeedProblem>,
}

#[derive(Deserialize)]
struct SeedProblem {
    number: usize,
    description: String,
    cause: String,
    progress: String,
    status: String,
    #[serde(default)]
    departments: Vec<String>,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    completed_on: String,
}

#[derive(Deserialize)]
struct SeedRule {
    title: String,
    kind: String,
    problems: Vec<usize>,
    candidate: bool,
}

/// The example as a plain ledger (ids are the problem numbers; the document makes real ids).
pub fn example_ledger() -> Ledger {
    let seed: Seed = serde_json::from_str(EXAMPLE_JSON).expect("the embedded example is valid");
    let m = seed.meta;
    let mut ledger = Ledger {
        meta: Meta {
            name: format!("{}整改台账（示例）", m.unit_short),
            unit: m.unit,
            unit_short: m.unit_short,
            header: m.header,
            title: m.title,
            inspection_group: m.inspection_group,
            inspection_kind: m.inspection_kind,
            inspection_from: parse_date(&m.inspection_from),
            inspection_to: parse_date(&m.inspection_to),
            feedback_date: m.feedback_date,
            as_of: parse_date(&m.as_of),
            issue_date: parse_date(&m.issue_date),
            signature: m.signature,
            contact: m.contact,
            counting_basis: CountingBasis::from_code(&m.counting_basis),
            warn_days: DEFAULT_WARN_DAYS,
            stated_figures: Default::default(),
        },
        sections: seed.sections,
        ..Default::default()
    };
    for (i, c) in seed.categories.into_iter().enumerate() {
        let cid = format!("c{i:02}");
        ledger.categories.push(Category {
            id: cid.clone(),
            title: c.title,
            order: format!("{i:04}"),
        });
        for p in c.problems {
            ledger.problems.push(Problem {
                id: format!("p{:03}", p.number),
                category_id: cid.clone(),
                order: format!("{:04}", p.number),
                description: p.description,
                cause: p.cause,
                measures: String::new(),
                progress: p.progress,
                lead: p.lead,
                departments: p.departments,
                owner: p.owner,
                deadline: parse_date(&p.deadline),
                completed_on: parse_date(&p.completed_on),
                status: Status::from_label(&p.status).unwrap_or(Status::InProgress),
                evidence: String::new(),
                progress_log: vec![],
                basically_done: false,
                review: None,
            });
        }
    }
    for (i, r) in seed.rules.into_iter().enumerate() {
        ledger.rules.push(Rule {
            id: format!("r{i:02}"),
            title: r.title,
            kind: if r.kind == "修订" {
                RuleKind::Revised
            } else {
                RuleKind::New
            },
            date: None,
            problem_ids: r.problems.iter().map(|n| format!("p{n:03}")).collect(),
            candidate: r.candidate,
        });
    }
    ledger
}

/// A new ledger document holding the example, with a fresh ledger id.
pub fn create_example(author: Option<&str>, now: i64) -> Result<LedgerDoc, DocError> {
    let example = example_ledger();
    LedgerDoc::create_filled(&example, author, now)
}
