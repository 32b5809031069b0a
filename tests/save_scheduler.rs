//! The save timing rules (src/save_scheduler.rs), natively: when an edit arms a timer, when it
//! saves after its frame, when a timer's save is stale, and the pause after a save.

use std::time::Duration;

use rectify::save_scheduler::{ArmPause, Order, SaveOutcome, SaveScheduler, PAUSE};

/// The first edit after a save arms one timer 700 ms later (due at 400 ms, 300 ms of grace).
#[test]
fn the_first_edit_arms_a_timer_for_the_due_time_plus_the_grace() {
    let mut s = SaveScheduler::new();
    assert_eq!(
        s.edited(1_000.0),
        Order::ArmTimer {
            after: Duration::from_millis(700),
            generation: 1
        }
    );
    assert!(s.is_scheduled());
    assert!(s.timer_fired(1));
}

/// Edits before the save is due change nothing; the first one at or after it saves after its
/// frame, as the same save the timer would run.
#[test]
fn an_edit_once_the_save_is_due_saves_after_its_frame() {
    let mut s = SaveScheduler::new();
    s.edited(1_000.0);
    assert_eq!(s.edited(1_100.0), Order::Nothing);
    assert_eq!(s.edited(1_399.0), Order::Nothing);
    assert_eq!(s.edited(1_400.0), Order::SaveAfterFrame { generation: 1 });
    assert_eq!(s.edited(1_450.0), Order::SaveAfterFrame { generation: 1 });
}

/// Once a save ran, the timer and the frames of the save before are stale; the next edit
/// schedules a new save with a new generation.
#[test]
fn a_save_makes_earlier_timers_stale() {
    let mut s = SaveScheduler::new();
    s.edited(0.0);
    s.save_started();
    assert!(!s.is_scheduled());
    assert!(!s.timer_fired(1));
    assert_eq!(
        s.edited(500.0),
        Order::ArmTimer {
            after: Duration::from_millis(700),
            generation: 2
        }
    );
    assert!(!s.timer_fired(1));
    assert!(s.timer_fired(2));
    // the due time is counted from the edit that scheduled it
    assert_eq!(s.edited(899.0), Order::Nothing);
    assert_eq!(s.edited(900.0), Order::SaveAfterFrame { generation: 2 });
}

/// A save that committed new edits arms the pause timer; another one replaces it, so only
/// the last one's pause runs. A save with nothing new leaves the armed pause as it is.
#[test]
fn the_pause_runs_after_the_last_committed_save() {
    let mut s = SaveScheduler::new();
    assert_eq!(s.saved(SaveOutcome::NothingNew), None);
    let first = s.saved(SaveOutcome::Committed).unwrap();
    assert_eq!(first.after, PAUSE);
    let second = s.saved(SaveOutcome::Committed).unwrap();
    assert_ne!(first.token, second.token);
    assert_eq!(s.saved(SaveOutcome::NothingNew), None);
    assert!(!s.pause_fired(first.token));
    assert!(s.pause_fired(second.token));
    // once run, it does not run again
    assert!(!s.pause_fired(second.token));
    assert!(!s.take_pause());
}

/// A flush (page hidden, another ledger opened) saves when anything is pending, scheduled or
/// unsaved after a failure, and then runs an armed pause at once.
#[test]
fn a_flush_saves_what_is_pending_and_runs_the_pause() {
    let mut s = SaveScheduler::new();
    assert!(!s.flush(false, false));
    assert!(s.flush(true, false));
    assert!(s.flush(false, true));
    s.edited(0.0);
    assert!(s.flush(false, false));
    s.save_started();
    assert!(!s.flush(false, false));
    assert!(!s.take_pause());
    let ArmPause { token, .. } = s.saved(SaveOutcome::Committed).unwrap();
    assert!(s.take_pause());
    // the timer of the pause a flush ran finds nothing to do
    assert!(!s.pause_fired(token));
}
