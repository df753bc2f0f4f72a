//! The editor window: the canvas as people know it, with fast keyboard entry, linking, a live
//! fit panel, undo, files and crash recovery.
//!
//! The shape follows egui's demo app and rerun's viewer: [`App`] holds the document and view
//! state apart from its services and frame bookkeeping; panels (one module each) get a borrowed
//! context — never the app — draw, and push [`Command`]s; keys and menus come from one table of
//! actions (`actions.rs`); [`App::apply`] carries the commands out after the frame, in one place,
//! and every change to the canvas goes through the core's typed edits.

mod canvas;
mod files;
mod live;
mod shell;
mod side;
mod workshop;

pub use shell::actions::markdown_table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

// The app's face: what the binary, the tests and the benchmarks use. Everything else is private.
pub use canvas::clipboard::{MemoryClipboard, NoteClipboard, SystemClipboard};
pub use canvas::find::FindCommand;
pub use files::broken_on_disk::{BrokenAnswer, BrokenPrompt};
pub use files::file_dialogs::{DialogReply, FileDialogs, NativeDialogs, ScriptedDialogs};
pub use files::open_save::UnsavedAnswer;
pub use files::outside_change::OutsideAnswer;
pub use live::session::{HUB_ROOM, Live, LiveCommand, LiveForm, LiveWindow};
pub use shell::commands::{Command, PathPurpose, Pending, ZoomStep};
pub use shell::document::Document;
pub use shell::settings::Settings;
pub use shell::theme::ThemeChoice;
pub use side::compare::Comparison;
pub use side::evidence_editor::{NOT_ADDED_BAD_DATE, interview_name};
pub use side::tabs::{BAD_DATE, SideTab, SideView};
pub use side::test_cards::NO_OBSERVATION;
pub use workshop::presentation::{Action as WorkshopAction, MIN_NOTE_TEXT_AT_1080, Presentation};
pub use workshop::room_panel::{Room, RoomCommand};
pub use workshop::tone::{Silence, Speakers, ToneOut};

use files::recovery::{AUTOSAVE_DELAY, Recovery};
use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::format;
use fitcanvas_model::section::Section;

/// Where the app keeps things, and how it tells time: injected so tests stay out of the real
/// folders and never sleep.
pub struct AppConfig {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub dialogs: Box<dyn FileDialogs>,
    pub clock: Box<dyn Fn() -> Instant>,
    /// Where copied notes go: the system's clipboard, or one in memory for tests.
    pub clipboard: Box<dyn NoteClipboard>,
    /// Where the timer's one-minute tone goes: the speakers, or a counter in tests.
    pub tone: Box<dyn ToneOut>,
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
    pub editing: Option<ItemId>,
    pub text: String,
    pub focus: bool,
}

/// What is selected and being typed: view state that is not part of the canvas.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub selected: Option<ItemId>,
    /// Notes selected besides `selected` (Ctrl- or Shift-click), which copy, cut, duplicate
    /// and delete take along; any plain selection clears them.
    pub also_selected: Vec<ItemId>,
    pub entry: Option<Entry>,
    /// The note being dragged (to reorder or to link).
    pub drag: Option<ItemId>,
    pub drag_pos: Option<egui::Pos2>,
    /// Columns of each area's note grid in the last frame, for Up/Down.
    pub columns: [usize; 6],
    /// The inspector's copy of the selected note's text, so typing is smooth.
    pub inspector_text: Option<(ItemId, String)>,
    pub scroll_to_selected: bool,
    /// F6 asked for the keyboard to move to the side panel (its first field takes it).
    pub focus_side_panel: bool,
    /// Where each visible note was drawn in the last frame, by id.
    pub note_rects: std::collections::HashMap<ItemId, egui::Rect>,
    /// The smallest note text size drawn in the last frame, so tests can check it is readable.
    pub smallest_note_font: Option<f32>,
    /// Notes drawn in the last frame with their text size, and whether the whole text showed
    /// (laid out without an ellipsis, and the note entirely in view).
    pub drawn_notes: std::collections::HashMap<ItemId, DrawnNote>,
    /// The side panel's tab, the open interview and test card, and their forms.
    pub side: side::tabs::SideView,
    /// Edit → Find's bar, while it is open.
    pub find: Option<canvas::find::FindBar>,
    /// Measured note text and each area's kept size, for laying notes out.
    pub packing: canvas::note_packing::PackMemory,
    /// How far the editor's canvas is zoomed and panned, and the area brought close.
    pub zoom: canvas::zoom::CanvasZoom,
    /// The link lines' routes and the notes' places they were worked out for.
    pub link_routes: (u64, LinkRoutes),
    /// Where the canvas was drawn in the last frame, for zooming about its centre.
    pub canvas_rect: Option<egui::Rect>,
}

