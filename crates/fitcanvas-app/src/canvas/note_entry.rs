//! Typing a note in place: the field over a note being added or edited, and what the audience
//! window shows of it.

use egui::{Color32, FontId, Rect, Stroke, TextEdit, Ui, Vec2, WidgetInfo, text::LayoutJob, vec2};

use fitcanvas_picture::palette::Palette;

use crate::shell::theme::color;
use crate::{Command, Entry, ViewState};

/// The size of the text typed into a note: the note's own text size, but never below what is
/// comfortable to type in (the editor's smallest notes use a size fine for reading only).
/// The size of text being typed in a note whose area's text is `area_font`: never so small
/// that typing is hard to follow.
pub(crate) fn entry_font(area_font: f32) -> f32 {
    area_font.max(13.0)
}

/// The text being typed, shown without a text field (the audience window only looks on).
pub(crate) fn typed_text(ui: &Ui, view: &ViewState, palette: &Palette, rect: Rect) {
    let Some(entry) = &view.entry else { return };
    let font = (rect.height() / 5.2).clamp(10.0, 40.0);
    let mut job = LayoutJob::single_section(
        entry.text.clone(),
        egui::TextFormat::simple(FontId::proportional(font), color(palette.note_text)),
    );
    job.wrap.max_width = rect.width() - 8.0;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    ui.painter()
        .galley(rect.min + vec2(4.0, 4.0), galley, color(palette.note_text));
}

/// The note being typed, in place: a field over the note that wraps its text and grows down
/// past the note's edge as the text gets longer, so the whole text stays in view. Enter keeps
/// the note (and starts the next when adding); Esc, Tab or a click elsewhere keep it and stop.
/// What was typed is never thrown away; an empty new note is simply not added.
pub(crate) fn entry_ui(
    ui: &mut Ui,
    entry: &mut Entry,
    rect: Rect,
    fill: Color32,
    font_size: f32,
    out: &mut Vec<Command>,
) {
    let id = ui
        .scope_id()
        .with(("entry", entry.section.key(), entry.editing.clone()));
    let focused = ui.memory(|m| m.has_focus(id));
    if entry.editing.is_none() && focused {
        let pasted: Option<String> = ui.input_mut(|i| {
            let at = i
                .events
                .iter()
                .position(|e| matches!(e, egui::Event::Paste(t) if t.trim().contains('\n')))?;
            match i.events.remove(at) {
                egui::Event::Paste(t) => Some(t),
                _ => None,
            }
        });
        if let Some(text) = pasted {
            out.push(Command::Paste {
                section: entry.section,
                lines: text.lines().map(str::to_owned).collect(),
            });
        }
    }
    // Taken before the field sees them: in a multi-line field Enter would add a line break and
    // Tab a tab character, but a note is one paragraph and these keys mean "done".
    let (enter, tab, escape) = if focused {
        ui.input_mut(|i| {
            let enter = i.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
            let tab = i.consume_key(egui::Modifiers::NONE, egui::Key::Tab)
                || i.consume_key(egui::Modifiers::SHIFT, egui::Key::Tab);
            let escape = i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
            (enter, tab, escape)
        })
    } else {
        (false, false, false)
    };
    if tab {
        // Tab ends the note, and that is all: egui must not hand the focus on to the next
        // widget, which would take the keys typed after it.
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    let hint = match &entry.editing {
        None => format!("New {}", entry.section.singular()),
        Some(_) => "Note text".to_owned(),
    };
    let width = rect.width().max(150.0);
    let font = FontId::proportional(font_size);
    let response = egui::Area::new(id.with("area"))
        .fixed_pos(rect.min)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::new()
                .fill(fill)
                .stroke(Stroke::new(2.0, ui.visuals().selection.stroke.color))
                .corner_radius(3.0)
                .inner_margin(4.0)
                .show(ui, |ui| {
                    ui.set_min_size(vec2(width, rect.height()) - Vec2::splat(8.0));
                    ui.add(
                        TextEdit::multiline(&mut entry.text)
                            .id(id)
                            .hint_text(hint.clone())
                            .frame(egui::Frame::NONE)
                            .font(font)
                            .text_color(Color32::from_rgb(0x14, 0x15, 0x18))
                            .desired_width(width - 8.0)
                            .desired_rows(1)
                            .return_key(None),
                    )
                })
                .inner
        })
        .inner;
    response.widget_info(|| {
        // Named for what it is, so a screen reader says "New job" rather than "text field".
        let mut info = WidgetInfo::text_edit(true, "", &entry.text, &hint);
        info.label = Some(hint.clone());
        info
    });
    // A press elsewhere as the field opens ends it, as it would a field that had the focus
    // (egui took that press before the field could take the focus).
    let pressed_elsewhere =
        entry.focus && ui.input(|i| i.pointer.any_pressed()) && !response.contains_pointer();
    if entry.focus && !pressed_elsewhere {
        // The field takes the keys from the next frame on; the app holds them back until then
        // (a new field's first frame only measures it, and could not take them). Its cursor
        // starts at the end of the text, where letters typed while it opened were put, and
        // its own undo (Ctrl+Z while typing) starts afresh: nothing of the last field of this
        // area is kept (the fields share an id; its undo brought back the last note's text).
        response.request_focus();
        let mut state = egui::text_edit::TextEditState::default();
        let end = egui::text::CCursor::new(entry.text.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), id);
    }
    entry.focus = false;
    if pressed_elsewhere {
        out.push(Command::EndEntry);
    } else if enter {
        out.push(Command::NextEntry);
    } else if tab || escape || response.lost_focus() {
        out.push(Command::EndEntry);
    }
}
