//! Rectify's change 1: a loaded document's value column is cut into slabs of about 2 KiB, each
//! starting where a value starts. Edits into a loaded document must give what the same edits
//! give in memory: splices at and around every slab edge, and values longer than a slab.

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ObjType, ReadDoc, ScalarValue, ROOT};

/// the slab size `value_column` aims at (src/op_set2/columns.rs)
const SLAB: usize = 2048;

fn actor(n: u8) -> ActorId {
    ActorId::from(vec![n; 16])
}

/// A document whose value column spans many slabs: a text of 3-byte characters (so edges fall
/// inside and between characters of every width), a text of 1-byte ones, and map values of
/// 1, 2 and 3 slabs and more between them.
fn base() -> (AutoCommit, automerge::ObjId, automerge::ObjId) {
    let mut doc = AutoCommit::new().with_actor(actor(1));
    let cjk = doc.put_object(ROOT, "cjk", ObjType::Text).unwrap();
    let text: String = (0..4000)
        .map(|i| char::from_u32(0x4e00 + (i * 7) % 2000).unwrap())
        .collect();
    doc.splice_text(&cjk, 0, 0, &text).unwrap();
    for (i, len) in [SLAB - 1, SLAB, SLAB + 1, 3 * SLAB, 5 * SLAB + 7].iter().enumerate() {
        doc.put(ROOT, format!("long{i}"), "长".repeat(len / 3) + &"x".repeat(len % 3))
            .unwrap();
    }
    let ascii = doc.put_object(ROOT, "ascii", ObjType::Text).unwrap();
    let text: String = (0..9000).map(|i| (b'a' + (i % 26) as u8) as char).collect();
    doc.splice_text(&ascii, 0, 0, &text).unwrap();
    doc.put(ROOT, "after", "z".repeat(4 * SLAB)).unwrap();
    doc.commit();
    (doc, cjk, ascii)
}

/// Positions at and next to where the slab edges of a text of `width`-byte characters fall,
/// plus both ends.
fn edge_positions(len: usize, width: usize) -> Vec<usize> {
    let mut out = vec![0, 1, len.saturating_sub(1), len];
    let mut edge = SLAB;
    while edge / width <= len {
        for d in [-2i64, -1, 0, 1, 2] {
            let p = (edge / width) as i64 + d;
            if (0..=len as i64).contains(&p) {
                out.push(p as usize);
            }
        }
        edge += SLAB;
    }
    out.sort();
    out.dedup();
    out
}

/// The same splices on the loaded copy and on the in-memory one, each checked against a model
/// string; then both save the same bytes, which load to the same texts.
fn splice_everywhere(obj_name: &str, insert: &str, width: usize) {
    let (mut memory, _, _) = base();
    let bytes = memory.save();
    let mut loaded = AutoCommit::load(&bytes).unwrap().with_actor(actor(2));
    memory.set_actor(actor(2));
    let obj = match loaded.get(ROOT, obj_name).unwrap() {
        Some((_, id)) => id,
        None => panic!("no {obj_name}"),
    };
    let mut model: Vec<char> = loaded.text(&obj).unwrap().chars().collect();
    let positions = edge_positions(model.len(), width);
    // from the end, so that each position is still where an edge was when loaded
    for (n, &pos) in positions.iter().rev().enumerate() {
        let del = if n % 3 == 0 && pos < model.len() { 1 } else { 0 };
        for doc in [&mut loaded, &mut memory] {
            doc.splice_text(&obj, pos, del as isize, insert).unwrap();
            doc.commit();
        }
        model.splice(pos..pos + del, insert.chars());
        let expected: String = model.iter().collect();
        assert_eq!(loaded.text(&obj).unwrap(), expected, "loaded, at {pos}");
        assert_eq!(memory.text(&obj).unwrap(), expected, "in memory, at {pos}");
    }
    let saved = loaded.save();
    assert_eq!(saved, memory.save(), "the same document");
    let again = AutoCommit::load(&saved).unwrap();
    assert_eq!(again.text(&obj).unwrap(), model.iter().collect::<String>());
}

#[test]
fn splices_at_the_slab_edges_of_a_loaded_text_of_wide_characters() {
    splice_everywhere("cjk", "改", 3);
    splice_everywhere("cjk", "ab", 3);
}

#[test]
fn splices_at_the_slab_edges_of_a_loaded_text_of_narrow_characters() {
    splice_everywhere("ascii", "整改", 1);
    splice_everywhere("ascii", "q", 1);
}

/// Values longer than a slab keep a slab of their own: they read back whole, and overwriting,
/// deleting and putting them again around the edits of a text gives what it gives in memory.
#[test]
fn values_longer_than_a_slab_stay_whole() {
    let (mut memory, cjk, ascii) = base();
    let bytes = memory.save();
    let mut loaded = AutoCommit::load(&bytes).unwrap().with_actor(actor(2));
    memory.set_actor(actor(2));
    for i in 0..5 {
        let key = format!("long{i}");
        let (a, _) = loaded.get(ROOT, &key).unwrap().unwrap();
        let (b, _) = memory.get(ROOT, &key).unwrap().unwrap();
        assert_eq!(a, b, "{key} reads back whole");
    }
    let big = "长".repeat(3 * SLAB);
    for doc in [&mut loaded, &mut memory] {
        doc.put(ROOT, "long1", big.as_str()).unwrap();
        doc.delete(ROOT, "long3").unwrap();
        doc.splice_text(&cjk, 683, 0, &big).unwrap();
        doc.splice_text(&ascii, 2048, 10, "整改").unwrap();
        doc.put(ROOT, "long5", ScalarValue::Bytes(vec![7; 2 * SLAB + 1])).unwrap();
        doc.commit();
    }
    assert_eq!(loaded.save(), memory.save());
    let again = AutoCommit::load(&loaded.save()).unwrap();
    assert_eq!(again.text(&cjk).unwrap(), memory.text(&cjk).unwrap());
    let (long1, _) = again.get(ROOT, "long1").unwrap().unwrap();
    assert_eq!(long1.into_string().ok(), Some(big));
}

/// A merge of concurrent edits into a loaded document (many runs of operations, see change 2)
/// gives the document the merge gives in memory.
#[test]
fn a_merge_into_a_loaded_document_is_the_merge_in_memory() {
    let (mut memory, cjk, ascii) = base();
    let bytes = memory.save();
    let mut theirs = memory.fork().with_actor(actor(3));
    for pos in edge_positions(4000, 3).into_iter().rev() {
        theirs.splice_text(&cjk, pos, 0, "他").unwrap();
    }
    for pos in edge_positions(9000, 1).into_iter().rev() {
        theirs.splice_text(&ascii, pos, 1, "T").unwrap();
    }
    theirs.commit();
    let mut loaded = AutoCommit::load(&bytes).unwrap().with_actor(actor(2));
    memory.set_actor(actor(2));
    for doc in [&mut loaded, &mut memory] {
        doc.splice_text(&cjk, 100, 0, "我").unwrap();
        doc.commit();
        doc.merge(&mut theirs.clone()).unwrap();
    }
    assert_eq!(loaded.save(), memory.save());
    assert_eq!(loaded.text(&ascii).unwrap(), memory.text(&ascii).unwrap());
}
