//! Nothing typed is ever lost, tested against a reference model: random sequences of typed
//! chunks, Ctrl+1…6, Enter, Esc, Tab, Ctrl+S, Ctrl+Z, pastes and clicks on a label, delivered
//! to the real app split into frames at random points (all in one frame, one event a frame, or
//! anything between), as a busy machine delivers a fast typist's keys. A small model says what
//! the canvas must hold; the test saves and compares. On a failure proptest prints the
//! shortest sequence that still fails.
//!
//! `PROPTEST_CASES` sets the number of cases (CI runs the default below; BENCHMARKS.md gives
//! the result of a long run).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use fitcanvas_app::{App, Command};
use fitcanvas_model::section::Section;
use proptest::prelude::*;

mod support;

use support::*;

/// The window's size.
const SIZE: (f32, f32) = (1280.0, 720.0);

/// What a person does, in the order they do it.
#[derive(Debug, Clone)]
enum Op {
    /// Ctrl+1…6: a new note in that area.
    Open(usize),
    /// Letters and spaces, typed.
    Type(String),
    /// Enter, while a note is typed (with none, Enter edits the selected note).
    Enter,
    Esc,
    Tab,
    CtrlS,
    /// Undo, between notes.
    CtrlZ,
    /// Text pasted into the note being typed (one line).
    Paste(String),
    /// A click on the menu bar beside the menus: no button, no field.
    ClickLabel,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..6usize).prop_map(Op::Open),
        5 => "[a-z]{1,7}( [a-z]{1,7}){0,2} ?".prop_map(Op::Type),
        2 => Just(Op::Enter),
        1 => Just(Op::Esc),
        1 => Just(Op::Tab),
        1 => Just(Op::CtrlS),
        1 => Just(Op::CtrlZ),
        1 => "[a-z]{1,8}( [a-z]{1,8})?".prop_map(Op::Paste),
        1 => Just(Op::ClickLabel),
    ]
}

/// How the events are cut into frames: every event in one frame, each in its own, or frames
/// of these sizes in turn.
#[derive(Debug, Clone)]
enum Frames {
    One,
    EachEvent,
    Sizes(Vec<usize>),
}

fn frames() -> impl Strategy<Value = Frames> {
    prop_oneof![
        1 => Just(Frames::One),
        1 => Just(Frames::EachEvent),
        3 => prop::collection::vec(1..16usize, 1..8).prop_map(Frames::Sizes),
    ]
}

/// The reference: the notes of each area in order, the note being typed, and the undo steps.
#[derive(Debug, Default, Clone)]
struct Model {
    areas: [Vec<String>; 6],
    entry: Option<(usize, String)>,
    undo: Vec<[Vec<String>; 6]>,
}

impl Model {
    /// Keeps the note being typed (an empty one is dropped, spaces run together); says
    /// whether there was one to keep.
    fn commit(&mut self) -> bool {
        let Some((area, text)) = self.entry.take() else {
            return false;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return false;
        }
        self.undo.push(self.areas.clone());
        self.areas[area].push(text);
        true
    }

    /// What the op does, and the events a keyboard and mouse send for it; `None` for an op
    /// that has no meaning now (Enter or a paste with no note being typed).
    fn step(&mut self, op: &Op) -> Option<Vec<Event>> {
        Some(match op {
            Op::Open(area) => {
                self.commit();
                self.entry = Some((*area, String::new()));
                press(Key::from_name(&(area + 1).to_string())?, Modifiers::COMMAND)
            }
            Op::Type(text) => {
                if let Some((_, typed)) = &mut self.entry {
                    typed.push_str(text);
                }
                typed(text)
            }
            Op::Enter => {
                let (area, _) = self.entry.clone()?;
                if self.commit() {
                    self.entry = Some((area, String::new()));
                }
                press(Key::Enter, Modifiers::NONE)
            }
            Op::Esc | Op::Tab | Op::CtrlS | Op::ClickLabel => {
                self.commit();
                match op {
                    Op::Esc => press(Key::Escape, Modifiers::NONE),
                    Op::Tab => press(Key::Tab, Modifiers::NONE),
                    Op::CtrlS => press(Key::S, Modifiers::COMMAND),
                    _ => click(Pos2::new(SIZE.0 * 0.55, 8.0)),
                }
            }
            Op::CtrlZ => {
                // While a note is typed, Ctrl+Z is the field's own undo, of its letters: the
                // test sends it only between notes.
                if self.entry.is_some() {
                    return None;
                }
                if let Some(before) = self.undo.pop() {
                    self.areas = before;
                }
                press(Key::Z, Modifiers::COMMAND)
            }
            Op::Paste(text) => {
                let (_, typed) = self.entry.as_mut()?;
                typed.push_str(text);
                vec![Event::Paste(text.clone())]
            }
        })
    }
}

