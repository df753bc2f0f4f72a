//! The editor window: the canvas as people know it, with fast keyboard entry, linking, a live
//! fit panel, undo, files and crash recovery.
//!
//! The shape follows egui's demo app: [`App`] holds the document and view state apart from
//! runtime fields; panels (one module each) draw and push [`Command`]s; [`App::apply`] carries
//! them out after the frame, in one place.

pub mod audience;
pub mod canvas_view;
pub mod commands;
pub mod compare;
pub mod dialogs;
pub mod document;
pub mod evidence_editor;
pub mod examples;
pub mod export_menu;
pub mod file_dialogs;
pub mod fit_panel;
pub mod inspector;
pub mod interview_log;
pub mod keyboard;
pub mod menu_bar;
pub mod presentation;
pub mod recovery;
pub mod settings;
pub mod side_tabs;
pub mod start_screen;
pub mod test_cards;
pub mod theme;
pub mod timer_view;
pub mod voting;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

pub use commands::{Command, PathPurpose, Pending, ZoomStep};
pub use document::Document;
pub use file_dialogs::{DialogReply, FileDialogs, NativeDialogs, ScriptedDialogs};

use crate::format;
use crate::section::Section;
use recovery::{AUTOSAVE_DELAY, Recovery};
use settings::Settings;
use theme::ThemeChoice;

/// Where the app keeps things, and how it tells time: injected so tests stay out of the real
/// folders and never sleep.
pub struct AppConfig {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub dialogs: Box<dyn FileDialogs>,
    pub clock: Box<dyn Fn() -> Instant>,
}

/// Which screen fills the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Canvas,
}

/// A note being typed in place: a new one at the end of `section`, or an existing one.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub section: Section,
    pub editing: Option<String>,
    pub text: String,
    pub focus: bool,
}

/// What is selected and being typed: view state that is not part of the canvas.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub selected: Option<String>,
    pub entry: Option<Entry>,
    /// The note being dragged (to reorder or to link).
    pub drag: Option<String>,
    pub drag_pos: Option<egui::Pos2>,
    /// Columns of each area's note grid in the last frame, for Up/Down.
    pub columns: [usize; 6],
    /// The inspector's copy of the selected note's text, so typing is smooth.
    pub inspector_text: Option<(String, String)>,
    pub scroll_to_selected: bool,
    /// F6 asked for the keyboard to move to the side panel (its first field takes it).
    pub focus_side_panel: bool,
    /// Where each visible note was drawn in the last frame, by id.
    pub note_rects: std::collections::HashMap<String, egui::Rect>,
    /// The smallest note text size drawn in the last frame, so tests can check it is readable.
    pub smallest_note_font: Option<f32>,
    /// The side panel's tab, the open interview and test card, and their forms.
    pub side: side_tabs::SideView,
}

/// A modal window over the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Unsaved(Pending),
    TypePath {
        purpose: PathPurpose,
        text: String,
        why: String,
    },
    Message {
        title: String,
        text: String,
    },
    Recover,
    Shortcuts,
    /// File → Export…: format and options.
    Export(export_menu::ExportChoice),
}

