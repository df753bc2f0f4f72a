//! The room's web server (feature `server`): serves the participant's page from the binary and
//! one WebSocket per page, on its own thread with its own tokio runtime, so nothing here ever
//! runs on (or waits for) the UI thread.
//!
//! The app talks to it through [`RoomServer`]: it publishes what the room sees ([`Shown`]),
//! reads and changes the [`RoomState`] under a short lock, and drains [`RoomEvent`]s each
//! frame; the server wakes it with the repaint callback it was given, so it stays egui-free.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use tokio::sync::{oneshot, watch};

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::Walkthrough;

use crate::limits::*;
use crate::listen::{Open, Peer, Refusals, lock, serve_bounded};
use crate::protocol::{ClientMsg, Refusal, ServerMsg, TimerView, ViewMsg, YouMsg};
use crate::state::{DeviceKey, RoomState};
use crate::token;

const INDEX_HTML: &str = include_str!("../../../assets/room/index.html");
const APP_JS: &str = include_str!("../../../assets/room/app.js");
const APP_CSS: &str = include_str!("../../../assets/room/app.css");

/// How to start a room.
pub struct RoomConfig {
    /// The address to listen on: all of the machine's (`0.0.0.0`) for phones, loopback in tests.
    pub bind: IpAddr,
    /// The port, or 0 for one the system picks.
    pub port: u16,
    /// Called (from the server's thread) whenever the app has something to look at.
    pub wake: Arc<dyn Fn() + Send + Sync>,
    pub max_devices: usize,
    /// A fixed join token instead of a random one: for snapshots and screenshots only.
    pub token: Option<String>,
    /// How long a socket may wait before its hello and between messages.
    pub timeouts: SocketTimeouts,
}

impl RoomConfig {
    /// On every address of the machine, any free port.
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> RoomConfig {
        RoomConfig {
            bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            port: 0,
            wake,
            max_devices: MAX_DEVICES,
            token: None,
            timeouts: SocketTimeouts::default(),
        }
    }
}

/// What the room sees of the presentation, published by the app when it changes.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub canvas: Canvas,
    pub walkthrough: Walkthrough,
    pub timer: Option<TimerView>,
}

/// What happened in the room, for the app to show.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomEvent {
    Joined,
    Left,
    Submitted {
        id: u64,
        section: Section,
        text: String,
    },
    Voted,
}

/// What the server's tasks share.
struct Shared {
    state: Mutex<RoomState>,
    token: Mutex<String>,
    /// Bumped on every change of the room's state: each socket sends its device's view again.
    changed: watch::Sender<u64>,
    shown: watch::Sender<Arc<Shown>>,
    /// The view every page gets, serialized once per change.
    view: watch::Sender<Utf8Bytes>,
    events: mpsc::Sender<RoomEvent>,
    wake: Arc<dyn Fn() + Send + Sync>,
    refusals: Refusals,
    sockets: AtomicUsize,
    connections: Arc<AtomicUsize>,
    closed: AtomicBool,
    epoch: Instant,
    timeouts: SocketTimeouts,
}

impl Shared {
    fn now(&self) -> f64 {
        self.epoch.elapsed().as_secs_f64()
    }

    /// A change every page must hear of (writing, rounds, the inbox in live writing, a
    /// removal, a new address): each socket sends its device's view again.
    fn update<R>(&self, f: impl FnOnce(&mut RoomState) -> R) -> R {
        let r = self.update_own(f);
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
        r
    }

    /// A change to one device's own part (its dots, its notes in private writing, its name):
    /// only that device's socket answers, so 150 phones voting are not 150 × 150 messages.
    fn update_own<R>(&self, f: impl FnOnce(&mut RoomState) -> R) -> R {
        f(&mut lock(&self.state))
    }

