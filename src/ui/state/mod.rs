//! The app's state, by concern, each in its own file: the open ledger and its edits
//! (`document.rs`, `edits.rs`), its saves (`saves.rs`, driving `crate::save_scheduler`), the
//! ledger library (`library.rs`), a colleague's file (`import.rs`), the office formats in the
//! worker (`office.rs`), live sync with a server (`live.rs`), the office's rounds (`rounds.rs`),
//! the settings (`prefs.rs`) and the notice line (`notices.rs`).
//! [`AppState`] only groups them for the views, which reach it with `expect_context`; the
//! rules themselves live in the core.

mod document;
mod edits;
mod import;
mod library;
mod live;
mod notices;
mod office;
mod prefs;
mod rounds;
mod saves;

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::platform::{self, LocalKv};
use rectify_core::store::{KeyValue, LedgerStore, StoreError};

pub use document::OpenDoc;
pub use import::{Imports, PendingImport};
pub use library::Library;
pub use live::{Live, LiveStatus};
pub use notices::{Notice, NoticeAction, NoticeKind, Notices};
pub use office::{ChosenRoles, Office, TextRead};
pub use prefs::Prefs;
pub use rounds::{Rounds, Shown};
pub use saves::Saves;

pub use crate::route::Screen;

/// What the views share, grouped: each part keeps its own state and actions. Copyable
/// handles into Leptos' arena.
#[derive(Clone, Copy)]
pub struct AppState {
    pub notices: Notices,
    pub prefs: Prefs,
    pub library: Library,
    pub doc: OpenDoc,
    pub imports: Imports,
    pub office: Office,
    /// the inspection office's rounds (巡察轮次)
    pub rounds: Rounds,
    pub screen: RwSignal<Screen>,
    /// a problem the checklist opens and scrolls to when it is next shown (from 进度, a link)
    pub open_problem: RwSignal<Option<String>>,
    /// the problem open in the checklist (its id), in the address as its number
    pub expanded: RwSignal<Option<String>>,
    /// the checklist's filter, in the address
    pub filter: RwSignal<rectify_core::ledger::Filter>,
    /// a newer version was downloaded by the service worker; a reload shows it
    pub update_ready: RwSignal<bool>,
    /// 回收站 in the checklist is open (a notice's 查看回收站 opens it)
    pub trash_open: RwSignal<bool>,
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
        let screen = RwSignal::new(Screen::Checklist);
        let notices = Notices::new();
        let prefs = Prefs::load(&store, notices);
        let library = Library::new(store.list().unwrap_or_default(), screen, notices, prefs);
        let doc = OpenDoc::new(prefs, notices, library);
        let state = AppState {
            notices,
            prefs,
            library,
            doc,
            imports: Imports::new(doc),
            office: Office::new(screen, doc),
            rounds: Rounds::new(doc),
            screen,
            open_problem: RwSignal::new(None),
            expanded: RwSignal::new(None),
            filter: RwSignal::new(Default::default()),
            update_ready: RwSignal::new(false),
            trash_open: RwSignal::new(false),
        };
        if let Err(StoreError::Unavailable) = store.kv().get("rectify:probe") {
            notices
                .save_error
                .set(Some(prefs.tu().store_error(&StoreError::Unavailable)));
        }
        // a move to IndexedDB that a closed page left half done
        store.finish_moves();
        state.watch_large_writes();
        if let Some(id) = store.current() {
            library.open(doc, &id);
        }
        state.follow_live();
        if !store.list().unwrap_or_default().is_empty() {
            library.ask_persistent_storage();
        }
        state
    }

    /// 联网同步 follows the open ledger: its session starts when a ledger synced here opens and
    /// ends when another opens.
    fn follow_live(&self) {
        let doc = self.doc;
        doc.live.listen(doc);
        let open = Memo::new(move |_| doc.ledger.with(|l| l.as_ref().map(|l| l.id.clone())));
        Effect::new(move |_| {
            open.track();
            doc.live.follow_open(doc);
        });
    }

    /// An IndexedDB transaction that fails after its save returned (quota) says 未保存 like
    /// any failed save; the next one that completes clears it.
    fn watch_large_writes(&self) {
        let Some(large) = platform::idb::large() else {
            return;
        };
        let (doc, notices, library) = (self.doc, self.notices, self.library);
        let pending = large.clone();
        large.on_written(move |result| match result {
            Err(e) => notices.save_error.set(Some(doc.prefs.tu().store_error(&e))),
            Ok(()) if !pending.pending() => {
                // a move is complete once IndexedDB has the copy: drop the localStorage one
                store().finish_moves();
                // the open ledger's writes are all on disk now (a localStorage failure of
                // a ledger kept there is left to its own next save)
                let in_large = doc
                    .current_id()
                    .is_some_and(|id| store().place(&id) == rectify_core::store::Place::Large);
                if in_large && notices.save_error.get_untracked().is_some() {
                    notices.save_error.set(None);
                }
                library.reload();
            }
            Ok(()) => {}
        });
    }

    /// The UI's words in the chosen language ([`Prefs::t`]), the views' most common read.
    pub fn t(&self) -> &'static Texts {
        self.prefs.t()
    }

    /// A fixed string as a reactive view or attribute value ([`Prefs::tr`]).
    pub fn tr(
        &self,
        key: fn(&Texts) -> &'static str,
    ) -> impl Fn() -> &'static str + Copy + 'static {
        self.prefs.tr(key)
    }

    /// The same, without subscribing ([`Prefs::tu`]).
    pub fn tu(&self) -> &'static Texts {
        self.prefs.tu()
    }

    /// The hosted build: register the service worker (offline copy, updates) and say when
    /// this page runs a newer version than this browser ran before.
    pub fn start_offline_support(&self) {
        let update_ready = self.update_ready;
        platform::register_service_worker(move || update_ready.set(true));
        if platform::is_file_page() || platform::is_single_file() {
            return;
        }
        if let Some(version) = platform::app_version() {
            if store().note_app_version(&version).is_some() {
                self.notices.info(self.tu().updated_to(&version));
            }
        }
    }
}
