//! The Fitcanvas model: the Value Proposition Canvas as data, with no window, network or
//! rendering.
//!
//! [`canvas`] holds the notes and their operations, [`format`] reads and writes the JSON file
//! format, [`fit`] scores the fit and [`risk`] says what to test next. Every change to a canvas
//! is a typed edit ([`edit`]) with its inverse, and undo is a history of edits ([`history`]).
//! [`merge`], [`conflict`] and [`diff`] compare and combine versions, and [`markers`] reads
//! the versions git's conflict markers hold; [`workshop`] is the pure
//! logic of running a workshop. The picture, the room, live co-editing, the window and the
//! command line are crates on top of this one.

pub mod canvas;
pub mod conflict;
pub mod diff;
pub mod edit;
pub mod evidence;
pub mod fit;
pub mod format;
pub mod history;
pub mod ids;
pub mod markers;
pub mod merge;
pub mod note_copy;
pub mod risk;
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
