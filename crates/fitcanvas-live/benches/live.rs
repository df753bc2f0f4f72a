//! Benchmarks of live co-editing on a generated 300-note canvas: the initial sync (the sharing
//! desktop writes its canvas into a document, the joining one merges the state and reads the
//! canvas back) and an edit reaching a peer (one typed character written as a Yjs update,
//! merged by the peer and turned back into edits on its canvas), first in one process, then
//! end to end on loopback through a desktop's hub (`live::hub`): each desktop's connection on
//! its own thread, as in the window. Figures are in BENCHMARKS.md under "Live".

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a bench is a failure report.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fitcanvas_live::Replica;
use fitcanvas_live::client::{Client, Event, Status};
use fitcanvas_live::hub::{Hub, HubConfig};
use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use support::generated;

use fitcanvas_testkit::canvases as support;

fn initial_sync(c: &mut Criterion) {
    let canvas = generated(300);
    c.bench_function("live/initial_sync_300", |b| {
        b.iter(|| {
            let first = Replica::share(&canvas, 1);
            let joined = Replica::restore(2, &first.state()).unwrap();
            joined.canvas()
        });
    });
}

fn edit_to_peer(c: &mut Criterion) {
    let canvas = generated(300);
    let mut mine = Replica::share(&canvas, 1);
    let mut peer = Replica::restore(2, &mine.state()).unwrap();
    let mut my_canvas = canvas.clone();
    let mut peer_canvas = peer.canvas();
    let id = my_canvas.all_items().nth(150).unwrap().1.id().clone();
    let mut n = 0usize;
    c.bench_function("live/edit_to_peer_300", |b| {
        b.iter(|| {
            n += 1;
            let text = format!("{}{}", my_canvas.item(&id).unwrap().text(), n % 10);
            let edit = Edit::SetText {
                id: id.clone(),
                text,
            };
            let applied = my_canvas.apply(edit.clone()).unwrap();
            let update = mine.local(&edit, &applied, &my_canvas);
            peer.apply_update(&update).unwrap();
            for edit in peer.catch_up(&peer_canvas) {
                peer_canvas.apply(edit).unwrap();
            }
        });
    });
}

/// A desktop on the hub: its canvas, replica and connection, woken by the network thread.
struct Desktop {
    canvas: Canvas,
    replica: Replica,
    client: Client,
    woken: mpsc::Receiver<()>,
    live: bool,
}

impl Desktop {
    fn join(hub: &Hub, replica: Replica) -> Desktop {
        let (wake, woken) = mpsc::channel();
        let wake = std::sync::Mutex::new(wake);
        let client = Client::connect(
            hub.own_endpoint("bench"),
            replica.client(),
            &replica.state(),
            Arc::new(move || {
                let _ = wake.lock().unwrap().send(());
            }),
        )
        .unwrap();
        Desktop {
            canvas: replica.canvas(),
            replica,
            client,
            woken,
            live: false,
        }
    }

    /// Waits (never spinning) until `done` holds, taking in what the connection reports.
    fn until(&mut self, done: impl Fn(&Desktop) -> bool) {
        while !done(self) {
            self.woken.recv_timeout(Duration::from_secs(10)).unwrap();
            let mut merged = false;
            for event in self.client.poll() {
                match event {
                    Event::Status(status) => self.live = status == Status::Live,
                    Event::Update(update) => {
                        self.replica.apply_update(&update).unwrap();
                        merged = true;
                    }
                    Event::Presence(_) | Event::Refused(_) => {}
                }
            }
            if merged {
                for edit in self.replica.catch_up(&self.canvas) {
                    self.canvas.apply(edit).unwrap();
                }
            }
        }
    }
}

fn loopback_hub() -> Hub {
    Hub::start(HubConfig {
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        ..HubConfig::default()
    })
    .unwrap()
}

/// A desktop joining a 300-note canvas already on the hub: connecting, sync step 1 and 2,
/// merging and reading the canvas back.
fn hub_initial_sync(c: &mut Criterion) {
    let canvas = generated(300);
    let hub = loopback_hub();
    let mut host = Desktop::join(&hub, Replica::share(&canvas, 1));
    host.until(|d| d.live);
    let mut n = 10;
    c.bench_function("live/hub_initial_sync_300", |b| {
        b.iter(|| {
            n += 1;
            let mut joiner = Desktop::join(&hub, Replica::empty(n));
            joiner.until(|d| d.canvas.len() == 300);
            joiner.canvas.len()
        });
    });
}

/// One typed character from one desktop shown on the other's canvas, through the hub.
fn hub_edit_to_peer(c: &mut Criterion) {
    let canvas = generated(300);
    let hub = loopback_hub();
    let mut mine = Desktop::join(&hub, Replica::share(&canvas, 1));
    let mut peer = Desktop::join(&hub, Replica::empty(2));
    mine.until(|d| d.live);
    peer.until(|d| d.canvas.len() == 300);
    let id = mine.canvas.all_items().nth(150).unwrap().1.id().clone();
    let mut n = 0usize;
    c.bench_function("live/hub_edit_to_peer_300", |b| {
        b.iter(|| {
            n += 1;
            let text = format!("{} {n}", canvas.item(&id).unwrap().text());
            let edit = Edit::SetText {
                id: id.clone(),
                text: text.clone(),
            };
            let applied = mine.canvas.apply(edit.clone()).unwrap();
            let update = mine.replica.local(&edit, &applied, &mine.canvas);
            mine.client.send_update(update);
            peer.until(|d| d.canvas.item(&id).unwrap().text() == text);
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = initial_sync, edit_to_peer, hub_initial_sync, hub_edit_to_peer
}
criterion_main!(benches);
