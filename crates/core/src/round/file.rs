//! The round's file (`.rectify-round`): what an office computer exports so that another
//! opens the round and merges it. Magic, a JSON header line (kind, format, round id, name, the
//! round's length and SHA-256, each unit's ledger id and length), the round's Automerge bytes,
//! then each unit's own `.rectify` ledger file as it would export it. Checked whole before
//! anything is written: every part by its length, the round by its checksum, each ledger file
//! by `envelope::decode`.

use serde::{Deserialize, Serialize};

use super::{RoundDoc, RoundError};
use crate::document::Damage;
use crate::file::envelope::{self, sha256_hex, LedgerFile, MAX_FILE_BYTES, MAX_HEADER_BYTES};

/// The first bytes of every round file.
pub const ROUND_MAGIC: &[u8] = b"RECTIFY-ROUND\n";
/// The round file format this build writes and the newest it reads.
pub const ROUND_FORMAT: u32 = 1;
/// The file name extension of exported rounds.
pub const ROUND_EXTENSION: &str = "rectify-round";

/// The header line of a round file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundHeader {
    pub kind: String,
    pub format: u32,
    pub round_id: String,
    pub name: String,
    /// length and SHA-256 (hex) of the round's Automerge bytes
    pub bytes: usize,
    pub sha256: String,
    /// each unit's ledger file that follows, in order
    pub units: Vec<UnitPart>,
}

/// One unit's ledger file inside a round file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPart {
    pub ledger_id: String,
    pub bytes: usize,
}

/// A round file that passed every check.
pub struct RoundFile {
    pub header: RoundHeader,
    pub round: RoundDoc,
    pub units: Vec<LedgerFile>,
}

/// A round and its units' ledger files (each as `envelope::encode` wrote it) as one file.
pub fn encode_round(round: &mut RoundDoc, units: &[(String, Vec<u8>)], now: i64) -> Vec<u8> {
    let document = round.save(now);
    let header = RoundHeader {
        kind: super::ROUND_KIND.to_string(),
        format: ROUND_FORMAT,
        round_id: round.id(),
        name: round.read().name,
        bytes: document.len(),
        sha256: sha256_hex(&document),
        units: units
            .iter()
            .map(|(id, bytes)| UnitPart {
                ledger_id: id.clone(),
                bytes: bytes.len(),
            })
            .collect(),
    };
    let json = serde_json::to_vec(&header).expect("a header always serialises");
    let mut out = ROUND_MAGIC.to_vec();
    out.extend_from_slice(&json);
    out.push(b'\n');
    out.extend_from_slice(&document);
    for (_, bytes) in units {
        out.extend_from_slice(bytes);
    }
    out
}

/// Whether these bytes say they are a round file (the page tells a round from a ledger so).
pub fn is_round_file(bytes: &[u8]) -> bool {
    bytes.starts_with(ROUND_MAGIC)
}

/// Check a round file whole; nothing is stored or merged here.
pub fn decode_round(bytes: &[u8]) -> Result<RoundFile, RoundError> {
    let damaged = |d| Err(RoundError::Damaged(d));
    if bytes.len() > MAX_FILE_BYTES {
        return Err(RoundError::UnitFile(envelope::ImportError::TooLarge(
            bytes.len() / (1024 * 1024),
        )));
    }
    let Some(rest) = bytes.strip_prefix(ROUND_MAGIC) else {
        return damaged(Damage::NotALedger);
    };
    let Some(end) = rest.iter().take(MAX_HEADER_BYTES).position(|&b| b == b'\n') else {
        return damaged(Damage::HeaderUnreadable);
    };
    let header: RoundHeader = serde_json::from_slice(&rest[..end])
        .map_err(|_| RoundError::Damaged(Damage::HeaderUnreadable))?;
    if header.kind != super::ROUND_KIND {
        return damaged(Damage::NotALedger);
    }
    if header.format > ROUND_FORMAT {
        return Err(RoundError::NewerVersion);
    }
    let mut body = &rest[end + 1..];
    let expected = header.bytes + header.units.iter().map(|u| u.bytes).sum::<usize>();
    if body.len() != expected {
        return damaged(Damage::Checksum);
    }
    let (document, after) = body.split_at(header.bytes);
    if sha256_hex(document) != header.sha256 {
        return damaged(Damage::Checksum);
    }
    body = after;
    let round = RoundDoc::load(document).map_err(RoundError::Damaged)?;
    if round.id() != header.round_id {
        return damaged(Damage::HeaderOtherLedger);
    }
    let mut units = Vec::with_capacity(header.units.len());
    for part in &header.units {
        let (file, after) = body.split_at(part.bytes);
        body = after;
        let unit = envelope::decode(file).map_err(RoundError::UnitFile)?;
        if unit.header.ledger_id != part.ledger_id {
            return damaged(Damage::HeaderOtherLedger);
        }
        units.push(unit);
    }
    Ok(RoundFile {
        header,
        round,
        units,
    })
}
