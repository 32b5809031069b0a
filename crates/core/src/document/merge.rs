//! What a merge must know beyond Automerge's own merge, read from the merged changes'
//! operations and Automerge's object index (no diff of the whole document, no read of the
//! problems it changed): the problems it changed, so the read cache re-reads only those, and
//! the long texts both sides edited, for the report.

use std::collections::{BTreeSet, HashMap, HashSet};

use automerge::legacy::{
    Key as LegacyKey, ObjectId as LegacyObjectId, OpId as LegacyOpId, OpType as LegacyOpType,
};
use automerge::{
    AutoCommit, Change, ObjId, ObjType, Prop, ReadDoc, ScalarValueRef, ValueRef, ROOT,
};

use super::naming::PlaceName;
use super::read::to_ledger;
use super::schema::{DocProblem, DocRoot};
use super::LedgerDoc;
use crate::ledger::Ledger;

/// The changes a merge applied (theirs), read once: every object one of their operations is
/// on, with the keys written when it is a map, and the objects they made, with where. Where
/// each of those objects is in the merged document is found by climbing Automerge's object
/// index (each object's parent) to the problems map, whose entries say which problem each
/// problem map is.
pub(super) struct Merged {
    touched: HashMap<LegacyObjectId, Keys>,
    /// object made by theirs → (the object it was made in, its key there, its type)
    made: HashMap<LegacyObjectId, (LegacyObjectId, LegacyKey, ObjType)>,
    /// the problems map, when the root holds one
    problems: Option<ObjId>,
    /// each problem map visible in the problems map → its problem's id
    problem_of: HashMap<ObjId, String>,
    /// problems whose place (category, order, in the bin) may differ from the read cache's:
    /// theirs wrote a place key, added or removed them ([`Merged::problems_changed`]), or ours
    /// changed them since the cache read them (added by the caller)
    pub(super) places_changed: BTreeSet<String>,
}

#[derive(Default)]
struct Keys {
    /// keys of the operations on a map
    map: BTreeSet<String>,
    /// some operation was at a position in a list or a text
    seq: bool,
}

impl Merged {
    /// Whether theirs wrote `key` in some map.
    pub(super) fn wrote_key(&self, key: &str) -> bool {
        self.touched.values().any(|k| k.map.contains(key))
    }

    /// Read `theirs` (already applied to `doc`) and find where what they touched is.
    pub(super) fn new(doc: &AutoCommit, theirs: &[Change]) -> Merged {
        let mut touched: HashMap<LegacyObjectId, Keys> = HashMap::new();
        let mut made = HashMap::new();
        for change in theirs {
            let change = change.decode();
            let start = change.start_op.get();
            for (i, op) in change.operations.into_iter().enumerate() {
                if let LegacyOpType::Make(typ) = op.action {
                    // an operation's id is its change's start_op plus its place in the change
                    let id = LegacyOpId::new(start + i as u64, &change.actor_id);
                    made.insert(
                        LegacyObjectId::Id(id),
                        (op.obj.clone(), op.key.clone(), typ),
                    );
                }
                let keys = touched.entry(op.obj).or_default();
                match op.key {
                    LegacyKey::Map(key) => {
                        if !keys.map.contains(key.as_str()) {
                            keys.map.insert(key.to_string());
                        }
                    }
                    LegacyKey::Seq(_) => keys.seq = true,
                }
            }
        }
        let problems = match doc.get(ROOT, "problems") {
            Ok(Some((automerge::Value::Object(ObjType::Map), id))) => Some(id),
            _ => None,
        };
        let mut problem_of = HashMap::new();
        if let Some(problems) = &problems {
            for item in doc.map_range(problems, ..) {
                if let ValueRef::Object(ObjType::Map) = item.value {
                    problem_of.insert(item.id(), item.key.to_string());
                }
            }
        }
        Merged {
            touched,
            made,
            problems,
            problem_of,
            places_changed: BTreeSet::new(),
        }
    }

