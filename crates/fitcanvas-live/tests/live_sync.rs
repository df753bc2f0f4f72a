#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Live co-editing through a real y-websocket server: `@y/websocket-server` 0.1.1 from
//! tests/live-node (installed by scripts/install-system-deps.sh). These tests fail, never
//! skip, when Node or the server is missing.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use fitcanvas_live::Replica;
use fitcanvas_live::client::{Endpoint, Status};
use fitcanvas_live::hub::{Hub, HubConfig};
use fitcanvas_live::presence::Presence;
use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use fitcanvas_model::ItemId;
use fitcanvas_model::Section;

use fitcanvas_testkit::live_peer as live_support;

use live_support::{Peer, Server, free_port, node_dir, wait};

fn seed() -> Canvas {
    let mut canvas = Canvas::new();
    canvas.set_title("Shared");
    let pain = canvas.add_item(Section::Pains, "Too many tabs");
    let fix = canvas.add_item(Section::PainRelievers, "One list");
    canvas.link(&fix, &pain).unwrap();
    canvas
}

#[test]
fn two_desktops_converge_through_the_server() {
    let server = Server::start(free_port());
    let url = server.url("converge");
    let mut a = Peer::join(&url, Replica::share(&seed(), 11));
    let mut b = Peer::join(&url, Replica::empty(22));
    wait(&mut [&mut a, &mut b], "the first sync", |p| {
        p[1].canvas == p[0].canvas && p[1].status == Status::Live
    });
    assert_eq!(b.canvas.title(), "Shared");

    let job = a.add(Section::Jobs, "Book a flight");
    let gain = b.add(Section::Gains, "Cheap");
    b.edit(Edit::AddVotes {
        id: ItemId::new("pain-1").unwrap(),
        by: 1,
    });
    a.edit(Edit::AddVotes {
        id: ItemId::new("pain-1").unwrap(),
        by: 2,
    });
    wait(&mut [&mut a, &mut b], "both edits", |p| {
        p[0].canvas == p[1].canvas && p[0].canvas.len() == 4
    });
    assert!(a.canvas.item(&gain).is_some() && b.canvas.item(&job).is_some());
    assert_ne!(job, gain);
    assert_eq!(a.canvas.item("pain-1").unwrap().votes(), 3);
    assert!(a.refused.is_empty() && b.refused.is_empty());
}

#[test]
fn each_desktop_sees_who_else_is_there_and_which_note_they_are_on() {
    let server = Server::start(free_port());
    let url = server.url("presence");
    let mut a = Peer::join(&url, Replica::share(&seed(), 12));
    let mut b = Peer::join(&url, Replica::empty(34));
    let ada = Presence {
        name: "Ada".into(),
        colour: "#d03030".into(),
        note: ItemId::new("pain-1"),
    };
    a.client.set_presence(ada.to_json());
    b.client.set_presence(
        Presence {
            name: "Bo".into(),
            colour: "#3030d0".into(),
            note: None,
        }
        .to_json(),
    );
    wait(&mut [&mut a, &mut b], "each other's presence", |p| {
        p[1].others.contains(&ada) && p[0].others.iter().any(|o| o.name == "Bo")
    });
    // Ada moves on to another note.
    let moved = Presence {
        note: ItemId::new("reliever-1"),
        ..ada
    };
    a.client.set_presence(moved.to_json());
    wait(&mut [&mut a, &mut b], "the new note", |p| {
        p[1].others.contains(&moved)
    });
}

#[test]
fn offline_edits_merge_when_the_server_comes_back() {
    let port = free_port();
    let server = Server::start(port);
    let url = server.url("restart");
    let mut a = Peer::join(&url, Replica::share(&seed(), 33));
    let mut b = Peer::join(&url, Replica::empty(44));
    wait(&mut [&mut a, &mut b], "the first sync", |p| {
        p[1].canvas == p[0].canvas && p[1].status == Status::Live
    });

    drop(server);
    wait(&mut [&mut a, &mut b], "both to see the server gone", |p| {
        p.iter().all(|p| p.status != Status::Live)
    });
    // Both keep editing while the server is down, the same note's text too.
    let offline_a = a.add(Section::Jobs, "Written offline on A");
    let offline_b = b.add(Section::Jobs, "Written offline on B");
    a.edit(Edit::SetText {
        id: ItemId::new("pain-1").unwrap(),
        text: "Far too many tabs".into(),
    });
    b.edit(Edit::SetText {
        id: ItemId::new("pain-1").unwrap(),
        text: "Too many tabs open".into(),
    });

    // A new server knows nothing: the desktops bring it the canvas again.
    let _server = Server::start(port);
    wait(&mut [&mut a, &mut b], "reconnecting and merging", |p| {
        p.iter().all(|p| p.status == Status::Live) && p[0].canvas == p[1].canvas && {
            p[0].canvas.len() == 4
        }
    });
    assert!(a.canvas.item(&offline_b).is_some() && b.canvas.item(&offline_a).is_some());
    assert_eq!(
        a.canvas.item("pain-1").unwrap().text(),
        "Far too many tabs open"
    );
}

