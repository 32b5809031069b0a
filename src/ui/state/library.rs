//! The ledger library: the list of stored ledgers (台账管理), opening one, making a new one,
//! renaming, deleting and rescuing, and the browser's promise to keep the storage.

use leptos::prelude::*;

use super::{store, Notices, OpenDoc, Prefs, Screen};
use crate::platform;
use rectify_core::document::LedgerDoc;
use rectify_core::file::example;
use rectify_core::store::IndexEntry;

#[derive(Clone, Copy)]
pub struct Library {
    pub ledgers: RwSignal<Vec<IndexEntry>>,
    /// the browser's answer to `navigator.storage.persisted()` after asking `persist()`
    pub persisted: RwSignal<Option<bool>>,
    persist_asked: StoredValue<bool>,
    screen: RwSignal<Screen>,
    notices: Notices,
    prefs: Prefs,
}

impl Library {
    pub fn new(
        ledgers: Vec<IndexEntry>,
        screen: RwSignal<Screen>,
        notices: Notices,
        prefs: Prefs,
    ) -> Library {
        Library {
            ledgers: RwSignal::new(ledgers),
            persisted: RwSignal::new(None),
            persist_asked: StoredValue::new(false),
            screen,
            notices,
            prefs,
        }
    }

    /// Read the list of ledgers again (after a save, an import, another tab's save).
    pub fn reload(&self) {
        self.ledgers.set(store().list().unwrap_or_default());
    }

    /// Ask once per session that the browser keep this page's storage, and remember its
    /// answer for the reminders and 台账管理.
    pub fn ask_persistent_storage(&self) {
        if self.persist_asked.get_value() {
            return;
        }
        self.persist_asked.set_value(true);
        let persisted = self.persisted;
        leptos::task::spawn_local(async move {
            persisted.set(platform::ask_persistent_storage().await);
        });
    }

    /// How much this app keeps in localStorage and IndexedDB.
    pub fn usage(&self) -> rectify_core::store::Usage {
        store().usage()
    }

    /// Open a stored ledger. A copy that no longer opens is left untouched in storage.
    /// A ledger with a current view (one kept in IndexedDB) is shown from it at once.
    pub fn open(&self, doc: OpenDoc, id: &str) {
        doc.flush();
        let store = store();
        if let Some((view, version)) = store.load_view(id) {
            self.notices.clear();
            return doc.show_view(id, view, version);
        }
        match store.open_stored(id) {
            Ok(opened) => {
                self.notices.clear();
                doc.show(opened.doc);
                doc.recovered(opened.recovery);
            }
            Err(e) => self
                .notices
                .error(self.prefs.tu().stored_ledger_error(&self.name_of(id), &e)),
        }
    }

    /// The name 台账管理 lists for a stored ledger (its id when it is not listed).
    pub fn name_of(&self, id: &str) -> String {
        self.ledgers
            .with_untracked(|l| l.iter().find(|e| e.id == id).map(|e| e.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// Show a new document (made here, from a bulletin or a workbook) as the open ledger,
    /// store it, and go to its checklist.
    pub fn open_new(&self, doc: OpenDoc, new: LedgerDoc) {
        doc.show(new);
        doc.save_now();
        self.screen.set(Screen::Checklist);
    }

    pub fn create(&self, doc: OpenDoc, name: &str) {
        doc.flush();
        let t = self.prefs.tu();
        let name = if name.trim().is_empty() {
            t.new_ledger_default_name
        } else {
            name.trim()
        };
        let new = LedgerDoc::create(name, self.prefs.author().as_deref(), platform::now());
        self.open_new(doc, new);
        self.notices.info(t.ledger_created(name));
    }

    pub fn open_example(&self, doc: OpenDoc) {
        doc.flush();
        match example::create_example(self.prefs.author().as_deref(), platform::now()) {
            Ok(new) => {
                self.open_new(doc, new);
                self.notices.info(self.prefs.tu().example_opened);
            }
            Err(e) => self.notices.error(self.prefs.tu().doc_error(&e)),
        }
    }

    /// Rename any stored ledger (the open one directly; another by loading and saving it).
    pub fn rename(&self, doc: OpenDoc, id: &str, name: &str) {
        use rectify_core::document::MetaField;
        if doc.current_id().as_deref() == Some(id) {
            doc.edit(|d| d.set_meta(MetaField::Name, name));
            doc.save_now();
            return;
        }
        let store = store();
        match store.load(id) {
            Ok(mut other) => {
                other.set_author(self.prefs.author().as_deref());
                if let Err(e) = other.set_meta(MetaField::Name, name) {
                    self.notices.error(self.prefs.tu().doc_error(&e));
                    return;
                }
                if let Err(e) = store.save(&mut other, platform::now()) {
                    self.notices.error(self.prefs.tu().store_error(&e));
                }
                self.ledgers.set(store.list().unwrap_or_default());
            }
            Err(e) => self.notices.error(self.prefs.tu().store_error(&e)),
        }
    }

    pub fn delete(&self, doc: OpenDoc, id: &str) {
        let store = store();
        if let Err(e) = store.delete(id) {
            self.notices.error(self.prefs.tu().store_error(&e));
            return;
        }
        if doc.current_id().as_deref() == Some(id) {
            doc.close();
        }
        self.ledgers.set(store.list().unwrap_or_default());
        self.notices.info(self.prefs.tu().ledger_deleted);
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
            Err(e) => self.notices.error(self.prefs.tu().store_error(&e)),
        }
    }
}
