//! Running the real `fitcanvas` binary with a window, for the command-line tests of
//! subcommands that open the editor (`present --room`, `share`, `join`): an X server of its
//! own (Xvfb, installed by scripts/install-system-deps.sh), settings and recovery in a folder
//! of the test's own, and standard output read line by line with a deadline.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Kills a child process of this test when dropped, pass or fail.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads lines from `from` on a thread, so the test can wait with a deadline.
pub fn lines(from: impl Read + Send + 'static) -> mpsc::Receiver<String> {
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

/// An X server for the windows of one test.
pub struct Display {
    pub number: String,
    _xvfb: Killed,
}

impl Display {
    pub fn start() -> Display {
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
        let out = lines(xvfb.stdout.take().unwrap());
        let xvfb = Killed(xvfb);
        let number = out
            .recv_timeout(Duration::from_secs(20))
            .expect("Xvfb said which display it took");
        Display {
            number,
            _xvfb: xvfb,
        }
    }

    /// Starts `fitcanvas ARGS` on this display with its folders under `home`; answers the
    /// process and its standard output's lines.
    pub fn run(&self, home: &Path, args: &[&std::ffi::OsStr]) -> (Killed, mpsc::Receiver<String>) {
        let runtime = home.join("runtime");
        std::fs::create_dir_all(&runtime).unwrap();
        let mut app = Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
            .args(args)
            .env("DISPLAY", format!(":{}", self.number))
            .env_remove("WAYLAND_DISPLAY")
            // Settings and recovery go to a folder of the test's own.
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = lines(app.stdout.take().unwrap());
        (Killed(app), out)
    }
}