    /// The nearest object on the way up from `obj` that theirs did not make (`obj` itself,
    /// usually), and the keys from it down to `obj` (a position in a list stands as
    /// `Prop::Seq(usize::MAX)`: only that it is one matters where this is used). None for a
    /// loop of made objects, which no document holds.
    fn anchor<'a>(&'a self, obj: &'a LegacyObjectId) -> Option<(&'a LegacyObjectId, Vec<Prop>)> {
        let mut chain = vec![];
        let mut at = obj;
        while let Some((parent, key, _)) = self.made.get(at) {
            if chain.len() > self.made.len() {
                return None;
            }
            chain.push(match key {
                LegacyKey::Map(k) => Prop::Map(k.to_string()),
                LegacyKey::Seq(_) => Prop::Seq(usize::MAX),
            });
            at = parent;
        }
        chain.reverse();
        Some((at, chain))
    }

    /// Where an object theirs did not make is, as far as [`Merged::problems_changed`] needs
    /// it: its path from the root as `ReadDoc::parents` gives it, cut after the problem's id
    /// (`Prop::Seq(usize::MAX)` standing for what follows) and, outside the problems map,
    /// after a first key that is not "problems". Only the object index is climbed, no key
    /// looked up; a problem map not visible in the problems map (a concurrent one lost) is
    /// placed by `parents`. None for an id that is not an object here.
    fn locate(&self, doc: &AutoCommit, obj: &LegacyObjectId) -> Option<Vec<Prop>> {
        let line = line_up(doc, obj)?;
        let problems = || Prop::Map("problems".to_string());
        let Some(at) = line.iter().position(|o| Some(o) == self.problems.as_ref()) else {
            // the root (an empty path), or an object outside the problems map
            return Some(match line.len() {
                1 => vec![],
                _ => vec![Prop::Map(String::new())],
            });
        };
        Some(match at.checked_sub(1).map(|below| &line[below]) {
            None => vec![problems()],
            Some(problem) => match self.problem_of.get(problem) {
                Some(id) => vec![problems(), Prop::Map(id.clone()), Prop::Seq(usize::MAX)],
                None => full_path(doc, obj)?,
            },
        })
    }

    /// The path of an object theirs did not make, as `ReadDoc::parents` gives it: the object
    /// index climbed, then at each level the key or index of the object below looked up among
    /// the visible entries (the problems map's from [`Merged::problem_of`]). An object not
    /// visible where it was made is placed by `parents`. For the few texts edited by both.
    fn path(&self, doc: &AutoCommit, obj: &LegacyObjectId) -> Option<Vec<Prop>> {
        let line = line_up(doc, obj)?;
        let mut path = vec![];
        for pair in line.windows(2).rev() {
            let (child, parent) = (&pair[0], &pair[1]);
            let prop = if Some(parent) == self.problems.as_ref() {
                self.problem_of.get(child).cloned().map(Prop::Map)
            } else {
                match doc.object_type(parent).ok()? {
                    ObjType::Map | ObjType::Table => doc
                        .map_range(parent, ..)
                        .find(|item| item.id() == *child)
                        .map(|item| Prop::Map(item.key.to_string())),
                    ObjType::List => doc
                        .list_range(parent, ..)
                        .find(|item| item.id() == *child)
                        .map(|item| Prop::Seq(item.index)),
                    ObjType::Text => None,
                }
            };
            let Some(prop) = prop else {
                return full_path(doc, obj);
            };
            path.push(prop);
        }
        Some(path)
    }

    /// The problems the merge changed, so that the next read re-reads only those: every problem
    /// an operation of theirs is on or inside. An operation is what changes what a read sees,
    /// so this holds every problem the document's patches from before to after the merge name
    /// (and perhaps a few more: an edit inside a problem deleted here, one a concurrent edit
    /// overrides). None when it cannot tell (the problems map itself replaced, an object it
    /// cannot place): then everything is read again. The small parts (meta, categories, rules,
    /// …) are re-read by every read anyway. The convergence property checks the narrowed read
    /// against a whole read after every merge.
    pub(super) fn problems_changed(&mut self, doc: &AutoCommit) -> Option<BTreeSet<String>> {
        let mut changed = BTreeSet::new();
        let mut places_changed = BTreeSet::new();
        let objects: Vec<LegacyObjectId> = self.touched.keys().cloned().collect();
        for obj in objects {
            let keys = &self.touched[&obj];
            if obj == LegacyObjectId::Root {
                // on the root: the small parts are re-read anyway, not so the problems map
                if keys.seq || keys.map.iter().any(|k| k == "problems" || k == "ledger_id") {
                    return None;
                }
                continue;
            }
            let (anchor, chain) = self.anchor(&obj)?;
            let mut path = self.locate(doc, anchor)?;
            path.extend(chain);
            let keys = &self.touched[&obj];
            match path.as_slice() {
                // the problems map: a problem added or removed
                [Prop::Map(map)] if map == "problems" => {
                    if keys.seq {
                        return None;
                    }
                    changed.extend(keys.map.iter().cloned());
                    places_changed.extend(keys.map.iter().cloned());
                }
                // inside a problem (its place too when a place key was written: on the problem
                // map itself, as far as anyone writes them)
                [Prop::Map(map), Prop::Map(id), ..] if map == "problems" => {
                    if keys.map.iter().any(|k| PLACE_KEYS.contains(&k.as_str())) {
                        places_changed.insert(id.clone());
                    }
                    changed.insert(id.clone());
                }
                [Prop::Map(map), ..] if map == "problems" => return None,
                [] => return None,
                _ => {}
            }
        }
        self.places_changed = places_changed;
        Some(changed)
    }
}

