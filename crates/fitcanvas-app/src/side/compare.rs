//! File → Compare with…: the open canvas against an older version of it from a file.
//!
//! The file chosen is "before", the open canvas "after". The comparison keeps only the older
//! canvas; the differences are computed again every frame with [`fitcanvas_model::diff::diff`] (cheap for
//! canvases of a few hundred notes), so they follow every edit of the open canvas. On the
//! canvas, new and changed notes get a coloured outline and a badge; the side panel lists every
//! change in the words `fitcanvas diff` uses (notes by their text, moves within an area, each
//! evidence entry with its source and date), and each entry selects its note (notes that are
//! gone are shown greyed).

use std::collections::HashMap;
use std::path::PathBuf;

use egui::{Color32, Rect, Stroke, StrokeKind, Ui};

use fitcanvas_model::Canvas;
use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::diff::{CanvasDiff, Change, Link, NoteEdit, words};

use crate::Command;

/// An open comparison: the older canvas and where it came from.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub path: PathBuf,
    pub older: Canvas,
    /// Tells comparisons apart, for what is worked out from one and kept.
    generation: u64,
}

impl Comparison {
    pub fn new(path: PathBuf, older: Canvas) -> Comparison {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Comparison {
            path,
            older,
            generation,
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The differences from the older canvas to `now`.
    pub fn diff(&self, now: &Canvas) -> CanvasDiff {
        fitcanvas_model::diff::diff(&self.older, now)
    }

    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Outline and badge colour of notes that are new since the older version.
pub const NEW: Color32 = Color32::from_rgb(0x1e, 0x9e, 0x4a);
/// Outline and badge colour of notes that changed since the older version.
pub const CHANGED: Color32 = Color32::from_rgb(0xe0, 0x80, 0x00);

/// `colour` for text in the side panel: on a light panel the outline colours are too pale to
/// read (under 3:1), so text there uses darker shades of them (over 4.5:1, WCAG AA).
fn text_colour(ui: &Ui, colour: Color32) -> Color32 {
    if ui.visuals().dark_mode {
        colour
    } else if colour == NEW {
        Color32::from_rgb(0x15, 0x6f, 0x34)
    } else {
        Color32::from_rgb(0xa3, 0x52, 0x00)
    }
}

/// The list of changes, for the side panel.
pub fn panel(
    ui: &mut Ui,
    cmp: &Comparison,
    diff: &CanvasDiff,
    now: &Canvas,
    out: &mut Vec<Command>,
) {
    ui.heading("Comparison");
    ui.label(format!("Before: {} (the file chosen)", cmp.file_name()))
        .on_hover_text(cmp.path.display().to_string());
    ui.label("After: the open canvas");
    if ui.button("Close comparison").clicked() {
        out.push(Command::CloseComparison);
    }
    let pct = |f: Option<f64>| f.map_or_else(|| "—".to_owned(), |f| format!("{f:.0}%"));
    ui.label(
        egui::RichText::new(format!(
            "Fit: {} → {}",
            pct(diff.fit_before),
            pct(diff.fit_after)
        ))
        .strong(),
    );
    if diff.is_empty() {
        ui.label("No differences: the canvas is as it was in the file.");
        return;
    }
    if let Some(c) = &diff.title {
        ui.label(format!("Title: {}", quoted(c)));
    }
    if let Some(c) = &diff.customer {
        ui.label(format!("Customer: {}", quoted(c)));
    }
    if !diff.added.is_empty() {
        ui.label(egui::RichText::new(format!("New ({})", diff.added.len())).strong());
        for note in &diff.added {
            let text = format!("New {}: {}", note.section.singular(), note.text);
            let link = ui.link(egui::RichText::new(text).color(text_colour(ui, NEW)));
            if link.clicked() {
                out.push(Command::Select(Some(note.id.clone())));
            }
        }
    }
    if !diff.changed.is_empty() {
        ui.label(egui::RichText::new(format!("Changed ({})", diff.changed.len())).strong());
        for edit in &diff.changed {
            let text = now.item(edit.id.as_str()).map_or("", |i| i.text());
            let label = format!(
                "Changed {}: {} — {}",
                edit.section.singular(),
                text,
                what_changed(edit, now)
            );
            if ui
                .link(egui::RichText::new(label).color(text_colour(ui, CHANGED)))
                .clicked()
            {
                out.push(Command::Select(Some(edit.id.clone())));
            }
            // Each evidence entry with where and when it came from.
            for (sign, entries) in [
                ("added", &edit.evidence_added),
                ("removed", &edit.evidence_removed),
            ] {
                for entry in entries {
                    ui.indent(("evidence", sign), |ui| {
                        ui.label(format!(
                            "Evidence {sign}: {} — “{}”",
                            words::evidence(entry),
                            entry.quote
                        ));
                    });
                }
            }
        }
    }
    if !diff.removed.is_empty() {
        ui.label(egui::RichText::new(format!("Gone ({})", diff.removed.len())).strong());
        for note in &diff.removed {
            ui.label(
                egui::RichText::new(format!("Gone {}: {}", note.section.singular(), note.text))
                    .weak()
                    .strikethrough(),
            )
            .on_hover_text("Not in the open canvas, so it cannot be selected");
        }
    }
    let link_text = |l: &Link| {
        let name = |id: &str| {
            now.item(id)
                .or_else(|| cmp.older.item(id))
                .map_or_else(|| id.to_owned(), |i| i.text().to_owned())
        };
        format!("{} → {}", name(l.from.as_str()), name(l.to.as_str()))
    };
    for (title, links) in [
        ("Links added", &diff.links_added),
        ("Links removed", &diff.links_removed),
    ] {
        if links.is_empty() {
            continue;
        }
        ui.label(egui::RichText::new(format!("{title} ({})", links.len())).strong());
        for l in links {
            let prefix = if title == "Links added" {
                "Link added"
            } else {
                "Link removed"
            };
            let text = format!("{prefix}: {}", link_text(l));
            if now.item(l.from.as_str()).is_some() {
                if ui.link(text).clicked() {
                    out.push(Command::Select(Some(l.from.clone())));
                }
            } else {
                ui.label(egui::RichText::new(text).weak());
            }
        }
    }
    log_changes(ui, diff, now, out);
}

/// Interviews and test cards added, removed and changed; those still there open when clicked.
/// An interview is named by its date and person, a test card by its hypothesis.
fn log_changes(ui: &mut Ui, diff: &CanvasDiff, now: &Canvas, out: &mut Vec<Command>) {
    let interview = |i: &fitcanvas_model::evidence::Interview| {
        let date = i.date.as_ref().map_or("undated", |d| d.as_str());
        match i.person.trim() {
            "" => date.to_owned(),
            person => format!("{date} · {person}"),
        }
    };
    if !diff.interviews_added.is_empty() || !diff.interviews_changed.is_empty() {
        ui.label(egui::RichText::new("Interviews").strong());
    }
    for i in &diff.interviews_added {
        if ui
            .link(format!("New interview: {}", interview(i)))
            .clicked()
        {
            out.push(Command::OpenInterview(Some(i.id().clone())));
        }
    }
    for id in &diff.interviews_changed {
        let name = now
            .interview(id.as_str())
            .map_or_else(|| id.to_string(), interview);
        if ui.link(format!("Changed interview: {name}")).clicked() {
            out.push(Command::OpenInterview(Some(id.clone())));
        }
    }
    for i in &diff.interviews_removed {
        ui.label(
            egui::RichText::new(format!("Gone interview: {}", interview(i)))
                .weak()
                .strikethrough(),
        );
    }
    if !diff.tests_added.is_empty() || !diff.tests_changed.is_empty() {
        ui.label(egui::RichText::new("Test cards").strong());
    }
    let card = |t: &fitcanvas_model::evidence::TestCard| match t.hypothesis.trim() {
        "" => "(no hypothesis yet)".to_owned(),
        h => format!("“{h}”"),
    };
    for t in &diff.tests_added {
        let text = format!("New test card: {} ({})", card(t), t.state.label());
        if ui.link(text).clicked() {
            out.push(Command::OpenTest(Some(t.id().clone())));
        }
    }
    for t in &diff.tests_changed {
        let name = now
            .test(t.id.as_str())
            .map_or_else(|| t.id.to_string(), card);
        let text = match &t.state {
            Some(c) => format!(
                "Changed test card: {name} — {} → {}",
                c.before.label(),
                c.after.label()
            ),
            None => format!("Changed test card: {name}"),
        };
        if ui.link(text).clicked() {
            out.push(Command::OpenTest(Some(t.id.clone())));
        }
    }
    for t in &diff.tests_removed {
        ui.label(
            egui::RichText::new(format!("Gone test card: {}", card(t)))
                .weak()
                .strikethrough(),
        );
    }
}

fn quoted(c: &Change<String>) -> String {
    format!("“{}” → “{}”", c.before, c.after)
}

/// What changed in a note, in a few words: "text “a” → “b”, weight 3 → 5, moved up from 3rd
/// to 1st of 4" (places counted in `now`).
pub fn what_changed(edit: &NoteEdit, now: &Canvas) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &edit.section_change {
        parts.push(format!(
            "moved from {} to {}",
            c.before.title(),
            c.after.title()
        ));
    }
    if let Some(c) = &edit.place {
        parts.push(words::place(c, now.items(edit.section).len()));
    }
    if let Some(c) = &edit.text {
        parts.push(format!("text {}", quoted(c)));
    }
    if let Some(c) = &edit.weight {
        let w = |w: Option<u8>| w.map_or_else(|| "—".to_owned(), |w| w.to_string());
        parts.push(format!("weight {} → {}", w(c.before), w(c.after)));
    }
    if let Some(c) = &edit.kind {
        let k = |k: Option<fitcanvas_model::Kind>| k.map_or("—", |k| k.label());
        parts.push(format!("kind {} → {}", k(c.before), k(c.after)));
    }
    if let Some(c) = &edit.status {
        parts.push(format!("status {} → {}", c.before.label(), c.after.label()));
    }
    if let Some(c) = &edit.votes {
        parts.push(format!("votes {} → {}", c.before, c.after));
    }
    match (edit.evidence_added.len(), edit.evidence_removed.len()) {
        (0, 0) => {}
        (added, 0) => parts.push(format!("evidence +{added}")),
        (0, removed) => parts.push(format!("evidence −{removed}")),
        (added, removed) => parts.push(format!("evidence +{added} −{removed}")),
    }
    parts.join(", ")
}

/// Outlines and badges on new and changed notes, drawn over the canvas. `rects` are where the
/// notes were drawn this frame.
pub fn marks(ui: &Ui, diff: &CanvasDiff, rects: &HashMap<ItemId, Rect>) {
    let painter = ui.painter().with_clip_rect(ui.clip_rect());
    let marked = diff
        .added
        .iter()
        .map(|n| (n.id.as_str(), "new", NEW))
        .chain(
            diff.changed
                .iter()
                .map(|e| (e.id.as_str(), "changed", CHANGED)),
        );
    for (id, badge, colour) in marked {
        let Some(rect) = rects.get(id) else {
            continue;
        };
        painter.rect_stroke(*rect, 3.0, Stroke::new(3.0, colour), StrokeKind::Outside);
        let galley = painter.layout_no_wrap(
            badge.to_owned(),
            egui::FontId::proportional(11.0),
            Color32::WHITE,
        );
        let size = galley.size() + egui::vec2(8.0, 2.0);
        let badge_rect = Rect::from_min_size(
            egui::pos2(rect.right() - size.x - 2.0, rect.top() - size.y / 2.0),
            size,
        );
        painter.rect_filled(badge_rect, 4.0, colour);
        painter.galley(
            badge_rect.min + egui::vec2(4.0, 1.0),
            galley,
            Color32::WHITE,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Color32, b: Color32) -> f32 {
        let rgb = |c: Color32| fitcanvas_picture::palette::Rgb(c.r(), c.g(), c.b());
        rgb(a).contrast(rgb(b))
    }

    #[test]
    fn change_lists_are_readable_on_both_themes() {
        let ctx = egui::Context::default();
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            ctx.set_visuals(visuals.clone());
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                for colour in [NEW, CHANGED] {
                    let text = text_colour(ui, colour);
                    let ratio = contrast(text, visuals.panel_fill);
                    assert!(ratio >= 4.5, "{colour:?} as {text:?}: {ratio:.2}");
                }
            });
            // Nothing is painted, so the font atlas upload is dropped on purpose.
            output.textures_delta.clear();
        }
    }
}
