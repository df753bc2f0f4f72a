//! The hub: a small y-websocket server the sharing desktop runs on the local network (File →
//! Share live…), so joiners speak exactly the protocol they would speak to
//! `@y/websocket-server`, and the sharing desktop itself connects to it as an ordinary
//! [`Client`](crate::client::Client): one code path for the host and everyone else.
//!
//! Like the room's server it runs on a thread of its own with its own tokio runtime (axum
//! WebSockets), checks the secret token before anything else, and bounds what it takes in:
//! connections, rooms, message size, messages and bytes per second. Each room keeps its own
//! yrs document and awareness, so a desktop joining (or coming back) gets the whole state in
//! its sync step 2. A message that does not decode or an update yrs refuses closes that
//! connection; the room's document is left as it was. Every update is applied and relayed
//! under the room's lock, so all connections get updates in one order.

use std::collections::{HashMap, HashSet};
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Extension;
use axum::Router;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, oneshot};
use yrs::sync::{Awareness, AwarenessUpdate, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, Options, ReadTxn, Transact, Update};

use crate::MAX_UPDATE_BYTES;
use crate::client::Endpoint;
use fitcanvas_room::limits::Bucket;
use fitcanvas_room::listen::{Open, Peer, Refusals, lock, serve_bounded};
use fitcanvas_room::server::reachable_addresses;
use fitcanvas_room::token;

/// TCP connections at once (sockets and plain requests together).
pub const MAX_CONNECTIONS: usize = 64;
/// Sockets at once: desktops sharing one canvas.
pub const MAX_SOCKETS: usize = 32;
/// Rooms (shared documents) one hub keeps.
pub const MAX_ROOMS: usize = 8;
/// The longest room name (the URL's path).
pub const MAX_ROOM_NAME: usize = 64;
/// Messages per second one socket may send on average, and in a burst: typing sends one
/// update per change and presence moves with the selection.
pub const MESSAGES_PER_SECOND: f64 = 100.0;
pub const MESSAGE_BURST: f64 = 500.0;
/// Bytes per second one socket may send on average, and in a burst (a whole large canvas
/// arriving at once fits in the burst).
pub const BYTES_PER_SECOND: f64 = 2.0 * 1024.0 * 1024.0;
pub const BYTE_BURST: f64 = 2.0 * MAX_UPDATE_BYTES as f64;
/// A socket that sends nothing for this long is closed (clients renew presence every 15 s).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(75);
/// A socket that does not take what is sent within this is closed.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Presence states one socket may speak for (a desktop has one; a browser tab or two more).
pub const MAX_PRESENCES_PER_SOCKET: usize = 8;
/// Relayed messages a slow socket may fall behind by before it is closed (it reconnects and
/// syncs again, so nothing is lost).
const RELAY_QUEUE: usize = 1024;

/// How to start a hub.
#[derive(Debug, Clone)]
pub struct HubConfig {
    /// Every address of the machine (`0.0.0.0`) for the local network; loopback in tests.
    pub bind: IpAddr,
    /// The port, or 0 for one the system picks.
    pub port: u16,
    /// The secret joiners need; a random one when `None`.
    pub token: Option<String>,
}

impl Default for HubConfig {
    fn default() -> HubConfig {
        HubConfig {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: 0,
            token: None,
        }
    }
}

/// One shared document and everyone connected to it.
struct Room {
    /// The document and everyone's presence, under one lock: what is applied is relayed in
    /// the same order to every socket.
    awareness: Mutex<Awareness>,
    /// Messages to relay, with the socket they came from (not sent back to it).
    relay: broadcast::Sender<(u64, Arc<[u8]>)>,
}

struct Shared {
    token: String,
    rooms: Mutex<HashMap<String, Arc<Room>>>,
    refusals: Refusals,
    sockets: AtomicUsize,
    connections: Arc<AtomicUsize>,
    next_socket: AtomicU64,
    epoch: Instant,
}

/// A running hub. Dropping it stops the server and closes every socket.
pub struct Hub {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("addr", &self.addr).finish()
    }
}

