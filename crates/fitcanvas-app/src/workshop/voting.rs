//! Dot voting: the vote count on a note, the buttons that add a vote and take one away, and the
//! "Top voted" ranking. Votes change only through [`Command::vote`], one more or one fewer, so they undo like any
//! other edit and are saved with the canvas.

use egui::{Align2, FontId, Painter, Rect, Role, Sense, Stroke, Ui, Vec2, WidgetInfo, pos2, vec2};

use fitcanvas_model::canvas::{Canvas, Item, ItemId};
use fitcanvas_picture::palette::VOTE_DOT;

use crate::Command;
use crate::shell::theme::color;

/// Centre of the `slot`-th mark along the note's top edge, counted from the right. Slot 0 is
/// the add-a-vote button's; the vote count sits left of it.
fn slot(rect: Rect, r: f32, slot: u32) -> egui::Pos2 {
    pos2(
        rect.right() - 1.6 * r - slot as f32 * 2.6 * r,
        rect.top() + 0.2 * r,
    )
}

/// The size of a vote count's numeral for dots of radius `r`: large enough to read from the
/// back of a room when presenting (22 px there), and unlike the weight's small dots.
pub fn numeral_size(r: f32) -> f32 {
    (r * 3.2).max(11.0)
}

/// How far a note's vote count reaches above its top edge, which the packing leaves free so
/// the count never lies over the note above.
pub fn room_above(votes: u32, r: f32) -> f32 {
    if votes == 0 {
        0.0
    } else {
        numeral_size(r) * 1.25 * ABOVE_EDGE + (r * 0.25).max(1.0)
    }
}

/// The share of the count's pill above the note's top edge.
const ABOVE_EDGE: f32 = 0.7;

/// Where the count of `votes` votes sits: a pill straddling the note's top edge, left of the
/// add-a-vote button (empty for none).
fn dots_rect(votes: u32, rect: Rect, r: f32) -> Rect {
    if votes == 0 {
        return Rect::NOTHING;
    }
    let size = numeral_size(r);
    let digits = votes.to_string().len() as f32;
    let h = size * 1.25;
    let w = (digits * 0.62 * size + 0.7 * size).max(h);
    let right = slot(rect, r, 0).x - 1.3 * r - 2.0;
    // Mostly above the edge, so it covers little of the first line of text.
    Rect::from_min_max(
        pos2(right - w, rect.top() - h * ABOVE_EDGE),
        pos2(right, rect.top() + h * (1.0 - ABOVE_EDGE)),
    )
}

/// Draws a note's votes as a count on a pill straddling its top edge, like a sticker on a
/// paper note: a numeral, so ten votes read as 10 and never as a row of dots like a weight.
pub fn paint_dots(painter: &Painter, votes: u32, rect: Rect, r: f32) {
    if votes == 0 {
        return;
    }
    let pill = dots_rect(votes, rect, r);
    let ring = Stroke::new((r * 0.25).max(1.0), egui::Color32::WHITE);
    painter.rect(
        pill,
        pill.height() / 2.0,
        color(VOTE_DOT),
        ring,
        egui::StrokeKind::Outside,
    );
    painter.text(
        pill.center(),
        Align2::CENTER_CENTER,
        votes.to_string(),
        FontId::proportional(numeral_size(r)),
        egui::Color32::WHITE,
    );
}

/// The vote controls on a drawn note: clicking its dots takes a vote away; the selected note
/// also shows a "+" that adds one.
pub fn note_votes(
    ui: &mut Ui,
    item: &Item,
    rect: Rect,
    r: f32,
    selected: bool,
    out: &mut Vec<Command>,
) {
    let id = item.id().as_str();
    let votes = item.votes();
    // Small dots still get a finger-sized target.
    let min_target = Vec2::splat(14.0);
    if votes > 0 {
        let dots = dots_rect(votes, rect, r);
        let dots = Rect::from_center_size(dots.center(), dots.size().max(min_target));
        let response = ui.interact(dots, ui.scope_id().with(("votes", id)), Sense::click());
        let label = format!("Remove a vote from {}", item.text());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        if response.clicked() {
            out.push(Command::vote(item.id(), -1));
        }
        let plural = if votes == 1 { "" } else { "s" };
        let _ = response.on_hover_text(format!("{votes} vote{plural} · click to take one away"));
    }
    if selected {
        let c = slot(rect, r, 0);
        let target = Rect::from_center_size(c, Vec2::splat(2.6 * r).max(min_target));
        let response = ui.interact(target, ui.scope_id().with(("vote+", id)), Sense::click());
        let label = format!("Add a vote to {}", item.text());
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        let painter = ui.painter();
        let fill = if response.hovered() {
            color(VOTE_DOT).gamma_multiply(0.3)
        } else {
            egui::Color32::WHITE
        };
        painter.circle(c, r * 1.1, fill, Stroke::new(1.5, color(VOTE_DOT)));
        let arm = r * 0.6;
        let line = Stroke::new((r * 0.3).max(1.2), color(VOTE_DOT));
        painter.line_segment([c - vec2(arm, 0.0), c + vec2(arm, 0.0)], line);
        painter.line_segment([c - vec2(0.0, arm), c + vec2(0.0, arm)], line);
        if response.clicked() {
            out.push(Command::vote(item.id(), 1));
        }
        let _ = response.on_hover_text("Add a vote (V)");
    }
}

