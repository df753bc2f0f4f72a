//! The y-websocket client: one shared canvas's connection to a sync server (`@y/websocket-server`,
//! y-sweet, Hocuspocus in y-websocket mode) or to a desktop that hosts, on a thread of its own.
//!
//! The window never waits on it: it sends this desktop's updates down a channel and drains what
//! came back once a frame; the thread wakes it through the `wake` callback it was given, so
//! this module knows nothing of the GUI. The thread keeps its own copy of the document (the
//! "wire" copy, fed with every update going either way), so it answers the server's sync step 1
//! and re-sends offline edits on reconnecting without asking the window.
//!
//! A message that does not decode, an update yrs refuses or a message over
//! [`MAX_UPDATE_BYTES`] closes the connection: nothing of it reaches the canvas.

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, Transact, Update};

use crate::{MAX_UPDATE_BYTES, REMOTE_ORIGIN, schema};

/// Where the connection stands, for the title bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The first connection is being made.
    Connecting,
    /// Connected and synced: edits reach the others.
    Live,
    /// Not connected; edits are kept and merged on reconnecting.
    Offline,
    /// Trying again after losing the connection.
    Reconnecting,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Live => "live",
            Status::Offline => "offline",
            Status::Reconnecting => "reconnecting",
        }
    }
}

/// What the connection reports to the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Status(Status),
    /// A Yjs update from the others, already checked by yrs: merge it into the replica.
    Update(Vec<u8>),
    /// Everyone's presence as their awareness states say it: (client id, JSON state).
    Presence(Vec<(u64, String)>),
    /// The server or a peer sent something refused; the connection was closed.
    Refused(String),
}

enum Command {
    Update(Vec<u8>),
    Presence(String),
    Stop,
}

/// A running connection. Dropping it closes the connection and ends the thread.
pub struct Client {
    commands: mpsc::UnboundedSender<Command>,
    events: std_mpsc::Receiver<Event>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

/// Where to connect: a `ws://` or `wss://` URL whose path names the room, and the token a
/// server may want (sent as the `token` query parameter, as y-sweet and Hocuspocus take it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub url: String,
    pub token: Option<String>,
}

