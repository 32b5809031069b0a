//! When to remind the person to export (src/backup.rs): the count of changes since the last
//! export, the non-persistent-storage reminder, putting a reminder off, and the app version
//! a browser last ran.

use rectify_core::backup::{BackupStatus, Reminder, EXPORT_REMINDER_AFTER};
use rectify_core::store::{KeyValue, LedgerStore, MemoryKv, PREFIX};

const N: u32 = EXPORT_REMINDER_AFTER;

fn status(changes: u32, put_off_at: Option<u32>) -> BackupStatus {
    BackupStatus {
        changes_since_export: changes,
        exported_at: None,
        put_off_at,
    }
}

#[test]
fn the_threshold_is_twenty_changes() {
    assert_eq!(N, 20, "README.md states 20; change both together");
}

#[test]
fn nothing_to_remind_while_everything_is_exported() {
    for persisted in [None, Some(true), Some(false)] {
        assert_eq!(status(0, None).reminder(persisted), None);
        assert_eq!(status(0, Some(0)).reminder(persisted), None);
    }
}

#[test]
fn many_changes_remind_from_the_threshold_on() {
    assert_eq!(status(N - 1, None).reminder(Some(true)), None);
    assert_eq!(status(N - 1, None).reminder(None), None);
    assert_eq!(
        status(N, None).reminder(Some(true)),
        Some(Reminder::ManyChanges(N))
    );
    assert_eq!(
        status(N + 7, None).reminder(None),
        Some(Reminder::ManyChanges(N + 7))
    );
    // many changes say so even where storage is not persistent
    assert_eq!(
        status(N, None).reminder(Some(false)),
        Some(Reminder::ManyChanges(N))
    );
}

#[test]
fn non_persistent_storage_reminds_at_the_first_unexported_change() {
    assert_eq!(
        status(1, None).reminder(Some(false)),
        Some(Reminder::NotPersistent(1))
    );
    assert_eq!(status(1, None).reminder(Some(true)), None);
    assert_eq!(status(1, None).reminder(None), None, "no answer: no claim");
}

#[test]
fn a_reminder_put_off_comes_back_after_as_many_changes_again() {
    // put off at the first change on non-persistent storage: quiet until N more
    assert_eq!(status(1, Some(1)).reminder(Some(false)), None);
    assert_eq!(status(N, Some(1)).reminder(Some(false)), None);
    assert_eq!(
        status(N + 1, Some(1)).reminder(Some(false)),
        Some(Reminder::ManyChanges(N + 1))
    );
    // put off at N: back at 2N
    assert_eq!(status(2 * N - 1, Some(N)).reminder(None), None);
    assert_eq!(
        status(2 * N, Some(N)).reminder(None),
        Some(Reminder::ManyChanges(2 * N))
    );
    assert_eq!(
        status(u32::MAX, Some(u32::MAX)).reminder(None),
        Some(Reminder::ManyChanges(u32::MAX)),
        "no overflow"
    );
}

#[test]
fn the_store_counts_changes_per_ledger_until_an_export() {
    let store = LedgerStore::new(MemoryKv::default());
    assert_eq!(store.backup_status("a"), BackupStatus::default());
    for _ in 0..N {
        store.note_change("a");
    }
    store.note_change("b");
    assert_eq!(store.backup_status("a").changes_since_export, N);
    assert_eq!(store.backup_status("b").changes_since_export, 1);
    assert_eq!(
        store.backup_status("a").reminder(None),
        Some(Reminder::ManyChanges(N))
    );

    let put_off = store.put_off_reminder("a");
    assert_eq!(put_off.put_off_at, Some(N));
    assert_eq!(store.backup_status("a").reminder(None), None);

    let exported = store.note_export("a", 1_700_000_000);
    assert_eq!(exported, store.backup_status("a"));
    assert_eq!(exported.changes_since_export, 0);
    assert_eq!(exported.exported_at, Some(1_700_000_000));
    assert_eq!(exported.put_off_at, None);
    assert_eq!(
        store.backup_status("b").changes_since_export,
        1,
        "b untouched"
    );

    // kept under the app's prefix, never where the ledger list looks
    assert!(store
        .kv()
        .get(&format!("{PREFIX}backup:a"))
        .unwrap()
        .is_some());
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn an_unreadable_count_starts_again_from_zero() {
    let store = LedgerStore::new(MemoryKv::default());
    store
        .kv()
        .set(&format!("{PREFIX}backup:a"), "{not json")
        .unwrap();
    assert_eq!(store.backup_status("a"), BackupStatus::default());
    assert_eq!(store.note_change("a").changes_since_export, 1);
}

#[test]
fn a_full_storage_still_counts_in_the_returned_status() {
    let store = LedgerStore::new(MemoryKv::with_quota(10));
    let status = store.note_change("a");
    assert_eq!(
        status.changes_since_export, 1,
        "the reminder can still show"
    );
    assert_eq!(
        store.backup_status("a").changes_since_export,
        0,
        "nothing stored"
    );
}

#[test]
fn deleting_a_ledger_forgets_its_count() {
    let store = LedgerStore::new(MemoryKv::default());
    let mut doc = rectify_core::document::LedgerDoc::create("台账", Some("张三"), 1_700_000_000);
    store.save(&mut doc, 1_700_000_000).unwrap();
    let id = doc.ledger_id();
    store.note_change(&id);
    store.delete(&id).unwrap();
    assert!(store
        .kv()
        .get(&format!("{PREFIX}backup:{id}"))
        .unwrap()
        .is_none());
}

#[test]
fn the_app_version_seen_before_is_reported_once_when_it_changes() {
    let store = LedgerStore::new(MemoryKv::default());
    assert_eq!(store.note_app_version("v1"), None, "first visit");
    assert_eq!(store.note_app_version("v1"), None, "same version");
    assert_eq!(store.note_app_version("v2"), Some("v1".to_string()));
    assert_eq!(store.note_app_version("v2"), None, "said once");
}
