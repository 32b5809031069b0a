//! The open ledger: its Automerge document (loaded at once, or later when it is first shown
//! from its stored view), and what the views read of it (the ledger, its revision, each
//! problem's trigger, conflicts, a past date, the export reminder). Edits are in `edits.rs`,
//! saves in `saves.rs`.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use leptos::prelude::*;

use super::notices::NoticeAction;
use super::{store, Library, Live, Notices, Prefs, Saves};
use crate::platform;
use rectify_core::backup::{BackupStatus, Reminder};
use rectify_core::document::{
    self as document, ChangeScope, Conflict, HistoryEntry, LedgerDoc, MergeReport,
};
use rectify_core::file as io;
use rectify_core::ledger::report::short_title;
use rectify_core::ledger::{Ledger, Problem};
use rectify_core::store::{Compaction, Opened, Recovery, StoreError};

/// The open ledger. Copyable handles into Leptos' arena.
#[derive(Clone, Copy)]
pub struct OpenDoc {
    /// the open ledger's document; reach it through [`OpenDoc::with_doc`], which loads a
    /// deferred one first
    pub(super) doc: StoredValue<Option<LedgerDoc>, LocalStorage>,
    /// a ledger shown from its stored view whose document is not loaded yet: its id, and the
    /// stored version the view was read from
    pub(super) deferred: StoredValue<Option<(String, String)>, LocalStorage>,
    /// true while the open ledger is shown from its stored view and its document is loading
    pub loading: RwSignal<bool>,
    /// the ledger shown; set through [`OpenDoc::set_ledger`], which also wakes the rows of
    /// the problems that changed ([`OpenDoc::track_problem`]). Typing into a problem's text
    /// field ([`OpenDoc::edit_text`]) patches it without waking this signal's readers: what
    /// shows that text tracks [`OpenDoc::revision`] (or its problem's trigger) as well.
    pub ledger: RwSignal<Option<Ledger>>,
    /// counts the reads of the document into the view (every edit, merge, load) and the
    /// keystrokes typed into a problem's text: what depends on the document rather than on the
    /// ledger shown (the history) tracks this, as an edit may change the document but not the
    /// ledger (settling a conflict with the value shown); so does what shows typed text and is
    /// not that problem's row (a search), as typing does not wake the readers of `ledger`
    pub revision: RwSignal<u64>,
    /// one trigger per problem id that a checklist row tracks instead of the whole ledger
    pub(super) problem_triggers: StoredValue<HashMap<String, ArcTrigger>>,
    /// each problem's place in `ledger.problems` (its number is the place + 1), so that the
    /// N rows of the checklist find their problem at once instead of each searching the list
    /// on every edit (which made typing O(N²))
    pub positions: Memo<HashMap<String, usize>>,
    pub read_only: RwSignal<bool>,
    /// the open ledger's stored copy could not be loaded (the view on screen is all there is):
    /// why, for the banner that offers the rescue exports
    pub damage: RwSignal<Option<StoreError>>,
    /// short fields holding concurrent values, re-read with the ledger
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// the date whose ledger is shown read-only instead of the present one
    pub past: RwSignal<Option<chrono::NaiveDate>>,
    /// the open ledger's changes since its last export from this browser
    pub backup: RwSignal<BackupStatus>,
    pub(super) prefs: Prefs,
    pub(super) notices: Notices,
    pub(super) library: Library,
    pub(super) saves: Saves,
    /// 联网同步 of the open ledger
    pub live: Live,
}

impl OpenDoc {
    /// No ledger open yet.
    pub fn new(prefs: Prefs, notices: Notices, library: Library) -> OpenDoc {
        let ledger = RwSignal::new(None::<Ledger>);
        OpenDoc {
            doc: StoredValue::new_local(None),
            deferred: StoredValue::new_local(None),
            loading: RwSignal::new(false),
            ledger,
            revision: RwSignal::new(0),
            problem_triggers: StoredValue::new(Default::default()),
            positions: Memo::new(move |_| {
                ledger.with(|l| {
                    l.as_ref()
                        .map(|l| {
                            l.problems
                                .iter()
                                .enumerate()
                                .map(|(i, p)| (p.id.clone(), i))
                                .collect()
                        })
                        .unwrap_or_default()
                })
            }),
            read_only: RwSignal::new(false),
            damage: RwSignal::new(None),
            conflicts: RwSignal::new(vec![]),
            past: RwSignal::new(None),
            backup: RwSignal::new(BackupStatus::default()),
            prefs,
            notices,
            library,
            saves: Saves::new(),
            live: Live::new(),
        }
    }

