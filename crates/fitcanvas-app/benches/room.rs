//! The room under load, on loopback: 150 phones connected (WebSocket clients), a note from a
//! phone reaching the facilitator's inbox (the event channel and the UI's wake-up), a canvas
//! change reaching every page, and one editor frame with the room closed, and open and busy.
//! Targets (issue #12): 100 ms and 250 ms p99, and a frame within 10% of the closed figure.
//! Figures are in BENCHMARKS.md under "Room".

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use fitcanvas_app::{App, AppConfig, Command, Document, RoomCommand, Screen, ScriptedDialogs};
use fitcanvas_model::Section;
use fitcanvas_room::server::{RoomConfig, RoomEvent, RoomServer, Shown};
use fitcanvas_room::state::Writing;
use futures_util::{SinkExt, StreamExt};
use support::generated;
use tokio_tungstenite::tungstenite::Message;

use fitcanvas_testkit::canvases as support;

const PHONES: usize = 150;
const ROUNDS: usize = 200;

/// Connects `n` phones that say hello and then report, on `seen`, every view whose title is a
/// revision marker ("rev N") as (phone, N, when).
fn phones(
    rt: &tokio::runtime::Runtime,
    url: &str,
    n: usize,
    seen: mpsc::Sender<(usize, u64, Instant)>,
) -> Vec<tokio::sync::mpsc::UnboundedSender<String>> {
    let mut senders = Vec::new();
    for i in 0..n {
        let (ws, _) = rt
            .block_on(tokio_tungstenite::connect_async(url.to_owned()))
            .unwrap();
        let (mut write, mut read) = ws.split();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let hello = format!(r#"{{"type":"hello","device":"bench-device-{i:06}"}}"#);
        rt.block_on(write.send(Message::text(hello))).unwrap();
        rt.spawn(async move {
            while let Some(text) = rx.recv().await {
                if write.send(Message::text(text)).await.is_err() {
                    return;
                }
            }
        });
        let seen = seen.clone();
        rt.spawn(async move {
            while let Some(Ok(msg)) = read.next().await {
                if let Message::Text(text) = msg
                    && let Some(at) = text.find(r#""title":"rev "#)
                {
                    let rest = &text[at + 13..];
                    let n: u64 = rest[..rest.find('"').unwrap_or(0)].parse().unwrap_or(0);
                    let _ = seen.send((i, n, Instant::now()));
                }
            }
        });
        senders.push(tx);
    }
    senders
}

fn p99(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[(samples.len() * 99 / 100).min(samples.len() - 1)]
}

fn bench_room(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (woke_tx, woke) = mpsc::channel::<()>();
    let mut config = RoomConfig::new(Arc::new(move || {
        let _ = woke_tx.send(());
    }));
    config.bind = "127.0.0.1".parse().unwrap();
    let server = RoomServer::start(config).unwrap();
    let mut canvas = generated(60);
    server.publish(Shown {
        canvas: canvas.clone(),
        ..Shown::default()
    });
    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }))
    });
    let url = format!("ws://127.0.0.1:{}{}/ws", server.port(), server.path());
    let (seen_tx, seen) = mpsc::channel();
    let phones = phones(&rt, &url, PHONES, seen_tx);
    std::thread::sleep(Duration::from_millis(500));
    let drain = |server: &RoomServer| {
        while woke.try_recv().is_ok() {}
        server.events();
    };
    drain(&server);

    // A note from a phone to the facilitator's inbox: sent, then the app woken and the event
    // drained, as the UI does each frame. The inbox is emptied as the facilitator would.
    let mut note = |k: usize| -> Duration {
        let start = Instant::now();
        let text = format!(r#"{{"type":"note","area":"pains","text":"note {k}"}}"#);
        phones[k % PHONES].send(text).unwrap();
        loop {
            woke.recv_timeout(Duration::from_secs(5)).unwrap();
            if server
                .events()
                .iter()
                .any(|e| matches!(e, RoomEvent::Submitted { .. }))
            {
                break;
            }
        }
        let took = start.elapsed();
        server.update(|r| {
            let ids: Vec<u64> = r.inbox().iter().map(|s| s.id).collect();
            for id in ids {
                r.resolve(id, fitcanvas_room::protocol::Outcome::Accepted, None);
            }
        });
        // Every phone hears of the change; let that settle so rounds are independent.
        std::thread::sleep(Duration::from_millis(2));
        drain(&server);
        took
    };
    let samples: Vec<Duration> = (0..ROUNDS).map(&mut note).collect();
    eprintln!(
        "room: note → inbox with {PHONES} phones: p99 {:?} over {ROUNDS}",
        p99(samples)
    );
    let mut k = ROUNDS;
    c.bench_function("room/note_to_inbox_150_phones", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    k += 1;
                    note(k)
                })
                .sum()
        })
    });

    // A canvas change to every page: published, then seen by all 150.
    let mut rev = 0u64;
    let mut change = || -> Vec<Duration> {
        rev += 1;
        canvas.set_title(format!("rev {rev}"));
        let start = Instant::now();
        server.publish(Shown {
            canvas: canvas.clone(),
            ..Shown::default()
        });
        let mut got = Vec::with_capacity(PHONES);
        while got.len() < PHONES {
            let (_, n, at) = seen.recv_timeout(Duration::from_secs(5)).unwrap();
            if n == rev {
                got.push(at.saturating_duration_since(start));
            }
        }
        got
    };
    let mut all = Vec::new();
    for _ in 0..ROUNDS {
        all.extend(change());
    }
    eprintln!(
        "room: canvas change → every page ({PHONES}): p99 {:?} over {} page updates",
        p99(all),
        ROUNDS * PHONES
    );
    c.bench_function("room/canvas_change_to_all_150_pages", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| change().into_iter().max().unwrap_or_default())
                .sum()
        })
    });
    drop(phones);
    server.stop();
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App) {
    let mut output = ctx.run_ui(input(), |ui| app.show(ui));
    output.textures_delta.clear();
}

