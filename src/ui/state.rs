//! The app's state: the open ledger document, its read-out, the list of ledgers and the
//! notice line. Views call these named actions; the rules themselves live in the core.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{Lang, Texts};
use crate::platform::worker::WorkerError;
use crate::platform::{self, LocalKv};
use rectify_core::backup::{BackupStatus, Reminder};
use rectify_core::document::{
    self as document, Conflict, DocError, HistoryEntry, LedgerDoc, MergeReport, Place, ProblemText,
};
use rectify_core::file::{self as io, envelope, example};
use rectify_core::import;
use rectify_core::import::bulletin::BulletinImport;
use rectify_core::jobs::{Done, Job};
use rectify_core::ledger::Ledger;
use rectify_core::store::{
    plan_checked_import, plan_import, Compaction, ImportPlan, IndexEntry, KeyValue, LedgerStore,
    StoreError,
};

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Checklist,
    Rules,
    Bulletin,
    Info,
    Ledgers,
    BulletinImport,
    /// 从 Excel 导入: the preview of a read workbook
    XlsxImport,
    History,
    Report,
    Progress,
    /// 帮助: the user guide
    Help,
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
    /// the open ledger's document; reach it through [`AppState::with_doc`], which loads a
    /// deferred one first
    doc: StoredValue<Option<LedgerDoc>, LocalStorage>,
    /// a ledger shown from its stored view whose document is not loaded yet: its id, and the
    /// stored version the view was read from
    deferred: StoredValue<Option<(String, String)>, LocalStorage>,
    /// true while the open ledger is shown from its stored view and its document is loading
    pub doc_loading: RwSignal<bool>,
    /// the file waiting in a [`PendingImport`] decision
    pending_file: StoredValue<Option<envelope::LedgerFile>, LocalStorage>,
    /// the ledger shown; set through [`AppState::set_ledger`], which also wakes the rows of
    /// the problems that changed ([`AppState::track_problem`]). Typing into a problem's text
    /// field ([`AppState::edit_text`]) patches it without waking this signal's readers: what
    /// shows that text tracks [`AppState::revision`] (or its problem's trigger) as well.
    pub ledger: RwSignal<Option<Ledger>>,
    /// counts the reads of the document into the view (every edit, merge, load) and the
    /// keystrokes typed into a problem's text: what depends on the document rather than on the
    /// ledger shown (the history) tracks this, as an edit may change the document but not the
    /// ledger (settling a conflict with the value shown); so does what shows typed text and is
    /// not that problem's row (a search), as typing does not wake the readers of `ledger`
    pub revision: RwSignal<u64>,
    /// one trigger per problem id that a checklist row tracks instead of the whole ledger
    problem_triggers: StoredValue<std::collections::HashMap<String, ArcTrigger>>,
    /// each problem's place in `ledger.problems` (its number is the place + 1), so that the
    /// N rows of the checklist find their problem at once instead of each searching the list
    /// on every edit (which made typing O(N²))
    pub positions: Memo<std::collections::HashMap<String, usize>>,
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
    /// a workbook read for 从 Excel 导入 (file name, what was read), waiting in the preview
    pub xlsx_import: RwSignal<Option<(String, import::xlsx::XlsxImport)>>,
    /// the UI's language (a per-browser setting, `rectify:lang`)
    pub lang: RwSignal<Lang>,
    persist_asked: StoredValue<bool>,
    save_scheduled: StoredValue<bool>,
    /// when the scheduled save is due (ms since the epoch), and which one it is
    save_due_at: StoredValue<f64>,
    save_generation: StoredValue<u64>,
    /// the work left for a pause in editing ([`AppState::after_pause`]), due at this timer
    pause_timer: StoredValue<Option<TimeoutHandle>>,
    /// asked once per session to fill in 我的名字
    asked_for_name: StoredValue<bool>,
}

/// How long editing must pause before [`AppState::after_pause`] runs.
const PAUSE: Duration = Duration::from_millis(1500);

