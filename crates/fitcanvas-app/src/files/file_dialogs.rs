//! Native file dialogs, run off the UI thread, behind a trait so tests can script them.
//!
//! `rfd` answers `None` both for "cancelled" and, at once, for "no dialog could be shown". So
//! before asking it, the app checks whether it can show one at all (on Linux: a file-chooser
//! portal on the session bus, or zenity, rfd's fallback); if not, it offers a typed path at
//! once. A portal that is there but broken still answers faster than a person could cancel,
//! and such an answer is taken as "unavailable" too.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::shell::commands::PathPurpose;

/// A dialog's answer.
#[derive(Debug, Clone)]
pub struct DialogReply {
    pub purpose: PathPurpose,
    pub path: Option<PathBuf>,
    /// True when no dialog could be shown at all.
    pub unavailable: bool,
}

/// Shows file dialogs and sends the answer on `reply`.
pub trait FileDialogs {
    fn request(
        &mut self,
        purpose: PathPurpose,
        suggested_name: &str,
        reply: Sender<DialogReply>,
        ctx: &egui::Context,
    );
}

/// Answers quicker than this are "no dialog could be shown".
const NO_PORTAL_WITHIN: Duration = Duration::from_millis(250);

/// The platform's dialogs through `rfd`.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn request(
        &mut self,
        purpose: PathPurpose,
        suggested_name: &str,
        reply: Sender<DialogReply>,
        ctx: &egui::Context,
    ) {
        let ctx = ctx.clone();
        let name = suggested_name.to_owned();
        std::thread::spawn(move || {
            let (path, unavailable) = if can_show_file_dialogs() {
                let started = Instant::now();
                let path = show_dialog(purpose, name);
                let unavailable = path.is_none() && started.elapsed() < NO_PORTAL_WITHIN;
                (path, unavailable)
            } else {
                (None, true)
            };
            let _ = reply.send(DialogReply {
                purpose,
                path,
                unavailable,
            });
            ctx.request_repaint();
        });
    }
}

/// Shows the platform's dialog for `purpose` (blocking) and returns the path chosen.
fn show_dialog(purpose: PathPurpose, name: String) -> Option<PathBuf> {
    let canvas = rfd::FileDialog::new().add_filter("Fitcanvas canvas", &["json"]);
    match purpose {
        PathPurpose::Open | PathPurpose::Compare => canvas.pick_file(),
        PathPurpose::SaveAs => canvas.set_file_name(name).save_file(),
        PathPurpose::Export(format) => {
            let exts: Vec<&str> = fitcanvas_picture::export::Format::ALL
                .iter()
                .find(|(f, _)| *f == format)
                .map(|(_, e)| e.to_vec())
                .unwrap_or_default();
            rfd::FileDialog::new()
                .add_filter(format.name(), &exts)
                .set_file_name(name)
                .save_file()
        }
    }
}

/// Whether `rfd` can show a file dialog here. Asked once; the answer is kept for the session.
pub fn can_show_file_dialogs() -> bool {
    static ANSWER: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ANSWER.get_or_init(platform_can_show_file_dialogs)
}

#[cfg(target_os = "linux")]
fn platform_can_show_file_dialogs() -> bool {
    // rfd uses the XDG desktop portal and falls back to the zenity program.
    zenity_on(std::env::var_os("PATH")) || portal_on_bus(None)
}

#[cfg(target_os = "linux")]
fn zenity_on(path_var: Option<std::ffi::OsString>) -> bool {
    path_var
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

#[cfg(not(target_os = "linux"))]
fn platform_can_show_file_dialogs() -> bool {
    true
}

/// Whether the session bus (or the bus at `address`) has, or can start, the desktop portal. A bus that does not answer
/// within a second is given the benefit of the doubt: rfd then tries, and the fast-answer rule
/// still catches a failure.
#[cfg(target_os = "linux")]
fn portal_on_bus(address: Option<String>) -> bool {
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let found = pollster::block_on(async {
            let conn = match address {
                Some(address) => zbus::connection::Builder::address(address.as_str())
                    .ok()?
                    .build()
                    .await
                    .ok()?,
                None => zbus::Connection::session().await.ok()?,
            };
            let bus = zbus::fdo::DBusProxy::new(&conn).await.ok()?;
            let name = zbus::names::BusName::try_from(PORTAL).ok()?;
            if bus.name_has_owner(name).await.ok()? {
                return Some(true);
            }
            let startable = bus.list_activatable_names().await.ok()?;
            Some(startable.iter().any(|n| n.as_str() == PORTAL))
        });
        let _ = tx.send(found.unwrap_or(false));
    });
    rx.recv_timeout(Duration::from_secs(1)).unwrap_or(true)
}

/// Dialogs that answer at once from a script: for tests. An empty script means "no dialog
/// available".
#[derive(Debug, Clone, Default)]
pub struct ScriptedDialogs {
    pub answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
}

impl ScriptedDialogs {
    pub fn push(&self, answer: Option<PathBuf>) {
        if let Ok(mut a) = self.answers.lock() {
            a.push_back(answer);
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn request(
        &mut self,
        purpose: PathPurpose,
        _suggested_name: &str,
        reply: Sender<DialogReply>,
        ctx: &egui::Context,
    ) {
        let next = self.answers.lock().ok().and_then(|mut a| a.pop_front());
        let _ = reply.send(DialogReply {
            purpose,
            unavailable: next.is_none(),
            path: next.flatten(),
        });
        ctx.request_repaint();
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn zenity_on_the_path_counts_as_a_way_to_show_dialogs() {
        let dir = tempfile::tempdir().unwrap();
        let paths = std::env::join_paths([dir.path()]).unwrap();
        assert!(!zenity_on(Some(paths.clone())));
        assert!(!zenity_on(None));
        std::fs::write(dir.path().join("zenity"), "").unwrap();
        assert!(zenity_on(Some(paths)));
    }

    #[test]
    fn a_bus_that_cannot_be_reached_has_no_portal() {
        let dir = tempfile::tempdir().unwrap();
        let address = format!("unix:path={}", dir.path().join("no-bus").display());
        assert!(!portal_on_bus(Some(address)));
    }
}
