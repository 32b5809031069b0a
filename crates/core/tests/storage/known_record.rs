//! The known changes kept beside a large ledger's snapshot: written with every snapshot,
//! bound to it by SHA-256, and passed over (the plain load, nothing lost) when they do not fit.

use super::*;

/// Beside a large ledger's snapshot, its known changes (each change's hash and length), which
/// make its next load about half as long: written with every snapshot, left as they are by
/// appended chunks, and used only for the snapshot they were written with and only whole. The
/// ledger loads the same either way.
#[test]
fn a_snapshot_keeps_its_known_changes_beside_it() {
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    let id = doc.ledger_id();
    let known_key = format!("{PREFIX}known:{id}");
    store.save(&mut doc, T0 + 1).unwrap();
    assert_eq!(store.place(&id), Place::Large);
    let first = doc.known_changes(T0 + 1);
    assert_eq!(
        store.known_changes(&id),
        Some(first.clone()),
        "written with the move"
    );
    let record = large.get(&known_key).unwrap().unwrap();
    // 36 bytes a change in base64, after the tag and two SHA-256 digests
    assert!(record.starts_with("k2:"));
    assert_eq!(record.len(), 3 + 2 * 65 + first.len() * 48);

    // appended chunks leave the snapshot and its known changes alone
    for i in 0..=COMPACT_AFTER_CHUNKS {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("人{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 10 + i as i64).unwrap();
    }
    assert_eq!(store.known_changes(&id), Some(first.clone()));
    assert_stored_is(&reopen(&local, &large, BUDGET), &doc, "snapshot and chunks");

    // a compaction writes them again for the new snapshot
    store.save_and_compact(&mut doc, T0 + 100).unwrap();
    assert!(newer_chunks(&large, &id).is_empty(), "compacted");
    let second = doc.known_changes(T0 + 100);
    assert!(second.len() > first.len());
    assert_eq!(store.known_changes(&id), Some(second));
    assert_stored_is(&reopen(&local, &large, BUDGET), &doc, "compacted");

    // the first snapshot's record beside the second snapshot: passed over
    large.set(&known_key, &record).unwrap();
    assert_eq!(
        store.known_changes(&id),
        None,
        "written for another snapshot"
    );
    assert_stored_is(
        &reopen(&local, &large, BUDGET),
        &doc,
        "another snapshot's record",
    );
    // a damaged record (after the next compaction wrote a good one): passed over
    for i in 0..=COMPACT_AFTER_CHUNKS {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("再{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 110 + i as i64).unwrap();
    }
    store.save_and_compact(&mut doc, T0 + 200).unwrap();
    assert_eq!(store.known_changes(&id), Some(doc.known_changes(T0 + 200)));
    let good = large.get(&known_key).unwrap().unwrap();
    let flipped = if good.ends_with('A') { "B" } else { "A" };
    let damaged = format!("{}{flipped}", &good[..good.len() - 1]);
    large.set(&known_key, &damaged).unwrap();
    assert_eq!(store.known_changes(&id), None, "damaged");
    assert_stored_is(&reopen(&local, &large, BUDGET), &doc, "a damaged record");
    large.set(&known_key, "不是记录").unwrap();
    assert_eq!(store.known_changes(&id), None, "not a record");
    assert_stored_is(&reopen(&local, &large, BUDGET), &doc, "not a record");

    // a ledger opened from a file straight into the large store has them from the start
    let (_, _, other) = pair(BUDGET);
    let bytes = rectify_core::file::encode(&mut doc, "文件里的台账", T0 + 300);
    let mut file = rectify_core::file::decode(&bytes).unwrap();
    other.store_file(&mut file, T0 + 301).unwrap();
    assert_eq!(other.place(&id), Place::Large);
    assert_eq!(other.known_changes(&id), Some(doc.known_changes(T0 + 300)));
    assert_stored_is(&other, &doc, "opened from a file");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A ledger in the large store with its known changes, and what a test needs to forge them.
struct Known {
    local: Flaky,
    large: Flaky,
    doc: LedgerDoc,
    known_key: String,
    text: String,
    /// the record's body, decoded: 36 bytes a change
    entries: Vec<u8>,
    probs: Vec<String>,
}

fn stored_with_known_changes() -> Known {
    use base64::Engine;
    let (local, large, store) = pair(BUDGET);
    let (mut doc, probs) = big_ledger();
    // several changes, so that entries can be swapped, dropped and altered apart from the heads
    for i in 0..6 {
        doc.set_problem_field(&probs[1], ProblemField::Owner, &format!("人{i}"))
            .unwrap();
        doc.commit(T0 + 1 + i);
    }
    store.save_and_compact(&mut doc, T0 + 10).unwrap();
    let id = doc.ledger_id();
    assert_eq!(store.place(&id), Place::Large);
    let known_key = format!("{PREFIX}known:{id}");
    let record = large.get(&known_key).unwrap().unwrap();
    let body = record.rsplit(':').next().unwrap();
    let entries = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let text = large.get(&ledger_key(&id)).unwrap().unwrap();
    Known {
        local,
        large,
        doc,
        known_key,
        text,
        entries,
        probs,
    }
}

impl Known {
    fn store(&self) -> LedgerStore<Flaky> {
        reopen(&self.local, &self.large, BUDGET)
    }
    /// A record of `entries` with digests made as the store makes them (`for_text` and
    /// `body_sum` when given, to forge a mismatch).
    fn write(&self, entries: &[u8], for_text: Option<&str>, body_sum: Option<&str>) {
        use base64::Engine;
        let body = base64::engine::general_purpose::STANDARD.encode(entries);
        let record = format!(
            "k2:{}:{}:{body}",
            for_text.map_or_else(|| sha256_hex(self.text.as_bytes()), str::to_string),
            body_sum.map_or_else(|| sha256_hex(body.as_bytes()), str::to_string),
        );
        self.large.set(&self.known_key, &record).unwrap();
    }
    /// The record is passed over (or, `used`, read) and the ledger loads whole either way.
    fn loads_whole(&self, used: bool, what: &str) {
        let store = self.store();
        let id = self.doc.ledger_id();
        assert_eq!(store.known_changes(&id).is_some(), used, "{what}: used");
        assert_stored_is(&store, &self.doc, what);
    }
}

/// The known changes are bound to their snapshot and to themselves by SHA-256: a record
/// written for another snapshot, or whose list was changed after it was written (entries
/// swapped, one hash altered, cut short, one more), is passed over and the snapshot loads the
/// plain way with nothing lost. A list that passes the digests but does not fit the document
/// (made for it by hand) is refused by Automerge's own check of the heads: a plain load again.
#[test]
fn a_known_changes_record_that_does_not_fit_loads_the_plain_way() {
    let k = stored_with_known_changes();
    k.loads_whole(true, "as written");
    let good = k.large.get(&k.known_key).unwrap().unwrap();
    let n = k.entries.len() / 36;
    assert!(n > 4);
    let body_sum = good.split(':').nth(2).unwrap().to_string();

    // changed after it was written: the body's digest no longer fits
    let mut swapped = k.entries.clone();
    let (a, b) = swapped.split_at_mut(36);
    a.swap_with_slice(&mut b[..36]);
    k.write(&swapped, None, Some(&body_sum));
    k.loads_whole(false, "two entries swapped");
    let mut altered = k.entries.clone();
    altered[36 * 2 + 5] ^= 1;
    k.write(&altered, None, Some(&body_sum));
    k.loads_whole(false, "one hash altered");
    k.write(&k.entries[..36 * (n - 1)], None, Some(&body_sum));
    k.loads_whole(false, "cut short");
    let mut more = k.entries.clone();
    more.extend_from_slice(&k.entries[..36]);
    k.write(&more, None, Some(&body_sum));
    k.loads_whole(false, "one more");
    // written for another snapshot
    k.write(&k.entries, Some(&sha256_hex(b"another snapshot")), None);
    k.loads_whole(false, "another snapshot's");
    // digests that fit a list that does not: Automerge refuses it, the load is plain
    let mut reversed: Vec<u8> = k.entries.chunks(36).rev().flatten().copied().collect();
    k.write(&reversed, None, None);
    k.loads_whole(true, "a list in reverse order");
    reversed.truncate(36 * (n - 1));
    k.write(&reversed, None, None);
    k.loads_whole(true, "a list one short");
    k.write(&k.entries[36..], None, None);
    k.loads_whole(true, "a list without its first change");
    k.large.set(&k.known_key, &good).unwrap();
    k.loads_whole(true, "written again");
}

/// Records written before the SHA-256 binding hashed with `DefaultHasher` (whose output Rust
/// may change between releases). Such a record is passed over: the snapshot loads the plain
/// way, with nothing lost, and the next compaction writes a record of the new kind.
#[test]
fn a_known_changes_record_of_the_previous_kind_is_passed_over_until_the_next_compaction() {
    use base64::Engine;
    use std::hash::{DefaultHasher, Hash, Hasher};
    let k = stored_with_known_changes();
    let hash = |text: &str| {
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        hasher.finish()
    };
    // exactly what the previous version wrote
    let body = base64::engine::general_purpose::STANDARD.encode(&k.entries);
    let old = format!("{:016x}:{:016x}:{body}", hash(&k.text), hash(&body));
    k.large.set(&k.known_key, &old).unwrap();
    k.loads_whole(false, "a record of the previous kind");
    let mut doc = k.store().load(&k.doc.ledger_id()).unwrap();
    let problem = k.probs[1].clone();
    let store = k.store();
    for i in 0..=COMPACT_AFTER_CHUNKS {
        doc.set_problem_field(&problem, ProblemField::Owner, &format!("再{i}"))
            .unwrap();
        store.save(&mut doc, T0 + 20 + i as i64).unwrap();
    }
    store.save_and_compact(&mut doc, T0 + 100).unwrap();
    assert!(
        newer_chunks(&k.large, &doc.ledger_id()).is_empty(),
        "compacted"
    );
    let record = k.large.get(&k.known_key).unwrap().unwrap();
    assert!(record.starts_with("k2:"), "written anew by the compaction");
    let store = k.store();
    assert_eq!(
        store.known_changes(&doc.ledger_id()),
        Some(doc.known_changes(T0 + 50))
    );
    assert_stored_is(&store, &doc, "after the compaction");
}
