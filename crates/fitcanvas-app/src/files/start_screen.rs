//! The first screen with no file open: start blank, open a file, open a bundled example, or
//! pick a recent file.

use egui::Ui;

use crate::files::examples::EXAMPLES;
use crate::{ChromeContext, Command};

pub fn show(ui: &mut Ui, cx: ChromeContext<'_>) {
    let ChromeContext { settings, out, .. } = cx;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height().min(600.0) * 0.08);
                ui.heading(egui::RichText::new("Fitcanvas").size(32.0));
                ui.label("Map what your customers need against what you offer, and see how well they fit.");
                ui.add_space(20.0);
                let big = |t: &str| egui::Button::new(egui::RichText::new(t).size(16.0)).min_size(egui::vec2(280.0, 36.0));
                if ui.add(big("New blank canvas")).clicked() {
                    out.push(Command::New);
                }
                if ui.add(big("Open a file…")).clicked() {
                    out.push(Command::Open);
                }
                ui.add_space(18.0);
                ui.label(egui::RichText::new("Examples").strong().size(16.0));
                for (i, (name, _, _)) in EXAMPLES.iter().enumerate() {
                    if ui.add(big(&format!("Example: {name}"))).clicked() {
                        out.push(Command::OpenExample(i));
                    }
                }
                ui.add_space(18.0);
                ui.label(egui::RichText::new("Recent files").strong().size(16.0));
                if settings.recent.is_empty() {
                    ui.label("None yet: files you open or save appear here.");
                }
                for path in &settings.recent {
                    let name = crate::shell::menu_bar::recent_name(path);
                    if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                        out.push(Command::OpenPath(path.clone()));
                    }
                }
                ui.add_space(18.0);
                ui.label("Tip: Help → Keyboard shortcuts lists every key.");
            });
        });
    });
}
