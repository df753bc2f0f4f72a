//! Zooming the editor's canvas and focusing one area: the picture, not the whole interface,
//! gets larger. Zoomed in, the board is laid out larger (notes get larger type, up to the
//! zoom times the usual sizes) and the view pans over it; a focused area fills the canvas.

use egui::{Pos2, Rect, Vec2, vec2};

use fitcanvas_model::section::Section;

/// How far the canvas can be zoomed in, and the step of Ctrl+Plus / Ctrl+Minus.
pub const MAX_ZOOM: f32 = 4.0;
const STEP: f32 = 1.25;

/// The editor's view of its canvas: how far it is zoomed, where it is panned to, and the
/// area brought close.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CanvasZoom {
    /// 1 shows the whole canvas; more enlarges it.
    pub factor: f32,
    /// Where the enlarged board's top-left corner is, from the canvas's top-left (zero or
    /// negative: the board never leaves a gap at an edge).
    pub pan: Vec2,
    /// The area that fills the canvas, its notes as large as its room allows.
    pub focus: Option<Section>,
}

impl Default for CanvasZoom {
    fn default() -> Self {
        CanvasZoom {
            factor: 1.0,
            pan: Vec2::ZERO,
            focus: None,
        }
    }
}

impl CanvasZoom {
    pub fn is_zoomed(&self) -> bool {
        self.factor > 1.001
    }

    /// Zoomed by `by` (more than 1 enlarges) keeping the board point under `at` where it is,
    /// in a canvas `view`.
    pub fn zoom_at(&mut self, by: f32, at: Pos2, view: Rect) {
        let old = self.factor;
        let new = (old * by).clamp(1.0, MAX_ZOOM);
        if (new - old).abs() < 1e-4 {
            return;
        }
        // The board point under the pointer, as a share of the board, stays under it.
        let at = at - view.min;
        let share = (at - self.pan) / old;
        self.pan = at - share * new;
        self.factor = new;
        self.clamp(view.size());
    }

    /// One step in or out about the canvas's centre, or back to the whole canvas.
    pub fn step(&mut self, step: crate::ZoomStep, view: Rect) {
        match step {
            crate::ZoomStep::In => self.zoom_at(STEP, view.center(), view),
            crate::ZoomStep::Out => self.zoom_at(1.0 / STEP, view.center(), view),
            crate::ZoomStep::Reset => *self = CanvasZoom::default(),
        }
    }

    /// Moved by `by` (a drag or a scroll), staying over the board.
    pub fn pan_by(&mut self, by: Vec2, view: Vec2) {
        self.pan += by;
        self.clamp(view);
    }

    /// The pan kept so the enlarged board (`view` × factor) covers the canvas.
    fn clamp(&mut self, view: Vec2) {
        let board = view * self.factor;
        let least = view - board;
        self.pan = vec2(
            self.pan.x.clamp(least.x.min(0.0), 0.0),
            self.pan.y.clamp(least.y.min(0.0), 0.0),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn view() -> Rect {
        Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0))
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_and_the_board_over_the_canvas() {
        let mut z = CanvasZoom::default();
        let at = pos2(300.0, 250.0);
        // The board point under the pointer, before and after.
        let board_point = |z: &CanvasZoom| ((at - view().min) - z.pan) / z.factor;
        let before = board_point(&z);
        z.zoom_at(2.0, at, view());
        assert_eq!(z.factor, 2.0);
        assert!((board_point(&z) - before).length() < 1e-3);
        // Panned far away, it stops at the board's edge.
        z.pan_by(vec2(5000.0, -5000.0), view().size());
        assert_eq!(z.pan, vec2(0.0, -600.0));
        // Never below the whole canvas, never past the most.
        z.zoom_at(0.01, at, view());
        assert_eq!(z.factor, 1.0);
        assert_eq!(z.pan, Vec2::ZERO);
        for _ in 0..20 {
            z.step(crate::ZoomStep::In, view());
        }
        assert_eq!(z.factor, MAX_ZOOM);
        z.step(crate::ZoomStep::Reset, view());
        assert_eq!(z, CanvasZoom::default());
    }
}