impl Endpoint {
    pub(crate) fn request_url(&self) -> String {
        match &self.token {
            Some(token) if !token.is_empty() => {
                let join = if self.url.contains('?') { '&' } else { '?' };
                format!("{}{join}token={}", self.url, percent_encode(token))
            }
            _ => self.url.clone(),
        }
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Client {
    /// Starts connecting to `endpoint` with this desktop's document `state` (a full update from
    /// [`crate::Replica::state`]) as Yjs client `client`. `wake` is called, from the
    /// network thread, whenever there are events to drain.
    pub fn connect(
        endpoint: Endpoint,
        client: u64,
        state: &[u8],
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<Client> {
        let (commands, command_rx) = mpsc::unbounded_channel();
        let (event_tx, events) = std_mpsc::channel();
        let wire = schema::new_doc(client);
        if let Ok(update) = Update::decode_v1(state) {
            let _ = wire.transact_mut_with(REMOTE_ORIGIN).apply_update(update);
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("fitcanvas-live".into())
            .spawn(move || {
                let link = Link {
                    endpoint,
                    awareness: Awareness::new(wire),
                    events: event_tx,
                    wake,
                    commands: command_rx,
                };
                runtime.block_on(link.run());
            })?;
        Ok(Client {
            commands,
            events,
            thread: Some(thread),
        })
    }

    /// Sends a local update (from [`crate::Replica::local`]) to the others; kept and
    /// sent on reconnecting while offline.
    pub fn send_update(&self, update: Vec<u8>) {
        if !update.is_empty() {
            let _ = self.commands.send(Command::Update(update));
        }
    }

    /// Sets this desktop's presence (a JSON object: name, colour, selected note).
    pub fn set_presence(&self, json: String) {
        let _ = self.commands.send(Command::Presence(json));
    }

    /// What happened since the last call; never waits.
    pub fn poll(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.commands.send(Command::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

struct Link {
    endpoint: Endpoint,
    awareness: Awareness,
    events: std_mpsc::Sender<Event>,
    wake: Arc<dyn Fn() + Send + Sync>,
    commands: mpsc::UnboundedReceiver<Command>,
}

/// Why a session ended.
enum End {
    Stop,
    Lost,
}

impl Link {
    fn emit(&self, event: Event) {
        if self.events.send(event).is_ok() {
            (self.wake)();
        }
    }

    async fn run(mut self) {
        let mut first = true;
        let mut backoff = Duration::from_millis(100);
        loop {
            self.emit(Event::Status(if first {
                Status::Connecting
            } else {
                Status::Reconnecting
            }));
            first = false;
            let config = WebSocketConfig::default()
                .max_message_size(Some(MAX_UPDATE_BYTES + 1024))
                .max_frame_size(Some(MAX_UPDATE_BYTES + 1024));
            let connect = tokio_tungstenite::connect_async_with_config(
                self.endpoint.request_url(),
                Some(config),
                true,
            );
            match tokio::time::timeout(Duration::from_secs(10), connect).await {
                Ok(Ok((socket, _))) => {
                    backoff = Duration::from_millis(100);
                    if let End::Stop = self.session(socket).await {
                        return;
                    }
                }
                // Turned away (a wrong token, a room that is not there): said, so the window
                // can tell the person; it keeps trying, as the server may come round.
                Ok(Err(tokio_tungstenite::tungstenite::Error::Http(response))) => {
                    self.emit(Event::Refused(format!(
                        "the server did not let this desktop in (HTTP {}); check the invite",
                        response.status()
                    )));
                }
                _ => {}
            }
            self.emit(Event::Status(Status::Offline));
            // Wait before trying again, still taking this desktop's edits.
            let until = tokio::time::Instant::now() + backoff;
            backoff = (backoff * 2).min(Duration::from_secs(3));
            loop {
                tokio::select! {
                    _ = tokio::time::sleep_until(until) => break,
                    command = self.commands.recv() => match command {
                        None | Some(Command::Stop) => return,
                        Some(Command::Update(update)) => self.merge_local(&update),
                        Some(Command::Presence(json)) => {
                            self.awareness.set_local_state_raw(json);
                        }
                    },
                }
            }
        }
    }

    fn merge_local(&mut self, update: &[u8]) {
        if let Ok(update) = Update::decode_v1(update) {
            let _ = self
                .awareness
                .doc()
                .transact_mut_with(REMOTE_ORIGIN)
                .apply_update(update);
        }
    }

    async fn session<S>(&mut self, socket: S) -> End
    where
        S: futures_util::Stream<Item = Result<WsMessage, tokio_tungstenite::tungstenite::Error>>
            + futures_util::Sink<WsMessage>
            + Unpin,
    {
        let (mut sink, mut stream) = socket.split();
        let sv = self.awareness.doc().transact().state_vector();
        let mut hello = vec![Message::Sync(SyncMessage::SyncStep1(sv))];
        if let Ok(update) = self.awareness.update() {
            hello.push(Message::Awareness(update));
        }
        for message in hello {
            if sink.send(binary(&message)).await.is_err() {
                return End::Lost;
            }
        }
        let mut renew = tokio::time::interval(Duration::from_secs(15));
        loop {
            tokio::select! {
                incoming = stream.next() => {
                    let bytes = match incoming {
                        Some(Ok(WsMessage::Binary(bytes))) => bytes,
                        Some(Err(tokio_tungstenite::tungstenite::Error::Capacity(e))) => {
                            self.emit(Event::Refused(format!("a message too large: {e}")));
                            return End::Lost;
                        }
                        Some(Ok(WsMessage::Close(_))) | None | Some(Err(_)) => return End::Lost,
                        Some(Ok(_)) => continue,
                    };
                    match self.receive(&bytes) {
                        Ok(Some(reply)) => {
                            if sink.send(binary(&reply)).await.is_err() {
                                return End::Lost;
                            }
                        }
                        Ok(None) => {}
                        Err(reason) => {
                            self.emit(Event::Refused(reason));
                            let _ = sink.close().await;
                            return End::Lost;
                        }
                    }
                }
                command = self.commands.recv() => {
                    let message = match command {
                        None | Some(Command::Stop) => {
                            let _ = sink.close().await;
                            return End::Stop;
                        }
                        Some(Command::Update(update)) => {
                            self.merge_local(&update);
                            Message::Sync(SyncMessage::Update(update))
                        }
                        Some(Command::Presence(json)) => {
                            self.awareness.set_local_state_raw(json);
                            match self.awareness.update() {
                                Ok(update) => Message::Awareness(update),
                                Err(_) => continue,
                            }
                        }
                    };
                    if sink.send(binary(&message)).await.is_err() {
                        return End::Lost;
                    }
                }
                _ = renew.tick() => {
                    // Peers forget a presence not renewed for 30 s.
                    if let Ok(update) = self.awareness.update()
                        && sink.send(binary(&Message::Awareness(update))).await.is_err()
                    {
                        return End::Lost;
                    }
                }
            }
        }
    }

    /// Handles one message from the server; answers what to send back. An error closes the
    /// connection.
    fn receive(&mut self, bytes: &[u8]) -> Result<Option<Message>, String> {
        if bytes.len() > MAX_UPDATE_BYTES {
            return Err(format!("a message of {} bytes", bytes.len()));
        }
        let message = Message::decode_v1(bytes).map_err(|e| format!("a malformed message: {e}"))?;
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let diff = self.awareness.doc().transact().encode_diff_v1(&sv);
                Ok(Some(Message::Sync(SyncMessage::SyncStep2(diff))))
            }
            Message::Sync(SyncMessage::SyncStep2(update)) => {
                self.remote(update)?;
                self.emit(Event::Status(Status::Live));
                Ok(None)
            }
            Message::Sync(SyncMessage::Update(update)) => {
                self.remote(update)?;
                Ok(None)
            }
            Message::Awareness(update) => {
                self.presence(update)?;
                Ok(None)
            }
            Message::AwarenessQuery => Ok(self.awareness.update().ok().map(Message::Awareness)),
            Message::Auth(Some(reason)) => Err(format!("the server refused: {reason}")),
            Message::Auth(None) | Message::Custom(..) => Ok(None),
        }
    }

    fn remote(&mut self, update: Vec<u8>) -> Result<(), String> {
        let decoded = Update::decode_v1(&update).map_err(|e| format!("a malformed update: {e}"))?;
        self.awareness
            .doc()
            .transact_mut_with(REMOTE_ORIGIN)
            .apply_update(decoded)
            .map_err(|e| format!("an update that does not apply: {e}"))?;
        self.emit(Event::Update(update));
        Ok(())
    }

    fn presence(&mut self, update: AwarenessUpdate) -> Result<(), String> {
        self.awareness
            .apply_update(update)
            .map_err(|e| format!("a malformed presence: {e}"))?;
        let own = self.awareness.client_id();
        let states = self
            .awareness
            .iter()
            .filter(|(id, _)| *id != own)
            .filter_map(|(id, state)| Some((id.get(), state.data?.to_string())))
            .collect();
        self.emit(Event::Presence(states));
        Ok(())
    }
}

fn binary(message: &Message) -> WsMessage {
    WsMessage::Binary(message.encode_v1().into())
}
