//! Changes made to the open file outside the app (a `git pull`, a colleague in a shared folder,
//! another editor) are never overwritten unseen. The editor remembers the file's bytes as it
//! last read or wrote them, is told by the operating system when the file's folder changes,
//! and looks again before every save, every recovery write and when the window gets the focus
//! back. A file that really changed (not just touched) is taken up:
//! - with no unsaved work here, it is reloaded at once (one undo step, so Ctrl+Z brings the
//!   version that was open back);
//! - with unsaved work, the user chooses: Reload (theirs), Keep mine (save mine elsewhere), or
//!   Merge: a three-way merge with the version last loaded or saved here as the base, so the
//!   other side's new notes and the unsaved edits both survive, and what both changed lands in
//!   the Conflicts list. Reload and Merge are edits too, undoable like any other.
//!
//! A changed file that does not load (git's conflict markers, a half-written file) is never
//! written over unseen either: see [`crate::files::broken_on_disk`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::SystemTime;

use notify::Watcher as _;

use fitcanvas_model::Canvas;
use fitcanvas_model::edit::Edit;
use fitcanvas_model::format;

use crate::{App, Modal, PathPurpose};

/// The user's answer to "the file changed on disk".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutsideAnswer {
    /// Take the file's version; this one's changes go (undo brings them back).
    Reload,
    /// Keep this version and save it under another name.
    KeepMine,
    /// Merge the file's changes with this version's.
    Merge,
}

/// The file's bytes as this window last read or wrote them, told apart cheaply: size and
/// modification time first, then a hash of the content, so a file that was only touched (or
/// rewritten byte for byte) is not taken for a change.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiskCopy {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl DiskCopy {
    fn of(bytes: &[u8], path: &Path) -> DiskCopy {
        let meta = std::fs::metadata(path).ok();
        DiskCopy {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: hash(bytes),
        }
    }

    fn read(path: &Path) -> Option<DiskCopy> {
        let bytes = format::read_limited(path).ok()?;
        Some(DiskCopy::of(&bytes, path))
    }

    /// Whether the file's metadata says it might differ from this copy.
    fn may_differ(&self, path: &Path) -> bool {
        match std::fs::metadata(path) {
            Ok(meta) => meta.len() != self.len || meta.modified().ok() != self.modified,
            // Gone or unreadable: nothing to take up; saving puts it back.
            Err(_) => false,
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A version of the file that differs from the one this window last saw, read and loaded.
#[derive(Debug, Clone)]
pub struct OutsideVersion {
    pub canvas: Canvas,
    copy: DiskCopyHash,
}

/// Which version of the file an answer was about, so the same change is not asked about twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DiskCopyHash(u64);

impl DiskCopyHash {
    pub(crate) fn of(bytes: &[u8]) -> DiskCopyHash {
        DiskCopyHash(hash(bytes))
    }
}

/// What the open file holds now that it differs from what this window last saw.
pub(crate) enum Changed {
    Canvas(Box<OutsideVersion>),
    /// Something that does not load as a canvas.
    Broken(crate::files::broken_on_disk::BrokenVersion),
}

/// Watches the open file and remembers what it held.
#[derive(Default)]
pub struct FileWatch {
    path: Option<PathBuf>,
    copy: Option<DiskCopy>,
    /// The version the user already answered about (Keep mine, say): the watcher does not ask
    /// again until the file changes once more; a save still does.
    pub(crate) answered: Option<DiskCopyHash>,
    /// Kept alive while the file is open; dropping it stops the watching.
    watcher: Option<notify::RecommendedWatcher>,
    events: Option<Receiver<()>>,
}

impl std::fmt::Debug for FileWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileWatch")
            .field("path", &self.path)
            .field("watching", &self.watcher.is_some())
            .finish()
    }
}

impl FileWatch {
    /// Follows `path` (or nothing), remembering what it holds now. The folder is watched, not
    /// the file: saves by most programs (this one too) replace the file with a new one.
    pub fn follow(&mut self, path: Option<&Path>, ctx: &egui::Context) {
        let same = self.path.as_deref() == path;
        self.copy = path.and_then(DiskCopy::read);
        self.answered = None;
        if same && (self.watcher.is_some() || path.is_none()) {
            return;
        }
        self.path = path.map(Path::to_path_buf);
        self.watcher = None;
        self.events = None;
        let Some(path) = path else { return };
        let (tx, rx) = channel();
        let wake = ctx.clone();
        let name = path.file_name().map(|n| n.to_os_string());
        let handler = move |event: notify::Result<notify::Event>| {
            // Only changes: reading the file (as the checks do) must not wake the window,
            // or looking at a file that differs would look again for ever.
            let ours = event.is_ok_and(|e| {
                !matches!(e.kind, notify::EventKind::Access(_))
                    && (e.paths.is_empty()
                        || e.paths.iter().any(|p| p.file_name() == name.as_deref()))
            });
            if ours && tx.send(()).is_ok() {
                wake.request_repaint();
            }
        };
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // Without a watcher (too many watches, a network drive) the checks before saving and
        // on focus still catch the change.
        if let Ok(mut watcher) = notify::recommended_watcher(handler)
            && watcher
                .watch(&folder, notify::RecursiveMode::NonRecursive)
                .is_ok()
        {
            self.watcher = Some(watcher);
            self.events = Some(rx);
        }
    }