impl LedgerDoc {
    /// The long texts (Automerge Text) that both sides of a merge edited, named as people say
    /// ("第3项 · 原因分析"), numbered as the ledger stands after the merge: the texts theirs
    /// touched that an operation of ours (the changes this document had and the other copy had
    /// not) is on too: `both`, the sequences in which the apply met an operation of ours, or a
    /// deletion by ours ([`automerge::AutoCommit::apply_changes_noting_both`]). Ours' changes
    /// are not listed.
    pub(super) fn texts_edited_by_both(
        &mut self,
        merged: &mut Merged,
        both: Option<Vec<automerge::ObjId>>,
    ) -> Vec<PlaceName> {
        // (None only when a head of theirs is not in the document after the apply; both callers
        // apply every change their heads need, so it does not happen)
        let both: HashSet<String> = both
            .unwrap_or_default()
            .iter()
            .map(|obj| obj.to_string())
            .collect();
        let mut texts: Vec<LegacyObjectId> = vec![];
        for obj in merged.touched.keys() {
            if *obj == LegacyObjectId::Root || !both.contains(&obj.to_string()) {
                continue;
            }
            let typ = match merged.made.get(obj) {
                Some((_, _, typ)) => Some(*typ),
                None => self
                    .doc
                    .import_obj(&obj.to_string())
                    .and_then(|id| self.doc.object_type(&id))
                    .ok(),
            };
            if typ == Some(ObjType::Text) {
                texts.push(obj.clone());
            }
        }
        if texts.is_empty() {
            return vec![];
        }
        let Some(ledger) = self.label_ledger(merged) else {
            return vec![];
        };
        let mut out = vec![];
        for obj in texts {
            // (a text theirs made cannot be in ours' operations; if one is, it is placed whole)
            let path = if merged.made.contains_key(&obj) {
                full_path(&self.doc, &obj)
            } else {
                merged.path(&self.doc, &obj)
            };
            let Some(path) = path else {
                continue;
            };
            let keys: Vec<String> = path
                .into_iter()
                .map(|prop| match prop {
                    Prop::Map(k) => k,
                    Prop::Seq(i) => i.to_string(),
                })
                .collect();
            out.extend(PlaceName::of_keys(&keys, &ledger));
        }
        out.sort();
        out.dedup();
        out
    }

