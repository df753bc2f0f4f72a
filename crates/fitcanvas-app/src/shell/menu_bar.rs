//! The menu bar: File, Edit, View and Help. Each entry that is an action takes its name,
//! shortcut and whether it is enabled from the action table.

use egui::Ui;

use crate::shell::actions::{Action, Situation};
use crate::shell::theme::ThemeChoice;
use crate::{ChromeContext, Command};

/// A menu entry for `action`, as the table describes it.
pub fn action_item(ui: &mut Ui, situation: &Situation, action: Action) -> egui::Response {
    let mut button = egui::Button::new(action.label());
    if let Some(first) = action.shortcuts().first() {
        button = button.shortcut_text(crate::shell::actions::shortcut_text(first));
    }
    ui.add_enabled(action.enabled(situation), button)
}

pub fn show(ui: &mut Ui, cx: ChromeContext<'_>) {
    use Action as A;
    let ChromeContext {
        situation,
        settings,
        presentation,
        side_tab,
        out,
    } = cx;
    let item = |ui: &mut Ui, action: Action, out: &mut Vec<Command>| {
        if action_item(ui, &situation, action).clicked() {
            out.push(Command::Run(action));
        }
    };
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, A::New, out);
                item(ui, A::Open, out);
                item(ui, A::OpenByPath, out);
                ui.menu_button("Open Recent", |ui| {
                    if settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &settings.recent {
                        if ui
                            .button(recent_name(path))
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            out.push(Command::OpenPath(path.clone()));
                        }
                    }
                    if !settings.recent.is_empty() && ui.button("Clear recent files").clicked() {
                        out.push(Command::ClearRecent);
                    }
                });
                ui.separator();
                item(ui, A::Save, out);
                item(ui, A::SaveAs, out);
                item(ui, A::SaveToPath, out);
                ui.separator();
                item(ui, A::Export, out);
                item(ui, A::Print, out);
                if action_item(ui, &situation, A::Compare)
                    .on_hover_text("Compare the open canvas with an older version from a file")
                    .clicked()
                {
                    out.push(Command::Run(A::Compare));
                }
                ui.separator();
                item(ui, A::ShareLive, out);
                item(ui, A::JoinLive, out);
                ui.separator();
                item(ui, A::StartScreen, out);
                item(ui, A::Quit, out);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, A::Undo, out);
                item(ui, A::Redo, out);
                ui.separator();
                item(ui, A::Cut, out);
                item(ui, A::Copy, out);
                item(ui, A::Paste, out);
                item(ui, A::Duplicate, out);
                item(ui, A::DeleteNote, out);
                ui.separator();
                item(ui, A::Find, out);
                item(ui, A::FindNext, out);
                item(ui, A::FindPrevious, out);
                ui.separator();
                item(ui, A::NextKind, out);
                item(ui, A::NextStatus, out);
                item(ui, A::MoveEarlier, out);
                item(ui, A::MoveLater, out);
                ui.menu_button("Add note", |ui| {
                    for section in fitcanvas_model::section::Section::ALL {
                        item(ui, A::NewNote(section), out);
                    }
                });
            });
            ui.menu_button("View", |ui| {
                let theme = settings.theme;
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
                    .checkbox(&mut settings.show_links.clone(), "Show links as lines")
                    .clicked()
                {
                    out.push(Command::ToggleLinks);
                }
                let keys = A::ToggleSidePanel.keys_text();
                if ui
                    .add(
                        egui::Button::new(A::ToggleSidePanel.label())
                            .selected(settings.show_side_panel)
                            .shortcut_text(keys),
                    )
                    .clicked()
                {
                    out.push(Command::Run(A::ToggleSidePanel));
                }
                ui.separator();
                item(ui, A::ZoomIn, out);
                item(ui, A::ZoomOut, out);
                item(ui, A::ZoomReset, out);
                item(ui, A::FocusArea, out);
                ui.menu_button("Focus area", |ui| {
                    for section in fitcanvas_model::section::Section::ALL {
                        if ui.button(section.title()).clicked() {
                            out.push(Command::Focus(Some(section)));
                        }
                    }
                });
                ui.menu_button("Interface size", |ui| {
                    item(ui, A::InterfaceBigger, out);
                    item(ui, A::InterfaceSmaller, out);
                    item(ui, A::InterfaceReset, out);
                });
                ui.separator();
                crate::workshop::presentation::view_menu(ui, &situation, presentation, out);
                item(ui, A::Room, out);
                item(ui, A::ClearVotes, out);
                ui.separator();
                for tab in crate::side::tabs::SideTab::ALL {
                    let current = side_tab == tab;
                    if ui
                        .radio(current, format!("{} panel", tab.label()))
                        .clicked()
                    {
                        out.push(Command::ShowTab(tab));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                item(ui, A::Shortcuts, out);
                item(ui, A::About, out);
            });
        });
    });
}

/// A recent file as the menu names it: the file and the folder it is in ("plan.json — clients"),
/// so two canvases of one name in different folders tell apart; the full path is its tooltip.
pub(crate) fn recent_name(path: &std::path::Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match path.parent().and_then(|p| p.file_name()) {
        Some(folder) => format!("{name} — {}", folder.to_string_lossy()),
        None => name,
    }
}
