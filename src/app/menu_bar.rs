//! The menu bar: File, Edit, View and Help. Each entry that is an action takes its name,
//! shortcut and whether it is enabled from the action table.

use egui::Ui;

use super::actions::Action;
use super::theme::ThemeChoice;
use super::{App, Command};

/// A menu entry for `action`, as the table describes it; clicking it runs the action.
pub fn action_item(ui: &mut Ui, app: &App, action: Action) -> egui::Response {
    let mut button = egui::Button::new(action.label());
    if let Some(first) = action.shortcuts().first() {
        button = button.shortcut_text(super::actions::shortcut_text(first));
    }
    ui.add_enabled(action.enabled(&app.situation()), button)
}

fn item(ui: &mut Ui, app: &App, action: Action, out: &mut Vec<Command>) {
    if action_item(ui, app, action).clicked() {
        out.extend(app.action_commands(action));
    }
}

pub fn show(ui: &mut Ui, app: &App, out: &mut Vec<Command>) {
    use Action as A;
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, app, A::New, out);
                item(ui, app, A::Open, out);
                item(ui, app, A::OpenByPath, out);
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
                item(ui, app, A::Save, out);
                item(ui, app, A::SaveAs, out);
                item(ui, app, A::SaveToPath, out);
                ui.separator();
                item(ui, app, A::Export, out);
                if action_item(ui, app, A::Compare)
                    .on_hover_text("Compare the open canvas with an older version from a file")
                    .clicked()
                {
                    out.extend(app.action_commands(A::Compare));
                }
                ui.separator();
                item(ui, app, A::StartScreen, out);
                item(ui, app, A::Quit, out);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, app, A::Undo, out);
                item(ui, app, A::Redo, out);
                ui.separator();
                item(ui, app, A::DeleteNote, out);
                item(ui, app, A::MoveEarlier, out);
                item(ui, app, A::MoveLater, out);
                ui.menu_button("Add note", |ui| {
                    for section in crate::section::Section::ALL {
                        item(ui, app, A::NewNote(section), out);
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
                let keys = A::ToggleSidePanel.keys_text();
                if ui
                    .add(
                        egui::Button::new(A::ToggleSidePanel.label())
                            .selected(app.settings.show_side_panel)
                            .shortcut_text(keys),
                    )
                    .clicked()
                {
                    out.extend(app.action_commands(A::ToggleSidePanel));
                }
                ui.separator();
                item(ui, app, A::ZoomIn, out);
                item(ui, app, A::ZoomOut, out);
                item(ui, app, A::ZoomReset, out);
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
                item(ui, app, A::Shortcuts, out);
            });
        });
    });
}
