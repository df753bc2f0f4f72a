//! Modal windows: save changes?, type a path, export, messages, crash recovery, a file changed
//! on disk, keyboard shortcuts.

use std::path::PathBuf;

/// What Fitcanvas is, in Help → About.
const ABOUT: &str = "A native desktop app for the Value Proposition Canvas: build a customer \
     profile and value map, score their fit, save canvases as JSON.";
/// The canvas is Strategyzer's: credited in Help → About as in the README.
pub(crate) const CANVAS_CREDIT: &str = "The Value Proposition Canvas is by Strategyzer \
     (Alexander Osterwalder, Yves Pigneur, Greg Bernarda and Alan Smith, Value Proposition \
     Design, 2014):";
pub(crate) const CANVAS_PAGE: &str =
    "https://www.strategyzer.com/library/the-value-proposition-canvas";

/// The app's own licence texts, shown in Help → About.
const LICENSE_MIT: &str = include_str!("../../../../LICENSE-MIT");
const LICENSE_APACHE: &str = include_str!("../../../../LICENSE-APACHE");
use crate::{Command, Modal, PathPurpose, UnsavedAnswer};

/// What the modal layer gets while it draws: the modal, the names it shows, and where its
/// answers go.
pub struct DialogContext<'a> {
    pub modal: Option<&'a Modal>,
    pub document_name: String,
    pub recovery_summary: Option<String>,
    /// Whether a canvas is open (not the start screen), which a failure leaves as it was.
    pub canvas_open: bool,
    pub out: &'a mut Vec<Command>,
}

