//! The page's side of saving: runs the timers and the saves that the save scheduler
//! (`crate::save_scheduler`, where the timing rules are) orders, and says how saves went.

use std::time::Duration;

use leptos::prelude::*;

use super::{store, OpenDoc};
use crate::platform;
use crate::save_scheduler::{Order, SaveOutcome, SaveScheduler};
use rectify_core::store::Compaction;

/// The save driver. Copyable handles into Leptos' arena; each method is given the open
/// ledger it saves (and reaches the notices, settings and library through it).
#[derive(Clone, Copy)]
pub struct Saves {
    machine: StoredValue<SaveScheduler>,
    /// the timer of the work left for a pause in editing ([`Saves::after_pause`])
    pause_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Saves {
    pub(super) fn new() -> Saves {
        Saves {
            machine: StoredValue::new(SaveScheduler::new()),
            pause_timer: StoredValue::new(None),
        }
    }

    /// The open ledger was edited: arm the save timer, or run a due save just after this
    /// edit's frame is drawn (`save_scheduler`'s rules).
    pub(super) fn edited(self, doc: OpenDoc) {
        let now = platform::now_ms();
        let order = self
            .machine
            .try_update_value(|m| m.edited(now))
            .unwrap_or(Order::Nothing);
        match order {
            Order::Nothing => {}
            Order::ArmTimer { after, generation } => {
                set_timeout(move || self.save_if_still(doc, generation), after)
            }
            Order::SaveAfterFrame { generation } => request_animation_frame(move || {
                set_timeout(move || self.save_if_still(doc, generation), Duration::ZERO)
            }),
        }
    }

    /// The save scheduled as `generation`, unless a save has run since.
    fn save_if_still(self, doc: OpenDoc, generation: u64) {
        if self.machine.with_value(|m| m.timer_fired(generation)) {
            self.save_now(doc);
        }
    }

    /// Save at once if anything is pending (on pagehide, before switching ledgers, …), and
    /// run the pause's work if it is waiting.
    pub(super) fn flush(self, doc: OpenDoc) {
        let pending = doc
            .doc
            .with_value(|d| d.as_ref().is_some_and(|d| d.has_pending()));
        let failed = doc.notices.save_error.get_untracked().is_some();
        if self.machine.with_value(|m| m.flush(pending, failed)) {
            self.save_now(doc);
        }
        if self.machine.try_update_value(|m| m.take_pause()) == Some(true) {
            if let Some(timer) = self.pause_timer.try_update_value(Option::take).flatten() {
                timer.clear();
            }
            self.after_pause(doc);
        }
    }

    /// Saves run every 400 ms while someone types; what costs a read of the whole ledger is
    /// left for a pause without saves (or the page being hidden or left): read the document
    /// again (typing only patched what is shown, and a commit records who wrote) and write
    /// the stored view for the next start.
    fn after_save(self, doc: OpenDoc) {
        let Some(Some(arm)) = self
            .machine
            .try_update_value(|m| m.saved(SaveOutcome::Committed))
        else {
            return;
        };
        let timer = set_timeout_with_handle(
            move || {
                if self.machine.try_update_value(|m| m.pause_fired(arm.token)) == Some(true) {
                    self.pause_timer.set_value(None);
                    self.after_pause(doc);
                }
            },
            arm.after,
        )
        .ok();
        if let Some(old) = self
            .pause_timer
            .try_update_value(|t| std::mem::replace(t, timer))
            .flatten()
        {
            old.clear();
        }
    }

    /// The pause is also when a ledger in IndexedDB has its chunks compacted, if that is due
    /// (`LedgerStore::save_and_compact`): a compaction writes the whole document, too long a
    /// wait for a keystroke.
    fn after_pause(self, doc: OpenDoc) {
        self.save_with(doc, Compaction::IfDue);
        doc.refresh();
        doc.keep_view();
    }

    /// Commit and write the open ledger. A failure keeps every edit in memory and says so.
    pub(super) fn save_now(self, doc: OpenDoc) {
        self.save_with(doc, Compaction::IfOverdue);
    }

    pub(super) fn save_with(self, doc: OpenDoc, compaction: Compaction) {
        self.machine.update_value(SaveScheduler::save_started);
        let now = platform::now();
        // (a ledger still shown from its view has nothing to save: its document is not loaded)
        let result = doc.doc.try_update_value(|d| {
            d.as_mut().filter(|d| !d.is_read_only()).map(|d| {
                // new edits to commit: one change towards the export reminder
                let changed = d.has_pending();
                store()
                    .save_with(d, now, compaction)
                    .map(|outcome| (outcome, changed))
            })
        });
        match result.flatten() {
            Some(Ok((outcome, changed))) => {
                if doc.notices.save_error.get_untracked().is_some() {
                    doc.notices.save_error.set(None);
                }
                if let (true, Some(id)) = (changed, doc.current_id()) {
                    doc.backup.set(store().note_change(&id));
                    doc.library.ask_persistent_storage();
                    self.after_save(doc);
                }
                if let Some(report) = outcome.merged {
                    doc.refresh();
                    doc.say_merged_from_tab(&report, true);
                }
                doc.library.reload();
                doc.live.after_save(doc);
            }
            Some(Err(e)) => doc
                .notices
                .save_error
                .set(Some(doc.prefs.tu().store_error(&e))),
            None => {}
        }
    }
}
