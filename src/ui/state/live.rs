//! 联网同步: the open ledger kept in step with an automerge-repo sync server by the worker
//! (crates/worker's live.rs, on rectify-sync). The page's part: which server each ledger uses
//! (a per-browser setting), starting and stopping the worker's session as ledgers open, sending
//! the page's changes after each save, merging others' changes the worker sends (as another
//! tab's are merged: quietly, unless they put an edit of this page in 回收站), and joining a
//! ledger by its share link. The local copy stays the ledger's home: the server never blocks an
//! edit, and nothing from it is taken unchecked.

use std::time::Duration;

use leptos::prelude::*;

use super::{store, OpenDoc};
use crate::platform::{self, worker};
use rectify_core::document::LedgerDoc;
use rectify_core::live::{Refusal, ShareLink, SyncEvent, SyncRequest, SyncState};

/// What 联网同步 shows for the open ledger.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveStatus {
    pub server: String,
    pub state: SyncState,
    /// when the worker last heard from the server (ms since the epoch)
    pub last_sync: Option<i64>,
    /// joining by link: the ledger is not here yet
    pub joining: bool,
}

/// The worker's session, as the page knows it.
#[derive(Clone, Debug)]
struct Session {
    ledger_id: String,
    /// the page's heads the worker was last told of
    sent: Vec<String>,
    joining: bool,
}

/// A worker that stops twice within this while syncing (a message from the server that makes
/// Automerge panic, say) ends the session instead of starting it again.
const CRASH_WINDOW_MS: i64 = 60_000;

#[derive(Clone, Copy)]
pub struct Live {
    pub status: RwSignal<Option<LiveStatus>>,
    session: StoredValue<Option<Session>>,
    /// when the worker last stopped during a session
    last_crash: StoredValue<Option<i64>>,
}

impl Live {
    pub(super) fn new() -> Live {
        Live {
            status: RwSignal::new(None),
            session: StoredValue::new(None),
            last_crash: StoredValue::new(None),
        }
    }

    /// Hear the worker's news from now on.
    pub(super) fn listen(self, doc: OpenDoc) {
        worker::on_sync(move |news| self.on_news(doc, news));
    }

    /// A ledger was opened (or the worker restarted): start its session if it is synced here,
    /// else end the one running.
    pub(super) fn follow_open(self, doc: OpenDoc) {
        let Some(id) = doc.current_id() else {
            return self.end();
        };
        if self
            .session
            .with_value(|s| s.as_ref().is_some_and(|s| s.ledger_id == id))
        {
            return;
        }
        let Some(server) = store().live_server(&id) else {
            return self.end();
        };
        // a ledger shown from its stored view loads its document when the page is idle: the
        // session starts then, not before the checklist is on screen
        if doc.deferred.with_value(Option::is_some) {
            self.end();
            let wait = Duration::from_secs(2);
            return platform::when_idle(move || self.follow_open_loaded(doc, &id, &server), wait);
        }
        self.start(doc, &id, &server);
    }

    fn follow_open_loaded(self, doc: OpenDoc, id: &str, server: &str) {
        if doc.current_id().as_deref() == Some(id) {
            self.start(doc, id, server);
        }
    }

    /// 连接: keep the open ledger in step with `server` from now on, in this browser.
    pub fn connect(self, doc: OpenDoc, server: &str) {
        let Some(id) = doc.current_id() else { return };
        if let Err(e) = store().set_live_server(&id, Some(server)) {
            return doc.notices.error(doc.prefs.tu().store_error(&e));
        }
        self.start(doc, &id, server.trim());
    }

    /// 断开: no more syncing of the open ledger here (the local copy stays as it is).
    pub fn disconnect(self, doc: OpenDoc) {
        if let Some(id) = doc.current_id() {
            let _ = store().set_live_server(&id, None);
        }
        self.end();
    }