/// The editor.
pub struct App {
    pub doc: Document,
    pub view: ViewState,
    pub screen: Screen,
    pub settings: Settings,
    pub modal: Option<Modal>,
    /// Messages from failed saves or loads, shown in the status bar as well.
    pub status: String,
    config_dir: PathBuf,
    pub recovery: Recovery,
    /// What the last session left unsaved, until the user restores or discards it. Held in
    /// memory so that opening a file meanwhile (from the command line, say) cannot lose it.
    recovered: Option<recovery::Recovered>,
    dialogs: Box<dyn FileDialogs>,
    dialog_tx: Sender<DialogReply>,
    dialog_rx: Receiver<DialogReply>,
    /// What to do once the save the user chose in the unsaved-changes prompt is done.
    after_save: Option<Pending>,
    close_allowed: bool,
    clock: Box<dyn Fn() -> Instant>,
    /// Counts changes to the canvas, so autosave knows whether there is something new.
    edits: u64,
    autosaved_edits: u64,
    change_pending_since: Option<Instant>,
    title_sent: String,
    commands: Vec<Command>,
    applied_theme: Option<ThemeChoice>,
    zoom_applied: bool,
    /// The window's size (logical pixels) and zoom as last seen, and since when they differ
    /// from the saved settings: saved once they settle, so a crash keeps them too.
    window_seen: Option<([f32; 2], f32)>,
    window_changed_at: Option<Instant>,
    ctx: egui::Context,
    commands_close: bool,
    /// Whether a text field had the keyboard at the end of the last frame.
    typing: bool,
    /// The last export's choice: the next export starts from it.
    pub export_choice: export_menu::ExportChoice,
    /// File → Compare with…: the older version the open canvas is compared with.
    pub comparison: Option<compare::Comparison>,
    /// Workshop mode: presenting, the walk-through, the timer, the audience window.
    pub presentation: presentation::Presentation,
}

impl App {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> App {
        let settings = Settings::load(&config.config_dir);
        let recovery = Recovery::new(&config.data_dir);
        let (dialog_tx, dialog_rx) = channel();
        let recovered = recovery.read();
        let modal = recovered.is_some().then_some(Modal::Recover);
        let status = if recovered.is_none() && recovery.exists() {
            format!(
                "A recovery file from an earlier session could not be read; it was left at {}",
                recovery.canvas_file().display()
            )
        } else {
            String::new()
        };
        let presentation =
            presentation::Presentation::new((config.clock)(), settings.timer_minutes);
        theme::install_fonts(ctx);
        App {
            doc: Document::new(),
            view: ViewState::default(),
            screen: Screen::Start,
            settings,
            modal,
            status,
            config_dir: config.config_dir,
            recovery,
            recovered,
            dialogs: config.dialogs,
            dialog_tx,
            dialog_rx,
            after_save: None,
            close_allowed: false,
            clock: config.clock,
            edits: 0,
            autosaved_edits: 0,
            change_pending_since: None,
            title_sent: String::new(),
            commands: Vec::new(),
            applied_theme: None,
            zoom_applied: false,
            window_seen: None,
            window_changed_at: None,
            ctx: ctx.clone(),
            commands_close: false,
            typing: false,
            export_choice: export_menu::ExportChoice::default(),
            comparison: None,
            presentation,
        }
    }

    /// Opens `path` at start, as given on the command line.
    pub fn open_at_start(&mut self, path: &Path) {
        self.open_path(path.to_path_buf());
    }

    pub fn is_typing(&self) -> bool {
        self.typing
    }

    pub fn canvas(&self) -> &crate::Canvas {
        self.doc.canvas()
    }

    /// Queues a command as if a panel had pushed it; it is applied at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The window title: file name, and a mark while there are unsaved changes.
    pub fn title(&self) -> String {
        match self.screen {
            Screen::Start if !self.doc.is_dirty() && self.doc.path().is_none() => {
                "Fitcanvas".to_owned()
            }
            _ => format!(
                "{}{} — Fitcanvas",
                if self.doc.is_dirty() { "● " } else { "" },
                self.doc.display_name()
            ),
        }
    }

