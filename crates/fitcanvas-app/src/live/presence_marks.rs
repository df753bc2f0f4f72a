//! Presence on the canvas: each person in a live session outlines the note they have selected
//! or are typing in with their colour, with their name on a tag above it. Drawn over the
//! canvas after it (like Find's marks), from the notes' rectangles of the last frame, so the
//! canvas view itself knows nothing of it.

use std::collections::HashMap;

use egui::{Color32, FontId, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

use fitcanvas_live::presence::Presence;
use fitcanvas_model::canvas::{Canvas, ItemId};

/// Outlines the notes of `canvas` that `peers` are on, with a name tag each.
pub fn show(ui: &Ui, peers: &[&Presence], rects: &HashMap<ItemId, Rect>, canvas: &Canvas) {
    let painter = ui.painter().with_clip_rect(ui.clip_rect());
    // Tags of several people on one note go side by side.
    let mut tags_on: HashMap<&ItemId, f32> = HashMap::new();
    for peer in peers {
        let Some(note) = &peer.note else { continue };
        let Some(rect) = rects.get(note) else {
            continue;
        };
        let [r, g, b] = peer.rgb();
        let colour = Color32::from_rgb(r, g, b);
        let offset = tags_on.entry(note).or_insert(0.0);
        // A second outline sits just outside the first.
        let ring = *offset / 40.0;
        painter.rect_stroke(
            rect.expand(2.0 + ring * 3.0),
            4.0,
            Stroke::new(2.5, colour),
            StrokeKind::Outside,
        );
        let font = FontId::proportional(11.0);
        let galley = painter.layout_no_wrap(peer.name.clone(), font, Color32::WHITE);
        let size = galley.size() + vec2(8.0, 2.0);
        let tag = Rect::from_min_size(rect.left_top() + vec2(*offset, -size.y - 2.0), size);
        *offset += size.x + 4.0;
        painter.rect_filled(tag, 3.0, colour);
        painter.galley(tag.center() - galley.size() / 2.0, galley, Color32::WHITE);
        // For assistive technology (and the tests): who is on which note.
        let id = ui.scope_id().with(("presence", &peer.name, note));
        let response = ui.interact(tag, id, Sense::hover());
        let text = canvas.item(note).map_or("", |i| i.text());
        let label = format!("{} is on “{text}”", peer.name);
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &label));
    }
}
