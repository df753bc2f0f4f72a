#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The room's server, for real: HTTP and WebSocket clients on loopback against the server the
//! app starts, checking what a participant's phone and an attacker on the Wi-Fi would see.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fitcanvas_model::Canvas;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::{Timer, Walkthrough};
use fitcanvas_room::protocol::TimerView;
use fitcanvas_room::server::{RoomConfig, RoomEvent, RoomServer, Shown};
use fitcanvas_room::state::{RoundRules, Writing};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const WAIT: Duration = Duration::from_secs(5);

fn start() -> RoomServer {
    let mut config = RoomConfig::new(Arc::new(|| {}));
    config.bind = "127.0.0.1".parse().unwrap();
    RoomServer::start(config).unwrap()
}

fn canvas() -> Canvas {
    let mut c = Canvas::new();
    c.set_title("Lunch delivery");
    c.add_item(Section::Pains, "Slow checkout");
    c.add_item(Section::Pains, "Hidden fees");
    c.add_item(Section::Gains, "Fast delivery");
    c
}

fn publish(server: &RoomServer, canvas: &Canvas) {
    let mut walkthrough = Walkthrough::default();
    walkthrough.forward();
    walkthrough.forward();
    let mut timer = Timer::new(5.0);
    timer.start(0.0);
    server.publish(Shown {
        canvas: canvas.clone(),
        walkthrough,
        timer: Some(TimerView::new(&timer, 30.0)),
    });
}

fn note_id(c: &Canvas, s: Section, i: usize) -> String {
    c.items(s)[i].id().as_str().to_owned()
}

fn ws_url(server: &RoomServer, path: &str) -> String {
    format!("ws://127.0.0.1:{}{path}/ws", server.port())
}

/// A participant's page, as a WebSocket client.
struct Phone {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Phone {
    async fn open(server: &RoomServer) -> Phone {
        let (ws, _) = tokio_tungstenite::connect_async(ws_url(server, &server.path()))
            .await
            .unwrap();
        Phone { ws }
    }

    async fn join(server: &RoomServer, device: &str) -> Phone {
        let mut phone = Phone::open(server).await;
        phone
            .send(json!({"type": "hello", "device": device, "name": null}))
            .await;
        phone.next("view").await;
        phone.next("you").await;
        phone
    }

    async fn send(&mut self, msg: Value) {
        self.ws.send(Message::text(msg.to_string())).await.unwrap();
    }

    /// The next message of this type, skipping others; panics after [`WAIT`].
    async fn next(&mut self, kind: &str) -> Value {
        self.next_where(kind, |_| true).await
    }

    async fn next_where(&mut self, kind: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .unwrap_or_else(|_| panic!("no {kind} message in time"))
                .unwrap_or_else(|| panic!("closed while waiting for {kind}"))
                .unwrap();
            if let Message::Text(text) = msg {
                let v: Value = serde_json::from_str(&text).unwrap();
                if v["type"] == kind && pred(&v) {
                    return v;
                }
            }
        }
    }

