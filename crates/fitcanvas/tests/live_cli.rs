#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `fitcanvas share FILE` and `fitcanvas join URL`, run for real in an X server of their own
//! (Xvfb): `share` must print exactly one line `invite: URL` once others can join; a headless
//! live client joining with that invite gets the file's canvas, and its edit reaches the
//! sharing window; `fitcanvas join` opens the same canvas in a second window; `share --server`
//! shares through `@y/websocket-server`. What the windows hold is read from their recovery
//! files, which they write a few seconds after a change.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fitcanvas_live::Replica;
use fitcanvas_live::client::{Endpoint, Status};
use fitcanvas_model::Canvas;
use fitcanvas_model::Section;

use fitcanvas_testkit::live_peer as live_support;
mod process;

use live_support::{Peer, Server, free_port, wait};

/// The canvases in the recovery files under `home`, newest written last.
fn recovered(home: &Path) -> Vec<Canvas> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("recovery-") && n.ends_with(".json"))
            {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&home.join("data"), &mut found);
    found
        .iter()
        .filter_map(|p| fitcanvas_model::format::load_file(p).ok())
        .collect()
}

/// Waits up to 60 s for a recovery file under `home` whose canvas satisfies `done`.
fn wait_for_recovery(home: &Path, what: &str, done: impl Fn(&Canvas) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if recovered(home).iter().any(&done) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let found: Vec<_> = recovered(home)
        .iter()
        .map(|c| (c.title().to_owned(), c.len()))
        .collect();
    panic!("no recovery file with {what}: {found:?}");
}

#[test]
fn share_prints_one_invite_that_a_client_and_fitcanvas_join_can_use() {
    let display = process::Display::start();
    let file = fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json");
    let shared = fitcanvas_model::format::load_file(&file).unwrap();
    let host_home = tempfile::tempdir().unwrap();
    let (_host, out) = display.run(host_home.path(), &["share".as_ref(), file.as_os_str()]);
    let line = out
        .recv_timeout(Duration::from_secs(90))
        .expect("a line on standard output");
    let invite = line.strip_prefix("invite: ").expect(&line).to_owned();
    let endpoint = Endpoint::parse(&invite).unwrap();
    assert!(endpoint.url.starts_with("ws://"), "{invite}");
    assert!(endpoint.url.ends_with("/canvas"), "{invite}");
    assert_eq!(
        endpoint.token.as_deref().map(str::len),
        Some(20),
        "{invite}"
    );

    // A headless desktop joins with the invite and gets the whole canvas.
    let mut peer = Peer::connect(endpoint.clone(), Replica::empty(4242));
    wait(&mut [&mut peer], "the shared canvas", |p| {
        p[0].status == Status::Live && p[0].canvas.len() == shared.len()
    });
    assert_eq!(peer.canvas, shared);
    // Its edit reaches the sharing window (seen in the recovery file it then writes).
    let gain = peer.add(Section::Gains, "Added by a headless peer");
    wait(&mut [&mut peer], "the edit to go out", |_| true);
    wait_for_recovery(host_home.path(), "the peer's note", |c| {
        c.item(&gain).is_some()
    });

    // `fitcanvas join` opens the same canvas, the peer's note included.
    let join_home = tempfile::tempdir().unwrap();
    let (_joined, join_out) = display.run(join_home.path(), &["join".as_ref(), invite.as_ref()]);
    wait_for_recovery(join_home.path(), "the shared canvas", |c| {
        c.len() == shared.len() + 1 && c.item(&gain).is_some() && c.title() == shared.title()
    });
    // Exactly one line from `share`, and none from `join`.
    assert!(out.recv_timeout(Duration::from_secs(1)).is_err());
    assert!(join_out.try_recv().is_err());
}

/// Through a sync server (`@y/websocket-server`): the invite is the server's room with the
/// token, printed once the canvas is in the room.
#[test]
fn share_through_a_server_prints_the_rooms_invite_once_the_canvas_is_there() {
    let node = Server::start(free_port());
    let room = node.url("from-cli");
    let display = process::Display::start();
    let file = fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json");
    let shared = fitcanvas_model::format::load_file(&file).unwrap();
    let home = tempfile::tempdir().unwrap();
    let args = [
        "share".as_ref(),
        file.as_os_str(),
        "--server".as_ref(),
        room.as_ref(),
    ];
    let (_host, out) = display.run(
        home.path(),
        &[&args[..], &["--token".as_ref(), "t0k".as_ref()]].concat(),
    );
    let line = out
        .recv_timeout(Duration::from_secs(90))
        .expect("a line on standard output");
    assert_eq!(line, format!("invite: {room}?token=t0k"));
    let mut peer = Peer::join(&room, Replica::empty(77));
    wait(&mut [&mut peer], "the shared canvas", |p| {
        p[0].status == Status::Live && p[0].canvas.len() == shared.len()
    });
    assert_eq!(peer.canvas, shared);
}

#[test]
fn share_and_join_refuse_what_they_cannot_use() {
    let bin = env!("CARGO_BIN_EXE_fitcanvas");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["share", "/nonexistent/canvas.json"]);
    assert_eq!(code, Some(2), "{err}");
    let file = fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json");
    let file = file.to_str().unwrap();
    let (code, err) = run(&["share", file, "--server", "ws://sync.example.org/team"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("wss://"), "{err}");
    let (code, err) = run(&["join", "https://example.org/x"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("ws://"), "{err}");
}