/// The path of each link line, from the value-map note to the customer note.
pub type LinkRoutes =
    std::collections::HashMap<ItemId, std::collections::HashMap<ItemId, Vec<(f32, f32)>>>;

/// How a note came out on screen in the last frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawnNote {
    pub section: Section,
    pub font: f32,
    pub whole: bool,
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
    About,
    /// File → Export…: format and options.
    Export(files::export_menu::ExportChoice),
    /// The open file changed on disk while there were unsaved changes here.
    OutsideChange,
    /// The open file (or one being opened) does not load: conflict markers, a broken file.
    BrokenOnDisk(Box<files::broken_on_disk::BrokenPrompt>),
    /// "Clear all votes?"
    ClearVotes,
    /// The app's own file browser, where no native dialog can be shown.
    Browse(Box<files::file_browser::FileBrowser>),
}

/// The editor. Its state (the document and what the user sees of it) is in public fields;
/// the outside world it talks to and its bookkeeping between frames are kept apart.
pub struct App {
    pub doc: Document,
    pub view: ViewState,
    pub screen: Screen,
    pub settings: Settings,
    pub modal: Option<Modal>,
    /// Messages from failed saves or loads, shown in the status bar as well.
    pub status: String,
    /// The last export's choice: the next export starts from it.
    pub export_choice: files::export_menu::ExportChoice,
    /// File → Compare with…: the older version the open canvas is compared with.
    pub comparison: Option<side::compare::Comparison>,
    /// Workshop mode: presenting, the walk-through, the timer, the audience window.
    pub presentation: workshop::presentation::Presentation,
    /// The room: participants' phones, the inbox and vote rounds.
    pub room: workshop::room_panel::Room,
    /// Live co-editing: sharing this canvas, or a shared one joined.
    pub live: live::session::Live,
    services: Services,
    frame: FrameState,
}

/// What a panel gets while it draws — never the app. It reads the canvas, keeps its own view
/// state between frames, and asks for every other change with a command, applied after the
/// frame in one place.
pub(crate) struct PanelContext<'a> {
    pub canvas: &'a fitcanvas_model::Canvas,
    pub view: &'a mut ViewState,
    pub palette: fitcanvas_picture::palette::Palette,
    pub out: &'a mut Vec<Command>,
}

/// What the window's chrome (menu bar, start screen) gets while it draws: what decides which
/// actions apply, the settings it shows, the presentation's toggles — and where to send
/// commands. Menu entries send the action itself, worked out when it is applied.
pub(crate) struct ChromeContext<'a> {
    pub situation: shell::actions::Situation,
    pub settings: &'a Settings,
    pub presentation: &'a Presentation,
    pub side_tab: SideTab,
    pub out: &'a mut Vec<Command>,
}

/// The outside world, injected so tests control it: folders, the recovery file, file
/// dialogs, the clock and the egui context.
struct Services {
    config_dir: PathBuf,
    recovery: Recovery,
    /// What the last session left unsaved, until the user restores or discards it. Held in
    /// memory so that opening a file meanwhile (from the command line, say) cannot lose it.
    recovered: Option<files::recovery::Recovered>,
    dialogs: Box<dyn FileDialogs>,
    dialog_tx: Sender<DialogReply>,
    dialog_rx: Receiver<DialogReply>,
    clock: Box<dyn Fn() -> Instant>,
    ctx: egui::Context,
    /// The open file as last read or written, and the watch on it.
    watch: files::outside_change::FileWatch,
    clipboard: Box<dyn NoteClipboard>,
    tone: Box<dyn ToneOut>,
}

