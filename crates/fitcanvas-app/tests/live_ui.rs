#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Live co-editing driven in the window: File → Share live… hosting on this desktop's hub,
//! File → Join live… with the invite in a second window, presence outlined on the canvas, the
//! title bar's live / offline / reconnecting, edits made offline merging when the server is
//! back (also after the window crashed and was restored), and undo taking back only this
//! desktop's own edits while a peer edits. The network is real: hubs on 127.0.0.1, port 0, and
//! `@y/websocket-server` from tests/live-node for sharing through a sync server.

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::{App, Command, LiveCommand, Screen};
use fitcanvas_live::Replica;
use fitcanvas_live::client::{Endpoint, Status};
use fitcanvas_live::hub::{Hub, HubConfig};
use fitcanvas_model::section::Section;

use fitcanvas_testkit::live_peer as live_support;
mod support;

use live_support::{Peer, Server, free_port};
use support::*;

/// Steps `step` until it says done, for at most 20 s.
fn until(what: &str, mut step: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if step() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for {what}");
}

/// A window whose `run` waits out the repaints the network thread asks for.
fn window(setup: &Setup) -> Harness<'static, App> {
    setup.harness_with_steps((1280.0, 800.0), 40)
}

fn example(setup: &Setup) -> Harness<'static, App> {
    let mut h = window(setup);
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    assert_eq!(h.state().screen, Screen::Canvas);
    h
}

fn loopback_hub(port: u16, token: Option<String>) -> Hub {
    Hub::start(HubConfig {
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        port,
        token,
    })
    .unwrap()
}

/// File → Share live…, as Ada, on this desktop's hub (loopback only).
fn share(h: &mut Harness<'_, App>, name: &str) -> String {
    h.state_mut().live.loopback = true;
    click(h, "File");
    click(h, "Share live…");
    h.state_mut().live.form.name = name.to_owned();
    click(h, "Share on this network");
    until("sharing to go live", || {
        h.step();
        h.state().live.connection() == Some(Status::Live)
    });
    h.run();
    h.state().live.invite().unwrap()
}

/// File → Join live…, the invite typed into the Join window.
fn join(h: &mut Harness<'_, App>, name: &str, invite: &str) {
    click(h, "File");
    click(h, "Join live…");
    h.state_mut().live.form.name = name.to_owned();
    h.state_mut().live.form.invite.clear();
    h.get_by_label("Invite").click();
    h.run();
    h.get_by_label("Invite").type_text(invite);
    h.run();
    click(h, "Join");
}

/// Ada's window sharing the example, and a headless desktop that joined with the invite.
fn shared_with_a_peer(setup: &Setup, client: u64) -> (Harness<'static, App>, Peer) {
    let mut h = example(setup);
    let invite = share(&mut h, "Ada");
    let mut peer = Peer::connect(Endpoint::parse(&invite).unwrap(), Replica::empty(client));
    until("the peer to have the canvas", || {
        h.step();
        peer.pump();
        peer.status == Status::Live && peer.canvas == *h.state().canvas()
    });
    assert_eq!(
        peer.canvas.len(),
        setup_example_len(),
        "the example was shared"
    );
    (h, peer)
}

fn is_live(h: &Harness<'_, App>) -> bool {
    h.state().live.connection() == Some(Status::Live)
}

#[test]
fn share_live_shows_the_invite_and_its_qr_code_and_the_title_says_live() {
    let setup = Setup::new();
    let mut h = example(&setup);
    let invite = share(&mut h, "Ada");
    assert!(invite.starts_with("ws://127.0.0.1:"), "{invite}");
    let endpoint = Endpoint::parse(&invite).unwrap();
    assert!(endpoint.url.ends_with("/canvas"), "{invite}");
    assert_eq!(endpoint.token.unwrap().len(), 20);
    h.get_by_label(&invite);
    h.get_by_label(&format!("QR code to join the live canvas: {invite}"));
    h.get_by_label("Ada (you)");
    assert!(
        h.state().title().ends_with("— Fitcanvas — live (1 person)"),
        "{}",
        h.state().title()
    );
    h.get_by_label("· live (1 person)");
    click(&mut h, "Copy invite");
    assert_eq!(h.state().status, "Invite copied");

    click(&mut h, "Stop sharing");
    assert!(!h.state().live.is_on());
    assert!(!h.state().title().contains("live"), "{}", h.state().title());
    assert!(h.query_by_label("· live (1 person)").is_none());
    // The canvas stays, as an ordinary one.
    assert_eq!(h.state().canvas().len(), setup_example_len());
    // The name and colour given are offered again next time.
    let colour = h.state().live.form.colour;
    drop(h);
    let mut again = example(&setup);
    click(&mut again, "File");
    click(&mut again, "Share live…");
    assert_eq!(again.state().live.form.name, "Ada");
    assert_eq!(again.state().live.form.colour, colour);
}

