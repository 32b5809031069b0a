//! When the open ledger is saved, as a plain state machine: the page's driver
//! (`ui::state::saves`) feeds it what happened (an edit, a timer, a save, the page being hidden)
//! and does what it answers (arm a timer, save now, nothing). No browser types here, so the
//! timing rules are tested natively (tests/save_scheduler.rs).
//!
//! The rules (ARCHITECTURE.md, "Commits"):
//! - the first edit after a save makes the next save due [`SAVE_AFTER`] later;
//! - the first edit from then on runs it just after its own frame is drawn, in the gap before
//!   the next keystroke ([`Order::SaveAfterFrame`]), so no keystroke waits for a save that a
//!   timer started at a random moment;
//! - when no edit comes, a timer runs it [`SAVE_GRACE`] after it was due;
//! - a save that committed new edits leaves the work that reads the whole ledger for a pause of
//!   [`PAUSE`] without another such save ([`SaveScheduler::saved`]);
//! - the page being hidden or left, or a switch of ledgers, saves at once what is pending and
//!   runs the pause's work then ([`SaveScheduler::flush`], [`SaveScheduler::take_pause`]).

use std::time::Duration;

/// How long after the first edit since a save the next save is due.
pub const SAVE_AFTER: Duration = Duration::from_millis(400);
/// How much longer a due save waits for a keystroke to run after, before a timer runs it.
pub const SAVE_GRACE: Duration = Duration::from_millis(300);
/// How long after a save that committed new edits the pause's work runs, when no such save
/// comes meanwhile.
pub const PAUSE: Duration = Duration::from_millis(1500);

/// What the driver does after an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// nothing: a save is scheduled and not due yet
    Nothing,
    /// arm a timer `after` from the edit's time that calls [`SaveScheduler::timer_fired`]
    /// with `generation`
    ArmTimer { after: Duration, generation: u64 },
    /// the save is due: once this edit's frame is drawn (the next animation frame, then a
    /// zero timeout), call [`SaveScheduler::timer_fired`] with `generation`
    SaveAfterFrame { generation: u64 },
}

/// How a save ended, as far as the timing cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// it committed new edits of the open ledger
    Committed,
    /// it wrote nothing new, had nothing to write, or failed
    NothingNew,
}

/// A timer the driver arms for the pause's work: call [`SaveScheduler::pause_fired`] with
/// `token` `after` from now, and clear the pause timer armed before, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArmPause {
    pub after: Duration,
    pub token: u64,
}

/// The state: whether a save is scheduled, when it is due, which one it is, and which pause
/// timer is the live one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveScheduler {
    scheduled: bool,
    /// when the scheduled save is due (ms since the epoch)
    due_at: f64,
    generation: u64,
    /// the live pause timer's token, if one is armed
    pause: Option<u64>,
    pause_tokens: u64,
}

impl SaveScheduler {
    pub fn new() -> SaveScheduler {
        SaveScheduler::default()
    }

    /// An edit at `now` (ms since the epoch).
    pub fn edited(&mut self, now: f64) -> Order {
        if self.scheduled {
            return if now >= self.due_at {
                Order::SaveAfterFrame {
                    generation: self.generation,
                }
            } else {
                Order::Nothing
            };
        }
        self.scheduled = true;
        self.generation += 1;
        self.due_at = now + SAVE_AFTER.as_millis() as f64;
        Order::ArmTimer {
            after: SAVE_AFTER + SAVE_GRACE,
            generation: self.generation,
        }
    }

    /// A save timer (or the frame after an edit) came for `generation`: true when that save
    /// is still to be made (no save has run since it was scheduled).
    pub fn timer_fired(&self, generation: u64) -> bool {
        self.scheduled && self.generation == generation
    }

    /// A save starts (of any kind): nothing is scheduled any more.
    pub fn save_started(&mut self) {
        self.scheduled = false;
    }

    /// A save ended: one that committed new edits arms the pause timer (again).
    pub fn saved(&mut self, outcome: SaveOutcome) -> Option<ArmPause> {
        match outcome {
            SaveOutcome::NothingNew => None,
            SaveOutcome::Committed => {
                self.pause_tokens += 1;
                self.pause = Some(self.pause_tokens);
                Some(ArmPause {
                    after: PAUSE,
                    token: self.pause_tokens,
                })
            }
        }
    }

    /// The pause timer `token` fired: true when it is the live one (then the pause's work
    /// runs, and no pause is pending any more).
    pub fn pause_fired(&mut self, token: u64) -> bool {
        if self.pause == Some(token) {
            self.pause = None;
            true
        } else {
            false
        }
    }

    /// Save at once (the page is hidden or left, another ledger is opened, …)? Yes when the
    /// document has uncommitted edits, a save is scheduled, or the last save failed.
    pub fn flush(&self, pending_edits: bool, last_save_failed: bool) -> bool {
        pending_edits || self.scheduled || last_save_failed
    }

    /// After a flush's save: true when a pause timer is armed, which the driver clears and
    /// whose work it runs at once.
    pub fn take_pause(&mut self) -> bool {
        self.pause.take().is_some()
    }

    /// Whether a save is scheduled.
    pub fn is_scheduled(&self) -> bool {
        self.scheduled
    }
}