    /// Reads until the server closes the socket; true if it did within [`WAIT`].
    async fn closed(&mut self) -> bool {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return false,
                Ok(None) | Ok(Some(Err(_))) | Ok(Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}

/// One plain HTTP GET; the status code and the whole answer.
async fn get(server: &RoomServer, path: &str) -> (u16, String) {
    let mut tcp = TcpStream::connect(("127.0.0.1", server.port()))
        .await
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: room\r\nConnection: close\r\n\r\n");
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(WAIT, tcp.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let code = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, answer)
}

async fn events_until(server: &RoomServer, pred: impl Fn(&RoomEvent) -> bool) -> RoomEvent {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(e) = server.events().into_iter().find(&pred) {
            return e;
        }
        assert!(Instant::now() < deadline, "no such event in time");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn device(n: usize) -> String {
    format!("test-device-{n:06}")
}

#[tokio::test]
async fn the_page_and_its_files_are_served_with_the_token_and_nothing_else() {
    let server = start();
    let path = server.path();
    // The short join address sends the browser on to the page.
    let (code, moved) = get(&server, &path).await;
    assert_eq!(code, 303);
    assert!(moved.contains(&format!("location: {path}/\r\n")), "{moved}");
    let (code, page) = get(&server, &format!("{path}/")).await;
    assert_eq!(code, 200, "{page}");
    assert!(page.contains("app.js") && page.contains("<textarea"));
    assert!(page.contains("content-security-policy: default-src 'none'"));
    assert!(page.contains("referrer-policy: no-referrer"));
    let (code, js) = get(&server, &format!("{path}/app.js")).await;
    assert_eq!(code, 200);
    assert!(js.contains("textContent") && !js.contains("innerHTML"));
    assert_eq!(get(&server, &format!("{path}/app.css")).await.0, 200);
    // The token's case does not matter (typed on a phone), anything else does.
    assert_eq!(
        get(&server, &format!("{}/", path.to_uppercase())).await.0,
        200
    );
    for bad in [
        "/".to_owned(),
        format!("{path}/../Cargo.toml"),
        format!("{path}/secrets"),
        "/etc/passwd".to_owned(),
        format!("{path}x"),
    ] {
        assert_eq!(get(&server, &bad).await.0, 404, "{bad}");
    }
    // Everything embedded stays small on a phone's connection.
    let total = page.len() + js.len() + get(&server, &format!("{path}/app.css")).await.1.len();
    assert!(total < 150 * 1024, "{total} bytes");
}

#[tokio::test]
async fn wrong_tokens_get_a_plain_refusal_at_a_limited_rate() {
    let server = start();
    let (code, body) = get(&server, "/aaaaaaaaaaaaaaaaaaaa").await;
    assert_eq!(code, 404);
    assert!(body.ends_with("Not found\n"), "{body}");
    let refused = tokio_tungstenite::connect_async(ws_url(&server, "/aaaaaaaaaaaaaaaaaaaa")).await;
    assert!(refused.is_err(), "a socket with a wrong token is refused");
    let mut codes = Vec::new();
    for i in 0..40 {
        codes.push(get(&server, &format!("/guess{i:015}")).await.0);
    }
    assert!(codes.contains(&429), "guessing is slowed down: {codes:?}");
    assert!(codes.iter().all(|c| *c == 404 || *c == 429));
    // The room itself still works for everyone.
    assert_eq!(get(&server, &format!("{}/", server.path())).await.0, 200);
    Phone::join(&server, &device(1)).await;
}

#[tokio::test]
async fn a_note_written_on_a_phone_reaches_the_inbox_cleaned() {
    let server = start();
    let c = canvas();
    publish(&server, &c);
    let mut phone = Phone::join(&server, &device(1)).await;
    phone
        .send(json!({"type": "note", "area": "pains", "text": "Too early"}))
        .await;
    let error = phone.next("error").await;
    assert_eq!(error["code"], "writing_closed");

    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }))
    });
    let you = phone.next_where("you", |v| !v["writing"].is_null()).await;
    assert_eq!(you["writing"]["area"], "pains");
    let sent = Instant::now();
    phone
        .send(json!({"type": "note", "area": "pains", "text": "  Queues\u{7} at\nlunch <b>!</b>"}))
        .await;
    let event = events_until(&server, |e| matches!(e, RoomEvent::Submitted { .. })).await;
    let latency = sent.elapsed();
    let RoomEvent::Submitted { text, section, .. } = event else {
        unreachable!()
    };
    assert_eq!(text, "Queues at lunch <b>!</b>");
    assert_eq!(section, Section::Pains);
    assert!(latency < Duration::from_millis(500), "{latency:?}");
    assert_eq!(server.read(|r| r.inbox().len()), 1);
    let you = phone
        .next_where("you", |v| {
            v["submitted"].as_array().is_some_and(|a| !a.is_empty())
        })
        .await;
    assert_eq!(you["submitted"][0]["outcome"], "waiting");

    // The view every page gets: the canvas, the spotlit area and the timer.
    let mut other = Phone::open(&server).await;
    other
        .send(json!({"type": "hello", "device": device(2), "name": "Ana"}))
        .await;
    let view = other.next("view").await;
    assert_eq!(view["spot"], "pains");
    assert_eq!(view["title"], "Lunch delivery");
    assert_eq!(view["areas"][1]["notes"][0]["text"], "Slow checkout");
    assert_eq!(view["timer"]["running"], true);
    assert_eq!(view["timer"]["remaining"], 270.0);
    let you = other.next("you").await;
    assert_eq!(you["name"], "Ana");
    assert!(
        you["shared"].as_array().unwrap().is_empty(),
        "private writing"
    );
}

