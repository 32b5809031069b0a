//! The short fields two people set at once offline (conflicts): found, shown as people
//! name them, and settled.

use std::collections::HashMap;

use automerge::transaction::Transactable;
use automerge::{ObjId, ObjType, ReadDoc, Value, ValueRef, ROOT};

use super::{normalise_date, short_actor, DocError, LedgerDoc, MetaField};
use crate::ledger::{CountingBasis, Ledger, RuleKind, Status};

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

/// A field found with several values: where, its object and key, and the values with their ops.
type Found = (Place, ObjId, &'static str, Vec<(Value<'static>, ObjId)>);

impl LedgerDoc {
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
        let found = self.fields_with_several_values();
        if found.is_empty() {
            return vec![];
        }
        self.describe_conflicts(found)
    }

    /// Every short field that holds more than one value, with those values and their ops.
    fn fields_with_several_values(&self) -> Vec<Found> {
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
        for field in MetaField::ALL.into_iter().filter(|f| !f.is_text()) {
            if let Ok(Some((Value::Object(ObjType::Map), obj))) = self.doc.get(ROOT, field.map()) {
                scan(&self.doc, Place::Meta(field.key()), &obj, field.key());
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
        found
    }

    /// The conflicts of `found` as people read them: each value with who wrote it and when,
    /// the current one first, labelled by place.
    fn describe_conflicts(&mut self, found: Vec<Found>) -> Vec<Conflict> {
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
                let map = MetaField::from_key(key).map_or("meta", MetaField::map);
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
            let label = MetaField::from_key(key).map_or("字段", MetaField::name);
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