    /// Draws one frame and applies what it asked for. Used by the window and the benchmark.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.settings.theme) {
            self.settings.theme.apply(&ctx);
            self.applied_theme = Some(self.settings.theme);
        }
        if !self.zoom_applied {
            if (self.settings.zoom - 1.0).abs() > f32::EPSILON {
                ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
            }
            self.zoom_applied = true;
        }
        self.receive_dialog_replies();
        self.receive_dropped_files(&ctx);
        self.intercept_close(&ctx);

        let mut out = std::mem::take(&mut self.commands);
        keyboard::global_shortcuts(&ctx, self, &mut out);
        // Presenting, the canvas fills the screen: no menus, side panel or status bar.
        let presenting = self.presentation.active && self.screen == Screen::Canvas;
        if !presenting {
            menu_bar::show(ui, self, &mut out);
            status_bar(ui, self);
        }
        presentation::guard_typing(&ctx, self);
        if self.screen == Screen::Canvas && self.modal.is_none() {
            // Its own key map first: what it takes (digits, arrows) the editor's never sees.
            presentation::keys(&ctx, self, &mut out);
            // Before the panels draw, so keys meant for the canvas never move egui's focus.
            keyboard::canvas_keys(&ctx, self, &mut out);
        }
        // Recomputed every frame, so it follows every edit of the open canvas.
        // Taken out for the frame (panels borrow the app) and put back before commands apply.
        let comparison = self.comparison.take();
        let comparing = comparison
            .as_ref()
            .filter(|_| self.screen == Screen::Canvas)
            .map(|c| (c, c.diff(self.doc.canvas())));
        if comparing.is_some()
            && self.modal.is_none()
            && self.view.selected.is_none()
            && self.view.entry.is_none()
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            out.push(Command::CloseComparison);
        }
        match self.screen {
            Screen::Start => start_screen::show(ui, self, &mut out),
            Screen::Canvas if presenting => presentation::show(ui, self, &mut out),
            Screen::Canvas => {
                // The user may also drag the panel shut (or open again) by its edge.
                let mut side_panel = self.settings.show_side_panel;
                egui::Panel::right("side_panel")
                    .resizable(true)
                    .default_size(280.0)
                    .size_range(240.0..=520.0)
                    .show_collapsible(ui, &mut side_panel, |ui| {
                        side_tabs::tab_bar(ui, self.view.side.tab, &mut out);
                        egui::ScrollArea::vertical().show(ui, |ui| match self.view.side.tab {
                            side_tabs::SideTab::Note => {
                                if let Some((cmp, diff)) = &comparing {
                                    compare::panel(ui, cmp, diff, self.doc.canvas(), &mut out);
                                    ui.separator();
                                }
                                inspector::show(ui, self, &mut out);
                                ui.separator();
                                fit_panel::show(ui, self, &mut out);
                            }
                            side_tabs::SideTab::Interviews => {
                                interview_log::show(ui, self, &mut out)
                            }
                            side_tabs::SideTab::Tests => test_cards::show(ui, self, &mut out),
                        });
                    });
                if side_panel != self.settings.show_side_panel {
                    out.push(Command::ToggleSidePanel);
                }
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| {
                        let palette = self.settings.theme.palette();
                        canvas_view::show(
                            ui,
                            self.doc.canvas(),
                            &mut self.view,
                            &palette,
                            self.settings.show_links,
                            &mut out,
                        );
                        if let Some((_, diff)) = &comparing {
                            compare::marks(ui, diff, &self.view.note_rects);
                        }
                    });
            }
        }
        dialogs::show(&ctx, self, &mut out);
        presentation::windows(&ctx, self, &mut out);
        self.comparison = comparison;
        // The side panel's first field took the keyboard this frame, if it was asked to.
        self.view.focus_side_panel = false;
        // Starting to type goes last, so that a note committed by the same click (its field
        // losing focus) does not end the entry just started.
        out.sort_by_key(|c| matches!(c, Command::StartEntry(_) | Command::EditNote(_)));
        if !out.is_empty() {
            // Commands are applied after drawing, so draw once more to show their effect.
            ctx.request_repaint();
        }
        for command in out {
            self.apply(&ctx, command);
        }
        // Decided at the end of a frame: by the next frame egui may already have moved focus.
        self.typing = ctx.egui_wants_keyboard_input();
        self.autosave(&ctx);
        self.remember_window(&ctx);
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn receive_dialog_replies(&mut self) {
        while let Ok(reply) = self.dialog_rx.try_recv() {
            match (reply.path, reply.unavailable) {
                (Some(path), _) => match reply.purpose {
                    PathPurpose::Open => self.open_path(path),
                    PathPurpose::SaveAs => {
                        self.save_to(path);
                    }
                    PathPurpose::Export(_) => self.export_to(&path),
                    PathPurpose::Compare => self.compare_with(path),
                },
                (None, true) => {
                    self.modal = Some(Modal::TypePath {
                        purpose: reply.purpose,
                        text: String::new(),
                        why: "No file dialog could be shown (this desktop has no file-chooser \
                              portal). Type the file's path instead."
                            .to_owned(),
                    });
                }
                (None, false) => self.after_save = None,
            }
        }
    }

    fn receive_dropped_files(&mut self, ctx: &egui::Context) {
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

    fn intercept_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            let (size, zoom) = window_size_and_zoom(ctx);
            self.settings.zoom = zoom;
            // A full-screen presentation's size is not the editor window's.
            if !self.presentation.active {
                self.settings.window = size.or(self.settings.window);
            }
            let _ = self.settings.save(&self.config_dir);
            if self.doc.is_dirty() && !self.close_allowed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Close));
            }
        }
    }

    /// Runs `action` now, or first asks whether to save when there are unsaved changes.
    fn guard(&mut self, action: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    fn perform(&mut self, action: Pending) {
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
            Pending::Close => {
                self.close_allowed = true;
                self.recovery.discard();
                self.commands_close = true;
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.comparison = None;
        self.view = ViewState::default();
        if self.recovered.is_none() {
            self.recovery.discard();
        }
        self.autosaved_edits = self.edits;
        self.change_pending_since = None;
    }

    fn request_dialog(&mut self, purpose: PathPurpose) {
        let name = self.doc.path().and_then(Path::file_name).map_or_else(
            || format!("{}.json", sanitize(self.doc.canvas().title())),
            |n| n.to_string_lossy().into_owned(),
        );
        let name = match purpose {
            PathPurpose::Export(format) => format
                .with_extension(Path::new(&name))
                .to_string_lossy()
                .into_owned(),
            _ => name,
        };
        let ctx = self.ctx.clone();
        self.dialogs
            .request(purpose, &name, self.dialog_tx.clone(), &ctx);
    }

    /// Loads `path`; on failure the open canvas stays as it was and the message is shown.
    pub fn open_path(&mut self, path: PathBuf) {
        match format::load_file(&path) {
            Ok(canvas) => {
                self.settings.add_recent(&path);
                let _ = self.settings.save(&self.config_dir);
                self.replace_document(Document::opened(canvas, Some(path)));
                self.screen = Screen::Canvas;
                self.status = String::new();
            }
            Err(e) => {
                self.status = e.to_string();
                self.modal = Some(Modal::Message {
                    title: "Could not open the file".to_owned(),
                    text: e.to_string(),
                });
            }
        }
    }

    fn open_example(&mut self, index: usize) {
        let Some((_, _, bytes)) = examples::EXAMPLES.get(index) else {
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
        match format::save_file(&path, self.doc.canvas()) {
            Ok(()) => {
                self.settings.add_recent(&path);
                let _ = self.settings.save(&self.config_dir);
                self.doc.mark_saved(path);
                self.recovery.discard();
                self.status = format!("Saved {}", self.doc.display_name());
                if let Some(next) = self.after_save.take() {
                    self.perform(next);
                }
                true
            }
            Err(e) => {
                self.after_save = None;
                self.status = e.to_string();
                self.modal = Some(Modal::Message {
                    title: "Could not save".to_owned(),
                    text: e.to_string(),
                });
                false
            }
        }
    }

    /// Exports the canvas with the remembered choice to `path` (its extension made to fit the
    /// format) and says how it went. The canvas is only read.
    fn export_to(&mut self, path: &Path) {
        match export_menu::export_to(self.doc.canvas(), &self.export_choice, path) {
            Ok(written) => {
                self.status = format!(
                    "Exported {} to {}",
                    self.export_choice.format.name(),
                    written.display()
                );
            }
            Err(e) => {
                self.status = format!("Export failed: {e}");
                self.modal = Some(Modal::Message {
                    title: "Could not export".to_owned(),
                    text: e,
                });
            }
        }
    }

    /// Starts comparing the open canvas (after) with the canvas in `path` (before). A file
    /// that cannot be read changes nothing and its message is shown.
    fn compare_with(&mut self, path: PathBuf) {
        match format::load_file(&path) {
            Ok(older) => {
                self.status = format!("Comparing with {}", path.display());
                self.comparison = Some(compare::Comparison { path, older });
                // The list of changes is in the Note tab.
                self.view.side.tab = side_tabs::SideTab::Note;
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

    fn save(&mut self) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) => {
                self.save_to(path);
            }
            None => self.request_dialog(PathPurpose::SaveAs),
        }
    }

    /// Carries out one command. The only place the canvas changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        use Command as C;
        match command {
            C::AddNote { section, text } => {
                let text = text.trim().to_owned();
                if !text.is_empty()
                    && let Ok(id) = self.doc.edit(None, |c| Ok(c.add_item(section, text)))
                {
                    self.view.selected = Some(id.as_str().to_owned());
                    self.view.scroll_to_selected = true;
                    self.edits += 1;
                }
            }
            C::Paste { section, lines } => {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect();
                if let Ok(Some(last)) = self.doc.edit(None, |c| {
                    Ok(lines.iter().map(|l| c.add_item(section, l.clone())).last())
                }) {
                    self.view.selected = Some(last.as_str().to_owned());
                    self.edits += 1;
                }
            }
            C::SetText { id, text } => self.edit(Some(&id.clone()), |c| c.set_text(&id, text)),
            C::SetWeight { id, weight } => self.edit(None, |c| c.set_weight(&id, weight)),
            C::SetKind { id, kind } => self.edit(None, |c| c.set_kind(&id, kind)),
            C::SetStatus { id, status } => self.edit(None, |c| c.set_status(&id, status)),
            C::Remove { id } => {
                let neighbour = self.neighbour_of(&id);
                if self.doc.edit(None, |c| c.remove_item(&id)).is_ok() {
                    self.edits += 1;
                    if self.view.selected.as_deref() == Some(id.as_str()) {
                        self.view.selected = neighbour;
                    }
                    if self.view.entry.as_ref().and_then(|e| e.editing.as_deref()) == Some(&id) {
                        self.view.entry = None;
                    }
                }
            }
            C::Move { id, to } => self.edit(None, |c| c.move_item(&id, to)),
            C::Shift { id, by } => self.edit(None, |c| c.shift_item(&id, by).map(|_| ())),
            C::Link { from, to } => self.edit(None, |c| c.link(&from, &to)),
            C::Unlink { from, to } => self.edit(None, |c| c.unlink(&from, &to).map(|_| ())),
            C::SetTitle(t) => self.edit(Some("title"), |c| {
                c.set_title(t);
                Ok(())
            }),
            C::SetCustomer(t) => self.edit(Some("customer"), |c| {
                c.set_customer(t);
                Ok(())
            }),
            C::AddEvidence { id, evidence } => {
                self.edit(None, |c| c.add_evidence(&id, evidence).map(|_| ()))
            }
            C::SetEvidence {
                id,
                index,
                evidence,
                field,
            } => {
                let key = field.map(|f| format!("evidence:{id}:{index}:{f}"));
                self.edit(key.as_deref(), |c| c.set_evidence(&id, index, evidence))
            }
            C::RemoveEvidence { id, index } => {
                self.edit(None, |c| c.remove_evidence(&id, index).map(|_| ()))
            }
            C::AddInterview { date } => interview_log::apply_add(self, date),
            C::SetInterview { interview, field } => {
                let key = field.map(|f| format!("interview:{}:{f}", interview.id().as_str()));
                self.edit(key.as_deref(), |c| interview_log::set_fields(c, &interview))
            }
            C::RemoveInterview { id } => interview_log::apply_remove(self, &id),
            C::NewTest { hypothesis, items } => test_cards::apply_new(self, hypothesis, &items),
            C::SetTest { card, field } => {
                let key = field.map(|f| format!("test:{}:{f}", card.id().as_str()));
                self.edit(key.as_deref(), |c| test_cards::set_fields(c, &card))
            }
            C::SetTestItems { id, items } => self.edit(None, |c| {
                c.set_test_items(&id, &items.iter().map(String::as_str).collect::<Vec<_>>())
            }),
            C::FinishTest {
                id,
                learning,
                status,
            } => self.edit(None, |c| c.finish_test(&id, learning, status)),
            C::RemoveTest { id } => self.edit(None, |c| c.remove_test(&id).map(|_| ())),
            C::Undo => {
                if self.doc.undo() {
                    self.edits += 1;
                    self.after_history_step();
                }
            }
            C::Redo => {
                if self.doc.redo() {
                    self.edits += 1;
                    self.after_history_step();
                }
            }
            C::Select(id) => {
                self.doc.break_coalescing();
                self.view.selected = id;
                self.view.scroll_to_selected = true;
            }
            C::StartEntry(section) => {
                self.screen = Screen::Canvas;
                self.view.entry = Some(Entry {
                    section,
                    editing: None,
                    text: String::new(),
                    focus: true,
                });
            }
            C::EditNote(id) => {
                if let Some((section, _)) = self.doc.canvas().locate(&id) {
                    let text = self.doc.canvas().item(&id).map(|i| i.text().to_owned());
                    self.view.selected = Some(id.clone());
                    self.view.entry = Some(Entry {
                        section,
                        editing: Some(id),
                        text: text.unwrap_or_default(),
                        focus: true,
                    });
                }
            }
            C::EndEntry => self.view.entry = None,
            C::ShowTab(tab) => self.view.side.tab = tab,
            C::OpenInterview(id) => {
                self.doc.break_coalescing();
                self.view.side.tab = side_tabs::SideTab::Interviews;
                self.view.side.interview = id;
            }
            C::OpenTest(id) => {
                self.doc.break_coalescing();
                self.view.side.tab = side_tabs::SideTab::Tests;
                self.view.side.test = id;
            }
            C::New => self.guard(Pending::New),
            C::Open => self.guard(Pending::OpenDialog),
            C::OpenPath(p) => self.guard(Pending::OpenPath(p)),
            C::OpenExample(i) => self.guard(Pending::OpenExample(i)),
            C::TypePath(purpose) => {
                self.modal = Some(Modal::TypePath {
                    purpose,
                    text: self
                        .doc
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    why: String::new(),
                })
            }
            C::Save => self.save(),
            C::SaveAs => self.request_dialog(PathPurpose::SaveAs),
            C::SaveTo(path) => {
                self.save_to(path);
            }
            C::ShowStart => self.guard(Pending::StartScreen),
            C::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            C::SetTheme(t) => {
                self.settings.theme = t;
                let _ = self.settings.save(&self.config_dir);
            }
            C::CycleFocus => match ctx.memory(|m| m.focused()) {
                // Back to the canvas, whose keys apply whenever no widget has the keyboard.
                Some(id) => ctx.memory_mut(|m| m.surrender_focus(id)),
                None if self.screen == Screen::Canvas => {
                    self.settings.show_side_panel = true;
                    self.view.focus_side_panel = true;
                }
                None => {}
            },
            C::ToggleSidePanel => {
                self.settings.show_side_panel = !self.settings.show_side_panel;
                let _ = self.settings.save(&self.config_dir);
            }
            C::Zoom(step) => match step {
                ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                ZoomStep::Reset => ctx.set_zoom_factor(1.0),
            },
            C::ToggleLinks => {
                self.settings.show_links = !self.settings.show_links;
                let _ = self.settings.save(&self.config_dir);
            }
            C::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            C::ClearRecent => {
                self.settings.recent.clear();
                let _ = self.settings.save(&self.config_dir);
            }
            C::ShowExport => {
                if self.screen == Screen::Canvas {
                    self.modal = Some(Modal::Export(self.export_choice));
                }
            }
            C::Export(choice) => {
                self.export_choice = choice;
                self.request_dialog(PathPurpose::Export(choice.format));
            }
            C::ExportTo(path) => self.export_to(&path),
            C::Compare => {
                if self.screen == Screen::Canvas {
                    self.request_dialog(PathPurpose::Compare);
                }
            }
            C::CompareWith(path) => self.compare_with(path),
            C::CloseComparison => {
                self.comparison = None;
                self.status = String::new();
            }
            // Workshop mode.
            C::SetVotes { id, votes } => self.edit(None, |c| c.set_votes(&id, votes)),
            C::Workshop(action) => presentation::apply(self, ctx, action),
        }
        if self.commands_close {
            self.commands_close = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn edit(
        &mut self,
        key: Option<&str>,
        f: impl FnOnce(&mut crate::Canvas) -> Result<(), crate::EditError>,
    ) {
        let before = self.doc.canvas().clone();
        match self.doc.edit(key, f) {
            Ok(()) if *self.doc.canvas() != before => self.edits += 1,
            Ok(()) => {}
            Err(e) => self.status = e.to_string(),
        }
    }

    /// An undo or redo may add or remove evidence entries before the one open for editing, and
    /// the editor knows its entry by position: close it rather than let it slide onto another.
    fn after_history_step(&mut self) {
        self.view.side.editing_evidence = None;
    }

    /// The note to select after `id` is deleted: the next in its area, else the previous.
    fn neighbour_of(&self, id: &str) -> Option<String> {
        let (section, index) = self.doc.canvas().locate(id)?;
        let items = self.doc.canvas().items(section);
        items
            .get(index + 1)
            .or_else(|| index.checked_sub(1).and_then(|i| items.get(i)))
            .map(|i| i.id().as_str().to_owned())
    }

    /// Writes the recovery file a few seconds after the last change; never polls.
    fn autosave(&mut self, ctx: &egui::Context) {
        if !self.doc.is_dirty() {
            if self.autosaved_edits != self.edits {
                self.recovery.discard();
                self.autosaved_edits = self.edits;
            }
            self.change_pending_since = None;
            return;
        }
        if self.autosaved_edits == self.edits {
            return;
        }
        let now = (self.clock)();
        let since = *self.change_pending_since.get_or_insert(now);
        let waited = now.saturating_duration_since(since);
        if waited >= AUTOSAVE_DELAY {
            if let Err(e) = self.recovery.write(self.doc.canvas(), self.doc.path()) {
                self.status = format!("Could not write the recovery file: {e}");
            }
            self.autosaved_edits = self.edits;
            self.change_pending_since = None;
        } else {
            ctx.request_repaint_after(AUTOSAVE_DELAY - waited);
        }
    }

    /// Saves the window's size and zoom a moment after they last changed (not on every frame of
    /// a resize). The size a window had on first sight is the saved one, so nothing is written
    /// while nobody resizes or zooms.
    fn remember_window(&mut self, ctx: &egui::Context) {
        const SETTLE: std::time::Duration = std::time::Duration::from_secs(1);
        if self.presentation.active {
            // The screen's size while presenting is not the editor window's.
            return;
        }
        let (size, zoom) = window_size_and_zoom(ctx);
        let seen = (size.unwrap_or_default(), zoom);
        match self.window_seen {
            None => self.window_seen = Some(seen),
            Some(previous) if previous != seen => {
                self.window_seen = Some(seen);
                self.window_changed_at = Some((self.clock)());
            }
            Some(_) => {}
        }
        let Some(changed_at) = self.window_changed_at else {
            return;
        };
        let waited = (self.clock)().saturating_duration_since(changed_at);
        if waited < SETTLE {
            ctx.request_repaint_after(SETTLE - waited);
            return;
        }
        self.window_changed_at = None;
        self.settings.zoom = zoom;
        self.settings.window = size.or(self.settings.window);
        let _ = self.settings.save(&self.config_dir);
    }

    /// Takes up what a previous session left in the recovery file.
    pub fn restore_recovery(&mut self) {
        if let Some(rec) = self.recovered.take() {
            self.doc = Document::recovered(rec.canvas, rec.path);
            self.view = ViewState::default();
            self.screen = Screen::Canvas;
            self.edits += 1;
            self.autosaved_edits = self.edits;
        }
        self.modal = None;
    }

    pub fn discard_recovery(&mut self) {
        self.recovered = None;
        self.recovery.discard();
        self.modal = None;
    }

    /// What the recovery prompt says it would restore: the canvas's title and size, where it
    /// came from, and what restoring does to the canvas open now.
    pub fn recovery_summary(&self) -> Option<String> {
        let rec = self.recovered.as_ref()?;
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
        self.after_save = None;
    }

    /// Answers the unsaved-changes prompt.
    pub fn answer_unsaved(&mut self, pending: Pending, answer: UnsavedAnswer) {
        self.modal = None;
        match answer {
            UnsavedAnswer::Save => {
                self.after_save = Some(pending);
                self.save();
            }
            UnsavedAnswer::DontSave => {
                self.recovery.discard();
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

fn status_bar(ui: &mut egui::Ui, app: &App) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let canvas = app.doc.canvas();
            ui.label(format!("{} notes", canvas.len()));
            if app.doc.is_dirty() {
                ui.label("· unsaved changes");
            }
            if !app.status.is_empty() {
                ui.separator();
                ui.label(&app.status);
            }
            presentation::status(ui, app);
        });
    });
}

/// The window's inner size in logical pixels (what the next start opens it at), unless it is
/// full screen, and the zoom factor.
fn window_size_and_zoom(ctx: &egui::Context) -> (Option<[f32; 2]>, f32) {
    let zoom = ctx.zoom_factor();
    let size = ctx.input(|i| {
        let viewport = i.viewport();
        // Egui measures in points, which zoom scales; the window is opened in logical pixels.
        (viewport.fullscreen != Some(true))
            .then_some(viewport.inner_rect)
            .flatten()
            .map(|r| [r.width() * zoom, r.height() * zoom])
    });
    (size, zoom)
}

/// A file name made from a canvas title.
fn sanitize(title: &str) -> String {
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

/// Opens the editor window, with `file` if given. Settings and recovery live in the platform's
/// folders.
pub fn run(file: Option<&Path>) -> ExitCode {
    let dirs = directories::ProjectDirs::from("org", "Fitcanvas", "fitcanvas");
    let (config_dir, data_dir) = match &dirs {
        Some(d) => (d.config_dir().to_path_buf(), d.data_dir().to_path_buf()),
        None => {
            let tmp = std::env::temp_dir().join("fitcanvas");
            (tmp.clone(), tmp)
        }
    };
    let settings = Settings::load(&config_dir);
    let size = settings.window.unwrap_or([1280.0, 760.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Fitcanvas")
            .with_inner_size(size)
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let file = file.map(Path::to_path_buf);
    let result = eframe::run_native(
        "Fitcanvas",
        options,
        Box::new(move |cc| {
            let mut app = App::new(
                &cc.egui_ctx,
                AppConfig {
                    config_dir,
                    data_dir,
                    dialogs: Box::new(NativeDialogs),
                    clock: Box::new(Instant::now),
                },
            );
            if let Some(file) = file {
                app.open_at_start(&file);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fitcanvas: could not open the editor window: {e}");
            ExitCode::FAILURE
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
