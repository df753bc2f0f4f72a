//! The audience window: a second native window (an egui viewport) showing only the presented
//! canvas, for the projector, while the facilitator keeps the editor on the laptop.

use egui::vec2;

use super::presentation::{Action, Showing, presented};
use super::{Command, ViewState};

/// The second window for the projector: only the presented canvas, redrawn with the main
/// window every frame. In tests (and backends without multiple windows) egui draws it as a
/// window inside the main one.
pub(super) fn show(
    ctx: &egui::Context,
    showing: &Showing<'_>,
    view: &ViewState,
    out: &mut Vec<Command>,
) {
    let id = egui::ViewportId::from_hash_of("fitcanvas_audience");
    let builder = egui::ViewportBuilder::default()
        .with_title("Fitcanvas — audience")
        .with_inner_size([960.0, 540.0]);
    // The audience's own copy of the view: it shows the selection and the note being typed,
    // but its drawing must not move the editor's scroll or grid state.
    let mut view = view.clone();
    let closed = ctx.show_viewport_immediate(id, builder, |ui, class| {
        let size = if class == egui::ViewportClass::EmbeddedWindow {
            vec2(640.0, 360.0)
        } else {
            ui.available_size()
        };
        let (full, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        let mut ignored = Vec::new();
        let showing = Showing {
            audience: true,
            ..*showing
        };
        presented(ui, full, &showing, &mut view, &mut ignored);
        ui.input(|i| i.viewport().close_requested())
    });
    if closed {
        out.push(Command::Workshop(Action::ToggleAudience));
    }
}
