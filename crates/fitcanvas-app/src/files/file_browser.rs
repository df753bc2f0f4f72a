//! A file browser inside the app, for desktops where no native file dialog can be shown (no
//! file-chooser portal: minimal desktops, containers, remote sessions). Folders and places
//! (home, documents, the open file's folder, recent folders), the files of the kind being
//! opened or written (canvases, or the export's format) with the others greyed unless all are
//! asked for, so one sees what is there and what would be replaced; the file name prefilled from the canvas, a name typed without an extension given
//! the canvas's, and a question before a file is replaced. A full path typed in the name field
//! works too, as the typed-path box did.

use std::path::{Path, PathBuf};

use egui::RichText;

use crate::{Command, PathPurpose};

/// The most entries a folder shows: a folder of a hundred thousand files must not stall frames.
const MAX_ENTRIES: usize = 2000;

/// One thing in the folder being shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
}

/// The browser's state while it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct FileBrowser {
    pub purpose: PathPurpose,
    pub folder: PathBuf,
    /// The file name field (or a whole path).
    pub name: String,
    /// The folder's sub-folders, then its files, each sorted by name.
    pub entries: Vec<Entry>,
    /// Files of every kind to choose from, not only the ones the purpose takes (the others
    /// are listed anyway, greyed).
    pub show_all: bool,
    /// Places to jump to, by name.
    pub places: Vec<(String, PathBuf)>,
    /// Why the last step did not work (a folder that cannot be read, no such file).
    pub error: Option<String>,
    /// The file the user is being asked about replacing.
    pub replace: Option<PathBuf>,
    /// Whether the folder had more entries than are shown.
    pub truncated: bool,
}

impl FileBrowser {
    /// A browser for `purpose` in `folder` (or the first place that can be read), with the
    /// name field holding `name`.
    pub fn new(
        purpose: PathPurpose,
        folder: PathBuf,
        name: String,
        places: Vec<(String, PathBuf)>,
    ) -> FileBrowser {
        let mut browser = FileBrowser {
            purpose,
            folder: folder.clone(),
            name,
            entries: Vec::new(),
            show_all: false,
            places,
            error: None,
            replace: None,
            truncated: false,
        };
        if !browser.enter(folder) {
            let fallback = browser
                .places
                .iter()
                .map(|(_, p)| p.clone())
                .collect::<Vec<_>>();
            for place in fallback {
                if browser.enter(place) {
                    break;
                }
            }
        }
        browser
    }

    /// Shows `folder`; returns whether it could be read (if not, the old folder stays and the
    /// error says why).
    pub fn enter(&mut self, folder: PathBuf) -> bool {
        let read = match std::fs::read_dir(&folder) {
            Ok(read) => read,
            Err(e) => {
                self.error = Some(format!("Cannot open {}: {e}", folder.display()));
                return false;
            }
        };
        let mut entries: Vec<Entry> = read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                // Hidden files stay hidden, as in the desktop's own dialogs.
                if name.starts_with('.') {
                    return None;
                }
                let is_dir = e.path().is_dir();
                Some(Entry { name, is_dir })
            })
            .take(MAX_ENTRIES + 1)
            .collect();
        self.truncated = entries.len() > MAX_ENTRIES;
        entries.truncate(MAX_ENTRIES);
        entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        self.folder = folder;
        self.entries = entries;
        self.error = None;
        self.replace = None;
        true
    }

    /// The folder's entries, each with whether it can be chosen: every sub-folder, and the
    /// files the purpose takes (all of them with "Show all files").
    pub fn listed(&self) -> impl Iterator<Item = (&Entry, bool)> {
        self.entries
            .iter()
            .map(|e| (e, e.is_dir || self.show_all || self.takes(&e.name)))
    }

    /// The kind of file the purpose takes, for "No … here.".
    fn kind(&self) -> String {
        match self.purpose {
            PathPurpose::Export(format) => format!("{} files", format.name()),
            _ => "canvas files".to_owned(),
        }
    }

    fn takes(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        match self.purpose {
            PathPurpose::Export(format) => {
                extensions_of(format).any(|ext| name.ends_with(&format!(".{ext}")))
            }
            _ => name.ends_with(".json"),
        }
    }

    /// The file the name field names: in the folder shown, or a path typed whole; a name
    /// without an extension gets the one the purpose writes.
    pub fn target(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let typed = PathBuf::from(name);
        let path = if typed.is_absolute() {
            typed
        } else {
            self.folder.join(typed)
        };
        Some(match self.purpose {
            PathPurpose::SaveAs => crate::files::open_save::with_canvas_extension(path),
            PathPurpose::Export(format) if path.extension().is_none() => {
                format.with_extension(&path)
            }
            _ => path,
        })
    }

    /// Whether choosing writes a file (so an existing one is asked about first).
    fn writes(&self) -> bool {
        matches!(self.purpose, PathPurpose::SaveAs | PathPurpose::Export(_))
    }
}

