//! Keyboard shortcuts: the global ones (files, undo) and the canvas ones (move the selection,
//! edit, delete, reorder, add notes), which apply only while no text field has the keyboard.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::section::Section;

use super::{App, Command, Screen};

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

pub const NEW: KeyboardShortcut = cmd(Key::N);
pub const OPEN: KeyboardShortcut = cmd(Key::O);
pub const SAVE: KeyboardShortcut = cmd(Key::S);
pub const SAVE_AS: KeyboardShortcut = cmd_shift(Key::S);
pub const UNDO: KeyboardShortcut = cmd(Key::Z);
pub const REDO: KeyboardShortcut = cmd_shift(Key::Z);
pub const REDO_Y: KeyboardShortcut = cmd(Key::Y);
pub const SIDE_PANEL: KeyboardShortcut = cmd(Key::B);

/// The keys 1 to 6, in order: with Ctrl they start a note in an area (in `Section::ALL` order),
/// alone while presenting they spotlight one.
pub const DIGITS: [Key; 6] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
];

/// The list under Help → Keyboard shortcuts.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+N / Ctrl+O", "New canvas / open a file"),
    ("Ctrl+S / Ctrl+Shift+S", "Save / save as"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    (
        "Ctrl+1 … Ctrl+6",
        "New note in jobs, pains, gains, products, pain relievers, gain creators",
    ),
    ("Insert or +", "New note in the selected note's area"),
    (
        "Enter",
        "Commit the note and start the next one / edit the selected note",
    ),
    (
        "Esc",
        "Stop typing / clear the selection / end a comparison",
    ),
    ("Ctrl+V while typing", "Several lines become one note each"),
    ("Tab / Shift+Tab", "Next / previous note"),
    ("Arrow keys", "Move the selection within an area"),
    (
        "Alt+Up / Alt+Down",
        "Move the selected note earlier / later",
    ),
    ("1 … 5", "Set the weight of the selected customer note"),
    (
        "Delete or Backspace",
        "Delete the selected note and its links",
    ),
    ("Double-click", "Edit a note in place"),
    (
        "Drag a note",
        "Reorder in its area, or drop on a note it serves to link",
    ),
    (
        "Ctrl+Plus / Ctrl+Minus / Ctrl+0",
        "Zoom in / out / actual size",
    ),
    ("Ctrl+B", "Show or hide the side panel"),
    (
        "F6",
        "Move the keyboard to the side panel (then Tab through it) and back to the canvas",
    ),
    // Workshop mode.
    ("F5", "Present to a room (full screen); F5 or Esc leaves"),
    ("1 … 6 / 0 (presenting)", "Spotlight one area / show all"),
    (
        "Right, Left, PageDown, PageUp (presenting)",
        "Step through jobs, pains, gains, products, relievers, creators, fit",
    ),
    (
        "F (presenting)",
        "Reveal or hide the fit: check marks, links, score",
    ),
    ("N (presenting)", "New note in the spotlit area"),
    ("V / Shift+V", "Add / remove a vote on the selected note"),
    (
        "T / Shift+T",
        "Start or pause / reset the timer (Ctrl+T while typing)",
    ),
    (
        "L / D (presenting)",
        "Top voted list / dark projector theme",
    ),
];

pub fn global_shortcuts(ctx: &egui::Context, app: &App, out: &mut Vec<Command>) {
    if app.modal.is_some() {
        return;
    }
    let typing = app.is_typing();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&SAVE_AS) {
            out.push(Command::SaveAs);
        }
        if i.consume_shortcut(&SAVE) {
            out.push(Command::Save);
        }
        if i.consume_shortcut(&NEW) {
            out.push(Command::New);
        }
        if i.consume_shortcut(&OPEN) {
            out.push(Command::Open);
        }
        if app.screen == Screen::Canvas && i.consume_shortcut(&SIDE_PANEL) {
            out.push(Command::ToggleSidePanel);
        }
        if app.screen == Screen::Canvas && i.consume_key(Modifiers::NONE, Key::F6) {
            out.push(Command::CycleFocus);
        }
        if !typing && app.screen == Screen::Canvas {
            if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&UNDO) {
                out.push(Command::Undo);
            }
        }
    });
}