#[tokio::test]
async fn a_vote_round_keeps_its_rules_and_stays_hidden_until_it_ends() {
    let server = start();
    let mut c = canvas();
    publish(&server, &c);
    let (a, b) = (
        note_id(&c, Section::Pains, 0),
        note_id(&c, Section::Pains, 1),
    );
    let mut one = Phone::join(&server, &device(1)).await;
    let mut two = Phone::join(&server, &device(2)).await;
    one.send(json!({"type": "vote", "note": a, "count": 1}))
        .await;
    assert_eq!(one.next("error").await["code"], "no_round");

    server.update(|r| {
        r.start_round(RoundRules {
            budget: 2,
            one_per_note: true,
        })
    });
    one.next_where("you", |v| !v["round"].is_null()).await;
    one.send(json!({"type": "vote", "note": a, "count": 2}))
        .await;
    assert_eq!(one.next("error").await["code"], "one_per_note");
    one.send(json!({"type": "vote", "note": a, "count": 1}))
        .await;
    one.send(json!({"type": "vote", "note": b, "count": 1}))
        .await;
    let you = one.next_where("you", |v| v["round"]["left"] == 0).await;
    assert_eq!(you["votes"][&a], 1);
    let g = note_id(&c, Section::Gains, 0);
    one.send(json!({"type": "vote", "note": g, "count": 1}))
        .await;
    assert_eq!(one.next("error").await["code"], "over_budget");
    // Changing one's mind until the round ends.
    one.send(json!({"type": "vote", "note": b, "count": 0}))
        .await;
    one.send(json!({"type": "vote", "note": g, "count": 1}))
        .await;
    one.next_where("you", |v| v["votes"].get(&g).is_some())
        .await;
    two.send(json!({"type": "vote", "note": "no-such-note", "count": 1}))
        .await;
    assert_eq!(two.next("error").await["code"], "unknown_note");
    two.send(json!({"type": "vote", "note": a, "count": 1}))
        .await;
    let theirs = two
        .next_where("you", |v| v["votes"].get(&a).is_some())
        .await;
    assert!(
        theirs["votes"].get(&g).is_none(),
        "nobody sees another's dots"
    );
    // Hidden: the facilitator sees how many, never where.
    let progress = server.read(|r| r.round()).unwrap();
    assert_eq!((progress.voters, progress.dots), (2, 3));

    let edit = server.update(|r| r.end_round(&c)).unwrap();
    c.apply(edit).unwrap();
    publish(&server, &c);
    let view = two
        .next_where("view", |v| v["areas"][1]["notes"][0]["votes"] == 2)
        .await;
    assert_eq!(view["areas"][2]["notes"][0]["votes"], 1);
    assert_eq!(view["areas"][1]["notes"][1]["votes"], 0);
}

#[tokio::test]
async fn a_phone_that_reconnects_keeps_its_votes_and_notes() {
    let server = start();
    let c = canvas();
    publish(&server, &c);
    let a = note_id(&c, Section::Pains, 0);
    server.update(|r| {
        r.start_round(RoundRules {
            budget: 3,
            one_per_note: false,
        });
        r.set_writing(Some(Writing {
            section: Section::Gains,
            private: false,
        }));
    });
    let mut phone = Phone::join(&server, &device(7)).await;
    phone
        .send(json!({"type": "vote", "note": a, "count": 2}))
        .await;
    phone
        .send(json!({"type": "note", "area": "gains", "text": "Warm food"}))
        .await;
    phone
        .next_where("you", |v| {
            v["votes"][&a] == 2 && v["submitted"][0]["text"] == "Warm food"
        })
        .await;
    drop(phone);
    let mut again = Phone::open(&server).await;
    again
        .send(json!({"type": "hello", "device": device(7)}))
        .await;
    let you = again.next("you").await;
    assert_eq!(you["votes"][&a], 2);
    assert_eq!(you["round"]["left"], 1);
    assert_eq!(you["submitted"][0]["text"], "Warm food");
    assert_eq!(you["shared"][0], "Warm food", "live writing");
    assert_eq!(server.read(|r| r.devices().len()), 1, "the same device");
}