    pub fn current_id(&self) -> Option<String> {
        self.ledger
            .with_untracked(|l| l.as_ref().map(|l| l.id.clone()))
    }

    /// The export reminder due now for the open ledger, if any.
    pub fn reminder(&self) -> Option<Reminder> {
        if self.read_only.get() || self.ledger.with(|l| l.is_none()) {
            return None;
        }
        self.backup.get().reminder(self.library.persisted.get())
    }

    /// 稍后提醒: put the export reminder off (it returns after more changes).
    pub fn put_off_reminder(&self) {
        if let Some(id) = self.current_id() {
            self.backup.set(store().put_off_reminder(&id));
        }
    }

    /// The problems whose rows must wake when `new` replaces the ledger shown: those that
    /// differ, or None for all of them (another ledger, or a ledger-wide setting they show).
    fn changed_problems(&self, new: &Option<Ledger>) -> Option<Vec<String>> {
        self.ledger.with_untracked(|old| match (old, new) {
            (Some(old), Some(new))
                if old.id == new.id && old.meta.warn_days == new.meta.warn_days =>
            {
                let before: HashMap<&str, &Problem> =
                    old.problems.iter().map(|p| (p.id.as_str(), p)).collect();
                Some(
                    new.problems
                        .iter()
                        .filter(|p| before.get(p.id.as_str()) != Some(p))
                        .map(|p| p.id.clone())
                        .collect(),
                )
            }
            _ => None,
        })
    }

    /// Show `new` as the ledger. Nothing runs again when it equals what is shown (a save that
    /// only recorded who wrote); otherwise the rows of the problems that differ are woken
    /// (all rows when another ledger is shown or a ledger-wide setting they show changed).
    pub(super) fn set_ledger(&self, new: Option<Ledger>) {
        if self.ledger.with_untracked(|old| old == &new) {
            return;
        }
        let changed = self.changed_problems(&new);
        // another ledger (or none): the triggers of problems it does not have are dropped
        // after waking their rows, so opening ledger after ledger does not keep them all
        let other_ledger = self
            .ledger
            .with_untracked(|old| old.as_ref().map(|l| &l.id) != new.as_ref().map(|l| &l.id));
        let kept: Option<HashSet<String>> = other_ledger.then(|| {
            new.iter()
                .flat_map(|l| l.problems.iter().chain(&l.trash))
                .map(|p| p.id.clone())
                .collect()
        });
        self.ledger.set(new);
        self.problem_triggers
            .update_value(|triggers| match &changed {
                Some(ids) => ids
                    .iter()
                    .filter_map(|id| triggers.get(id))
                    .for_each(ArcTrigger::notify),
                None => {
                    triggers.values().for_each(ArcTrigger::notify);
                    if let Some(kept) = &kept {
                        triggers.retain(|id, _| kept.contains(id));
                    }
                }
            });
    }

    /// Track one problem of the shown ledger: a checklist row reads its problem untracked and
    /// calls this, so it runs again when that problem changes, not on every edit elsewhere
    /// (2,000 rows re-reading on each keystroke took about 100 ms).
    pub fn track_problem(&self, id: &str) {
        let trigger = self.problem_triggers.try_update_value(|triggers| {
            triggers
                .entry(id.to_string())
                .or_insert_with(ArcTrigger::new)
                .clone()
        });
        if let Some(trigger) = trigger {
            trigger.track();
        }
    }