impl Hub {
    /// Binds and starts serving; the socket listens before this returns.
    pub fn start(config: HubConfig) -> io::Result<Hub> {
        let listener = std::net::TcpListener::bind((config.bind, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fitcanvas-hub")
            .enable_all()
            .build()?;
        let token = match config.token {
            Some(fixed) if !fixed.is_empty() => fixed.to_ascii_lowercase(),
            _ => token::new()?,
        };
        let shared = Arc::new(Shared {
            token,
            rooms: Mutex::new(HashMap::new()),
            refusals: Refusals::default(),
            sockets: AtomicUsize::new(0),
            connections: Arc::new(AtomicUsize::new(0)),
            next_socket: AtomicU64::new(1),
            epoch: Instant::now(),
        });
        let (stop_tx, mut stop_rx) = oneshot::channel();
        let served = shared.clone();
        let thread = std::thread::Builder::new()
            .name("fitcanvas-hub".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let router = Router::new()
                        .route("/{room}", get(socket))
                        .fallback(unknown)
                        .with_state(served.clone());
                    let connections = served.connections.clone();
                    serve_bounded(listener, router, connections, MAX_CONNECTIONS, &mut stop_rx)
                        .await;
                });
                // Sockets still open are dropped with the runtime.
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(Hub {
            shared,
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Sockets open now.
    pub fn sockets(&self) -> usize {
        self.shared.sockets.load(Ordering::SeqCst)
    }

    /// Where this desktop's own client connects: loopback, never through the network.
    pub fn own_endpoint(&self, room: &str) -> Endpoint {
        Endpoint {
            url: format!("ws://127.0.0.1:{}/{room}", self.port()),
            token: Some(self.shared.token.clone()),
        }
    }

    /// The invites for `room`, one per address of this machine another desktop could reach
    /// (IPv4, not loopback), or on loopback when the hub listens only there.
    pub fn invites(&self, room: &str) -> Vec<String> {
        let ips = if self.addr.ip().is_loopback() {
            vec![self.addr.ip()]
        } else {
            reachable_addresses()
        };
        ips.iter()
            .map(|ip| {
                Endpoint {
                    url: format!("ws://{ip}:{}/{room}", self.port()),
                    token: Some(self.shared.token.clone()),
                }
                .invite()
            })
            .collect()
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // The thread ends within the runtime's shutdown timeout; the window does not wait.
        drop(self.thread.take());
    }
}

fn valid_room(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_ROOM_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

async fn unknown(State(s): State<Arc<Shared>>, Extension(peer): Extension<Peer>) -> Response {
    s.refusals.refuse(peer.0)
}

async fn socket(
    State(s): State<Arc<Shared>>,
    Extension(peer): Extension<Peer>,
    Path(room): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    upgrade: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    // The token first: a wrong one learns nothing, not even that a room is here.
    let given = query.get("token").map(String::as_str).unwrap_or("");
    if !token::matches(&s.token, given) || !valid_room(&room) {
        return s.refusals.refuse(peer.0);
    }
    let Ok(upgrade) = upgrade else {
        return (StatusCode::BAD_REQUEST, "WebSocket only\n").into_response();
    };
    if s.sockets.load(Ordering::SeqCst) >= MAX_SOCKETS {
        return (StatusCode::SERVICE_UNAVAILABLE, "The canvas is full\n").into_response();
    }
    let room = {
        let mut rooms = lock(&s.rooms);
        match rooms.get(&room) {
            Some(existing) => existing.clone(),
            None if rooms.len() >= MAX_ROOMS => {
                return (StatusCode::SERVICE_UNAVAILABLE, "Too many rooms\n").into_response();
            }
            None => {
                let doc = Doc::with_options(Options {
                    offset_kind: yrs::OffsetKind::Utf16,
                    ..Options::default()
                });
                let fresh = Arc::new(Room {
                    awareness: Mutex::new(Awareness::new(doc)),
                    relay: broadcast::channel(RELAY_QUEUE).0,
                });
                rooms.insert(room, fresh.clone());
                fresh
            }
        }
    };
    let limit = MAX_UPDATE_BYTES + 1024;
    upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .on_upgrade(move |socket| session(socket, s, room))
}

async fn send(socket: &mut WebSocket, bytes: Vec<u8>) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(WsMessage::Binary(bytes.into()))).await,
        Ok(Ok(()))
    )
}

/// One desktop's socket, from its upgrade to its close.
async fn session(mut socket: WebSocket, s: Arc<Shared>, room: Arc<Room>) {
    let _open = Open::new(&s.sockets);
    let me = s.next_socket.fetch_add(1, Ordering::Relaxed);
    // Subscribed before the greeting is made, so nothing applied after it is missed.
    let mut relayed = room.relay.subscribe();
    let greeting = {
        let awareness = lock(&room.awareness);
        let sv = awareness.doc().transact().state_vector();
        let mut greeting = vec![Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1()];
        if let Ok(update) = awareness.update()
            && !update.clients.is_empty()
        {
            greeting.push(Message::Awareness(update).encode_v1());
        }
        greeting
    };
    for bytes in greeting {
        if !send(&mut socket, bytes).await {
            return;
        }
    }
    let now = || s.epoch.elapsed().as_secs_f64();
    let mut messages = Bucket::new(MESSAGES_PER_SECOND, MESSAGE_BURST, now());
    let mut bytes_in = Bucket::new(BYTES_PER_SECOND, BYTE_BURST, now());
    // The presence states this socket sent: taken away for everyone when it goes.
    let mut presences: HashSet<ClientID> = HashSet::new();
    let mut heard = tokio::time::Instant::now();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                heard = tokio::time::Instant::now();
                let bytes = match incoming {
                    Some(Ok(WsMessage::Binary(bytes))) => bytes,
                    Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_) | WsMessage::Text(_))) => {
                        continue
                    }
                    // Closed, or broken (too large, not WebSocket): this socket ends here.
                    Some(Ok(WsMessage::Close(_))) | Some(Err(_)) | None => break,
                };
                if !messages.take(now()) || !bytes_in.take_many(bytes.len() as f64, now()) {
                    break;
                }
                match receive(&room, me, &bytes, &mut presences) {
                    Ok(Some(reply)) => {
                        if !send(&mut socket, reply).await {
                            break;
                        }
                    }
                    Ok(None) => {}
                    Err(()) => break,
                }
            }
            relay = relayed.recv() => match relay {
                Ok((from, bytes)) if from != me => {
                    if !send(&mut socket, bytes.to_vec()).await {
                        break;
                    }
                }
                Ok(_) => {}
                // Fallen behind, or the room is gone: it reconnects and syncs again.
                Err(_) => break,
            },
            _ = tokio::time::sleep_until(heard + IDLE_TIMEOUT) => break,
        }
    }
    let _ = tokio::time::timeout(SEND_TIMEOUT, socket.send(WsMessage::Close(None))).await;
    leave(&room, me, presences);
}