/// The extensions a format is recognised by, for the browser's filter.
fn extensions_of(format: fitcanvas_picture::export::Format) -> impl Iterator<Item = &'static str> {
    fitcanvas_picture::export::Format::ALL
        .iter()
        .filter(move |(f, _)| *f == format)
        .flat_map(|(_, exts)| exts.iter().copied())
}

/// What choosing the file does, as the typed-path box did it.
fn chosen(purpose: PathPurpose, path: PathBuf) -> Command {
    match purpose {
        PathPurpose::Open => Command::OpenPath(path),
        PathPurpose::SaveAs => Command::SaveTo(path),
        PathPurpose::Export(_) => Command::ExportTo(path),
        PathPurpose::Compare => Command::CompareWith(path),
    }
}

/// Draws the browser. Its changes and its answer are commands, like every modal's.
pub fn show(ctx: &egui::Context, current: &FileBrowser, out: &mut Vec<Command>) {
    let mut b = current.clone();
    let mut done: Option<PathBuf> = None;
    let mut cancel = false;
    let id = egui::Id::unique("fitcanvas_file_browser");
    let r = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(match b.purpose {
            PathPurpose::Open => "Open a canvas",
            PathPurpose::SaveAs => "Save the canvas",
            PathPurpose::Export(_) => "Export to a file",
            PathPurpose::Compare => "Compare with an older version",
        });
        ui.horizontal(|ui| {
            if ui.button("Up").on_hover_text("The folder above").clicked()
                && let Some(parent) = b.folder.parent().map(Path::to_path_buf)
            {
                b.enter(parent);
            }
            ui.label(RichText::new(b.folder.display().to_string()).monospace());
        });
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(130.0);
                ui.set_max_height(300.0);
                ui.label(RichText::new("Places").strong());
                for (name, path) in b.places.clone() {
                    if ui
                        .selectable_label(b.folder == path, &name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        b.enter(path);
                    }
                }
            });
            // Space, not a separator line: a vertical line takes all the height there is,
            // and a modal has no end to it.
            ui.add_space(8.0);
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let entries: Vec<(Entry, bool)> =
                            b.listed().map(|(e, ok)| (e.clone(), ok)).collect();
                        if !entries.iter().any(|(e, ok)| *ok && !e.is_dir) {
                            ui.label(format!("No {} here.", b.kind()));
                        }
                        for (entry, choosable) in entries {
                            let label = if entry.is_dir {
                                format!("📁 {}", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let selected = !entry.is_dir && b.name == entry.name;
                            // Files of another kind are there to be seen, greyed, not chosen.
                            let r = ui
                                .add_enabled(choosable, egui::Button::selectable(selected, label));
                            if entry.is_dir && r.clicked() {
                                let into = b.folder.join(&entry.name);
                                b.enter(into);
                            } else if !entry.is_dir && r.double_clicked() {
                                b.name = entry.name.clone();
                                done = b.target();
                            } else if !entry.is_dir && r.clicked() {
                                b.name = entry.name.clone();
                            }
                        }
                        if b.truncated {
                            ui.label(format!("Only the first {MAX_ENTRIES} are shown."));
                        }
                    });
            });
        });
        ui.checkbox(&mut b.show_all, "Show all files");
        let label = ui.label("File name");
        let field = ui
            .add(egui::TextEdit::singleline(&mut b.name).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if current.name.is_empty() && !field.has_focus() && b.replace.is_none() {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(error) = &b.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let Some(existing) = b.replace.clone() {
            let name = existing.file_name().map_or_else(
                || existing.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(format!("“{name}” already exists. Replace it?"));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    done = Some(existing.clone());
                }
                if ui.button("Keep it").clicked() {
                    b.replace = None;
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            let ok = match b.purpose {
                PathPurpose::Open => "Open",
                PathPurpose::SaveAs => "Save",
                PathPurpose::Export(_) => "Export",
                PathPurpose::Compare => "Compare",
            };
            if ui.button(ok).clicked() || enter {
                done = b.target();
                if done.is_none() {
                    b.error = Some("Type a file name, or pick a file.".to_owned());
                }
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if cancel || r.should_close() {
        out.push(Command::CancelModal);
        return;
    }
    if let Some(path) = done {
        let asked = b.replace.as_ref() == Some(&path);
        if path.is_dir() {
            b.name.clear();
            b.enter(path);
        } else if b.writes() && path.exists() && !asked {
            b.replace = Some(path);
        } else if !b.writes() && !path.is_file() {
            b.error = Some(format!("There is no file {}", path.display()));
        } else {
            out.push(Command::CloseModal);
            out.push(chosen(b.purpose, path));
            return;
        }
    }
    if b != *current {
        out.push(Command::EditBrowser(Box::new(b)));
    }
}
