//! The ledger, the report and the outline put together from the body read.

use rectify_core::document::ProblemText;
use rectify_core::import::bulletin::{
    BulletinImport, BulletinReport, BulletinTextError, BulletinWarning, KeptIn, Leftover, Level,
    Outline, OutlineEntry, OutlineNode, Placed, Role, StatusEvidence,
};
use rectify_core::ledger::{Category, Ledger, Meta, Problem, Sections, TopLevel};

use super::build::{append, Body};
use super::frame::{contact_start, Frame};
use super::{counts, meta, rules};

/// The sections of the ledger from the text's own: the first before the problems is the
/// deployment, the first after them the next steps; others are appended and listed.
fn sections(body: &mut Body, leftovers: &mut Vec<Leftover>) -> (Sections, Vec<String>) {
    let mut s = Sections::default();
    let mut before = std::mem::take(&mut body.before).into_iter();
    if let Some((h, ps)) = before.next() {
        s.deployment_heading = h;
        s.deployment = ps.join("\n");
    }
    for (h, ps) in before {
        leftovers.push(Leftover {
            text: h.clone(),
            kept_in: KeptIn::Deployment,
        });
        let text = std::iter::once(h).chain(ps).collect::<Vec<_>>().join("\n");
        append(&mut s.deployment, &text);
    }
    s.implementation_heading = body.impl_heading.clone();
    s.implementation_intro = body.intro.join("\n");
    let mut after = std::mem::take(&mut body.after).into_iter();
    let mut next_paras: Vec<String> = Vec::new();
    if let Some((h, ps)) = after.next() {
        s.next_steps_heading = h;
        next_paras = ps;
    }
    for (h, ps) in after {
        leftovers.push(Leftover {
            text: h.clone(),
            kept_in: KeptIn::NextSteps,
        });
        next_paras.push(h);
        next_paras.extend(ps);
    }
    let mut contact = std::mem::take(&mut body.contact);
    let mut next_steps = Vec::new();
    for p in next_paras {
        if !contact.is_empty() || contact_start(&p) {
            contact.push(p);
        } else {
            next_steps.push(p);
        }
    }
    s.next_steps = next_steps.join("\n");
    (s, contact)
}

fn problems(body: &Body, ledger: &mut Ledger, report: &mut BulletinReport) {
    let mut number = 0usize;
    for (ci, cat) in body.cats.iter().enumerate() {
        let cid = format!("c{ci:02}");
        ledger.categories.push(Category {
            id: cid.clone(),
            title: cat.title.clone(),
            order: format!("{ci:04}"),
        });
        for prob in &cat.problems {
            number += 1;
            let has_progress = !prob.progress.trim().is_empty();
            // without a 整改情况, what follows the problem's first sentence may say it
            let said = if has_progress {
                prob.progress.as_str()
            } else {
                prob.description
                    .split_once('。')
                    .map_or("", |(_, rest)| rest)
            };
            let (status, sentence, ambiguous) = rectify_core::ledger::read_status(said);
            let basically_done = rectify_core::ledger::says_basically_done(&status, &sentence);
            report.statuses.push(StatusEvidence {
                number,
                status: status.clone(),
                sentence,
                ambiguous: ambiguous && !said.trim().is_empty(),
            });
            ledger.problems.push(Problem {
                id: format!("p{number:03}"),
                category_id: cid.clone(),
                order: format!("{number:04}"),
                description: prob.description.clone(),
                cause: prob.cause.clone(),
                measures: prob.measures.clone(),
                progress: prob.progress.clone(),
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
            });
            if !has_progress {
                report.warnings.push(BulletinWarning::NoProgress { number });
            }
        }
    }
    let review: Vec<usize> = report
        .statuses
        .iter()
        .filter(|s| s.ambiguous)
        .map(|s| s.number)
        .collect();
    if !review.is_empty() {
        report
            .warnings
            .push(BulletinWarning::StatusesToReview(review));
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        s.push('…');
    }
    s
}

fn entry(depth: usize, node: OutlineNode) -> OutlineEntry {
    OutlineEntry { depth, node }
}

