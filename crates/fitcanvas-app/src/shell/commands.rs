//! Everything the user can ask for, as data. Panels push [`Command`]s while drawing; the app
//! applies them after the frame in one place ([`crate::App::apply`]), so every change to
//! the canvas goes through the model's operations and the undo history.

use std::path::PathBuf;

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::{Evidence, IsoDate, Learning, Status};
use fitcanvas_model::history::MergeKey;
use fitcanvas_model::section::Section;
use fitcanvas_picture::export::Format;

use crate::UnsavedAnswer;
use crate::files::export_menu::ExportChoice;
use crate::shell::theme::ThemeChoice;
use crate::side::tabs::SideTab;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A change to the canvas: applied through the core and recorded for undo. With a key,
    /// a run of them into one field (typing) is one undo step.
    Edit {
        edit: Edit,
        key: Option<MergeKey>,
    },
    // Canvas changes worked out when applied, against the canvas as the commands before them
    // left it: two notes added in one frame get two ids, a second Alt+Down moves one further.
    AddNote {
        section: Section,
        text: String,
    },
    Paste {
        section: Section,
        lines: Vec<String>,
    },
    /// Deletes a note and selects its neighbour.
    Remove {
        id: ItemId,
    },
    Shift {
        id: ItemId,
        by: isize,
    },
    AddEvidence {
        id: ItemId,
        evidence: Evidence,
    },
    /// Logs an interview and opens it.
    AddInterview {
        date: Option<IsoDate>,
    },
    /// Deletes an interview and says what became of the evidence that cited it.
    RemoveInterview {
        id: ItemId,
    },
    /// Adds a planned test card and opens it.
    NewTest {
        hypothesis: String,
        items: Vec<ItemId>,
    },
    /// Marks the card done with its learning card and sets the tested notes' status, if
    /// given, as one step.
    FinishTest {
        id: ItemId,
        learning: Learning,
        status: Option<Status>,
    },
    Undo,
    Redo,
    // The clipboard, worked out when applied against the selection then.
    Copy,
    Cut,
    /// Text pasted with no field open: the clipboard's notes if it holds the ones with this
    /// text, else a note per line.
    PasteText(String),
    /// Edit → Paste: what the clipboard holds, read when applied. Lines of text go into
    /// `into`, else the selected note's area.
    PasteClipboard {
        into: Option<Section>,
    },
    Duplicate,
    Find(crate::FindCommand),
    /// An action from the table (a menu entry), worked out when applied.
    Run(crate::shell::actions::Action),
    // Selection and in-place entry (not canvas changes).
    Select(Option<ItemId>),
    /// Ctrl- or Shift-click: adds the note to the selection, or takes it out.
    ToggleSelect(ItemId),
    StartEntry(Section),
    EditNote(ItemId),
    /// Ends typing in place, keeping what was typed.
    EndEntry,
    /// Enter: keeps the note typed and, for a new note, starts the next one in the same area.
    NextEntry,
    // The side panel's tabs, and the interview or test card open in them (not canvas changes).
    ShowTab(SideTab),
    OpenInterview(Option<ItemId>),
    OpenTest(Option<ItemId>),
    // Files and the app.
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample(usize),
    TypePath(PathPurpose),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    ShowStart,
    Close,
    SetTheme(ThemeChoice),
    ToggleLinks,
    ToggleSidePanel,
    /// F6: moves the keyboard between the canvas and the side panel.
    CycleFocus,
    /// The canvas's picture zoomed (not the interface); `Reset` also leaves a focused area.
    Zoom(ZoomStep),
    /// Everything in the window larger or smaller (egui's zoom factor).
    InterfaceZoom(ZoomStep),
    /// An area brought close to fill the canvas, or (`None`) the whole canvas again.
    Focus(Option<Section>),
    ShowShortcuts,
    /// "Clear all votes?", then, answered yes, `ClearVotes`.
    AskClearVotes,
    /// Takes every dot vote off the canvas, as one undo step.
    ClearVotes,
    ShowAbout,
    /// File → Print…: the canvas as a PDF, sent to the system's print command.
    Print,
    ClearRecent,
    // Modals answer with commands too, applied after the frame like every other.
    CloseModal,
    /// Closes the modal and drops whatever was waiting on it (a save that was to come first).
    CancelModal,
    /// The answer to "save changes?" before `Pending`.
    AnswerUnsaved(Pending, UnsavedAnswer),
    /// The answer to "restore unsaved work?".
    AnswerRecovery(bool),
    /// The answer to "the file changed on disk"; `None` puts the question off until saving.
    AnswerOutsideChange(Option<crate::OutsideAnswer>),
    /// The answer to "the file on disk does not load"; `None` puts it off until saving (or,
    /// opening, leaves the file closed).
    AnswerBrokenOnDisk(Option<crate::BrokenAnswer>),
    /// The typed path's text as the user edits it.
    EditTypedPath(String),
    /// The file browser as the user moves through it.
    EditBrowser(Box<crate::files::file_browser::FileBrowser>),
    /// The export window's choice as the user changes it.
    EditExportChoice(ExportChoice),
    // Export and compare (never change the canvas).
    /// Opens the export window.
    ShowExport,
    /// Remembers the choice and asks where to write the file.
    Export(ExportChoice),
    /// Exports with the remembered choice to this path.
    ExportTo(PathBuf),
    /// Asks for an older version of the canvas to compare with.
    Compare,
    CompareWith(PathBuf),
    CloseComparison,
    /// Presenting, the walk-through, the fit reveal, the timer and the audience window.
    Workshop(crate::workshop::presentation::Action),
    /// The room: opening it, writing, the inbox, vote rounds, the people in it.
    Room(crate::workshop::room_panel::RoomCommand),
    /// Live co-editing: sharing, joining, the invite.
    Live(crate::live::session::LiveCommand),
}

impl Command {
    /// An edit that is an undo step of its own.
    pub fn edit(edit: Edit) -> Command {
        Command::Edit { edit, key: None }
    }

    /// An edit typed into one field: a run of them is one undo step.
    pub fn typing(edit: Edit, key: MergeKey) -> Command {
        Command::Edit {
            edit,
            key: Some(key),
        }
    }

    /// One more dot vote on a note (or one fewer, with `by` -1).
    pub fn vote(id: &ItemId, by: i64) -> Command {
        Command::edit(Edit::AddVotes { id: id.clone(), by })
    }
}

/// A step of zoom: of the canvas's picture, or of the whole interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoomStep {
    In,
    Out,
    Reset,
}

/// What a typed path is for, when no file dialog can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// Where to write an export in this format.
    Export(Format),
    /// An older version of the canvas, to compare the open one with.
    Compare,
}

/// An action that would replace or close the open canvas, and so must ask first when there
/// are unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    New,
    OpenDialog,
    OpenPath(PathBuf),
    OpenExample(usize),
    StartScreen,
    Close,
    /// Opening the shared canvas this invite names.
    JoinLive(String),
}
