//! Keys in the order they were typed. A frame can carry many keyboard events (a fast typist,
//! a busy machine, a test that queues several), but the app reads a frame's keys against the
//! state it had when the frame began: text typed after Enter would land in the note Enter just
//! committed, and a letter typed after Ctrl+2 would act as a shortcut before the new note's
//! field exists. So each frame takes the keyboard events only up to the first one that can
//! change where the next ones go (Enter, Tab, Esc, a shortcut, or any key while nothing is
//! being typed), and holds the rest back for the next frame, which runs at once.
//!
//! While a field takes the keys, such a key never shares a frame with letters typed before
//! it: egui reads the frame's raw keys before any widget runs, and an Esc among them takes
//! the focus away from the field before it could take the letters (so "data plan" was saved
//! as "data"). The letters get their frame, the key the next, and the field keeps the focus
//! egui took from it for a key that is not yet this frame's.
//!
//! Pointer events stay in their own frame: egui has already worked out the pointer's state
//! from them. Keys typed while no field takes them, and still waiting when a click comes, are
//! dropped: they were typed at the canvas, not at whatever field the click focuses.

use std::collections::VecDeque;

use egui::{Event, FocusDirection, Id, Key};

/// Keyboard events held back for the next frame, and where the keyboard was when the last
/// frame ended.
#[derive(Debug, Default)]
pub struct InputOrder {
    held: VecDeque<Event>,
    focus_at_end: Option<Id>,
    /// The last frame held every key back: the next one never does, whatever happens.
    held_all: bool,
}

impl InputOrder {
    /// Cuts this frame's keyboard events after the first that can change their routing. Call
    /// first thing in the frame; `typing` says whether a text field takes the keys now.
    /// With `opening`, a text field is opening and cannot take keys this frame: the letters
    /// typed into it so far are answered, for the caller to put in the field, and every other
    /// keyboard event waits for the next frame. (Answering them rather than holding them
    /// keeps them if a click comes before the field can take them.)
    ///
    /// `entry` says the keys go to the note typed in place, whose text the caller can add to:
    /// then, with a click in the frame, the letters typed before it are answered too, since
    /// egui takes the focus from the field for a click before the field reads its keys.
    pub fn begin_frame(
        &mut self,
        ctx: &egui::Context,
        typing: bool,
        entry: bool,
        opening: bool,
    ) -> String {
        let injected = !self.held.is_empty();
        let hold_all = opening && !self.held_all;
        self.held_all = hold_all;
        let mut early = String::new();
        ctx.input_mut(|i| {
            if !injected && !i.events.iter().any(is_keyboard) {
                return;
            }
            // With no field taking keys, a click ends what was typed before it. While a field
            // takes them, keys typed after a click wait for the frame after it: the field
            // takes the keys before the click, then the click decides where the rest go.
            let first_click = i.events.iter().position(is_press);
            let last_click = i.events.iter().rposition(is_press);
            if !typing && last_click.is_some() {
                self.held.clear();
            }
            let mut keyboard: Vec<Event> = self.held.drain(..).collect();
            let mut after_click = Vec::new();
            let mut others = Vec::new();
            for (at, event) in std::mem::take(&mut i.events).into_iter().enumerate() {
                if !is_keyboard(&event) {
                    others.push(event);
                } else if typing && first_click.is_some_and(|click| at > click) {
                    after_click.push(event);
                } else if typing || last_click.is_none_or(|click| at > click) {
                    keyboard.push(event);
                }
            }
            let clicked_while_typing = entry && typing && first_click.is_some();
            let cut = if hold_all || clicked_while_typing {
                let letters = leading_letters(&keyboard);
                for event in keyboard.drain(..letters) {
                    if let Event::Text(text) | Event::Paste(text) = event {
                        early.push_str(&text);
                    }
                }
                0
            } else {
                cut_point(&keyboard, typing)
            };
            self.held.extend(keyboard.drain(cut..));
            self.held.extend(after_click);
            keyboard.extend(others);
            i.events = keyboard;
        });
        if injected || !self.held.is_empty() {
            self.settle_focus(ctx);
        }
        if !self.held.is_empty() {
            ctx.request_repaint();
        }
        early
    }

    /// Call last thing in the frame.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.focus_at_end = ctx.memory(|m| m.focused());
    }

    /// Egui moved the keyboard focus for Tab, the arrows and Esc from the frame's raw events
    /// before they could be held back, and never saw the held ones: make its focus follow the
    /// keys this frame really has.
    fn settle_focus(&self, ctx: &egui::Context) {
        let direction = ctx.input(|i| {
            i.events.iter().rev().find_map(|e| match e {
                Event::Key {
                    key: Key::Tab,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.any() => Some(FocusDirection::Next),
                Event::Key {
                    key: Key::Tab,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.shift_only() => Some(FocusDirection::Previous),
                _ => None,
            })
        });
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        ctx.memory_mut(|m| {
            if !escape
                && m.focused().is_none()
                && let Some(id) = self.focus_at_end
            {
                m.request_focus(id);
            }
            m.move_focus(direction.unwrap_or(FocusDirection::None));
        });
    }
}

/// A button pressed or released: egui moves the keyboard focus on either (a field takes it
/// on the press, and one typed in gives it up when the click ends).
fn is_press(event: &Event) -> bool {
    matches!(event, Event::PointerButton { .. })
}

fn is_keyboard(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
    )
}