    /// The ledger as [`LedgerDoc::read`] gives it now, as far as naming places goes (problems'
    /// numbers, the trash, categories, rules): every problem with only what places it (category,
    /// order, deleted) and the small parts read as every read reads them. Far cheaper after a
    /// merge than a read, which reads every problem the merge changed whole. The places come
    /// from the read cache for the problems not stale and from each stale problem's entries
    /// (`merged.problem_of` says where they are); without a cache, from a walk down to every
    /// problem. A read when a problem is not shaped as a read expects; None when that read
    /// fails.
    fn label_ledger(&self, merged: &Merged) -> Option<Ledger> {
        let problems = self
            .cached_places(merged)
            .or_else(|| Walk::new().places(&self.doc));
        match problems {
            Some(problems) => {
                let mut root = DocRoot {
                    problems,
                    ..Default::default()
                };
                self.read_small_parts(&mut root).ok()?;
                Some(to_ledger(&root))
            }
            None => self.read().ok(),
        }
    }

    /// Every problem's place from the read cache and, for the problems whose place may have
    /// changed since the cache read them (theirs wrote it, or ours changed the problem since),
    /// from their entries in the document. A problem the merge made stale only by editing its
    /// texts or fields keeps its cached place. None without a cache, or when a problem read is
    /// not shaped as a read expects.
    fn cached_places(&self, merged: &Merged) -> Option<HashMap<String, DocProblem>> {
        let cache = self.cache.borrow();
        let (Some(root), Some(_)) = (&cache.root, &cache.stale_problems) else {
            return None;
        };
        let reread = |id: &String| merged.places_changed.contains(id);
        let place = |p: &DocProblem| DocProblem {
            category_id: p.category_id.clone(),
            order: p.order.clone(),
            deleted: p.deleted,
            ..Default::default()
        };
        let mut places: HashMap<String, DocProblem> = root
            .problems
            .iter()
            .filter(|(id, _)| !reread(id))
            .map(|(id, p)| (id.clone(), place(p)))
            .collect();
        for (obj, id) in &merged.problem_of {
            if !reread(id) {
                continue;
            }
            let mut p = DocProblem::default();
            for item in self.doc.map_range(obj, ..) {
                if !placed(&mut p, &item.key, &item.value) {
                    return None;
                }
            }
            places.insert(id.clone(), p);
        }
        Some(places)
    }
}

/// `obj` and the objects above it up to the root (the root last), from Automerge's object
/// index. None for an id that is not an object here.
fn line_up(doc: &AutoCommit, obj: &LegacyObjectId) -> Option<Vec<ObjId>> {
    let mut at = doc.import_obj(&obj.to_string()).ok()?;
    doc.object_type(&at).ok()?;
    let mut line = vec![];
    while let Some(parent) = doc.parent_object(&at) {
        line.push(at);
        at = parent;
    }
    line.push(at);
    Some(line)
}

/// An object's path from the root as `ReadDoc::parents` gives it (visible or not): a search of
/// the operations for each level (about 0.2 ms a level at 2,000 problems), for the rare object
/// the object index and the visible entries do not place.
fn full_path(doc: &AutoCommit, obj: &LegacyObjectId) -> Option<Vec<Prop>> {
    let id = doc.import_obj(&obj.to_string()).ok()?;
    let parents = doc.parents(&id).ok()?;
    Some(parents.path().into_iter().map(|(_, prop)| prop).collect())
}

