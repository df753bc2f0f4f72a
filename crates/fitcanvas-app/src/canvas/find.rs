//! Edit → Find (Ctrl+F): a bar above the canvas that finds notes by their text and by their
//! evidence (quotes and who said them), ignoring case. Every match is outlined on the canvas,
//! the current one selected and scrolled to; Enter or F3 steps to the next, Shift+Enter or
//! Shift+F3 to the previous, Esc closes the bar.

use std::collections::HashMap;

use egui::{Color32, Key, Rect, Stroke, StrokeKind, Ui};

use fitcanvas_model::Canvas;
use fitcanvas_model::canvas::ItemId;

use crate::Command;

/// The find bar while it is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindBar {
    pub query: String,
    /// The match selected last, by position in the matches.
    pub current: Option<usize>,
    /// The field takes the keyboard next frame (just opened).
    pub focus: bool,
    /// The matches, and the document version and query they were found for: worked out again
    /// only when either changes, not every frame the bar is open.
    found: Vec<ItemId>,
    found_for: Option<((u64, u64), String)>,
}

impl FindBar {
    /// The notes matching the query in the canvas of document version `version`.
    pub fn matches(&mut self, canvas: &Canvas, version: (u64, u64)) -> &[ItemId] {
        let key = (version, self.query.clone());
        if self.found_for.as_ref() != Some(&key) {
            self.found = matches(canvas, &self.query);
            self.found_for = Some(key);
        }
        &self.found
    }
}

/// A step through the matches.
#[derive(Debug, Clone, PartialEq)]
pub enum FindCommand {
    Open,
    Close,
    Query(String),
    Next,
    Previous,
}

/// The notes that match `query`, in canvas order: by their text or their evidence.
pub fn matches(canvas: &Canvas, query: &str) -> Vec<ItemId> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let has = |text: &str| text.to_lowercase().contains(&query);
    canvas
        .all_items()
        .filter(|(_, item)| {
            has(item.text()) || item.evidence().iter().any(|e| has(&e.quote) || has(&e.who))
        })
        .map(|(_, item)| item.id().clone())
        .collect()
}

/// Where a step lands among `count` matches from `current`.
pub fn step(current: Option<usize>, count: usize, forward: bool) -> Option<usize> {
    if count == 0 {
        return None;
    }
    Some(match (current, forward) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    })
}

/// The bar itself, above the canvas.
pub fn bar(ui: &mut Ui, find: &mut FindBar, found: usize, out: &mut Vec<Command>) {
    egui::Panel::top("find_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let mut query = find.query.clone();
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut query)
                        .hint_text("Text or evidence")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if find.focus {
                field.request_focus();
                find.focus = false;
            }
            if query != find.query {
                out.push(Command::Find(FindCommand::Query(query)));
            }
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(Key::Escape),
                )
            });
            if escape && (field.has_focus() || field.lost_focus()) {
                out.push(Command::Find(FindCommand::Close));
            } else if field.lost_focus() && enter {
                let step = if shift {
                    FindCommand::Previous
                } else {
                    FindCommand::Next
                };
                out.push(Command::Find(step));
                field.request_focus();
            }
            let summary = match (found, find.current) {
                (0, _) if find.query.trim().is_empty() => String::new(),
                (0, _) => "No notes found".to_owned(),
                (n, Some(i)) if i < n => format!("{} of {n}", i + 1),
                (1, _) => "1 note".to_owned(),
                (n, _) => format!("{n} notes"),
            };
            ui.label(summary);
            if ui
                .add_enabled(found > 0, egui::Button::new("Previous match"))
                .clicked()
            {
                out.push(Command::Find(FindCommand::Previous));
            }
            if ui
                .add_enabled(found > 0, egui::Button::new("Next match"))
                .clicked()
            {
                out.push(Command::Find(FindCommand::Next));
            }
            if ui.button("Close find").clicked() {
                out.push(Command::Find(FindCommand::Close));
            }
        });
    });
}

impl crate::App {
    pub(crate) fn find(&mut self, command: FindCommand) {
        let bar = self.view.find.get_or_insert_with(FindBar::default);
        let forward = match command {
            FindCommand::Open => {
                bar.focus = true;
                return;
            }
            FindCommand::Close => {
                self.view.find = None;
                return;
            }
            FindCommand::Query(query) => {
                bar.query = query;
                bar.current = None;
                true
            }
            FindCommand::Next => true,
            FindCommand::Previous => false,
        };
        let found = bar.matches(self.doc.canvas(), self.doc.version()).to_vec();
        bar.current = step(bar.current, found.len(), forward);
        let id = bar.current.and_then(|i| found.get(i)).cloned();
        if id.is_some() {
            self.select(id);
        }
    }
}

/// Outlines the matches on the canvas, as they were drawn.
pub fn marks(ui: &Ui, found: &[ItemId], rects: &HashMap<ItemId, Rect>) {
    let painter = ui.painter().with_clip_rect(ui.clip_rect());
    let colour = Color32::from_rgb(0xf0, 0xa8, 0x00);
    for id in found {
        if let Some(rect) = rects.get(id) {
            painter.rect_stroke(*rect, 3.0, Stroke::new(3.0, colour), StrokeKind::Outside);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::Section;
    use fitcanvas_model::evidence::{Evidence, Source, Stance};

    #[test]
    fn finds_by_text_and_by_evidence_ignoring_case() {
        let mut c = Canvas::new();
        let late = c.add_item(Section::Pains, "Late deliveries");
        let cold = c.add_item(Section::Pains, "Cold food");
        c.add_item(Section::Gains, "Cheap");
        let mut said = Evidence::new(Source::Interview, Stance::Supports, "It came LATE again");
        said.who = "Ana".to_owned();
        c.add_evidence(cold.as_str(), said).unwrap();
        assert_eq!(matches(&c, "late"), [late, cold]);
        assert!(matches(&c, "   ").is_empty());
        assert_eq!(matches(&c, "ana").len(), 1);
    }

    #[test]
    fn steps_wrap_round_both_ways() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(1), 0, true), None);
    }
}
