//! An export running beside the window: a crowded canvas drawn with routed link lines takes
//! half a second or more, and the window keeps answering meanwhile. The job works on its own
//! copy of the canvas, so edits made while it runs do not change what it writes, and it writes
//! atomically (see [`crate::files::export_menu::export_to`]), so the file is whole or untouched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::files::export_menu::{ExportChoice, export_to};
use fitcanvas_model::Canvas;

/// One export under way.
pub struct ExportJob {
    /// Where it is writing, for the status line.
    pub path: PathBuf,
    pub choice: ExportChoice,
    /// "Draft: N unresolved conflicts" when the canvas exported has them (the export says so
    /// on every page).
    pub draft: Option<String>,
    done: Receiver<Result<PathBuf, String>>,
    thread: Option<JoinHandle<()>>,
}

impl ExportJob {
    /// Starts writing `canvas` to `path` as `choice` says; `finished` is called from the job's
    /// thread when it is done (the window asks for a frame to show the outcome).
    pub fn start(
        canvas: Canvas,
        choice: ExportChoice,
        path: &Path,
        finished: impl FnOnce() + Send + 'static,
    ) -> Result<ExportJob, String> {
        let (tx, done) = channel();
        let draft = canvas.draft_mark();
        let target = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let outcome = export_to(&canvas, &choice, &target);
                // The window may have closed meanwhile: nobody is left to tell.
                let _ = tx.send(outcome);
                finished();
            })
            .map_err(|e| format!("could not start the export: {e}"))?;
        Ok(ExportJob {
            path: choice.format.with_extension(path),
            choice,
            draft,
            done,
            thread: Some(thread),
        })
    }

    /// The outcome once the job is done: the path written or what went wrong.
    pub fn finished(&mut self) -> Option<Result<PathBuf, String>> {
        match self.done.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("the export stopped before it was done".to_owned()))
            }
        }
    }
}

impl Drop for ExportJob {
    /// An export asked for is not dropped: the app closing waits for it to be written.
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
