//! The document's own history: who changed what and when, the ledger as it stood at a past
//! time, and putting back what one change wrote.

use std::collections::{BTreeSet, HashMap};

use automerge::transaction::Transactable;
use automerge::{
    ActorId, ChangeHash, ObjId, ObjType, Patch, PatchAction, Prop, ReadDoc, Value, ROOT,
};
use chrono::{NaiveDate, NaiveTime};

use super::change_note::ChangeNote;
use super::conflicts::{scalar_text, show_value};
use super::naming::{Author, ChangeScope, PlaceChange, PlaceName, ShownValue};
use super::{ChangeNotes, DocError, LedgerDoc};
use super::{Damage, Thing};
use crate::ledger::{Ledger, Status};

/// One change in the history list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub hash: String,
    /// seconds since the epoch, as recorded by the device that made it
    pub time: i64,
    pub actor: String,
    /// whoever made it
    pub author: Author,
    /// what was done (stored as "编辑原因分析；状态改为已完成")
    pub did: ChangeNotes,
}

/// The end of a local calendar day as epoch seconds, for "the ledger as it stood on that date".
/// `utc_offset_secs` is the local offset east of UTC (China: 8 × 3600).
pub fn end_of_day(date: NaiveDate, utc_offset_secs: i64) -> i64 {
    let end = date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
    end.and_utc().timestamp() - utc_offset_secs
}

/// The start of a local calendar day as epoch seconds (one second before it, everything
/// made on earlier days is included).
pub fn start_of_day(date: NaiveDate, utc_offset_secs: i64) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp() - utc_offset_secs - 1
}

