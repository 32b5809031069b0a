//! The inspection office's rounds: the list, the round shown and its rollup, a unit's ledger
//! open for 销号 review, and the actions — all carried out by the core's store
//! (`store/rounds.rs`); here only which signals change and what the notice says.

use leptos::prelude::*;

use super::{store, OpenDoc};
use crate::platform;
use rectify_core::file::envelope;
use rectify_core::ledger::Ledger;
use rectify_core::round::file::{decode_round, is_round_file};
use rectify_core::round::{Rollup, Round, RoundDoc, RoundError};

/// The rollup of the round shown, and the units left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub round: Round,
    pub rollup: Rollup,
    pub missing: Vec<String>,
}

#[derive(Clone, Copy)]
pub struct Rounds {
    pub list: RwSignal<Vec<Round>>,
    pub shown: RwSignal<Option<Shown>>,
    /// a unit's ledger open for review (read-only), by its id
    pub reviewing: RwSignal<Option<Ledger>>,
    /// a unit's file waiting for "add it to the round?": the unit's name
    pub pending: RwSignal<Option<String>>,
    pending_bytes: StoredValue<Option<Vec<u8>>, LocalStorage>,
    doc: OpenDoc,
}

impl Rounds {
    pub fn new(doc: OpenDoc) -> Rounds {
        Rounds {
            list: RwSignal::new(store().rounds()),
            shown: RwSignal::new(None),
            reviewing: RwSignal::new(None),
            pending: RwSignal::new(None),
            pending_bytes: StoredValue::new_local(None),
            doc,
        }
    }

    fn error(&self, e: &RoundError) {
        self.doc.notices.error(self.doc.prefs.tu().round_error(e));
    }

    /// The round shown, by id.
    pub fn current_id(&self) -> Option<String> {
        self.shown
            .with_untracked(|s| s.as_ref().map(|s| s.round.id.clone()))
    }

    /// Show a round and compute its rollup (again).
    pub fn show(&self, id: &str) {
        self.list.set(store().rounds());
        match store().round_rollup(id, platform::today()) {
            Ok((round, rollup, missing)) => self.shown.set(Some(Shown {
                round,
                rollup,
                missing,
            })),
            Err(e) => self.error(&e),
        }
    }

    fn refresh(&self) {
        if let Some(id) = self.current_id() {
            self.show(&id);
        }
    }

    pub fn create(&self, name: &str, body: &str, from: &str, to: &str) {
        let parse = rectify_core::ledger::parse_date;
        let name = name.trim();
        let name = if name.is_empty() {
            self.doc.prefs.tu().round_default_name
        } else {
            name
        };
        let mut round = RoundDoc::create(name, body, parse(from), parse(to), platform::now());
        match store().save_round(&mut round, platform::now()) {
            Ok(()) => {
                self.show(&round.id());
                self.doc
                    .notices
                    .info(self.doc.prefs.tu().round_created(name));
            }
            Err(e) => self.error(&e),
        }
    }

    /// Add a ledger kept in this browser to the round shown.
    pub fn add_stored(&self, ledger_id: &str) {
        let Some(id) = self.current_id() else { return };
        self.doc.flush();
        match store().add_stored_unit(&id, ledger_id, platform::now()) {
            Ok(name) => {
                let added = rectify_core::store::UnitAdded::Added { name };
                self.doc
                    .notices
                    .info(self.doc.prefs.tu().unit_added(&added));
                self.refresh();
            }
            Err(e) => self.error(&e),
        }
    }

    /// A picked file: a round file opens (and merges); a unit's ledger file joins the round
    /// shown, after a question when the unit is new to it.
    pub fn import_bytes(&self, file_name: &str, bytes: Vec<u8>) {
        self.doc.flush();
        if is_round_file(&bytes) {
            return self.import_round(&bytes);
        }
        self.add_unit_bytes(file_name, bytes, false);
    }

    fn import_round(&self, bytes: &[u8]) {
        let done = decode_round(bytes).and_then(|f| store().import_round(f, platform::now()));
        match done {
            Ok(id) => {
                self.show(&id);
                let name = self
                    .shown
                    .with_untracked(|s| s.as_ref().map(|s| s.round.name.clone()));
                self.doc
                    .notices
                    .info(self.doc.prefs.tu().round_opened(&name.unwrap_or_default()));
                self.doc.library.reload();
                self.reopen_current();
            }
            Err(e) => self.error(&e),
        }
    }

