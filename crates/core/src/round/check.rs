//! Whether a unit's ledger file may join a round, decided before anything is written: a
//! damaged file, a ledger already in another round, a second unit of the same name, a file
//! of a newer version are each refused with their own error, and the round and every ledger
//! stay as they were.

use super::Round;
use crate::document::{Damage, SCHEMA_VERSION};
use crate::file::envelope::ImportError;
use crate::ledger::Ledger;
use crate::store::StoreError;

/// Why a round, or a unit file for it, was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    /// the round's own file or document is damaged
    #[error("the round is damaged: {0}")]
    Damaged(Damage),
    /// a unit's file does not read (not a ledger file, corrupt, cut short…)
    #[error("the unit's file cannot be read: {0}")]
    UnitFile(ImportError),
    /// the ledger already belongs to another round of this office
    #[error("the ledger is already in the round {round}")]
    InAnotherRound { round: String },
    /// another ledger of the round has this unit name
    #[error("another unit of the round is named {name}")]
    SameName { name: String },
    /// the unit's file was written by a newer version of Rectify
    #[error("the unit's file was written by a newer version")]
    NewerVersion,
    /// a round file of another round: rounds merge only with themselves
    #[error("another round: cannot merge")]
    OtherRound,
    /// the round was written by a newer version: read-only
    #[error("the round was made by a newer version: read-only")]
    ReadOnly,
    /// the browser's storage refused
    #[error("storage: {0}")]
    Store(StoreError),
}

/// What adding a unit's file to a round does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitAdd {
    /// the unit is in the round: its file merges into its ledger (a later report)
    Merge,
    /// a unit not in the round yet: ask, then add it
    New,
}

/// The name a unit goes by in a round: its ledger's 发文机关 (unit), else its short form,
/// else the ledger's name.
pub fn unit_name(ledger: &Ledger) -> String {
    [&ledger.meta.unit, &ledger.meta.unit_short]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| ledger.display_name())
}

/// Check a unit's ledger (its id, the name it goes by, its schema) against the round and
/// the office's other rounds.
pub fn check_unit(
    round: &Round,
    others: &[Round],
    ledger_id: &str,
    name: &str,
    schema: u64,
) -> Result<UnitAdd, RoundError> {
    if schema > SCHEMA_VERSION {
        return Err(RoundError::NewerVersion);
    }
    if let Some(other) = others
        .iter()
        .find(|r| r.id != round.id && r.unit(ledger_id).is_some())
    {
        return Err(RoundError::InAnotherRound {
            round: other.name.clone(),
        });
    }
    if round.unit(ledger_id).is_some() {
        return Ok(UnitAdd::Merge);
    }
    let name = name.trim();
    if round.units.iter().any(|u| u.name.trim() == name) {
        return Err(RoundError::SameName {
            name: name.to_string(),
        });
    }
    Ok(UnitAdd::New)
}