    /// Open the ledger a share link names: the copy here when there is one (it then syncs with
    /// the link's server), else the server's, fetched whole and checked first.
    pub fn join(self, doc: OpenDoc, link: &ShareLink, server: &str) {
        let id = link.ledger_id();
        let server = if link.server.is_empty() {
            server.trim().to_string()
        } else {
            link.server.clone()
        };
        let _ = store().set_live_server(&id, Some(&server));
        if doc
            .library
            .ledgers
            .with_untracked(|l| l.iter().any(|e| e.id == id))
        {
            self.end();
            doc.library.open(doc, &id);
            return self.follow_open(doc);
        }
        self.end();
        doc.flush();
        self.session.set_value(Some(Session {
            ledger_id: id.clone(),
            sent: vec![],
            joining: true,
        }));
        self.set_status(&server, SyncState::Connecting, true);
        let request = SyncRequest::Start {
            ledger_id: id,
            server,
        };
        self.send(doc, request, vec![]);
    }

    fn start(self, doc: OpenDoc, id: &str, server: &str) {
        let now = platform::now();
        let whole = doc.with_doc(|d| {
            d.as_mut()
                .filter(|d| !d.is_read_only())
                .map(|d| (d.save(now), d.heads()))
        });
        let Some(Some((bytes, heads))) = whole else {
            return self.end();
        };
        self.session.set_value(Some(Session {
            ledger_id: id.to_string(),
            sent: heads,
            joining: false,
        }));
        self.set_status(server, SyncState::Connecting, false);
        let request = SyncRequest::Start {
            ledger_id: id.to_string(),
            server: server.to_string(),
        };
        self.send(doc, request, bytes);
    }

    fn end(self) {
        if self.session.with_value(Option::is_some) {
            self.session.set_value(None);
            leptos::task::spawn_local(async move {
                let _ = worker::send_sync(&SyncRequest::Stop, &[]).await;
            });
        }
        if self.status.with_untracked(Option::is_some) {
            self.status.set(None);
        }
    }

    fn send(self, doc: OpenDoc, request: SyncRequest, bytes: Vec<u8>) {
        leptos::task::spawn_local(async move {
            if let Err(e) = worker::send_sync(&request, &bytes).await {
                let reason = doc.prefs.tu().worker_error(&e);
                self.update_state(SyncState::Offline {
                    reason,
                    retry_ms: 0,
                });
            }
        });
    }

    fn set_status(self, server: &str, state: SyncState, joining: bool) {
        self.status.set(Some(LiveStatus {
            server: server.to_string(),
            state,
            last_sync: None,
            joining,
        }));
    }

    fn update_state(self, state: SyncState) {
        self.status.update(|s| {
            if let Some(s) = s.as_mut() {
                s.state = state;
            }
        });
    }

    /// After a save: the changes made here since the worker was last told, to the worker.
    pub(super) fn after_save(self, doc: OpenDoc) {
        let Some(session) = self.session.get_value() else {
            return;
        };
        if session.joining || doc.current_id().as_deref() != Some(&session.ledger_id) {
            return;
        }
        let now = platform::now();
        let out = doc.with_doc(|d| {
            d.as_mut().map(|d| {
                let bytes = d.save_after(&session.sent, now);
                (bytes, d.heads())
            })
        });
        let Some(Some((bytes, heads))) = out else {
            return;
        };
        if bytes.is_empty() || heads == session.sent {
            return;
        }
        self.note_sent(&heads);
        self.send(doc, SyncRequest::Local { heads }, bytes);
    }

    fn note_sent(self, heads: &[String]) {
        self.session.update_value(|s| {
            if let Some(s) = s.as_mut() {
                s.sent = heads.to_vec();
            }
        });
    }

    fn on_news(self, doc: OpenDoc, news: Option<(SyncEvent, Vec<u8>)>) {
        let Some((event, bytes)) = news else {
            return self.worker_stopped(doc);
        };
        if self.session.with_value(Option::is_none) {
            return;
        }
        match event {
            SyncEvent::State { state, at } => self.on_state(doc, state, at),
            SyncEvent::Changes { heads } => self.take_changes(doc, &bytes, &heads),
            SyncEvent::Whole => self.take_whole(doc, &bytes),
            SyncEvent::InStep { at } => self.status.update(|s| {
                if let Some(s) = s.as_mut() {
                    s.last_sync = Some(at);
                }
            }),
        }
    }

