//! The app's state: the open ledger document, its read-out, the list of ledgers and the
//! notice line. Views call these named actions; the rules themselves live in the core.

use std::time::Duration;

use leptos::prelude::*;

use crate::backup::{BackupStatus, Reminder};
use crate::document::{self as document, Conflict, DocError, HistoryEntry, LedgerDoc, Place};
use crate::io::{self, envelope, example};
use crate::ledger::Ledger;
use crate::platform::{self, LocalKv};
use crate::store::{plan_import, ImportPlan, IndexEntry, KeyValue, LedgerStore, StoreError};

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Checklist,
    Rules,
    Bulletin,
    Info,
    Ledgers,
    BulletinImport,
    History,
    Report,
    Progress,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// An import that waits for the person's decision (the file itself waits in `pending_file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingImport {
    MergeIntoOther { name: String },
    OpenAsNew { name: String },
}

/// Everything the views share. Copyable handles into Leptos' arena.
#[derive(Clone, Copy)]
pub struct AppState {
    doc: StoredValue<Option<LedgerDoc>, LocalStorage>,
    /// the file waiting in a [`PendingImport`] decision
    pending_file: StoredValue<Option<envelope::LedgerFile>, LocalStorage>,
    pub ledger: RwSignal<Option<Ledger>>,
    pub read_only: RwSignal<bool>,
    pub ledgers: RwSignal<Vec<IndexEntry>>,
    pub my_name: RwSignal<String>,
    pub notice: RwSignal<Option<Notice>>,
    /// a save failed; shown until a save succeeds
    pub save_error: RwSignal<Option<String>>,
    pub screen: RwSignal<Screen>,
    pub pending_import: RwSignal<Option<PendingImport>>,
    /// short fields holding concurrent values, re-read with the ledger
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// the date whose ledger is shown read-only instead of the present one
    pub past: RwSignal<Option<chrono::NaiveDate>>,
    /// a problem the checklist opens and scrolls to when it is next shown (from 进度)
    pub open_problem: RwSignal<Option<String>>,
    /// the open ledger's changes since its last export from this browser
    pub backup: RwSignal<BackupStatus>,
    /// the browser's answer to `navigator.storage.persisted()` after asking `persist()`
    pub persisted: RwSignal<Option<bool>>,
    /// a newer version was downloaded by the service worker; a reload shows it
    pub update_ready: RwSignal<bool>,
    persist_asked: StoredValue<bool>,
    save_scheduled: StoredValue<bool>,
    /// asked once per session to fill in 我的名字
    asked_for_name: StoredValue<bool>,
}

/// localStorage, with IndexedDB beside it when the browser opened it at start.
fn store() -> LedgerStore<LocalKv> {
    let store = LedgerStore::new(LocalKv);
    match platform::idb::large() {
        Some(large) => store.with_large(std::rc::Rc::new(large)),
        None => store,
    }
}

impl AppState {
    /// Read the ledger list and settings from storage and reopen the last ledger.
    pub fn load() -> AppState {
        let store = store();
        let state = AppState {
            doc: StoredValue::new_local(None),
            pending_file: StoredValue::new_local(None),
            ledger: RwSignal::new(None),
            read_only: RwSignal::new(false),
            ledgers: RwSignal::new(store.list().unwrap_or_default()),
            my_name: RwSignal::new(store.my_name().unwrap_or_default()),
            notice: RwSignal::new(None),
            save_error: RwSignal::new(None),
            screen: RwSignal::new(Screen::Checklist),
            pending_import: RwSignal::new(None),
            conflicts: RwSignal::new(vec![]),
            past: RwSignal::new(None),
            open_problem: RwSignal::new(None),
            backup: RwSignal::new(BackupStatus::default()),
            persisted: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            persist_asked: StoredValue::new(false),
            save_scheduled: StoredValue::new(false),
            asked_for_name: StoredValue::new(false),
        };
        if let Err(StoreError::Unavailable) = store.kv().get("rectify:probe") {
            state
                .save_error
                .set(Some(StoreError::Unavailable.to_string()));
        }
        // a move to IndexedDB that a closed page left half done
        store.finish_moves();
        if let Some(large) = platform::idb::large() {
            // an IndexedDB transaction that fails after its save returned (quota) says 未保存
            // like any failed save; the next one that completes clears it
            let pending = large.clone();
            large.on_written(move |result| match result {
                Err(e) => state.save_error.set(Some(e.to_string())),
                Ok(()) if !pending.pending() => {
                    // a move is complete once IndexedDB has the copy: drop the localStorage one
                    self::store().finish_moves();
                    // the open ledger's writes are all on disk now (a localStorage failure of
                    // a ledger kept there is left to its own next save)
                    let in_large = state
                        .current_id()
                        .is_some_and(|id| self::store().place(&id) == crate::store::Place::Large);
                    if in_large && state.save_error.get_untracked().is_some() {
                        state.save_error.set(None);
                    }
                    state.ledgers.set(self::store().list().unwrap_or_default());
                }
                Ok(()) => {}
            });
        }
        if let Some(id) = store.current() {
            state.open(&id);
        }
        if !store.list().unwrap_or_default().is_empty() {
            state.ask_persistent_storage();
        }
        state
    }

