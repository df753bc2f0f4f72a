//! Key handling from the one table of actions ([`crate::shell::actions`]): each frame, the keys
//! that apply in the situation become the actions' commands, in one place. Moving the
//! selection (Tab, the arrows) is worked out here from the notes as they were drawn.

use egui::{KeyboardShortcut, Modifiers};

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::edit::Edit;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::Step;

use crate::shell::actions::{Action, Situation};
use crate::workshop::presentation::Action as Workshop;
use crate::{App, Command, PathPurpose, Screen, ZoomStep};

impl App {
    /// What decides which actions apply now.
    pub fn situation(&self) -> Situation {
        let canvas = self.doc.canvas();
        let selected = self.selected_note();
        Situation {
            on_canvas: self.screen == Screen::Canvas,
            presenting: self.presentation.active && self.screen == Screen::Canvas,
            audience: self.presentation.audience,
            typing: self.is_typing(),
            selection: selected.is_some(),
            customer_selection: selected
                .and_then(|id| canvas.section_of(id))
                .is_some_and(Section::is_customer),
            can_undo: self.doc.can_undo(),
            can_redo: self.doc.can_redo(),
        }
    }

    /// The selected note, if it is still on the canvas, and, while presenting, in an area that
    /// is lit: keys never act on a note the room sees faded.
    pub fn selected_note(&self) -> Option<&ItemId> {
        let canvas = self.doc.canvas();
        self.view.selected.as_ref().filter(|id| {
            canvas
                .section_of(id)
                .is_some_and(|section| self.lit(section))
        })
    }

    /// Is `section` in full view: always in the editor, while presenting unless a spotlight
    /// on another area fades it.
    pub fn lit(&self, section: Section) -> bool {
        let presenting = self.presentation.active && self.screen == Screen::Canvas;
        !(presenting && self.presentation.walkthrough.dims(section))
    }

