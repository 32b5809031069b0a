//! Keeping copies of a ledger in step: heads, changes after heads, and merging another copy
//! (its bytes, or only the changes it has that this one lacks, found by change hashes: the
//! Web Worker and other tabs).

use std::collections::{BTreeSet, HashSet};

// `ReadDoc` in scope is not only for reading: it makes `self.doc.get_heads()`,
// `get_missing_deps()` and `get_changes()` resolve to the trait's `&self` methods, which leave
// the open transaction alone. `AutoCommit`'s inherent `&mut self` ones close it, committing
// the pending edits with no message and time 0 before `commit(now)` can (a save checks
// `knows_all` first): history would lose their places and the weekly report their dates.
use automerge::{ChangeHash, ReadDoc};

use super::naming::{Author, PlaceName};
use super::Damage;
use super::{merge, DocError, LedgerDoc};

/// What a merge brought in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// number of changes that were new to this document
    pub new_changes: usize,
    /// the people who made them
    pub authors: Vec<Author>,
    /// long texts both sides edited since they last met ("第3项 · 原因分析"): merged character by
    /// character, worth a read
    pub both_edited: Vec<PlaceName>,
    /// problems this copy edited that the other deleted meanwhile (ids; now in 回收站, with
    /// the edits kept)
    pub edited_but_deleted: Vec<String>,
}

