//! The side panels: the inspector of the selected note, the fit, the interview log, test and
//! learning cards, evidence, a comparison with another version and merge conflicts.

pub(crate) mod compare;
pub(crate) mod conflicts_panel;
pub(crate) mod evidence_editor;
pub(crate) mod fit_panel;
pub(crate) mod inspector;
pub(crate) mod interview_log;
pub(crate) mod tabs;
pub(crate) mod test_cards;