/// Bookkeeping from one frame to the next: never saved, never part of the document.
struct FrameState {
    /// What to do once the save the user chose in the unsaved-changes prompt is done.
    after_save: Option<Pending>,
    /// The export being written beside the window, if one is.
    export: Option<files::export_job::ExportJob>,
    close_allowed: bool,
    /// The document's revision the recovery file holds (or that needed no recovery file).
    autosaved_revision: u64,
    change_pending_since: Option<Instant>,
    title_sent: String,
    /// Commands queued from outside a frame (tests, the benchmark), applied with the next.
    commands: Vec<Command>,
    applied_theme: Option<ThemeChoice>,
    zoom_applied: bool,
    /// The window's size (logical pixels) and zoom as last seen, and since when they differ
    /// from the saved settings: saved once they settle, so a crash keeps them too.
    window_seen: Option<shell::window::WindowSeen>,
    window_changed_at: Option<Instant>,
    /// Whether the window was checked against the screen it opened on (done once).
    window_fitted: bool,
    /// Whether a text field has the keyboard this frame.
    typing: bool,
    /// Keyboard events held back for the frames after this one, so each is read in order.
    input: shell::input_order::InputOrder,
    /// The fit, what to test next and the comparison, as of the document's last revision.
    derived: shell::derived::Derived,
    /// The file's version changed on disk that the user is being asked about.
    outside: Option<files::outside_change::OutsideVersion>,
    /// A status message about the document as it was at a revision ("Saved plan.json"),
    /// cleared once the document changes, so it never stands beside "unsaved changes".
    status_of: Option<(u64, String)>,
    /// The file on disk that does not load that the user is being asked about.
    broken: Option<files::broken_on_disk::BrokenVersion>,
}

impl App {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> App {
        let settings = Settings::load(&config.config_dir);
        let recovery = Recovery::new(&config.data_dir);
        let (dialog_tx, dialog_rx) = channel();
        let recovered = recovery.read();
        let modal = recovered.is_some().then_some(Modal::Recover);
        let unreadable = if recovered.is_none() {
            recovery.orphans()
        } else {
            Vec::new()
        };
        let status = match unreadable.first() {
            Some(file) => format!(
                "A recovery file from an earlier session could not be read; it was left at {}",
                file.display()
            ),
            None => String::new(),
        };
        let presentation =
            workshop::presentation::Presentation::new((config.clock)(), settings.timer_minutes);
        shell::theme::install_fonts(ctx);
        App {
            doc: Document::new(),
            view: ViewState::default(),
            screen: Screen::Start,
            settings,
            modal,
            status,
            export_choice: files::export_menu::ExportChoice::default(),
            comparison: None,
            room: workshop::room_panel::Room::default(),
            live: live::session::Live::default(),
            presentation,
            services: Services {
                config_dir: config.config_dir,
                recovery,
                recovered,
                dialogs: config.dialogs,
                dialog_tx,
                dialog_rx,
                clock: config.clock,
                ctx: ctx.clone(),
                watch: files::outside_change::FileWatch::default(),
                clipboard: config.clipboard,
                tone: config.tone,
            },
            frame: FrameState {
                after_save: None,
                export: None,
                close_allowed: false,
                autosaved_revision: 0,
                change_pending_since: None,
                title_sent: String::new(),
                commands: Vec::new(),
                applied_theme: None,
                zoom_applied: false,
                window_seen: None,
                window_changed_at: None,
                window_fitted: false,
                typing: false,
                input: shell::input_order::InputOrder::default(),
                derived: shell::derived::Derived::default(),
                outside: None,
                broken: None,
                status_of: None,
            },
        }
    }

    /// Opens `path` at start, as given on the command line.
    pub fn open_at_start(&mut self, path: &Path) {
        self.open_path(path.to_path_buf());
    }

    pub fn is_typing(&self) -> bool {
        self.frame.typing
    }

    pub fn canvas(&self) -> &fitcanvas_model::Canvas {
        self.doc.canvas()
    }

    fn chrome_context<'a>(&'a self, out: &'a mut Vec<Command>) -> ChromeContext<'a> {
        ChromeContext {
            situation: self.situation(),
            settings: &self.settings,
            presentation: &self.presentation,
            side_tab: self.view.side.tab,
            out,
        }
    }

    fn panel_context<'a>(&'a mut self, out: &'a mut Vec<Command>) -> PanelContext<'a> {
        PanelContext {
            canvas: self.doc.canvas(),
            view: &mut self.view,
            palette: self.settings.theme.palette(),
            out,
        }
    }

