//! A canvas file that no longer loads is never written over unseen. Another program may leave
//! the open file as something that is not a canvas: git's conflict markers (a merge git could
//! not finish), or a half-written file (a sync tool mid-copy). Saving would throw away what it
//! holds, so the editor says what it found and lets the user choose:
//! - **Merge the two versions** (conflict markers only): the versions the markers hold are
//!   merged (three-way when git left their ancestor, else two-way with every difference a
//!   conflict), unsaved edits here on top, as one undo step; the file is replaced only by the
//!   next save;
//! - **Keep it beside, then save**: the file's bytes go to `NAME.conflicted` (or
//!   `NAME.broken`) beside it, never over another file, then the canvas is saved;
//! - **Save as…**, or **Not now** (the next save asks again).
//!
//! The watcher asks at once about conflict markers (they stay until someone acts); about any
//! other broken file it only says so in the status bar, as a sync tool may still be writing
//! it, and the save asks. Opening a file with conflict markers offers the merge as well.

use std::path::{Path, PathBuf};

use fitcanvas_model::edit::Edit;
use fitcanvas_model::format::{self, LoadError};
use fitcanvas_model::markers;

use crate::files::outside_change::{Check, DiskCopyHash};
use crate::{App, Document, Modal, PathPurpose, Screen};

/// What the user can do about a file that does not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenAnswer {
    /// Merge the versions git's conflict markers hold.
    MergeVersions,
    /// Keep the file's bytes beside it under a new name, then save.
    KeepBesideAndSave,
    SaveAs,
}

/// What the prompt shows: everything is worked out when the file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenPrompt {
    pub heading: String,
    /// Paragraphs: what the file holds, what merging would do, what saving would do.
    pub text: Vec<String>,
    /// The file name the bytes would be kept under (`plan.json.conflicted`); `None` when
    /// opening a file, where nothing would be saved over it.
    pub keep_as: Option<String>,
    /// Whether the markers' versions can be merged (both load as canvases).
    pub can_merge: bool,
    /// Opening a file (nothing to save) rather than one that changed while open.
    pub opening: bool,
}

/// What a file that does not load holds.
#[derive(Debug, Clone)]
enum Problem {
    /// Complete conflict markers: `merged` is their versions merged, or why they cannot be.
    Markers {
        places: usize,
        line: usize,
        merged: Result<Box<markers::Merged>, String>,
    },
    /// Anything else, in the loader's words.
    Unreadable(String),
}

/// The open file's content that does not load, and what is wrong with it.
#[derive(Debug, Clone)]
pub struct BrokenVersion {
    path: PathBuf,
    bytes: Vec<u8>,
    problem: Problem,
    pub(crate) copy: DiskCopyHash,
}

impl BrokenVersion {
    pub(crate) fn read(
        path: PathBuf,
        bytes: Vec<u8>,
        error: &LoadError,
        copy: DiskCopyHash,
    ) -> BrokenVersion {
        let problem = match markers::read(&bytes) {
            Some(Ok(sides)) => Problem::Markers {
                places: sides.places,
                line: sides.first_line,
                merged: markers::merge_sides(&sides)
                    .map(Box::new)
                    .map_err(|e| e.to_string()),
            },
            // Incomplete markers: the loader's message says where they are.
            _ => Problem::Unreadable(error.to_string()),
        };
        BrokenVersion {
            path,
            bytes,
            problem,
            copy,
        }
    }

    fn has_markers(&self) -> bool {
        matches!(self.problem, Problem::Markers { .. })
    }

