//! 巡察轮次: the inspection office's round — its name, the inspecting body, dates and its
//! units, each a unit's own ledger by `ledger_id`. A round is its own small Automerge
//! document (`RoundDoc`), so it saves, exports and merges on another office computer exactly
//! as a ledger does; the units' ledgers stay their own documents beside it. What the office
//! sees across units is derived (`rollup`); adding a unit's file is checked first (`check`);
//! the round's file carries the round and its units' ledger files (`file`).

mod check;
pub mod file;
mod report;
pub mod rollup;

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ObjType, ReadDoc, ROOT};
use autosurgeon::{hydrate, reconcile, Hydrate, Reconcile};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::document::Damage;
use crate::ledger::{format_date, parse_date};
pub use check::{check_unit, unit_name, RoundError, UnitAdd};
pub use report::round_report_text;
pub use rollup::{Rollup, RoundTotals, UnitActivity, UnitRow};

/// What a round document's `kind` says.
pub const ROUND_KIND: &str = "rectify-round";
/// The round schema this build writes; a newer one opens read-only.
pub const ROUND_SCHEMA: u64 = 1;

/// A round as read: plain values for the views.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: String,
    /// 轮次名称 (e.g. 区委第五轮巡察)
    pub name: String,
    /// 巡察机构 (e.g. 区委巡察办)
    pub body: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// in the order added (then by name)
    pub units: Vec<RoundUnit>,
}

/// A unit of a round: its ledger and its name as the round lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundUnit {
    pub ledger_id: String,
    /// 被巡察单位
    pub name: String,
    /// when it was added (seconds since the epoch)
    pub added_at: i64,
}

impl Round {
    pub fn unit(&self, ledger_id: &str) -> Option<&RoundUnit> {
        self.units.iter().find(|u| u.ledger_id == ledger_id)
    }
}

#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
struct DocRound {
    #[autosurgeon(missing = "Default::default")]
    kind: String,
    #[autosurgeon(missing = "Default::default")]
    schema: u64,
    #[autosurgeon(missing = "Default::default")]
    round_id: String,
    #[autosurgeon(missing = "Default::default")]
    meta: DocRoundMeta,
    /// ledger id → unit: keyed by id, so two office computers adding different units merge
    #[autosurgeon(missing = "Default::default")]
    units: HashMap<String, DocUnit>,
}

#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
struct DocRoundMeta {
    #[autosurgeon(missing = "Default::default")]
    name: String,
    #[autosurgeon(missing = "Default::default")]
    body: String,
    #[autosurgeon(missing = "Default::default")]
    from: String,
    #[autosurgeon(missing = "Default::default")]
    to: String,
}

#[derive(Debug, Clone, Default, Hydrate, Reconcile)]
struct DocUnit {
    #[autosurgeon(missing = "Default::default")]
    name: String,
    #[autosurgeon(missing = "Default::default")]
    added_at: i64,
}

/// The round's own document: created, edited by named operations, saved, merged.
pub struct RoundDoc {
    doc: AutoCommit,
    read_only: bool,
    pending: Vec<&'static str>,
}

impl RoundDoc {
    /// A new round with a fresh id.
    pub fn create(
        name: &str,
        body: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        now: i64,
    ) -> RoundDoc {
        let root = DocRound {
            kind: ROUND_KIND.to_string(),
            schema: ROUND_SCHEMA,
            round_id: uuid::Uuid::new_v4().to_string(),
            meta: DocRoundMeta {
                name: name.trim().to_string(),
                body: body.trim().to_string(),
                from: format_date(from),
                to: format_date(to),
            },
            units: HashMap::new(),
        };
        let mut doc = AutoCommit::new().with_actor(ActorId::random());
        reconcile(&mut doc, &root).expect("a fresh document accepts its root");
        let mut round = RoundDoc {
            doc,
            read_only: false,
            pending: vec!["新建巡察轮次"],
        };
        round.commit(now);
        round
    }