    /// Re-read the document into the `ledger` signal (unless a past date is being viewed).
    pub(super) fn refresh(&self) {
        if self.past.get_untracked().is_some() || self.deferred.with_value(Option::is_some) {
            return;
        }
        let read = self.doc.try_update_value(|d| {
            d.as_mut()
                .map(|d| (d.read(), d.is_read_only(), d.conflicts()))
        });
        self.revision.update(|r| *r += 1);
        match read.flatten() {
            Some((Ok(ledger), read_only, conflicts)) => {
                self.set_ledger(Some(ledger));
                self.read_only.set(read_only);
                if self.conflicts.with_untracked(|c| c != &conflicts) {
                    self.conflicts.set(conflicts);
                }
            }
            Some((Err(e), _, _)) => self.notices.error(self.prefs.tu().doc_error(&e)),
            None => self.set_ledger(None),
        }
    }

    /// Make `doc` the open ledger.
    pub(super) fn show(&self, mut doc: LedgerDoc) {
        self.past.set(None);
        self.damage.set(None);
        self.deferred.set_value(None);
        self.loading.set(false);
        doc.set_author(self.prefs.author().as_deref());
        doc.begin_session(platform::now());
        let id = doc.ledger_id();
        let read_only = doc.is_read_only();
        self.doc.set_value(Some(doc));
        self.refresh();
        // a ledger just loaded from storage (or stored from a file) without a current view:
        // write one after this paint, so the next start shows it at once
        let open = *self;
        set_timeout(move || open.keep_view(), Duration::ZERO);
        self.backup.set(store().backup_status(&id));
        if read_only {
            let schema = self
                .ledger
                .with_untracked(|l| l.as_ref().map(|l| l.schema).unwrap_or(0));
            self.notices.error(self.prefs.tu().newer_schema(schema));
        }
        let _ = store().set_current(&id);
    }

    /// Show a ledger from its stored view (the checklist at once) and load its document when
    /// the page is next idle, or sooner when something needs it ([`OpenDoc::with_doc`]).
    pub(super) fn show_view(&self, id: &str, view: Ledger, version: String) {
        self.past.set(None);
        self.doc.set_value(None);
        self.deferred.set_value(Some((id.to_string(), version)));
        self.loading.set(true);
        self.read_only.set(false);
        self.damage.set(None);
        self.conflicts.set(vec![]);
        self.set_ledger(Some(view));
        self.backup.set(store().backup_status(id));
        let _ = store().set_current(id);
        // once the checklist is on screen and what the person did meanwhile (a click) is
        // answered: the load takes the main thread for a while (seconds, for thousands of
        // problems)
        let open = *self;
        request_animation_frame(move || {
            platform::when_idle(move || open.load_deferred(), Duration::from_secs(2))
        });
    }

    /// Load the document of a ledger shown from its view. What it reads is what the view
    /// showed (the view is of exactly the stored copy), so the views only change where the
    /// view cannot show something (conflicts).
    pub fn load_deferred(&self) {
        let Some((id, version)) = self.deferred.try_update_value(Option::take).flatten() else {
            return;
        };
        self.loading.set(false);
        // the view on screen is this document's read (nothing edits before the load): the
        // load starts its read cache from it
        let loaded = self.ledger.with_untracked(|view| match view {
            Some(view) => store().load_from_view(&id, view, &version),
            None => store().open_stored(&id),
        });
        match loaded {
            Ok(Opened { mut doc, recovery }) => {
                doc.set_author(self.prefs.author().as_deref());
                doc.begin_session(platform::now());
                let read = doc.read();
                let conflicts = doc.conflicts();
                let read_only = doc.is_read_only();
                self.doc.set_value(Some(doc));
                self.revision.update(|r| *r += 1);
                match read {
                    Ok(ledger) => self.set_ledger(Some(ledger)),
                    Err(e) => self.notices.error(self.prefs.tu().doc_error(&e)),
                }
                self.read_only.set(read_only);
                if !conflicts.is_empty() {
                    self.conflicts.set(conflicts);
                }
                self.recovered(recovery);
            }
            Err(e) => {
                // the view stays on screen, read-only: nothing can be changed without the
                // document, and the stored copy is left as it is; the banner says why and
                // offers the rescue exports
                self.read_only.set(true);
                self.damage.set(Some(e));
            }
        }
    }

