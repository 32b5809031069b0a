//! Typing written as a splice the text field described (`LedgerDoc::splice_problem_text`):
//! the same document as the whole text written, refused (nothing written) when the text shown
//! is not the document's, and merged with a colleague's concurrent edit keeping both.

mod common;
use common::*;

use rectify_core::document::{DocError, LedgerDoc, ProblemText, TextEdit, MAX_FIELD_BYTES};

const CAUSE: ProblemText = ProblemText::Cause;

fn edit(at: usize, deleted: usize, inserted: &str) -> TextEdit {
    TextEdit {
        at,
        deleted,
        inserted: inserted.into(),
    }
}

fn cause(doc: &mut LedgerDoc, id: &str) -> String {
    doc.read().unwrap().problem(id).unwrap().cause.clone()
}

/// Type `edit` into `id`'s cause as the page does: spliced, or refused.
fn splice(doc: &mut LedgerDoc, id: &str, e: TextEdit) -> Option<String> {
    let before = cause(doc, id);
    doc.splice_problem_text(id, CAUSE, &before, &e).unwrap()
}

#[test]
fn a_splice_writes_what_the_whole_text_would() {
    let (mut doc, _cats, probs) = small_ledger();
    let p = &probs[0];
    doc.set_problem_text(p, CAUSE, "议事规则不完善😀，制度执行不严")
        .unwrap();
    let mut whole = doc.fork(T0 + 1);
    for (e, expected) in [
        (edit(15, 0, "。"), "议事规则不完善😀，制度执行不严。"),
        (edit(7, 1, ""), "议事规则不完善，制度执行不严。"),
        (edit(0, 2, "会议"), "会议规则不完善，制度执行不严。"),
        (edit(2, 2, "记录"), "会议记录不完善，制度执行不严。"),
    ] {
        let shown = splice(&mut doc, p, e).expect("spliced");
        assert_eq!(shown, expected);
        assert_eq!(
            cause(&mut doc, p),
            expected,
            "the document reads what is shown"
        );
        whole.set_problem_text(p, CAUSE, expected).unwrap();
    }
    assert!(doc.has_pending(), "the splice is an edit to save");
    assert_eq!(doc.read().unwrap(), whole.read().unwrap());
}

#[test]
fn a_text_shown_that_is_not_the_documents_is_refused_and_nothing_written() {
    let (mut doc, _cats, probs) = small_ledger();
    let p = &probs[0];
    doc.set_problem_text(p, CAUSE, "整改措施不到位").unwrap();
    doc.commit(T0 + 1);
    let heads = doc.heads();
    // another length than the document's text
    let r = doc.splice_problem_text(p, CAUSE, "整改措施", &edit(4, 0, "。"));
    assert_eq!(r.unwrap(), None);
    // the same length, but the character deleted is not the document's
    let r = doc.splice_problem_text(p, CAUSE, "整改计划不到位", &edit(2, 2, "方案"));
    assert_eq!(r.unwrap(), None);
    // an edit that does not fit the text shown
    let r = doc.splice_problem_text(p, CAUSE, "整改措施不到位", &edit(6, 3, ""));
    assert_eq!(r.unwrap(), None);
    doc.commit(T0 + 2);
    assert_eq!(doc.heads(), heads, "nothing was written");
    assert_eq!(cause(&mut doc, p), "整改措施不到位");
}

#[test]
fn a_splice_over_the_size_limit_is_refused() {
    let (mut doc, _cats, probs) = small_ledger();
    let p = &probs[0];
    let long = "a".repeat(MAX_FIELD_BYTES);
    doc.set_problem_text(p, CAUSE, &long).unwrap();
    let r = doc.splice_problem_text(p, CAUSE, &long, &edit(0, 0, "b"));
    assert!(matches!(r, Err(DocError::OverLimit(_))), "{r:?}");
    assert_eq!(cause(&mut doc, p), long);
}

#[test]
fn a_splice_and_a_colleagues_edit_of_the_same_paragraph_both_survive() {
    let (mut base, _cats, probs) = small_ledger();
    let p = &probs[0];
    let text = "第一句说明情况。第二句分析原因。第三句提出要求。";
    base.set_problem_text(p, CAUSE, text).unwrap();
    let mut a = base.fork(T0 + 2);
    let mut b = base.fork(T0 + 2);
    // a types at the end of the first sentence, key by key, as the page splices
    for (i, c) in "（甲补充）".chars().enumerate() {
        splice(&mut a, p, edit(7 + i, 0, &c.to_string())).expect("spliced");
    }
    // b deletes a word and adds at the end, as a whole text
    b.set_problem_text(
        p,
        CAUSE,
        "第一句说明情况。第二句原因。第三句提出要求（乙补充）。",
    )
    .unwrap();
    let expected = "第一句说明情况（甲补充）。第二句原因。第三句提出要求（乙补充）。";
    let mut ab = a.fork(T0 + 3);
    ab.merge(&mut b.fork(T0 + 3), T0 + 4).unwrap();
    let mut ba = b.fork(T0 + 3);
    ba.merge(&mut a.fork(T0 + 3), T0 + 4).unwrap();
    assert_eq!(cause(&mut ab, p), expected);
    assert_eq!(ab.read().unwrap(), ba.read().unwrap());
}

#[test]
fn a_whole_value_replaced_by_itself_and_more_merges_without_doubling() {
    let (mut doc, _cats, probs) = small_ledger();
    let p = &probs[0];
    let original = "议事规则不够完善，班子成员交叉任职";
    doc.set_problem_text(p, CAUSE, original).unwrap();
    let mut colleague = doc.fork(T0 + 1);
    // select all, then paste the text with an addition at the end (as `fill` does)
    let units = original.encode_utf16().count();
    let replaced =
        TextEdit::from_utf16(original, 0, units, format!("{original}（甲补充）")).expect("an edit");
    assert_eq!(
        replaced,
        edit(original.chars().count(), 0, "（甲补充）"),
        "only the addition"
    );
    splice(&mut doc, p, replaced).expect("spliced");
    colleague
        .set_problem_text(p, CAUSE, &format!("（乙补充）{original}"))
        .unwrap();
    doc.merge(&mut colleague, T0 + 2).unwrap();
    assert_eq!(
        cause(&mut doc, p),
        format!("（乙补充）{original}（甲补充）")
    );
    // and a replacement sharing nothing is written whole
    let other = TextEdit::from_utf16("ab", 0, 2, "xy".into()).unwrap();
    assert_eq!(other, edit(0, 2, "xy"));
}