#[test]
fn a_desktop_restarted_offline_merges_its_kept_state() {
    let port = free_port();
    let server = Server::start(port);
    let url = server.url("kept");
    let mut a = Peer::join(&url, Replica::share(&seed(), 55));
    let mut b = Peer::join(&url, Replica::empty(66));
    wait(&mut [&mut a, &mut b], "the first sync", |p| {
        p[1].canvas == p[0].canvas && p[1].status == Status::Live
    });
    // B goes offline (its app quits), edits are made on both sides meanwhile.
    let kept_client = b.replica.client();
    drop(b.client);
    let mut b_replica = b.replica;
    let mut b_canvas = b.canvas;
    let id = b_canvas.next_id(Section::Gains);
    let edit = Edit::AddNote {
        section: Section::Gains,
        index: 0,
        id: id.clone(),
        text: "Made offline, then the app quit".into(),
    };
    let applied = b_canvas.apply(edit.clone()).unwrap();
    let _ = b_replica.local(&edit, &applied, &b_canvas);
    let kept = b_replica.state();
    let from_a = a.add(Section::Jobs, "Made while B was away");
    wait(&mut [&mut a], "A's own edit", |_| true);

    // B starts again from the state kept beside its recovery file.
    let restored = Replica::restore(kept_client, &kept).unwrap();
    let mut b = Peer::join(&url, restored);
    wait(
        &mut [&mut a, &mut b],
        "the restarted desktop to merge",
        |p| p[0].canvas == p[1].canvas && p[0].canvas.len() == 4,
    );
    assert!(a.canvas.item(&id).is_some() && b.canvas.item(&from_a).is_some());
    drop(server);
}

/// A Yjs client in Node (`yjs` + `y-websocket`) writes a note and a link through the documented
/// schema and the Fitcanvas peer shows them; then Fitcanvas writes one and Node reads it.
#[test]
fn a_javascript_yjs_client_and_fitcanvas_read_each_others_notes() {
    let server = Server::start(free_port());
    let url = server.url("interop");
    let a = Peer::join(&url, Replica::share(&seed(), 77));
    javascript_and_fitcanvas_read_each_other(a, &url);
}

/// The same through a desktop's hub: the JavaScript client joins with the invite, token and all.
#[test]
fn a_javascript_yjs_client_joins_a_desktops_hub_with_the_invite() {
    let hub = loopback_hub();
    let a = Peer::connect(hub.own_endpoint("interop"), Replica::share(&seed(), 78));
    let invite = hub.invites("interop").remove(0);
    javascript_and_fitcanvas_read_each_other(a, &invite);
}

fn javascript_and_fitcanvas_read_each_other(mut a: Peer, url: &str) {
    wait(&mut [&mut a], "connecting", |p| p[0].status == Status::Live);
    let mut node = Command::new("node")
        .arg(node_dir().join("peer.mjs"))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node must be installed (scripts/install-system-deps.sh)");
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "wrote pain-js");
    wait(&mut [&mut a], "the note from JavaScript", |p| {
        p[0].canvas.item("pain-js").is_some()
    });
    let pain = a.canvas.item("pain-js").unwrap();
    assert_eq!(pain.text(), "Written in JavaScript");
    assert_eq!(pain.weight(), 4);
    assert_eq!(a.canvas.locate("pain-js").unwrap(), (Section::Pains, 0));
    let fix = a.canvas.item("reliever-1").unwrap();
    assert!(fix.addresses().iter().any(|t| t == "pain-js"));

    let id = a.add(Section::Gains, "Written in Rust");
    a.edit(Edit::SetWeight {
        id: id.clone(),
        weight: 5,
    });
    let seen = lines.next().unwrap().unwrap();
    assert_eq!(seen, format!("read {id} gains 5 Written in Rust"));
    assert!(node.wait().unwrap().success());
}

