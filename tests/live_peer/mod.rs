//! A headless Fitcanvas desktop for the live tests: a canvas, its replica and its
//! connection, pumped by hand, as the window does once a frame.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use fitcanvas::live::Replica;
use fitcanvas::live::client::{Client, Endpoint, Event, Status};
use fitcanvas::live::presence::Presence;
use fitcanvas::{Canvas, Edit, ItemId, Section};

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
