//! The inspector for the selected note: its text, weight, kind and status, its place in its
//! area, and a checkbox per note it could be linked with.

use egui::Ui;

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::Status;
use fitcanvas_model::history::MergeKey;

use fitcanvas_model::canvas::Canvas;

use crate::{Command, PanelContext};

pub fn show(ui: &mut Ui, cx: PanelContext<'_>) {
    let PanelContext {
        canvas,
        view,
        palette,
        out,
    } = cx;
    canvas_fields(ui, canvas, view.focus_side_panel, out);
    // No "Note" heading: the side panel's tab above says it.
    ui.separator();
    let Some((id, section)) = view
        .selected
        .as_ref()
        .and_then(|id| canvas.section_of(id).map(|s| (id.clone(), s)))
    else {
        view.inspector_text = None;
        ui.label("Select a note to edit it, or press + in an area to add one.");
        return;
    };
    let Some(item) = canvas.item(&id) else { return };
    ui.label(egui::RichText::new(section.title()).strong());

    let text_id = ui.scope_id().with("inspector_text");
    let focused = ui.memory(|m| m.has_focus(text_id));
    // The note being typed in place: the inspector shows what is typed, and leaves the
    // typing to that field.
    let typed_in_place = view
        .entry
        .as_ref()
        .filter(|e| e.editing.as_ref() == Some(&id))
        .map(|e| e.text.clone());
    let in_place = typed_in_place.is_some();
    match (&view.inspector_text, typed_in_place) {
        (_, Some(typed)) => view.inspector_text = Some((id.clone(), typed)),
        (Some((for_id, _)), None) if *for_id == id && focused => {}
        _ => view.inspector_text = Some((id.clone(), item.text().to_owned())),
    }
    let label = ui.label("Text");
    if let Some((_, text)) = view.inspector_text.as_mut() {
        let response = ui
            .add_enabled(
                !in_place,
                egui::TextEdit::multiline(text)
                    .id(text_id)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            let edit = Edit::SetText {
                id: id.clone(),
                text: text.clone(),
            };
            out.push(Command::typing(edit, MergeKey::NoteText(id.clone())));
        }
    }

    if section.is_customer() {
        ui.horizontal(|ui| {
            ui.label("Weight");
            for w in 1..=5u8 {
                let r = ui.selectable_label(item.weight() == w, w.to_string());
                let name = format!("Weight {w}");
                r.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, item.weight() == w, &name)
                });
                if r.clicked() {
                    out.push(Command::edit(Edit::SetWeight {
                        id: id.clone(),
                        weight: w,
                    }));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Kind");
            for kind in section.kinds() {
                if ui.radio(item.kind() == Some(*kind), kind.label()).clicked() {
                    out.push(Command::edit(Edit::SetKind {
                        id: id.clone(),
                        kind: *kind,
                    }));
                }
            }
        });
    }

    // Every note, on either side, is an assumption until evidence settles it.
    ui.horizontal_wrapped(|ui| {
        ui.label("Status");
        for status in Status::ALL {
            if ui.radio(item.status() == status, status.label()).clicked() {
                out.push(Command::edit(Edit::SetStatus {
                    id: id.clone(),
                    status,
                }));
            }
        }
    });

    crate::workshop::voting::inspector_row(ui, &id, item.votes(), out);
    // What the note rests on: its evidence, and whether it is triangulated.
    crate::side::evidence_editor::show(ui, canvas, &mut view.side, &palette, &id, out);

    ui.horizontal(|ui| {
        if ui.button("Move earlier").clicked() {
            out.push(Command::Shift {
                id: id.clone(),
                by: -1,
            });
        }
        if ui.button("Move later").clicked() {
            out.push(Command::Shift {
                id: id.clone(),
                by: 1,
            });
        }
        if ui.button("Delete note").clicked() {
            out.push(Command::Remove { id: id.clone() });
        }
    });

    // Links: a value-map note lists the customer notes it may address; a customer note lists
    // the value-map notes that may address it.
    if let Some(target) = section.addresses() {
        ui.label(egui::RichText::new(format!("Addresses ({})", target.title())).strong());
        for other in canvas.items(target) {
            let linked = item.addresses().iter().any(|a| a == other.id());
            link_box(
                ui,
                (other.id(), linked),
                other.text(),
                || link_command(&id, other.id(), linked),
                out,
            );
        }
        if canvas.items(target).is_empty() {
            ui.label(format!(
                "Add {} to link this note to them.",
                target.title().to_lowercase()
            ));
        }
    } else if let Some(source) = section.addressed_by() {
        ui.label(egui::RichText::new(format!("Addressed by ({})", source.title())).strong());
        for other in canvas.items(source) {
            let linked = other.addresses().contains(&id);
            link_box(
                ui,
                (other.id(), linked),
                other.text(),
                || link_command(other.id(), &id, linked),
                out,
            );
        }
        if canvas.items(source).is_empty() {
            ui.label(format!(
                "Add {} to address this note.",
                source.title().to_lowercase()
            ));
        }
    }
}

/// A checkbox linking the selected note with note `other`, `linked` or not. Scrolled out of
/// the side panel's view it only takes the room it took when last drawn: a note of a full
/// canvas lists fifty others, and laying out boxes nobody sees costs each frame.
fn link_box(
    ui: &mut Ui,
    (other, linked): (&ItemId, bool),
    text: &str,
    command: impl FnOnce() -> Command,
    out: &mut Vec<Command>,
) {
    let remembered = ui.scope_id().with(("link box height", other.as_str()));
    let height = ui
        .data(|d| d.get_temp::<f32>(remembered))
        .unwrap_or(ui.spacing().interact_size.y);
    let room = egui::vec2(ui.available_width(), height);
    if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, room)) {
        ui.allocate_space(room);
        return;
    }
    let mut checked = linked;
    let name = if text.trim().is_empty() {
        "(empty note)"
    } else {
        text
    };
    let response = ui.checkbox(&mut checked, name);
    let drawn = response.rect.height();
    ui.data_mut(|d| d.insert_temp(remembered, drawn));
    if response.changed() {
        out.push(command());
    }
}

fn link_command(from: &ItemId, to: &ItemId, linked: bool) -> Command {
    let (from, to) = (from.clone(), to.clone());
    Command::edit(if linked {
        Edit::Unlink { from, to }
    } else {
        Edit::Link { from, to, at: None }
    })
}

/// The canvas's title and customer segment. Typing into either is one undo step per field.
fn canvas_fields(ui: &mut Ui, canvas: &Canvas, take_focus: bool, out: &mut Vec<Command>) {
    egui::Grid::new("canvas_fields")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Title");
            let mut title = canvas.title().to_owned();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut title)
                        .hint_text("What you offer")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if take_focus {
                r.request_focus();
            }
            if r.changed() {
                out.push(Command::typing(
                    Edit::SetTitle { text: title },
                    MergeKey::Title,
                ));
            }
            ui.end_row();
            let label = ui.label("Customer");
            let mut customer = canvas.customer().to_owned();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut customer)
                        .hint_text("Who it is for")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if r.changed() {
                let edit = Edit::SetCustomer { text: customer };
                out.push(Command::typing(edit, MergeKey::Customer));
            }
            ui.end_row();
        });
}
