//! `SyncPeer`: one ledger kept in step with a sync server through samod-core's hub and one
//! document actor, sans IO. The caller (the Web Worker, or a test) opens the sockets the peer
//! asks for ([`Effect`]), hands it what arrives, and ticks it for its back-off timers. Storage
//! is samod's in-memory map: the page's store is the ledger's home, the worker's copy only a
//! window onto the server.

use std::collections::{HashMap, VecDeque};

use automerge::{Automerge, ChangeHash, ReadDoc};
use rectify_core::live::{check_arrival, Refusal};
use samod_core::actors::document::{DocActorResult, DocumentActor};
use samod_core::actors::hub::io::{HubIoAction, HubIoResult};
use samod_core::actors::hub::{Hub, HubEvent, HubResults};
use samod_core::actors::HubToDocMsg;
use samod_core::io::{IoResult, IoTask, StorageResult, StorageTask};
use samod_core::network::ConnectionEvent;
use samod_core::{
    BackoffConfig, CommandId, CommandResult, ConnectionId, DialerConfig, DialerId, DocSearchPhase,
    DocumentActorId, DocumentId, LoaderState, PeerId, SamodLoader, ShareConfig, StorageKey,
    UnixTimestamp,
};

use rectify_core::document::batch_of;

/// Something the caller must do, or be told.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// open a WebSocket to `url` for `dialer`, then call [`SyncPeer::dialled`] (or
    /// [`SyncPeer::dial_failed`])
    Dial { dialer: DialerId, url: String },
    /// send `bytes` on the socket of `connection`
    Send {
        connection: ConnectionId,
        bytes: Vec<u8>,
    },
    /// close the socket of `connection`
    Close { connection: ConnectionId },
    /// the handshake with the server is done
    Connected,
    /// the connection was lost or could not be made; the peer dials again by itself
    Disconnected { reason: String },
    /// the document changed: ask [`SyncPeer::changes_for_page`]
    Changed,
    /// the server's copy was refused; the peer has stopped and closed its connections
    Refused(Refusal),
}

/// Messages over this size are refused: larger than any ledger's file (5,000 problems of long
/// texts) by a wide margin.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Back-off between attempts to reach the server: 1 s doubling to 30 s, for ever.
pub fn backoff() -> BackoffConfig {
    BackoffConfig {
        initial_delay: std::time::Duration::from_secs(1),
        max_delay: std::time::Duration::from_secs(30),
        max_retries: None,
    }
}

/// A batch of changes for `LedgerDoc::merge_changes`, and the heads of the copy it came from.
pub type Batch = (Vec<u8>, Vec<String>);

enum Work {
    Hub(HubEvent),
    Doc(DocumentActorId, DocInput),
}

enum DocInput {
    Message(HubToDocMsg),
    Io(IoResult<samod_core::actors::document::io::DocumentIoResult>),
}

pub struct SyncPeer {
    hub: Box<Hub>,
    rng: rand::rngs::ThreadRng,
    now: UnixTimestamp,
    storage: HashMap<StorageKey, Vec<u8>>,
    actors: HashMap<DocumentActorId, DocumentActor>,
    ledger_id: String,
    document_id: DocumentId,
    actor: Option<DocumentActorId>,
    dial_commands: HashMap<CommandId, DialerId>,
    dialled: HashMap<DialerId, ConnectionId>,
    /// local changes that came before the document was ready
    waiting: Vec<Vec<u8>>,
    /// what the page holds, as far as the peer knows
    page_heads: Vec<ChangeHash>,
    effects: VecDeque<Effect>,
    stopped: bool,
}