/// How long after the first edit since a save the next save is due ([`AppState::schedule_save`]).
const SAVE_AFTER: Duration = Duration::from_millis(400);
/// How much longer a due save waits for a keystroke to run after, before a timer runs it.
const SAVE_GRACE: Duration = Duration::from_millis(300);

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
        let ledger = RwSignal::new(None::<Ledger>);
        let state = AppState {
            doc: StoredValue::new_local(None),
            deferred: StoredValue::new_local(None),
            problem_triggers: StoredValue::new(Default::default()),
            revision: RwSignal::new(0),
            doc_loading: RwSignal::new(false),
            pending_file: StoredValue::new_local(None),
            ledger,
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
            xlsx_import: RwSignal::new(None),
            lang: RwSignal::new(
                store
                    .lang_code()
                    .map(|c| Lang::from_code(&c))
                    .unwrap_or_default(),
            ),
            persist_asked: StoredValue::new(false),
            save_scheduled: StoredValue::new(false),
            save_due_at: StoredValue::new(0.0),
            save_generation: StoredValue::new(0),
            pause_timer: StoredValue::new(None),
            asked_for_name: StoredValue::new(false),
        };
        if let Err(StoreError::Unavailable) = store.kv().get("rectify:probe") {
            state
                .save_error
                .set(Some(state.tu().store_error(&StoreError::Unavailable)));
        }
        // a move to IndexedDB that a closed page left half done
        store.finish_moves();
        if let Some(large) = platform::idb::large() {
            // an IndexedDB transaction that fails after its save returned (quota) says 未保存
            // like any failed save; the next one that completes clears it
            let pending = large.clone();
            large.on_written(move |result| match result {
                Err(e) => state.save_error.set(Some(state.tu().store_error(&e))),
                Ok(()) if !pending.pending() => {
                    // a move is complete once IndexedDB has the copy: drop the localStorage one
                    self::store().finish_moves();
                    // the open ledger's writes are all on disk now (a localStorage failure of
                    // a ledger kept there is left to its own next save)
                    let in_large = state.current_id().is_some_and(|id| {
                        self::store().place(&id) == rectify_core::store::Place::Large
                    });
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

    /// The UI's words in the chosen language; views read this inside reactive closures so
    /// they follow a switch.
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// A fixed string as a reactive view or attribute value: `{state.tr(|t| t.add_problem)}`.
    /// Every call returns the same closure type, so the many strings of the views share one
    /// instance of Leptos' rendering code instead of one per string (wasm size).
    pub fn tr(
        &self,
        key: fn(&Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + 'static {
        let lang = self.lang;
        move || key(lang.get().texts())
    }

    /// The same, without subscribing (for messages made in event handlers).
    pub fn tu(&self) -> &'static Texts {
        self.lang.get_untracked().texts()
    }

    /// Switch the UI's language and remember it in this browser. Nothing is reloaded: every
    /// string is read reactively, so input in progress stays.
    pub fn set_lang(&self, lang: Lang) {
        if let Err(e) = store().set_lang_code(lang.code()) {
            self.error(lang.texts().store_error(&e));
        }
        self.lang.set(lang);
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
                self.info(self.tu().updated_to(&version));
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

    /// Show `new` as the ledger. Nothing runs again when it equals what is shown (a save that
    /// only recorded who wrote); otherwise the rows of the problems that differ are woken
    /// (all rows when another ledger is shown or a ledger-wide setting they show changed).
    fn set_ledger(&self, new: Option<Ledger>) {
        if self.ledger.with_untracked(|old| old == &new) {
            return;
        }
        let changed: Option<Vec<String>> = self.ledger.with_untracked(|old| match (old, &new) {
            (Some(old), Some(new))
                if old.id == new.id && old.meta.warn_days == new.meta.warn_days =>
            {
                let before: std::collections::HashMap<&str, &rectify_core::ledger::Problem> =
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
        });
        // another ledger (or none): the triggers of problems it does not have are dropped
        // after waking their rows, so opening ledger after ledger does not keep them all
        let other_ledger = self
            .ledger
            .with_untracked(|old| old.as_ref().map(|l| &l.id) != new.as_ref().map(|l| &l.id));
        let kept: Option<std::collections::HashSet<String>> = other_ledger.then(|| {
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
    fn refresh(&self) {
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
            Some((Err(e), _, _)) => self.error(self.tu().doc_error(&e)),
            None => self.set_ledger(None),
        }
    }

    /// Make `doc` the open ledger.
    fn show(&self, mut doc: LedgerDoc) {
        self.past.set(None);
        self.deferred.set_value(None);
        self.doc_loading.set(false);
        doc.set_author(self.author().as_deref());
        doc.begin_session(platform::now());
        let id = doc.ledger_id();
        let read_only = doc.is_read_only();
        self.doc.set_value(Some(doc));
        self.refresh();
        // a ledger just loaded from storage (or stored from a file) without a current view:
        // write one after this paint, so the next start shows it at once
        let state = *self;
        set_timeout(move || state.keep_view(), Duration::ZERO);
        self.backup.set(store().backup_status(&id));
        if read_only {
            let schema = self
                .ledger
                .with_untracked(|l| l.as_ref().map(|l| l.schema).unwrap_or(0));
            self.error(self.tu().newer_schema(schema));
        }
        let _ = store().set_current(&id);
    }

    /// Show a ledger from its stored view (the checklist at once) and load its document when
    /// the page is next idle, or sooner when something needs it ([`AppState::with_doc`]).
    fn show_view(&self, id: &str, view: Ledger, version: String) {
        self.past.set(None);
        self.doc.set_value(None);
        self.deferred.set_value(Some((id.to_string(), version)));
        self.doc_loading.set(true);
        self.read_only.set(false);
        self.conflicts.set(vec![]);
        self.set_ledger(Some(view));
        self.backup.set(store().backup_status(id));
        let _ = store().set_current(id);
        // once the checklist is on screen and what the person did meanwhile (a click) is
        // answered: the load takes the main thread for a while (seconds, for thousands of
        // problems)
        let state = *self;
        request_animation_frame(move || {
            platform::when_idle(move || state.load_deferred(), Duration::from_secs(2))
        });
    }

    /// Load the document of a ledger shown from its view. What it reads is what the view
    /// showed (the view is of exactly the stored copy), so the views only change where the
    /// view cannot show something (conflicts).
    pub fn load_deferred(&self) {
        let Some((id, version)) = self.deferred.try_update_value(Option::take).flatten() else {
            return;
        };
        self.doc_loading.set(false);
        // the view on screen is this document's read (nothing edits before the load): the
        // load starts its read cache from it
        let loaded = self.ledger.with_untracked(|view| match view {
            Some(view) => store().load_from_view(&id, view, &version),
            None => store().load(&id),
        });
        match loaded {
            Ok(mut doc) => {
                doc.set_author(self.author().as_deref());
                doc.begin_session(platform::now());
                let read = doc.read();
                let conflicts = doc.conflicts();
                let read_only = doc.is_read_only();
                self.doc.set_value(Some(doc));
                self.revision.update(|r| *r += 1);
                match read {
                    Ok(ledger) => self.set_ledger(Some(ledger)),
                    Err(e) => self.error(self.tu().doc_error(&e)),
                }
                self.read_only.set(read_only);
                if !conflicts.is_empty() {
                    self.conflicts.set(conflicts);
                }
            }
            Err(e) => {
                // the view stays on screen, read-only: nothing can be changed without the
                // document, and the stored copy is left as it is
                self.read_only.set(true);
                self.error(self.tu().store_error(&e));
            }
        }
    }

    /// The open ledger's document, loaded first when it is still deferred.
    fn with_doc<R>(&self, f: impl FnOnce(&mut Option<LedgerDoc>) -> R) -> Option<R> {
        self.load_deferred();
        self.doc.try_update_value(f)
    }

    /// Write the open ledger's view when the stored copy has none that is current (see
    /// `LedgerStore::save_view`: only for a ledger in IndexedDB, only when the document is
    /// exactly what is stored).
    fn keep_view(&self) {
        if self.deferred.with_value(Option::is_some) {
            return;
        }
        let _ = self
            .doc
            .try_update_value(|d| d.as_mut().map(|d| store().save_view(d)));
    }

    /// Open a stored ledger. A copy that no longer opens is left untouched in storage.
    /// A ledger with a current view (one kept in IndexedDB) is shown from it at once.
    pub fn open(&self, id: &str) {
        self.flush();
        let store = store();
        if let Some((view, version)) = store.load_view(id) {
            self.notice.set(None);
            return self.show_view(id, view, version);
        }
        match store.load(id) {
            Ok(doc) => {
                self.notice.set(None);
                self.show(doc);
            }
            Err(e) => self.error(self.tu().store_error(&e)),
        }
    }

    pub fn create(&self, name: &str) {
        self.flush();
        let name = if name.trim().is_empty() {
            self.tu().new_ledger_default_name
        } else {
            name.trim()
        };
        let doc = LedgerDoc::create(name, self.author().as_deref(), platform::now());
        self.show(doc);
        self.save_now();
        self.screen.set(Screen::Checklist);
        self.info(self.tu().ledger_created(name));
    }

    pub fn open_example(&self) {
        self.flush();
        match example::create_example(self.author().as_deref(), platform::now()) {
            Ok(doc) => {
                self.show(doc);
                self.save_now();
                self.screen.set(Screen::Checklist);
                self.info(self.tu().example_opened);
            }
            Err(e) => self.error(self.tu().doc_error(&e)),
        }
    }

    /// 从通报导入: read a bulletin text for the preview, in the worker (the reader is not in
    /// the page's module): the bulletin as read, or why it is not one (Err, in words). None
    /// when the worker could not do it, which is said in a notice.
    pub async fn read_bulletin(&self, text: &str) -> Option<Result<BulletinImport, String>> {
        match self.run_job(&Job::ReadBulletin, text.as_bytes()).await {
            Some((Done::Bulletin(import), _)) => Some(Ok(*import)),
            Some((Done::Failed(why), _)) => Some(Err(self.tu().job_error(&why))),
            Some(_) | None => None,
        }
    }

    /// 从通报导入: make a new ledger of a bulletin read by [`AppState::read_bulletin`] and open it.
    pub fn import_bulletin(&self, import: &BulletinImport) {
        self.flush();
        let doc =
            import::bulletin::create_from_import(import, self.author().as_deref(), platform::now());
        self.show(doc);
        self.save_now();
        self.screen.set(Screen::Checklist);
        let report = &import.report;
        self.info(self.tu().bulletin_imported(
            report.categories,
            report.problems,
            report.rules,
            report.rule_candidates,
            report.leftovers.len(),
        ));
    }

    /// 导出 Excel: download the open ledger as `<name>.xlsx` (lights and statistics as of today).
    /// The workbook is made in the worker (the Excel code is not in the page's module).
    pub fn export_xlsx(&self) {
        let Some(ledger) = self.ledger.get_untracked() else {
            return;
        };
        let state = *self;
        let file_name = import::xlsx::file_name(&ledger.display_name());
        let job = Job::ExportXlsx {
            ledger: Box::new(ledger),
            today: platform::today(),
            now: platform::now(),
        };
        self.info(self.tu().making_excel);
        leptos::task::spawn_local(async move {
            match state.run_job(&job, &[]).await {
                Some((Done::File, bytes)) => match platform::download(
                    &bytes,
                    &file_name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ) {
                    Ok(()) => state.info(state.tu().excel_exported(&file_name)),
                    Err(e) => state.error(state.tu().refusal(e)),
                },
                Some((Done::Failed(e), _)) => {
                    state.error(state.tu().excel_export_failed(&state.tu().job_error(&e)))
                }
                Some(_) | None => {}
            }
        });
    }

    /// 下载 Word（.docx）: the bulletin as `<stem>.docx`, made in the worker.
    pub fn download_docx(&self, bulletin: rectify_core::bulletin::Bulletin, stem: String) {
        let state = *self;
        self.info(self.tu().making_word);
        leptos::task::spawn_local(async move {
            match state.run_job(&Job::Docx { bulletin }, &[]).await {
                Some((Done::File, bytes)) => {
                    let file_name = format!("{stem}.docx");
                    match platform::download(
                        &bytes,
                        &file_name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ) {
                        Ok(()) => state.notice.set(None),
                        Err(e) => state.error(state.tu().refusal(e)),
                    }
                }
                Some((Done::Failed(e), _)) => state.error(state.tu().job_error(&e)),
                Some(_) | None => {}
            }
        });
    }

    /// A job in the worker; a worker that cannot start or stops is said here (None).
    async fn run_job(&self, job: &Job, bytes: &[u8]) -> Option<(Done, Vec<u8>)> {
        match platform::worker::run(job, bytes).await {
            Ok(answer) => Some(answer),
            Err(WorkerError::Unavailable(why)) => {
                self.error(self.tu().worker_unavailable(&self.tu().startup(&why)));
                None
            }
            Err(WorkerError::Crashed) => {
                self.error(self.tu().worker_crashed);
                None
            }
            Err(WorkerError::TimedOut) => {
                self.error(self.tu().worker_timed_out);
                None
            }
        }
    }

    /// 从 Excel 导入: read a picked workbook (in the worker) and show the preview, or say why
    /// it cannot be read. Nothing is stored until the person chooses in the preview.
    pub fn read_xlsx(&self, file_name: &str, bytes: &[u8]) {
        let state = *self;
        let file_name = file_name.to_string();
        let bytes = bytes.to_vec();
        let job = Job::ReadXlsx {
            file_name: file_name.clone(),
        };
        self.info(self.tu().reading_excel);
        leptos::task::spawn_local(async move {
            match state.run_job(&job, &bytes).await {
                Some((Done::Xlsx(import), _)) => {
                    state.notice.set(None);
                    state.xlsx_import.set(Some((file_name, *import)));
                    state.screen.set(Screen::XlsxImport);
                }
                Some((Done::Failed(e), _)) => {
                    state.xlsx_import.set(None);
                    state.error(
                        state
                            .tu()
                            .not_imported(&file_name, &state.tu().job_error(&e)),
                    );
                }
                Some(_) | None => state.xlsx_import.set(None),
            }
        });
    }

    /// 创建新台账 from the workbook in the preview, named `name`.
    pub fn create_from_xlsx(&self, name: &str) {
        let Some((file_name, mut import)) = self.xlsx_import.get_untracked() else {
            return;
        };
        if !name.trim().is_empty() {
            import.ledger.meta.name = name.trim().to_string();
        }
        self.flush();
        match import::xlsx::create_from_xlsx(&import, self.author().as_deref(), platform::now()) {
            Ok(doc) => {
                self.show(doc);
                self.save_now();
                self.xlsx_import.set(None);
                self.screen.set(Screen::Checklist);
                let r = &import.report;
                self.info(self.tu().created_from_excel(
                    &file_name,
                    &import.ledger.meta.name,
                    r.categories,
                    r.problems,
                    r.skipped.len(),
                ));
            }
            Err(e) => self.error(self.tu().xlsx_error(&e)),
        }
    }

    /// 添加到当前台账: add the workbook's problems to the open ledger through its operations.
    pub fn add_xlsx_to_current(&self) {
        let Some((file_name, import)) = self.xlsx_import.get_untracked() else {
            return;
        };
        if let Some(added) = self.edit(|d| import::xlsx::add_from_xlsx(d, &import)) {
            self.xlsx_import.set(None);
            self.screen.set(Screen::Checklist);
            self.info(self.tu().added_from_excel(
                &file_name,
                added.problems,
                added.categories,
                added.rules,
                import.report.skipped.len(),
            ));
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
                self.past.set(Some(date));
                self.set_ledger(Some(ledger));
                self.read_only.set(true);
            }
            Some(Ok(None)) => self.error(self.tu().nothing_at(&date.to_string())),
            Some(Err(e)) => self.error(self.tu().doc_error(&e)),
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
        self.with_doc(|d| d.as_mut().map(|d| d.ledger_at(time)))
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
            Some(places) if places.is_empty() => self.info(self.tu().nothing_to_restore),
            Some(places) => self.info(self.tu().restored(&places.join("；"))),
            None => {}
        }
    }

    /// Settle a conflict with one of its values or a new one.
    pub fn settle(&self, place: &Place, value: &str) {
        if self.edit(|d| d.settle(place, value)).is_some() {
            self.info(self.tu().conflict_settled);
        }
    }

    /// Apply a named operation to the open ledger, show the result, and schedule a save.
    pub fn edit<T>(&self, op: impl FnOnce(&mut LedgerDoc) -> Result<T, DocError>) -> Option<T> {
        self.edit_then(op, |state| state.refresh())
    }

    /// Type into a problem's text field. The document is edited as by [`AppState::edit`], but
    /// the ledger shown is patched in place (`ProblemText::of_mut`: exactly what a read would
    /// give, `tests/core_operations.rs`) instead of read again: at thousands of problems a
    /// read per keystroke costs tens of milliseconds. The patch wakes that problem's row and
    /// what tracks [`AppState::revision`], not every reader of the ledger (no count, list or
    /// index depends on these fields). The read after the pause finds the same ledger.
    pub fn edit_text(&self, id: &str, field: ProblemText, text: &str) {
        self.edit_then(
            |d| d.set_problem_text(id, field, text),
            |state| {
                let shown = state.ledger.try_update_untracked(|l| {
                    l.as_mut()
                        .and_then(|l| l.problem_mut(id))
                        .map(|p| *field.of_mut(p) = text.to_string())
                        .is_some()
                });
                if shown == Some(true) {
                    if let Some(t) = state.problem_triggers.with_value(|t| t.get(id).cloned()) {
                        t.notify();
                    }
                    state.revision.update(|r| *r += 1);
                } else {
                    state.refresh();
                }
            },
        );
    }

    fn edit_then<T>(
        &self,
        op: impl FnOnce(&mut LedgerDoc) -> Result<T, DocError>,
        show: impl FnOnce(&AppState),
    ) -> Option<T> {
        if let Some(date) = self.past.get_untracked() {
            self.error(self.tu().past_is_read_only(&date.to_string()));
            return None;
        }
        let result = self.with_doc(|d| d.as_mut().map(op)).flatten();
        match result {
            Some(Ok(value)) => {
                show(self);
                self.schedule_save();
                if self.author().is_none() && !self.asked_for_name.get_value() {
                    self.asked_for_name.set_value(true);
                    self.info(self.tu().ask_for_name);
                }
                Some(value)
            }
            Some(Err(e)) => {
                self.error(self.tu().doc_error(&e));
                self.refresh();
                None
            }
            None => None,
        }
    }

    /// Saves while someone types: the first edit after a save makes the next one due
    /// [`SAVE_AFTER`] later. The first edit from then on (a keystroke, usually) runs it just
    /// after its own frame is drawn, in the gap before the next keystroke, so no keystroke
    /// waits for a save that a timer started at a random moment. When no edit comes, a timer
    /// runs it [`SAVE_GRACE`] after it was due.
    fn schedule_save(&self) {
        let state = *self;
        let generation = self.save_generation.get_value();
        if self.save_scheduled.get_value() {
            if platform::now_ms() >= self.save_due_at.get_value() {
                request_animation_frame(move || {
                    set_timeout(move || state.save_if_still(generation), Duration::ZERO)
                });
            }
            return;
        }
        self.save_scheduled.set_value(true);
        let generation = generation + 1;
        self.save_generation.set_value(generation);
        self.save_due_at
            .set_value(platform::now_ms() + SAVE_AFTER.as_millis() as f64);
        set_timeout(
            move || state.save_if_still(generation),
            SAVE_AFTER + SAVE_GRACE,
        );
    }

    /// The save scheduled as `generation`, unless a save has run since.
    fn save_if_still(&self, generation: u64) {
        if self.save_scheduled.get_value() && self.save_generation.get_value() == generation {
            self.save_now();
        }
    }

    /// Save at once if anything is pending (on pagehide, before switching ledgers, …).
    pub fn flush(&self) {
        let pending = self
            .doc
            .with_value(|d| d.as_ref().is_some_and(|d| d.has_pending()));
        if pending || self.save_scheduled.get_value() || self.save_error.get_untracked().is_some() {
            self.save_now();
        }
        if let Some(timer) = self.pause_timer.try_update_value(Option::take).flatten() {
            timer.clear();
            self.after_pause();
        }
    }

    /// Saves run every 400 ms while someone types; what costs a read of the whole ledger is
    /// left for a pause of [`PAUSE`] without saves (or the page being hidden or left): read the
    /// document again (typing only patched what is shown, and a commit records who wrote) and
    /// write the stored view for the next start.
    fn after_save(&self) {
        let state = *self;
        let timer = set_timeout_with_handle(
            move || {
                state.pause_timer.set_value(None);
                state.after_pause();
            },
            PAUSE,
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
    fn after_pause(&self) {
        self.save_with(Compaction::IfDue);
        self.refresh();
        self.keep_view();
    }

    /// Commit and write the open ledger. A failure keeps every edit in memory and says so.
    pub fn save_now(&self) {
        self.save_with(Compaction::IfOverdue);
    }

    fn save_with(&self, compaction: Compaction) {
        self.save_scheduled.set_value(false);
        let now = platform::now();
        // (a ledger still shown from its view has nothing to save: its document is not loaded)
        let result = self.doc.try_update_value(|d| {
            d.as_mut().filter(|d| !d.is_read_only()).map(|d| {
                // new edits to commit: one change towards the export reminder
                let changed = d.has_pending();
                let store = store();
                store
                    .save_with(d, now, compaction)
                    .map(|outcome| (outcome, changed))
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
                    self.after_save();
                }
                if let Some(report) = outcome.merged {
                    self.refresh();
                    self.info(
                        self.tu()
                            .merged_other_tab(report.new_changes, &report.authors.join("、")),
                    );
                }
                self.ledgers.set(store().list().unwrap_or_default());
            }
            Some(Err(e)) => self.save_error.set(Some(self.tu().store_error(&e))),
            None => {}
        }
    }

    /// How much this app keeps in localStorage and IndexedDB.
    pub fn usage(&self) -> rectify_core::store::Usage {
        store().usage()
    }

    /// Another tab saved this ledger: merge its copy in.
    pub fn on_storage_changed(&self, key: &str) {
        self.ledgers.set(store().list().unwrap_or_default());
        let Some(id) = self.current_id() else { return };
        if key != format!("{}ledger:{id}", rectify_core::store::PREFIX) {
            return;
        }
        let merged = self.with_doc(|d| {
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
            self.error(self.tu().store_error(&e));
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
                    self.info(self.tu().exported(&file_name));
                }
                Err(e) => self.error(self.tu().refusal(e)),
            }
            self.save_now();
        }
    }

    /// A file was picked or dropped: check it, then merge, ask, or refuse with a message.
    ///
    /// A file that looks like a ledger file is first loaded in the worker: a crafted document
    /// that makes Automerge panic stops the worker, not the page (a wasm trap cannot be
    /// caught here), and a huge old file without the problem count in its header is refused
    /// there while the page stays usable. When the worker cannot start, the page checks it.
    pub fn import_bytes(&self, file_name: &str, bytes: Vec<u8>) {
        let Ok((header, _)) = envelope::read_header(&bytes) else {
            // not a ledger file at all: the page's own check says which refusal it is
            return self.import_checked(file_name, bytes, false);
        };
        let state = *self;
        let file_name = file_name.to_string();
        self.info(self.tu().checking_file);
        // a copy of the open ledger: the worker also answers with just the changes this page
        // lacks, so the page never loads the file (at 2,000 problems the load is most of an
        // import's time)
        let same_ledger = self.current_id() == Some(header.ledger_id.clone());
        let hashes = if same_ledger {
            self.flush();
            let now = platform::now();
            self.with_doc(|d| {
                d.as_mut()
                    .filter(|d| !d.is_read_only())
                    .map(|d| d.change_hashes(now))
            })
            .flatten()
        } else {
            None
        };
        leptos::task::spawn_local(async move {
            let answer = match hashes {
                Some(hashes) => {
                    let job = Job::ChangesForCopy {
                        ledger_id: header.ledger_id.clone(),
                        file_len: bytes.len(),
                    };
                    platform::worker::run(&job, &[bytes.as_slice(), &hashes].concat()).await
                }
                None => platform::worker::run(&Job::CheckLedgerFile, &bytes).await,
            };
            match answer {
                Ok((Done::LedgerFileRefused(e), _)) => state.error(
                    state
                        .tu()
                        .not_imported(&file_name, &state.tu().import_error(&e)),
                ),
                Err(e @ (WorkerError::Crashed | WorkerError::TimedOut)) => {
                    let why = if e == WorkerError::Crashed {
                        state.tu().file_crashed_reader
                    } else {
                        state.tu().file_timed_out
                    };
                    let e = state.tu().file_damaged(why);
                    state.error(state.tu().not_imported(&file_name, &e))
                }
                Ok((Done::Changes { heads }, batch))
                    if state.current_id() == Some(header.ledger_id.clone()) =>
                {
                    state.notice.set(None);
                    state.merge_batch(&file_name, bytes, &batch, &heads)
                }
                Ok((Done::LedgerFileOk | Done::Changes { .. }, _)) => {
                    state.notice.set(None);
                    state.import_checked(&file_name, bytes, true)
                }
                Ok(_) | Err(WorkerError::Unavailable(_)) => {
                    state.notice.set(None);
                    state.import_checked(&file_name, bytes, false)
                }
            }
        });
    }

    /// Merge the worker's batch of a checked file's changes (what the open ledger lacks) into
    /// the open ledger. Should the batch not apply, the page loads the file itself as before.
    fn merge_batch(&self, file_name: &str, bytes: Vec<u8>, batch: &[u8], heads: &[String]) {
        self.flush();
        let now = platform::now();
        let report = self
            .with_doc(|d| d.as_mut().map(|d| d.merge_changes(batch, heads, now)))
            .flatten();
        match report {
            Some(Ok(report)) => self.merged(file_name, report),
            _ => self.import_checked(file_name, bytes, true),
        }
    }

    /// Say what a merge of a file into the open ledger brought, and keep it.
    fn merged(&self, file_name: &str, report: MergeReport) {
        if report.new_changes == 0 {
            return self.info(self.tu().nothing_new(file_name));
        }
        self.refresh();
        self.save_now();
        self.info(self.tu().merged_file(
            file_name,
            report.new_changes,
            &report.authors.join("、"),
            &report.both_edited.join("；"),
        ));
    }

    /// The import of a file the worker loaded (or that is no ledger file at all). `in_worker`:
    /// the worker checked these bytes completely, so the page does not read them whole again.
    fn import_checked(&self, file_name: &str, bytes: Vec<u8>, in_worker: bool) {
        self.flush();
        let store = store();
        let current = self.current_id();
        let plan = if in_worker {
            plan_checked_import(&store, current.as_deref(), &bytes)
        } else {
            plan_import(&store, current.as_deref(), &bytes)
        };
        match plan {
            Err(e) => self.error(
                self.tu()
                    .not_imported(file_name, &self.tu().import_error(&e)),
            ),
            Ok(ImportPlan::MergeIntoCurrent(file)) => {
                let now = platform::now();
                let report =
                    self.with_doc(|d| d.as_mut().map(|d| d.merge(&mut file.into_doc(), now)));
                match report.flatten() {
                    Some(Ok(r)) => self.merged(file_name, r),
                    Some(Err(e)) => {
                        self.error(self.tu().not_imported(file_name, &self.tu().doc_error(&e)))
                    }
                    None => {}
                }
            }
            Ok(ImportPlan::MergeIntoOther { file, name }) => {
                self.pending_file.set_value(Some(file));
                self.pending_import
                    .set(Some(PendingImport::MergeIntoOther { name }));
            }
            Ok(ImportPlan::OpenAsNew(file)) => {
                let name = file.name();
                self.pending_file.set_value(Some(file));
                self.pending_import
                    .set(Some(PendingImport::OpenAsNew { name }));
            }
            Ok(ImportPlan::ViewReadOnly(mut file)) => {
                if !store.contains(&file.header.ledger_id) {
                    let _ = store.store_file(&mut file, platform::now());
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
        let Some(mut file) = self.pending_file.try_update_value(|f| f.take()).flatten() else {
            return;
        };
        self.pending_import.set(None);
        let store = store();
        let id = file.header.ledger_id.clone();
        match pending {
            PendingImport::OpenAsNew { name } => {
                self.flush();
                if let Err(e) = store.store_file(&mut file, platform::now()) {
                    self.error(self.tu().store_error(&e));
                    return;
                }
                // the file's document is already loaded: show it rather than load it again
                self.show(file.into_doc());
                self.ledgers.set(store.list().unwrap_or_default());
                self.info(self.tu().opened_as_new(&name));
            }
            PendingImport::MergeIntoOther { name } => {
                self.open(&id);
                if self.current_id().as_deref() == Some(id.as_str()) {
                    let now = platform::now();
                    let report =
                        self.with_doc(|d| d.as_mut().map(|d| d.merge(&mut file.into_doc(), now)));
                    if let Some(Some(Ok(r))) = report {
                        self.refresh();
                        self.save_now();
                        self.info(self.tu().switched_and_merged(&name, r.new_changes));
                    }
                }
            }
        }
    }

    pub fn cancel_import(&self) {
        self.pending_import.set(None);
        self.pending_file.set_value(None);
        self.info(self.tu().import_cancelled);
    }

    /// Rename any stored ledger (the open one directly; another by loading and saving it).
    pub fn rename(&self, id: &str, name: &str) {
        use rectify_core::document::MetaField;
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
                    self.error(self.tu().doc_error(&e));
                    return;
                }
                if let Err(e) = store.save(&mut doc, platform::now()) {
                    self.error(self.tu().store_error(&e));
                }
                self.ledgers.set(store.list().unwrap_or_default());
            }
            Err(e) => self.error(self.tu().store_error(&e)),
        }
    }

    pub fn delete(&self, id: &str) {
        let store = store();
        if let Err(e) = store.delete(id) {
            self.error(self.tu().store_error(&e));
            return;
        }
        if self.current_id().as_deref() == Some(id) {
            self.doc.set_value(None);
            self.deferred.set_value(None);
            self.doc_loading.set(false);
            self.set_ledger(None);
            self.backup.set(BackupStatus::default());
        }
        self.ledgers.set(store.list().unwrap_or_default());
        self.info(self.tu().ledger_deleted);
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
            Err(e) => self.error(self.tu().store_error(&e)),
        }
    }
}