    /// The open ledger was opened from an older stored copy than its newest (which was
    /// damaged): say what was recovered, and write a good newest copy at once.
    pub(super) fn recovered(&self, recovery: Option<Recovery>) {
        let Some(recovery) = recovery else { return };
        let name = self
            .ledger
            .with_untracked(|l| l.as_ref().map(|l| l.display_name()))
            .unwrap_or_default();
        self.notices.error(self.prefs.tu().recovered(
            &name,
            &recovery,
            platform::utc_offset_secs(),
        ));
        self.saves.save_with(*self, Compaction::Now);
    }

    /// 导出抢救副本: the ledger on screen (its document could not be loaded) as a new ledger
    /// file, named as a rescued copy, so nothing visible is stuck in the page.
    pub fn export_rescued(&self) {
        let Some(ledger) = self.ledger.get_untracked() else {
            return;
        };
        let t = self.prefs.tu();
        let name = t.rescued_name(&ledger.display_name());
        let now = platform::now();
        match LedgerDoc::rescued_copy(&ledger, &name, self.prefs.author().as_deref(), now) {
            Ok(mut copy) => {
                let bytes = io::encode(&mut copy, &name, now);
                let file_name = io::file_name(&name, platform::today());
                match platform::download(&bytes, &file_name, "application/octet-stream") {
                    Ok(()) => self.notices.info(t.exported(&file_name)),
                    Err(e) => self.notices.error(t.refusal(e)),
                }
            }
            Err(e) => self.notices.error(t.doc_error(&e)),
        }
    }

    /// The open ledger's document, loaded first when it is still deferred.
    pub(super) fn with_doc<R>(&self, f: impl FnOnce(&mut Option<LedgerDoc>) -> R) -> Option<R> {
        self.load_deferred();
        self.doc.try_update_value(f)
    }

    /// Write the open ledger's view when the stored copy has none that is current (see
    /// `LedgerStore::save_view`: only for a ledger in IndexedDB, only when the document is
    /// exactly what is stored).
    pub(super) fn keep_view(&self) {
        if self.deferred.with_value(Option::is_some) {
            return;
        }
        let _ = self
            .doc
            .try_update_value(|d| d.as_mut().map(|d| store().save_view(d)));
    }

    /// No ledger open any more (it was deleted).
    pub(super) fn close(&self) {
        self.doc.set_value(None);
        self.deferred.set_value(None);
        self.loading.set(false);
        self.set_ledger(None);
        self.backup.set(BackupStatus::default());
    }

    /// Save at once if anything is pending (on pagehide, before switching ledgers, …).
    pub fn flush(&self) {
        self.saves.flush(*self);
    }

    /// Commit and write the open ledger. A failure keeps every edit in memory and says so.
    pub fn save_now(&self) {
        self.saves.save_now(*self);
    }

    /// Another tab saved a ledger (its storage key): merge its copy in if it is this one.
    pub fn on_storage_changed(&self, key: &str) {
        self.library.reload();
        let Some(id) = self.current_id() else { return };
        if key != format!("{}ledger:{id}", rectify_core::store::PREFIX) {
            return;
        }
        let merged = self.with_doc(|d| {
            d.as_mut()
                .and_then(|d| store().merge_stored(d, platform::now()))
        });
        if let Some(report) = merged.flatten() {
            self.refresh();
            // (live merges are quiet, unless they put an edit of this tab in 回收站)
            self.say_merged_from_tab(&report, false);
        }
        self.backup.set(store().backup_status(&id));
    }

    /// Say what merging another tab's (or window's) save brought: always when `always`,
    /// else only when it deleted problems this tab had edited.
    pub(super) fn say_merged_from_tab(&self, report: &MergeReport, always: bool) {
        if !always && report.edited_but_deleted.is_empty() {
            return;
        }
        let t = self.prefs.tu();
        let mut said = t.merged_other_tab(report.new_changes, &t.authors(&report.authors));
        self.say_merged(&mut said, report);
    }

    /// Say what others' changes from the sync server brought: only when they put an edit of
    /// this page in 回收站 (live changes arrive all day; the panel shows the last sync).
    pub(super) fn say_merged_live(&self, report: &MergeReport) {
        if report.edited_but_deleted.is_empty() {
            return;
        }
        let t = self.prefs.tu();
        let mut said = t.merged_live(report.new_changes, &t.authors(&report.authors));
        self.say_merged(&mut said, report);
    }

