//! The inspection office's rounds in this browser: each round's document under
//! `rectify:round:<id>` (base64, in localStorage: a round is a few KB), and what adding a
//! unit does to the store — check first, then merge the unit's file into its ledger (or keep
//! it as a new ledger of this browser) and record it in the round, so a refusal writes
//! nothing. The units' ledgers are ordinary ledgers of the library.

use super::*;
use crate::round::{check_unit, unit_name, Round, RoundDoc, RoundError, UnitAdd};

/// Where rounds are kept (`rectify:round:<id>`).
pub const ROUND_KEY_PREFIX: &str = "rectify:round:";

/// What adding a unit's file to a round did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitAdded {
    /// a later file of a unit in the round, merged into its ledger (changes new to it)
    Merged { name: String, new_changes: usize },
    /// a new unit, its ledger kept in this browser
    Added { name: String },
}

impl From<StoreError> for RoundError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Corrupt(why) => RoundError::UnitFile(why),
            other => RoundError::Store(other),
        }
    }
}

impl<K: KeyValue> LedgerStore<K> {
    fn round_key(id: &str) -> String {
        format!("{ROUND_KEY_PREFIX}{id}")
    }

    /// Every round kept here, read (a damaged one is left out of the list, and in storage).
    pub fn rounds(&self) -> Vec<Round> {
        let mut ids: Vec<String> = self
            .kv
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|k| k.strip_prefix(ROUND_KEY_PREFIX).map(str::to_string))
            .collect();
        ids.sort();
        let mut rounds: Vec<Round> = ids
            .iter()
            .filter_map(|id| self.load_round(id).ok())
            .map(|r| r.read())
            .collect();
        rounds.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        rounds
    }

    /// One stored round's document.
    pub fn load_round(&self, id: &str) -> Result<RoundDoc, RoundError> {
        let text = self
            .kv
            .get(&Self::round_key(id))?
            .ok_or(RoundError::Store(StoreError::NotFound))?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| RoundError::Damaged(Damage::NotBase64))?;
        RoundDoc::load(&bytes).map_err(RoundError::Damaged)
    }

    /// Keep a round (a later copy of it here merges in first, another tab's say).
    pub fn save_round(&self, round: &mut RoundDoc, now: i64) -> Result<(), RoundError> {
        let id = round.id();
        if let Ok(mut stored) = self.load_round(&id) {
            round.merge(&mut stored, now)?;
        }
        let text = base64::engine::general_purpose::STANDARD.encode(round.save(now));
        self.kv.set(&Self::round_key(&id), &text)?;
        self.kv.commit()?;
        Ok(())
    }

    /// Add a checked unit's ledger file to a round: refused as [`check_unit`] says, else
    /// merged into the unit's ledger here (or kept as a new ledger), then recorded in the
    /// round. `new_allowed`: the person said yes to a unit not yet in the round.
    pub fn add_unit_file(
        &self,
        round_id: &str,
        mut file: envelope::LedgerFile,
        new_allowed: bool,
        now: i64,
    ) -> Result<Option<UnitAdded>, RoundError> {
        let mut round = self.load_round(round_id)?;
        let ledger_id = file.header.ledger_id.clone();
        let mut theirs = file.open();
        let ledger = theirs.read().map_err(|e| RoundError::UnitFile(e.into()))?;
        let name = round
            .read()
            .unit(&ledger_id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| unit_name(&ledger));
        let add = check_unit(
            &round.read(),
            &self.rounds(),
            &ledger_id,
            &name,
            file.header.schema,
        )?;
        if add == UnitAdd::New && !new_allowed {
            return Ok(None);
        }
        let added = if self.contains(&ledger_id) {
            let mut ours = self.load(&ledger_id)?;
            let report = ours
                .merge(&mut theirs, now)
                .map_err(|e| RoundError::UnitFile(e.into()))?;
            self.save(&mut ours, now)?;
            match add {
                UnitAdd::Merge => UnitAdded::Merged {
                    name: name.clone(),
                    new_changes: report.new_changes,
                },
                UnitAdd::New => UnitAdded::Added { name: name.clone() },
            }
        } else {
            self.store_file(&mut file, now)?;
            UnitAdded::Added { name: name.clone() }
        };
        round.add_unit(&ledger_id, &name, now)?;
        self.save_round(&mut round, now)?;
        Ok(Some(added))
    }

    /// Add a ledger already kept in this browser to a round, checked as a file would be.
    pub fn add_stored_unit(
        &self,
        round_id: &str,
        ledger_id: &str,
        now: i64,
    ) -> Result<String, RoundError> {
        let mut round = self.load_round(round_id)?;
        let doc = self.load(ledger_id)?;
        let ledger = doc.read().map_err(|e| RoundError::UnitFile(e.into()))?;
        let name = unit_name(&ledger);
        check_unit(
            &round.read(),
            &self.rounds(),
            ledger_id,
            &name,
            doc.schema(),
        )?;
        round.add_unit(ledger_id, &name, now)?;
        self.save_round(&mut round, now)?;
        Ok(name)
    }

    /// The rollup of a stored round from its units' stored ledgers (a unit whose ledger is
    /// not here, or does not open, is listed in the second value and left out of the figures).
    pub fn round_rollup(
        &self,
        round_id: &str,
        today: chrono::NaiveDate,
    ) -> Result<(Round, crate::round::Rollup, Vec<String>), RoundError> {
        use crate::round::{Rollup, UnitActivity};
        let round = self.load_round(round_id)?.read();
        let mut read = vec![];
        let mut missing = vec![];
        for unit in &round.units {
            match self
                .load(&unit.ledger_id)
                .map(|mut d| (d.read(), UnitActivity::of(&mut d)))
            {
                Ok((Ok(ledger), activity)) => read.push((unit.ledger_id.clone(), ledger, activity)),
                _ => missing.push(unit.name.clone()),
            }
        }
        let ledgers: Vec<(&str, &Ledger, UnitActivity)> = read
            .iter()
            .map(|(id, l, a)| (id.as_str(), l, a.clone()))
            .collect();
        let rollup = Rollup::of(&round, &ledgers, today);
        Ok((round, rollup, missing))
    }

    /// Open a round file from another office computer: the round merges into its copy here
    /// (or is kept as new), and each unit's ledger file merges into its ledger here (or is
    /// kept as new). The file was checked whole first ([`crate::round::file::decode_round`]).
    pub fn import_round(
        &self,
        mut file: crate::round::file::RoundFile,
        now: i64,
    ) -> Result<String, RoundError> {
        let id = file.round.id();
        for unit in &mut file.units {
            let ledger_id = unit.header.ledger_id.clone();
            if let Some(other) = self
                .rounds()
                .into_iter()
                .find(|r| r.id != id && r.unit(&ledger_id).is_some())
            {
                return Err(RoundError::InAnotherRound { round: other.name });
            }
            if unit.is_newer_schema() {
                return Err(RoundError::NewerVersion);
            }
        }
        for mut unit in file.units {
            let ledger_id = unit.header.ledger_id.clone();
            if self.contains(&ledger_id) {
                let mut ours = self.load(&ledger_id)?;
                ours.merge(&mut unit.open(), now)
                    .map_err(|e| RoundError::UnitFile(e.into()))?;
                self.save(&mut ours, now)?;
            } else {
                self.store_file(&mut unit, now)?;
            }
        }
        self.save_round(&mut file.round, now)?;
        Ok(id)
    }

    /// A unit's ledger as its file, to send back (the office's reviews travel in it).
    pub fn unit_file(&self, ledger_id: &str, now: i64) -> Result<(String, Vec<u8>), RoundError> {
        let mut doc = self.load(ledger_id)?;
        let name = doc.display_name();
        Ok((name.clone(), envelope::encode(&mut doc, &name, now)))
    }

    /// The round as its file, with each unit's ledger file that this browser keeps.
    pub fn round_file(&self, round_id: &str, now: i64) -> Result<(String, Vec<u8>), RoundError> {
        let mut round = self.load_round(round_id)?;
        let mut units = vec![];
        for unit in round.read().units {
            if let Ok((_, bytes)) = self.unit_file(&unit.ledger_id, now) {
                units.push((unit.ledger_id, bytes));
            }
        }
        let name = round.read().name;
        Ok((
            name,
            crate::round::file::encode_round(&mut round, &units, now),
        ))
    }
}