    fn on_state(self, doc: OpenDoc, state: SyncState, at: i64) {
        if let SyncState::Failed(refusal) = &state {
            let name = doc
                .ledger
                .with_untracked(|l| l.as_ref().map(|l| l.display_name()))
                .unwrap_or_default();
            doc.notices
                .error(doc.prefs.tu().live_refused(&name, refusal));
            // the worker's session is over; the setting stays, so a reload tries again
            self.session.set_value(None);
        }
        let connected = state == SyncState::Connected;
        self.status.update(|s| {
            if let Some(s) = s.as_mut() {
                s.state = state;
                if connected {
                    s.last_sync = Some(at);
                }
            }
        });
    }

    /// Others' changes: merged like another tab's save, then stored.
    fn take_changes(self, doc: OpenDoc, batch: &[u8], heads: &[String]) {
        let Some(session) = self.session.get_value() else {
            return;
        };
        if session.joining || doc.current_id().as_deref() != Some(&session.ledger_id) {
            return;
        }
        let now = platform::now();
        let merged = doc.with_doc(|d| {
            d.as_mut()
                .map(|d| (d.merge_changes(batch, heads, now), d.heads()))
        });
        let Some(Some((result, page_heads))) = merged else {
            return;
        };
        match result {
            Ok(report) => {
                self.note_sent(&page_heads);
                self.send(doc, SyncRequest::Took { heads: page_heads }, vec![]);
                if report.new_changes > 0 {
                    doc.refresh();
                    doc.say_merged_live(&report);
                    // stored with the next save, as an edit is (a flush on leaving saves it)
                    doc.saves.edited(doc);
                }
            }
            Err(e) => doc.notices.error(doc.prefs.tu().doc_error(&e)),
        }
    }

    /// Joining by link: the server's copy of the ledger, stored here and opened.
    fn take_whole(self, doc: OpenDoc, bytes: &[u8]) {
        let Some(session) = self.session.get_value() else {
            return;
        };
        if !session.joining {
            return;
        }
        let t = doc.prefs.tu();
        let mut ledger = match LedgerDoc::load(bytes) {
            Ok(ledger) if ledger.ledger_id() == session.ledger_id => ledger,
            Ok(_) => return doc.notices.error(t.live_refused("", &Refusal::OtherLedger)),
            Err(e) => return doc.notices.error(t.doc_error(&e)),
        };
        let heads = ledger.heads();
        let name = ledger.display_name();
        self.session.set_value(Some(Session {
            ledger_id: session.ledger_id,
            sent: heads.clone(),
            joining: false,
        }));
        self.status.update(|s| {
            if let Some(s) = s.as_mut() {
                s.joining = false;
            }
        });
        doc.library.open_new(doc, ledger);
        self.send(doc, SyncRequest::Took { heads }, vec![]);
        doc.notices.info(t.live_joined(&name));
    }

    /// The worker stopped (a crash on a crafted file, or a job that ran too long): its session
    /// went with it. Start again shortly, from the copy here.
    fn worker_stopped(self, doc: OpenDoc) {
        let Some(session) = self.session.get_value() else {
            return;
        };
        self.session.set_value(None);
        if session.joining {
            return self.status.set(None);
        }
        let now = platform::now_ms() as i64;
        let again = self
            .last_crash
            .get_value()
            .is_some_and(|at| now - at < CRASH_WINDOW_MS);
        self.last_crash.set_value(Some(now));
        if again {
            let refusal = Refusal::Malformed("the worker stopped twice".to_string());
            return self.on_state(doc, SyncState::Failed(refusal), now);
        }
        self.update_state(SyncState::Offline {
            reason: String::new(),
            retry_ms: 2_000,
        });
        set_timeout(move || self.follow_open(doc), Duration::from_secs(2));
    }

    /// The open ledger's share link, when it is synced here.
    pub fn share_link(self, doc: OpenDoc) -> Option<ShareLink> {
        let id = doc.current_id()?;
        let server = store().live_server(&id)?;
        Some(ShareLink::of_ledger(&server, &id))
    }
}