    /// Shows `status`, true of the document as it is now: it goes once the document changes.
    pub(crate) fn status_of_now(&mut self, status: String) {
        self.frame.status_of = Some((self.doc.revision(), status.clone()));
        self.status = status;
    }

    /// Clears a status message that was about the document before its last change.
    fn forget_stale_status(&mut self) {
        if let Some((revision, said)) = &self.frame.status_of
            && (*revision != self.doc.revision() || self.status != *said)
        {
            if self.status == *said {
                self.status.clear();
            }
            self.frame.status_of = None;
        }
    }

    /// Queues a command as if a panel had pushed it; it is applied at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.frame.commands.push(command);
    }

    /// The window title: file name, a mark while there are unsaved changes, how many merge
    /// conflicts are left to settle ("— 3 unresolved conflicts"), and while live where the
    /// connection stands ("— live (2 people)", "— offline", "— reconnecting").
    pub fn title(&self) -> String {
        let title = match self.screen {
            Screen::Start if !self.doc.is_dirty() && self.doc.path().is_none() => {
                "Fitcanvas".to_owned()
            }
            _ => format!(
                "{}{}{} — Fitcanvas",
                if self.doc.is_dirty() { "● " } else { "" },
                self.doc.display_name(),
                self.doc
                    .canvas()
                    .unresolved_conflicts()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            ),
        };
        match self.live.state_text() {
            Some(live) => format!("{title} — {live}"),
            None => title,
        }
    }

    /// Draws one frame and applies what it asked for. Used by the window and the benchmark.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.frame.applied_theme != Some(self.settings.theme) {
            self.settings.theme.apply(&ctx);
            self.frame.applied_theme = Some(self.settings.theme);
        }
        if !self.frame.zoom_applied {
            // Zoom keys come from the action table like every other key.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            if (self.settings.zoom - 1.0).abs() > f32::EPSILON {
                ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
            }
            self.frame.zoom_applied = true;
        }
        // What takes the keys this frame: the note being typed in place, or a focused widget
        // that is still on screen.
        let focus_is_live = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| ctx.read_response(id).is_some());
        self.frame.typing = self.view.entry.is_some() || focus_is_live;
        // A field that is only now opening cannot take keys this frame: they wait for it.
        let field_opening = self.view.entry.as_ref().is_some_and(|e| e.focus);
        let typed_early = self.frame.input.begin_frame(
            &ctx,
            self.frame.typing,
            self.view.entry.is_some(),
            field_opening,
        );
        if let Some(entry) = self.view.entry.as_mut() {
            // Letters the field could not take this frame (it is opening, or a click takes its
            // focus first). It opens with its cursor at the end, and a field being typed into
            // has it there: that is where they go.
            entry.text.push_str(&typed_early);
        }
        self.receive_dialog_replies();
        self.receive_export();
        live::session::before_frame(self);
        self.watch_open_file(&ctx);
        self.receive_dropped_files(&ctx);
        self.intercept_close(&ctx);

        let mut out = std::mem::take(&mut self.frame.commands);
        // Presenting, the canvas fills the screen: no menus, side panel or status bar.
        let presenting = self.presentation.active && self.screen == Screen::Canvas;
        // Before the panels draw, so keys meant for the canvas never move egui's focus.
        shell::keyboard::dispatch(&ctx, self, &mut out);
        if !presenting {
            shell::menu_bar::show(ui, self.chrome_context(&mut out));
            let t = workshop::presentation::now(self);
            let live = self.live.state_text();
            status_bar(ui, &self.doc, &self.status, live, (&self.presentation, t));
        }
        workshop::presentation::guard_typing(&ctx, &mut self.presentation);
        // Worked out again only when the canvas changed; taken out for the frame (panels
        // borrow the app) and put back before commands apply.
        self.frame
            .derived
            .refresh(&self.doc, self.comparison.as_ref());
        let derived = std::mem::take(&mut self.frame.derived);
        let comparison = self.comparison.take();
        let comparing = comparison
            .as_ref()
            .filter(|_| self.screen == Screen::Canvas)
            .zip(derived.comparison.as_ref());
        match self.screen {
            Screen::Start => files::start_screen::show(ui, self.chrome_context(&mut out)),
            Screen::Canvas if presenting => {
                let t = workshop::presentation::now(self);
                let cx = workshop::presentation::PresentContext {
                    canvas: self.doc.canvas(),
                    view: &mut self.view,
                    presentation: &mut self.presentation,
                    t,
                    out: &mut out,
                };
                workshop::presentation::show(ui, cx);
            }
            Screen::Canvas => {
                // The user may also drag the panel shut (or open again) by its edge.
                let mut side_panel = self.settings.show_side_panel;
                egui::Panel::right("side_panel")
                    .resizable(true)
                    .default_size(300.0)
                    .size_range(240.0..=520.0)
                    .show_collapsible(ui, &mut side_panel, |ui| {
                        side::tabs::tab_bar(ui, self.view.side.tab, &mut out);
                        // Filling the panel whatever the tab holds, so the panel keeps one
                        // width (the user's, once dragged) instead of following its content.
                        egui::ScrollArea::vertical()
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                side::conflicts_panel::show(
                                    ui,
                                    self.doc.canvas(),
                                    &mut self.view.side.settled,
                                    &mut out,
                                );
                                match self.view.side.tab {
                                    side::tabs::SideTab::Note => {
                                        if let Some((cmp, diff)) = &comparing {
                                            side::compare::panel(
                                                ui,
                                                cmp,
                                                diff,
                                                self.doc.canvas(),
                                                &mut out,
                                            );
                                            ui.separator();
                                        }
                                        side::inspector::show(ui, self.panel_context(&mut out));
                                        ui.separator();
                                        side::fit_panel::show(
                                            ui,
                                            self.doc.canvas(),
                                            &derived,
                                            &mut out,
                                        );
                                    }
                                    side::tabs::SideTab::Interviews => {
                                        side::interview_log::show(ui, self.panel_context(&mut out))
                                    }
                                    side::tabs::SideTab::Tests => {
                                        side::test_cards::show(ui, self.panel_context(&mut out))
                                    }
                                }
                            });
                    });
                if side_panel != self.settings.show_side_panel {
                    out.push(Command::ToggleSidePanel);
                }
                let found = match &mut self.view.find {
                    Some(bar) => {
                        let found = bar.matches(self.doc.canvas(), self.doc.version()).to_vec();
                        canvas::find::bar(ui, bar, found.len(), &mut out);
                        found
                    }
                    None => Vec::new(),
                };
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| {
                        let palette = self.settings.theme.palette();
                        canvas::view::show(
                            ui,
                            self.doc.canvas(),
                            &mut self.view,
                            &palette,
                            self.settings.show_links,
                            &mut out,
                        );
                        if let Some((_, diff)) = &comparing {
                            side::compare::marks(ui, diff, &self.view.note_rects);
                        }
                        canvas::find::marks(ui, &found, &self.view.note_rects);
                        let (peers, rects) = (self.live.peers(), &self.view.note_rects);
                        live::presence_marks::show(ui, &peers, rects, self.doc.canvas());
                    });
            }
        }
        // The names a modal shows, made only while one is open.
        let (document_name, recovery_summary) = match self.modal {
            Some(_) => (self.doc.display_name(), self.recovery_summary()),
            None => (String::new(), None),
        };
        let modal_layer = shell::dialogs::DialogContext {
            modal: self.modal.as_ref(),
            document_name,
            recovery_summary,
            canvas_open: self.screen == Screen::Canvas,
            out: &mut out,
        };
        shell::dialogs::show(&ctx, modal_layer);
        let t = workshop::presentation::now(self);
        // Looked at every frame, so turning the tone on later does not sound a late one.
        let tone_due = self
            .presentation
            .last_minute
            .due(&self.presentation.timer, t);
        if tone_due && self.settings.timer_tone {
            self.services.tone.play();
        }
        let on_canvas = self.screen == Screen::Canvas;
        let cx = workshop::presentation::PresentContext {
            canvas: self.doc.canvas(),
            view: &mut self.view,
            presentation: &mut self.presentation,
            t,
            out: &mut out,
        };
        workshop::presentation::windows(&ctx, cx, on_canvas, self.settings.timer_tone);
        let room_window = workshop::room_panel::RoomContext {
            room: &mut self.room,
            canvas: self.doc.canvas(),
            out: &mut out,
        };
        workshop::room_panel::window(&ctx, room_window);
        live::panel::window(&ctx, &mut self.live, &mut out);
        self.comparison = comparison;
        self.frame.derived = derived;
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
        workshop::room_panel::after_frame(self);
        live::session::after_frame(self);
        self.frame.input.end_frame(&ctx);
        self.autosave(&ctx);
        self.fit_window_to_screen(&ctx);
        self.remember_window(&ctx);
        self.forget_stale_status();
        let title = self.title();
        if title != self.frame.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.frame.title_sent = title;
        }
    }
}

