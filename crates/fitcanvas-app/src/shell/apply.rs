//! Command handling in one place: [`App::apply`] carries out what the panels, the keys and the
//! modals asked for, in the order they asked. Every change to the canvas goes through
//! [`App::edit`], into the document's one path (the core's typed edits and the history).

use crate::*;
use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::edit::{Applied, Edit, Target};
use fitcanvas_model::history::MergeKey;

impl App {
    /// Carries out one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        use Command as C;
        match command {
            C::Edit { edit, key } => {
                self.edit(edit, key);
            }
            C::AddNote { section, text } => {
                let text = text.trim().to_owned();
                if !text.is_empty() {
                    let id = self.doc.canvas().next_id(section);
                    let index = self.doc.canvas().items(section).len();
                    let edit = Edit::AddNote {
                        section,
                        index,
                        id: id.clone(),
                        text,
                    };
                    if self.edit(edit, None) {
                        self.select(Some(id));
                    }
                }
            }
            C::Paste { section, lines } => {
                let lines: Vec<String> = lines
                    .iter()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect();
                let canvas = self.doc.canvas();
                let ids = canvas.next_ids(section, lines.len());
                let ids_count = ids.len();
                let start = canvas.items(section).len();
                let last = ids.last().cloned();
                let edits = ids
                    .into_iter()
                    .zip(lines)
                    .enumerate()
                    .map(|(i, (id, text))| Edit::AddNote {
                        section,
                        index: start + i,
                        id,
                        text,
                    })
                    .collect();
                let n = ids_count;
                if self.edit(Edit::Batch { edits }, None) {
                    self.status = match n {
                        1 => "Pasted 1 note".to_owned(),
                        n => format!("Pasted {n} notes"),
                    };
                    self.select(last);
                }
            }
            C::Copy => self.copy_selected(false),
            C::Cut => self.copy_selected(true),
            C::PasteText(text) => self.paste_text(text, None),
            C::PasteClipboard { into } => match self.services.clipboard.text() {
                Some(text) if !text.trim().is_empty() => self.paste_text(text, into),
                _ => self.status = "The clipboard holds no text to paste".to_owned(),
            },
            C::Duplicate => self.duplicate_selected(),
            C::Find(step) => self.find(step),
            C::ShowAbout => self.modal = Some(Modal::About),
            C::AskClearVotes => {
                if self.doc.canvas().all_items().any(|(_, i)| i.votes() > 0) {
                    self.modal = Some(Modal::ClearVotes);
                } else {
                    self.status = "No votes to clear".to_owned();
                }
            }
            C::ClearVotes => {
                self.modal = None;
                let edits: Vec<Edit> = self
                    .doc
                    .canvas()
                    .all_items()
                    .filter(|(_, i)| i.votes() > 0)
                    .map(|(_, i)| Edit::AddVotes {
                        id: i.id().clone(),
                        by: -i64::from(i.votes()),
                    })
                    .collect();
                let n = edits.len();
                if self.edit(Edit::Batch { edits }, None) {
                    self.status =
                        format!("Cleared the votes of {n} notes (Ctrl+Z brings them back)");
                }
            }
            C::Print => self.print(),
            C::Remove { id } => {
                let neighbour = self.neighbour_of(&id);
                if self.edit(Edit::RemoveNote { id: id.clone() }, None)
                    && self.view.selected.as_ref() == Some(&id)
                {
                    self.view.selected = neighbour;
                }
            }
            C::Shift { id, by } => {
                if let Some((_, from)) = self.doc.canvas().locate(&id) {
                    let to = from.saturating_add_signed(by);
                    self.edit(Edit::MoveNote { id, to }, None);
                }
            }
            C::AddEvidence { id, evidence } => {
                if let Some(item) = self.doc.canvas().item(&id) {
                    let index = item.evidence().len();
                    let edit = Edit::AddEvidence {
                        note: id,
                        index,
                        evidence,
                    };
                    self.edit(edit, None);
                }
            }
            C::AddInterview { date } => crate::side::interview_log::apply_add(self, date),
            C::RemoveInterview { id } => crate::side::interview_log::apply_remove(self, &id),
            C::NewTest { hypothesis, items } => {
                crate::side::test_cards::apply_new(self, hypothesis, &items)
            }
            C::FinishTest {
                id,
                learning,
                status,
            } => match self.doc.canvas().finish_test_edit(&id, learning, status) {
                Ok(edit) => {
                    self.edit(edit, None);
                }
                Err(e) => self.status = e.to_string(),
            },
            C::Undo => {
                self.commit_entry();
                let result = self.doc.undo();
                self.after_history_step(result);
            }
            C::Redo => {
                self.commit_entry();
                let result = self.doc.redo();
                self.after_history_step(result);
            }
            C::Run(action) => {
                for command in self.action_commands(action) {
                    self.apply(ctx, command);
                }
            }
            C::Select(id) => {
                self.doc.break_merging();
                self.select(id);
            }
            C::ToggleSelect(id) => self.toggle_selected(id),
            C::StartEntry(section) => {
                // A note being typed is kept before the next one starts.
                self.commit_entry();
                self.screen = Screen::Canvas;
                self.view.entry = Some(Entry {
                    section,
                    editing: None,
                    text: String::new(),
                    focus: true,
                });
            }
            C::EditNote(id) => {
                self.commit_entry();
                if let Some((section, item)) = self.doc.canvas().item_in_section(&id) {
                    let text = item.text().to_owned();
                    self.view.selected = Some(id.clone());
                    self.view.entry = Some(Entry {
                        section,
                        editing: Some(id),
                        text,
                        focus: true,
                    });
                }
            }
            C::EndEntry => self.commit_entry(),
            C::NextEntry => self.commit_and_start_next(),
            C::ShowTab(tab) => self.view.side.tab = tab,
            C::OpenInterview(id) => {
                self.doc.break_merging();
                self.view.side.tab = crate::side::tabs::SideTab::Interviews;
                self.view.side.interview = id;
            }
            C::OpenTest(id) => {
                self.doc.break_merging();
                self.view.side.tab = crate::side::tabs::SideTab::Tests;
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
            C::Save => {
                self.commit_entry();
                self.save();
            }
            C::SaveAs => {
                self.commit_entry();
                self.request_dialog(PathPurpose::SaveAs);
            }
            C::SaveTo(path) => {
                self.commit_entry();
                self.save_to(crate::files::open_save::with_canvas_extension(path));
            }
            C::ShowStart => self.guard(Pending::StartScreen),
            C::Close => {
                self.commit_entry();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            C::SetTheme(t) => {
                self.settings.theme = t;
                self.save_settings();
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
                self.save_settings();
            }
            C::Zoom(step) => {
                let canvas = self.view.canvas_rect.unwrap_or(ctx.content_rect());
                self.view.zoom.step(step, canvas);
            }
            C::Focus(section) => {
                self.view.zoom = crate::canvas::zoom::CanvasZoom {
                    focus: section,
                    ..Default::default()
                };
            }
            C::InterfaceZoom(step) => match step {
                ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                ZoomStep::Reset => ctx.set_zoom_factor(1.0),
            },
            C::ToggleLinks => {
                self.settings.show_links = !self.settings.show_links;
                self.save_settings();
            }
            C::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            C::ClearRecent => {
                self.settings.recent.clear();
                self.save_settings();
            }
            C::CloseModal => self.modal = None,
            C::CancelModal => {
                self.cancel_pending();
                self.modal = None;
            }
            C::AnswerUnsaved(pending, answer) => self.answer_unsaved(pending, answer),
            C::AnswerRecovery(restore) => {
                if restore {
                    self.restore_recovery();
                } else {
                    self.discard_recovery();
                }
            }
            C::AnswerOutsideChange(answer) => self.answer_outside_change(answer),
            C::AnswerBrokenOnDisk(answer) => self.answer_broken(answer),
            C::EditBrowser(browser) => {
                if let Some(Modal::Browse(current)) = self.modal.as_mut() {
                    *current = browser;
                }
            }
            C::EditTypedPath(typed) => {
                if let Some(Modal::TypePath { text, .. }) = self.modal.as_mut() {
                    *text = typed;
                }
            }
            C::EditExportChoice(choice) => {
                if let Some(Modal::Export(c)) = self.modal.as_mut() {
                    *c = choice;
                }
            }
            C::ShowExport => {
                if self.screen == Screen::Canvas {
                    self.modal = Some(Modal::Export(self.export_choice));
                }
            }
            C::Export(choice) => {
                self.modal = None;
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
            C::Workshop(action) => crate::workshop::presentation::apply(self, ctx, action),
            C::Room(command) => crate::workshop::room_panel::apply(self, command),
            C::Live(command) => crate::live::session::apply(self, command),
        }
    }

    /// Applies one edit of the user's through the document. Returns whether the canvas
    /// changed; a refused edit's reason goes to the status line.
    pub(crate) fn edit(&mut self, edit: Edit, key: Option<MergeKey>) -> bool {
        let had_conflicts = !self.doc.canvas().conflicts().is_empty();
        // While live: new evidence gets an id from this desktop's range, and the edit is sent.
        let edit = self.live.prepare(edit, self.doc.canvas());
        let sent = self.live.is_on().then(|| edit.clone());
        match self.doc.apply(edit, key) {
            Ok(applied) => {
                if let Some(edit) = &sent {
                    self.live.local(edit, &applied, self.doc.canvas());
                }
                self.follow(&applied);
                if had_conflicts && self.doc.canvas().conflicts().is_empty() {
                    self.status =
                        "All conflicts settled: saving writes the file without them".to_owned();
                }
                applied.changed()
            }
            Err(e) => {
                self.status = e.to_string();
                false
            }
        }
    }

    pub(crate) fn select(&mut self, id: Option<ItemId>) {
        self.view.selected = id;
        self.view.also_selected.clear();
        self.view.scroll_to_selected = true;
    }

    /// Adds a note to the selection or takes it out; the note selected first stays the one the
    /// inspector shows while it is in.
    fn toggle_selected(&mut self, id: ItemId) {
        let view = &mut self.view;
        if let Some(at) = view.also_selected.iter().position(|x| *x == id) {
            view.also_selected.remove(at);
        } else if view.selected.as_ref() == Some(&id) {
            view.selected = (!view.also_selected.is_empty()).then(|| view.also_selected.remove(0));
        } else if view.selected.is_none() {
            view.selected = Some(id);
        } else {
            view.also_selected.push(id);
        }
    }

    /// Every selected note still on the canvas: the selected one first, then the others.
    pub fn selection(&self) -> Vec<ItemId> {
        let canvas = self.doc.canvas();
        self.view
            .selected
            .iter()
            .chain(&self.view.also_selected)
            .filter(|id| canvas.item(id).is_some())
            .cloned()
            .collect()
    }

    /// Keeps the view on things that still exist after an edit, an undo or a redo.
    pub(crate) fn follow(&mut self, applied: &Applied) {
        let canvas = self.doc.canvas();
        for target in &applied.touched {
            match target {
                Target::Note(id) if canvas.item(id).is_none() => {
                    if self.view.selected.as_ref() == Some(id) {
                        self.view.selected = None;
                    }
                    if self.view.entry.as_ref().and_then(|e| e.editing.as_ref()) == Some(id) {
                        self.view.entry = None;
                    }
                    if self.view.side.editing_evidence.as_ref().map(|e| &e.0) == Some(id) {
                        self.view.side.editing_evidence = None;
                    }
                }
                Target::Note(id) => {
                    // The entry open in the evidence editor may have gone with an undo.
                    if let Some((note, entry)) = &self.view.side.editing_evidence
                        && note == id
                        && !canvas
                            .item(id)
                            .is_some_and(|i| i.evidence().iter().any(|e| e.id() == *entry))
                    {
                        self.view.side.editing_evidence = None;
                    }
                }
                Target::Interview(id)
                    if canvas.interview(id).is_none()
                        && self.view.side.interview.as_ref() == Some(id) =>
                {
                    self.view.side.interview = None;
                }
                Target::Test(id)
                    if canvas.test(id).is_none() && self.view.side.test.as_ref() == Some(id) =>
                {
                    self.view.side.test = None;
                }
                _ => {}
            }
        }
    }

    /// After an undo or a redo, the notes it changed that are still there are the selection,
    /// scrolled into view, so one sees what came back; a step that only took notes away
    /// leaves the selection as it is.
    fn select_touched(&mut self, applied: &Applied) {
        let canvas = self.doc.canvas();
        let mut notes = applied.touched.iter().filter_map(|target| match target {
            Target::Note(id) if canvas.item(id).is_some() => Some(id.clone()),
            _ => None,
        });
        let Some(first) = notes.next() else { return };
        let mut rest: Vec<ItemId> = Vec::new();
        for id in notes {
            // A step may touch one note more than once (a batch), not always in a row.
            if id != first && !rest.contains(&id) {
                rest.push(id);
            }
        }
        self.view.selected = Some(first);
        self.view.also_selected = rest;
        self.view.scroll_to_selected = true;
    }

    fn after_history_step(&mut self, result: Result<Option<Applied>, fitcanvas_model::EditError>) {
        match result {
            Ok(Some(applied)) => {
                self.live.local_all(self.doc.canvas());
                self.follow(&applied);
                self.select_touched(&applied);
                self.status.clear();
            }
            Ok(None) => {}
            // Someone else's edit took away what the step changed: it is dropped.
            Err(e) => self.status = format!("Could not undo that step: {e}"),
        }
    }

    /// Keeps what is being typed in place: a new note is added (an empty one is dropped), an
    /// edited note takes the new text. The entry ends.
    pub(crate) fn commit_entry(&mut self) {
        if let Some(entry) = self.view.entry.take() {
            self.commit(entry);
            self.release_keyboard();
        }
    }

    /// The field typed in is gone: the keys go back to the canvas at once, not a frame later.
    fn release_keyboard(&self) {
        self.services.ctx.memory_mut(|m| {
            if let Some(focused) = m.focused() {
                m.surrender_focus(focused);
            }
        });
    }

    /// Enter: keeps the note typed and, when adding, starts the next one in the same area.
    fn commit_and_start_next(&mut self) {
        let Some(entry) = self.view.entry.take() else {
            return;
        };
        let (section, adding) = (entry.section, entry.editing.is_none());
        let kept = self.commit(entry);
        if adding && kept {
            self.view.entry = Some(Entry {
                section,
                editing: None,
                text: String::new(),
                focus: true,
            });
        } else {
            // No next note: Ctrl+Z right after Enter undoes, rather than reaching a field
            // that is gone.
            self.release_keyboard();
        }
    }

    /// Returns whether there was text to keep.
    fn commit(&mut self, entry: Entry) -> bool {
        // A note is one paragraph: line breaks pasted into it become spaces.
        let text = entry.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return false;
        }
        match entry.editing {
            None => self.apply(
                &self.services.ctx.clone(),
                Command::AddNote {
                    section: entry.section,
                    text,
                },
            ),
            Some(id) => {
                self.edit(Edit::SetText { id, text }, None);
            }
        }
        true
    }

    /// The note to select after `id` is deleted: the next in its area, else the previous.
    pub(crate) fn neighbour_of(&self, id: &str) -> Option<ItemId> {
        let (section, index) = self.doc.canvas().locate(id)?;
        let items = self.doc.canvas().items(section);
        items
            .get(index + 1)
            .or_else(|| index.checked_sub(1).and_then(|i| items.get(i)))
            .map(|i| i.id().clone())
    }

    pub(crate) fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.services.config_dir) {
            self.status = format!("Could not keep the settings: {e}");
        }
    }
}