    /// The commands an action stands for, now.
    pub fn action_commands(&self, action: Action) -> Vec<Command> {
        use Action as A;
        let selected = self.selected_note().cloned();
        let canvas = self.doc.canvas();
        let presenting = self.situation().presenting;
        let one = |c: Command| vec![c];
        match action {
            A::New => one(Command::New),
            A::Open => one(Command::Open),
            A::OpenByPath => one(Command::TypePath(PathPurpose::Open)),
            A::Save => one(Command::Save),
            A::SaveAs => one(Command::SaveAs),
            A::SaveToPath => one(Command::TypePath(PathPurpose::SaveAs)),
            A::Export => one(Command::ShowExport),
            A::Compare => one(Command::Compare),
            A::StartScreen => one(Command::ShowStart),
            A::Quit => one(Command::Close),
            A::Undo => one(Command::Undo),
            A::Redo => one(Command::Redo),
            A::Copy => one(Command::Copy),
            A::Cut => one(Command::Cut),
            A::Paste => one(Command::PasteClipboard { into: None }),
            A::Duplicate => one(Command::Duplicate),
            A::Find => one(Command::Find(crate::FindCommand::Open)),
            A::FindNext => one(Command::Find(crate::FindCommand::Next)),
            A::FindPrevious => one(Command::Find(crate::FindCommand::Previous)),
            A::NextKind => selected
                .and_then(|id| {
                    let item = canvas.item(&id)?;
                    let kinds = canvas.section_of(&id)?.kinds();
                    let at = item
                        .kind()
                        .and_then(|k| kinds.iter().position(|x| *x == k))
                        .map_or(0, |i| (i + 1) % kinds.len().max(1));
                    let kind = *kinds.get(at)?;
                    Some(Command::edit(Edit::SetKind { id, kind }))
                })
                .into_iter()
                .collect(),
            A::NextStatus => selected
                .and_then(|id| {
                    let now = canvas.item(&id)?.status();
                    let all = fitcanvas_model::evidence::Status::ALL;
                    let at = all.iter().position(|s| *s == now).unwrap_or(0);
                    let status = all[(at + 1) % all.len()];
                    Some(Command::edit(Edit::SetStatus { id, status }))
                })
                .into_iter()
                .collect(),
            A::NewNote(section) => one(Command::StartEntry(section)),
            A::NewNoteHere => selected
                .and_then(|id| canvas.section_of(&id))
                .map(Command::StartEntry)
                .into_iter()
                .collect(),
            A::EditNote => selected.map(Command::EditNote).into_iter().collect(),
            A::DeleteNote => match self.selection().as_slice() {
                [] => Vec::new(),
                [one] => one_note_removed(one),
                several => vec![Command::edit(Edit::Batch {
                    edits: several
                        .iter()
                        .map(|id| Edit::RemoveNote { id: id.clone() })
                        .collect(),
                })],
            },
            // Presenting, Esc first lets go of a selected note, then leaves.
            A::Escape if presenting && selected.is_some() => one(Command::Select(None)),
            A::Escape if presenting => one(Command::Workshop(Workshop::Leave)),
            A::Escape if self.view.find.is_some() => one(Command::Find(crate::FindCommand::Close)),
            A::Escape if selected.is_some() => one(Command::Select(None)),
            A::Escape if self.comparison.is_some() => one(Command::CloseComparison),
            // A focused area or a zoomed canvas goes back to the whole canvas.
            A::Escape if self.view.zoom != crate::canvas::zoom::CanvasZoom::default() => {
                one(Command::Zoom(ZoomStep::Reset))
            }
            A::Escape => Vec::new(),
            A::NextNote
            | A::PreviousNote
            | A::SelectLeft
            | A::SelectRight
            | A::SelectUp
            | A::SelectDown => self.selection_move(action).into_iter().collect(),
            A::MoveEarlier | A::MoveLater => selected
                .map(|id| Command::Shift {
                    id,
                    by: if action == A::MoveEarlier { -1 } else { 1 },
                })
                .into_iter()
                .collect(),
            A::Weight(weight) => selected
                .map(|id| Command::edit(Edit::SetWeight { id, weight }))
                .into_iter()
                .collect(),
            A::ToggleSidePanel => one(Command::ToggleSidePanel),
            A::FocusSidePanel => one(Command::CycleFocus),
            A::ZoomIn => one(Command::Zoom(ZoomStep::In)),
            A::ZoomOut => one(Command::Zoom(ZoomStep::Out)),
            A::ZoomReset => one(Command::Zoom(ZoomStep::Reset)),
            A::FocusArea => selected
                .and_then(|id| self.doc.canvas().section_of(id.as_str()))
                .map(|section| Command::Focus(Some(section)))
                .into_iter()
                .collect(),
            A::InterfaceBigger => one(Command::InterfaceZoom(ZoomStep::In)),
            A::InterfaceSmaller => one(Command::InterfaceZoom(ZoomStep::Out)),
            A::InterfaceReset => one(Command::InterfaceZoom(ZoomStep::Reset)),
            A::Present => one(Command::Workshop(Workshop::Toggle)),
            A::Shortcuts => one(Command::ShowShortcuts),
            A::ClearVotes => one(Command::AskClearVotes),
            A::About => one(Command::ShowAbout),
            A::Print => one(Command::Print),
            A::Spotlight(n) => one(Command::Workshop(Workshop::Spotlight(
                Step::for_number_key(n),
            ))),
            A::StepForward => one(Command::Workshop(Workshop::Forward)),
            A::StepBack => one(Command::Workshop(Workshop::Back)),
            A::RevealFit => one(Command::Workshop(Workshop::ToggleReveal)),
            A::PresentNewNote => {
                // A new note where the room is looking: the spotlit area, else the selected
                // note's, else customer jobs.
                let section = match self.presentation.walkthrough.current {
                    Some(Step::Area(section)) => Some(section),
                    _ => selected.and_then(|id| canvas.section_of(&id)),
                };
                one(Command::StartEntry(section.unwrap_or(Section::Jobs)))
            }
            A::Vote => selected
                .map(|id| Command::vote(&id, 1))
                .into_iter()
                .collect(),
            A::Unvote => selected
                .map(|id| Command::vote(&id, -1))
                .into_iter()
                .collect(),
            A::TopVoted => one(Command::Workshop(Workshop::ToggleTopVoted)),
            A::TimerStartPause => one(Command::Workshop(Workshop::StartPause)),
            A::TimerReset => one(Command::Workshop(Workshop::ResetTimer)),
            A::DarkProjector => one(Command::Workshop(Workshop::ToggleDark)),
            A::Room => one(Command::Room(crate::RoomCommand::Toggle)),
            A::ShareLive => one(Command::Live(crate::LiveCommand::ShowShare)),
            A::JoinLive => one(Command::Live(crate::LiveCommand::ShowJoin)),
        }
    }