/// The status line: how many notes, unsaved changes, live co-editing's state, the last
/// message and the timer.
fn status_bar(
    ui: &mut egui::Ui,
    doc: &Document,
    status: &str,
    live: Option<String>,
    timer: (&Presentation, f64),
) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(format!("{} notes", doc.canvas().len()));
            if doc.is_dirty() {
                ui.label("· unsaved changes");
            }
            if let Some(live) = live {
                ui.label(format!("· {live}"));
            }
            if !status.is_empty() {
                ui.separator();
                ui.label(status);
            }
            workshop::presentation::status(ui, timer.0, timer.1);
            workshop::presentation::room_sees(ui, timer.0);
        });
    });
}

/// Opens the editor window, with `file` if given. Settings and recovery live in the platform's
/// folders.
pub fn run(file: Option<&Path>) -> ExitCode {
    run_with(file, |_| {})
}

/// `fitcanvas present FILE [--room]`: the window opens on `file`, presenting, with the room
/// open if asked (its address printed as one line `room: URL` once it listens).
pub fn run_presenting(file: &Path, room: bool) -> ExitCode {
    run_with(Some(file), move |app| {
        app.push(Command::Workshop(workshop::presentation::Action::Toggle));
        if room {
            app.room.print_url = true;
            app.push(Command::Room(RoomCommand::Open));
            // The presented canvas shows the join code; R brings up the Room window.
            app.push(Command::Room(RoomCommand::ShowWindow(false)));
        }
    })
}

