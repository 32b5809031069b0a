//! Reminders to export a backup. A ledger lives only in one browser's storage until it is
//! exported, so the app counts the changes saved since the last export (per ledger, per
//! browser) and says when a copy on disk is due: after [`EXPORT_REMINDER_AFTER`] changes, or
//! at the first unexported change when the browser has not promised to keep its storage
//! (`navigator.storage.persisted()` is false after asking `persist()`).
//!
//! "A change" is one save that wrote new edits: edits within the save delay (0.4 s) count
//! once, so typing a paragraph is a few changes, not one per keystroke.

use serde::{Deserialize, Serialize};

use crate::store::{KeyValue, LedgerStore, StoreError, PREFIX};

/// Remind to export after this many changes since the last export (and again after as many
/// more each time the reminder is put off).
pub const EXPORT_REMINDER_AFTER: u32 = 20;

/// What this browser knows about a ledger's last export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupStatus {
    /// changes saved in this browser since the ledger was last exported from it
    #[serde(default)]
    pub changes_since_export: u32,
    /// seconds since the epoch of the last export from this browser
    #[serde(default)]
    pub exported_at: Option<i64>,
    /// `changes_since_export` when the person last put a reminder off (稍后提醒)
    #[serde(default)]
    pub put_off_at: Option<u32>,
}

/// Why the app asks for an export now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// This many changes since the last export.
    ManyChanges(u32),
    /// The browser may clear its storage, and this many changes are not exported.
    NotPersistent(u32),
}

impl BackupStatus {
    /// The reminder due now, if any. `persisted` is the browser's answer to
    /// `navigator.storage.persisted()` after asking `persist()` (None: no answer).
    ///
    /// - Nothing while every change is exported.
    /// - [`Reminder::ManyChanges`] from [`EXPORT_REMINDER_AFTER`] changes on; put off, it comes
    ///   back after as many more.
    /// - [`Reminder::NotPersistent`] from the first unexported change when the browser said
    ///   its storage is not persistent; put off, it leaves way to the count above.
    pub fn reminder(&self, persisted: Option<bool>) -> Option<Reminder> {
        let n = self.changes_since_export;
        if n == 0 {
            return None;
        }
        let due_at = match self.put_off_at {
            Some(at) => at.saturating_add(EXPORT_REMINDER_AFTER),
            None => EXPORT_REMINDER_AFTER,
        };
        if n >= due_at {
            Some(Reminder::ManyChanges(n))
        } else if self.put_off_at.is_none() && persisted == Some(false) {
            Some(Reminder::NotPersistent(n))
        } else {
            None
        }
    }
}

fn backup_key(id: &str) -> String {
    format!("{PREFIX}backup:{id}")
}

impl<K: KeyValue> LedgerStore<K> {
    /// The export bookkeeping of a ledger in this browser (all zero when never recorded or
    /// unreadable: a lost count only delays a reminder).
    pub fn backup_status(&self, id: &str) -> BackupStatus {
        self.kv()
            .get(&backup_key(id))
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn write_backup_status(&self, id: &str, status: &BackupStatus) -> Result<(), StoreError> {
        let json = serde_json::to_string(status).expect("backup status serialises");
        self.kv().set(&backup_key(id), &json)
    }

    /// A save wrote new edits of this ledger: count one change. Returns the new status even
    /// when it could not be stored (a full storage), so the reminder still shows.
    pub fn note_change(&self, id: &str) -> BackupStatus {
        let mut status = self.backup_status(id);
        status.changes_since_export = status.changes_since_export.saturating_add(1);
        let _ = self.write_backup_status(id, &status);
        status
    }

    /// The ledger was exported at `now`: nothing is unexported any more.
    pub fn note_export(&self, id: &str, now: i64) -> BackupStatus {
        let status = BackupStatus {
            changes_since_export: 0,
            exported_at: Some(now),
            put_off_at: None,
        };
        let _ = self.write_backup_status(id, &status);
        status
    }

    /// The person put the reminder off (稍后提醒).
    pub fn put_off_reminder(&self, id: &str) -> BackupStatus {
        let mut status = self.backup_status(id);
        status.put_off_at = Some(status.changes_since_export);
        let _ = self.write_backup_status(id, &status);
        status
    }

    /// Forget a deleted ledger's bookkeeping.
    pub fn forget_backup_status(&self, id: &str) -> Result<(), StoreError> {
        self.kv().remove(&backup_key(id))
    }
}