/// Changes (each an Automerge change's bytes) as one batch for [`LedgerDoc::merge_changes`]:
/// each change's bytes after its length (4 bytes, little endian).
pub fn batch_of(changes: impl IntoIterator<Item = impl AsRef<[u8]>>) -> Vec<u8> {
    let mut out = Vec::new();
    for change in changes {
        let bytes = change.as_ref();
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

impl LedgerDoc {
    /// The changes this document has beyond `heads` (hex), as Automerge bytes that
    /// [`LedgerDoc::apply_chunk`] adds to a copy holding those heads (commits first). Empty
    /// when there is nothing new. Heads this document does not know are ignored by Automerge,
    /// so check [`LedgerDoc::knows_all`] before relying on the result being small.
    pub fn save_after(&mut self, heads: &[String], now: i64) -> Vec<u8> {
        self.commit(now);
        let heads: Vec<automerge::ChangeHash> =
            heads.iter().filter_map(|h| h.parse().ok()).collect();
        self.doc.save_after(&heads)
    }

    /// Add changes saved by [`LedgerDoc::save_after`] (or a whole saved document).
    pub fn apply_chunk(&mut self, bytes: &[u8]) -> Result<(), DocError> {
        self.all_stale();
        self.doc
            .load_incremental(bytes)
            .map(|_| ())
            .map_err(|_| DocError::Unreadable(Damage::Checksum))
    }

    /// Hashes of the document's heads, hex encoded.
    pub fn heads(&mut self) -> Vec<String> {
        self.doc.get_heads().iter().map(|h| h.to_string()).collect()
    }

    /// True when every one of `heads` (hex) is already in this document: a lookup in the
    /// change graph (`get_change_by_hash` would rebuild each change from the op columns, 1–2 ms
    /// a save in the browser at 200 problems, where every save asks this twice).
    pub fn knows_all(&mut self, heads: &[String]) -> bool {
        let Ok(hashes) = heads
            .iter()
            .map(|h| h.parse::<automerge::ChangeHash>())
            .collect::<Result<Vec<_>, _>>()
        else {
            return false;
        };
        // (a head queued, its own dependencies missing, is not known: they are what is missing)
        self.doc.get_missing_deps(&hashes).is_empty()
    }

    /// Merge another copy of the same ledger (Automerge bytes) into this one.
    /// Merging the same bytes again is a no-op and reports no new changes.
    pub fn merge_bytes(&mut self, bytes: &[u8], now: i64) -> Result<MergeReport, DocError> {
        let mut other = LedgerDoc::load(bytes)?;
        self.merge(&mut other, now)
    }

    pub fn merge(&mut self, other: &mut LedgerDoc, now: i64) -> Result<MergeReport, DocError> {
        if other.ledger_id() != self.ledger_id() {
            return Err(DocError::OtherLedger);
        }
        if self.read_only || other.read_only {
            return Err(DocError::ReadOnly);
        }
        self.commit(now);
        other.commit(now);
        // theirs: the changes new to this document. Applied as they are (what `doc.merge`
        // would look them up again to do).
        let added = self.doc.get_changes_added(&mut other.doc);
        let their_heads = other.doc.get_heads();
        self.apply_theirs(added, &their_heads)
    }

    /// Every change this document holds, by hash (32 bytes each, in no set order; commits
    /// first). Sent beside a ledger file to the Web Worker, which answers with only the changes
    /// of the file that this document lacks ([`LedgerDoc::changes_missing_from`]), so the page
    /// merges a colleague's file without loading it (`jobs::Job::ChangesForCopy`).
    pub fn change_hashes(&mut self, now: i64) -> Vec<u8> {
        self.commit(now);
        let metas = self.doc.get_changes_meta(&[]);
        let mut out = Vec::with_capacity(metas.len() * 32);
        for meta in metas {
            out.extend_from_slice(meta.hash.as_ref());
        }
        out
    }

    /// The changes this document has that a copy holding the changes `hashes` (as
    /// [`LedgerDoc::change_hashes`] lists them) lacks, as a batch for
    /// [`LedgerDoc::merge_changes`]: each change's bytes after its length (4 bytes, little
    /// endian). Exact because a copy holds every ancestor of each change it holds: the changes
    /// here that it holds are all ancestors of themselves, so the rest is what it lacks.
    ///
    /// None when that copy lacks more than half of this document's changes (a new copy of the
    /// ledger, say): the batch would rebuild nearly every change one by one, while loading this
    /// document whole and merging it costs no more (the small-file merge of the browser
    /// benchmark took 357–370 ms that way and 396–411 ms by a batch).
    pub fn changes_missing_from(&mut self, hashes: &[u8], now: i64) -> Option<Vec<u8>> {
        self.commit(now);
        let theirs: HashSet<ChangeHash> = hashes
            .chunks_exact(32)
            .filter_map(|h| ChangeHash::try_from(h).ok())
            .collect();
        let all = self.doc.get_changes_meta(&[]);
        let of = all.len();
        let have: Vec<ChangeHash> = all
            .into_iter()
            .map(|meta| meta.hash)
            .filter(|hash| theirs.contains(hash))
            .collect();
        if (of - have.len()) * 2 > of {
            return None;
        }
        let mut changes = self.doc.get_changes(&have);
        Some(batch_of(changes.iter_mut().map(|c| c.bytes().into_owned())))
    }

    /// Merge a batch from [`LedgerDoc::changes_missing_from`] of another copy of this ledger,
    /// whose heads are `their_heads` (hex): the same document and report as
    /// [`LedgerDoc::merge`] of that copy. Checked before anything is applied: a batch that does
    /// not parse, or that leaves one of its changes or one of their heads without what it
    /// depends on, is refused and the document stays as it was. That the changes are this
    /// ledger's is the sender's to check (the worker compares the ledger ids): a whole other
    /// ledger's history depends on nothing and would apply.
    pub fn merge_changes(
        &mut self,
        batch: &[u8],
        their_heads: &[String],
        now: i64,
    ) -> Result<MergeReport, DocError> {
        if self.read_only {
            return Err(DocError::ReadOnly);
        }
        let unreadable = || DocError::Unreadable(Damage::IncompleteMerge);
        let mut changes = Vec::new();
        let mut rest = batch;
        while !rest.is_empty() {
            let (len, tail) = rest.split_at_checked(4).ok_or_else(unreadable)?;
            let len = u32::from_le_bytes(len.try_into().map_err(|_| unreadable())?) as usize;
            let (bytes, tail) = tail.split_at_checked(len).ok_or_else(unreadable)?;
            changes.push(automerge::Change::from_bytes(bytes.to_vec()).map_err(|_| unreadable())?);
            rest = tail;
        }
        let their_heads = their_heads
            .iter()
            .map(|h| h.parse::<ChangeHash>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| unreadable())?;
        self.commit(now);
        // only the changes new here count (and are applied)
        let hashes: Vec<ChangeHash> = changes.iter().map(|c| c.hash()).collect();
        let missing: HashSet<ChangeHash> = self.doc.get_missing_deps(&hashes).into_iter().collect();
        changes.retain(|c| missing.contains(&c.hash()));
        let arriving: HashSet<ChangeHash> = changes.iter().map(|c| c.hash()).collect();
        let needed: Vec<ChangeHash> = changes
            .iter()
            .flat_map(|c| c.deps().iter().copied())
            .chain(their_heads.iter().copied())
            .filter(|h| !arriving.contains(h))
            .collect();
        if !self.doc.get_missing_deps(&needed).is_empty() {
            return Err(unreadable());
        }
        self.apply_theirs(changes, &their_heads)
    }

    /// Apply `added`, the changes of another copy (whose heads are `their_heads`) that this
    /// document lacks, all of whose dependencies are here or among them; and read them once
    /// for everything the report and the read cache need to know about them.
    fn apply_theirs(
        &mut self,
        added: Vec<automerge::Change>,
        their_heads: &[ChangeHash],
    ) -> Result<MergeReport, DocError> {
        let actors: BTreeSet<String> = added.iter().map(|c| c.actor_id().to_hex_string()).collect();
        // everything stale while merging (a failed merge leaves no stale cache behind), then
        // narrowed to the problems the merge changed
        let kept = std::mem::take(&mut *self.cache.borrow_mut());
        let our_heads = self.doc.document().get_heads();
        // (the sequences both sides edited come out of the apply's own walk: Automerge
        // visits each of their operations anyway, vendored change 7)
        let both = self
            .doc
            .apply_changes_noting_both(added.iter().cloned(), their_heads)?;
        let mut merged = merge::Merged::new(&self.doc, &added);
        if let (Some(root), Some(mut stale)) = (kept.root, kept.stale_problems) {
            if let Some(changed) = merged.problems_changed(&self.doc) {
                // (a problem ours changed since the last read may have moved too)
                merged.places_changed.extend(stale.iter().cloned());
                stale.extend(changed);
                let mut cache = self.cache.borrow_mut();
                cache.root = Some(root);
                cache.stale_problems = Some(stale);
                // a merge can make conflicts: scan again (cache.conflicts stays None)
            }
        }
        let both_edited = self.texts_edited_by_both(&mut merged, both);
        let edited_but_deleted = if merged.wrote_key("deleted") {
            self.edited_here_deleted_there(&our_heads, &seen_by_them(&added))
        } else {
            vec![]
        };
        let people = self.people();
        let mut authors: Vec<Author> = actors.iter().map(|a| Author::of(a, &people)).collect();
        authors.sort();
        authors.dedup();
        Ok(MergeReport {
            new_changes: added.len(),
            authors,
            both_edited,
            edited_but_deleted,
        })
    }
}

/// What the other copy had of this one when it made the changes `added` (those this copy
/// lacked): their dependencies outside them. A change of ours that the other copy merged
/// only after deleting (another tab's save merging ours before it is stored) is not among
/// them, so the deletion is still said.
fn seen_by_them(added: &[automerge::Change]) -> Vec<ChangeHash> {
    let new: BTreeSet<ChangeHash> = added.iter().map(|c| c.hash()).collect();
    let seen: BTreeSet<ChangeHash> = (added.iter().flat_map(|c| c.deps().iter().copied()))
        .filter(|d| !new.contains(d))
        .collect();
    seen.into_iter().collect()
}
