//! Everything the user can ask for, as data. Panels push [`Command`]s while drawing; the app
//! applies them after the frame in one place ([`crate::app::App::apply`]), so every change to
//! the canvas goes through the model's operations and the undo history.

use std::path::PathBuf;

use crate::evidence::{Evidence, Interview, IsoDate, Learning, Status, TestCard};
use crate::export::Format;
use crate::section::{Kind, Section};

use super::export_menu::ExportChoice;
use super::side_tabs::SideTab;
use super::theme::ThemeChoice;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    // Canvas edits (undoable).
    AddNote {
        section: Section,
        text: String,
    },
    Paste {
        section: Section,
        lines: Vec<String>,
    },
    SetText {
        id: String,
        text: String,
    },
    SetWeight {
        id: String,
        weight: u8,
    },
    SetKind {
        id: String,
        kind: Kind,
    },
    SetStatus {
        id: String,
        status: Status,
    },
    Remove {
        id: String,
    },
    Move {
        id: String,
        to: usize,
    },
    Shift {
        id: String,
        by: isize,
    },
    Link {
        from: String,
        to: String,
    },
    Unlink {
        from: String,
        to: String,
    },
    SetTitle(String),
    SetCustomer(String),
    // Evidence, interviews and test cards (undoable). `field` names the text being typed, so
    // a burst of typing into one field is one undo step; `None` for choices and clicks.
    AddEvidence {
        id: String,
        evidence: Evidence,
    },
    SetEvidence {
        id: String,
        index: usize,
        evidence: Evidence,
        field: Option<&'static str>,
    },
    RemoveEvidence {
        id: String,
        index: usize,
    },
    /// Logs an interview and opens it.
    AddInterview {
        date: Option<IsoDate>,
    },
    /// Date, person, role and notes of the interview with the same id.
    SetInterview {
        interview: Interview,
        field: Option<&'static str>,
    },
    RemoveInterview {
        id: String,
    },
    /// Adds a planned test card and opens it.
    NewTest {
        hypothesis: String,
        items: Vec<String>,
    },
    /// Texts, state and learning of the test card with the same id.
    SetTest {
        card: TestCard,
        field: Option<&'static str>,
    },
    SetTestItems {
        id: String,
        items: Vec<String>,
    },
    /// Marks the card done with its learning card and sets the tested notes' status, if
    /// given, as one step.
    FinishTest {
        id: String,
        learning: Learning,
        status: Option<Status>,
    },
    RemoveTest {
        id: String,
    },
    Undo,
    Redo,
    // Selection and in-place entry (not canvas changes).
    Select(Option<String>),
    StartEntry(Section),
    EditNote(String),
    EndEntry,
    // The side panel's tabs, and the interview or test card open in them (not canvas changes).
    ShowTab(SideTab),
    OpenInterview(Option<String>),
    OpenTest(Option<String>),
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
    Zoom(ZoomStep),
    ShowShortcuts,
    ClearRecent,
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
    // Workshop mode.
    /// Records a note's dot votes (undoable).
    SetVotes {
        id: String,
        votes: u32,
    },
    /// Presenting, the walk-through, the fit reveal, the timer and the audience window.
    Workshop(super::presentation::Action),
}

/// View → Zoom: a step of egui's zoom factor, which scales everything in the window.
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
}