/// The notes with votes, most first; each selects its note when `interactive` (plain text
/// otherwise, as on the audience's screen). `size` is the text size.
pub fn top_voted_list(
    ui: &mut Ui,
    canvas: &Canvas,
    ranked: &[(fitcanvas_model::section::Section, ItemId, u32)],
    size: f32,
    interactive: bool,
    out: &mut Vec<Command>,
) {
    ui.label(egui::RichText::new("Top voted").strong().size(size * 1.15));
    if ranked.is_empty() {
        let empty = if interactive {
            "No votes yet: select a note and press V."
        } else {
            "No votes yet."
        };
        ui.label(egui::RichText::new(empty).size(size));
    }
    for (rank, (section, id, votes)) in ranked.iter().enumerate().take(10) {
        let Some(item) = canvas.item(id.as_str()) else {
            continue;
        };
        let plural = if *votes == 1 { "" } else { "s" };
        let text = format!(
            "{}. {} · {votes} vote{plural} ({})",
            rank + 1,
            item.text(),
            section.singular()
        );
        let text = egui::RichText::new(text).size(size);
        if !interactive {
            ui.label(text);
        } else if ui.link(text).on_hover_text("Select this note").clicked() {
            out.push(Command::Select(Some(id.clone())));
        }
    }
}

/// The inspector's "Votes" row: the count, with − and + buttons.
pub fn inspector_row(ui: &mut Ui, id: &ItemId, votes: u32, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(format!("Votes: {votes}"));
        let minus = ui
            .add_enabled(votes > 0, egui::Button::new("−"))
            .on_hover_text("Remove a vote (Shift+V)");
        minus.widget_info(|| WidgetInfo::labeled(Role::Button, votes > 0, "Remove vote"));
        if minus.clicked() {
            out.push(Command::vote(id, -1));
        }
        let plus = ui.button("+").on_hover_text("Add a vote (V)");
        plus.widget_info(|| WidgetInfo::labeled(Role::Button, true, "Add vote"));
        if plus.clicked() {
            out.push(Command::vote(id, 1));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presented_vote_counts_are_numerals_the_back_of_the_room_can_read() {
        let presenting =
            super::super::presentation::Presentation::new(std::time::Instant::now(), 5.0);
        let style = presenting.style(1080.0);
        assert!(numeral_size(style.vote_dot) >= 22.0);
        // In the editor too the count is a numeral a laptop screen shows clearly.
        assert!(numeral_size(crate::canvas::view::CanvasStyle::editor(true).vote_dot) >= 11.0);
    }

    #[test]
    fn the_count_sits_on_the_top_edge_clear_of_the_add_button() {
        let note = Rect::from_min_size(pos2(100.0, 100.0), vec2(160.0, 90.0));
        let r = 3.5;
        for votes in [1, 9, 10, 120] {
            let pill = dots_rect(votes, note, r);
            assert!(pill.top() < note.top() && pill.bottom() > note.top());
            let plus = Rect::from_center_size(slot(note, r, 0), Vec2::splat(2.2 * r));
            assert!(!pill.intersects(plus), "{votes}: {pill:?} and {plus:?}");
            assert!(pill.left() >= note.left());
            // The packing leaves room for the part above the edge, ring included.
            assert!(note.top() - room_above(votes, r) <= pill.top() - (r * 0.25).max(1.0) + 0.01);
        }
        assert_eq!(dots_rect(0, note, r), Rect::NOTHING);
    }
}