/// The editor's frame on 300 notes with the room closed, and open with 150 phones sending a
/// note or a vote every 5 ms, with the Room window closed and showing.
fn bench_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let ctx = egui::Context::default();
    let mut app = App::new(
        &ctx,
        AppConfig {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
            dialogs: Box::new(ScriptedDialogs::default()),
            clipboard: Box::new(fitcanvas_app::MemoryClipboard::default()),
            clock: Box::new(Instant::now),
            tone: Box::new(fitcanvas_app::Silence),
        },
    );
    let canvas = generated(300);
    let voted = canvas.items(Section::Pains)[0].id().as_str().to_owned();
    app.doc = Document::opened(canvas, None);
    app.screen = Screen::Canvas;
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut group = c.benchmark_group("room/editor_frame_300_notes");
    group.bench_function("room_closed", |b| b.iter(|| frame(&ctx, &mut app)));

    app.room.loopback = true;
    app.push(Command::Room(RoomCommand::Open));
    frame(&ctx, &mut app);
    let server = app.room.server().unwrap();
    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Gains,
            private: true,
        }));
        r.start_round(fitcanvas_room::state::RoundRules {
            budget: 3,
            one_per_note: false,
        });
    });
    let url = format!("ws://127.0.0.1:{}{}/ws", server.port(), server.path());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (seen_tx, _seen) = mpsc::channel();
    let phones = phones(&rt, &url, PHONES, seen_tx);
    app.push(Command::Room(RoomCommand::ShowWindow(false)));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    group.bench_function("room_open_idle", |b| b.iter(|| frame(&ctx, &mut app)));
    // Busy: a note or a vote every 5 ms, round the phones.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let busy = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut i = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let phone = &phones[i % PHONES];
                let msg = if i.is_multiple_of(2) {
                    format!(r#"{{"type":"note","area":"gains","text":"busy {i}"}}"#)
                } else {
                    format!(
                        r#"{{"type":"vote","note":"{voted}","count":{}}}"#,
                        (i / 2) % 4
                    )
                };
                let _ = phone.send(msg);
                i += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    // Presenting, the Room window is usually closed (R brings it up): the room's own cost.
    group.bench_function("room_open_busy", |b| b.iter(|| frame(&ctx, &mut app)));
    // And with the Room window showing its inbox (up to 20 notes), QR code and controls.
    app.push(Command::Room(RoomCommand::ShowWindow(true)));
    frame(&ctx, &mut app);
    group.bench_function("room_open_busy_window_shown", |b| {
        b.iter(|| frame(&ctx, &mut app))
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = busy.join();
    // Closed again, to tell the room's cost from the machine's drift during the run.
    app.push(Command::Room(RoomCommand::Close));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    group.bench_function("room_closed_again", |b| b.iter(|| frame(&ctx, &mut app)));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(8));
    targets = bench_room, bench_frame
}
criterion_main!(benches);
