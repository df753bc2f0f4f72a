//! Figures worked out from the canvas — the fit and its breakdown, what to test next, the top
//! votes, the comparison with an older version — kept until the document's revision changes,
//! so drawing a frame never works them out again for an unchanged canvas.

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::diff::CanvasDiff;
use fitcanvas_model::fit::FitReport;
use fitcanvas_model::risk::Risk;
use fitcanvas_model::section::Section;

use crate::shell::document::Document;
use crate::side::compare::Comparison;

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
        self.fit = fitcanvas_model::fit::score(canvas);
        self.risks = fitcanvas_model::risk::riskiest_assumptions(canvas);
        self.top_voted = fitcanvas_model::workshop::top_voted(canvas);
        self.comparison = comparison.map(|c| c.diff(canvas));
        self.made_for = Some(key);
    }
}