fn setup_example_len() -> usize {
    fitcanvas_model::format::load_file(
        &fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json"),
    )
    .unwrap()
    .len()
}

#[test]
fn a_second_desktop_joins_by_invite_and_each_sees_the_other_on_their_note() {
    let (setup_a, setup_b) = (Setup::new(), Setup::new());
    let mut a = example(&setup_a);
    let invite = share(&mut a, "Ada");
    let mut b = window(&setup_b);
    join(&mut b, "Bo", &invite);
    until("both live with one canvas", || {
        a.step();
        b.step();
        is_live(&b) && b.state().canvas() == a.state().canvas()
    });
    until("each to count two people", || {
        a.step();
        b.step();
        a.state().title().ends_with("live (2 people)")
            && b.state().title().ends_with("live (2 people)")
    });
    a.run();
    b.run();
    a.get_by_label("Bo");
    b.get_by_label("Ada");
    b.get_by_label("· live (2 people)");

    // Bo selects a note: Ada sees it outlined, Bo's name on a tag above it.
    let pains = texts(&b, Section::Pains);
    let note = pains[0].clone();
    click_note(&mut b, &note);
    let tag = format!("Bo is on “{note}”");
    until("Bo's presence on the note", || {
        a.step();
        b.step();
        a.query_by_label(&tag).is_some()
    });
    let id = id_of(&a, &note);
    let note_rect = a.state().view.note_rects[&id];
    let tag_rect = a.get_by_label(&tag).rect();
    assert!(
        (tag_rect.left() - note_rect.left()).abs() < 1.0
            && tag_rect.bottom() <= note_rect.top()
            && tag_rect.bottom() > note_rect.top() - 8.0,
        "the tag {tag_rect:?} sits on the note {note_rect:?}"
    );
    // Bo moves to another note: the tag follows.
    let other = pains[1].clone();
    click_note(&mut b, &other);
    until("the tag to move", || {
        a.step();
        b.step();
        a.query_by_label(&format!("Bo is on “{other}”")).is_some()
            && a.query_by_label(&tag).is_none()
    });

    // Bo types into the note; Ada's canvas follows.
    b.key_press(Key::F2);
    b.run();
    b.event(egui::Event::Text(" (typed by Bo)".into()));
    b.run();
    b.key_press(Key::Enter);
    b.run();
    let typed = format!("{other} (typed by Bo)");
    until("Bo's typing on Ada's canvas", || {
        a.step();
        b.step();
        texts(&a, Section::Pains).contains(&typed)
    });

    // Bo saves the shared canvas: an ordinary canvas file, the same canvas.
    let saved = setup_b.path("shared.fitcanvas.json");
    b.state_mut().push(Command::SaveTo(saved.clone()));
    b.run();
    assert_eq!(
        fitcanvas_model::format::load_file(&saved).unwrap(),
        *b.state().canvas()
    );
    assert!(!b.state().doc.is_dirty());

    // Bo leaves: Ada is alone again.
    b.state_mut().push(Command::Live(LiveCommand::Stop));
    b.run();
    until("Bo to be gone", || {
        a.step();
        a.state().title().ends_with("live (1 person)")
    });
    a.run();
    assert!(a.query_by_label(&format!("Bo is on “{other}”")).is_none());
}