#[tokio::test]
async fn oversized_malformed_and_binary_messages_cut_off_only_their_sender() {
    let server = start();
    publish(&server, &canvas());
    let mut big = Phone::join(&server, &device(1)).await;
    let mut garbage = Phone::join(&server, &device(2)).await;
    let mut binary = Phone::join(&server, &device(3)).await;
    let mut fine = Phone::join(&server, &device(4)).await;
    let text = "x".repeat(64 * 1024);
    let _ = big
        .ws
        .send(Message::text(
            json!({"type": "note", "area": "pains", "text": text}).to_string(),
        ))
        .await;
    assert!(big.closed().await, "an oversized message closes its socket");
    garbage.ws.send(Message::text("{not json")).await.unwrap();
    assert_eq!(garbage.next("error").await["code"], "bad_message");
    assert!(garbage.closed().await);
    binary
        .ws
        .send(Message::binary(vec![0u8, 159, 146, 150]))
        .await
        .unwrap();
    assert!(binary.closed().await);
    fine.send(json!({"type": "ping"})).await;
    fine.next("pong").await;

    // A socket that does not start with a proper hello is turned away.
    let mut rude = Phone::open(&server).await;
    rude.send(json!({"type": "hello", "device": "<script>"}))
        .await;
    assert_eq!(rude.next("error").await["code"], "hello_first");
    assert!(rude.closed().await);
}

