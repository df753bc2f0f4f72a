//! Native file dialogs, run off the UI thread, behind a trait so tests can script them.
//!
//! `rfd` answers `None` both for "cancelled" and, at once, for "there is no desktop portal to
//! show a dialog". An answer that comes back faster than a person could cancel is taken as the
//! second, and the app then offers a typed path instead.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::commands::PathPurpose;

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
            let started = Instant::now();
            let canvas = rfd::FileDialog::new().add_filter("Fitcanvas canvas", &["json"]);
            let path = match purpose {
                PathPurpose::Open | PathPurpose::Compare => canvas.pick_file(),
                PathPurpose::SaveAs => canvas.set_file_name(name).save_file(),
                PathPurpose::Export(format) => {
                    let exts: Vec<&str> = crate::export::Format::ALL
                        .iter()
                        .find(|(f, _)| *f == format)
                        .map(|(_, e)| e.to_vec())
                        .unwrap_or_default();
                    rfd::FileDialog::new()
                        .add_filter(format.name(), &exts)
                        .set_file_name(name)
                        .save_file()
                }
            };
            let unavailable = path.is_none() && started.elapsed() < NO_PORTAL_WITHIN;
            let _ = reply.send(DialogReply {
                purpose,
                path,
                unavailable,
            });
            ctx.request_repaint();
        });
    }
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