    /// Tab, Shift+Tab and the arrows: the note to select next.
    fn selection_move(&self, action: Action) -> Option<Command> {
        let canvas = self.doc.canvas();
        // In a spotlight, Tab and the arrows stay within the lit area.
        let order: Vec<(Section, usize)> = Section::ALL
            .into_iter()
            .filter(|s| self.lit(*s))
            .flat_map(|s| (0..canvas.items(s).len()).map(move |i| (s, i)))
            .collect();
        let id_at = |(s, i): (Section, usize)| canvas.items(s).get(i).map(|it| it.id().clone());
        let located = self.selected_note().and_then(|id| canvas.locate(id));
        let Some((section, index)) = located else {
            // Nothing selected: Tab and the arrows start at the first note, Shift+Tab the last.
            let start = match action {
                Action::PreviousNote => order.last(),
                Action::NextNote | Action::SelectRight | Action::SelectDown => order.first(),
                _ => None,
            };
            return start.map(|&at| Command::Select(id_at(at)));
        };
        let step = |by: isize| {
            let len = order.len() as isize;
            let here = order.iter().position(|o| *o == (section, index))? as isize;
            order
                .get((here + by).rem_euclid(len.max(1)) as usize)
                .copied()
        };
        let len = canvas.items(section).len();
        let cols = self.view.columns[section.index()].max(1);
        let within = |by: isize| {
            let vertical =
                by.unsigned_abs() > 1 || matches!(action, Action::SelectUp | Action::SelectDown);
            let to = vertical
                .then(|| note_above_or_below(canvas, section, index, &self.view.note_rects, by > 0))
                .flatten()
                .unwrap_or_else(|| index.saturating_add_signed(by).min(len.saturating_sub(1)));
            Some((section, to))
        };
        let target = match action {
            Action::NextNote => step(1),
            Action::PreviousNote => step(-1),
            Action::SelectLeft => within(-1),
            Action::SelectRight => within(1),
            Action::SelectUp => within(-(cols as isize)),
            Action::SelectDown => within(cols as isize),
            _ => None,
        }?;
        Some(Command::Select(id_at(target)))
    }
}

/// Turns this frame's keys into commands, as the action table says.
pub fn dispatch(ctx: &egui::Context, app: &App, out: &mut Vec<Command>) {
    if app.modal.is_some() {
        return;
    }
    let situation = app.situation();
    let mut keys: Vec<(Action, KeyboardShortcut)> = Action::all()
        .into_iter()
        .flat_map(|a| a.shortcuts().into_iter().map(move |k| (a, k)))
        .filter(|(a, k)| a.key_applies(k, &situation))
        .collect();
    // The most specific first: Shift+V before V, Alt+Up before Up, Ctrl+Shift+Z before Ctrl+Z.
    keys.sort_by_key(|(_, k)| std::cmp::Reverse(modifier_count(k.modifiers)));
    let mut moved_selection = false;
    ctx.input_mut(|i| {
        for (action, shortcut) in &keys {
            // Each press counts: ten V presses in one frame are ten votes.
            while consume_press(i, shortcut) {
                moved_selection |= matches!(
                    action,
                    Action::NextNote
                        | Action::PreviousNote
                        | Action::SelectLeft
                        | Action::SelectRight
                        | Action::SelectUp
                        | Action::SelectDown
                );
                out.extend(app.action_commands(*action));
            }
        }
    });
    if situation.on_canvas && !situation.typing {
        clipboard_events(ctx, &situation, out);
    }
    if moved_selection {
        // Tab and the arrows move the note selection here, not egui's focus between buttons.
        ctx.memory_mut(|m| {
            if let Some(f) = m.focused() {
                m.surrender_focus(f);
            }
            m.move_focus(egui::FocusDirection::None);
        });
    }
}