impl LedgerDoc {
    /// Every change, newest first.
    pub fn history(&mut self) -> Vec<HistoryEntry> {
        let people = self.people();
        // Automerge lists the changes in causal order: within one second (the example's making
        // is two changes), what came later comes first, never by the hash's chance
        let mut out: Vec<(usize, HistoryEntry)> = self
            .doc
            .get_changes(&[])
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let actor = c.actor_id().to_hex_string();
                let entry = HistoryEntry {
                    hash: c.hash().to_string(),
                    time: c.timestamp(),
                    author: Author::of(&actor, &people),
                    actor,
                    did: ChangeNotes::parse(c.message().unwrap_or_default()),
                };
                (i, entry)
            })
            .collect();
        out.sort_by(|(i, a), (j, b)| (b.time, j).cmp(&(a.time, i)));
        out.into_iter().map(|(_, entry)| entry).collect()
    }

    pub(super) fn people(&self) -> HashMap<String, String> {
        let mut out = HashMap::new();
        if let Ok(Some((Value::Object(ObjType::Map), people))) = self.doc.get(ROOT, "people") {
            for key in self.doc.keys(&people) {
                if let Ok(Some((Value::Scalar(s), _))) = self.doc.get(&people, key.as_str()) {
                    if let Some(name) = s.as_str() {
                        out.insert(key, name.to_string());
                    }
                }
            }
        }
        out
    }

    /// The heads of the document as it stood at `time`: every change made at or before it
    /// whose own dependencies are all in (a change that builds on a later one waits for it,
    /// so the state is one that really existed on some device). Empty when nothing did.
    pub fn heads_at(&mut self, time: i64) -> Vec<ChangeHash> {
        let changes = self.doc.get_changes(&[]);
        // get_changes lists changes in causal order: dependencies first
        let mut included: BTreeSet<ChangeHash> = BTreeSet::new();
        let mut is_dep: BTreeSet<ChangeHash> = BTreeSet::new();
        for c in &changes {
            if c.timestamp() <= time && c.deps().iter().all(|d| included.contains(d)) {
                included.insert(c.hash());
                is_dep.extend(c.deps().iter().copied());
            }
        }
        included.difference(&is_dep).copied().collect()
    }

    /// The ledger as it stood at `time` (seconds since the epoch), read-only; None when the
    /// ledger did not exist yet on any device whose changes this copy has.
    pub fn ledger_at(&mut self, time: i64) -> Result<Option<Ledger>, DocError> {
        let heads = self.heads_at(time);
        if heads.is_empty() {
            return Ok(None);
        }
        let past = self
            .doc
            .fork_at(&heads)
            .map_err(|e| DocError::Unreadable(Damage::PastVersion(e.to_string())))?;
        let past = LedgerDoc {
            doc: past,
            read_only: true,
            author: None,
            pending: vec![],
            own_actors: vec![],
            cache: Default::default(),
        };
        past.read().map(Some)
    }

    /// The status each problem had when it was made, for the problems made after `since`
    /// (epoch seconds): its `status` as the change that made it left it (未启动 when that
    /// change wrote none). The weekly report compares it with the status at the period's end,
    /// so a problem created in the period still shows its status changes.
    pub fn statuses_at_creation(&mut self, since: i64) -> HashMap<String, Status> {
        let made_by: Vec<(ActorId, u64, u64, i64, ChangeHash)> = self
            .doc
            .get_changes_meta(&[])
            .into_iter()
            .map(|c| {
                (
                    c.actor.into_owned(),
                    c.start_op,
                    c.max_op,
                    c.timestamp,
                    c.hash,
                )
            })
            .collect();
        let mut out = HashMap::new();
        let Ok(Some((Value::Object(ObjType::Map), problems))) = self.doc.get(ROOT, "problems")
        else {
            return out;
        };
        for id in self.doc.keys(&problems).collect::<Vec<_>>() {
            let Ok(Some((Value::Object(_), obj))) = self.doc.get(&problems, id.as_str()) else {
                continue;
            };
            let ObjId::Id(counter, actor, _) = &obj else {
                continue;
            };
            let change = made_by
                .iter()
                .find(|(a, start, max, ..)| a == actor && (*start..=*max).contains(counter));
            let Some((.., hash)) = change.filter(|(.., time, _)| *time > since) else {
                continue;
            };
            let code = match self.doc.get_at(&obj, "status", &[*hash]) {
                Ok(Some((Value::Scalar(s), _))) => s.as_str().unwrap_or_default().to_string(),
                _ => String::new(),
            };
            out.insert(id, Status::from_code(&code));
        }
        out
    }

    /// The time of the earliest change: when this ledger was created.
    pub fn created_at(&mut self) -> Option<i64> {
        self.doc
            .get_changes(&[])
            .iter()
            .map(|c| c.timestamp())
            .min()
    }

    /// Which problems and fields one change touched ("第3项 · 原因分析"), numbered as the
    /// ledger stands now, in the order the change wrote them, with a short field's value
    /// before and after.
    pub fn change_places(&mut self, hash: &str, ledger: &Ledger) -> ChangeScope {
        let Ok(hash) = hash.parse::<ChangeHash>() else {
            return ChangeScope::default();
        };
        let Some(change) = self.doc.get_change_by_hash(&hash) else {
            return ChangeScope::default();
        };
        let deps = change.deps().to_vec();
        let patches = self.doc.diff(&deps, &[hash]);
        // the same change undone: its puts carry the values before it (a second diff, only
        // for a change that put a short value: most typing changes put none)
        let puts_a_value = patches.iter().any(|p| {
            matches!(
                &p.action,
                PatchAction::PutMap {
                    value: (Value::Scalar(_), _),
                    ..
                }
            )
        });
        let before: HashMap<(String, String), Value<'static>> = if puts_a_value {
            self.doc
                .diff(&[hash], &deps)
                .into_iter()
                .filter_map(|p| match p.action {
                    PatchAction::PutMap { key, value, .. } => {
                        Some(((p.obj.to_string(), key), value.0))
                    }
                    _ => None,
                })
                .collect()
        } else {
            HashMap::new()
        };
        let mut out: Vec<PlaceChange> = vec![];
        for patch in &patches {
            let Some(place) = place_label(patch, ledger) else {
                continue;
            };
            let values = values_written(patch, &before, ledger);
            match out.iter_mut().find(|p| p.place == place) {
                Some(known) => {
                    // the last write is the value after; the value before stays the first's
                    if let (Some((before, _)), Some((_, after))) = (&known.values, values) {
                        known.values = Some((before.clone(), after));
                    }
                }
                None => out.push(PlaceChange { place, values }),
            }
        }
        // a field written with the value it had (a new object's empty fields) changed nothing
        out.retain(|p| !matches!(&p.values, Some((before, after)) if before == after));
        ChangeScope::of(out)
    }

    /// 恢复修改前的值: put back what the fields one change wrote held just before it (short
    /// fields and long texts; structure — adding, deleting, moving — is left alone). The
    /// restoring is a new change, so it merges like any edit. Returns the places restored.
    pub fn restore_before(
        &mut self,
        hash: &str,
        ledger: &Ledger,
    ) -> Result<Vec<PlaceName>, DocError> {
        self.writable()?;
        let hash = hash
            .parse::<ChangeHash>()
            .map_err(|_| DocError::NotFound(Thing::Change))?;
        let deps = self
            .doc
            .get_change_by_hash(&hash)
            .ok_or(DocError::NotFound(Thing::Change))?
            .deps()
            .to_vec();
        let patches = self.doc.diff(&deps, &[hash]);
        let past = self
            .doc
            .fork_at(&deps)
            .map_err(|e| DocError::Unreadable(Damage::PastVersion(e.to_string())))?;
        let mut restored = vec![];
        let mut done: BTreeSet<(String, String)> = BTreeSet::new();
        for patch in &patches {
            let changed = match &patch.action {
                PatchAction::PutMap { key, .. } => {
                    if matches!(
                        key.as_str(),
                        "deleted" | "order" | "category_id" | "schema" | "ledger_id"
                    ) || !done.insert((patch.obj.to_string(), key.clone()))
                    {
                        continue;
                    }
                    match past.get(&patch.obj, key.as_str()) {
                        Ok(Some((Value::Scalar(v), _))) => {
                            let current = self
                                .doc
                                .get(&patch.obj, key.as_str())?
                                .map(|(v, _)| v.to_owned());
                            if current.as_ref() != Some(&Value::Scalar(v.clone())) {
                                self.doc.put(&patch.obj, key.as_str(), v.into_owned())?;
                                true
                            } else {
                                false
                            }
                        }
                        _ => false,
                    }
                }
                PatchAction::SpliceText { .. } | PatchAction::DeleteSeq { .. } => {
                    if !done.insert((patch.obj.to_string(), String::new())) {
                        continue;
                    }
                    match past.object_type(&patch.obj) {
                        Ok(ObjType::Text) => {
                            let old = past.text(&patch.obj)?;
                            if self.doc.text(&patch.obj)? != old {
                                self.doc.update_text(&patch.obj, &old)?;
                                true
                            } else {
                                false
                            }
                        }
                        _ => false,
                    }
                }
                _ => false,
            };
            if changed {
                if let Some(label) = place_label(patch, ledger) {
                    if !restored.contains(&label) {
                        restored.push(label);
                    }
                }
            }
        }
        if !restored.is_empty() {
            self.note(ChangeNote::RestoreEarlier);
        }
        Ok(restored)
    }
}

