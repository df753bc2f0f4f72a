//! Taking connections in, shared by the room's server and the live hub (crates/fitcanvas-live/src/hub.rs): a
//! bounded number of connections at once, headers that must arrive in time, plain HTTP
//! connections closed after a while (an upgraded socket lives on with bounds of its own), and
//! refusals (a wrong token or path) rate-limited per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::oneshot;

use crate::limits::{
    Bucket, HEADER_READ_TIMEOUT, HTTP_CONNECTION_TIME, MAX_REFUSING_ADDRESSES, REFUSAL_BURST,
    REFUSALS_PER_SECOND,
};

/// A poisoned lock still holds valid state here (every change is a single call), so it is
/// taken rather than passed on as a panic.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The peer's address, put on every request of its connection.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub IpAddr);

/// Counts something open for as long as it lives.
pub struct Open<'a>(&'a AtomicUsize);

impl<'a> Open<'a> {
    pub fn new(counter: &'a AtomicUsize) -> Open<'a> {
        counter.fetch_add(1, Ordering::SeqCst);
        Open(counter)
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Serves `router` on `listener` until `stop` fires, with at most `max` connections open at
/// once (`connections` counts them; more are closed as soon as they are accepted).
pub async fn serve_bounded(
    listener: tokio::net::TcpListener,
    router: Router,
    connections: Arc<AtomicUsize>,
    max: usize,
    stop: &mut oneshot::Receiver<()>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut *stop => break,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of file descriptors, say: wait a moment rather than spin.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        if connections.load(Ordering::SeqCst) >= max {
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone().layer(Extension(Peer(peer.ip()))));
        let counted = connections.clone();
        tokio::spawn(async move {
            let _open = Open::new(&counted);
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(16 * 1024)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            // A socket's connection ends here when it is upgraded; the socket lives on in its
            // own task with its own bounds.
            let _ = tokio::time::timeout(HTTP_CONNECTION_TIME, connection).await;
        });
    }
}

/// Refusals at a limited rate per address: past it, an address gets 429 without its request
/// being looked at, so guessing tokens is slow.
pub struct Refusals {
    table: Mutex<HashMap<IpAddr, Bucket>>,
    epoch: Instant,
}

impl Default for Refusals {
    fn default() -> Refusals {
        Refusals {
            table: Mutex::new(HashMap::new()),
            epoch: Instant::now(),
        }
    }
}

impl Refusals {
    /// The plain refusal for a wrong token or path.
    pub fn refuse(&self, ip: IpAddr) -> Response {
        let now = self.epoch.elapsed().as_secs_f64();
        let allowed = {
            let mut table = lock(&self.table);
            if table.len() >= MAX_REFUSING_ADDRESSES && !table.contains_key(&ip) {
                table.clear();
            }
            table
                .entry(ip)
                .or_insert_with(|| Bucket::new(REFUSALS_PER_SECOND, REFUSAL_BURST, now))
                .take(now)
        };
        if allowed {
            (StatusCode::NOT_FOUND, "Not found\n").into_response()
        } else {
            (StatusCode::TOO_MANY_REQUESTS, "Too many requests\n").into_response()
        }
    }
}
