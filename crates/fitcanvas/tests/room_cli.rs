#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `fitcanvas present FILE --room`, run for real: the release-like binary in an X server of its
//! own (Xvfb, installed by scripts/install-system-deps.sh), which must print exactly one line
//! `room: URL` on standard output once the room listens, and serve the page at that address.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

mod process;

#[test]
fn present_with_the_room_prints_one_line_with_an_address_that_serves_the_page() {
    let display = process::Display::start();
    let home = tempfile::tempdir().unwrap();
    let file = fitcanvas_testkit::workspace_root().join("assets/examples/farm-to-restaurant.json");
    let (_app, out) = display.run(
        home.path(),
        &["present".as_ref(), file.as_os_str(), "--room".as_ref()],
    );
    let line = out
        .recv_timeout(Duration::from_secs(90))
        .expect("a line on standard output");
    let url = line.strip_prefix("room: http://").expect(&line).to_owned();
    let (host, path) = url.split_once('/').unwrap();
    let port: u16 = host.rsplit_once(':').unwrap().1.parse().unwrap();
    assert_eq!(path.len(), 20, "the token: {line}");

    // The room listens on every address; the test asks on loopback only.
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        tcp,
        "GET /{path}/ HTTP/1.1\r\nHost: room\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("<textarea"));
    // Exactly one line: nothing more comes while the window runs.
    assert!(out.recv_timeout(Duration::from_secs(2)).is_err());
}
