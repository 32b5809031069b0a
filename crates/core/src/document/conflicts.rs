//! The short fields two people set at once offline (conflicts): found, shown as people
//! name them, and settled.

use std::collections::HashMap;

use automerge::transaction::Transactable;
use automerge::{ObjId, ObjType, ReadDoc, Value, ValueRef, ROOT};

use super::change_note::ChangeNote;
use super::naming::{Author, Field, PlaceName, ShownValue, Spot};
use super::{normalise_date, DocError, LedgerDoc, MetaField};
use crate::ledger::{CountingBasis, Ledger, RuleKind, StatedFigures, Status, TopLevel, Verdict};

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

    /// Whether the field holds a date (a new value is typed as one).
    pub fn is_date(&self) -> bool {
        is_date_key(self.key())
    }

    /// Whether a new value may be typed in, besides picking one of the values in conflict
    /// (not for a status, a category, a counting basis, a rule's kind or 计入通报).
    pub fn takes_free_text(&self) -> bool {
        !matches!(
            self,
            Place::Problem(_, "status" | "category_id" | "review")
                | Place::Meta("counting_basis")
                | Place::Rule(_, "kind" | "candidate")
        )
    }
}

/// One of the values a conflicted field holds, with who wrote it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictValue {
    /// the stored value (a status code, an ISO date, a name…)
    pub value: String,
    /// as a person reads it (已完成, 2024-06-30, …)
    pub shown: ShownValue,
    pub author: Author,
    pub time: Option<i64>,
    /// the value every replica shows until someone settles it
    pub current: bool,
}

/// A short field with several concurrent values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub place: Place,
    /// what a person calls the field ("第3项 · 整改状态", "台账信息 · 通报标题")
    pub name: PlaceName,
    /// the problem it belongs to, for a link
    pub problem_id: Option<String>,
    pub values: Vec<ConflictValue>,
}

/// The short fields of problems, categories and rules that can be in conflict.
pub(super) const PROBLEM_FIELDS: [&str; 8] = [
    "status",
    "review",
    "review_note",
    "deadline",
    "completed_on",
    "owner",
    "lead",
    "category_id",
];
pub(super) const CATEGORY_FIELDS: [&str; 1] = ["title"];
pub(super) const RULE_FIELDS: [&str; 4] = ["title", "kind", "date", "candidate"];

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
                let (name, problem_id) = conflict_name(&c.place, ledger.as_ref());
                c.name = name;
                c.problem_id = problem_id;
                let key = c.place.key();
                for v in &mut c.values {
                    v.shown = show_value(key, &v.value, ledger.as_ref());
                }
                c
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
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
        let maps: [(&str, &[&'static str]); 3] = [
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
                for key in fields.iter() {
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
                            (Author::of(&hex, &people), time)
                        }
                        ObjId::Root => (Author::Named(String::new()), None),
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
            let (name, problem_id) = conflict_name(&place, ledger.as_ref());
            out.push(Conflict {
                place,
                name,
                problem_id,
                values: shown,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
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
                        "review" => Verdict::from_code(value)
                            .map(|v| v.code().to_string())
                            .unwrap_or_default(),
                        "counting_basis" => CountingBasis::from_code(value).code().to_string(),
                        "stated_figures" => StatedFigures::from_code(value).code().to_string(),
                        "top_level" => TopLevel::from_code(value).code().to_string(),
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
        self.note(ChangeNote::SettleConflict);
        Ok(())
    }
}

pub(super) fn scalar_text(value: &Value) -> String {
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

pub(super) fn show_value(key: &str, raw: &str, ledger: Option<&Ledger>) -> ShownValue {
    if raw.trim().is_empty() {
        return ShownValue::Empty;
    }
    match key {
        "status" => ShownValue::Status(Status::from_code(raw)),
        "review" => ShownValue::Verdict(Verdict::from_code(raw)),
        "counting_basis" => ShownValue::CountingBasis(CountingBasis::from_code(raw)),
        "stated_figures" => ShownValue::StatedFigures(StatedFigures::from_code(raw)),
        "top_level" => ShownValue::TopLevel(TopLevel::from_code(raw)),
        "kind" => ShownValue::RuleKind(RuleKind::from_code(raw)),
        "candidate" => ShownValue::Candidate(raw == "true"),
        "category_id" => ShownValue::Category(
            ledger
                .and_then(|l| l.category(raw))
                .map(|c| c.title.clone()),
        ),
        _ => ShownValue::Text(raw.to_string()),
    }
}

/// What people call a conflicted field, and the problem it belongs to (for a link).
fn conflict_name(place: &Place, ledger: Option<&Ledger>) -> (PlaceName, Option<String>) {
    let field = |key: &str| Field::of_key(key);
    match place {
        Place::Meta(key) => (
            PlaceName {
                spot: Spot::Meta,
                field: MetaField::from_key(key).map(Field::Meta),
            },
            None,
        ),
        Place::Category(id, key) => (PlaceName::category(id, ledger, field(key)), None),
        Place::Problem(id, key) => {
            let field = match *key {
                "category_id" => Some(Field::Category),
                key => field(key),
            };
            (PlaceName::problem(id, ledger, field), Some(id.clone()))
        }
        Place::Rule(id, key) => (PlaceName::rule(id, ledger, field(key)), None),
    }
}
