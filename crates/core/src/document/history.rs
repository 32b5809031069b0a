//! The document's own history: who changed what and when, the ledger as it stood at a past
//! time, and the short fields two people set at once offline (conflicts), shown and settled.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use automerge::transaction::Transactable;
use automerge::{
    ChangeHash, ObjId, ObjType, Patch, PatchAction, Prop, ReadDoc, Value, ValueRef, ROOT,
};
use chrono::{NaiveDate, NaiveTime};

use super::{normalise_date, short_actor, Damage, DocError, LedgerDoc, Thing};
use crate::ledger::{CountingBasis, Ledger, RuleKind, Status};

/// One change in the history list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub hash: String,
    /// seconds since the epoch, as recorded by the device that made it
    pub time: i64,
    pub actor: String,
    /// 我的名字 of whoever made it, or 未署名(…)
    pub author: String,
    /// what was done ("编辑原因分析；状态改为已完成")
    pub message: String,
}

/// Where a short field lives, so a conflict on it can be shown and settled.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Meta(&'static str),
    Category(String, &'static str),
    Problem(String, &'static str),
    Rule(String, &'static str),
}

impl Place {
    /// The field's key in its map.
    pub fn key(&self) -> &'static str {
        match self {
            Place::Meta(key)
            | Place::Category(_, key)
            | Place::Problem(_, key)
            | Place::Rule(_, key) => key,
        }
    }
}

/// One of the values a conflicted field holds, with who wrote it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictValue {
    /// the stored value (a status code, an ISO date, a name…)
    pub value: String,
    /// as a person reads it (已完成, 2024-06-30, …); empty values read "（空）"
    pub shown: String,
    pub author: String,
    pub time: Option<i64>,
    /// the value every replica shows until someone settles it
    pub current: bool,
}

/// A short field with several concurrent values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub place: Place,
    /// what a person calls the field ("第3项 · 整改状态", "台账信息 · 通报标题")
    pub label: String,
    /// the problem it belongs to, for a link
    pub problem_id: Option<String>,
    pub values: Vec<ConflictValue>,
}

const META_FIELDS: [(&str, &str); 16] = [
    ("name", "台账名称"),
    ("unit", "发文机关"),
    ("unit_short", "单位简称"),
    ("header", "发文机关标志"),
    ("title", "通报标题"),
    ("inspection_group", "巡察组"),
    ("inspection_kind", "巡察类型"),
    ("inspection_from", "巡察开始日期"),
    ("inspection_to", "巡察结束日期"),
    ("feedback_date", "反馈时间"),
    ("as_of", "统计截至日期"),
    ("issue_date", "成文日期"),
    ("signature", "署名"),
    ("counting_basis", "计数口径"),
    ("warn_days", "黄灯预警天数"),
    ("deployment_heading", "第一部分标题"),
];
pub(super) const PROBLEM_FIELDS: [(&str, &str); 6] = [
    ("status", "整改状态"),
    ("deadline", "整改时限"),
    ("completed_on", "完成时间"),
    ("owner", "责任人"),
    ("lead", "责任领导"),
    ("category_id", "所属类别"),
];
pub(super) const CATEGORY_FIELDS: [(&str, &str); 1] = [("title", "类别名称")];
pub(super) const RULE_FIELDS: [(&str, &str); 4] = [
    ("title", "制度名称"),
    ("kind", "类型"),
    ("date", "印发日期"),
    ("candidate", "计入通报"),
];

fn is_date_key(key: &str) -> bool {
    matches!(
        key,
        "inspection_from"
            | "inspection_to"
            | "as_of"
            | "issue_date"
            | "deadline"
            | "completed_on"
            | "date"
    )
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

/// A field found with several values: where, its object and key, and the values with their ops.
type Found = (Place, ObjId, &'static str, Vec<(Value<'static>, ObjId)>);

impl LedgerDoc {
    /// Every change, newest first.
    pub fn history(&mut self) -> Vec<HistoryEntry> {
        let people = self.people();
        let mut out: Vec<HistoryEntry> = self
            .doc
            .get_changes(&[])
            .into_iter()
            .map(|c| {
                let actor = c.actor_id().to_hex_string();
                HistoryEntry {
                    hash: c.hash().to_string(),
                    time: c.timestamp(),
                    author: people
                        .get(&actor)
                        .cloned()
                        .unwrap_or_else(|| short_actor(&actor)),
                    actor,
                    message: c.message().map(str::to_string).unwrap_or_default(),
                }
            })
            .collect();
        out.sort_by(|a, b| (b.time, &b.hash).cmp(&(a.time, &a.hash)));
        out
    }