/// How many of `events`, from the first, only type characters: their text (or a one-line
/// paste), the key presses that typed it and key releases. Where another key comes (Backspace, an arrow, Enter), the
/// order matters again, and the count ends.
fn leading_letters(events: &[Event]) -> usize {
    events
        .iter()
        .enumerate()
        .take_while(|&(at, event)| match event {
            Event::Text(_) | Event::Key { pressed: false, .. } => true,
            // A paste of one line is typing too; one of several lines makes a note of each.
            Event::Paste(text) => !text.contains('\n'),
            Event::Key {
                pressed: true,
                modifiers,
                ..
            } => {
                !(modifiers.command || modifiers.ctrl || modifiers.alt)
                    && events
                        .get(at + 1)
                        .is_some_and(|next| is_own_text(events, at, next))
            }
            _ => false,
        })
        .count()
}

/// How many of `events` belong to this frame: up to and including the first routing key, the
/// text that key itself typed, and its release. While typing, a routing key that follows
/// other keys waits for the next frame, so that the field takes those first.
fn cut_point(events: &[Event], typing: bool) -> usize {
    let Some(first) = events.iter().position(|e| is_routing_key(e, typing)) else {
        return events.len();
    };
    if typing && first > 0 {
        return first;
    }
    let rest = &events[first + 1..];
    let next_press = rest
        .iter()
        .position(|e| matches!(e, Event::Key { pressed: true, .. }))
        .unwrap_or(rest.len());
    // Text that is not the key's own (a key press sends its character as text right after it)
    // goes to whatever the key opened, in the next frame.
    let own_text = rest[..next_press]
        .iter()
        .take_while(|e| {
            !matches!(e, Event::Text(_) | Event::Paste(_)) || is_own_text(events, first, e)
        })
        .count();
    first + 1 + own_text
}

/// The text a key press typed itself: the character right after it.
fn is_own_text(events: &[Event], key_at: usize, event: &Event) -> bool {
    let (Event::Key { key, .. }, Event::Text(text)) = (&events[key_at], event) else {
        return false;
    };
    text.chars().count() == 1
        && (key.symbol_or_name().eq_ignore_ascii_case(text) || (*key == Key::Space && text == " "))
}

/// A key press after which the following keys may have to go somewhere else.
fn is_routing_key(event: &Event, typing: bool) -> bool {
    let Event::Key {
        key,
        pressed: true,
        modifiers,
        ..
    } = event
    else {
        // A multi-line paste into a new note makes one note per line and starts the next.
        return typing && matches!(event, Event::Paste(text) if text.contains('\n'));
    };
    if !typing {
        // Any key may start typing (Enter, N, Insert) or act on the selection.
        return true;
    }
    modifiers.command
        || modifiers.ctrl
        || modifiers.alt
        || matches!(
            key,
            Key::Enter
                | Key::Tab
                | Key::Escape
                | Key::F1
                | Key::F2
                | Key::F3
                | Key::F4
                | Key::F5
                | Key::F6
                | Key::F7
                | Key::F8
                | Key::F9
                | Key::F10
                | Key::F11
                | Key::F12
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Modifiers;

    fn press(key: Key, modifiers: Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(t: &str) -> Event {
        Event::Text(t.to_owned())
    }

    #[test]
    fn while_typing_enter_gets_a_frame_of_its_own() {
        let events = [text("one"), press(Key::Enter, Modifiers::NONE), text("two")];
        assert_eq!(cut_point(&events, true), 1, "the letters first");
        assert_eq!(cut_point(&events[1..], true), 1, "then Enter");
        assert_eq!(cut_point(&events[2..], true), 1);
    }

    #[test]
    fn while_not_typing_a_frame_holds_one_key_and_its_own_character() {
        let events = [
            press(Key::N, Modifiers::NONE),
            text("n"),
            press(Key::H, Modifiers::NONE),
            text("h"),
        ];
        assert_eq!(cut_point(&events, false), 2);
        // Ctrl+2 types no character: what follows it waits for the new note's field.
        let events = [press(Key::Num2, Modifiers::COMMAND), text("Slow")];
        assert_eq!(cut_point(&events, false), 1);
    }

    #[test]
    fn plain_typing_is_never_cut() {
        let events = [
            press(Key::A, Modifiers::NONE),
            text("a"),
            press(Key::B, Modifiers::SHIFT),
            text("B"),
        ];
        assert_eq!(cut_point(&events, true), 4);
    }
}
