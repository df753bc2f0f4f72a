//! The menu bar: File, Edit, View and Help.

use egui::Ui;

use super::keyboard;
use super::theme::ThemeChoice;
use super::{App, Command, PathPurpose, Screen, ZoomStep};

pub fn show(ui: &mut Ui, app: &App, out: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            let short = |s: &egui::KeyboardShortcut| ui.ctx().format_shortcut(s);
            let (new, open, save, save_as, undo, redo) = (
                short(&keyboard::NEW),
                short(&keyboard::OPEN),
                short(&keyboard::SAVE),
                short(&keyboard::SAVE_AS),
                short(&keyboard::UNDO),
                short(&keyboard::REDO),
            );
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New").shortcut_text(new))
                    .clicked()
                {
                    out.push(Command::New);
                }
                if ui
                    .add(egui::Button::new("Open…").shortcut_text(open))
                    .clicked()
                {
                    out.push(Command::Open);
                }
                if ui.button("Open by path…").clicked() {
                    out.push(Command::TypePath(PathPurpose::Open));
                }
                ui.menu_button("Open Recent", |ui| {
                    if app.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &app.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Command::OpenPath(path.clone()));
                        }
                    }
                    if !app.settings.recent.is_empty() && ui.button("Clear recent files").clicked()
                    {
                        out.push(Command::ClearRecent);
                    }
                });
                ui.separator();
                let on_canvas = app.screen == Screen::Canvas;
                if ui
                    .add_enabled(on_canvas, egui::Button::new("Save").shortcut_text(save))
                    .clicked()
                {
                    out.push(Command::Save);
                }
                if ui
                    .add_enabled(
                        on_canvas,
                        egui::Button::new("Save As…").shortcut_text(save_as),
                    )
                    .clicked()
                {
                    out.push(Command::SaveAs);
                }
                if ui
                    .add_enabled(on_canvas, egui::Button::new("Save to path…"))
                    .clicked()
                {
                    out.push(Command::TypePath(PathPurpose::SaveAs));
                }
                ui.separator();
                if ui
                    .add_enabled(on_canvas, egui::Button::new("Export…"))
                    .clicked()
                {
                    out.push(Command::ShowExport);
                }
                if ui
                    .add_enabled(on_canvas, egui::Button::new("Compare with…"))
                    .on_hover_text("Compare the open canvas with an older version from a file")
                    .clicked()
                {
                    out.push(Command::Compare);
                }
                ui.separator();
                if ui.button("Start screen").clicked() {
                    out.push(Command::ShowStart);
                }
                if ui.button("Quit").clicked() {
                    out.push(Command::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        app.doc.can_undo(),
                        egui::Button::new("Undo").shortcut_text(undo),
                    )
                    .clicked()
                {
                    out.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        app.doc.can_redo(),
                        egui::Button::new("Redo").shortcut_text(redo),
                    )
                    .clicked()
                {
                    out.push(Command::Redo);
                }
                ui.separator();
                let selected = app.view.selected.clone();
                if ui
                    .add_enabled(selected.is_some(), egui::Button::new("Delete note"))
                    .clicked()
                    && let Some(id) = selected
                {
                    out.push(Command::Remove { id });
                }
                ui.menu_button("Add note", |ui| {
                    for section in crate::section::Section::ALL {
                        if ui.button(section.title()).clicked() {
                            out.push(Command::StartEntry(section));
                        }
                    }
                });
            });
            ui.menu_button("View", |ui| {
                let theme = app.settings.theme;
                if ui
                    .radio(theme == ThemeChoice::Light, "Light theme")
                    .clicked()
                {
                    out.push(Command::SetTheme(ThemeChoice::Light));
                }
                if ui.radio(theme == ThemeChoice::Dark, "Dark theme").clicked() {
                    out.push(Command::SetTheme(ThemeChoice::Dark));
                }
                if ui
                    .checkbox(&mut app.settings.show_links.clone(), "Show links as lines")
                    .clicked()
                {
                    out.push(Command::ToggleLinks);
                }
                if ui
                    .add(
                        egui::Button::new("Side panel")
                            .selected(app.settings.show_side_panel)
                            .shortcut_text(ui.ctx().format_shortcut(&keyboard::SIDE_PANEL)),
                    )
                    .clicked()
                {
                    out.push(Command::ToggleSidePanel);
                }
                ui.separator();
                for (label, step) in [
                    ("Zoom in", ZoomStep::In),
                    ("Zoom out", ZoomStep::Out),
                    ("Actual size", ZoomStep::Reset),
                ] {
                    if ui.button(label).clicked() {
                        out.push(Command::Zoom(step));
                    }
                }
                ui.separator();
                super::presentation::view_menu(ui, app, out);
                ui.separator();
                for tab in super::side_tabs::SideTab::ALL {
                    let current = app.view.side.tab == tab;
                    if ui
                        .radio(current, format!("{} panel", tab.label()))
                        .clicked()
                    {
                        out.push(Command::ShowTab(tab));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    out.push(Command::ShowShortcuts);
                }
            });
        });
    });
}