#[test]
fn a_malformed_message_disconnects_without_harming_the_canvas() {
    // A server that answers every connection with garbage, then an oversized frame.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let bad = std::thread::spawn(move || {
        for (round, stream) in listener.incoming().take(2).enumerate() {
            let mut socket = tungstenite::accept(stream.unwrap()).unwrap();
            let payload = if round == 0 {
                // A sync message whose update is not a Yjs update.
                vec![0, 2, 5, 0xff, 0xfe, 0xfd, 0x01, 0x02]
            } else {
                vec![0; fitcanvas_live::MAX_UPDATE_BYTES + 4096]
            };
            let _ = socket.send(tungstenite::Message::Binary(payload.into()));
            let _ = socket.read();
        }
    });
    let mut a = Peer::join(
        &format!("ws://127.0.0.1:{port}/bad"),
        Replica::share(&seed(), 88),
    );
    let before = a.canvas.clone();
    wait(&mut [&mut a], "both refusals", |p| p[0].refused.len() >= 2);
    assert!(a.refused[1].contains("too large"), "{:?}", a.refused);
    assert_eq!(a.canvas, before);
    assert_eq!(a.replica.canvas(), before);
    drop(a);
    let _ = bad.join();
}

fn loopback_hub() -> Hub {
    Hub::start(HubConfig {
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        ..HubConfig::default()
    })
    .unwrap()
}

/// The sharing desktop connects to its own hub like everyone else; a joiner comes in with the
/// invite and both converge, presence included; a joiner that leaves is taken off the others'.
#[test]
fn two_desktops_converge_through_a_desktops_hub() {
    let hub = loopback_hub();
    let invite = hub.invites("canvas").remove(0);
    assert!(invite.starts_with("ws://127.0.0.1:"), "{invite}");
    assert!(invite.ends_with(&format!("/canvas?token={}", hub.token())));
    let mut a = Peer::connect(hub.own_endpoint("canvas"), Replica::share(&seed(), 101));
    let mut b = Peer::connect(Endpoint::parse(&invite).unwrap(), Replica::empty(202));
    b.client.set_presence(
        Presence {
            name: "Bo".into(),
            colour: "#3030d0".into(),
            note: ItemId::new("pain-1"),
        }
        .to_json(),
    );
    wait(&mut [&mut a, &mut b], "the first sync", |p| {
        p[1].canvas == p[0].canvas && p[1].status == Status::Live
    });
    let job = a.add(Section::Jobs, "Book a flight");
    let gain = b.add(Section::Gains, "Cheap");
    wait(&mut [&mut a, &mut b], "both edits and B's presence", |p| {
        p[0].canvas == p[1].canvas
            && p[0].canvas.len() == 4
            && p[0].others.iter().any(|o| o.name == "Bo")
    });
    assert!(a.canvas.item(&gain).is_some() && b.canvas.item(&job).is_some());
    assert_eq!(hub.sockets(), 2);
    drop(b);
    wait(&mut [&mut a], "B's presence to go", |p| {
        p[0].others.is_empty()
    });
    assert!(a.refused.is_empty());
}

/// Without the invite's secret nobody gets in; a socket sending garbage or an update that is
/// not one is closed, and the canvas of those connected is untouched.
#[test]
fn a_hub_refuses_a_wrong_token_and_closes_a_socket_that_sends_garbage() {
    let hub = loopback_hub();
    let mut a = Peer::connect(hub.own_endpoint("canvas"), Replica::share(&seed(), 303));
    wait(&mut [&mut a], "connecting", |p| p[0].status == Status::Live);
    let port = hub.port();
    for url in [
        format!("ws://127.0.0.1:{port}/canvas?token=wrong"),
        format!("ws://127.0.0.1:{port}/canvas"),
        format!("ws://127.0.0.1:{port}/other/path?token={}", hub.token()),
    ] {
        match tungstenite::connect(&url) {
            Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 404),
            other => panic!("{url} was let in: {:?}", other.map(|_| ())),
        }
    }
    let before = a.canvas.clone();
    let url = format!("ws://127.0.0.1:{port}/canvas?token={}", hub.token());
    for garbage in [
        vec![0xff, 0x00, 0x13],
        vec![0, 2, 5, 0xff, 0xfe, 0xfd, 0x01, 0x02],
    ] {
        let (mut socket, _) = tungstenite::connect(&url).unwrap();
        if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        }
        socket
            .send(tungstenite::Message::Binary(garbage.into()))
            .unwrap();
        // The hub's greeting, then the close (a read timing out is not a close).
        let closed = (0..4).any(|_| match socket.read() {
            Ok(tungstenite::Message::Close(_)) => true,
            Err(tungstenite::Error::Io(e)) => e.kind() == std::io::ErrorKind::ConnectionReset,
            Err(e) => !matches!(e, tungstenite::Error::Io(_)),
            Ok(_) => false,
        });
        assert!(closed, "the socket was not closed");
    }
    let mut b = Peer::connect(hub.own_endpoint("canvas"), Replica::empty(404));
    wait(&mut [&mut a, &mut b], "a joiner after the garbage", |p| {
        p[1].canvas == p[0].canvas && p[1].status == Status::Live
    });
    assert_eq!(a.canvas, before);
    assert!(a.refused.is_empty() && b.refused.is_empty());
}