#[test]
fn the_title_says_offline_and_reconnecting_and_offline_edits_merge_when_the_server_is_back() {
    // The reference y-websocket server, which wants no token (one given is sent all the same).
    let port = free_port();
    let node = Server::start(port);
    let server = node.url("team");
    let token = "not-checked-here".to_owned();
    let (setup_a, setup_b) = (Setup::new(), Setup::new());
    // Ada shares through the server with its token.
    let mut a = example(&setup_a);
    click(&mut a, "File");
    click(&mut a, "Share live…");
    for (field, text) in [("Server", &server), ("Token", &token)] {
        a.get_by_label(field).click();
        a.run();
        a.get_by_label(field).type_text(text);
        a.run();
    }
    click(&mut a, "Share through the server");
    let invite = a.state().live.invite().unwrap();
    assert_eq!(invite, format!("{server}?token={token}"));
    let mut b = window(&setup_b);
    join(&mut b, "Bo", &invite);
    until("both live with one canvas", || {
        a.step();
        b.step();
        is_live(&a) && is_live(&b) && a.state().canvas() == b.state().canvas()
    });
    assert_eq!(
        b.state().canvas().len(),
        setup_example_len(),
        "the example was shared"
    );

    // The server goes: nothing answers on its port.
    drop(node);
    until("offline", || {
        a.step();
        b.step();
        a.state().title().ends_with("— offline")
    });
    a.run();
    a.get_by_label("· offline");
    // Something answers the port but not the handshake: the next attempt hangs, reconnecting.
    let hung = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    until("reconnecting", || {
        a.step();
        b.step();
        a.state().title().ends_with("— reconnecting")
    });
    drop(hung);
    // Both keep editing while the server is away.
    a.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Written offline by Ada".into(),
    });
    b.state_mut().push(Command::AddNote {
        section: Section::Gains,
        text: "Written offline by Bo".into(),
    });
    a.run();
    b.run();
    assert_ne!(a.state().canvas(), b.state().canvas());

    // A new server knows nothing: the desktops bring it the canvas again.
    let _node = Server::start(port);
    until("reconnecting and merging", || {
        a.step();
        b.step();
        is_live(&a)
            && is_live(&b)
            && a.state().canvas() == b.state().canvas()
            && texts(&a, Section::Gains).contains(&"Written offline by Bo".to_owned())
            && a.state().title().ends_with("— live (2 people)")
    });
    assert!(texts(&b, Section::Jobs).contains(&"Written offline by Ada".to_owned()));
}

#[test]
fn undo_takes_back_only_this_desktops_edits_while_a_peer_edits() {
    let setup = Setup::new();
    let (mut h, mut peer) = shared_with_a_peer(&setup, 777);
    let pump = |h: &mut Harness<'_, App>, peer: &mut Peer| {
        h.step();
        peer.pump();
    };

    // Ada adds a note; the peer adds one; Ada edits the peer's; the peer votes on it.
    h.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Mine".into(),
    });
    h.run();
    let theirs = peer.add(Section::Gains, "Theirs");
    until("the peer's note", || {
        pump(&mut h, &mut peer);
        h.state().canvas().item(&theirs).is_some()
    });
    click_note(&mut h, "Theirs");
    h.key_press(Key::F2);
    h.run();
    h.event(egui::Event::Text(", edited by Ada".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    peer.edit(fitcanvas_model::Edit::AddVotes {
        id: theirs.clone(),
        by: 2,
    });
    until("both edits everywhere", || {
        pump(&mut h, &mut peer);
        let ours = h.state().canvas().item(&theirs).unwrap();
        ours.votes() == 2 && peer.canvas.item(&theirs).unwrap().text() == "Theirs, edited by Ada"
    });

    // Ctrl+Z takes back Ada's edit of the text, not the peer's note or votes.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let note = h.state().canvas().item(&theirs).unwrap();
    assert_eq!((note.text(), note.votes()), ("Theirs", 2));
    // Again: Ada's own note goes; the peer's stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!texts(&h, Section::Jobs).contains(&"Mine".to_owned()));
    assert!(h.state().canvas().item(&theirs).is_some());
    assert!(
        !h.state().doc.can_undo(),
        "the peer's edits are not Ada's to undo"
    );
    until("the undos to reach the peer", || {
        pump(&mut h, &mut peer);
        peer.canvas == *h.state().canvas()
    });
    assert_eq!(peer.canvas.item(&theirs).unwrap().text(), "Theirs");
}

#[test]
fn a_window_restored_after_a_crash_carries_on_and_its_offline_edits_merge() {
    let hub = loopback_hub(0, None);
    let (port, token) = (hub.port(), hub.token().to_owned());
    let invite = format!("ws://127.0.0.1:{port}/team?token={token}");
    let setup = Setup::new();
    let mut a = example(&setup);
    a.state_mut().live.form.server = format!("ws://127.0.0.1:{port}/team");
    a.state_mut().live.form.token = token.clone();
    a.state_mut()
        .push(Command::Live(LiveCommand::ShareOnServer));
    let mut peer = Peer::connect(Endpoint::parse(&invite).unwrap(), Replica::empty(888));
    until("the peer to have the canvas", || {
        a.step();
        peer.pump();
        peer.status == Status::Live && peer.canvas == *a.state().canvas()
    });
    assert_eq!(
        peer.canvas.len(),
        setup_example_len(),
        "the example was shared"
    );

    drop(hub);
    until("Ada offline", || {
        a.step();
        !is_live(&a)
    });
    a.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Offline, before the crash".into(),
    });
    a.run();
    // The recovery file is written a few seconds after the change, the live state beside it.
    setup.advance(Duration::from_secs(4));
    a.run();
    let kept: Vec<_> = std::fs::read_dir(setup.path("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "live" || x == "livesession")
        })
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    // The window dies (its recovery files stay); the peer edits meanwhile.
    drop(a);
    let from_peer = peer.add(Section::Gains, "While Ada was gone");

    let _hub = loopback_hub(port, Some(token));
    let mut a = window(&setup);
    click(&mut a, "Restore");
    assert!(a.state().live.is_on(), "{}", a.state().status);
    until("the restored window to merge", || {
        a.step();
        peer.pump();
        is_live(&a)
            && peer.status == Status::Live
            && peer.canvas == *a.state().canvas()
            && a.state().canvas().item(&from_peer).is_some()
    });
    assert!(texts(&a, Section::Jobs).contains(&"Offline, before the crash".to_owned()));
    assert!(
        a.state().title().contains("— live ("),
        "{}",
        a.state().title()
    );
}