/// A breadth-first walk down the visible document from the root, a level at a time and no
/// deeper than asked: on the way, what places every problem.
struct Walk {
    /// the objects of the next level to look into, with their types and paths
    frontier: Vec<(ObjId, ObjType, Vec<Prop>)>,
    /// levels looked into
    depth: usize,
    /// category_id, deleted and order of each problem looked into
    places: HashMap<String, DocProblem>,
    /// something where a read expects a problem (or its place) is not shaped as one
    unsure: bool,
}

impl Walk {
    fn new() -> Walk {
        Walk {
            frontier: vec![(ROOT, ObjType::Map, vec![])],
            depth: 0,
            places: HashMap::new(),
            unsure: false,
        }
    }

    /// Every problem's place, as a read reads it (the problems are the third level: root,
    /// problems map, problem). None when something is not shaped as a read expects.
    fn places(&mut self, doc: &AutoCommit) -> Option<HashMap<String, DocProblem>> {
        while self.depth < 3 && !self.frontier.is_empty() {
            self.deepen(doc);
        }
        (!self.unsure).then(|| self.places.clone())
    }

    /// Look into every object of the next level.
    fn deepen(&mut self, doc: &AutoCommit) {
        self.depth += 1;
        for (obj, typ, path) in std::mem::take(&mut self.frontier) {
            let is_root = path.is_empty();
            let is_problems = matches!(path.as_slice(), [Prop::Map(p)] if p == "problems");
            let mut place = match path.as_slice() {
                [Prop::Map(p), Prop::Map(_)] if p == "problems" => Some(DocProblem::default()),
                _ => None,
            };
            match typ {
                ObjType::Map | ObjType::Table => {
                    for item in doc.map_range(&obj, ..) {
                        let key: &str = &item.key;
                        if is_problems && !matches!(item.value, ValueRef::Object(ObjType::Map)) {
                            self.unsure = true;
                        }
                        if is_root
                            && key == "problems"
                            && !matches!(item.value, ValueRef::Object(ObjType::Map))
                        {
                            self.unsure = true;
                        }
                        if let Some(place) = &mut place {
                            if !placed(place, key, &item.value) {
                                self.unsure = true;
                            }
                        }
                        if let ValueRef::Object(t) = item.value {
                            self.visit(item.id(), t, &path, || Prop::Map(item.key.to_string()));
                        }
                    }
                }
                ObjType::List => {
                    for item in doc.list_range(&obj, ..) {
                        if let ValueRef::Object(t) = item.value {
                            self.visit(item.id(), t, &path, || Prop::Seq(item.index));
                        }
                    }
                }
                ObjType::Text => {}
            }
            if let (Some(place), [_, Prop::Map(id)]) = (place, path.as_slice()) {
                self.places.insert(id.clone(), place);
            }
        }
    }

    /// An object met in the walk: looked into at the next level unless a text.
    fn visit(&mut self, id: ObjId, typ: ObjType, path: &[Prop], prop: impl FnOnce() -> Prop) {
        if typ == ObjType::Text {
            return;
        }
        let mut at = path.to_vec();
        at.push(prop());
        self.frontier.push((id, typ, at));
    }
}

/// The keys of a problem map that place the problem (see [`placed`]).
const PLACE_KEYS: [&str; 3] = ["category_id", "order", "deleted"];

/// Put a problem's field into its place as [`DocProblem`]'s hydration would read it; false when
/// that would fail (a place field of another type).
fn placed(place: &mut DocProblem, key: &str, value: &ValueRef<'_>) -> bool {
    match (key, value) {
        ("category_id", ValueRef::Scalar(ScalarValueRef::Str(s))) => {
            place.category_id = s.to_string()
        }
        ("order", ValueRef::Scalar(ScalarValueRef::Str(s))) => place.order = s.to_string(),
        ("deleted", ValueRef::Scalar(ScalarValueRef::Boolean(b))) => place.deleted = *b,
        ("category_id" | "order" | "deleted", _) => return false,
        _ => {}
    }
    true
}

#[cfg(test)]
mod tests;