    /// Show a merge's notice `said`, adding the problems edited here that the other copy
    /// deleted (now in 回收站, with 查看回收站) — the same for a file, another tab or window.
    pub(super) fn say_merged(&self, said: &mut String, report: &MergeReport) {
        if report.edited_but_deleted.is_empty() {
            return self.notices.info(said.clone());
        }
        let titles = self.ledger.with_untracked(|l| {
            let trash = l.as_ref().map(|l| l.trash.as_slice()).unwrap_or_default();
            report
                .edited_but_deleted
                .iter()
                .filter_map(|id| trash.iter().find(|p| &p.id == id))
                .map(|p| short_title(&p.description))
                .collect::<Vec<_>>()
        });
        said.push_str(&self.prefs.tu().edited_but_deleted(&titles));
        self.notices
            .info_with(said.clone(), NoticeAction::ShowTrash);
    }

    /// Download the open ledger as a `.rectify` file (the rescued copy of what is on screen when
    /// its stored copy could not be loaded).
    pub fn export(&self) {
        if self.damage.with_untracked(Option::is_some) {
            return self.export_rescued();
        }
        let now = platform::now();
        let out = self.with_doc(|d| {
            d.as_mut().map(|d| {
                let name = d.display_name();
                (io::encode(d, &name, now), name)
            })
        });
        if let Some(Some((bytes, name))) = out {
            let file_name = io::file_name(&name, platform::today());
            match platform::download(&bytes, &file_name, "application/octet-stream") {
                Ok(()) => {
                    if let Some(id) = self.current_id() {
                        self.backup.set(store().note_export(&id, now));
                    }
                    self.notices.info(self.prefs.tu().exported(&file_name));
                }
                Err(e) => self.notices.error(self.prefs.tu().refusal(e)),
            }
            self.save_now();
        }
    }

    /// Show the ledger as it stood at the end of `date`, read-only (None: nothing existed yet).
    pub fn view_past(&self, date: chrono::NaiveDate) {
        self.flush();
        let time = document::end_of_day(date, platform::utc_offset_secs());
        let past = self
            .with_doc(|d| d.as_mut().map(|d| d.ledger_at(time)))
            .flatten();
        match past {
            Some(Ok(Some(ledger))) => {
                // a red notice about another date no longer applies
                self.notices.clear();
                self.past.set(Some(date));
                self.set_ledger(Some(ledger));
                self.read_only.set(true);
            }
            Some(Ok(None)) => self
                .notices
                .error(self.prefs.tu().nothing_at(&date.to_string())),
            Some(Err(e)) => self.notices.error(self.prefs.tu().doc_error(&e)),
            None => {}
        }
    }

    /// Back from a past date to the ledger as it stands.
    pub fn back_to_present(&self) {
        if self.past.get_untracked().is_some() {
            self.past.set(None);
            self.refresh();
        }
    }

    /// The change history, newest first, with the places each of the first `limit` touched.
    pub fn history(&self, limit: usize) -> Vec<(HistoryEntry, ChangeScope)> {
        let ledger = self.ledger.get_untracked();
        self.with_doc(|d| {
            d.as_mut().map(|d| {
                // what was just done belongs in the list too
                d.commit(platform::now());
                let entries = d.history();
                entries
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let places = match (&ledger, i < limit) {
                            (Some(l), true) => d.change_places(&e.hash, l),
                            _ => ChangeScope::default(),
                        };
                        (e, places)
                    })
                    .collect()
            })
        })
        .flatten()
        .unwrap_or_default()
    }

    /// The ledger as it stood at `time` (for reports), without changing what is shown.
    pub fn ledger_at(&self, time: i64) -> Option<Ledger> {
        self.with_doc(|d| d.as_mut().map(|d| d.ledger_at(time)))
            .flatten()
            .and_then(Result::ok)
            .flatten()
    }

    /// The status each problem made after `since` had when it was made (the weekly
    /// report's status changes of problems created in the period).
    pub fn statuses_at_creation(
        &self,
        since: i64,
    ) -> std::collections::HashMap<String, rectify_core::ledger::Status> {
        self.with_doc(|d| d.as_mut().map(|d| d.statuses_at_creation(since)))
            .flatten()
            .unwrap_or_default()
    }
}