/// The place a patch wrote, as people name it.
fn place_label(patch: &Patch, ledger: &Ledger) -> Option<PlaceName> {
    let mut keys: Vec<String> = patch
        .path
        .iter()
        .map(|(_, prop)| match prop {
            Prop::Map(k) => k.clone(),
            Prop::Seq(i) => i.to_string(),
        })
        .collect();
    if let PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } = &patch.action {
        keys.push(key.clone());
    }
    PlaceName::of_keys(&keys, ledger)
}

/// A short field's value before (`before`, from the change undone) and after a patch that put
/// it; none for texts, lists, objects and the keys that only place things (order, deleted).
fn values_written(
    patch: &Patch,
    before: &HashMap<(String, String), Value<'static>>,
    ledger: &Ledger,
) -> Option<(ShownValue, ShownValue)> {
    let PatchAction::PutMap { key, value, .. } = &patch.action else {
        return None;
    };
    if matches!(key.as_str(), "order" | "deleted" | "schema" | "ledger_id") {
        return None;
    }
    let (after @ Value::Scalar(_), _) = value else {
        return None;
    };
    let before = match before.get(&(patch.obj.to_string(), key.clone())) {
        Some(v @ Value::Scalar(_)) => scalar_text(v),
        Some(_) => return None,
        None => String::new(),
    };
    Some((
        show_value(key, &before, Some(ledger)),
        show_value(key, &scalar_text(after), Some(ledger)),
    ))
}
