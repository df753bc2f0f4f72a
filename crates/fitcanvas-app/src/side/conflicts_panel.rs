//! The Conflicts list: what a three-way merge (`fitcanvas merge`, git's merge driver, or the
//! editor's own Merge after an outside change) could not settle, shown at the top of the side
//! panel while any remain. Each conflict says what ours (the canvas as it is) and theirs hold,
//! and settles with Keep ours or Keep theirs (one [`Edit::ResolveConflict`] each, so undo
//! brings it back), or Edit, which goes to the note, interview or card so it can be fixed by
//! hand and then kept. Once none remain, saving writes the file without its `conflicts` field.
//!
//! A settled conflict leaves a "Settled" line in its place while the pointer stays over the
//! list ([`SettledRows`]): the entries below do not move up under the pointer, where a second
//! click would land on the next entry's "Delete it".

use egui::{RichText, Ui};

use fitcanvas_model::Canvas;
use fitcanvas_model::conflict::{Conflict, Entity, FieldValue, MergeSide, Owner};
use fitcanvas_model::edit::Edit;

use crate::Command;

/// The rows of conflicts settled while the pointer is over the list, kept in place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettledRows {
    /// Rows of the list that show a settled conflict, with what was kept and the height the
    /// conflict took (the row keeps it), in row order.
    rows: Vec<(usize, String, f32)>,
    /// How many rows the list had when last drawn.
    shown: usize,
    /// Where the list was drawn, to tell when the pointer leaves it.
    rect: Option<egui::Rect>,
}

/// The list, when the canvas has conflicts; nothing otherwise.
pub fn show(ui: &mut Ui, canvas: &Canvas, settled: &mut SettledRows, out: &mut Vec<Command>) {
    let conflicts = canvas.conflicts();
    let pointer = ui.ctx().pointer_latest_pos();
    let left = match (settled.rect, pointer) {
        (Some(rect), Some(at)) => !rect.contains(at),
        _ => true,
    };
    // The pointer left the list, or the conflicts changed otherwise (undo): rows close up.
    if left || conflicts.is_empty() || conflicts.len() + settled.rows.len() != settled.shown {
        settled.rows.clear();
    }
    if conflicts.is_empty() {
        settled.rect = None;
        settled.shown = 0;
        return;
    }
    let list = ui.scope(|ui| {
        ui.heading(format!("Conflicts ({})", conflicts.len()));
        ui.label(
            "A merge could not settle these. The canvas shows ours; choose for each which side \
             to keep, or edit it by hand and keep ours. Saving once none remain drops them from \
             the file.",
        );
        let rows = conflicts.len() + settled.rows.len();
        let mut next = conflicts.iter().enumerate();
        let mut newly: Option<(usize, String, f32)> = None;
        for row in 0..rows {
            ui.separator();
            if let Some((_, what, height)) = settled.rows.iter().find(|(r, ..)| *r == row) {
                let said = ui.label(RichText::new(format!("✓ {what}")).weak());
                ui.add_space((height - said.rect.height()).max(0.0));
                continue;
            }
            let Some((index, conflict)) = next.next() else {
                break;
            };
            let drawn = ui.scope(|ui| entry(ui, canvas, index, conflict, out));
            if let Some(keep) = drawn.inner {
                let height = drawn.response.rect.height();
                newly = Some((row, settled_words(conflict, keep), height));
            }
        }
        ui.separator();
        // The list as the next frame draws it: the conflict settled now is gone by then,
        // its row kept.
        settled.shown = rows;
        if let Some(row) = newly {
            settled.rows.push(row);
            settled.rows.sort_by_key(|(r, ..)| *r);
        }
    });
    settled.rect = Some(list.response.rect);
}

/// What a settled line says: which side was kept.
fn settled_words(conflict: &Conflict, keep: MergeSide) -> String {
    match (conflict, keep) {
        (Conflict::Deleted { by, .. }, keep) if *by == keep => "Settled: deleted".to_owned(),
        (Conflict::Deleted { .. }, _) => "Settled: kept".to_owned(),
        (_, keep) => format!("Settled: kept {}", keep.key()),
    }
}

