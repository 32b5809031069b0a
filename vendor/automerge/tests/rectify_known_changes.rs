//! Rectify's change 4: `load_with_known_changes` takes each change's hash from the list it is
//! given instead of rebuilding the change. What it refuses (the caller then loads the plain
//! way) and, as the documented limit, what it cannot see: only the heads check the hashes.

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, Automerge, ChangeHash, ObjType, ROOT};

/// A history with branches (three actors, merges), so that some changes are heads and most
/// are not.
fn doc() -> AutoCommit {
    let mut a = AutoCommit::new().with_actor(ActorId::from(vec![1; 16]));
    let text = a.put_object(ROOT, "text", ObjType::Text).unwrap();
    a.splice_text(&text, 0, 0, "整改台账").unwrap();
    a.commit();
    let mut b = a.fork().with_actor(ActorId::from(vec![2; 16]));
    let mut c = a.fork().with_actor(ActorId::from(vec![3; 16]));
    for i in 0..20 {
        a.put(ROOT, format!("a{i}"), i).unwrap();
        a.commit();
        b.splice_text(&text, 0, 0, "b").unwrap();
        b.commit();
        if i % 5 == 0 {
            a.merge(&mut b).unwrap();
        }
    }
    c.put(ROOT, "c", "only c").unwrap();
    c.commit();
    a.merge(&mut c).unwrap();
    b.put(ROOT, "b", "late").unwrap();
    b.commit();
    a.merge(&mut b).unwrap();
    a.put(ROOT, "z", 1).unwrap();
    a.commit();
    c.put(ROOT, "c2", 2).unwrap();
    c.commit();
    a.merge(&mut c).unwrap(); // two heads
    a
}

fn saved() -> (Vec<u8>, Vec<(ChangeHash, u64)>, Automerge) {
    let mut d = doc();
    let bytes = d.save();
    let plain = Automerge::load(&bytes).unwrap();
    (bytes, plain.known_changes(), plain)
}

fn refused(bytes: &[u8], known: &[(ChangeHash, u64)], why: &str) {
    assert!(
        Automerge::load_with_known_changes(bytes, known).is_err(),
        "{why}: refused"
    );
    assert!(
        AutoCommit::load_with_known_changes(bytes, known).is_err(),
        "{why}: refused (AutoCommit)"
    );
}

/// Index of a change no other depends on, and of one that is depended on.
fn head_and_inner(plain: &Automerge, known: &[(ChangeHash, u64)]) -> (usize, usize) {
    let heads = plain.get_heads();
    assert!(heads.len() >= 2);
    let head = known.iter().position(|(h, _)| heads.contains(h)).unwrap();
    let inner = known.iter().position(|(h, _)| !heads.contains(h)).unwrap();
    (head, inner)
}

#[test]
fn the_same_document_either_way() {
    let (bytes, known, plain) = saved();
    let fast = Automerge::load_with_known_changes(&bytes, &known).unwrap();
    assert_eq!(fast.save(), plain.save());
    assert_eq!(fast.get_heads(), plain.get_heads());
    assert_eq!(fast.known_changes(), known);
    assert_eq!(fast.get_changes(&[]), plain.get_changes(&[]));
    let mut auto = AutoCommit::load_with_known_changes(&bytes, &known).unwrap();
    assert_eq!(auto.save(), plain.save());
}

#[test]
fn missing_extra_repeated_and_truncated_lists_are_refused() {
    let (bytes, known, _) = saved();
    refused(&bytes, &[], "empty");
    refused(&bytes, &known[..known.len() - 1], "the last one missing");
    refused(&bytes, &known[1..], "the first one missing");
    let mut one_missing = known.clone();
    one_missing.remove(known.len() / 2);
    refused(&bytes, &one_missing, "one in the middle missing");
    let mut extra = known.clone();
    extra.push((ChangeHash([9; 32]), 1));
    refused(&bytes, &extra, "one more");
    let mut repeated = known.clone();
    repeated.push(known[0]);
    refused(&bytes, &repeated, "one repeated, one more");
    let mut repeated = known.clone();
    repeated[1] = repeated[0];
    refused(&bytes, &repeated, "one repeated in another's place");
    for len in [1, known.len() / 3, known.len() / 2] {
        refused(&bytes, &known[..len], "truncated");
    }
}

#[test]
fn an_altered_or_moved_head_is_refused() {
    let (bytes, known, plain) = saved();
    let (head, inner) = head_and_inner(&plain, &known);
    let mut altered = known.clone();
    altered[head].0 .0[7] ^= 1;
    refused(&bytes, &altered, "a head's hash altered");
    let mut moved = known.clone();
    moved.swap(head, inner);
    refused(&bytes, &moved, "a head swapped with a change it does not head");
    let mut reversed = known.clone();
    reversed.reverse();
    refused(&bytes, &reversed, "the list reversed");
}

#[test]
fn other_bytes_are_refused() {
    let (bytes, known, _) = saved();
    // two chunks: the document and one more change
    let mut more = doc();
    let heads = more.get_heads();
    more.put(ROOT, "more", 1).unwrap();
    more.commit();
    let mut two = bytes.clone();
    two.extend(more.save_after(&heads));
    refused(&two, &known, "two chunks");
    // a damaged checksum, and bytes that are not a document
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    refused(&damaged, &known, "a byte flipped");
    refused(&bytes[..bytes.len() / 2], &known, "half the bytes");
    refused(b"not a document", &known, "not a document");
    // another document's list
    let mut other = AutoCommit::new();
    other.put(ROOT, "x", 1).unwrap();
    other.commit();
    refused(&other.save(), &known, "another document's list");
}

/// The limit of the check (documented in the patch header): hashes of changes that are not
/// heads are taken as given, so a list that keeps the heads where they are but swaps two
/// other changes, or alters a non-head's hash, loads. A caller must keep the list bound to the
/// bytes it was made for (Rectify: a SHA-256 of both). When this starts failing, the load
/// checks more: update the header and Rectify's store.
#[test]
fn swapped_or_altered_non_heads_are_not_caught() {
    let (bytes, known, plain) = saved();
    let heads = plain.get_heads();
    let inner: Vec<usize> = (0..known.len())
        .filter(|&i| !heads.contains(&known[i].0))
        .collect();
    let mut swapped = known.clone();
    swapped.swap(inner[0], inner[1]);
    assert!(Automerge::load_with_known_changes(&bytes, &swapped).is_ok());
    let mut altered = known.clone();
    altered[inner[2]].0 .0[0] ^= 1;
    let loaded = Automerge::load_with_known_changes(&bytes, &altered).unwrap();
    assert_ne!(loaded.known_changes(), plain.known_changes());
}