    /// What `device` is told about itself, its submissions checked against the canvas the
    /// room sees now.
    fn you(&self, device: &DeviceKey) -> YouMsg {
        // The canvas is taken out of the watch first: the state's lock is never held with it.
        let shown = self.shown.borrow().clone();
        lock(&self.state).you(device, &shown.canvas)
    }

    fn event(&self, event: RoomEvent) {
        // The app may be gone while the server winds down; nobody to tell then.
        let _ = self.events.send(event);
        (self.wake)();
    }

    fn token_ok(&self, given: &str) -> bool {
        token::matches(&lock(&self.token), given)
    }

    /// The plain refusal for a wrong token or path, at a limited rate per address.
    fn refuse(&self, ip: IpAddr) -> Response {
        self.refusals.refuse(ip)
    }
}

/// A running room. Dropping it stops the server (without waiting); [`RoomServer::stop`] also
/// waits for its thread to end.
pub struct RoomServer {
    shared: Arc<Shared>,
    events: mpsc::Receiver<RoomEvent>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for RoomServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomServer")
            .field("addr", &self.addr)
            .finish()
    }
}

impl RoomServer {
    /// Binds and starts serving. The socket listens before this returns, so the address can
    /// be given out at once.
    pub fn start(config: RoomConfig) -> io::Result<RoomServer> {
        let listener = std::net::TcpListener::bind((config.bind, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fitcanvas-room")
            .enable_all()
            .build()?;
        let (events_tx, events) = mpsc::channel();
        let shared = Arc::new(Shared {
            state: Mutex::new(RoomState::new(config.max_devices)),
            token: Mutex::new(match config.token {
                Some(fixed) => fixed.to_ascii_lowercase(),
                None => token::new()?,
            }),
            changed: watch::Sender::new(0),
            shown: watch::Sender::new(Arc::new(Shown::default())),
            view: watch::Sender::new(Utf8Bytes::from_static("{}")),
            events: events_tx,
            wake: config.wake,
            refusals: Refusals::default(),
            sockets: AtomicUsize::new(0),
            connections: Arc::new(AtomicUsize::new(0)),
            closed: AtomicBool::new(false),
            epoch: Instant::now(),
            timeouts: config.timeouts,
        });
        let (stop_tx, stop_rx) = oneshot::channel();
        let served = shared.clone();
        let thread = std::thread::Builder::new()
            .name("fitcanvas-room".into())
            .spawn(move || {
                runtime.block_on(serve(listener, served, stop_rx));
                runtime.shutdown_timeout(Duration::from_millis(500));
            })?;
        Ok(RoomServer {
            shared,
            events,
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The join path, `/<token>`.
    pub fn path(&self) -> String {
        format!("/{}", lock(&self.shared.token))
    }

    /// The machine's addresses a phone could reach the room at (IPv4, not loopback), or
    /// loopback when the room listens only there or there is no other. Listed afresh on each
    /// call: the network may have changed.
    pub fn addresses(&self) -> Vec<IpAddr> {
        if self.addr.ip().is_loopback() {
            vec![self.addr.ip()]
        } else {
            reachable_addresses()
        }
    }

    /// The join address on each of [`RoomServer::addresses`].
    pub fn urls(&self) -> Vec<String> {
        let mut offered = crate::addresses::Offered::default();
        offered.relist(self.addresses(), 0.0);
        offered.urls(self.port(), &self.path())
    }

    /// What happened since the last call, without waiting.
    pub fn events(&self) -> Vec<RoomEvent> {
        self.events.try_iter().collect()
    }

    /// Tells every page what the room sees now.
    pub fn publish(&self, shown: Shown) {
        self.shared.shown.send_replace(Arc::new(shown));
    }

    /// Reads the room's state (a short lock; never held across the network).
    pub fn read<R>(&self, f: impl FnOnce(&RoomState) -> R) -> R {
        f(&lock(&self.shared.state))
    }

    /// Changes the room's state; every page hears of it.
    pub fn update<R>(&self, f: impl FnOnce(&mut RoomState) -> R) -> R {
        self.shared.update(f)
    }

    /// A new join address: the old one stops working for new devices; pages already in are
    /// told the new one, so they can still reconnect.
    pub fn rotate(&self) -> io::Result<()> {
        *lock(&self.shared.token) = token::new()?;
        self.shared.update(|_| ());
        Ok(())
    }

    /// Sockets open now.
    pub fn sockets(&self) -> usize {
        self.shared.sockets.load(Ordering::SeqCst)
    }

    /// Stops the server and waits for its thread (at most about three seconds).
    pub fn stop(mut self) {
        self.signal_stop();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    fn signal_stop(&mut self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        self.shared.update(|_| ());
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// The machine's IPv4 addresses other than loopback, or loopback when there are none.
pub fn reachable_addresses() -> Vec<IpAddr> {
    let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|ip| ip.is_ipv4() && !ip.is_loopback() && !ip.is_unspecified())
        .collect();
    ips.sort();
    ips.dedup();
    if ips.is_empty() {
        ips.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    ips
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    tokio::spawn(render_views(shared.clone()));
    let router = Router::new()
        .route("/{token}", get(to_page))
        .route("/{token}/", file(INDEX_HTML, "text/html; charset=utf-8"))
        .route(
            "/{token}/app.js",
            file(APP_JS, "text/javascript; charset=utf-8"),
        )
        .route("/{token}/app.css", file(APP_CSS, "text/css; charset=utf-8"))
        .route("/{token}/ws", get(socket))
        .fallback(unknown)
        .with_state(shared.clone());
    serve_bounded(
        listener,
        router,
        shared.connections.clone(),
        MAX_CONNECTIONS,
        &mut stop,
    )
    .await;
    // Pages are told the room closed before the runtime drops their sockets.
    shared.closed.store(true, Ordering::SeqCst);
    shared.update(|_| ());
    // Each socket says goodbye and ends; a page that does not take it is cut off after 2 s.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while shared.sockets.load(Ordering::SeqCst) > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Serializes the published view once per change, for every socket to send.
async fn render_views(shared: Arc<Shared>) {
    let mut shown = shared.shown.subscribe();
    loop {
        let now = shown.borrow_and_update().clone();
        let timer = now.timer.unwrap_or(TimerView {
            total: 0.0,
            remaining: 0.0,
            running: false,
        });
        let msg = ServerMsg::View(ViewMsg::new(&now.canvas, &now.walkthrough, timer));
        if let Ok(json) = serde_json::to_string(&msg) {
            shared.view.send_replace(Utf8Bytes::from(json));
        }
        if shown.changed().await.is_err() {
            return;
        }
    }
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The token is in the address: never send it on.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

/// A file of the page (`body`, of type `kind`), served only under the join token: one route
/// for each of them, so the token check cannot be left out of any.
fn file(body: &'static str, kind: &'static str) -> axum::routing::MethodRouter<Arc<Shared>> {
    get(
        move |State(s): State<Arc<Shared>>,
              Extension(peer): Extension<Peer>,
              Path(token): Path<String>| async move {
            if !s.token_ok(&token) {
                return s.refuse(peer.0);
            }
            asset(body, kind)
        },
    )
}

/// The join address has no trailing slash (shorter to type); the page's relative links need one.
async fn to_page(
    State(s): State<Arc<Shared>>,
    Extension(peer): Extension<Peer>,
    Path(token): Path<String>,
) -> Response {
    if !s.token_ok(&token) {
        return s.refuse(peer.0);
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/{}/", token.to_ascii_lowercase())) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

async fn unknown(State(s): State<Arc<Shared>>, Extension(peer): Extension<Peer>) -> Response {
    s.refuse(peer.0)
}

async fn socket(
    State(s): State<Arc<Shared>>,
    Extension(peer): Extension<Peer>,
    Path(token): Path<String>,
    upgrade: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    // The token first: a wrong one learns nothing, not even that this is the socket's path.
    if !s.token_ok(&token) {
        return s.refuse(peer.0);
    }
    let Ok(upgrade) = upgrade else {
        return (StatusCode::BAD_REQUEST, "WebSocket only\n").into_response();
    };
    if s.sockets.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
        return (StatusCode::SERVICE_UNAVAILABLE, "The room is full\n").into_response();
    }
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| session(socket, s))
}

/// Sends one message, or gives up on a page that does not take it in time.
async fn send(socket: &mut WebSocket, text: Utf8Bytes) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Text(text))).await,
        Ok(Ok(()))
    )
}

fn to_text(msg: &ServerMsg) -> Utf8Bytes {
    Utf8Bytes::from(serde_json::to_string(msg).unwrap_or_else(|_| "{}".to_owned()))
}

fn error(code: Refusal) -> Utf8Bytes {
    to_text(&ServerMsg::Error {
        code,
        message: code.message().to_owned(),
    })
}

fn bye(reason: &str) -> Utf8Bytes {
    to_text(&ServerMsg::Bye {
        reason: reason.to_owned(),
    })
}

/// Reads the hello every socket starts with.
async fn hello(
    socket: &mut WebSocket,
    within: Duration,
) -> Result<(DeviceKey, Option<String>), Refusal> {
    let first = tokio::time::timeout(within, socket.recv()).await;
    let Ok(Some(Ok(Message::Text(text)))) = first else {
        return Err(Refusal::HelloFirst);
    };
    match serde_json::from_str::<ClientMsg>(&text) {
        Ok(ClientMsg::Hello { device, name }) => DeviceKey::parse(&device)
            .map(|key| (key, name))
            .ok_or(Refusal::HelloFirst),
        Ok(_) => Err(Refusal::HelloFirst),
        Err(_) => Err(Refusal::BadMessage),
    }
}

/// One page's socket, from hello to close.
async fn session(mut socket: WebSocket, s: Arc<Shared>) {
    let _open = Open::new(&s.sockets);
    let (device, name) = match hello(&mut socket, s.timeouts.hello).await {
        Ok(hello) => hello,
        Err(refusal) => {
            send(&mut socket, error(refusal)).await;
            return;
        }
    };
    if let Err(refusal) = s.update_own(|room| room.connect(&device, name.as_deref())) {
        send(&mut socket, error(refusal)).await;
        send(&mut socket, bye(refusal.message())).await;
        return;
    }
    s.event(RoomEvent::Joined);
    // Subscribed before the first view is read, so any change from here on is seen (a
    // rotation or the room closing while the first messages go out is not missed).
    let mut view = s.view.subscribe();
    let mut changed = s.changed.subscribe();
    let mut path = lock(&s.token).clone();
    let first = view.borrow_and_update().clone();
    let mut ok = send(&mut socket, first).await;
    // What this page was last told about itself: a canvas change (an undo taking its note
    // off, say) sends it again only when that changed.
    let mut told = s.you(&device);
    ok = ok && send(&mut socket, you_text(&told)).await;
    let mut bucket = Bucket::new(MESSAGES_PER_SECOND, MESSAGE_BURST, s.now());
    let mut refused_in_a_row = 0;
    let started = tokio::time::Instant::now();
    let mut heard = started;
    while ok {
        tokio::select! {
            msg = socket.recv() => {
                heard = tokio::time::Instant::now();
                let text = match msg {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        send(&mut socket, error(Refusal::BadMessage)).await;
                        break;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    // Closed, or broken (too large, not WebSocket): this socket ends here.
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                };
                if !bucket.take(s.now()) {
                    refused_in_a_row += 1;
                    if refused_in_a_row > MAX_REFUSED_IN_A_ROW {
                        send(&mut socket, bye(Refusal::RateLimited.message())).await;
                        break;
                    }
                    ok = send(&mut socket, error(Refusal::RateLimited)).await;
                    continue;
                }
                refused_in_a_row = 0;
                match handle(&s, &device, &text) {
                    Ok(Reply::Nothing) => {}
                    Ok(Reply::Pong) => ok = send(&mut socket, to_text(&ServerMsg::Pong)).await,
                    Ok(Reply::You) => {
                        told = s.you(&device);
                        ok = send(&mut socket, you_text(&told)).await;
                    }
                    Err(Refusal::BadMessage) => {
                        send(&mut socket, error(Refusal::BadMessage)).await;
                        break;
                    }
                    Err(refusal) => ok = send(&mut socket, error(refusal)).await,
                }
            }
            r = view.changed() => {
                if r.is_err() {
                    break;
                }
                let text = view.borrow_and_update().clone();
                ok = send(&mut socket, text).await;
                let you = s.you(&device);
                if you != told {
                    told = you;
                    ok = ok && send(&mut socket, you_text(&told)).await;
                }
            }
            r = changed.changed() => {
                if r.is_err() {
                    break;
                }
                changed.mark_unchanged();
                if s.closed.load(Ordering::SeqCst) {
                    send(&mut socket, bye("The facilitator closed the room.")).await;
                    break;
                }
                let removed = s.read_state(|room| room.is_removed(&device));
                if removed {
                    send(&mut socket, bye(Refusal::Removed.message())).await;
                    break;
                }
                let token = lock(&s.token).clone();
                if token != path {
                    path = token;
                    let moved = ServerMsg::Moved { path: format!("/{path}") };
                    ok = send(&mut socket, to_text(&moved)).await;
                }
                told = s.you(&device);
                ok = ok && send(&mut socket, you_text(&told)).await;
            }
            _ = tokio::time::sleep_until(heard + s.timeouts.idle) => break,
            _ = tokio::time::sleep_until(started + MAX_SOCKET_TIME) => break,
        }
    }
    let _ = tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Close(None))).await;
    s.update_own(|room| room.disconnect(&device));
    s.event(RoomEvent::Left);
}

impl Shared {
    fn read_state<R>(&self, f: impl FnOnce(&RoomState) -> R) -> R {
        f(&lock(&self.state))
    }
}

fn you_text(you: &YouMsg) -> Utf8Bytes {
    to_text(&ServerMsg::You(you.clone()))
}

/// What a page's message is answered with, for that page alone.
enum Reply {
    Nothing,
    Pong,
    /// Its own view, when only its own part changed.
    You,
}

/// Carries out one message of a page that said hello.
fn handle(s: &Shared, device: &DeviceKey, text: &str) -> Result<Reply, Refusal> {
    let msg: ClientMsg = serde_json::from_str(text).map_err(|_| Refusal::BadMessage)?;
    match msg {
        ClientMsg::Hello { .. } => Ok(Reply::Nothing),
        ClientMsg::Ping => Ok(Reply::Pong),
        ClientMsg::Name { name } => {
            s.update_own(|room| room.set_name(device, &name))?;
            Ok(Reply::You)
        }
        ClientMsg::Note { area, text } => {
            let (id, live) = s.update_own(|room| {
                let live = room.writing().is_some_and(|w| !w.private);
                room.submit(device, area, &text).map(|id| (id, live))
            })?;
            if live {
                // Everyone's page lists the waiting notes: all hear of it, this one too.
                s.update(|_| ());
            }
            let text = s.read_state(|room| {
                room.inbox()
                    .iter()
                    .find(|sub| sub.id == id)
                    .map(|sub| sub.text.clone())
                    .unwrap_or_default()
            });
            s.event(RoomEvent::Submitted {
                id,
                section: area,
                text,
            });
            Ok(if live { Reply::Nothing } else { Reply::You })
        }
        ClientMsg::Vote { note, count } => {
            let shown = s.shown.borrow().clone();
            s.update_own(|room| room.vote(device, &note, count, &shown.canvas))?;
            s.event(RoomEvent::Voted);
            Ok(Reply::You)
        }
    }
}
