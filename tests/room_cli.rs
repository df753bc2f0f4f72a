#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `fitcanvas present FILE --room`, run for real: the release-like binary in an X server of its
//! own (Xvfb, installed by scripts/install-system-deps.sh), which must print exactly one line
//! `room: URL` on standard output once the room listens, and serve the page at that address.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Kills a child process of this test when dropped, pass or fail.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads lines from `from` on a thread, so the test can wait with a deadline.
fn lines(from: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

#[test]
fn present_with_the_room_prints_one_line_with_an_address_that_serves_the_page() {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is needed: run `bash scripts/install-system-deps.sh`");
    let xvfb_out = lines(xvfb.stdout.take().unwrap());
    let xvfb = Killed(xvfb);
    let display = xvfb_out
        .recv_timeout(Duration::from_secs(20))
        .expect("Xvfb said which display it took");
    let _ = &xvfb;

    let home = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/farm-to-restaurant.json");
    let runtime = home.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    let mut app = Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .arg("present")
        .arg(&file)
        .arg("--room")
        .env("DISPLAY", format!(":{display}"))
        .env_remove("WAYLAND_DISPLAY")
        // Settings and recovery go to a folder of the test's own.
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = lines(app.stdout.take().unwrap());
    let _app = Killed(app);
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
