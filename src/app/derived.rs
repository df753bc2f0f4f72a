//! Figures worked out from the canvas — the fit and its breakdown, what to test next, the top
//! votes, the comparison with an older version — kept until the document's revision changes,
//! so drawing a frame never works them out again for an unchanged canvas.

use crate::canvas::{Canvas, ItemId};
use crate::diff::CanvasDiff;
use crate::fit::FitReport;
use crate::risk::Risk;
use crate::section::Section;

use super::compare::Comparison;
use super::document::Document;

/// What the panels show about the canvas, as of one revision.
#[derive(Debug, Default)]
pub struct Derived {
    /// The document revision (and comparison) these figures are for.
    made_for: Option<((u64, u64), u64)>,
    pub fit: FitReport,
    pub risks: Vec<Risk>,
    pub top_voted: Vec<(Section, ItemId, u32)>,
    /// The open canvas against the comparison's older version, while comparing.
    pub comparison: Option<CanvasDiff>,
}

impl Derived {
    /// Works the figures out again if the canvas (or the comparison) changed since.
    pub fn refresh(&mut self, doc: &Document, comparison: Option<&Comparison>) {
        let key = (doc.version(), comparison.map_or(0, Comparison::generation));
        if self.made_for == Some(key) {
            return;
        }
        let canvas: &Canvas = doc.canvas();
        self.fit = crate::fit::score(canvas);
        self.risks = crate::risk::riskiest_assumptions(canvas);
        self.top_voted = crate::workshop::top_voted(canvas);
        self.comparison = comparison.map(|c| c.diff(canvas));
        self.made_for = Some(key);
    }
}
