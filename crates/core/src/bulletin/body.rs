//! The bulletin's body between the opening and the contact lines: its top-level sections
//! (一、二、三、) in one of the two layouts a ledger can have (`TopLevel`): the three parts
//! with the categories as （一）（二） under the second, or the categories themselves as the
//! top-level sections between the text's own parts (an imported text numbered so). A
//! heading is taken from the sample only in the first layout, and only when the ledger has
//! none of its own.

use super::{
    end_sentence, narrative, or_default, paragraphs, problem_blocks, push_heading, Block, Face,
    Run, DEFAULT_DEPLOYMENT_HEADING, DEFAULT_IMPLEMENTATION_HEADING, DEFAULT_NEXT_STEPS_HEADING,
};
use crate::ledger::{chinese_numeral, Ledger, Problem, TopLevel};

/// The body's blocks, appended to `blocks`.
pub(super) fn push_body(ledger: &Ledger, blocks: &mut Vec<Block>) {
    let sections = &ledger.sections;
    // The sections of the ledger's own text: one with neither heading nor text is left out
    // when another has a heading of its own (an imported text's skeleton, not the sample's),
    // and always when the categories are the top level.
    let own_skeleton = sections.top_level == TopLevel::Categories
        || [
            &sections.deployment_heading,
            &sections.implementation_heading,
            &sections.next_steps_heading,
        ]
        .iter()
        .any(|h| !h.trim().is_empty());
    let shown = |h: &str, t: &str| !own_skeleton || !h.trim().is_empty() || !t.trim().is_empty();
    let mut n = 0;
    // 一、 deployment
    if shown(&sections.deployment_heading, &sections.deployment) {
        n += 1;
        push_part(
            blocks,
            n,
            or_default(&sections.deployment_heading, DEFAULT_DEPLOYMENT_HEADING),
            &sections.deployment,
        );
    }
    match sections.top_level {
        TopLevel::Parts => {
            // 二、 one （N） per category, then its numbered problems
            n += 1;
            push_heading(
                blocks,
                n,
                or_default(
                    &sections.implementation_heading,
                    DEFAULT_IMPLEMENTATION_HEADING,
                ),
            );
            for line in paragraphs(&sections.implementation_intro) {
                blocks.push(narrative(line));
            }
            push_groups(ledger, blocks, |blocks, i, title| {
                blocks.push(Block::Paragraph {
                    runs: vec![Run::new(
                        format!("（{}）{}", chinese_numeral(i + 1), end_sentence(title)),
                        Face::KaiTi,
                    )],
                    problem_id: None,
                });
            });
        }
        TopLevel::Categories => {
            for line in paragraphs(&sections.implementation_intro) {
                blocks.push(narrative(line));
            }
            let first = n;
            push_groups(ledger, blocks, |blocks, i, title| {
                push_heading(blocks, first + i + 1, title.trim());
            });
            n += groups(ledger).len();
        }
    }
    // 三、 next steps
    if shown(&sections.next_steps_heading, &sections.next_steps) {
        push_part(
            blocks,
            n + 1,
            or_default(&sections.next_steps_heading, DEFAULT_NEXT_STEPS_HEADING),
            &sections.next_steps,
        );
    }
}

/// A narrative part: its heading, then its paragraphs.
fn push_part(blocks: &mut Vec<Block>, n: usize, heading: &str, text: &str) {
    push_heading(blocks, n, heading);
    for line in paragraphs(text) {
        blocks.push(narrative(line));
    }
}

/// The categories with their problems, and the problems whose category is gone (其他问题).
fn groups(ledger: &Ledger) -> Vec<(String, Vec<&Problem>)> {
    let mut groups: Vec<(String, Vec<&Problem>)> = ledger
        .categories
        .iter()
        .map(|c| (c.title.clone(), ledger.problems_in(&c.id).collect()))
        .collect();
    let orphans: Vec<&Problem> = ledger.orphan_problems().collect();
    if !orphans.is_empty() {
        groups.push(("其他问题".to_string(), orphans));
    }
    groups
}

/// Each group's heading (by `heading`, with its 0-based index), then its problems numbered
/// on through the bulletin.
fn push_groups(
    ledger: &Ledger,
    blocks: &mut Vec<Block>,
    heading: impl Fn(&mut Vec<Block>, usize, &str),
) {
    let mut number = 0;
    for (i, (title, problems)) in groups(ledger).iter().enumerate() {
        heading(blocks, i, title);
        for p in problems {
            number += 1;
            blocks.extend(problem_blocks(ledger, p, number));
        }
    }
}