fn press(key: Key, modifiers: Modifiers) -> Vec<Event> {
    let event = |pressed| Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    };
    vec![event(true), event(false)]
}

/// What a keyboard sends for `text`: each character's key, the character, the key's release.
fn typed(text: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for c in text.chars() {
        let key = Key::from_name(&c.to_ascii_uppercase().to_string()).or(Some(Key::Space));
        let key = key.filter(|_| c.is_ascii_alphabetic() || c == ' ');
        if let Some(key) = key {
            events.extend(press(key, Modifiers::NONE).into_iter().take(1));
        }
        events.push(Event::Text(c.to_string()));
        if let Some(key) = key {
            events.extend(press(key, Modifiers::NONE).into_iter().skip(1));
        }
    }
    events
}

fn click(pos: Pos2) -> Vec<Event> {
    let button = |pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    vec![Event::PointerMoved(pos), button(true), button(false)]
}

/// Where a frame of up to `size` of `events` ends. Egui acts on a click before any widget reads
/// the frame's keys, and a click cannot be held back for a later frame as keys can: so a click
/// never shares a frame with a key before it that changes where typing goes (Ctrl+1, Enter,
/// Esc, Tab), nor comes while such keys still wait for their frames (`run` lets them play out
/// first). Letters before a click in its frame are kept, and that the test checks. (Holding
/// clicks back too would need the input before egui reads it, eframe's `raw_input_hook`,
/// which the kittest harness does not call.)
fn frame_end(events: &[Event], size: usize) -> usize {
    let end = size.min(events.len()).max(1);
    let mut routing_seen = false;
    for (at, event) in events[..end].iter().enumerate() {
        match event {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if modifiers.command || matches!(key, Key::Enter | Key::Escape | Key::Tab) => {
                routing_seen = true;
            }
            Event::PointerMoved(_) if routing_seen && at > 0 => return at,
            _ => {}
        }
    }
    end
}

/// Runs `ops` through the app in the frames `frames` cuts them into; the canvas saved at the
/// end, by area, and what the model says it must be.
fn run(ops: &[Op], frames: &Frames) -> ([Vec<String>; 6], [Vec<String>; 6]) {
    let setup = Setup::new();
    let path = setup.path("typed.json");
    std::fs::write(&path, "{\"format\": \"fitcanvas\", \"version\": 1}\n").unwrap();
    let mut h: Harness<'static, App> = setup.harness_with_steps(SIZE, 2_000);
    h.state_mut().push(Command::OpenPath(path.clone()));
    h.run();

    let mut model = Model::default();
    let events: Vec<Event> = ops
        .iter()
        .filter_map(|op| model.step(op))
        .flatten()
        .collect();
    let sizes: Box<dyn Iterator<Item = usize>> = match frames {
        // (A click may still start a frame of its own: see `frame_end`.)
        Frames::One => Box::new(std::iter::repeat(usize::MAX)),
        Frames::EachEvent => Box::new(std::iter::repeat(1)),
        Frames::Sizes(sizes) => Box::new(sizes.clone().into_iter().cycle()),
    };
    let mut rest = events.as_slice();
    for size in sizes {
        if rest.is_empty() {
            break;
        }
        let (frame, later) = rest.split_at(frame_end(rest, size));
        if frame.iter().any(|e| matches!(e, Event::PointerMoved(_))) {
            // Keys still waiting for a frame of their own are handled before a click comes
            // (see `frame_end`).
            h.run();
        }
        h.input_mut().events.extend(frame.iter().cloned());
        h.step();
        rest = later;
    }
    assert!(rest.is_empty(), "every event was sent");
    h.run();
    // Whatever is still being typed is kept by the save.
    model.commit();
    h.state_mut().push(Command::EndEntry);
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.run();
    let saved = Section::ALL.map(|s| texts_in_file(&path, s));
    (saved, model.areas)
}

/// Cases to run: `PROPTEST_CASES`, else as many as CI can afford on every `cargo test`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// Every `cargo test` runs the same cases, so CI says the same of the same code; a run with
/// `PROPTEST_CASES` set explores new ones (and a failure adds its seed to the regressions).
fn seed() -> proptest::test_runner::RngSeed {
    match std::env::var("PROPTEST_CASES") {
        Ok(_) => proptest::test_runner::RngSeed::Random,
        Err(_) => proptest::test_runner::RngSeed::Fixed(23),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: seed(),
        ..ProptestConfig::default()
    })]

    #[test]
    fn what_was_typed_is_what_is_saved(
        ops in prop::collection::vec(op(), 1..40),
        frames in frames(),
    ) {
        let (saved, expected) = run(&ops, &frames);
        prop_assert_eq!(saved, expected);
    }
}
