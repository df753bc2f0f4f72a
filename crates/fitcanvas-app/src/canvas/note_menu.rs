//! The right-click menus: on a note (edit, copy, cut, duplicate, delete, and its weight, kind
//! and status), and on an area (a new note there, paste into it). Each entry sends the same
//! command its menu-bar entry or key does; an entry for a note first selects that note, so what
//! the menu acts on is what the user clicked.

use egui::Ui;

use fitcanvas_model::canvas::{Item, MAX_WEIGHT, MIN_WEIGHT};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::evidence::Status;
use fitcanvas_model::section::Section;

use crate::Command;

/// The menu of one note.
pub fn note(ui: &mut Ui, section: Section, item: &Item, out: &mut Vec<Command>) {
    let id = item.id().clone();
    let mut run = |ui: &mut Ui, label: &str, keys: &str, command: Command| {
        if ui
            .add(egui::Button::new(label).shortcut_text(keys))
            .clicked()
        {
            out.push(Command::Select(Some(id.clone())));
            out.push(command);
            ui.close();
        }
    };
    run(ui, "Edit text", "F2", Command::EditNote(id.clone()));
    run(ui, "Cut", "Ctrl+X", Command::Cut);
    run(ui, "Copy", "Ctrl+C", Command::Copy);
    run(ui, "Duplicate", "Ctrl+D", Command::Duplicate);
    run(ui, "Delete", "Delete", Command::Remove { id: id.clone() });
    ui.separator();
    if section.is_customer() {
        ui.menu_button("Weight", |ui| {
            for weight in MIN_WEIGHT..=MAX_WEIGHT {
                if ui
                    .radio(item.weight() == weight, weight.to_string())
                    .clicked()
                {
                    out.push(Command::edit(Edit::SetWeight {
                        id: id.clone(),
                        weight,
                    }));
                    ui.close();
                }
            }
        });
        ui.menu_button("Kind", |ui| {
            for &kind in section.kinds() {
                if ui.radio(item.kind() == Some(kind), kind.label()).clicked() {
                    out.push(Command::edit(Edit::SetKind {
                        id: id.clone(),
                        kind,
                    }));
                    ui.close();
                }
            }
        });
    }
    ui.menu_button("Status", |ui| {
        for status in Status::ALL {
            if ui.radio(item.status() == status, status.label()).clicked() {
                out.push(Command::edit(Edit::SetStatus {
                    id: id.clone(),
                    status,
                }));
                ui.close();
            }
        }
    });
}

/// The menu of an area's empty space.
pub fn area(ui: &mut Ui, section: Section, out: &mut Vec<Command>) {
    if ui.button(format!("New {}", section.singular())).clicked() {
        out.push(Command::StartEntry(section));
        ui.close();
    }
    if ui
        .add(egui::Button::new(format!("Paste into {}", section.title())).shortcut_text("Ctrl+V"))
        .clicked()
    {
        out.push(Command::PasteClipboard {
            into: Some(section),
        });
        ui.close();
    }
}
