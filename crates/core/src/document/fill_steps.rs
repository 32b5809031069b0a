//! 创建新台账 from thousands of rows in steps ([`Filling`]): the problems written a few hundred
//! at a time, so that a page can say how far it got between the steps instead of freezing for
//! seconds. The document is the one [`LedgerDoc::create_filled`] makes: one change, the same
//! note, the same content (`crates/core/tests/fill.rs`).

use super::fill::Adding;
use super::{DocError, LedgerDoc};
use crate::ledger::Ledger;

/// A new ledger being filled from `ledger`, its open change not yet committed.
pub struct Filling {
    doc: LedgerDoc,
    ledger: Ledger,
    adding: Adding,
}

impl Filling {
    /// Check everything (all or nothing, as [`LedgerDoc::create_filled`]), then write the
    /// ledger's information and categories.
    pub fn start(ledger: Ledger, author: Option<&str>) -> Result<Filling, DocError> {
        let mut doc = LedgerDoc::create_open(&ledger.meta.name, author);
        doc.fill_meta(&ledger)?;
        let adding = Adding::start(&mut doc, &ledger, false)?;
        Ok(Filling {
            doc,
            ledger,
            adding,
        })
    }

    /// Write up to `problems` more problems; returns how many are written, of how many.
    pub fn step(&mut self, problems: usize) -> Result<(usize, usize), DocError> {
        self.adding.problems(&mut self.doc, &self.ledger, problems)
    }

    /// Write what is left (the rest of the problems, the rules) and commit, as of `now`.
    pub fn finish(self, now: i64) -> Result<LedgerDoc, DocError> {
        let Filling {
            mut doc,
            ledger,
            mut adding,
        } = self;
        adding.problems(&mut doc, &ledger, usize::MAX)?;
        adding.finish(&mut doc, &ledger)?;
        doc.commit(now);
        Ok(doc)
    }
}
