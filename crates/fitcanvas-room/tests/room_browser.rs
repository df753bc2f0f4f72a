#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The participant's page in a real browser: Debian's chromium (installed by
//! scripts/install-system-deps.sh), driven by playwright-core (pinned in tests/browser/) at
//! phone size, against the real room server on loopback. It joins, writes a note, votes,
//! changes its mind, reloads, sees the timer, and sees its note accepted and then undone. A missing browser or Node fails the test:
//! it never passes by skipping. `UPDATE_SCREENSHOTS=1` also writes docs/room-phone.png.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fitcanvas_model::Canvas;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::{Timer, Walkthrough};
use fitcanvas_room::protocol::{Outcome, TimerView};
use fitcanvas_room::server::{RoomConfig, RoomServer, Shown};
use fitcanvas_room::state::{RoundRules, Writing};

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Installs playwright-core from the lock file when it is not there yet.
fn install_driver() {
    let dir = browser_dir();
    if dir
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(&dir)
        .status()
        .expect("npm (Node.js) is needed for the browser test");
    assert!(status.success(), "npm ci in tests/browser failed");
}

#[test]
fn a_phone_joins_writes_votes_and_sees_the_timer_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        Path::new(&chromium).exists(),
        "no browser at {chromium}: run `bash scripts/install-system-deps.sh` (Debian's chromium)"
    );
    install_driver();

    let mut config = RoomConfig::new(Arc::new(|| {}));
    config.bind = "127.0.0.1".parse().unwrap();
    let server = RoomServer::start(config).unwrap();
    let mut canvas = Canvas::new();
    canvas.set_title("Lunch delivery");
    canvas.add_item(Section::Jobs, "Feed the team at noon");
    canvas.add_item(Section::Pains, "Slow checkout");
    canvas.add_item(Section::Pains, "Hidden fees");
    canvas.add_item(Section::Gains, "Fast delivery");
    canvas.add_item(Section::Products, "Lunch app");
    let mut walkthrough = Walkthrough::default();
    walkthrough.forward();
    walkthrough.forward();
    let mut timer = Timer::new(5.0);
    timer.start(0.0);
    let show = |canvas: &Canvas| {
        server.publish(Shown {
            canvas: canvas.clone(),
            walkthrough,
            timer: Some(TimerView::new(&timer, 12.0)),
        })
    };
    show(&canvas);
    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }));
        r.start_round(RoundRules {
            budget: 3,
            one_per_note: true,
        });
    });

    let out = tempfile::tempdir().unwrap();
    let url = server.urls()[0].clone();
    let mut child = Command::new("node")
        .arg(browser_dir().join("phone.mjs"))
        .arg(&url)
        .arg(out.path())
        .env("CHROMIUM", &chromium)
        .spawn()
        .expect("node (Node.js) is needed for the browser test");
    // Bounded: a browser that hangs fails the test rather than the CI run. Meanwhile the
    // facilitator's part: when the page says (by its display name) it is ready, its note is
    // accepted as the app does it, and once it has seen that, undone.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut inbox = Vec::new();
    let mut step = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser test took over two minutes");
        }
        let name = server.read(|r| r.devices().first().and_then(|(_, d)| d.name.clone()));
        match (step, name.as_deref()) {
            (0, Some("ready")) => {
                inbox = server.read(|r| r.inbox().iter().map(|s| s.text.clone()).collect());
                let id = server.read(|r| r.inbox()[0].id);
                let (edit, note) = server.read(|r| r.accept_edit(id, &canvas)).unwrap();
                let mut accepted = canvas.clone();
                accepted.apply(edit).unwrap();
                show(&accepted);
                server.update(|r| {
                    r.resolve(id, Outcome::Accepted, Some(&note));
                });
                step = 1;
            }
            (1, Some("seen")) => {
                show(&canvas);
                step = 2;
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the phone page failed in chromium");
    assert_eq!(step, 2, "the page saw its note accepted");

    // What the phone did reached the room.
    assert_eq!(inbox, ["Parking is a nightmare <b>really</b>"]);
    let progress = server.read(|r| r.round()).unwrap();
    assert_eq!((progress.voters, progress.dots), (1, 1));
    let shot = out.path().join("room-phone-390.png");
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
    assert!(out.path().join("room-phone-360.png").exists());
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let docs = fitcanvas_testkit::at_root("docs/room-phone.png");
        std::fs::copy(&shot, docs).unwrap();
    }
    server.stop();
}