/// Takes one press of `shortcut` out of the frame's events. Like egui's `consume_shortcut`, but
/// Alt must match: egui lets a key without Alt match a press with it, and the table has
/// actions on both (Alt+Right moves the selected note, Right steps a presentation), so with
/// the first not applying, Alt+Right would step.
fn consume_press(i: &mut egui::InputState, shortcut: &KeyboardShortcut) -> bool {
    let found = i.events.iter().position(|event| {
        matches!(
            event,
            egui::Event::Key { key, modifiers, pressed: true, .. }
                if *key == shortcut.logical_key
                    && modifiers.matches_logically(shortcut.modifiers)
                    && modifiers.alt == shortcut.modifiers.alt
        )
    });
    found.map(|at| i.events.remove(at)).is_some()
}

fn modifier_count(m: Modifiers) -> usize {
    usize::from(m.alt) + usize::from(m.shift) + usize::from(m.command || m.ctrl)
}

/// Copy, cut and paste with no text field open. The window hands Ctrl+C, Ctrl+X and Ctrl+V
/// over as these events, never as keys, so the table's keys for them are only their names.
fn clipboard_events(ctx: &egui::Context, situation: &Situation, out: &mut Vec<Command>) {
    ctx.input_mut(|i| {
        i.events.retain(|e| {
            let command = match e {
                egui::Event::Copy if Action::Copy.enabled(situation) => Command::Copy,
                egui::Event::Cut if Action::Cut.enabled(situation) => Command::Cut,
                egui::Event::Paste(text) if !text.trim().is_empty() => {
                    Command::PasteText(text.clone())
                }
                _ => return true,
            };
            out.push(command);
            false
        });
    });
}

/// The note straight above (or below) note `index` of `section` as drawn in the last frame: the
/// nearest one that way in the same column (overlapping it side to side), else the nearest row
/// that way and the nearest note in it. In the circle columns hold notes of different heights
/// and rows different numbers of notes, so "one row of columns on" would land on the wrong
/// note. `None` when not every note of the area is on screen (a scrolled area is a plain grid,
/// where the caller's column arithmetic is right) or there is no note that way.
fn note_above_or_below(
    canvas: &fitcanvas_model::Canvas,
    section: Section,
    index: usize,
    rects: &std::collections::HashMap<ItemId, egui::Rect>,
    down: bool,
) -> Option<usize> {
    let drawn: Vec<egui::Rect> = canvas
        .items(section)
        .iter()
        .map(|item| rects.get(item.id().as_str()).copied())
        .collect::<Option<_>>()?;
    let here = *drawn.get(index)?;
    let dy = |r: &egui::Rect| {
        if down {
            r.center().y - here.center().y
        } else {
            here.center().y - r.center().y
        }
    };
    let that_way = || drawn.iter().enumerate().filter(|(_, r)| dy(r) > 1.0);
    let same_column = that_way()
        .filter(|(_, r)| r.left() < here.right() - 1.0 && here.left() < r.right() - 1.0)
        .min_by(|(_, a), (_, b)| dy(a).total_cmp(&dy(b)));
    if let Some((i, _)) = same_column {
        return Some(i);
    }
    let row = that_way().map(|(_, r)| dy(r)).min_by(f32::total_cmp)?;
    that_way()
        .filter(|(_, r)| (dy(r) - row).abs() <= 1.0)
        .min_by(|(_, a), (_, b)| {
            let off = |r: &egui::Rect| (r.center().x - here.center().x).abs();
            off(a).total_cmp(&off(b))
        })
        .map(|(i, _)| i)
}

fn one_note_removed(id: &ItemId) -> Vec<Command> {
    vec![Command::Remove { id: id.clone() }]
}