    /// Remembers the bytes just written to the file.
    pub fn saved(&mut self, path: &Path, ctx: &egui::Context) {
        self.follow(Some(path), ctx);
    }

    /// Takes `bytes` as what the file holds, seen and answered for: a save goes ahead over
    /// them, and asks if the file changes again.
    pub(crate) fn accept(&mut self, bytes: &[u8]) {
        if let Some(path) = &self.path {
            self.copy = Some(DiskCopy::of(bytes, path));
        }
    }

    /// Whether the watcher said the folder changed since the last call.
    fn told(&mut self) -> bool {
        let Some(rx) = &self.events else { return false };
        let mut any = false;
        while rx.try_recv().is_ok() {
            any = true;
        }
        any
    }

    /// The file's version when it differs from what this window last saw, loaded or not;
    /// `None` when it does not differ, or cannot be read (gone: saving puts it back).
    /// Before a save the content is always compared: a file system with coarse times can hide
    /// a change of the same size.
    fn changed_version(&self, why: Check) -> Option<Changed> {
        let (path, copy) = (self.path.as_deref()?, self.copy.as_ref()?);
        if why == Check::Watch && !copy.may_differ(path) {
            return None;
        }
        let bytes = format::read_limited(path).ok()?;
        let now = hash(&bytes);
        if now == copy.hash {
            return None;
        }
        let copy = DiskCopyHash(now);
        Some(match format::from_slice(&bytes) {
            Ok(canvas) => Changed::Canvas(Box::new(OutsideVersion { canvas, copy })),
            Err(error) => Changed::Broken(crate::files::broken_on_disk::BrokenVersion::read(
                path.to_path_buf(),
                bytes,
                &error,
                copy,
            )),
        })
    }
}

/// Why the file is being looked at: a watcher's event asks only about versions not answered
/// yet; a save asks about any version other than the one this window saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Watch,
    BeforeSave,
}

impl App {
    /// Looks at the open file when the watcher says so or the window gets the focus back.
    pub(crate) fn watch_open_file(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if (self.services.watch.told() || focused) && self.modal.is_none() {
            self.check_outside_change(Check::Watch);
        }
    }

    /// Takes up a change on disk; returns whether there was one (and the user is being asked
    /// or it was reloaded), in which case a save must not go ahead.
    pub(crate) fn check_outside_change(&mut self, why: Check) -> bool {
        let Some(changed) = self.services.watch.changed_version(why) else {
            return false;
        };
        let copy = match &changed {
            Changed::Canvas(version) => version.copy,
            Changed::Broken(version) => version.copy,
        };
        if why == Check::Watch && self.services.watch.answered == Some(copy) {
            return false;
        }
        let version = match changed {
            Changed::Canvas(version) => *version,
            Changed::Broken(version) => return self.found_broken(version, why),
        };
        if !self.doc.is_dirty() {
            self.take_outside_version(version, OutsideAnswer::Reload);
            return true;
        }
        self.status = format!(
            "{} changed on disk while you were editing it",
            self.doc.display_name()
        );
        self.frame.after_save = None;
        self.frame.outside = Some(version);
        self.modal = Some(Modal::OutsideChange);
        true
    }

    /// The answer to the prompt about the change on disk.
    pub fn answer_outside_change(&mut self, answer: Option<OutsideAnswer>) {
        self.modal = None;
        let Some(version) = self.frame.outside.take() else {
            return;
        };
        match answer {
            Some(answer @ (OutsideAnswer::Reload | OutsideAnswer::Merge)) => {
                self.take_outside_version(version, answer)
            }
            Some(OutsideAnswer::KeepMine) => {
                self.services.watch.answered = Some(version.copy);
                self.request_dialog(PathPurpose::SaveAs);
            }
            None => {
                self.services.watch.answered = Some(version.copy);
                self.status = format!(
                    "{} changed on disk; saving will ask again",
                    self.doc.display_name()
                );
            }
        }
    }

    /// Reloads the file's version, or merges it with this one, as one undo step. Either way
    /// the file's version becomes what "unsaved" is measured against.
    fn take_outside_version(&mut self, version: OutsideVersion, how: OutsideAnswer) {
        let name = self.doc.display_name();
        let next = match how {
            OutsideAnswer::Merge => {
                fitcanvas_model::merge::merge(self.doc.base(), self.doc.canvas(), &version.canvas)
            }
            _ => version.canvas.clone(),
        };
        let changed = self.edit(
            Edit::PutBack {
                canvas: Box::new(next),
            },
            None,
        );
        self.doc.rebase(version.canvas);
        if let Some(path) = self.doc.path().map(Path::to_path_buf) {
            self.services.watch.follow(Some(&path), &self.services.ctx);
        }
        let conflicts = self.doc.canvas().conflicts().len();
        self.status = match (how, conflicts) {
            (OutsideAnswer::Merge, 0) => {
                "Merged the changes on disk into yours: nothing conflicted. Save to keep both"
                    .to_owned()
            }
            (OutsideAnswer::Merge, n) => format!(
                "Merged the changes on disk into yours: {n} to settle in the Conflicts list"
            ),
            _ if changed => format!("Reloaded {name}: it changed on disk (Ctrl+Z undoes)"),
            _ => format!("Reloaded {name}"),
        };
        if conflicts > 0 {
            self.settings.show_side_panel = true;
        }
    }
}