    fn people(&self) -> HashMap<String, String> {
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
            cache: Default::default(),
        };
        past.read().map(Some)
    }

    /// The time of the earliest change: when this ledger was created.
    pub fn created_at(&mut self) -> Option<i64> {
        self.doc
            .get_changes(&[])
            .iter()
            .map(|c| c.timestamp())
            .min()
    }

    /// Which problems and fields one change touched, as people name them ("第3项 · 原因分析"),
    /// numbered as the ledger stands now. Deleted problems and other objects are named plainly.
    pub fn change_places(&mut self, hash: &str, ledger: &Ledger) -> Vec<String> {
        let Ok(hash) = hash.parse::<ChangeHash>() else {
            return vec![];
        };
        let Some(change) = self.doc.get_change_by_hash(&hash) else {
            return vec![];
        };
        let patches = self.doc.diff(change.deps(), &[hash]);
        let mut out: Vec<String> = vec![];
        for patch in &patches {
            if let Some(label) = place_label(patch, ledger) {
                if !out.contains(&label) {
                    out.push(label);
                }
            }
        }
        out
    }

    /// 恢复修改前的值: put back what the fields one change wrote held just before it (short
    /// fields and long texts; structure — adding, deleting, moving — is left alone). The
    /// restoring is a new change, so it merges like any edit. Returns the places restored.
    pub fn restore_before(&mut self, hash: &str, ledger: &Ledger) -> Result<Vec<String>, DocError> {
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
            self.note("恢复修改前的值");
        }
        Ok(restored)
    }

    /// Every short field that holds more than one value because people set it at the same
    /// time on different copies. Settle one with [`LedgerDoc::settle`].
    ///
    /// Cached: a whole scan ([`LedgerDoc::conflicts_whole`], about 1 s at 2,000 problems and
    /// 19,000 changes) runs after a load, a merge or a restore; after a local edit only the
    /// conflicts already known are re-checked, since a local edit can settle one but never
    /// make one. The convergence test checks this equals a whole scan at every step.
    pub fn conflicts(&mut self) -> Vec<Conflict> {
        let cached = {
            let cache = self.cache.borrow();
            cache
                .conflicts
                .clone()
                .map(|known| (known, cache.conflicts_recheck))
        };
        let out = match cached {
            Some((known, false)) => return known,
            Some((known, true)) => self.recheck_conflicts(known),
            None => self.conflicts_whole(),
        };
        let mut cache = self.cache.borrow_mut();
        cache.conflicts = Some(out.clone());
        cache.conflicts_recheck = false;
        out
    }

    /// The known conflicts that a local edit has not settled, relabelled (a problem's number
    /// or a category's title in a value may have changed).
    fn recheck_conflicts(&mut self, known: Vec<Conflict>) -> Vec<Conflict> {
        if known.is_empty() {
            return known;
        }
        let ledger = self.read().ok();
        let mut out: Vec<Conflict> = known
            .into_iter()
            .filter(|c| self.still_conflicted(&c.place))
            .map(|mut c| {
                let (label, problem_id) = conflict_label(&c.place, ledger.as_ref());
                c.label = label;
                c.problem_id = problem_id;
                let key = c.place.key();
                for v in &mut c.values {
                    v.shown = show_value(key, &v.value, ledger.as_ref());
                }
                c
            })
            .collect();
        out.sort_by(|a, b| a.label.cmp(&b.label));
        out
    }

    /// Whether the field at `place` still holds several values.
    pub(super) fn still_conflicted(&self, place: &Place) -> bool {
        let doc = &self.doc;
        let map = |parent: &ObjId, key: &str| match doc.get(parent, key) {
            Ok(Some((Value::Object(ObjType::Map), obj))) => Some(obj),
            _ => None,
        };
        let several = |obj: &ObjId, key: &str| doc.get_all(obj, key).is_ok_and(|v| v.len() > 1);
        let in_map = |parent: &str, id: &str, key: &str| {
            map(&ROOT, parent)
                .and_then(|p| map(&p, id))
                .is_some_and(|o| several(&o, key))
        };
        match place {
            Place::Meta(key) => ["meta", "sections"]
                .iter()
                .any(|m| map(&ROOT, m).is_some_and(|o| several(&o, key))),
            Place::Category(id, key) => in_map("categories", id, key),
            Place::Problem(id, key) => in_map("problems", id, key),
            Place::Rule(id, key) => in_map("rules", id, key),
        }
    }

    /// Every conflict, found by scanning every short field (what [`LedgerDoc::conflicts`]
    /// caches).
    pub fn conflicts_whole(&mut self) -> Vec<Conflict> {
        let mut found: Vec<Found> = vec![];
        let mut scan =
            |doc: &automerge::AutoCommit, place: Place, obj: &ObjId, key: &'static str| {
                if let Ok(values) = doc.get_all(obj, key) {
                    if values.len() > 1 {
                        let values = values
                            .into_iter()
                            .map(|(v, id)| (v.to_owned(), id))
                            .collect();
                        found.push((place, obj.clone(), key, values));
                    }
                }
            };
        for map in ["meta", "sections"] {
            if let Ok(Some((Value::Object(ObjType::Map), obj))) = self.doc.get(ROOT, map) {
                for (key, _) in META_FIELDS {
                    scan(&self.doc, Place::Meta(key), &obj, key);
                }
                scan(
                    &self.doc,
                    Place::Meta("implementation_heading"),
                    &obj,
                    "implementation_heading",
                );
                scan(
                    &self.doc,
                    Place::Meta("next_steps_heading"),
                    &obj,
                    "next_steps_heading",
                );
            }
        }
        let maps: [(&str, &[(&'static str, &'static str)]); 3] = [
            ("categories", &CATEGORY_FIELDS),
            ("problems", &PROBLEM_FIELDS),
            ("rules", &RULE_FIELDS),
        ];
        for (map, fields) in maps {
            let Ok(Some((Value::Object(ObjType::Map), parent))) = self.doc.get(ROOT, map) else {
                continue;
            };
            // one pass over the map and one over each entry, which marks the keys that hold
            // more than one value: only those are looked up (a lookup per field and entry took
            // most of a scan, which runs after every load and merge)
            let entries: Vec<(String, ObjId)> = self
                .doc
                .map_range(&parent, ..)
                .filter(|item| matches!(item.value, ValueRef::Object(ObjType::Map)))
                .map(|item| (item.key.to_string(), item.id()))
                .collect();
            for (id, obj) in entries {
                let conflicted: Vec<String> = self
                    .doc
                    .map_range(&obj, ..)
                    .filter(|item| item.conflict)
                    .map(|item| item.key.to_string())
                    .collect();
                for (key, _) in fields.iter() {
                    if !conflicted.iter().any(|k| k == key) {
                        continue;
                    }
                    let place = match map {
                        "categories" => Place::Category(id.clone(), key),
                        "problems" => Place::Problem(id.clone(), key),
                        _ => Place::Rule(id.clone(), key),
                    };
                    scan(&self.doc, place, &obj, key);
                }
            }
        }
        if found.is_empty() {
            return vec![];
        }
        let people = self.people();
        // when each value was written: its change's time, looked up for these ops only (a
        // walk over every change took about a second at 19,000 changes)
        let mut times: HashMap<ObjId, i64> = HashMap::new();
        for (_, _, _, values) in &found {
            for (_, id) in values {
                if let Some(hash) = self.doc.hash_for_opid(id) {
                    if let Some(meta) = self.doc.get_change_meta_by_hash(&hash) {
                        times.insert(id.clone(), meta.timestamp);
                    }
                }
            }
        }
        let ledger = self.read().ok();
        let mut out = vec![];
        for (place, obj, key, values) in found {
            let winner = self.doc.get(&obj, key).ok().flatten().map(|(_, id)| id);
            let mut shown: Vec<ConflictValue> = values
                .into_iter()
                .map(|(value, id)| {
                    let raw = scalar_text(&value);
                    let (author, time) = match &id {
                        ObjId::Id(_, actor, _) => {
                            let hex = actor.to_hex_string();
                            let time = times.get(&id).copied();
                            (
                                people
                                    .get(&hex)
                                    .cloned()
                                    .unwrap_or_else(|| short_actor(&hex)),
                                time,
                            )
                        }
                        ObjId::Root => (String::new(), None),
                    };
                    ConflictValue {
                        shown: show_value(key, &raw, ledger.as_ref()),
                        value: raw,
                        author,
                        time,
                        current: Some(&id) == winner.as_ref(),
                    }
                })
                .collect();
            shown.sort_by(|a, b| (b.current, a.time).cmp(&(a.current, b.time)));
            let (label, problem_id) = conflict_label(&place, ledger.as_ref());
            out.push(Conflict {
                place,
                label,
                problem_id,
                values: shown,
            });
        }
        out.sort_by(|a, b| a.label.cmp(&b.label));
        out
    }

    /// Settle a conflict: write `value` (one of the values shown, or a new one typed in) as a
    /// new value that supersedes all the concurrent ones, for everyone who merges afterwards.
    pub fn settle(&mut self, place: &Place, value: &str) -> Result<(), DocError> {
        self.writable()?;
        let (obj, key) = match place {
            Place::Meta(key) => {
                let map = if matches!(
                    *key,
                    "deployment_heading" | "implementation_heading" | "next_steps_heading"
                ) {
                    "sections"
                } else {
                    "meta"
                };
                (self.map_at(ROOT, map)?, *key)
            }
            Place::Category(id, key) => (self.category_obj(id)?, *key),
            Place::Problem(id, key) => (self.problem_obj(id)?, *key),
            Place::Rule(id, key) => (self.rule_obj(id)?, *key),
        };
        let value = value.trim();
        match key {
            "warn_days" => {
                let days: i64 = value
                    .parse()
                    .ok()
                    .filter(|d| (0..=365).contains(d))
                    .ok_or(DocError::BadWarnDays)?;
                self.doc.put(&obj, key, days)?;
            }
            "candidate" => {
                let candidate = matches!(value, "true" | "待确认");
                self.doc.put(&obj, key, candidate)?;
            }
            _ => {
                let value = if is_date_key(key) {
                    normalise_date(value)?
                } else {
                    match key {
                        "status" => Status::from_label(value)
                            .map(|s| s.code().to_string())
                            .unwrap_or_else(|| Status::from_code(value).code().to_string()),
                        "counting_basis" => CountingBasis::from_code(value).code().to_string(),
                        "kind" => match value {
                            "修订" => RuleKind::Revised.code().to_string(),
                            "新建" => RuleKind::New.code().to_string(),
                            other => RuleKind::from_code(other).code().to_string(),
                        },
                        "category_id" => {
                            self.category_obj(value)?;
                            value.to_string()
                        }
                        _ => value.to_string(),
                    }
                };
                self.doc.put(&obj, key, value)?;
            }
        }
        self.note("处理冲突");
        Ok(())
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Scalar(s) => match s.as_ref() {
            automerge::ScalarValue::Str(t) => t.to_string(),
            automerge::ScalarValue::Boolean(b) => b.to_string(),
            automerge::ScalarValue::Int(i) => i.to_string(),
            automerge::ScalarValue::Uint(u) => u.to_string(),
            automerge::ScalarValue::Null => String::new(),
            other => other.to_string(),
        },
        Value::Object(_) => String::new(),
    }
}