    fn add_unit_bytes(&self, file_name: &str, bytes: Vec<u8>, allowed: bool) {
        let Some(id) = self.current_id() else { return };
        let t = self.doc.prefs.tu();
        let file = match envelope::decode(&bytes) {
            Ok(file) => file,
            Err(e) => {
                return self
                    .doc
                    .notices
                    .error(t.not_imported(file_name, &t.round_error(&RoundError::UnitFile(e))))
            }
        };
        let name = rectify_core::round::unit_name(&file.open().read().unwrap_or_default());
        match store().add_unit_file(&id, file, allowed, platform::now()) {
            Ok(None) => {
                self.pending_bytes.set_value(Some(bytes));
                self.pending.set(Some(name));
            }
            Ok(Some(added)) => {
                self.doc.notices.info(t.unit_added(&added));
                self.doc.library.reload();
                self.reopen_current();
                self.refresh();
            }
            Err(e) => self
                .doc
                .notices
                .error(t.not_imported(file_name, &t.round_error(&e))),
        }
    }

    /// The person said yes to a new unit.
    pub fn accept(&self) {
        self.pending.set(None);
        if let Some(bytes) = self.pending_bytes.try_update_value(|b| b.take()).flatten() {
            self.add_unit_bytes("", bytes, true);
        }
    }

    pub fn cancel(&self) {
        self.pending.set(None);
        self.pending_bytes.set_value(None);
    }

    /// The open ledger changed in storage (a merge or review here): show the stored copy.
    fn reopen_current(&self) {
        if let Some(id) = self.doc.current_id() {
            self.doc.library.open(self.doc, &id);
        }
    }

    /// Open a unit's ledger for review.
    pub fn review(&self, ledger_id: &str) {
        self.doc.flush();
        match store().load(ledger_id).map(|d| d.read()) {
            Ok(Ok(ledger)) => self.reviewing.set(Some(ledger)),
            Ok(Err(e)) => self.doc.notices.error(self.doc.prefs.tu().doc_error(&e)),
            Err(e) => self.doc.notices.error(self.doc.prefs.tu().store_error(&e)),
        }
    }

    /// 同意销号 (`sign_off`) or 退回 of a problem of the unit under review, signed with 我的名字.
    pub fn decide(&self, problem_id: &str, sign_off: bool, note: &str) {
        let Some(ledger_id) = self
            .reviewing
            .with_untracked(|l| l.as_ref().map(|l| l.id.clone()))
        else {
            return;
        };
        let t = self.doc.prefs.tu();
        let Some(me) = self.doc.prefs.author() else {
            return self.doc.notices.error(t.ask_for_name);
        };
        self.doc.flush();
        let store = store();
        let mut doc = match store.load(&ledger_id) {
            Ok(doc) => doc,
            Err(e) => return self.doc.notices.error(t.store_error(&e)),
        };
        doc.set_author(Some(&me));
        let today = platform::today();
        let done = if sign_off {
            doc.sign_off(problem_id, &me, today, note)
        } else {
            doc.return_problem(problem_id, &me, today, note)
        };
        if let Err(e) = done {
            return self.doc.notices.error(t.doc_error(&e));
        }
        if let Err(e) = store.save(&mut doc, platform::now()) {
            return self.doc.notices.error(t.store_error(&e));
        }
        self.doc.notices.clear();
        self.reviewing.set(doc.read().ok());
        self.reopen_current();
        self.refresh();
    }

    /// Download a unit's ledger file to send back to it (the office's reviews travel in it).
    pub fn send_back(&self, ledger_id: &str) {
        self.doc.flush();
        self.download(
            store()
                .unit_file(ledger_id, platform::now())
                .map(|(name, bytes)| (envelope::file_name(&name, platform::today()), bytes)),
        );
    }

    /// Download the round's file, with its units' ledgers, for another office computer.
    pub fn export_round(&self) {
        let Some(id) = self.current_id() else { return };
        self.doc.flush();
        let file = store()
            .round_file(&id, platform::now())
            .map(|(name, bytes)| {
                let stem = envelope::safe_file_stem(&name);
                (
                    format!("{stem}.{}", rectify_core::round::file::ROUND_EXTENSION),
                    bytes,
                )
            });
        self.download(file);
    }

    /// Download the round's report (the rollup bulletin) as text.
    pub fn export_report(&self) {
        let file = self.shown.with_untracked(|s| {
            s.as_ref().map(|s| {
                let text = rectify_core::round::round_report_text(&s.round, &s.rollup);
                let stem = envelope::safe_file_stem(&s.round.name);
                (format!("{stem}-汇总通报.txt"), text.into_bytes())
            })
        });
        if let Some(file) = file {
            self.download(Ok(file));
        }
    }

    fn download(&self, file: Result<(String, Vec<u8>), RoundError>) {
        let t = self.doc.prefs.tu();
        match file {
            Ok((name, bytes)) => {
                match platform::download(&bytes, &name, "application/octet-stream") {
                    Ok(()) => self.doc.notices.info(t.exported(&name)),
                    Err(e) => self.doc.notices.error(t.refusal(e)),
                }
            }
            Err(e) => self.error(&e),
        }
    }
}