    /// The name the bytes are kept under, after the file's own.
    fn tag(&self) -> &'static str {
        if self.has_markers() {
            "conflicted"
        } else {
            "broken"
        }
    }

    fn name(&self) -> String {
        file_name(&self.path)
    }

    fn merged(&self) -> Option<&markers::Merged> {
        match &self.problem {
            Problem::Markers {
                merged: Ok(merged), ..
            } => Some(merged),
            _ => None,
        }
    }

    /// What the prompt says about it.
    fn prompt(&self, opening: bool, unsaved: bool) -> BrokenPrompt {
        let name = self.name();
        let mut text = Vec::new();
        let heading = match &self.problem {
            Problem::Markers { places, line, .. } => {
                let places = match places {
                    1 => "1 place".to_owned(),
                    n => format!("{n} places"),
                };
                let holds = if opening {
                    format!("“{name}” holds")
                } else {
                    format!("Another program changed “{name}”: it now holds")
                };
                text.push(format!(
                    "{holds} git's conflict markers ({places}, from line {line}), both versions \
                     of a merge git could not finish. It does not load as a canvas."
                ));
                format!("“{name}” holds a git conflict")
            }
            Problem::Unreadable(why) => {
                text.push(format!(
                    "Another program changed “{name}” and it no longer loads as a canvas: {why}."
                ));
                format!("“{name}” no longer loads")
            }
        };
        match &self.problem {
            Problem::Markers {
                merged: Ok(merged), ..
            } => {
                let how = if merged.three_way {
                    "git left their common ancestor, so only what both changed becomes a \
                     conflict to settle"
                } else {
                    "without their common ancestor, whatever they hold differently becomes a \
                     conflict to settle"
                };
                let mine = if unsaved {
                    " Your unsaved changes stay on top."
                } else {
                    ""
                };
                text.push(format!(
                    "Merge puts the two versions together: {how}.{mine} The file changes only \
                     when you save."
                ));
            }
            Problem::Markers {
                merged: Err(why), ..
            } => text.push(format!("The two versions cannot be merged here: {why}.")),
            Problem::Unreadable(_) => {}
        }
        if !opening {
            text.push(
                "Saving now would replace the file: keep it beside the canvas first, or save \
                 elsewhere."
                    .to_owned(),
            );
        }
        BrokenPrompt {
            heading,
            text,
            keep_as: (!opening).then(|| format!("{name}.{}", self.tag())),
            can_merge: self.merged().is_some(),
            opening,
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl App {
    /// The open file changed into something that does not load. Returns whether a save must
    /// not go ahead (the user is being asked).
    pub(crate) fn found_broken(&mut self, version: BrokenVersion, why: Check) -> bool {
        if why == Check::Watch && !version.has_markers() {
            // A sync tool may be halfway through writing it: say so now, ask when saving.
            self.services.watch.answered = Some(version.copy);
            self.status = format!(
                "{} on disk does not load as a canvas now; saving will ask first",
                version.name()
            );
            return false;
        }
        self.status = format!(
            "{} on disk is not a canvas any more: choose what to do with it",
            version.name()
        );
        self.frame.after_save = None;
        self.modal = Some(Modal::BrokenOnDisk(Box::new(
            version.prompt(false, self.doc.is_dirty()),
        )));
        self.frame.broken = Some(version);
        true
    }

    /// Opening a file that does not load: one with git's conflict markers is offered for
    /// merging; anything else is an error. Returns whether it was taken up here.
    pub(crate) fn open_broken(&mut self, path: &Path, error: &LoadError) -> bool {
        if !matches!(error, LoadError::ConflictMarkers { .. }) {
            return false;
        }
        let Ok(bytes) = format::read_limited(path) else {
            return false;
        };
        let copy = DiskCopyHash::of(&bytes);
        let version = BrokenVersion::read(path.to_path_buf(), bytes, error, copy);
        self.status = format!("{} holds git's conflict markers", version.name());
        self.modal = Some(Modal::BrokenOnDisk(Box::new(version.prompt(true, false))));
        self.frame.broken = Some(version);
        true
    }

    /// The answer to the prompt about a file that does not load; `None` puts it off (the
    /// next save asks again) or, when opening, leaves the file closed.
    pub fn answer_broken(&mut self, answer: Option<BrokenAnswer>) {
        let opening = matches!(&self.modal, Some(Modal::BrokenOnDisk(p)) if p.opening);
        self.modal = None;
        let Some(version) = self.frame.broken.take() else {
            return;
        };
        match answer {
            Some(BrokenAnswer::MergeVersions) if opening => self.open_merged(version),
            Some(BrokenAnswer::MergeVersions) => self.merge_versions(version),
            Some(BrokenAnswer::KeepBesideAndSave) => self.keep_beside_and_save(&version),
            Some(BrokenAnswer::SaveAs) => {
                self.services.watch.answered = Some(version.copy);
                self.request_dialog(PathPurpose::SaveAs);
            }
            None if opening => {
                self.status = format!("{} was left as it is", version.name());
            }
            None => {
                self.services.watch.answered = Some(version.copy);
                self.status = format!(
                    "{} on disk is not a canvas; saving will ask again",
                    version.name()
                );
            }
        }
    }

    /// Opens the merge of the versions in a file with conflict markers, unsaved: the file
    /// keeps its markers until the user saves.
    fn open_merged(&mut self, version: BrokenVersion) {
        let Some(merged) = version.merged().map(|m| m.canvas.clone()) else {
            return;
        };
        self.settings.add_recent(&version.path);
        self.save_settings();
        let mut doc = Document::opened(merged.clone(), Some(version.path.clone()));
        doc.rebase_unsaved(merged);
        self.replace_document(doc);
        self.screen = Screen::Canvas;
        self.status = self.merged_status(&version);
        self.show_conflicts_if_any();
    }

    /// Merges the versions in the open file's conflict markers into the canvas, with the
    /// unsaved edits here on top, as one undo step.
    fn merge_versions(&mut self, version: BrokenVersion) {
        let Some(merged) = version.merged().map(|m| m.canvas.clone()) else {
            return;
        };
        let next = if self.doc.is_dirty() {
            fitcanvas_model::merge::merge(self.doc.base(), self.doc.canvas(), &merged)
        } else {
            merged.clone()
        };
        self.edit(
            Edit::PutBack {
                canvas: Box::new(next),
            },
            None,
        );
        self.doc.rebase_unsaved(merged);
        self.services.watch.accept(&version.bytes);
        self.status = self.merged_status(&version);
        self.show_conflicts_if_any();
    }

    fn merged_status(&self, version: &BrokenVersion) -> String {
        let how = if version.merged().is_some_and(|m| m.three_way) {
            "three-way"
        } else {
            "two-way"
        };
        let settle = match self.doc.canvas().conflicts().len() {
            0 => "nothing conflicted".to_owned(),
            1 => "1 conflict to settle in the Conflicts list".to_owned(),
            n => format!("{n} conflicts to settle in the Conflicts list"),
        };
        format!(
            "Merged the two versions git left in {} ({how}): {settle}. Save to replace the \
             conflict markers",
            version.name()
        )
    }

    fn show_conflicts_if_any(&mut self) {
        if !self.doc.canvas().conflicts().is_empty() {
            self.settings.show_side_panel = true;
        }
    }

    /// Keeps the file's bytes beside it under a new name, then saves over it.
    fn keep_beside_and_save(&mut self, version: &BrokenVersion) {
        match format::keep_beside(&version.path, version.tag(), &version.bytes) {
            Ok(kept) => {
                // What was there is safe: the save may replace exactly those bytes.
                self.services.watch.accept(&version.bytes);
                if self.save_to(version.path.clone()) {
                    self.status_of_now(format!(
                        "Kept what was in {} as {}, and saved the canvas",
                        version.name(),
                        file_name(&kept)
                    ));
                }
            }
            Err(e) => {
                self.services.watch.answered = Some(version.copy);
                let text = e.to_string();
                self.status = text.clone();
                self.modal = Some(Modal::Message {
                    title: "Could not keep the file".to_owned(),
                    text,
                });
            }
        }
    }
}