/// Reads from `socket` until it is closed (true) or a read takes longer than `wait` (false).
fn closed_by_the_hub(
    socket: &mut tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    wait: Duration,
) -> bool {
    if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
        tcp.set_read_timeout(Some(wait)).unwrap();
    }
    loop {
        match socket.read() {
            Ok(tungstenite::Message::Close(_)) => return true,
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e)) => {
                return e.kind() == std::io::ErrorKind::ConnectionReset;
            }
            Err(_) => return true,
        }
    }
}

/// The hub's bounds hold: a flood of messages, a frame over the size limit and a socket
/// speaking for too many presences are each closed; past the socket limit nobody more gets in.
#[test]
fn a_hub_closes_sockets_past_its_bounds() {
    use fitcanvas_live::hub::{MAX_PRESENCES_PER_SOCKET, MAX_SOCKETS, MESSAGE_BURST};
    use yrs::sync::{AwarenessUpdate, Message};
    use yrs::updates::encoder::Encode;

    let hub = loopback_hub();
    let url = format!("ws://127.0.0.1:{}/canvas?token={}", hub.port(), hub.token());
    let connect = || tungstenite::connect(&url).unwrap().0;

    let harmless = Message::Auth(None).encode_v1();
    let long = Duration::from_secs(5);
    // A few harmless messages are taken.
    let mut socket = connect();
    for _ in 0..10 {
        socket
            .send(tungstenite::Message::Binary(harmless.clone().into()))
            .unwrap();
    }
    assert!(!closed_by_the_hub(&mut socket, Duration::from_millis(500)));
    drop(socket);
    // A flood: more messages than the burst allows, at once.
    let mut socket = connect();
    let mut sent = 0;
    while sent < 2 * MESSAGE_BURST as usize {
        if socket
            .send(tungstenite::Message::Binary(harmless.clone().into()))
            .is_err()
        {
            break;
        }
        sent += 1;
    }
    assert!(sent as f64 > MESSAGE_BURST / 2.0);
    assert!(
        closed_by_the_hub(&mut socket, long),
        "a flood was let through"
    );

    // A frame over the limit.
    let mut socket = connect();
    let big = vec![0u8; fitcanvas_live::MAX_UPDATE_BYTES + 4096];
    let _ = socket.send(tungstenite::Message::Binary(big.into()));
    assert!(
        closed_by_the_hub(&mut socket, long),
        "an oversized frame was taken"
    );

    // One socket speaking for more presences than a desktop has.
    let mut socket = connect();
    let clients = (1..=MAX_PRESENCES_PER_SOCKET as u64 + 1)
        .map(|id| {
            let entry = yrs::sync::awareness::AwarenessUpdateEntry {
                clock: 1,
                json: r##"{"name":"x","colour":"#000000"}"##.into(),
            };
            (yrs::block::ClientID::new(id), entry)
        })
        .collect();
    let presences = Message::Awareness(AwarenessUpdate { clients }).encode_v1();
    socket
        .send(tungstenite::Message::Binary(presences.into()))
        .unwrap();
    assert!(
        closed_by_the_hub(&mut socket, long),
        "too many presences were taken"
    );

    // As many sockets as allowed, then a refusal.
    drop(socket);
    let settle = |n: usize| {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while hub.sockets() != n && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(hub.sockets(), n);
    };
    settle(0);
    let mut open: Vec<_> = (0..MAX_SOCKETS).map(|_| connect()).collect();
    settle(MAX_SOCKETS);
    match tungstenite::connect(&url) {
        Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 503),
        other => panic!(
            "socket {} was let in: {:?}",
            MAX_SOCKETS + 1,
            other.map(|_| ())
        ),
    }
    open.clear();
}

/// A wss:// server is spoken to over TLS (its first bytes are a TLS handshake, with the
/// server's name), and a server that is not one only makes the desktop offline.
#[test]
fn wss_goes_over_tls() {
    use std::io::Read;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let endpoint = Endpoint::parse(&format!("wss://localhost:{port}/canvas?token=s3cret")).unwrap();
    let mut peer = Peer::connect(endpoint, Replica::share(&seed(), 99));
    let (mut tcp, _) = listener.accept().unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut hello = vec![0u8; 512];
    let n = tcp.read(&mut hello).unwrap();
    let hello = &hello[..n];
    // A TLS handshake record whose ClientHello names the server, and no token in the clear.
    assert_eq!(hello[0], 0x16, "not TLS: {hello:?}");
    assert!(hello.windows(9).any(|w| w == b"localhost"));
    assert!(!hello.windows(6).any(|w| w == b"s3cret"));
    drop(tcp);
    drop(listener);
    wait(&mut [&mut peer], "the desktop to be offline", |p| {
        p[0].status == Status::Offline
    });
}
