//! File → Export…: a small window to choose the format (SVG, PNG, PDF or Markdown), the PNG
//! width, the PDF paper, the colours and how links are shown; then a save dialog (or a typed
//! path) for the file.
//!
//! The export itself runs beside the window (see [`crate::files::export_job`]): the slowest case, a
//! crowded 300-note canvas with its links drawn as lines, takes half a second (see
//! BENCHMARKS.md), and the window keeps answering meanwhile. It reads a copy of the canvas and
//! never changes it.

use std::path::{Path, PathBuf};

use fitcanvas_model::Canvas;
use fitcanvas_model::format;
use fitcanvas_picture::export::{self, Format, Links, Options, Paper, Theme};

use crate::Command;

/// What the user chose in the export window; remembered for the next export.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportChoice {
    pub format: Format,
    pub width: u32,
    pub paper: Paper,
    pub theme: Theme,
    pub links: Links,
}

impl Default for ExportChoice {
    fn default() -> ExportChoice {
        let o = Options::default();
        ExportChoice {
            format: Format::Png,
            width: o.width,
            paper: o.paper,
            theme: o.theme,
            links: o.links,
        }
    }
}

impl ExportChoice {
    pub fn options(&self) -> Options {
        Options {
            width: self.width,
            paper: self.paper,
            theme: self.theme,
            links: self.links,
        }
    }
}

/// Writes `canvas` as `choice` says to `path` (its extension made to fit the format), replacing
/// the file atomically. Returns the path written, or the core's message.
pub fn export_to(canvas: &Canvas, choice: &ExportChoice, path: &Path) -> Result<PathBuf, String> {
    let path = choice.format.with_extension(path);
    let bytes =
        export::render(canvas, choice.format, &choice.options()).map_err(|e| e.to_string())?;
    format::write_atomically(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The export window's content. Returns `Some(true)` to go on, `Some(false)` to cancel.
pub fn ui(ui: &mut egui::Ui, choice: &mut ExportChoice, out: &mut Vec<Command>) -> Option<bool> {
    ui.heading("Export");
    ui.label(
        "Write the canvas as a picture, a PDF or a Markdown outline. The canvas is not changed.",
    );
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Format").strong());
    ui.horizontal(|ui| {
        for (format, _) in Format::ALL {
            if ui.radio(choice.format == format, format.name()).clicked() {
                choice.format = format;
            }
        }
    });
    // Every option is always there, greyed out where the format has no use for it, so the
    // window keeps its size and its buttons their place as the format changes.
    ui.add_enabled_ui(choice.format == Format::Png, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("PNG width (pixels)");
            ui.add(
                egui::DragValue::new(&mut choice.width)
                    .range(export::MIN_PNG_WIDTH..=export::MAX_PNG_WIDTH)
                    .speed(10.0),
            )
            .labelled_by(label.id);
        });
    });
    ui.add_enabled_ui(choice.format == Format::Pdf, |ui| {
        ui.horizontal(|ui| {
            ui.label("Paper (landscape)");
            for paper in Paper::ALL {
                if ui.radio(choice.paper == paper, paper.name()).clicked() {
                    choice.paper = paper;
                }
            }
        });
    });
    ui.add_enabled_ui(choice.format != Format::Markdown, |ui| {
        ui.horizontal(|ui| {
            ui.label("Colours");
            for (theme, name) in [
                (Theme::Light, "Light colours"),
                (Theme::Dark, "Dark colours"),
            ] {
                if ui.radio(choice.theme == theme, name).clicked() {
                    choice.theme = theme;
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("Links")
                .on_hover_text("How the picture shows what each value-map note addresses");
            for links in Links::ALL {
                if ui.radio(choice.links == links, links.name()).clicked() {
                    choice.links = links;
                }
            }
        });
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui
            .add(
                // As wide as the widest format's label, so Cancel does not move either.
                egui::Button::new(format!("Export {}…", choice.format.name()))
                    .min_size(egui::vec2(150.0, 0.0)),
            )
            .clicked()
        {
            out.push(Command::Export(*choice));
            return Some(true);
        }
        if ui.button("Cancel").clicked() {
            return Some(false);
        }
        None
    })
    .inner
}