/// The outline the preview shows: sections, categories, problems, fields, rules.
fn outline_nodes(ledger: &Ledger) -> Vec<OutlineEntry> {
    let s = &ledger.sections;
    let mut nodes = Vec::new();
    if !s.deployment_heading.is_empty() {
        nodes.push(entry(0, OutlineNode::Section(s.deployment_heading.clone())));
    }
    if !s.implementation_heading.is_empty() {
        nodes.push(entry(
            0,
            OutlineNode::Section(s.implementation_heading.clone()),
        ));
    }
    let mut named = std::collections::HashSet::new();
    for c in &ledger.categories {
        nodes.push(entry(1, OutlineNode::Category(c.title.clone())));
        for p in ledger.problems_in(&c.id) {
            let number = ledger.number_of(&p.id).unwrap_or(0);
            nodes.push(entry(
                2,
                OutlineNode::Problem {
                    number,
                    text: short(&p.description),
                },
            ));
            for (field, text) in [
                (ProblemText::Cause, &p.cause),
                (ProblemText::Measures, &p.measures),
                (ProblemText::Progress, &p.progress),
            ] {
                if !text.is_empty() {
                    nodes.push(entry(
                        3,
                        OutlineNode::Field {
                            field,
                            text: short(text),
                        },
                    ));
                }
            }
            for r in ledger
                .rules
                .iter()
                .filter(|r| r.problem_ids.first() == Some(&p.id))
            {
                if named.insert(r.id.clone()) {
                    nodes.push(entry(3, OutlineNode::Rule(r.title.clone())));
                }
            }
        }
    }
    if !s.next_steps_heading.is_empty() {
        nodes.push(entry(0, OutlineNode::Section(s.next_steps_heading.clone())));
    }
    nodes
}

pub(super) fn assemble(
    mut meta_: Meta,
    mut body: Body,
    frame: &Frame,
    levels: Vec<Level>,
    mut placed: Vec<Placed>,
    mut report: BulletinReport,
) -> Result<BulletinImport, BulletinTextError> {
    let mut leftovers = Vec::new();
    let (mut sections, contact) = sections(&mut body, &mut leftovers);
    // the text's own top-level sections are its categories (一、关于党建工作方面 … 三、下一步工作):
    // the bulletin follows them rather than the sample's three parts
    let top = levels.first().map(|l| l.role);
    if top == Some(Role::Category) && sections.implementation_heading.is_empty() {
        sections.top_level = TopLevel::Categories;
    }
    let mut opening: Vec<String> = frame.head_notes.iter().map(|(_, l)| l.clone()).collect();
    opening.extend(body.opening.iter().cloned());
    if opening.len() > 1 {
        let main = (0..opening.len())
            .max_by_key(|i| opening[*i].chars().count())
            .unwrap_or(0);
        for (_, p) in opening.iter().enumerate().filter(|(i, _)| *i != main) {
            leftovers.push(Leftover {
                text: p.clone(),
                kept_in: KeptIn::Opening,
            });
        }
    }
    sections.opening = opening.join("\n");
    meta_.contact = contact.concat();
    for (_, note) in &frame.tail_notes {
        append(&mut meta_.contact, note);
    }
    leftovers.append(&mut body.leftovers);
    leftovers.extend(frame.tail_notes.iter().map(|(_, n)| Leftover {
        text: n.clone(),
        kept_in: KeptIn::Contact,
    }));
    report.warnings.append(&mut body.warnings);
    let mut ledger = Ledger {
        sections,
        ..Default::default()
    };
    problems(&body, &mut ledger, &mut report);
    ledger.rules = rules::find_rules(&ledger.problems);
    let opening_text = ledger.sections.opening.clone();
    meta::fill_meta(&mut meta_, &opening_text);
    meta_.counting_basis = counts::counting_basis(&report.stated, &ledger);
    ledger.meta = meta_;
    report
        .warnings
        .extend(counts::count_warnings(&report.stated, &ledger));
    report.categories = ledger.categories.len();
    report.problems = ledger.problems.len();
    report.rules = ledger.rules.iter().filter(|r| !r.candidate).count();
    report.rule_candidates = ledger.rules.len() - report.rules;
    report.leftovers = leftovers;
    placed.append(&mut body.placed);
    placed.sort_by_key(|p| p.first_line);
    report.outline = Outline {
        levels,
        nodes: outline_nodes(&ledger),
        placed,
    };
    // refused here, at the preview, rather than half-filled into a document
    rectify_core::document::check_sizes(&ledger).map_err(BulletinTextError::OverLimit)?;
    Ok(BulletinImport { ledger, report })
}