    /// Load a round from its Automerge bytes, with a fresh actor for this session.
    pub fn load(bytes: &[u8]) -> Result<RoundDoc, Damage> {
        let doc = match std::panic::catch_unwind(|| AutoCommit::load(bytes)) {
            Ok(Ok(doc)) => doc.with_actor(ActorId::random()),
            Ok(Err(_)) => return Err(Damage::Checksum),
            Err(_) => return Err(Damage::Encoding),
        };
        let root: DocRound = hydrate(&doc).map_err(|_| Damage::NotALedger)?;
        if root.kind != ROUND_KIND {
            return Err(Damage::NotALedger);
        }
        if uuid::Uuid::parse_str(&root.round_id).is_err() {
            return Err(Damage::BadLedgerId);
        }
        if root.schema == 0 {
            return Err(Damage::NoSchema);
        }
        Ok(RoundDoc {
            doc,
            read_only: root.schema > ROUND_SCHEMA,
            pending: vec![],
        })
    }

    pub fn id(&self) -> String {
        self.root().round_id
    }

    pub fn schema(&self) -> u64 {
        self.root().schema
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn root(&self) -> DocRound {
        hydrate(&self.doc).unwrap_or_default()
    }

    /// The round as plain values.
    pub fn read(&self) -> Round {
        let root = self.root();
        let mut units: Vec<RoundUnit> = root
            .units
            .into_iter()
            .map(|(ledger_id, u)| RoundUnit {
                ledger_id,
                name: u.name,
                added_at: u.added_at,
            })
            .collect();
        units.sort_by(|a, b| {
            (a.added_at, &a.name, &a.ledger_id).cmp(&(b.added_at, &b.name, &b.ledger_id))
        });
        Round {
            id: root.round_id,
            name: root.meta.name,
            body: root.meta.body,
            from: parse_date(&root.meta.from),
            to: parse_date(&root.meta.to),
            units,
        }
    }

    /// Add a unit's ledger (or rename it, when it is there already).
    pub fn add_unit(&mut self, ledger_id: &str, name: &str, now: i64) -> Result<(), RoundError> {
        if self.read_only {
            return Err(RoundError::ReadOnly);
        }
        let units = match self.doc.get(ROOT, "units").ok().flatten() {
            Some((automerge::Value::Object(ObjType::Map), id)) => id,
            _ => self
                .doc
                .put_object(ROOT, "units", ObjType::Map)
                .map_err(internal)?,
        };
        let unit = match self.doc.get(&units, ledger_id).ok().flatten() {
            Some((automerge::Value::Object(ObjType::Map), id)) => id,
            _ => {
                let id = self
                    .doc
                    .put_object(&units, ledger_id, ObjType::Map)
                    .map_err(internal)?;
                self.doc.put(&id, "added_at", now).map_err(internal)?;
                id
            }
        };
        self.doc.put(&unit, "name", name.trim()).map_err(internal)?;
        self.pending.push("添加被巡察单位");
        Ok(())
    }

    /// Set the round's name, body and dates.
    pub fn set_meta(
        &mut self,
        name: &str,
        body: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<(), RoundError> {
        if self.read_only {
            return Err(RoundError::ReadOnly);
        }
        let meta = match self.doc.get(ROOT, "meta").ok().flatten() {
            Some((automerge::Value::Object(ObjType::Map), id)) => id,
            _ => self
                .doc
                .put_object(ROOT, "meta", ObjType::Map)
                .map_err(internal)?,
        };
        for (key, value) in [
            ("name", name.trim().to_string()),
            ("body", body.trim().to_string()),
            ("from", format_date(from)),
            ("to", format_date(to)),
        ] {
            self.doc.put(&meta, key, value).map_err(internal)?;
        }
        self.pending.push("修改巡察轮次信息");
        Ok(())
    }

    /// Commit what is pending with its time.
    pub fn commit(&mut self, now: i64) {
        if self.pending.is_empty() {
            return;
        }
        let mut notes = std::mem::take(&mut self.pending);
        notes.dedup();
        self.doc.commit_with(
            CommitOptions::default()
                .with_message(notes.join("；"))
                .with_time(now),
        );
    }

    /// The whole round as Automerge bytes (commits first).
    pub fn save(&mut self, now: i64) -> Vec<u8> {
        self.commit(now);
        self.doc.save()
    }

    /// Merge another copy of the same round (another office computer's); another round is
    /// refused and nothing changes.
    pub fn merge(&mut self, other: &mut RoundDoc, now: i64) -> Result<(), RoundError> {
        if other.id() != self.id() {
            return Err(RoundError::OtherRound);
        }
        self.commit(now);
        other.commit(now);
        self.doc.merge(&mut other.doc).map_err(internal)?;
        Ok(())
    }
}

fn internal(e: automerge::AutomergeError) -> RoundError {
    RoundError::Damaged(Damage::Internal(e.to_string()))
}
