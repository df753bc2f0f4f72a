//! The exercise timer on screen: large in the presentation's corner (solid red with "Time's
//! up" when it runs out), small in the editor's status bar, and its settings window. Its
//! buttons never take the keyboard from a note being typed (see [`guard_typing`]).

use std::time::Duration;

use egui::{Color32, FontId, Rect, RichText, Stroke, StrokeKind, Ui, pos2};

use fitcanvas_picture::palette::Palette;

use crate::Command;
use crate::shell::theme::color;
use crate::workshop::presentation::{Action, Presentation};

/// Keeps a note being typed when a timer button is clicked: egui gives up a text field's focus
/// on any click elsewhere, so while the pointer is over the timer's buttons it is told not to.
pub fn guard_typing(ctx: &egui::Context, presentation: &mut Presentation) {
    // Taken: this frame's drawing records them afresh.
    let controls = std::mem::take(&mut presentation.timer_controls);
    let over_timer = ctx
        .input(|i| i.pointer.latest_pos())
        .is_some_and(|pos| controls.iter().any(|r| r.contains(pos)));
    let wanted = if over_timer {
        egui::SurrenderFocusOn::Never
    } else {
        egui::SurrenderFocusOn::default()
    };
    if ctx.options(|o| o.input_options.surrender_focus_on) != wanted {
        ctx.options_mut(|o| o.input_options.surrender_focus_on = wanted);
    }
}

/// The timer, large at the right end of the `header`; solid red with "Time's up" when it has run out,
/// with a pulsing red border round the whole screen.
pub(crate) fn timer_face(
    ui: &mut Ui,
    p: &Presentation,
    full: Rect,
    header: Rect,
    pad: f32,
    t: f64,
    palette: &Palette,
) {
    let size = (header.height() + pad) * 0.62;
    let rect = Rect::from_min_max(
        pos2(header.right() - size * 5.2, header.top()),
        pos2(header.right(), header.bottom() - pad),
    );
    let timer = &p.timer;
    if timer.is_up(t) {
        let red = Color32::from_rgb(0xd0, 0x10, 0x10);
        ui.painter().rect_filled(rect, 8.0, red);
        // With the overtime beside it the words take less room, so the line stays whole.
        let shown = timer.up_display(t);
        let text_size = if timer.overtime(t) >= 1.0 {
            size * 0.5
        } else {
            size * 0.8
        };
        ui.put(
            rect,
            egui::Label::new(
                RichText::new(shown)
                    .size(text_size)
                    .strong()
                    .color(Color32::WHITE),
            ),
        );
        let on = (t * 2.0).floor() as i64 % 2 == 0;
        let border = if on { red } else { red.gamma_multiply(0.45) };
        ui.painter().rect_stroke(
            full.shrink(4.0),
            0.0,
            Stroke::new(8.0, border),
            StrokeKind::Inside,
        );
        ui.ctx().request_repaint_after(Duration::from_millis(500));
        return;
    }
    let running = timer.is_running();
    let started = timer.remaining(t) < timer.duration_secs();
    // The last minute: amber, so the room sees the end coming before it is there.
    let warning = timer.is_warning(t);
    let ink = if warning {
        Color32::from_rgb(0x2b, 0x1a, 0x00)
    } else if running {
        color(palette.area_label)
    } else {
        color(palette.muted_text)
    };
    if warning {
        ui.painter()
            .rect_filled(rect, 8.0, Color32::from_rgb(0xf5, 0xa6, 0x23));
    } else if running || started {
        ui.painter()
            .rect_stroke(rect, 8.0, Stroke::new(2.0, ink), StrokeKind::Inside);
    }
    ui.put(
        rect,
        egui::Label::new(
            RichText::new(timer.display(t))
                .font(FontId::monospace(size))
                .strong()
                .color(ink),
        ),
    );
}

/// The timer's settings: its length, start/pause and reset, and whether the last minute
/// sounds a tone (`tone`).
pub(crate) fn timer_window(
    ctx: &egui::Context,
    presentation: &mut Presentation,
    t: f64,
    tone: bool,
    out: &mut Vec<Command>,
) {
    let mut open = true;
    let timer = presentation.timer;
    let mut rects = Vec::new();
    egui::Window::new("Timer")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let shown = if timer.is_up(t) {
                timer.up_display(t)
            } else {
                timer.display(t)
            };
            ui.label(RichText::new(shown).font(FontId::monospace(32.0)));
            let mut minutes = timer.duration_secs() / 60.0;
            ui.horizontal(|ui| {
                let label = ui.label("Minutes");
                let r = ui
                    .add(
                        egui::DragValue::new(&mut minutes)
                            .range(0.5..=240.0)
                            .speed(0.25),
                    )
                    .labelled_by(label.id);
                // While dragging, the timer follows; settings are written once, when it stops.
                if r.dragged() && r.changed() {
                    out.push(Command::Workshop(Action::DragMinutes(minutes)));
                } else if r.drag_stopped() || r.changed() {
                    out.push(Command::Workshop(Action::SetMinutes(minutes)));
                }
            });
            ui.horizontal(|ui| {
                let start = ui.button(if timer.is_running() { "Pause" } else { "Start" });
                rects.push(start.rect);
                if start.clicked() {
                    out.push(Command::Workshop(Action::StartPause));
                }
                let reset = ui.button("Reset");
                rects.push(reset.rect);
                if reset.clicked() {
                    out.push(Command::Workshop(Action::ResetTimer));
                }
            });
            let mut on = tone;
            if ui
                .checkbox(&mut on, "Tone at one minute left")
                .on_hover_text("A short tone where this computer can play sound")
                .changed()
            {
                out.push(Command::Workshop(Action::SetTone(on)));
            }
            ui.label(RichText::new("T start/pause · Shift+T reset (Ctrl+T while typing)").small());
        });
    presentation.timer_controls.extend(rects);
    if !open {
        out.push(Command::Workshop(Action::ShowTimer(false)));
    }
}

/// The timer in the editor's status bar, while it runs or has run out.
pub fn status(ui: &mut Ui, presentation: &Presentation, t: f64) {
    let timer = &presentation.timer;
    if timer.is_up(t) {
        ui.separator();
        ui.label(
            RichText::new(timer.up_display(t))
                .strong()
                .color(Color32::WHITE)
                .background_color(Color32::from_rgb(0xd0, 0x10, 0x10)),
        );
    } else if timer.is_running() {
        ui.separator();
        let text = format!("Timer {}", timer.display(t));
        if timer.is_warning(t) {
            ui.label(
                RichText::new(text)
                    .strong()
                    .color(Color32::BLACK)
                    .background_color(Color32::from_rgb(0xf5, 0xa6, 0x23)),
            );
        } else {
            ui.label(text);
        }
    }
}
