//! Rectify's change 7: `apply_changes_noting_both` applies changes as `apply_changes` does and
//! names the sequences both sides edited since the other copy's heads.

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ChangeHash, ObjType, ROOT};

fn parted() -> (AutoCommit, AutoCommit, Vec<automerge::ObjId>) {
    let mut ours = AutoCommit::new().with_actor(ActorId::from(vec![1; 16]));
    let texts: Vec<_> = (0..4)
        .map(|i| {
            let t = ours.put_object(ROOT, format!("t{i}"), ObjType::Text).unwrap();
            ours.splice_text(&t, 0, 0, "整改措施已落实").unwrap();
            t
        })
        .collect();
    ours.commit();
    let theirs = ours.fork().with_actor(ActorId::from(vec![2; 16]));
    (ours, theirs, texts)
}

#[test]
fn the_sequences_both_sides_edited_are_named() {
    let (mut ours, mut theirs, t) = parted();
    let parted_at = ours.get_heads();
    // both edit t0; only theirs t1; only ours t2; ours deletes from t3, theirs edits it
    ours.splice_text(&t[0], 0, 0, "我").unwrap();
    theirs.splice_text(&t[0], 3, 0, "他").unwrap();
    theirs.splice_text(&t[1], 0, 0, "他").unwrap();
    ours.splice_text(&t[2], 1, 0, "我").unwrap();
    ours.splice_text(&t[3], 2, 1, "").unwrap();
    theirs.splice_text(&t[3], 5, 0, "他").unwrap();
    ours.commit();
    theirs.commit();
    let their_heads = theirs.get_heads();
    let changes = theirs.get_changes(&parted_at);
    let mut plain = ours.clone();
    let mut named = ours
        .apply_changes_noting_both(changes.clone(), &their_heads)
        .unwrap()
        .unwrap();
    named.sort();
    let mut both = vec![t[0].clone(), t[3].clone()];
    both.sort();
    assert_eq!(named, both);
    plain.apply_changes(changes).unwrap();
    assert_eq!(ours.save(), plain.save(), "applied as apply_changes does");
}

#[test]
fn nothing_is_known_for_a_head_the_document_lacks() {
    let (mut ours, mut theirs, t) = parted();
    let parted_at = ours.get_heads();
    theirs.splice_text(&t[0], 0, 0, "他").unwrap();
    theirs.commit();
    let changes = theirs.get_changes(&parted_at);
    let unknown = ChangeHash([7; 32]);
    assert_eq!(
        ours.apply_changes_noting_both(changes, &[unknown]).unwrap(),
        None
    );
}