pub fn canvas_keys(ctx: &egui::Context, app: &mut App, out: &mut Vec<Command>) {
    if app.is_typing() || app.view.entry.is_some() {
        return;
    }
    let canvas = app.doc.canvas();
    let selected = app
        .view
        .selected
        .clone()
        .filter(|id| canvas.locate(id).is_some());
    let located = selected.as_deref().and_then(|id| canvas.locate(id));
    let order: Vec<(Section, usize)> = Section::ALL
        .into_iter()
        .flat_map(|s| (0..canvas.items(s).len()).map(move |i| (s, i)))
        .collect();
    let id_at = |s: Section, i: usize| canvas.items(s).get(i).map(|it| it.id().as_str().to_owned());
    let columns = app.view.columns;
    let note_rects = &app.view.note_rects;
    let mut drop_focus = false;
    ctx.input_mut(|i| {
        for (section, key) in Section::ALL.into_iter().zip(DIGITS) {
            if i.consume_key(Modifiers::COMMAND, key) {
                out.push(Command::StartEntry(section));
            }
        }
        if let Some((section, _)) = located
            && (i.consume_key(Modifiers::NONE, Key::Insert)
                || i.consume_key(Modifiers::NONE, Key::Plus))
        {
            out.push(Command::StartEntry(section));
        }
        // Shift+Tab first: a plain-Tab pattern would match it too.
        let tab_prev = i.consume_key(Modifiers::SHIFT, Key::Tab);
        let tab_next = !tab_prev && i.consume_key(Modifiers::NONE, Key::Tab);
        drop_focus = tab_next
            || tab_prev
            || i.key_pressed(Key::ArrowUp)
            || i.key_pressed(Key::ArrowDown)
            || i.key_pressed(Key::ArrowLeft)
            || i.key_pressed(Key::ArrowRight);
        if tab_next || tab_prev {
            let pos = located.and_then(|l| order.iter().position(|o| *o == l));
            let next = match (pos, tab_next) {
                (None, true) => order.first(),
                (None, false) => order.last(),
                (Some(p), true) => order.get((p + 1) % order.len()),
                (Some(p), false) => order.get((p + order.len() - 1) % order.len()),
            };
            if let Some(&(s, idx)) = next {
                out.push(Command::Select(id_at(s, idx)));
            }
        }
        let Some((section, index)) = located else {
            if (i.consume_key(Modifiers::NONE, Key::ArrowDown)
                || i.consume_key(Modifiers::NONE, Key::ArrowRight))
                && let Some(&(s, idx)) = order.first()
            {
                out.push(Command::Select(id_at(s, idx)));
            }
            return;
        };
        // Pasting with a note selected (and no text field open) adds a note per line to its area.
        let pasted = i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) if !text.trim().is_empty() => Some(text.clone()),
            _ => None,
        });
        if let Some(text) = pasted {
            i.events.retain(|e| !matches!(e, egui::Event::Paste(_)));
            out.push(Command::Paste {
                section,
                lines: text.lines().map(str::to_owned).collect(),
            });
        }
        let Some(id) = selected.clone() else { return };
        if i.consume_key(Modifiers::ALT, Key::ArrowUp)
            || i.consume_key(Modifiers::ALT, Key::ArrowLeft)
        {
            out.push(Command::Shift {
                id: id.clone(),
                by: -1,
            });
        }
        if i.consume_key(Modifiers::ALT, Key::ArrowDown)
            || i.consume_key(Modifiers::ALT, Key::ArrowRight)
        {
            out.push(Command::Shift {
                id: id.clone(),
                by: 1,
            });
        }
        let len = canvas.items(section).len();
        let cols = columns[section.index()].max(1);
        let moves = [
            (Key::ArrowLeft, -1isize),
            (Key::ArrowRight, 1),
            (Key::ArrowUp, -(cols as isize)),
            (Key::ArrowDown, cols as isize),
        ];
        for (key, by) in moves {
            if i.consume_key(Modifiers::NONE, key) {
                let vertical = matches!(key, Key::ArrowUp | Key::ArrowDown);
                let to = vertical
                    .then(|| note_above_or_below(canvas, section, index, note_rects, by > 0))
                    .flatten()
                    .unwrap_or_else(|| index.saturating_add_signed(by).min(len.saturating_sub(1)));
                out.push(Command::Select(id_at(section, to)));
            }
        }
        if i.consume_key(Modifiers::NONE, Key::Enter) || i.consume_key(Modifiers::NONE, Key::F2) {
            out.push(Command::EditNote(id.clone()));
        }
        if i.consume_key(Modifiers::NONE, Key::Delete)
            || i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            out.push(Command::Remove { id: id.clone() });
        }
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            out.push(Command::Select(None));
        }
        if section.is_customer() {
            let digits = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
            for (w, key) in digits.into_iter().enumerate() {
                if i.consume_key(Modifiers::NONE, key) {
                    out.push(Command::SetWeight {
                        id: id.clone(),
                        weight: w as u8 + 1,
                    });
                }
            }
        }
    });
    if drop_focus {
        // Tab and the arrows move the note selection here, not egui's focus between buttons.
        ctx.memory_mut(|m| {
            if let Some(f) = m.focused() {
                m.surrender_focus(f);
            }
            m.move_focus(egui::FocusDirection::None);
        });
    }
}

/// The note straight above (or below) note `index` of `section` as drawn in the last frame: the
/// nearest row that way, then the nearest note in it. In the circle rows hold different numbers
/// of notes, so "one row of columns on" would land on the wrong note. `None` when not every note
/// of the area is on screen (a scrolled area is a plain grid, where the caller's column
/// arithmetic is right) or there is no note that way.
fn note_above_or_below(
    canvas: &crate::Canvas,
    section: Section,
    index: usize,
    rects: &std::collections::HashMap<String, egui::Rect>,
    down: bool,
) -> Option<usize> {
    let centres: Vec<egui::Pos2> = canvas
        .items(section)
        .iter()
        .map(|item| rects.get(item.id().as_str()).map(|r| r.center()))
        .collect::<Option<_>>()?;
    let here = *centres.get(index)?;
    let dy = |p: &egui::Pos2| if down { p.y - here.y } else { here.y - p.y };
    let row = centres
        .iter()
        .map(dy)
        .filter(|d| *d > 1.0)
        .min_by(f32::total_cmp)?;
    centres
        .iter()
        .enumerate()
        .filter(|(_, p)| (dy(p) - row).abs() <= 1.0)
        .min_by(|(_, a), (_, b)| (a.x - here.x).abs().total_cmp(&(b.x - here.x).abs()))
        .map(|(i, _)| i)
}