#[tokio::test]
async fn a_flood_is_throttled_and_does_not_slow_anyone_else() {
    let server = start();
    publish(&server, &canvas());
    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Jobs,
            private: true,
        }))
    });
    let mut flood = Phone::join(&server, &device(1)).await;
    let mut calm = Phone::join(&server, &device(2)).await;
    for _ in 0..2_000 {
        if flood
            .ws
            .send(Message::text(r#"{"type":"ping"}"#))
            .await
            .is_err()
        {
            break;
        }
    }
    assert!(flood.closed().await, "a flooding socket is closed");
    let sent = Instant::now();
    calm.send(json!({"type": "note", "area": "jobs", "text": "Book a table"}))
        .await;
    events_until(
        &server,
        |e| matches!(e, RoomEvent::Submitted { text, .. } if text == "Book a table"),
    )
    .await;
    assert!(sent.elapsed() < Duration::from_millis(500));
    // The flooding device's notes are bounded too.
    let mut notes = Phone::join(&server, &device(3)).await;
    for i in 0..25 {
        notes
            .send(json!({"type": "note", "area": "jobs", "text": format!("n{i}")}))
            .await;
    }
    notes
        .next_where("error", |v| v["code"] == "inbox_full")
        .await;
}

#[tokio::test]
async fn removed_devices_and_closed_joining_are_turned_away() {
    let server = start();
    publish(&server, &canvas());
    let mut gone = Phone::join(&server, &device(1)).await;
    let _stays = Phone::join(&server, &device(2)).await;
    let key = server.read(|r| r.devices()[0].0.clone());
    server.update(|r| r.remove_device(&key));
    gone.next("bye").await;
    assert!(gone.closed().await);
    let mut back = Phone::open(&server).await;
    back.send(json!({"type": "hello", "device": device(1)}))
        .await;
    assert_eq!(back.next("error").await["code"], "removed");

    server.update(|r| r.set_joining(false));
    let mut late = Phone::open(&server).await;
    late.send(json!({"type": "hello", "device": device(3)}))
        .await;
    assert_eq!(late.next("error").await["code"], "joining_closed");
    // Someone already in can still come back.
    Phone::join(&server, &device(2)).await;
}

#[tokio::test]
async fn a_new_join_address_moves_the_pages_in_and_shuts_the_old_one() {
    let server = start();
    publish(&server, &canvas());
    let old = server.path();
    let mut phone = Phone::join(&server, &device(1)).await;
    server.rotate().unwrap();
    let moved = phone.next("moved").await;
    assert_eq!(moved["path"], server.path());
    assert_ne!(server.path(), old);
    assert_eq!(get(&server, &old).await.0, 404);
    assert_eq!(get(&server, &format!("{}/", server.path())).await.0, 200);
}

#[tokio::test]
async fn closing_the_room_says_goodbye_and_stops_listening() {
    let server = start();
    publish(&server, &canvas());
    let port = server.port();
    let mut phone = Phone::join(&server, &device(1)).await;
    server.stop();
    phone.next("bye").await;
    assert!(phone.closed().await);
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_and_fifty_phones_all_see_a_canvas_change() {
    let server = start();
    let mut c = canvas();
    publish(&server, &c);
    let mut phones = Vec::new();
    for i in 0..150 {
        phones.push(Phone::join(&server, &device(i)).await);
    }
    assert_eq!(server.read(|r| r.connected()), 150);
    c.add_item(Section::Jobs, "Order for the team");
    let sent = Instant::now();
    publish(&server, &c);
    let mut slowest = Duration::ZERO;
    for phone in &mut phones {
        phone
            .next_where("view", |v| {
                v["areas"][0]["notes"][0]["text"] == "Order for the team"
            })
            .await;
        slowest = slowest.max(sent.elapsed());
    }
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
}

#[tokio::test]
async fn a_slowloris_connection_is_cut_off_and_others_are_served() {
    let server = start();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port()))
        .await
        .unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: room\r\n")
        .await
        .unwrap();
    let opened = Instant::now();
    // Meanwhile the room answers others at once.
    assert_eq!(get(&server, &format!("{}/", server.path())).await.0, 200);
    let mut buf = [0u8; 256];
    loop {
        // A header line now and then, never the end of the headers.
        let _ = slow.write_all(b"X-Slow: 1\r\n").await;
        match tokio::time::timeout(Duration::from_millis(500), slow.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(_)) => {}
            Err(_) => assert!(opened.elapsed() < Duration::from_secs(9), "still open"),
        }
    }
    let took = opened.elapsed();
    assert!(
        took >= Duration::from_secs(4) && took < Duration::from_secs(9),
        "{took:?}"
    );
}