/// One conflict with its buttons; the side chosen, if one was clicked.
fn entry(
    ui: &mut Ui,
    canvas: &Canvas,
    index: usize,
    conflict: &Conflict,
    out: &mut Vec<Command>,
) -> Option<MergeSide> {
    let mut chosen = None;
    let mut settle = |keep| {
        chosen = Some(keep);
        Command::edit(Edit::ResolveConflict { index, keep })
    };
    match conflict {
        Conflict::Field {
            owner,
            field,
            ours,
            theirs,
            ..
        } => {
            ui.label(
                RichText::new(format!(
                    "{} of {}",
                    title_case(field.key()),
                    name(canvas, owner)
                ))
                .strong(),
            );
            ui.label(format!("Ours: {}", value(ours)));
            ui.label(format!("Theirs: {}", value(theirs)));
            ui.horizontal_wrapped(|ui| {
                if ui.button("Keep ours").clicked() {
                    out.push(settle(MergeSide::Ours));
                }
                if ui.button("Keep theirs").clicked() {
                    out.push(settle(MergeSide::Theirs));
                }
                edit_button(ui, owner, out);
            });
        }
        Conflict::Deleted { id, by } => {
            let owner = owner_of(canvas, id);
            ui.label(RichText::new(title_case(&name(canvas, &owner))).strong());
            ui.label(format!(
                "Deleted in {}, changed in {}. It is on the canvas, changed, until you choose.",
                by.key(),
                by.other().key()
            ));
            ui.horizontal_wrapped(|ui| {
                if ui.button("Keep it").clicked() {
                    out.push(settle(by.other()));
                }
                if ui.button("Delete it").clicked() {
                    out.push(settle(*by));
                }
                edit_button(ui, &owner, out);
            });
        }
        Conflict::Clash { theirs } => {
            let id = theirs.entity.id();
            let owner = owner_of(canvas, id);
            ui.label(RichText::new(format!("Two things with the id {id}")).strong());
            ui.label(format!("Ours: {}", name(canvas, &owner)));
            ui.label(format!("Theirs: {}", entity(&theirs.entity)));
            ui.horizontal_wrapped(|ui| {
                if ui.button("Keep ours").clicked() {
                    out.push(settle(MergeSide::Ours));
                }
                if ui.button("Keep theirs").clicked() {
                    out.push(settle(MergeSide::Theirs));
                }
                edit_button(ui, &owner, out);
            });
        }
        Conflict::Order { section, .. } => {
            ui.label(RichText::new(format!("Order of {}", section.title())).strong());
            ui.label("Reordered differently on each side; the canvas shows ours's order.");
            ui.horizontal_wrapped(|ui| {
                if ui.button("Keep our order").clicked() {
                    out.push(settle(MergeSide::Ours));
                }
                if ui.button("Keep their order").clicked() {
                    out.push(settle(MergeSide::Theirs));
                }
            });
        }
    }
    chosen
}

/// Goes to what the conflict is about, to change it by hand before keeping ours.
fn edit_button(ui: &mut Ui, owner: &Owner, out: &mut Vec<Command>) {
    let (command, hint) = match owner {
        Owner::Canvas => return,
        Owner::Note(id) => (
            Command::EditNote(id.clone()),
            "Edit this note's text on the canvas",
        ),
        Owner::Interview(id) => (
            Command::OpenInterview(Some(id.clone())),
            "Open the interview",
        ),
        Owner::Test(id) => (Command::OpenTest(Some(id.clone())), "Open the test card"),
    };
    if ui.button("Edit by hand").on_hover_text(hint).clicked() {
        if let Owner::Note(id) = owner {
            out.push(Command::Select(Some(id.clone())));
        }
        out.push(command);
    }
}

fn owner_of(canvas: &Canvas, id: &fitcanvas_model::canvas::ItemId) -> Owner {
    if canvas.interview(id).is_some() {
        Owner::Interview(id.clone())
    } else if canvas.test(id).is_some() {
        Owner::Test(id.clone())
    } else {
        Owner::Note(id.clone())
    }
}

/// How a person would name the owner: a note by its area and text, not its id alone.
fn name(canvas: &Canvas, owner: &Owner) -> String {
    match owner {
        Owner::Canvas => "the canvas".to_owned(),
        Owner::Note(id) => match canvas.item_in_section(id) {
            Some((section, note)) => format!("{} “{}”", section.singular(), short(note.text())),
            None => format!("note {id}"),
        },
        Owner::Interview(id) => match canvas.interview(id) {
            Some(i) if !i.person.is_empty() => format!("interview with {}", short(&i.person)),
            _ => format!("interview {id}"),
        },
        Owner::Test(id) => match canvas.test(id) {
            Some(t) if !t.hypothesis.is_empty() => format!("test “{}”", short(&t.hypothesis)),
            _ => format!("test card {id}"),
        },
    }
}

fn entity(entity: &Entity) -> String {
    match entity {
        Entity::Note { section, note } => {
            format!("{} “{}”", section.singular(), short(note.text()))
        }
        Entity::Interview(i) => format!("interview with {}", short(&i.person)),
        Entity::Test(t) => format!("test “{}”", short(&t.hypothesis)),
    }
}

fn value(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) if t.is_empty() => "(empty)".to_owned(),
        FieldValue::Text(t) => format!("“{}”", short(t)),
        FieldValue::Weight(w) => format!("weight {w}"),
        FieldValue::Kind(k) => k.label().to_owned(),
        FieldValue::Status(s) => s.label().to_owned(),
        FieldValue::Votes(v) => format!("{v} votes"),
        FieldValue::Date(d) => d.as_ref().map_or("no date".to_owned(), |d| d.to_string()),
        FieldValue::State(s) => s.label().to_owned(),
        FieldValue::Learning(l) => l.as_ref().map_or("no learning card".to_owned(), |l| {
            format!("learned “{}”", short(&l.learned))
        }),
        FieldValue::Unknown(v) => v.as_ref().map_or("absent".to_owned(), |v| v.to_string()),
    }
}

/// Long texts cut to what fits a side panel line or two; the full text is on the canvas.
fn short(text: &str) -> String {
    const MAX: usize = 120;
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

fn title_case(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