#[test]
fn joining_without_the_invites_secret_says_so_and_shows_nothing_of_the_canvas() {
    let setup_a = Setup::new();
    let mut a = example(&setup_a);
    let invite = share(&mut a, "Ada");
    let (url, _) = invite.split_once("?token=").unwrap();
    let setup_b = Setup::new();
    let mut b = window(&setup_b);
    join(&mut b, "Eve", &format!("{url}?token=guessedguessedguess2"));
    until("the refusal", || {
        a.step();
        b.step();
        b.state()
            .live
            .status
            .contains("did not let this desktop in")
    });
    b.run();
    b.get_by_label_contains("HTTP 404");
    assert!(!is_live(&b));
    assert!(b.state().canvas().is_empty());
    assert!(a.state().title().ends_with("live (1 person)"));
    // Not an invite at all: said in the Join window, nothing opened.
    b.state_mut().push(Command::Live(LiveCommand::Stop));
    b.run();
    join(&mut b, "Eve", "https://example.org/x");
    b.get_by_label_contains("Not an invite");
    assert!(!b.state().live.is_on());
}

#[test]
fn snapshot_presence_outlined_on_the_canvas() {
    let (setup_a, setup_b) = (Setup::new(), Setup::new());
    let mut a = example(&setup_a);
    let invite = share(&mut a, "Ada");
    let mut b = window(&setup_b);
    b.state_mut().live.form.colour = Some([0x2b, 0x6c, 0xd8]);
    join(&mut b, "Bo", &invite);
    until("both live", || {
        a.step();
        b.step();
        is_live(&b) && b.state().canvas() == a.state().canvas()
    });
    let note = texts(&b, Section::Gains)[1].clone();
    click_note(&mut b, &note);
    let tag = format!("Bo is on “{note}”");
    until("Bo's presence", || {
        a.step();
        b.step();
        a.query_by_label(&tag).is_some()
    });
    // The window with the invite (a random port and secret) is closed for the picture.
    a.state_mut().push(Command::Live(LiveCommand::CloseWindow));
    a.run();
    a.snapshot("live_presence");
}