#[tokio::test]
async fn a_page_that_stops_reading_is_dropped_and_the_rest_go_on() {
    let server = start();
    let mut c = canvas();
    for i in 0..300 {
        c.add_item(
            Section::Jobs,
            format!("A fairly long note to fill the pipe {i:04}"),
        );
    }
    publish(&server, &c);
    // A raw socket that upgrades, says hello and then never reads.
    let (mut stuck, _) = tokio_tungstenite::connect_async(ws_url(&server, &server.path()))
        .await
        .unwrap();
    stuck
        .send(Message::text(
            json!({"type":"hello","device":device(1)}).to_string(),
        ))
        .await
        .unwrap();
    let mut fine = Phone::join(&server, &device(2)).await;
    for i in 0..60 {
        c.add_item(Section::Gains, format!("g{i}"));
        publish(&server, &c);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    fine.next_where("view", |v| {
        v["areas"][2]["notes"]
            .as_array()
            .is_some_and(|a| a.len() == 61)
    })
    .await;
    drop(stuck);
}

#[tokio::test]
async fn names_are_optional_cleaned_and_two_tabs_are_one_device() {
    let server = start();
    publish(&server, &canvas());
    let mut tab = Phone::join(&server, &device(1)).await;
    let _second_tab = Phone::join(&server, &device(1)).await;
    assert_eq!(server.read(|r| r.connected()), 1);
    assert_eq!(server.read(|r| r.devices()[0].1.label()), "Participant 1");
    tab.send(json!({"type": "name", "name": " Ana\u{0} B.\n "}))
        .await;
    let you = tab.next_where("you", |v| !v["name"].is_null()).await;
    assert_eq!(you["name"], "Ana B.");
    assert_eq!(server.read(|r| r.devices()[0].1.label()), "Ana B.");
    tab.send(json!({"type": "name", "name": ""})).await;
    let you = tab.next_where("you", |v| v["name"].is_null()).await;
    assert_eq!(you["label"], "Participant 1", "anonymous again");
}

#[tokio::test]
async fn a_full_room_turns_new_devices_away() {
    let mut config = RoomConfig::new(Arc::new(|| {}));
    config.bind = "127.0.0.1".parse().unwrap();
    config.max_devices = 3;
    let server = RoomServer::start(config).unwrap();
    publish(&server, &canvas());
    for i in 0..3 {
        Phone::join(&server, &device(i)).await;
    }
    let mut fourth = Phone::open(&server).await;
    fourth
        .send(json!({"type": "hello", "device": device(9)}))
        .await;
    assert_eq!(fourth.next("error").await["code"], "room_full");
    fourth.next("bye").await;
    // Those already in still get back in.
    Phone::join(&server, &device(0)).await;
}

/// A room whose sockets must say hello, and then keep talking, within a fraction of a second.
fn start_impatient() -> RoomServer {
    let mut config = RoomConfig::new(Arc::new(|| {}));
    config.bind = "127.0.0.1".parse().unwrap();
    config.timeouts = fitcanvas_room::limits::SocketTimeouts {
        hello: Duration::from_millis(200),
        idle: Duration::from_millis(300),
    };
    RoomServer::start(config).unwrap()
}

#[tokio::test]
async fn a_socket_that_never_says_hello_is_closed() {
    let server = start_impatient();
    publish(&server, &canvas());
    let mut silent = Phone::open(&server).await;
    // Told why, then closed; it never joined.
    let error = silent.next("error").await;
    assert_eq!(error["code"], "hello_first");
    assert!(silent.closed().await);
    assert_eq!(server.read(|r| r.devices().len()), 0);
    // The room still takes a page that does say hello.
    let _phone = Phone::join(&server, &device(1)).await;
}

#[tokio::test]
async fn a_socket_that_goes_quiet_is_closed_and_the_device_can_come_back() {
    let server = start_impatient();
    publish(&server, &canvas());
    let mut quiet = Phone::join(&server, &device(1)).await;
    assert!(quiet.closed().await, "an idle socket is closed");
    events_until(&server, |e| *e == RoomEvent::Left).await;
    assert_eq!(server.read(|r| r.connected()), 0);
    // Closed for quiet, not removed: the same device joins again.
    let mut back = Phone::join(&server, &device(1)).await;
    back.send(json!({"type": "ping"})).await;
    back.next("pong").await;
}

#[tokio::test]
async fn a_phone_is_told_when_its_accepted_note_is_undone_and_redone() {
    let server = start();
    let before = canvas();
    publish(&server, &before);
    let mut phone = Phone::join(&server, &device(1)).await;
    server.update(|r| {
        r.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }))
    });
    phone
        .send(json!({"type": "note", "area": "pains", "text": "No receipts"}))
        .await;
    events_until(&server, |e| matches!(e, RoomEvent::Submitted { .. })).await;
    // The facilitator accepts it, as the app does: the edit applied, then resolved.
    let (id, edit, note) = server.read(|r| {
        let id = r.inbox()[0].id;
        let (edit, note) = r.accept_edit(id, &before).unwrap();
        (id, edit, note)
    });
    let mut accepted = before.clone();
    accepted.apply(edit).unwrap();
    publish(&server, &accepted);
    server.update(|r| {
        r.resolve(id, fitcanvas_room::protocol::Outcome::Accepted, Some(&note));
    });
    let outcome = |v: &Value| v["submitted"][0]["outcome"].clone();
    let you = phone.next_where("you", |v| outcome(v) == "accepted").await;
    assert_eq!(you["submitted"][0]["note"], note.as_str());
    // Undone: the canvas the room sees no longer has it, and the phone hears so.
    publish(&server, &before);
    phone.next_where("you", |v| outcome(v) == "removed").await;
    // Redone: on the canvas again.
    publish(&server, &accepted);
    phone.next_where("you", |v| outcome(v) == "accepted").await;
}
