//! Fitcanvas: the Value Proposition Canvas as a library.
//!
//! The core — [`canvas`] (the model and its operations), [`format`] (the JSON file format) and
//! [`fit`] (the fit score) — has no GUI dependency; the command line ([`cli`]) and the editor
//! window sit on top of it and change a canvas only through the core's typed edits ([`edit`]),
//! with undo as a history of edits ([`history`]).

#[cfg(feature = "gui")]
pub mod app;
pub mod canvas;
pub mod cli;
pub mod conflict;
pub mod diff;
pub mod edit;
pub mod evidence;
pub mod export;
pub mod fit;
pub mod fonts;
pub mod format;
pub mod git_setup;
pub mod history;
pub mod layout;
pub mod link_routes;
pub mod live;
pub mod merge;
pub mod note_copy;
pub mod note_marks;
pub mod packing;
pub mod palette;
pub mod risk;
pub mod room;
pub mod section;
pub mod text_view;
pub mod workshop;

pub use canvas::{Canvas, EditError, Item, ItemId};
pub use edit::{Applied, Edit, Target};
pub use evidence::{
    Evidence, EvidenceId, Interview, IsoDate, Learning, Source, Stance, Status, TestCard, TestState,
};
pub use fit::{FitReport, score};
pub use history::{History, MergeKey};
pub use section::{Kind, Section, Side};
