//! Command handling in one place: [`App::apply`] carries out what the panels asked for, and
//! is the only place the canvas changes (through the model's operations and the undo history).

use super::*;

impl App {
    /// Carries out one command. The only place the canvas changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        use Command as C;
        match command {
            C::AddNote { section, text } => {
                let text = text.trim().to_owned();
                if !text.is_empty()
                    && let Ok(id) = self.doc.edit(None, |c| Ok(c.add_item(section, text)))
                {
                    self.view.selected = Some(id.as_str().to_owned());
                    self.view.scroll_to_selected = true;
                    self.edits += 1;
                }
            }
            C::Paste { section, lines } => {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect();
                if let Ok(Some(last)) = self.doc.edit(None, |c| {
                    Ok(lines.iter().map(|l| c.add_item(section, l.clone())).last())
                }) {
                    self.view.selected = Some(last.as_str().to_owned());
                    self.edits += 1;
                }
            }
            C::SetText { id, text } => self.edit(Some(&id.clone()), |c| c.set_text(&id, text)),
            C::SetWeight { id, weight } => self.edit(None, |c| c.set_weight(&id, weight)),
            C::SetKind { id, kind } => self.edit(None, |c| c.set_kind(&id, kind)),
            C::SetStatus { id, status } => self.edit(None, |c| c.set_status(&id, status)),
            C::Remove { id } => {
                let neighbour = self.neighbour_of(&id);
                if self.doc.edit(None, |c| c.remove_item(&id)).is_ok() {
                    self.edits += 1;
                    if self.view.selected.as_deref() == Some(id.as_str()) {
                        self.view.selected = neighbour;
                    }
                    if self.view.entry.as_ref().and_then(|e| e.editing.as_deref()) == Some(&id) {
                        self.view.entry = None;
                    }
                }
            }
            C::Move { id, to } => self.edit(None, |c| c.move_item(&id, to)),
            C::Shift { id, by } => self.edit(None, |c| c.shift_item(&id, by).map(|_| ())),
            C::Link { from, to } => self.edit(None, |c| c.link(&from, &to)),
            C::Unlink { from, to } => self.edit(None, |c| c.unlink(&from, &to).map(|_| ())),
            C::SetTitle(t) => self.edit(Some("title"), |c| {
                c.set_title(t);
                Ok(())
            }),
            C::SetCustomer(t) => self.edit(Some("customer"), |c| {
                c.set_customer(t);
                Ok(())
            }),
            C::AddEvidence { id, evidence } => {
                self.edit(None, |c| c.add_evidence(&id, evidence).map(|_| ()))
            }
            C::SetEvidence {
                id,
                index,
                evidence,
                field,
            } => {
                let key = field.map(|f| format!("evidence:{id}:{index}:{f}"));
                self.edit(key.as_deref(), |c| c.set_evidence(&id, index, evidence))
            }
            C::RemoveEvidence { id, index } => {
                self.edit(None, |c| c.remove_evidence(&id, index).map(|_| ()))
            }
            C::AddInterview { date } => interview_log::apply_add(self, date),
            C::SetInterview { interview, field } => {
                let key = field.map(|f| format!("interview:{}:{f}", interview.id().as_str()));
                self.edit(key.as_deref(), |c| interview_log::set_fields(c, &interview))
            }
            C::RemoveInterview { id } => interview_log::apply_remove(self, &id),
            C::NewTest { hypothesis, items } => test_cards::apply_new(self, hypothesis, &items),
            C::SetTest { card, field } => {
                let key = field.map(|f| format!("test:{}:{f}", card.id().as_str()));
                self.edit(key.as_deref(), |c| test_cards::set_fields(c, &card))
            }
            C::SetTestItems { id, items } => self.edit(None, |c| {
                c.set_test_items(&id, &items.iter().map(String::as_str).collect::<Vec<_>>())
            }),
            C::FinishTest {
                id,
                learning,
                status,
            } => self.edit(None, |c| c.finish_test(&id, learning, status)),
            C::RemoveTest { id } => self.edit(None, |c| c.remove_test(&id).map(|_| ())),
            C::Undo => {
                if self.doc.undo() {
                    self.edits += 1;
                    self.after_history_step();
                }
            }
            C::Redo => {
                if self.doc.redo() {
                    self.edits += 1;
                    self.after_history_step();
                }
            }
            C::Select(id) => {
                self.doc.break_coalescing();
                self.view.selected = id;
                self.view.scroll_to_selected = true;
            }
            C::StartEntry(section) => {
                self.screen = Screen::Canvas;
                self.view.entry = Some(Entry {
                    section,
                    editing: None,
                    text: String::new(),
                    focus: true,
                });
            }
            C::EditNote(id) => {
                if let Some((section, _)) = self.doc.canvas().locate(&id) {
                    let text = self.doc.canvas().item(&id).map(|i| i.text().to_owned());
                    self.view.selected = Some(id.clone());
                    self.view.entry = Some(Entry {
                        section,
                        editing: Some(id),
                        text: text.unwrap_or_default(),
                        focus: true,
                    });
                }
            }
            C::EndEntry => self.view.entry = None,
            C::ShowTab(tab) => self.view.side.tab = tab,
            C::OpenInterview(id) => {
                self.doc.break_coalescing();
                self.view.side.tab = side_tabs::SideTab::Interviews;
                self.view.side.interview = id;
            }
            C::OpenTest(id) => {
                self.doc.break_coalescing();
                self.view.side.tab = side_tabs::SideTab::Tests;
                self.view.side.test = id;
            }
            C::New => self.guard(Pending::New),
            C::Open => self.guard(Pending::OpenDialog),
            C::OpenPath(p) => self.guard(Pending::OpenPath(p)),
            C::OpenExample(i) => self.guard(Pending::OpenExample(i)),
            C::TypePath(purpose) => {
                self.modal = Some(Modal::TypePath {
                    purpose,
                    text: self
                        .doc
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    why: String::new(),
                })
            }
            C::Save => self.save(),
            C::SaveAs => self.request_dialog(PathPurpose::SaveAs),
            C::SaveTo(path) => {
                self.save_to(path);
            }
            C::ShowStart => self.guard(Pending::StartScreen),
            C::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            C::SetTheme(t) => {
                self.settings.theme = t;
                let _ = self.settings.save(&self.config_dir);
            }
            C::CycleFocus => match ctx.memory(|m| m.focused()) {
                // Back to the canvas, whose keys apply whenever no widget has the keyboard.
                Some(id) => ctx.memory_mut(|m| m.surrender_focus(id)),
                None if self.screen == Screen::Canvas => {
                    self.settings.show_side_panel = true;
                    self.view.focus_side_panel = true;
                }
                None => {}
            },
            C::ToggleSidePanel => {
                self.settings.show_side_panel = !self.settings.show_side_panel;
                let _ = self.settings.save(&self.config_dir);
            }
            C::Zoom(step) => match step {
                ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                ZoomStep::Reset => ctx.set_zoom_factor(1.0),
            },
            C::ToggleLinks => {
                self.settings.show_links = !self.settings.show_links;
                let _ = self.settings.save(&self.config_dir);
            }
            C::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            C::ClearRecent => {
                self.settings.recent.clear();
                let _ = self.settings.save(&self.config_dir);
            }
            C::ShowExport => {
                if self.screen == Screen::Canvas {
                    self.modal = Some(Modal::Export(self.export_choice));
                }
            }
            C::Export(choice) => {
                self.export_choice = choice;
                self.request_dialog(PathPurpose::Export(choice.format));
            }
            C::ExportTo(path) => self.export_to(&path),
            C::Compare => {
                if self.screen == Screen::Canvas {
                    self.request_dialog(PathPurpose::Compare);
                }
            }
            C::CompareWith(path) => self.compare_with(path),
            C::CloseComparison => {
                self.comparison = None;
                self.status = String::new();
            }
            // Workshop mode.
            C::SetVotes { id, votes } => self.edit(None, |c| c.set_votes(&id, votes)),
            C::Workshop(action) => presentation::apply(self, ctx, action),
        }
        if self.commands_close {
            self.commands_close = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn edit(
        &mut self,
        key: Option<&str>,
        f: impl FnOnce(&mut crate::Canvas) -> Result<(), crate::EditError>,
    ) {
        let before = self.doc.canvas().clone();
        match self.doc.edit(key, f) {
            Ok(()) if *self.doc.canvas() != before => self.edits += 1,
            Ok(()) => {}
            Err(e) => self.status = e.to_string(),
        }
    }

    /// An undo or redo may add or remove evidence entries before the one open for editing, and
    /// the editor knows its entry by position: close it rather than let it slide onto another.
    pub(super) fn after_history_step(&mut self) {
        self.view.side.editing_evidence = None;
    }

    /// The note to select after `id` is deleted: the next in its area, else the previous.
    pub(super) fn neighbour_of(&self, id: &str) -> Option<String> {
        let (section, index) = self.doc.canvas().locate(id)?;
        let items = self.doc.canvas().items(section);
        items
            .get(index + 1)
            .or_else(|| index.checked_sub(1).and_then(|i| items.get(i)))
            .map(|i| i.id().as_str().to_owned())
    }
}
