//! Dot voting: the dots on a note, the buttons that add a vote and take one away, and the
//! "Top voted" ranking. Votes change only through [`Command::vote`], one more or one fewer, so they undo like any
//! other edit and are saved with the canvas.

use egui::{Align2, FontId, Painter, Rect, Role, Sense, Stroke, Ui, Vec2, WidgetInfo, pos2, vec2};

use crate::canvas::{Canvas, Item, ItemId};
use crate::palette::VOTE_DOT;

use super::Command;
use super::theme::color;

/// More votes than this show as one dot with the count in it, so a popular note keeps its text.
const MAX_DOTS: u32 = 5;

/// Centre of the `slot`-th mark along the note's top edge, counted from the right. Slot 0 is
/// the add-a-vote button's; dots start at slot 1.
fn slot(rect: Rect, r: f32, slot: u32) -> egui::Pos2 {
    pos2(
        rect.right() - 1.6 * r - slot as f32 * 2.6 * r,
        rect.top() + 0.2 * r,
    )
}

/// Where the dots of `votes` votes sit (empty for none).
fn dots_rect(votes: u32, rect: Rect, r: f32) -> Rect {
    let shown = if votes > MAX_DOTS { 1 } else { votes };
    if shown == 0 {
        return Rect::NOTHING;
    }
    let big = if votes > MAX_DOTS { 1.7 } else { 1.0 };
    Rect::from_two_pos(slot(rect, r, 1), slot(rect, r, shown)).expand(r * big + 1.0)
}

/// Draws a note's votes as dots straddling its top edge, like stickers on a paper note.
pub fn paint_dots(painter: &Painter, votes: u32, rect: Rect, r: f32) {
    if votes == 0 {
        return;
    }
    let ring = Stroke::new((r * 0.25).max(1.0), egui::Color32::WHITE);
    if votes > MAX_DOTS {
        let c = slot(rect, r, 1);
        painter.circle(c, r * 1.7, color(VOTE_DOT), ring);
        painter.text(
            c,
            Align2::CENTER_CENTER,
            votes.to_string(),
            FontId::proportional(r * 1.9),
            egui::Color32::WHITE,
        );
        return;
    }
    for i in 1..=votes {
        painter.circle(slot(rect, r, i), r, color(VOTE_DOT), ring);
    }
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
    ranked: &[(crate::section::Section, ItemId, u32)],
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