/// Handles one message from a socket: `Ok(Some)` is the reply for it alone; `Err` closes it.
fn receive(
    room: &Room,
    me: u64,
    bytes: &[u8],
    presences: &mut HashSet<ClientID>,
) -> Result<Option<Vec<u8>>, ()> {
    if bytes.len() > MAX_UPDATE_BYTES {
        return Err(());
    }
    let message = Message::decode_v1(bytes).map_err(|_| ())?;
    let mut awareness = lock(&room.awareness);
    match message {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            let diff = awareness.doc().transact().encode_diff_v1(&sv);
            Ok(Some(
                Message::Sync(SyncMessage::SyncStep2(diff)).encode_v1(),
            ))
        }
        Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
            let decoded = Update::decode_v1(&update).map_err(|_| ())?;
            awareness
                .doc()
                .transact_mut()
                .apply_update(decoded)
                .map_err(|_| ())?;
            let relay = Message::Sync(SyncMessage::Update(update)).encode_v1();
            // Nobody else connected is not an error.
            let _ = room.relay.send((me, relay.into()));
            Ok(None)
        }
        Message::Awareness(update) => {
            presences.extend(update.clients.keys().copied());
            if presences.len() > MAX_PRESENCES_PER_SOCKET {
                return Err(());
            }
            awareness.apply_update(update).map_err(|_| ())?;
            let _ = room.relay.send((me, bytes.into()));
            Ok(None)
        }
        Message::AwarenessQuery => Ok(awareness
            .update()
            .ok()
            .map(|u| Message::Awareness(u).encode_v1())),
        Message::Auth(_) | Message::Custom(..) => Ok(None),
    }
}

/// Takes the presence of a socket that went away off everyone's screen, as
/// `@y/websocket-server` does.
fn leave(room: &Room, me: u64, presences: HashSet<ClientID>) {
    if presences.is_empty() {
        return;
    }
    let mut awareness = lock(&room.awareness);
    for id in &presences {
        awareness.remove_state(*id);
    }
    if let Ok(update) = awareness.update_with_clients(presences) {
        let gone: AwarenessUpdate = update;
        let _ = room
            .relay
            .send((me, Message::Awareness(gone).encode_v1().into()));
    }
}