/// Draws the open modal. Its answers are commands, applied after the frame like every other:
/// a modal never changes the app while the frame is being drawn.
pub fn show(ctx: &egui::Context, cx: DialogContext<'_>) {
    let DialogContext {
        modal: current,
        document_name,
        recovery_summary,
        canvas_open,
        out,
    } = cx;
    let Some(modal) = current.cloned() else {
        return;
    };
    let id = egui::Id::unique("fitcanvas_modal");
    match modal {
        Modal::Unsaved(pending) => {
            let mut answer = None;
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("Save changes?");
                ui.label(format!(
                    "“{}” has changes that are not saved. Save them first?",
                    document_name
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(UnsavedAnswer::Save);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(UnsavedAnswer::DontSave);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(UnsavedAnswer::Cancel);
                    }
                });
            });
            if r.should_close() && answer.is_none() {
                answer = Some(UnsavedAnswer::Cancel);
            }
            if let Some(a) = answer {
                out.push(Command::AnswerUnsaved(pending, a));
            }
        }
        Modal::TypePath {
            purpose,
            mut text,
            why,
        } => {
            let mut done = None;
            let mut close = false;
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading(match purpose {
                    PathPurpose::Open => "Open a file by path",
                    PathPurpose::SaveAs => "Save to a path",
                    PathPurpose::Export(_) => "Export to a path",
                    PathPurpose::Compare => "Compare with an older version by path",
                });
                if !why.is_empty() {
                    ui.label(&why);
                }
                let label = ui.label("File path");
                let edit = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(420.0))
                    .labelled_by(label.id);
                if !edit.has_focus() && text.is_empty() {
                    edit.request_focus();
                }
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok = match purpose {
                        PathPurpose::Open => "Open",
                        PathPurpose::SaveAs => "Save",
                        PathPurpose::Export(_) => "Export",
                        PathPurpose::Compare => "Compare",
                    };
                    if (ui.button(ok).clicked() || enter) && !text.trim().is_empty() {
                        done = Some(PathBuf::from(text.trim()));
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
            if close || r.should_close() {
                out.push(Command::CancelModal);
            } else if let Some(path) = done {
                out.push(Command::CloseModal);
                out.push(match purpose {
                    PathPurpose::Open => Command::OpenPath(path),
                    PathPurpose::SaveAs => Command::SaveTo(path),
                    PathPurpose::Export(_) => Command::ExportTo(path),
                    PathPurpose::Compare => Command::CompareWith(path),
                });
            } else if current
                .is_some_and(|m| !matches!(m, Modal::TypePath { text: t, .. } if *t == text))
            {
                out.push(Command::EditTypedPath(text));
            }
        }
        Modal::Export(mut choice) => {
            let before = choice;
            let r = egui::Modal::new(id).show(ctx, |ui| {
                crate::files::export_menu::ui(ui, &mut choice, out)
            });
            if r.inner.is_some() || r.should_close() {
                out.push(Command::CloseModal);
            } else if choice != before {
                out.push(Command::EditExportChoice(choice));
            }
        }
        Modal::Message { title, text } => {
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading(&title);
                ui.label(&text);
                // Said only when there is one: at start, nothing was open.
                if canvas_open {
                    ui.label("The canvas that was open is unchanged.");
                }
                ui.button("OK").clicked()
            });
            if r.inner || r.should_close() {
                out.push(Command::CloseModal);
            }
        }
        Modal::Recover => {
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("Restore unsaved work?");
                ui.label("Fitcanvas did not close cleanly last time.");
                if let Some(summary) = &recovery_summary {
                    ui.label(summary);
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        return Some(true);
                    }
                    if ui.button("Discard").clicked() {
                        return Some(false);
                    }
                    None
                })
                .inner
            });
            if let Some(restore) = r.inner {
                out.push(Command::AnswerRecovery(restore));
            }
        }
        Modal::OutsideChange => {
            use crate::OutsideAnswer as A;
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "Another program changed “{document_name}” since you opened or last saved \
                     it, and you have unsaved changes here."
                ));
                ui.label(
                    "Merge keeps both: their new notes and your changes, with anything you \
                     both changed listed as a conflict to settle.",
                );
                ui.horizontal(|ui| {
                    let merge = ui.button("Merge");
                    if merge.clicked() {
                        return Some(Some(A::Merge));
                    }
                    if ui
                        .button("Reload from disk")
                        .on_hover_text("Take their version; Ctrl+Z brings yours back")
                        .clicked()
                    {
                        return Some(Some(A::Reload));
                    }
                    if ui.button("Keep mine (save as…)").clicked() {
                        return Some(Some(A::KeepMine));
                    }
                    if ui.button("Not now").clicked() {
                        return Some(None);
                    }
                    None
                })
                .inner
            });
            let answer = r.inner.or(r.should_close().then_some(None));
            if let Some(answer) = answer {
                out.push(Command::AnswerOutsideChange(answer));
            }
        }
        Modal::BrokenOnDisk(prompt) => {
            use crate::BrokenAnswer as A;
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading(&prompt.heading);
                for paragraph in &prompt.text {
                    ui.label(paragraph);
                }
                ui.horizontal_wrapped(|ui| {
                    if prompt.can_merge && ui.button("Merge the two versions").clicked() {
                        return Some(Some(A::MergeVersions));
                    }
                    if let Some(name) = &prompt.keep_as {
                        if ui
                            .button(format!("Keep it as {name}, then save"))
                            .on_hover_text("The file stays, under this name beside the canvas")
                            .clicked()
                        {
                            return Some(Some(A::KeepBesideAndSave));
                        }
                        if ui.button("Save as…").clicked() {
                            return Some(Some(A::SaveAs));
                        }
                    }
                    let off = if prompt.opening { "Cancel" } else { "Not now" };
                    if ui.button(off).clicked() {
                        return Some(None);
                    }
                    None
                })
                .inner
            });
            let answer = r.inner.or(r.should_close().then_some(None));
            if let Some(answer) = answer {
                out.push(Command::AnswerBrokenOnDisk(answer));
            }
        }
        Modal::About => {
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("Fitcanvas");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                // The product's words, not this crate's manifest description (which is for
                // the people who build it).
                ui.label(ABOUT);
                ui.horizontal_wrapped(|ui| {
                    ui.label(CANVAS_CREDIT);
                    ui.hyperlink_to("strategyzer.com", CANVAS_PAGE);
                });
                ui.label(
                    "Licensed under the MIT License or the Apache License 2.0, at your option.",
                );
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.5)
                    .show(ui, |ui| {
                        ui.collapsing("MIT License", |ui| {
                            ui.label(egui::RichText::new(LICENSE_MIT).monospace().small());
                        });
                        ui.collapsing("Apache License 2.0", |ui| {
                            ui.label(egui::RichText::new(LICENSE_APACHE).monospace().small());
                        });
                        ui.label(egui::RichText::new("Bundled fonts").strong());
                        for licence in fitcanvas_picture::fonts::LICENCES {
                            let title =
                                format!("{}: {}", licence.families.join(", "), licence.name);
                            ui.collapsing(title, |ui| {
                                ui.label(egui::RichText::new(licence.text).monospace().small());
                            });
                        }
                    });
                ui.button("Close").clicked()
            });
            if r.inner || r.should_close() {
                out.push(Command::CloseModal);
            }
        }
        Modal::Browse(browser) => crate::files::file_browser::show(ctx, &browser, out),
        Modal::ClearVotes => {
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("Clear all votes?");
                ui.label("Every dot vote comes off the canvas. Undo brings them back.");
                ui.horizontal(|ui| {
                    if ui.button("Clear votes").clicked() {
                        return Some(true);
                    }
                    if ui.button("Keep them").clicked() {
                        return Some(false);
                    }
                    None
                })
                .inner
            });
            match (r.inner, r.should_close()) {
                (Some(true), _) => out.push(Command::ClearVotes),
                (Some(false), _) | (None, true) => out.push(Command::CloseModal),
                (None, false) => {}
            }
        }
        Modal::Shortcuts => {
            let r = egui::Modal::new(id).show(ctx, |ui| {
                ui.heading("Keyboard shortcuts");
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.7)
                    .show(ui, |ui| {
                        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                            for row in crate::shell::actions::help_rows() {
                                let when = if row.presenting { " (presenting)" } else { "" };
                                ui.label(egui::RichText::new(row.keys() + when).monospace());
                                ui.label(row.what);
                                ui.end_row();
                            }
                        });
                    });
                ui.button("Close").clicked()
            });
            if r.inner || r.should_close() {
                out.push(Command::CloseModal);
            }
        }
    }
}
