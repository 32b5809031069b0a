//! A sync server (samod on a LocalPool) and laptops (a `SyncPeer` beside the page's
//! `LedgerDoc`) wired by in-memory channels: the worker's and the page's parts of live sync,
//! with samod-core on both ends.

#![allow(dead_code)]

use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::executor::LocalPool;
use futures::{SinkExt, StreamExt};
use rectify_core::document::LedgerDoc;
use rectify_core::live::Refusal;
use rectify_sync::{ConnectionId, Effect, SyncPeer};

pub const T0: i64 = 1_765_000_000_000;

pub struct Server {
    pub pool: LocalPool,
    pub repo: samod::Repo,
    pub acceptor: samod::AcceptorHandle,
    pub up: bool,
}

#[derive(Debug)]
struct Closed;
impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("closed")
    }
}
impl std::error::Error for Closed {}

impl Server {
    pub fn new() -> Server {
        let mut pool = LocalPool::new();
        let spawner = pool.spawner();
        let repo = pool.run_until(samod::Repo::build_localpool(spawner).load_local());
        let url = url::Url::parse("ws://server.test/").unwrap();
        let acceptor = repo.make_acceptor(url).unwrap();
        Server {
            pool,
            repo,
            acceptor,
            up: true,
        }
    }

    /// A transport to the server: what the laptop sends, what it receives.
    fn accept(&mut self) -> (UnboundedSender<Vec<u8>>, UnboundedReceiver<Vec<u8>>) {
        let (to_server, server_in) = unbounded::<Vec<u8>>();
        let (server_out, to_laptop) = unbounded::<Vec<u8>>();
        let stream = server_in.map(Ok::<_, Closed>);
        let sink = server_out.sink_map_err(|_| Closed);
        self.acceptor
            .accept(samod::Transport::new(stream, sink))
            .unwrap();
        (to_server, to_laptop)
    }
}

pub struct Link {
    to_server: UnboundedSender<Vec<u8>>,
    from_server: UnboundedReceiver<Vec<u8>>,
    pub connection: ConnectionId,
}

pub struct Laptop {
    pub peer: SyncPeer,
    pub page: Option<LedgerDoc>,
    pub link: Option<Link>,
    pub connected: bool,
    pub refused: Option<Refusal>,
    pub now: i64,
    pub online: bool,
    /// a bad peer: it hands the server whatever it holds and takes nothing
    pub raw: bool,
}

impl Laptop {
    /// A laptop holding `page` (None: joining by link) for `ledger_id`, dialling the server.
    pub fn start(ledger_id: &str, mut page: Option<LedgerDoc>) -> Laptop {
        let whole = page.as_mut().map(|p| p.save(T0));
        let mut peer = SyncPeer::new(ledger_id, whole.as_deref(), T0);
        peer.start("ws://server.test/", T0);
        if let Some(p) = page.as_mut() {
            peer.took(&p.heads());
        }
        Laptop {
            peer,
            page,
            link: None,
            connected: false,
            refused: None,
            now: T0,
            online: true,
            raw: false,
        }
    }

    /// The page's edits so far, to the worker (as the page does after a save).
    pub fn send_local(&mut self) {
        let now = self.now;
        if let Some(page) = self.page.as_mut() {
            page.commit(now);
            let bytes = page.save_after(&[], now);
            let heads = page.heads();
            self.peer.local(&bytes, &heads, now);
        }
    }

    /// Cut the connection (the laptop goes offline).
    pub fn go_offline(&mut self) {
        self.online = false;
        if let Some(link) = self.link.take() {
            self.peer.lost(link.connection, self.now);
        }
        self.connected = false;
    }

    pub fn go_online(&mut self) {
        self.online = true;
    }

    fn effects(&mut self, server: &mut Server) -> bool {
        let mut progress = false;
        while let Some(effect) = self.peer.next_effect() {
            progress = true;
            match effect {
                Effect::Dial { dialer, .. } => {
                    if !(server.up && self.online) {
                        self.peer.dial_failed(dialer, "no answer", self.now);
                        continue;
                    }
                    let (to_server, from_server) = server.accept();
                    let connection = self.peer.dialled(dialer, self.now).expect("a connection");
                    self.link = Some(Link {
                        to_server,
                        from_server,
                        connection,
                    });
                }
                Effect::Send { bytes, .. } => {
                    if let Some(link) = self.link.as_mut() {
                        let _ = link.to_server.unbounded_send(bytes);
                    }
                }
                Effect::Close { .. } => self.link = None,
                Effect::Connected => self.connected = true,
                Effect::Disconnected { .. } => self.connected = false,
                Effect::Changed if self.raw => {}
                Effect::Changed => self.take_changes(),
                Effect::Refused(refusal) => self.refused = Some(refusal),
            }
        }
        progress
    }

    /// What the page does with the worker's news: merge the batch, or take the whole ledger.
    fn take_changes(&mut self) {
        let now = self.now;
        match self.page.as_mut() {
            Some(page) => {
                if let Ok(Some((batch, heads))) = self.peer.changes_for_page() {
                    page.merge_changes(&batch, &heads, now)
                        .expect("a batch that merges");
                }
            }
            None => {
                if let Ok(Some(whole)) = self.peer.whole_for_page() {
                    let mut page = LedgerDoc::load(&whole).expect("a ledger");
                    page.begin_session(now);
                    let heads = page.heads();
                    self.page = Some(page);
                    self.peer.took(&heads);
                }
            }
        }
    }

    fn inbox(&mut self) -> bool {
        let mut progress = false;
        let Some(link) = self.link.as_mut() else {
            return false;
        };
        let connection = link.connection;
        let mut arrived = Vec::new();
        let mut closed = false;
        loop {
            match link.from_server.try_recv() {
                Ok(bytes) => arrived.push(bytes),
                Err(futures::channel::mpsc::TryRecvError::Closed) => {
                    closed = true;
                    break;
                }
                Err(_) => break,
            }
        }
        for bytes in arrived {
            progress = true;
            self.peer.received(connection, bytes, self.now);
        }
        if closed {
            self.link = None;
            self.peer.lost(connection, self.now);
            progress = true;
        }
        progress
    }
}

/// Run the server and the laptops until nothing moves.
pub fn settle(server: &mut Server, laptops: &mut [&mut Laptop]) {
    for _ in 0..10_000 {
        server.pool.run_until_stalled();
        let mut progress = false;
        for laptop in laptops.iter_mut() {
            progress |= laptop.effects(server);
            progress |= laptop.inbox();
        }
        server.pool.run_until_stalled();
        if !progress {
            // (samod's tasks may still be waking each other)
            server.pool.run_until_stalled();
            let again = laptops.iter_mut().any(|l| l.effects(server) | l.inbox());
            if !again {
                return;
            }
        }
    }
    panic!("the peers never settled");
}

/// Let `ms` pass for every laptop (the dialers' back-off).
pub fn wait(server: &mut Server, laptops: &mut [&mut Laptop], ms: i64) {
    for laptop in laptops.iter_mut() {
        laptop.now += ms;
        let now = laptop.now;
        laptop.peer.tick(now);
    }
    settle(server, laptops);
}