fn show_value(key: &str, raw: &str, ledger: Option<&Ledger>) -> String {
    let shown = match key {
        "status" => Status::from_code(raw).label().to_string(),
        "counting_basis" => match CountingBasis::from_code(raw) {
            CountingBasis::Category => "按反馈问题（类别）计数".to_string(),
            CountingBasis::Problem => "按具体问题计数".to_string(),
        },
        "kind" => RuleKind::from_code(raw).label().to_string(),
        "candidate" => if raw == "true" {
            "待确认"
        } else {
            "已确认"
        }
        .to_string(),
        "category_id" => ledger
            .and_then(|l| l.category(raw))
            .map(|c| c.title.clone())
            .unwrap_or_else(|| "（已删除的类别）".to_string()),
        _ => raw.to_string(),
    };
    if shown.trim().is_empty() {
        "（空）".to_string()
    } else {
        shown
    }
}

fn field_label(fields: &[(&str, &'static str)], key: &str) -> &'static str {
    fields
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, l)| *l)
        .unwrap_or("字段")
}

fn conflict_label(place: &Place, ledger: Option<&Ledger>) -> (String, Option<String>) {
    match place {
        Place::Meta(key) => {
            let label = match *key {
                "implementation_heading" => "第二部分标题",
                "next_steps_heading" => "第三部分标题",
                k => field_label(&META_FIELDS, k),
            };
            (format!("台账信息 · {label}"), None)
        }
        Place::Category(id, key) => {
            let title = ledger
                .and_then(|l| l.category(id))
                .map(|c| c.title.clone())
                .unwrap_or_else(|| "已删除的类别".into());
            (
                format!("类别“{title}” · {}", field_label(&CATEGORY_FIELDS, key)),
                None,
            )
        }
        Place::Problem(id, key) => {
            let name = ledger
                .and_then(|l| l.number_of(id))
                .map(|n| format!("第{n}项问题"))
                .unwrap_or_else(|| "回收站中的问题".into());
            (
                format!("{name} · {}", field_label(&PROBLEM_FIELDS, key)),
                Some(id.clone()),
            )
        }
        Place::Rule(id, key) => {
            let title = ledger
                .and_then(|l| l.rule(id))
                .map(|r| r.title.clone())
                .unwrap_or_default();
            (
                format!("建章立制《{title}》 · {}", field_label(&RULE_FIELDS, key)),
                None,
            )
        }
    }
}

/// "第3项 · 原因分析" for a patch inside a problem; "台账信息" for meta and sections; …
fn place_label(patch: &Patch, ledger: &Ledger) -> Option<String> {
    let keys: Vec<String> = patch
        .path
        .iter()
        .map(|(_, prop)| match prop {
            Prop::Map(k) => k.clone(),
            Prop::Seq(i) => i.to_string(),
        })
        .collect();
    let action_key = match &patch.action {
        PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Some(key.clone()),
        _ => None,
    };
    let mut full = keys.clone();
    full.extend(action_key);
    label_for_keys(&full, ledger)
}

/// The order people read a list of places in: a problem's places (第N项 · …) by its number,
/// so 第2项 comes before 第10项 and 第144项 before 第1004项 (a plain string sort puts 第1004项
/// first); other places before them, and ties, as strings sort.
pub(super) fn reading_order(a: &str, b: &str) -> Ordering {
    let number = |label: &str| {
        label
            .strip_prefix('第')
            .and_then(|rest| rest.split_once('项'))
            .and_then(|(n, _)| n.parse::<u64>().ok())
    };
    number(a).cmp(&number(b)).then_with(|| a.cmp(b))
}

/// A place in the document by its keys from the root (["problems", id, "cause"]), as people
/// name it.
pub(super) fn label_for_keys(full: &[String], ledger: &Ledger) -> Option<String> {
    let field_name = |k: &str| -> &'static str {
        match k {
            "description" => "问题表现",
            "cause" => "原因分析",
            "measures" => "整改措施",
            "progress" => "整改情况",
            "evidence" => "佐证材料",
            "lead" => "责任领导",
            "owner" => "责任人",
            "deadline" => "整改时限",
            "completed_on" => "完成时间",
            "status" => "整改状态",
            "departments" => "责任部门",
            "log" => "进展记录",
            "contact" => "联系方式",
            "opening" => "开头段落",
            "deployment" => "第一部分",
            "implementation_intro" => "第二部分导语",
            "next_steps" => "第三部分",
            "category_id" | "order" => "位置",
            "deleted" => "删除/恢复",
            _ => "",
        }
    };
    match full.first().map(String::as_str) {
        Some("problems") => {
            let id = full.get(1)?;
            let who = match ledger.number_of(id) {
                Some(n) => format!("第{n}项"),
                None => match ledger.trash.iter().find(|p| &p.id == id) {
                    Some(_) => "回收站中的问题".to_string(),
                    None => "问题".to_string(),
                },
            };
            match full.get(2).map(|k| field_name(k)) {
                Some(f) if !f.is_empty() => Some(format!("{who} · {f}")),
                _ => Some(who),
            }
        }
        Some("categories") => {
            let id = full.get(1)?;
            let title = ledger
                .category(id)
                .map(|c| c.title.clone())
                .unwrap_or_else(|| "已删除的类别".into());
            Some(format!("类别“{title}”"))
        }
        Some("rules") => {
            let id = full.get(1)?;
            let title = ledger.rule(id).map(|r| r.title.clone()).unwrap_or_default();
            Some(format!("建章立制《{title}》"))
        }
        Some("meta") | Some("sections") => match full.get(1).map(|k| field_name(k)) {
            Some(f) if !f.is_empty() => Some(format!("台账信息 · {f}")),
            _ => Some("台账信息".to_string()),
        },
        Some("people") => None,
        _ => None,
    }
}
