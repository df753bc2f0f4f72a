//! Files and the open document's life: opening, saving, exporting and comparing through the
//! dialogs (or a typed path), the unsaved-changes guard, autosave to the recovery file and
//! taking up what a crashed session left there.

use std::path::{Path, PathBuf};

use crate::*;

impl App {
    pub(crate) fn receive_dialog_replies(&mut self) {
        while let Ok(reply) = self.services.dialog_rx.try_recv() {
            match (reply.path, reply.unavailable) {
                (Some(path), _) => match reply.purpose {
                    PathPurpose::Open => self.open_path(path),
                    PathPurpose::SaveAs => {
                        self.save_to(with_canvas_extension(path));
                    }
                    PathPurpose::Export(_) => self.export_to(&path),
                    PathPurpose::Compare => self.compare_with(path),
                },
                // No native dialog here (no file-chooser portal): the app's own browser.
                (None, true) => self.open_browser(reply.purpose),
                (None, false) => self.frame.after_save = None,
            }
        }
    }

    pub(crate) fn receive_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.guard(Pending::OpenPath(path));
        }
    }

    /// Runs `action` now, or first asks whether to save when there are unsaved changes. What
    /// is being typed is kept first, so it counts as a change and is saved or asked about.
    pub(crate) fn guard(&mut self, action: Pending) {
        self.commit_entry();
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    pub(crate) fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => {
                self.replace_document(Document::new());
                self.screen = Screen::Canvas;
            }
            Pending::OpenDialog => self.request_dialog(PathPurpose::Open),
            Pending::OpenPath(path) => self.open_path(path),
            Pending::OpenExample(i) => self.open_example(i),
            Pending::StartScreen => {
                self.replace_document(Document::new());
                self.screen = Screen::Start;
            }
            Pending::JoinLive(invite) => crate::live::session::join(self, &invite),
            Pending::Close => {
                // Closes at once: nothing is written after this, so no recovery file is left
                // (unless live edits have not reached the others yet).
                self.frame.close_allowed = true;
                if !self.keep_unsent_edits() {
                    self.services.recovery.discard();
                }
                self.services
                    .ctx
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(crate) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.comparison = None;
        self.view = ViewState::default();
        // Only this window's own file: what another window left waits for its answer.
        self.services.recovery.discard();
        self.frame.autosaved_revision = self.doc.revision();
        self.frame.change_pending_since = None;
        self.frame.outside = None;
        let path = self.doc.path().map(Path::to_path_buf);
        self.services
            .watch
            .follow(path.as_deref(), &self.services.ctx);
    }

    /// The file name a dialog starts with: the open file's, or one made from the title; for
    /// an export, with the format's extension instead of the canvas's.
    fn suggested_name(&self, purpose: PathPurpose) -> String {
        let name = self.doc.path().and_then(Path::file_name).map_or_else(
            || format!("{}{CANVAS_EXTENSION}", sanitize(self.doc.canvas().title())),
            |n| n.to_string_lossy().into_owned(),
        );
        match purpose {
            PathPurpose::Export(format) => {
                // "plan.fitcanvas.json" and "plan.json" both export as "plan.png".
                let stem = name
                    .strip_suffix(CANVAS_EXTENSION)
                    .or_else(|| name.strip_suffix(".json"))
                    .unwrap_or(&name);
                format
                    .with_extension(Path::new(&format!("{stem}.json")))
                    .to_string_lossy()
                    .into_owned()
            }
            PathPurpose::Open | PathPurpose::Compare => String::new(),
            PathPurpose::SaveAs => name,
        }
    }

    /// The in-app file browser, where no native dialog could be shown.
    fn open_browser(&mut self, purpose: PathPurpose) {
        let open_folder = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let recent: Vec<PathBuf> = self
            .settings
            .recent
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        let mut places: Vec<(String, PathBuf)> = Vec::new();
        let mut add = |name: String, path: PathBuf| {
            if !path.as_os_str().is_empty() && !places.iter().any(|(_, p)| *p == path) {
                places.push((name, path));
            }
        };
        if let Some(dirs) = directories::UserDirs::new() {
            add("Home".to_owned(), dirs.home_dir().to_path_buf());
            if let Some(d) = dirs.document_dir() {
                add("Documents".to_owned(), d.to_path_buf());
            }
            if let Some(d) = dirs.desktop_dir() {
                add("Desktop".to_owned(), d.to_path_buf());
            }
        }
        if let Some(folder) = &open_folder {
            add("This canvas's folder".to_owned(), folder.clone());
        }
        for folder in recent.iter().take(4) {
            let name = folder.file_name().map_or_else(
                || folder.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            add(format!("Recent: {name}"), folder.clone());
        }
        add("Computer".to_owned(), PathBuf::from("/"));
        let start = open_folder
            .or_else(|| recent.first().cloned())
            .or_else(|| places.first().map(|(_, p)| p.clone()))
            .unwrap_or_else(|| PathBuf::from("."));
        let name = self.suggested_name(purpose);
        self.modal = Some(Modal::Browse(Box::new(
            crate::files::file_browser::FileBrowser::new(purpose, start, name, places),
        )));
    }

    pub(crate) fn request_dialog(&mut self, purpose: PathPurpose) {
        let name = self.suggested_name(purpose);
        let ctx = self.services.ctx.clone();
        self.services
            .dialogs
            .request(purpose, &name, self.services.dialog_tx.clone(), &ctx);
    }

    /// Loads `path`; on failure the open canvas stays as it was and the message is shown.
    pub fn open_path(&mut self, path: PathBuf) {
        match format::load_file(&path) {
            Ok(canvas) => {
                self.settings.add_recent(&path);
                self.save_settings();
                self.replace_document(Document::opened(canvas, Some(path)));
                self.screen = Screen::Canvas;
                self.status = String::new();
                self.point_to_conflicts();
            }
            Err(e) if self.open_broken(&path, &e.error) => {}
            Err(e) => {
                self.status = e.to_string();
                self.modal = Some(Modal::Message {
                    title: "Could not open the file".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    /// A canvas that comes with merge conflicts opens with the side panel showing their list.
    fn point_to_conflicts(&mut self) {
        let count = self.doc.canvas().conflicts().len();
        if count == 0 {
            return;
        }
        self.settings.show_side_panel = true;
        self.status = match count {
            1 => "This canvas has a merge conflict: settle it in the Conflicts list".to_owned(),
            n => format!("This canvas has {n} merge conflicts: settle them in the Conflicts list"),
        };
    }

    pub(crate) fn open_example(&mut self, index: usize) {
        let Some((_, _, bytes)) = crate::files::examples::EXAMPLES.get(index) else {
            return;
        };
        match format::from_slice(bytes) {
            Ok(canvas) => {
                self.replace_document(Document::opened(canvas, None));
                self.screen = Screen::Canvas;
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    /// Saves to `path`; returns whether it worked. Then does whatever was waiting on the save.
    pub fn save_to(&mut self, path: PathBuf) -> bool {
        // Writing over the open file: first make sure nobody changed it meanwhile.
        if self.doc.path() == Some(path.as_path())
            && self.check_outside_change(crate::files::outside_change::Check::BeforeSave)
        {
            return false;
        }
        match format::save_file(&path, self.doc.canvas()) {
            Ok(()) => {
                self.services.watch.saved(&path, &self.services.ctx);
                self.settings.add_recent(&path);
                self.save_settings();
                self.doc.mark_saved(path);
                self.services.recovery.discard();
                self.status_of_now(format!("Saved {}", self.doc.display_name()));
                if let Some(next) = self.frame.after_save.take() {
                    self.perform(next);
                }
                true
            }
            Err(e) if e.source.kind() == std::io::ErrorKind::PermissionDenied => {
                // A read-only file stays as it is: the work goes to a copy the user names.
                self.status = format!(
                    "{} is read-only: choose where to save a copy",
                    e.path.display()
                );
                self.request_dialog(PathPurpose::SaveAs);
                false
            }
            Err(e) => {
                self.frame.after_save = None;
                self.status = e.to_string();
                self.modal = Some(Modal::Message {
                    title: "Could not save".to_owned(),
                    text: e.to_string(),
                });
                false
            }
        }
    }

    /// Starts exporting the canvas with the remembered choice to `path` (its extension made
    /// to fit the format), beside the window; [`App::receive_export`] says how it went. The
    /// canvas is only read: the export writes a copy of it as it is now.
    pub(crate) fn export_to(&mut self, path: &Path) {
        if let Some(job) = &self.frame.export {
            self.status = format!(
                "Still writing {}: export again when it is done.",
                job.path.display()
            );
            return;
        }
        let ctx = self.services.ctx.clone();
        let job = crate::files::export_job::ExportJob::start(
            self.doc.canvas().clone(),
            self.export_choice,
            path,
            move || ctx.request_repaint(),
        );
        match job {
            Ok(job) => {
                self.status = format!(
                    "Exporting {} to {}…",
                    job.choice.format.name(),
                    job.path.display()
                );
                self.frame.export = Some(job);
            }
            Err(e) => self.export_failed(e),
        }
    }

    /// Whether an export is still being written.
    pub fn exporting(&self) -> bool {
        self.frame.export.is_some()
    }

    /// Says how the export under way went, once it is done.
    pub(crate) fn receive_export(&mut self) {
        let Some(outcome) = self.frame.export.as_mut().and_then(|job| job.finished()) else {
            return;
        };
        let Some(job) = self.frame.export.take() else {
            return;
        };
        match outcome {
            Ok(written) => {
                self.status = format!(
                    "Exported {} to {}{}",
                    job.choice.format.name(),
                    written.display(),
                    job.draft
                        .as_ref()
                        .map(|mark| format!(", marked “{mark}”: settle the conflicts to lose it"))
                        .unwrap_or_default()
                );
            }
            Err(e) => self.export_failed(e),
        }
    }

    fn export_failed(&mut self, e: String) {
        self.status = format!("Export failed: {e}");
        self.modal = Some(Modal::Message {
            title: "Could not export".to_owned(),
            text: e,
        });
    }

    /// Starts comparing the open canvas (after) with the canvas in `path` (before). A file
    /// that cannot be read changes nothing and its message is shown.
    pub(crate) fn compare_with(&mut self, path: PathBuf) {
        match format::load_file(&path) {
            Ok(older) => {
                self.status = format!("Comparing with {}", path.display());
                self.comparison = Some(crate::side::compare::Comparison::new(path, older));
                // The list of changes is in the Note tab.
                self.view.side.tab = crate::side::tabs::SideTab::Note;
            }
            Err(e) => {
                self.status = e.to_string();
                self.modal = Some(Modal::Message {
                    title: "Could not compare".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    pub(crate) fn save(&mut self) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) => {
                self.save_to(path);
            }
            None => self.request_dialog(PathPurpose::SaveAs),
        }
    }

    /// Writes the recovery file a few seconds after the last change; never polls.
    pub(crate) fn autosave(&mut self, ctx: &egui::Context) {
        if self.frame.close_allowed {
            // Closing without saving: what was not saved is not kept either.
            return;
        }
        let revision = self.doc.revision();
        if !self.doc.is_dirty() {
            if self.frame.autosaved_revision != revision {
                self.services.recovery.discard();
                self.frame.autosaved_revision = revision;
            }
            self.frame.change_pending_since = None;
            return;
        }
        if self.frame.autosaved_revision == revision {
            return;
        }
        let now = (self.services.clock)();
        let since = *self.frame.change_pending_since.get_or_insert(now);
        let waited = now.saturating_duration_since(since);
        if waited >= AUTOSAVE_DELAY {
            self.check_outside_change(crate::files::outside_change::Check::Watch);
            let written = self
                .services
                .recovery
                .write(self.doc.canvas(), self.doc.path())
                .and_then(|()| {
                    crate::live::session::keep(self, &self.services.recovery.canvas_file())
                });
            if let Err(e) = written {
                self.status = format!("Could not write the recovery file: {e}");
            }
            self.frame.autosaved_revision = revision;
            self.frame.change_pending_since = None;
        } else {
            ctx.request_repaint_after(AUTOSAVE_DELAY - waited);
        }
    }

    /// Closing while live with edits that have not reached the others (made offline): they are
    /// kept for the next start, the recovery file and the live state beside it, where restoring
    /// carries on the session and sends them. Answers whether they were kept.
    pub(crate) fn keep_unsent_edits(&mut self) -> bool {
        if !self.live.has_unsent() {
            return false;
        }
        let written = self
            .services
            .recovery
            .write(self.doc.canvas(), self.doc.path())
            .and_then(|()| crate::live::session::keep(self, &self.services.recovery.canvas_file()));
        written.is_ok()
    }

    /// Takes up what a previous session left in the recovery file.
    pub fn restore_recovery(&mut self) {
        if let Some(rec) = self.services.recovered.take() {
            // Read before the files it is in are forgotten below.
            let live = rec.live.as_ref().map(crate::live::session::read_kept);
            self.doc = Document::recovered(rec.canvas.clone(), rec.path.clone());
            self.services
                .watch
                .follow(rec.path.as_deref(), &self.services.ctx);
            self.view = ViewState::default();
            self.screen = Screen::Canvas;
            // The work becomes this window's: written to its own recovery file before the old
            // one goes, so a crash now still loses nothing.
            match self
                .services
                .recovery
                .write(&rec.canvas, rec.path.as_deref())
            {
                Ok(()) => {
                    self.services.recovery.forget(&rec);
                    self.frame.autosaved_revision = self.doc.revision();
                }
                Err(e) => self.status = format!("Could not write the recovery file: {e}"),
            }
            match live {
                Some(Ok(kept)) => crate::live::session::resume(self, kept),
                Some(Err(e)) => self.status = format!("The live session could not be resumed: {e}"),
                None => {}
            }
        }
        self.modal = None;
    }

    pub fn discard_recovery(&mut self) {
        if let Some(rec) = self.services.recovered.take() {
            self.services.recovery.forget(&rec);
        }
        self.modal = None;
    }

    /// What the recovery prompt says it would restore: the canvas's title and size, where it
    /// came from, and what restoring does to the canvas open now.
    pub fn recovery_summary(&self) -> Option<String> {
        let rec = self.services.recovered.as_ref()?;
        let title = match rec.canvas.title() {
            "" => "An untitled canvas".to_owned(),
            t => format!("“{t}”"),
        };
        let from = rec.path.as_ref().map_or_else(
            || "never saved".to_owned(),
            |p| format!("from {}", p.display()),
        );
        let mut text = format!(
            "{title} ({} notes, {from}) had changes that were not saved.",
            rec.canvas.len()
        );
        if rec.live.is_some() {
            text.push_str(
                " It was shared live: restoring carries on and sends the others what they lack.",
            );
        }
        if self.screen == Screen::Canvas {
            text.push_str(&format!(
                " Restoring it replaces {}, which is unchanged on disk.",
                self.doc.display_name()
            ));
        }
        Some(text)
    }

    /// Drops whatever was waiting on a save the user then abandoned (cancelled the path).
    pub fn cancel_pending(&mut self) {
        self.frame.after_save = None;
    }

    /// Answers the unsaved-changes prompt.
    pub fn answer_unsaved(&mut self, pending: Pending, answer: UnsavedAnswer) {
        self.modal = None;
        match answer {
            UnsavedAnswer::Save => {
                self.frame.after_save = Some(pending);
                self.save();
            }
            UnsavedAnswer::DontSave => {
                self.services.recovery.discard();
                self.perform(pending);
            }
            UnsavedAnswer::Cancel => {}
        }
    }
}

/// The three answers to "save changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsavedAnswer {
    Save,
    DontSave,
    Cancel,
}

/// A file name made from a canvas title.
/// New canvases are saved as `NAME.fitcanvas.json`: still JSON to every tool, and known to the
/// desktop as a canvas (the file type installed with the package matches this ending).
pub const CANVAS_EXTENSION: &str = ".fitcanvas.json";

/// A name typed without an extension gets the canvas's; any extension the user typed stays.
pub(crate) fn with_canvas_extension(path: PathBuf) -> PathBuf {
    match (path.extension(), path.file_name()) {
        (None, Some(name)) => {
            let mut name = name.to_os_string();
            name.push(CANVAS_EXTENSION);
            path.with_file_name(name)
        }
        _ => path,
    }
}

pub(crate) fn sanitize(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == ' ' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim().to_owned();
    if name.is_empty() {
        "canvas".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_an_extension_gets_the_canvas_extension_and_others_are_kept() {
        let give = |p: &str| with_canvas_extension(PathBuf::from(p));
        assert_eq!(
            give("/home/a/campuscrate"),
            PathBuf::from("/home/a/campuscrate.fitcanvas.json")
        );
        assert_eq!(give("plan.json"), PathBuf::from("plan.json"));
        assert_eq!(
            give("plan.fitcanvas.json"),
            PathBuf::from("plan.fitcanvas.json")
        );
        assert_eq!(give("notes.txt"), PathBuf::from("notes.txt"));
    }
}
