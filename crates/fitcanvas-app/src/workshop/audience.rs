//! The audience window: a second native window (an egui viewport) showing only the presented
//! canvas, for the projector, while the facilitator keeps the editor on the laptop. It opens
//! full screen on the second monitor when there is one, and F11 (or F5) in it goes in and out
//! of full screen.

use egui::{Key, ViewportClass, ViewportCommand, vec2};

use crate::workshop::presentation::{Action, Showing, presented};
use crate::{Command, ViewState};

/// The second window for the projector: only the presented canvas, redrawn with the main
/// window every frame. In tests (and backends without multiple windows) egui draws it as a
/// window inside the main one.
pub(crate) fn show(
    ctx: &egui::Context,
    showing: &Showing<'_>,
    view: &ViewState,
    out: &mut Vec<Command>,
) {
    let id = egui::ViewportId::from_hash_of("fitcanvas_audience");
    let builder = egui::ViewportBuilder::default()
        .with_title("Fitcanvas — audience")
        .with_inner_size([960.0, 540.0])
        // Full screen on the system's second monitor, the projector as a rule. With one
        // monitor the index is out of range and egui opens a plain window instead.
        .with_monitor(1);
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
        toggle_fullscreen(ui, class);
        ui.input(|i| i.viewport().close_requested())
    });
    if closed {
        out.push(Command::Workshop(Action::ToggleAudience));
    }
}

/// F11 (or F5, the presenting key) in the audience window takes it in or out of full screen.
/// The command goes to the window the picture is in: the audience's own, or, where it is
/// embedded in the main window (tests, single-window backends), that one. There F5 stays the
/// editor's key for presenting, so only F11 works.
fn toggle_fullscreen(ui: &egui::Ui, class: ViewportClass) {
    let keys: &[Key] = if class == ViewportClass::EmbeddedWindow {
        &[Key::F11]
    } else {
        &[Key::F11, Key::F5]
    };
    let (pressed, full) = ui.input(|i| {
        let pressed = keys.iter().any(|k| i.key_pressed(*k));
        (pressed, i.viewport().fullscreen.unwrap_or(false))
    });
    if pressed {
        ui.ctx()
            .send_viewport_cmd(ViewportCommand::Fullscreen(!full));
    }
}