#[test]
fn typing_in_a_note_while_a_peer_changes_it_keeps_both_changes() {
    let setup = Setup::new();
    let (mut h, mut peer) = shared_with_a_peer(&setup, 999);
    let text = texts(&h, Section::Pains)[0].clone();
    let id = id_of(&h, &text);
    // Ada starts typing at the end of the note, in place.
    click_note(&mut h, &text);
    h.key_press(Key::F2);
    h.run();
    h.event(egui::Event::Text(" (Ada)".into()));
    h.run();
    // Meanwhile the peer puts a word in front.
    peer.edit(fitcanvas_model::Edit::SetText {
        id: id.clone(),
        text: format!("Often: {text}"),
    });
    until("the peer's change", || {
        h.step();
        peer.pump();
        h.state()
            .canvas()
            .item(&id)
            .unwrap()
            .text()
            .starts_with("Often: ")
    });
    // Her next key lands where she was typing, after "(Ada)", not seven letters back.
    h.event(egui::Event::Text("!".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let both = format!("Often: {text} (Ada)!");
    assert_eq!(h.state().canvas().item(&id).unwrap().text(), both);
    until("the peer to see both", || {
        h.step();
        peer.pump();
        peer.canvas.item(&id).unwrap().text() == both
    });
}

#[test]
fn a_window_closed_with_edits_the_others_lack_keeps_them_for_the_next_start() {
    let port = free_port();
    let node = Server::start(port);
    let setup = Setup::new();
    let mut a = example(&setup);
    a.state_mut().live.form.server = node.url("closed");
    a.state_mut()
        .push(Command::Live(LiveCommand::ShareOnServer));
    let mut peer = Peer::join(&node.url("closed"), Replica::empty(4321));
    until("the peer to have the canvas", || {
        a.step();
        peer.pump();
        peer.status == Status::Live && peer.canvas == *a.state().canvas()
    });
    assert_eq!(
        peer.canvas.len(),
        setup_example_len(),
        "the example was shared"
    );
    assert!(!a.state().live.has_unsent());
    drop(node);
    until("Ada offline", || {
        a.step();
        !is_live(&a)
    });
    a.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Made offline, then the window closed".into(),
    });
    a.run();
    assert!(a.state().live.has_unsent());
    // Ada closes the window and does not save to a file: the shared canvas's edit is kept.
    close_window(&mut a);
    a.run();
    click(&mut a, "Don't save");
    drop(a);

    let _node = Server::start(port);
    let mut a = window(&setup);
    a.get_by_label_contains("It was shared live");
    click(&mut a, "Restore");
    until("the edit to reach the peer", || {
        a.step();
        peer.pump();
        is_live(&a)
            && peer
                .canvas
                .all_items()
                .any(|(_, i)| i.text() == "Made offline, then the window closed")
    });
    assert!(!a.state().live.has_unsent());
}

#[test]
fn sharing_into_a_server_room_that_holds_a_canvas_is_refused_and_changes_nothing() {
    let node = Server::start(free_port());
    let url = node.url("taken");
    let mut theirs = fitcanvas_model::Canvas::new();
    theirs.set_title("Theirs");
    theirs.add_item(Section::Jobs, "Already here");
    let mut first = Peer::join(&url, Replica::share(&theirs, 5));
    live_support::wait(&mut [&mut first], "the first to share", |p| {
        p[0].status == Status::Live
    });
    let setup = Setup::new();
    let mut a = example(&setup);
    let mine = a.state().canvas().clone();
    a.state_mut().live.form.server = url.clone();
    a.state_mut()
        .push(Command::Live(LiveCommand::ShareOnServer));
    until("the refusal", || {
        a.step();
        a.state().live.status.contains("already holds")
    });
    a.run();
    a.get_by_label_contains("that room already holds “Theirs” (1 note)");
    assert!(!a.state().live.is_on());
    assert_eq!(*a.state().canvas(), mine);
    // The room still holds only the first canvas.
    let mut late = Peer::join(&url, Replica::empty(6));
    live_support::wait(&mut [&mut first, &mut late], "a late joiner", |p| {
        p[1].status == Status::Live && p[1].canvas == p[0].canvas
    });
    assert_eq!(late.canvas, theirs);
}

#[test]
fn a_window_that_crashed_before_its_canvas_reached_the_server_restores_the_canvas_alone() {
    // Nothing listens on the server's port: the canvas never goes in.
    let port = free_port();
    let setup = Setup::new();
    let mut a = example(&setup);
    a.state_mut().live.form.server = format!("ws://127.0.0.1:{port}/never");
    a.state_mut()
        .push(Command::Live(LiveCommand::ShareOnServer));
    a.run();
    assert!(a.state().live.is_on() && !is_live(&a));
    a.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Added while sharing waited".into(),
    });
    a.run();
    setup.advance(Duration::from_secs(4));
    a.run();
    assert_eq!(setup.recovery_files().len(), 1);
    let live_files = std::fs::read_dir(setup.path("data"))
        .unwrap()
        .filter(|e| {
            let path = e.as_ref().unwrap().path();
            path.extension().is_some_and(|x| x == "live")
        })
        .count();
    assert_eq!(
        live_files, 0,
        "nothing was shared, so no live state is kept"
    );
    drop(a);
    let mut a = window(&setup);
    click(&mut a, "Restore");
    assert!(!a.state().live.is_on());
    assert_eq!(a.state().canvas().len(), setup_example_len() + 1);
}
