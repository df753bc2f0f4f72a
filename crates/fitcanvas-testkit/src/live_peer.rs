//! What the live tests share: a headless Fitcanvas desktop (a canvas, its replica and its
//! connection, pumped by hand as the window does once a frame) and the reference y-websocket
//! server, `@y/websocket-server` 0.1.1 from tests/live-node (installed by
//! scripts/install-system-deps.sh; the tests fail, never skip, when it is missing).

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fitcanvas_live::Replica;
use fitcanvas_live::client::{Client, Endpoint, Event, Status};
use fitcanvas_live::presence::Presence;
use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use fitcanvas_model::ItemId;
use fitcanvas_model::Section;

/// A headless Fitcanvas desktop: its canvas, its replica and its connection.
pub struct Peer {
    pub canvas: Canvas,
    pub replica: Replica,
    pub client: Client,
    pub status: Status,
    pub refused: Vec<String>,
    pub others: Vec<Presence>,
}

impl Peer {
    pub fn join(url: &str, replica: Replica) -> Peer {
        let endpoint = Endpoint {
            url: url.to_owned(),
            token: None,
        };
        Peer::connect(endpoint, replica)
    }

    pub fn connect(endpoint: Endpoint, replica: Replica) -> Peer {
        let client = Client::connect(
            endpoint,
            replica.client(),
            &replica.state(),
            Arc::new(|| {}),
        )
        .unwrap();
        let mut canvas = replica.canvas();
        canvas.set_id_suffix(&replica.id_suffix());
        Peer {
            canvas,
            replica,
            client,
            status: Status::Connecting,
            refused: Vec::new(),
            others: Vec::new(),
        }
    }

    pub fn pump(&mut self) {
        for event in self.client.poll() {
            match event {
                Event::Status(status) => self.status = status,
                Event::Update(update) => {
                    self.replica.apply_update(&update).unwrap();
                    for edit in self.replica.catch_up(&self.canvas) {
                        self.canvas.apply(edit).unwrap();
                    }
                }
                Event::Presence(states) => {
                    self.others = states
                        .iter()
                        .filter_map(|(_, json)| Presence::parse(json))
                        .collect();
                }
                Event::Refused(reason) => self.refused.push(reason),
            }
        }
    }

    pub fn edit(&mut self, edit: Edit) {
        let edit = self.replica.prepare(edit, &self.canvas);
        let applied = self.canvas.apply(edit.clone()).unwrap();
        let update = self.replica.local(&edit, &applied, &self.canvas);
        self.client.send_update(update);
    }

    pub fn add(&mut self, section: Section, text: &str) -> ItemId {
        let id = self.canvas.next_id(section);
        self.edit(Edit::AddNote {
            section,
            index: self.canvas.items(section).len(),
            id: id.clone(),
            text: text.into(),
        });
        id
    }
}

/// Pumps every peer until `done` holds, for at most 15 s.
pub fn wait(peers: &mut [&mut Peer], what: &str, done: impl Fn(&[&mut Peer]) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        for peer in peers.iter_mut() {
            peer.pump();
        }
        if done(peers) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for {what}");
}

pub fn node_dir() -> PathBuf {
    crate::at_root("crates/fitcanvas-live/tests/live-node")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `@y/websocket-server`; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(port: u16) -> Server {
        let script = node_dir().join("node_modules/@y/websocket-server/src/server.js");
        assert!(
            script.exists(),
            "{} is missing: run scripts/install-system-deps.sh",
            script.display()
        );
        let mut child = Command::new("node")
            .arg(&script)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node must be installed (scripts/install-system-deps.sh)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.contains("running"), "the server said {line:?}");
        Server { child, port }
    }

    pub fn url(&self, room: &str) -> String {
        format!("ws://127.0.0.1:{}/{room}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