fn run_storage(storage: &mut HashMap<StorageKey, Vec<u8>>, task: StorageTask) -> StorageResult {
    match task {
        StorageTask::Load { key } => StorageResult::Load {
            value: storage.get(&key).cloned(),
        },
        StorageTask::LoadRange { prefix } => StorageResult::LoadRange {
            values: storage
                .iter()
                .filter(|(k, _)| prefix.is_prefix_of(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        StorageTask::Put { key, value } => {
            storage.insert(key, value);
            StorageResult::Put
        }
        StorageTask::Delete { key } => {
            storage.remove(&key);
            StorageResult::Delete
        }
    }
}

impl SyncPeer {
    /// A peer for `ledger_id`, its copy `whole` (an Automerge document; None to join a ledger
    /// this browser does not have). `now`: ms since the epoch.
    pub fn new(ledger_id: &str, whole: Option<&[u8]>, now: i64) -> SyncPeer {
        let mut rng = rand::rng();
        let now = UnixTimestamp::from_millis(now.max(0) as u128);
        let mut storage = HashMap::new();
        let mut loader = SamodLoader::new(PeerId::new_with_rng(&mut rng));
        let hub = loop {
            match loader.step(&mut rng, now) {
                LoaderState::NeedIo(tasks) => {
                    for IoTask { task_id, action } in tasks {
                        let payload = run_storage(&mut storage, action);
                        loader.provide_io_result(IoResult { task_id, payload });
                    }
                }
                LoaderState::Loaded(hub) => break hub,
            }
        };
        let document_id =
            DocumentId::try_from(rectify_core::live::document_id_of(ledger_id).to_vec())
                .expect("16 bytes are a document id");
        if let Some(bytes) = whole {
            let key = StorageKey::snapshot_prefix(&document_id)
                .with_component("rectify-page".to_string())
                .expect("a plain key component");
            storage.insert(key, bytes.to_vec());
        }
        SyncPeer {
            hub,
            rng,
            now,
            storage,
            actors: HashMap::new(),
            ledger_id: ledger_id.to_string(),
            document_id,
            actor: None,
            dial_commands: HashMap::new(),
            dialled: HashMap::new(),
            waiting: Vec::new(),
            page_heads: Vec::new(),
            effects: VecDeque::new(),
            stopped: false,
        }
    }

    /// The server's address as samod's dialer takes it, or why not.
    pub fn server_url(server: &str) -> Result<url::Url, Refusal> {
        let bad = || Refusal::BadAddress(server.to_string());
        let url = url::Url::parse(server.trim()).map_err(|_| bad())?;
        match url.scheme() {
            "ws" | "wss" if url.host().is_some() => Ok(url),
            _ => Err(bad()),
        }
    }

    /// Dial `server` and find the ledger there (after loading this copy, when there is one).
    pub fn start(&mut self, server: &str, now: i64) {
        self.set_now(now);
        let url = match Self::server_url(server) {
            Ok(url) => url,
            Err(refusal) => return self.refuse(refusal),
        };
        let dial = HubEvent::add_dialer(DialerConfig {
            url,
            backoff: backoff(),
        });
        self.run(Work::Hub(dial.event));
        let search = HubEvent::search_for_doc(self.document_id.clone());
        self.run(Work::Hub(search.event));
    }

    fn set_now(&mut self, now: i64) {
        self.now = UnixTimestamp::from_millis(now.max(0) as u128);
    }

    /// The socket the peer asked for is open: the handshake starts.
    pub fn dialled(&mut self, dialer: DialerId, now: i64) -> Option<ConnectionId> {
        self.set_now(now);
        let command = HubEvent::create_dialer_connection(dialer, None);
        self.dial_commands.insert(command.command_id, dialer);
        self.run(Work::Hub(command.event));
        self.dialled.get(&dialer).copied()
    }

    /// The socket could not be opened: the dialer tries again after its back-off.
    pub fn dial_failed(&mut self, dialer: DialerId, reason: &str, now: i64) {
        self.set_now(now);
        self.effects.push_back(Effect::Disconnected {
            reason: reason.to_string(),
        });
        self.run(Work::Hub(HubEvent::dial_failed(
            dialer,
            reason.to_string(),
            false,
        )));
    }

    /// A message arrived on `connection`.
    pub fn received(&mut self, connection: ConnectionId, bytes: Vec<u8>, now: i64) {
        self.set_now(now);
        if bytes.len() > MAX_MESSAGE_BYTES {
            return self.refuse(Refusal::TooLarge(bytes.len()));
        }
        let receive = HubEvent::receive(connection, bytes);
        self.run(Work::Hub(receive.event));
    }

    /// The socket of `connection` closed.
    pub fn lost(&mut self, connection: ConnectionId, now: i64) {
        self.set_now(now);
        self.run(Work::Hub(HubEvent::connection_lost(connection)));
    }

    /// Time passes: the dialer's back-off timers.
    pub fn tick(&mut self, now: i64) {
        self.set_now(now);
        self.run(Work::Hub(HubEvent::tick()));
    }

    /// The page's changes (Automerge bytes), and its heads with them.
    pub fn local(&mut self, bytes: &[u8], page_heads: &[String], now: i64) {
        self.set_now(now);
        self.took(page_heads);
        self.waiting.push(bytes.to_vec());
        self.apply_waiting();
    }

    /// The page now holds `heads`.
    pub fn took(&mut self, heads: &[String]) {
        self.page_heads = heads.iter().filter_map(|h| h.parse().ok()).collect();
    }

    /// The next thing to do or tell.
    pub fn next_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// The worker's copy, once the document is ready.
    pub fn document(&self) -> Option<&Automerge> {
        self.actors.get(&self.actor?).map(|a| a.document())
    }

    /// The changes the page lacks, as a batch for `LedgerDoc::merge_changes`, with the heads of
    /// this copy; None when there are none or the copy is still empty. Refused (and the peer
    /// stopped) when the copy is not this ledger.
    pub fn changes_for_page(&mut self) -> Result<Option<Batch>, Refusal> {
        let Some(doc) = self.document() else {
            return Ok(None);
        };
        match check_arrival(doc, &self.ledger_id) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(refusal) => {
                self.refuse(refusal.clone());
                return Err(refusal);
            }
        }
        let known: Vec<ChangeHash> = self
            .page_heads
            .iter()
            .copied()
            .filter(|h| doc.get_change_by_hash(h).is_some())
            .collect();
        let mut changes = doc.get_changes(&known);
        if changes.is_empty() {
            return Ok(None);
        }
        let heads = doc.get_heads();
        let out = batch_of(changes.iter_mut().map(|c| c.bytes().into_owned()));
        self.page_heads = heads.clone();
        Ok(Some((out, heads.iter().map(|h| h.to_string()).collect())))
    }

    /// The whole document as the server gave it (joining with no copy here), when it is this
    /// ledger.
    pub fn whole_for_page(&mut self) -> Result<Option<Vec<u8>>, Refusal> {
        let Some(doc) = self.document() else {
            return Ok(None);
        };
        match check_arrival(doc, &self.ledger_id) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let bytes = doc.save();
                self.page_heads = doc.get_heads();
                Ok(Some(bytes))
            }
            Err(refusal) => {
                self.refuse(refusal.clone());
                Err(refusal)
            }
        }
    }

    /// Close every connection and stop: nothing more is taken from the server.
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        for (_, connection) in self.dialled.drain() {
            self.effects.push_back(Effect::Close { connection });
        }
        let hub = self
            .hub
            .handle_event(&mut self.rng, self.now, HubEvent::stop());
        for task in hub.new_tasks {
            if let HubIoAction::Disconnect { connection_id } = task.action {
                self.effects.push_back(Effect::Close {
                    connection: connection_id,
                });
            }
        }
    }

    fn refuse(&mut self, refusal: Refusal) {
        self.stop();
        self.effects.push_back(Effect::Refused(refusal));
    }

    fn apply_waiting(&mut self) {
        let Some(actor_id) = self.actor else { return };
        let Some(actor) = self.actors.get_mut(&actor_id) else {
            return;
        };
        if !actor.is_document_ready() || self.waiting.is_empty() {
            return;
        }
        let waiting = std::mem::take(&mut self.waiting);
        let applied = actor.with_document(self.now, |doc| {
            for bytes in &waiting {
                // (a chunk that does not load is the page's own bytes: nothing to refuse)
                let _ = doc.load_incremental(bytes);
            }
        });
        if let Ok(result) = applied {
            self.run_doc_result(actor_id, result.actor_result);
        }
    }

    fn run(&mut self, first: Work) {
        if self.stopped {
            return;
        }
        let mut queue = VecDeque::from([first]);
        while let Some(work) = queue.pop_front() {
            match work {
                Work::Hub(event) => {
                    let results = self.hub.handle_event(&mut self.rng, self.now, event);
                    self.hub_results(results, &mut queue);
                }
                Work::Doc(actor_id, input) => {
                    let Some(actor) = self.actors.get_mut(&actor_id) else {
                        continue;
                    };
                    let result = match input {
                        DocInput::Message(msg) => actor.handle_message(self.now, msg),
                        DocInput::Io(io) => actor.handle_io_complete(self.now, io),
                    };
                    if let Ok(result) = result {
                        self.doc_result(actor_id, result, &mut queue);
                    }
                }
            }
        }
        self.apply_waiting();
    }

    fn run_doc_result(&mut self, actor_id: DocumentActorId, result: DocActorResult) {
        let mut queue = VecDeque::new();
        self.doc_result(actor_id, result, &mut queue);
        if let Some(first) = queue.pop_front() {
            self.run(first);
            for work in queue {
                self.run(work);
            }
        }
    }

    fn doc_result(
        &mut self,
        actor_id: DocumentActorId,
        result: DocActorResult,
        queue: &mut VecDeque<Work>,
    ) {
        use samod_core::actors::document::io::{DocumentIoResult, DocumentIoTask};
        for IoTask { task_id, action } in result.io_tasks {
            let payload = match action {
                DocumentIoTask::Storage(task) => {
                    DocumentIoResult::Storage(run_storage(&mut self.storage, task))
                }
                // the server may have the ledger; nothing is announced to other peers
                DocumentIoTask::CheckSharePolicy { .. } => {
                    DocumentIoResult::CheckSharePolicy(ShareConfig::read_write())
                }
            };
            queue.push_back(Work::Doc(
                actor_id,
                DocInput::Io(IoResult { task_id, payload }),
            ));
        }
        for message in result.outgoing_messages {
            queue.push_back(Work::Hub(HubEvent::actor_message(actor_id, message)));
        }
        if !result.change_events.is_empty() {
            self.changed();
        }
    }

    fn changed(&mut self) {
        if !self.effects.contains(&Effect::Changed) {
            self.effects.push_back(Effect::Changed);
        }
    }

    fn hub_results(&mut self, results: HubResults, queue: &mut VecDeque<Work>) {
        for args in results.spawn_actors {
            let actor_id = args.actor_id();
            if args.document_id() == &self.document_id {
                self.actor = Some(actor_id);
            }
            let (actor, result) = DocumentActor::new(self.now, args);
            self.actors.insert(actor_id, actor);
            self.doc_result(actor_id, result, queue);
        }
        for (command_id, result) in results.completed_commands {
            self.command_done(command_id, result);
        }
        for task in results.new_tasks {
            let payload = match task.action {
                HubIoAction::Send { connection_id, msg } => {
                    self.effects.push_back(Effect::Send {
                        connection: connection_id,
                        bytes: msg,
                    });
                    HubIoResult::Send
                }
                HubIoAction::Disconnect { connection_id } => {
                    self.effects.push_back(Effect::Close {
                        connection: connection_id,
                    });
                    HubIoResult::Disconnect
                }
            };
            let done = IoResult {
                task_id: task.task_id,
                payload,
            };
            queue.push_back(Work::Hub(HubEvent::io_complete(done)));
        }
        for (actor_id, message) in results.actor_messages {
            queue.push_back(Work::Doc(actor_id, DocInput::Message(message)));
        }
        for event in results.connection_events {
            self.connection_event(event);
        }
        for (document_id, search) in results.search_state_updates {
            if document_id != self.document_id {
                continue;
            }
            if search.is_currently_unavailable() {
                self.refuse(Refusal::NotOnServer);
            } else if matches!(search.phase(), DocSearchPhase::Ready) {
                // (a document found on the server raises no change event of its own)
                self.changed();
            }
        }
        for request in results.dial_requests {
            self.effects.push_back(Effect::Dial {
                dialer: request.dialer_id,
                url: request.url.to_string(),
            });
        }
    }

    fn command_done(&mut self, command_id: CommandId, result: CommandResult) {
        match result {
            CommandResult::CreateConnection { connection_id } => {
                if let Some(dialer) = self.dial_commands.remove(&command_id) {
                    self.dialled.insert(dialer, connection_id);
                }
            }
            CommandResult::SearchForDoc { actor_id, .. } => {
                self.actor = Some(actor_id);
                self.changed();
            }
            CommandResult::Receive {
                error: Some(error), ..
            } => self.refuse(Refusal::Malformed(error)),
            _ => {}
        }
    }

    fn connection_event(&mut self, event: ConnectionEvent) {
        match event {
            ConnectionEvent::HandshakeCompleted { .. } => self.effects.push_back(Effect::Connected),
            ConnectionEvent::ConnectionFailed {
                connection_id,
                error,
                ..
            } => {
                self.dialled.retain(|_, c| *c != connection_id);
                self.effects
                    .push_back(Effect::Disconnected { reason: error });
            }
            ConnectionEvent::StateChanged { .. } => {}
        }
    }
}