    /// The hosted build: register the service worker (offline copy, updates) and say when
    /// this page runs a newer version than this browser ran before.
    pub fn start_offline_support(&self) {
        let state = *self;
        platform::register_service_worker(move || state.update_ready.set(true));
        if platform::is_file_page() || platform::is_single_file() {
            return;
        }
        if let Some(version) = platform::app_version() {
            if store().note_app_version(&version).is_some() {
                self.info(format!(
                    "已更新到新版本（{version}）。台账数据保存在本浏览器中，不受更新影响。"
                ));
            }
        }
    }

    /// Ask once per session that the browser keep this page's storage, and remember its
    /// answer for the reminders and 台账管理.
    fn ask_persistent_storage(&self) {
        if self.persist_asked.get_value() {
            return;
        }
        self.persist_asked.set_value(true);
        let state = *self;
        leptos::task::spawn_local(async move {
            let persisted = platform::ask_persistent_storage().await;
            state.persisted.set(persisted);
        });
    }

    /// The export reminder due now for the open ledger, if any.
    pub fn reminder(&self) -> Option<Reminder> {
        if self.read_only.get() || self.ledger.with(|l| l.is_none()) {
            return None;
        }
        self.backup.get().reminder(self.persisted.get())
    }

    /// 稍后提醒: put the export reminder off (it returns after more changes).
    pub fn put_off_reminder(&self) {
        if let Some(id) = self.current_id() {
            self.backup.set(store().put_off_reminder(&id));
        }
    }

    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        }));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }));
    }

    pub fn current_id(&self) -> Option<String> {
        self.ledger
            .with_untracked(|l| l.as_ref().map(|l| l.id.clone()))
    }

    fn author(&self) -> Option<String> {
        Some(self.my_name.get_untracked()).filter(|n| !n.trim().is_empty())
    }

    /// Re-read the document into the `ledger` signal (unless a past date is being viewed).
    fn refresh(&self) {
        if self.past.get_untracked().is_some() {
            return;
        }
        let read = self.doc.try_update_value(|d| {
            d.as_mut()
                .map(|d| (d.read(), d.is_read_only(), d.conflicts()))
        });
        match read.flatten() {
            Some((Ok(ledger), read_only, conflicts)) => {
                self.ledger.set(Some(ledger));
                self.read_only.set(read_only);
                if self.conflicts.with_untracked(|c| c != &conflicts) {
                    self.conflicts.set(conflicts);
                }
            }
            Some((Err(e), _, _)) => self.error(e.to_string()),
            None => self.ledger.set(None),
        }
    }

    /// Make `doc` the open ledger.
    fn show(&self, mut doc: LedgerDoc) {
        self.past.set(None);
        doc.set_author(self.author().as_deref());
        let id = doc.ledger_id();
        let read_only = doc.is_read_only();
        self.doc.set_value(Some(doc));
        self.refresh();
        self.backup.set(store().backup_status(&id));
        if read_only {
            let schema = self
                .ledger
                .with_untracked(|l| l.as_ref().map(|l| l.schema).unwrap_or(0));
            self.error(format!(
                "此台账由更新版本的 Rectify 创建（结构版本 {schema}），本版本只能查看，不能修改。请更新本应用后再编辑。"
            ));
        }
        let _ = store().set_current(&id);
    }

    /// Open a stored ledger. A copy that no longer opens is left untouched in storage.
    pub fn open(&self, id: &str) {
        self.flush();
        match store().load(id) {
            Ok(doc) => {
                self.notice.set(None);
                self.show(doc);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub fn create(&self, name: &str) {
        self.flush();
        let name = if name.trim().is_empty() {
            "新台账"
        } else {
            name.trim()
        };
        let doc = LedgerDoc::create(name, self.author().as_deref(), platform::now());
        self.show(doc);
        self.save_now();
        self.screen.set(Screen::Checklist);
        self.info(format!("已新建台账“{name}”。"));
    }

    pub fn open_example(&self) {
        self.flush();
        match example::create_example(self.author().as_deref(), platform::now()) {
            Ok(doc) => {
                self.show(doc);
                self.save_now();
                self.screen.set(Screen::Checklist);
                self.info("已打开示例台账：某工业园党委巡察“回头看”整改（2022年6月30日通报）。");
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// 从通报导入: make a new ledger of a bulletin text and open it. False (with a message)
    /// when the text is not a bulletin; nothing is stored then.
    pub fn import_bulletin(&self, text: &str) -> bool {
        self.flush();
        match io::bulletin_text::create_from_bulletin(
            text,
            self.author().as_deref(),
            platform::now(),
        ) {
            Ok((doc, report)) => {
                self.show(doc);
                self.save_now();
                self.screen.set(Screen::Checklist);
                let mut message = format!(
                    "已从通报生成台账：反馈问题 {} 个，具体问题 {} 个，建章立制 {} 项",
                    report.categories, report.problems, report.rules
                );
                if report.rule_candidates > 0 {
                    message.push_str(&format!(
                        "（另有 {} 项待确认，请在“建章立制”中核对）",
                        report.rule_candidates
                    ));
                }
                if !report.leftovers.is_empty() {
                    message.push_str(&format!(
                        "；有 {} 段文字未能归类，已原样保留，请核对",
                        report.leftovers.len()
                    ));
                }
                message.push('。');
                self.info(message);
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Show the ledger as it stood at the end of `date`, read-only (None: nothing existed yet).
    pub fn view_past(&self, date: chrono::NaiveDate) {
        self.flush();
        let time = document::end_of_day(date, platform::utc_offset_secs());
        let past = self
            .doc
            .try_update_value(|d| d.as_mut().map(|d| d.ledger_at(time)))
            .flatten();
        match past {
            Some(Ok(Some(ledger))) => {
                self.past.set(Some(date));
                self.ledger.set(Some(ledger));
                self.read_only.set(true);
            }
            Some(Ok(None)) => self.error(format!(
                "{date} 时本机还没有这本台账的任何记录（台账创建于之后）。"
            )),
            Some(Err(e)) => self.error(e.to_string()),
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
    pub fn history(&self, limit: usize) -> Vec<(HistoryEntry, Vec<String>)> {
        let ledger = self.ledger.get_untracked();
        self.doc
            .try_update_value(|d| {
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
                                _ => vec![],
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
        self.doc
            .try_update_value(|d| d.as_mut().map(|d| d.ledger_at(time)))
            .flatten()
            .and_then(Result::ok)
            .flatten()
    }

    /// Put back what the fields one change wrote held before it.
    pub fn restore_before(&self, hash: &str) {
        let Some(ledger) = self.ledger.get_untracked() else {
            return;
        };
        match self.edit(|d| d.restore_before(hash, &ledger)) {
            Some(places) if places.is_empty() => {
                self.info("没有可恢复的内容：这些字段已是修改前的值，或是这次修改新建的。")
            }
            Some(places) => self.info(format!("已恢复修改前的值：{}。", places.join("；"))),
            None => {}
        }
    }

    /// Settle a conflict with one of its values or a new one.
    pub fn settle(&self, place: &Place, value: &str) {
        if self.edit(|d| d.settle(place, value)).is_some() {
            self.info("已处理冲突：同事合并后也会采用这个值。");
        }
    }

    /// Apply a named operation to the open ledger, show the result, and schedule a save.
    pub fn edit<T>(&self, op: impl FnOnce(&mut LedgerDoc) -> Result<T, DocError>) -> Option<T> {
        if let Some(date) = self.past.get_untracked() {
            self.error(format!(
                "正在查看 {date} 的台账（只读）。请先点“回到当前台账”再修改。"
            ));
            return None;
        }
        let result = self.doc.try_update_value(|d| d.as_mut().map(op)).flatten();
        match result {
            Some(Ok(value)) => {
                self.refresh();
                self.schedule_save();
                if self.author().is_none() && !self.asked_for_name.get_value() {
                    self.asked_for_name.set_value(true);
                    self.info(
                        "请在右上角填写“我的名字”：您的修改将署此名，同事合并后能看到是谁改的。",
                    );
                }
                Some(value)
            }
            Some(Err(e)) => {
                self.error(e.to_string());
                self.refresh();
                None
            }
            None => None,
        }
    }

    fn schedule_save(&self) {
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let state = *self;
        set_timeout(move || state.save_now(), Duration::from_millis(400));
    }

    /// Save at once if anything is pending (on pagehide, before switching ledgers, …).
    pub fn flush(&self) {
        let pending = self
            .doc
            .with_value(|d| d.as_ref().is_some_and(|d| d.has_pending()));
        if pending || self.save_scheduled.get_value() || self.save_error.get_untracked().is_some() {
            self.save_now();
        }
    }

    /// Commit and write the open ledger. A failure keeps every edit in memory and says so.
    pub fn save_now(&self) {
        self.save_scheduled.set_value(false);
        let now = platform::now();
        let result = self.doc.try_update_value(|d| {
            d.as_mut().filter(|d| !d.is_read_only()).map(|d| {
                // new edits to commit: one change towards the export reminder
                let changed = d.has_pending();
                store().save(d, now).map(|outcome| (outcome, changed))
            })
        });
        match result.flatten() {
            Some(Ok((outcome, changed))) => {
                if self.save_error.get_untracked().is_some() {
                    self.save_error.set(None);
                }
                if let (true, Some(id)) = (changed, self.current_id()) {
                    self.backup.set(store().note_change(&id));
                    self.ask_persistent_storage();
                }
                if let Some(report) = outcome.merged {
                    self.refresh();
                    self.info(format!(
                        "已合并另一窗口中的 {} 项修改（{}）。",
                        report.new_changes,
                        report.authors.join("、")
                    ));
                }
                self.ledgers.set(store().list().unwrap_or_default());
            }
            Some(Err(e)) => self.save_error.set(Some(e.to_string())),
            None => {}
        }
    }

    /// How much this app keeps in localStorage and IndexedDB.
    pub fn usage(&self) -> crate::store::Usage {
        store().usage()
    }

    /// Another tab saved this ledger: merge its copy in.
    pub fn on_storage_changed(&self, key: &str) {
        self.ledgers.set(store().list().unwrap_or_default());
        let Some(id) = self.current_id() else { return };
        if key != format!("{}ledger:{id}", crate::store::PREFIX) {
            return;
        }
        let merged = self.doc.try_update_value(|d| {
            d.as_mut()
                .and_then(|d| store().merge_stored(d, platform::now()))
        });
        if merged.flatten().is_some() {
            self.refresh();
        }
        self.backup.set(store().backup_status(&id));
    }

    pub fn set_my_name(&self, name: &str) {
        let name = name.trim().to_string();
        if let Err(e) = store().set_my_name(&name) {
            self.error(e.to_string());
        }
        self.my_name.set(name.clone());
        self.doc.update_value(|d| {
            if let Some(d) = d {
                d.set_author(Some(&name));
            }
        });
    }

    /// Download the open ledger as a `.rectify` file.
    pub fn export(&self) {
        let now = platform::now();
        let out = self.doc.try_update_value(|d| {
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
                    self.info(format!("已导出：{file_name}"));
                }
                Err(e) => self.error(e),
            }
            self.save_now();
        }
    }

    /// A file was picked or dropped: check it, then merge, ask, or refuse with a message.
    pub fn import_bytes(&self, file_name: &str, bytes: Vec<u8>) {
        self.flush();
        let store = store();
        let current = self.current_id();
        match plan_import(&store, current.as_deref(), &bytes) {
            Err(e) => self.error(format!("未导入“{file_name}”：{e}")),
            Ok(ImportPlan::MergeIntoCurrent(file)) => {
                let now = platform::now();
                let report = self
                    .doc
                    .try_update_value(|d| d.as_mut().map(|d| d.merge(&mut file.into_doc(), now)));
                match report.flatten() {
                    Some(Ok(r)) if r.new_changes == 0 => self.info(format!(
                        "“{file_name}”中没有新的修改（此前已导入过），台账未变。"
                    )),
                    Some(Ok(r)) => {
                        self.refresh();
                        self.save_now();
                        let mut message = format!(
                            "已合并“{file_name}”：{} 项修改，来自 {}。",
                            r.new_changes,
                            r.authors.join("、")
                        );
                        if !r.both_edited.is_empty() {
                            message.push_str(&format!(
                                "以下文字双方都改过，已逐字合并、双方的字都保留，请阅读核对：{}。",
                                r.both_edited.join("；")
                            ));
                        }
                        self.info(message);
                    }
                    Some(Err(e)) => self.error(format!("未导入“{file_name}”：{e}")),
                    None => {}
                }
            }
            Ok(ImportPlan::MergeIntoOther { file, name }) => {
                self.pending_file.set_value(Some(file));
                self.pending_import
                    .set(Some(PendingImport::MergeIntoOther { name }));
            }
            Ok(ImportPlan::OpenAsNew(file)) => {
                let name = file.header.name.clone();
                self.pending_file.set_value(Some(file));
                self.pending_import
                    .set(Some(PendingImport::OpenAsNew { name }));
            }
            Ok(ImportPlan::ViewReadOnly(file)) => {
                if !store.contains(&file.header.ledger_id) {
                    let _ = store.store_file(&file, platform::now());
                    self.ledgers.set(store.list().unwrap_or_default());
                }
                self.show(file.into_doc());
            }
        }
    }

    /// The person accepted a [`PendingImport`].
    pub fn accept_import(&self) {
        let Some(pending) = self.pending_import.get_untracked() else {
            return;
        };
        let Some(file) = self.pending_file.try_update_value(|f| f.take()).flatten() else {
            return;
        };
        self.pending_import.set(None);
        let store = store();
        let id = file.header.ledger_id.clone();
        match pending {
            PendingImport::OpenAsNew { name } => {
                self.flush();
                if let Err(e) = store.store_file(&file, platform::now()) {
                    self.error(e.to_string());
                    return;
                }
                // the file's document is already loaded: show it rather than load it again
                self.show(file.into_doc());
                self.ledgers.set(store.list().unwrap_or_default());
                self.info(format!("已作为新台账打开“{name}”。"));
            }
            PendingImport::MergeIntoOther { name } => {
                self.open(&id);
                if self.current_id().as_deref() == Some(id.as_str()) {
                    let now = platform::now();
                    let report = self.doc.try_update_value(|d| {
                        d.as_mut().map(|d| d.merge(&mut file.into_doc(), now))
                    });
                    if let Some(Some(Ok(r))) = report {
                        self.refresh();
                        self.save_now();
                        self.info(format!("已切换到“{name}”并合并 {} 项修改。", r.new_changes));
                    }
                }
            }
        }
    }

    pub fn cancel_import(&self) {
        self.pending_import.set(None);
        self.pending_file.set_value(None);
        self.info("已取消导入，台账未变。");
    }

    /// Rename any stored ledger (the open one directly; another by loading and saving it).
    pub fn rename(&self, id: &str, name: &str) {
        use crate::document::MetaField;
        if self.current_id().as_deref() == Some(id) {
            self.edit(|d| d.set_meta(MetaField::Name, name));
            self.save_now();
            return;
        }
        let store = store();
        match store.load(id) {
            Ok(mut doc) => {
                doc.set_author(self.author().as_deref());
                if let Err(e) = doc.set_meta(MetaField::Name, name) {
                    self.error(e.to_string());
                    return;
                }
                if let Err(e) = store.save(&mut doc, platform::now()) {
                    self.error(e.to_string());
                }
                self.ledgers.set(store.list().unwrap_or_default());
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    pub fn delete(&self, id: &str) {
        let store = store();
        if let Err(e) = store.delete(id) {
            self.error(e.to_string());
            return;
        }
        if self.current_id().as_deref() == Some(id) {
            self.doc.set_value(None);
            self.ledger.set(None);
            self.backup.set(BackupStatus::default());
        }
        self.ledgers.set(store.list().unwrap_or_default());
        self.info("已删除台账。");
    }

    /// Download the raw stored bytes of a ledger that no longer opens, to rescue it.
    pub fn rescue(&self, id: &str) {
        match store().load_raw(id) {
            Ok(bytes) => {
                let _ = platform::download(
                    &bytes,
                    &format!("rescued-{id}.rectify"),
                    "application/octet-stream",
                );
            }
            Err(e) => self.error(e.to_string()),
        }
    }
}