/// `fitcanvas share FILE [--server URL [--token T]]`: the window opens on `file`, sharing it
/// live (hosted on this desktop, or through the server), and prints one line `invite: URL`
/// once others can join. A file that does not load or a server address refused says so and
/// opens nothing.
pub fn run_sharing(file: &Path, server: Option<&str>, token: Option<&str>) -> ExitCode {
    if let Err(e) = format::load_file(file) {
        eprintln!("fitcanvas share: {e}");
        return ExitCode::from(2);
    }
    if let Some(server) = server
        && let Err(e) =
            fitcanvas_live::client::Endpoint::parse(server).and_then(|e| e.check_secure())
    {
        eprintln!("fitcanvas share: {server}: {e}");
        return ExitCode::from(2);
    }
    let (server, token) = (server.map(str::to_owned), token.map(str::to_owned));
    run_with(Some(file), move |app| {
        app.live.print_invite = true;
        let command = match server {
            Some(server) => {
                app.live.form.server = server;
                app.live.form.token = token.unwrap_or_default();
                LiveCommand::ShareOnServer
            }
            None => LiveCommand::Share,
        };
        app.push(Command::Live(command));
    })
}

/// `fitcanvas join URL`: the window opens on the shared canvas the invite names.
pub fn run_joining(invite: &str) -> ExitCode {
    if let Err(e) = fitcanvas_live::client::Endpoint::parse(invite).and_then(|e| e.check_secure()) {
        eprintln!("fitcanvas join: {e}");
        return ExitCode::from(2);
    }
    let invite = invite.to_owned();
    run_with(None, move |app| {
        app.push(Command::Live(LiveCommand::Join(invite)));
    })
}

fn run_with(file: Option<&Path>, start: impl FnOnce(&mut App) + 'static) -> ExitCode {
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
            .with_app_id(shell::icon::APP_ID)
            .with_icon(shell::icon::window_icon().unwrap_or_default())
            .with_inner_size(size)
            .with_maximized(settings.maximized)
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
                    clipboard: Box::new(SystemClipboard::default()),
                    tone: Box::new(Speakers::default()),
                },
            );
            if let Some(file) = file {
                app.open_at_start(&file);
            }
            start(&mut app);
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
