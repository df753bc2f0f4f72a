//! Workshop mode driven as a facilitator would: F5 and the View menu, number keys and clicker
//! keys, the fit reveal, live note entry, dot votes saved to the file, the timer on a test
//! clock, large type at 1920×1080 and the audience window.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::ThemeChoice;
use fitcanvas_app::{App, Command, Screen};
use fitcanvas_model::Canvas;
use fitcanvas_model::format;
use fitcanvas_model::section::Section;

mod support;

use support::*;

const FULL_HD: (f32, f32) = (1920.0, 1080.0);

/// The keys that spotlight areas 1 to 6.
const SPOTLIGHT_KEYS: [Key; 6] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
];

/// The FieldFresh example, opened from the start screen in a window of `size`.
fn example(setup: &Setup, size: (f32, f32)) -> Harness<'static, App> {
    let mut h = setup.harness(size);
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    assert_eq!(h.state().screen, Screen::Canvas);
    h
}

fn key(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.run();
}

fn presenting(h: &Harness<'_, App>) -> bool {
    h.state().presentation.active
}

fn has_label(h: &Harness<'_, App>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

/// Presses `key` in a frame of its own, so that frame's output shows what the press did; then
/// releases it and lets the app settle.
fn press_alone(h: &mut Harness<'_, App>, key: Key) {
    let event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    h.event(event(true));
    h.step();
    let sent = h.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .clone();
    h.event(event(false));
    h.run();
    LAST_COMMANDS.with(|c| *c.borrow_mut() = sent);
}

thread_local! {
    static LAST_COMMANDS: std::cell::RefCell<Vec<egui::ViewportCommand>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the frame of the last [`press_alone`] asked the window to enter or leave full screen.
fn sent_fullscreen(_h: &Harness<'_, App>, on: bool) -> bool {
    LAST_COMMANDS.with(|c| c.borrow().contains(&egui::ViewportCommand::Fullscreen(on)))
}

#[test]
fn enter_and_leave_with_f5_the_view_menu_and_esc() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    assert!(has_label(&h, "File"));

    press_alone(&mut h, Key::F5);
    assert!(presenting(&h));
    assert!(sent_fullscreen(&h, true), "F5 asks for full screen");
    // Menus, side panel and status bar are gone; the step caption and key hint are there.
    assert!(!has_label(&h, "File") && !has_label(&h, "View"));
    assert!(!has_label(&h, "Title"), "no inspector");
    assert!(has_label(&h, "All areas"));
    assert!(h.query_by_label_contains("1–6 spotlight").is_some());

    press_alone(&mut h, Key::Escape);
    assert!(!presenting(&h));
    assert!(sent_fullscreen(&h, false), "leaving ends full screen");
    assert!(has_label(&h, "File"));

    click(&mut h, "View");
    // The menu entry's label carries its shortcut: "Present F5".
    h.get_by_label_contains("Present").click();
    h.run();
    assert!(presenting(&h));
    key(&mut h, Key::F5);
    assert!(!presenting(&h), "F5 leaves too");

    // The on-screen button leaves as well.
    key(&mut h, Key::F5);
    click(&mut h, "Leave presentation");
    assert!(!presenting(&h));
}

#[test]
fn presenting_needs_a_canvas() {
    let setup = Setup::new();
    let mut h = setup.harness((1280.0, 720.0));
    key(&mut h, Key::F5);
    assert!(!presenting(&h), "nothing to present on the start screen");
    assert!(has_label(&h, "New blank canvas"));
}

#[test]
fn spotlight_with_number_keys_and_step_with_arrows_and_clicker_keys() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::Num2);
    assert!(has_label(&h, "Step 2 of 7: Pains"));
    assert!(!has_label(&h, "All areas"));
    key(&mut h, Key::Num6);
    assert!(has_label(&h, "Step 6 of 7: Gain creators"));
    key(&mut h, Key::Num0);
    assert!(has_label(&h, "All areas"));

    // Right and PageDown (what a clicker sends) go forward in the usual order.
    let forward = [
        (Key::ArrowRight, "Step 1 of 7: Customer jobs"),
        (Key::PageDown, "Step 2 of 7: Pains"),
        (Key::ArrowRight, "Step 3 of 7: Gains"),
        (Key::PageDown, "Step 4 of 7: Products & services"),
        (Key::ArrowRight, "Step 5 of 7: Pain relievers"),
        (Key::ArrowRight, "Step 6 of 7: Gain creators"),
        (Key::PageDown, "Step 7 of 7: Fit"),
        (Key::ArrowRight, "Step 7 of 7: Fit"),
    ];
    for (k, caption) in forward {
        key(&mut h, k);
        assert!(has_label(&h, caption), "after {k:?}: {caption}");
    }
    key(&mut h, Key::PageUp);
    assert!(has_label(&h, "Step 6 of 7: Gain creators"));
    key(&mut h, Key::ArrowLeft);
    assert!(has_label(&h, "Step 5 of 7: Pain relievers"));
    // The digits spotlight; they do not set the selected note's weight as in the editor.
    let first_pain = h.state().canvas().items(Section::Pains)[0].clone();
    key(&mut h, Key::Num2);
    click_note(&mut h, first_pain.text());
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(first_pain.id().as_str())
    );
    key(&mut h, Key::Num1);
    assert!(has_label(&h, "Step 1 of 7: Customer jobs"));
    let after = h.state().canvas().items(Section::Pains)[0].weight();
    assert_eq!(after, first_pain.weight());
    assert!(!h.state().doc.is_dirty());
    // Alt+Right on the pain, faded now, neither moves it nor steps.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert!(has_label(&h, "Step 1 of 7: Customer jobs"));
    assert_eq!(
        h.state().canvas().items(Section::Pains)[0].id(),
        first_pain.id()
    );
    // Lit again, Alt+Right moves the selected note later, as in the editor; it does not step.
    key(&mut h, Key::Num2);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    assert!(has_label(&h, "Step 2 of 7: Pains"));
    assert_eq!(
        h.state().canvas().items(Section::Pains)[1].id(),
        first_pain.id()
    );
}

#[test]
fn reveal_fit_shows_and_hides_marks_links_and_score() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    let score = format!("Fit {:.0}%", fit(&h).unwrap());
    assert!(!has_label(&h, &score), "hidden until revealed");
    assert!(!h.state().presentation.style(1080.0).checks);

    key(&mut h, Key::F);
    assert!(has_label(&h, &score));
    let style = h.state().presentation.style(1080.0);
    assert!(
        style.checks && style.links,
        "check marks and link lines shown"
    );
    key(&mut h, Key::F);
    assert!(!has_label(&h, &score));

    // The on-screen toggle does the same.
    click(&mut h, "Reveal fit");
    assert!(has_label(&h, &score));
    click(&mut h, "Reveal fit");
    assert!(!has_label(&h, &score));

    // Stepping onto the fit is the reveal.
    key(&mut h, Key::Num6);
    key(&mut h, Key::ArrowRight);
    assert!(has_label(&h, "Step 7 of 7: Fit"));
    assert!(has_label(&h, &score));
}

#[test]
fn add_and_edit_notes_while_presenting_and_undo() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::Num2);
    let before = texts(&h, Section::Pains);
    // N starts a note in the spotlit area; digits typed into it stay digits.
    key(&mut h, Key::N);
    assert!(h.state().view.entry.is_some());
    type_and_enter(&mut h, "Deliveries 2 hours late");
    h.key_press(Key::Escape);
    h.run();
    assert!(
        presenting(&h),
        "Esc while typing ends the entry, not the presentation"
    );
    assert!(
        has_label(&h, "Step 2 of 7: Pains"),
        "and the 2 did not spotlight"
    );
    let pains = texts(&h, Section::Pains);
    assert_eq!(pains.len(), before.len() + 1);
    assert_eq!(pains.last().unwrap(), "Deliveries 2 hours late");

    // Enter edits the selected note in place.
    click_note(&mut h, "Deliveries 2 hours late");
    key(&mut h, Key::Enter);
    h.event(egui::Event::Key {
        key: Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    type_and_enter(&mut h, "Deliveries 3 hours late");
    assert_eq!(
        texts(&h, Section::Pains).last().unwrap(),
        "Deliveries 3 hours late"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        texts(&h, Section::Pains).last().unwrap(),
        "Deliveries 2 hours late"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Pains), before);
    assert!(presenting(&h));
}

#[test]
fn vote_by_key_and_click_save_and_rank() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    let note = "Produce arrives bruised or wilted";
    let votes = |h: &Harness<'_, App>| {
        let id = id_of(h, note);
        h.state().canvas().item(&id).unwrap().votes()
    };
    assert_eq!(votes(&h), 3, "the example comes with votes");
    click_note(&mut h, note);
    for _ in 0..3 {
        key(&mut h, Key::V);
    }
    assert_eq!(votes(&h), 6);
    h.key_press_modifiers(Modifiers::SHIFT, Key::V);
    h.run();
    assert_eq!(votes(&h), 5);
    // The "+" on the selected note adds one; clicking the dots takes one away.
    click(&mut h, &format!("Add a vote to {note}"));
    click(&mut h, &format!("Add a vote to {note}"));
    assert_eq!(votes(&h), 7);
    click(&mut h, &format!("Remove a vote from {note}"));
    assert_eq!(votes(&h), 6);
    // Votes undo like any edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(votes(&h), 7);

    // The top-voted list ranks them: this note (7) above the wholesaler's substitutions (5).
    key(&mut h, Key::L);
    let first = h
        .query_by_label_contains("1. Produce arrives bruised")
        .is_some();
    let second = h
        .query_by_label_contains("2. The wholesaler substitutes items")
        .is_some();
    assert!(first && second, "ranked list");
    assert!(has_label(&h, "Top voted"));

    // Saved, the file holds the votes.
    let path = setup.path("voted.json");
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.run();
    let saved: Canvas = format::load_file(&path).unwrap();
    let id = id_of(&h, note);
    assert_eq!(saved.item(&id).unwrap().votes(), 7);
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains("\"votes\": 7"), "{raw}");
}

#[test]
fn votes_in_the_editor_inspector_and_fit_panel() {
    let setup = Setup::new();
    let mut h = setup.harness(FULL_HD);
    click(&mut h, "New blank canvas");
    click(&mut h, "Add pain");
    type_and_enter(&mut h, "Slow");
    type_and_enter(&mut h, "Costly");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Costly");
    click(&mut h, "Add vote");
    click(&mut h, "Add vote");
    assert!(has_label(&h, "Votes: 2"));
    click(&mut h, "Remove vote");
    assert!(has_label(&h, "Votes: 1"));
    click_note(&mut h, "Slow");
    click(&mut h, "Add vote");
    click(&mut h, "Add vote");
    // In the editor V is a letter, never a vote.
    key(&mut h, Key::V);
    // The fit panel ranks them.
    assert!(has_label(&h, "Top voted"));
    assert!(has_label(&h, "1. Slow · 2 votes (pain)"));
    assert!(has_label(&h, "2. Costly · 1 vote (pain)"));
    click(&mut h, "2. Costly · 1 vote (pain)");
    assert_eq!(h.state().view.selected, Some(id_of(&h, "Costly")));
}

#[test]
fn timer_starts_pauses_resets_and_signals_times_up_on_the_test_clock() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    assert!(has_label(&h, "05:00"), "five minutes by default");
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(30));
    h.run();
    assert!(has_label(&h, "04:30"));
    // A running timer asks for the next repaint when its display changes, not every frame.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::ZERO && delay <= Duration::from_secs(1));

    click(&mut h, "Pause timer");
    setup.advance(Duration::from_secs(60));
    h.run();
    assert!(has_label(&h, "04:30"), "paused");
    click(&mut h, "Start timer");
    setup.advance(Duration::from_secs(10));
    h.run();
    assert!(has_label(&h, "04:20"));

    h.key_press_modifiers(Modifiers::SHIFT, Key::T);
    h.run();
    assert!(has_label(&h, "05:00"), "reset");
    assert!(!h.state().presentation.timer.is_running());

    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(5 * 60));
    h.run();
    assert!(has_label(&h, "Time's up"));
    assert!(!has_label(&h, "00:00"));
    click(&mut h, "Reset timer");
    assert!(!has_label(&h, "Time's up"));

    // Set the length in the timer window; the next session remembers it.
    click(&mut h, "Set timer…");
    assert!(has_label(&h, "Minutes"));
    // While the minutes are dragged the timer follows, but settings are not rewritten.
    h.state_mut().push(Command::Workshop(
        fitcanvas_app::WorkshopAction::DragMinutes(12.0),
    ));
    h.run();
    assert_eq!(h.query_all_by_label("12:00").count(), 2);
    let saved = fitcanvas_app::Settings::load(&setup.path("config"));
    assert!((saved.timer_minutes - 5.0).abs() < 1e-9);
    h.state_mut().push(Command::Workshop(
        fitcanvas_app::WorkshopAction::SetMinutes(10.0),
    ));
    h.run();
    // In the corner and in the timer window.
    assert_eq!(h.query_all_by_label("10:00").count(), 2);
    drop(h);
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    assert!(has_label(&h, "10:00"));
}

#[test]
fn starting_the_timer_while_typing_leaves_the_keyboard_with_the_note() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::N);
    h.event(egui::Event::Text("Cold ".to_owned()));
    h.run();
    // Clicking the on-screen button…
    click(&mut h, "Start timer");
    assert!(h.state().presentation.timer.is_running());
    assert!(h.state().is_typing(), "the note keeps the keyboard");
    // …and Ctrl+T, which types nothing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert!(!h.state().presentation.timer.is_running());
    // A plain T is a letter of the note.
    h.event(egui::Event::Text("tea".to_owned()));
    h.run();
    assert!(!h.state().presentation.timer.is_running());
    assert_eq!(h.state().view.entry.as_ref().unwrap().text, "Cold tea");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(texts(&h, Section::Jobs).last().unwrap(), "Cold tea");
}

#[test]
fn timer_in_the_editor_from_the_view_menu() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "View");
    click(&mut h, "Timer…");
    click(&mut h, "Start");
    setup.advance(Duration::from_secs(61));
    h.run();
    assert!(has_label(&h, "Timer 03:59"), "shown in the status bar");
    click(&mut h, "Pause");
    click(&mut h, "Reset");
    assert!(!h.state().presentation.timer.is_running());
    assert!(
        !has_label(&h, "Timer 05:00"),
        "a stopped timer keeps out of the status bar"
    );
    click(&mut h, "Start");
    setup.advance(Duration::from_secs(5 * 60));
    h.run();
    // In the status bar and in the timer window.
    assert_eq!(h.query_all_by_label("Time's up").count(), 2);
}

#[test]
fn note_text_is_at_least_22px_at_1920x1080_with_a_full_area() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    // A full area: ten pains with long texts.
    for i in 0..5 {
        h.state_mut().push(Command::AddNote {
            section: Section::Pains,
            text: format!("Another pain the room called out, number {i}, quite long"),
        });
    }
    h.run();
    assert_eq!(texts(&h, Section::Pains).len(), 10);
    key(&mut h, Key::F5);
    let smallest = h.state().view.smallest_note_font.unwrap();
    assert!(smallest >= 22.0, "smallest note text {smallest}");
    // Every note is on screen, none scrolled away.
    let rects = &h.state().view.note_rects;
    assert_eq!(rects.len(), h.state().canvas().len());
    for r in rects.values() {
        assert!(
            r.min.y >= 0.0 && r.max.y <= 1080.0 && r.max.x <= 1920.0,
            "{r:?}"
        );
    }
    // Spotlit, the area is brought close: its notes get larger type, never smaller.
    key(&mut h, Key::Num2);
    let spotlit = h.state().view.smallest_note_font.unwrap();
    assert!(spotlit >= 22.0, "spotlit {spotlit}");
    let pains: Vec<_> = h
        .state()
        .canvas()
        .items(Section::Pains)
        .iter()
        .map(|i| i.id().clone())
        .collect();
    for id in &pains {
        let r = h.state().view.note_rects[id];
        assert!(
            r.min.y >= 0.0 && r.max.y <= 1080.0 && r.min.x >= 0.0 && r.max.x <= 1920.0,
            "{r:?}"
        );
    }
    key(&mut h, Key::Num0);
    // The editor keeps its own, smaller type.
    key(&mut h, Key::F5);
    assert!(h.state().view.smallest_note_font.unwrap() < 22.0);
}

#[test]
fn every_spotlit_area_shows_each_of_its_notes_whole() {
    spotlit_areas_show_their_notes_whole(false);
}

/// With the room open its join code stands beside a spotlit area: the notes stay whole, and
/// the code keeps clear of the timer above it.
#[test]
fn with_the_room_open_every_spotlit_area_shows_its_notes_whole_beside_the_code() {
    spotlit_areas_show_their_notes_whole(true);
}

fn spotlit_areas_show_their_notes_whole(room: bool) {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    if room {
        open_room_window_closed(&mut h);
    }
    for (n, digit) in (1u8..).zip(SPOTLIGHT_KEYS) {
        key(&mut h, digit);
        let Some(fitcanvas_model::workshop::Step::Area(section)) =
            fitcanvas_model::workshop::Step::for_number_key(n)
        else {
            panic!("key {n} spotlights an area");
        };
        // Whole: its text laid out without an ellipsis and the note entirely on screen (not
        // cut by the screen's edge or hidden under the hint line).
        for item in h.state().canvas().items(section) {
            let drawn = h.state().view.drawn_notes[item.id()];
            assert!(drawn.whole, "{section:?}: {:?} is cut", item.text());
        }
        if room {
            let code = join_code_rect(&h);
            let timer = h.get_by_label("05:00").rect();
            assert!(
                !code.intersects(timer),
                "{section:?}: the code under the timer"
            );
            assert!(
                code.width() >= 200.0,
                "{section:?}: a code to scan: {code:?}"
            );
        }
    }
}

#[test]
fn audience_window_opens_shows_the_canvas_and_closes() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    assert!(!has_label(&h, "Fitcanvas — audience"));
    click(&mut h, "View");
    click(&mut h, "Audience window");
    assert!(h.state().presentation.audience);
    // Embedded in tests: a window titled for the audience, showing the presented canvas.
    assert!(has_label(&h, "Fitcanvas — audience"));
    assert!(
        has_label(&h, "All areas"),
        "the step caption, in the audience window"
    );
    // The facilitator still has the editor, and a clicker steps the audience's view.
    assert!(has_label(&h, "File"));
    key(&mut h, Key::PageDown);
    assert!(has_label(&h, "Step 1 of 7: Customer jobs"));
    // F reveals the fit to the room; the editor's fit panel has its own score line.
    let score = format!("Fit {:.0}%", fit(&h).unwrap());
    assert!(!has_label(&h, &score));
    key(&mut h, Key::F);
    assert!(has_label(&h, &score));
    // What the editor types appears there too, in the same frame.
    h.state_mut().push(Command::AddNote {
        section: Section::Jobs,
        text: "Seen by the room".to_owned(),
    });
    h.run();
    assert!(h.query_all_by_label("Seen by the room").count() >= 1);
    click(&mut h, "View");
    click(&mut h, "Audience window");
    assert!(!h.state().presentation.audience);
    assert!(!has_label(&h, "Fitcanvas — audience"));
}

#[test]
fn dark_projector_theme_on_request() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    key(&mut h, Key::D);
    assert!(h.state().presentation.dark);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    // Leaving restores the editor's theme.
    key(&mut h, Key::F5);
    assert_eq!(h.state().settings.theme, ThemeChoice::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
}

#[test]
fn the_shortcuts_list_has_the_workshop_keys() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Help");
    click(&mut h, "Keyboard shortcuts");
    for keys in [
        "F5",
        "1 … 6 (presenting)",
        "0 (presenting)",
        "V / Shift+V (presenting)",
        "T or Ctrl+T / Shift+T or Ctrl+Shift+T (presenting)",
    ] {
        assert!(has_label(&h, keys), "{keys}");
    }
}

/// Snapshot images of the presented canvas at 1920×1080 (see crates/fitcanvas-app/tests/editor.rs for how they are
/// rendered and updated).
mod snapshots {
    use super::*;

    fn shot(dark: bool, keys: &[Key], name: &str) {
        let setup = Setup::new();
        let mut h = example(&setup, FULL_HD);
        key(&mut h, Key::F5);
        if dark {
            key(&mut h, Key::D);
        }
        for k in keys {
            key(&mut h, *k);
        }
        h.snapshot(name);
    }

    #[test]
    fn presentation_spotlight_light() {
        shot(false, &[Key::Num2], "presentation_spotlight_light");
    }

    /// Products & services spotlit: the area takes the screen, not a strip of it.
    #[test]
    fn presentation_spotlight_products_light() {
        shot(false, &[Key::Num4], "presentation_spotlight_products_light");
    }

    #[test]
    fn presentation_spotlight_dark() {
        shot(true, &[Key::Num2], "presentation_spotlight_dark");
    }

    #[test]
    fn presentation_reveal_light() {
        shot(
            false,
            &[Key::PageUp, Key::F, Key::L],
            "presentation_reveal_light",
        );
    }

    /// The time's-up signal, while the room fills in customer jobs.
    #[test]
    fn presentation_times_up_light() {
        let setup = Setup::new();
        let mut h = example(&setup, FULL_HD);
        key(&mut h, Key::F5);
        key(&mut h, Key::Num1);
        key(&mut h, Key::T);
        setup.advance(Duration::from_secs(5 * 60 + 1));
        h.run();
        h.snapshot("presentation_times_up_light");
    }

    /// The last minute: the timer turns amber before it reaches zero.
    #[test]
    fn presentation_last_minute_light() {
        let setup = Setup::new();
        let mut h = example(&setup, FULL_HD);
        key(&mut h, Key::F5);
        key(&mut h, Key::T);
        setup.advance(Duration::from_secs(4 * 60 + 10));
        h.run();
        h.snapshot("presentation_last_minute_light");
    }

    /// A note typed live while presenting, in the note's large type.
    #[test]
    fn presentation_typing_light() {
        let setup = Setup::new();
        let mut h = example(&setup, FULL_HD);
        key(&mut h, Key::F5);
        key(&mut h, Key::Num3);
        key(&mut h, Key::N);
        h.event(egui::Event::Text("Menu ideas from the farms".to_owned()));
        h.run();
        h.snapshot("presentation_typing_light");
    }

    #[test]
    fn presentation_reveal_dark() {
        shot(true, &[Key::F], "presentation_reveal_dark");
    }
}

#[test]
fn the_timer_warns_in_its_last_minute_and_counts_overtime() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(4 * 60 + 10));
    h.run();
    assert!(has_label(&h, "00:50"));
    setup.advance(Duration::from_secs(50 + 35));
    h.run();
    assert!(has_label(&h, "Time's up −00:35"), "the overtime counts up");
    // It asks to be redrawn when the count next changes, not every frame.
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(delay > Duration::ZERO && delay <= Duration::from_secs(1));
}

#[test]
fn esc_while_presenting_first_lets_go_of_the_selected_note_then_leaves() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::Tab);
    assert!(h.state().view.selected.is_some());
    press_alone(&mut h, Key::Escape);
    assert!(presenting(&h), "the first Esc only clears the selection");
    assert!(h.state().view.selected.is_none());
    press_alone(&mut h, Key::Escape);
    assert!(!presenting(&h));
}

/// In a spotlight, Tab, Shift+Tab, Up and Down walk the lit area's notes only, and V never
/// votes on a faded note (one selected before the spotlight moved).
#[test]
fn tab_arrows_and_votes_stay_within_the_spotlit_area() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::Tab);
    let faded = h.state().view.selected.clone().expect("a job selected");
    assert_eq!(h.state().canvas().section_of(&faded), Some(Section::Jobs));
    key(&mut h, Key::Num2);
    let pains = h.state().canvas().items(Section::Pains).len();
    // (Left and Right step through the areas while presenting.)
    for (step, modifiers) in [
        (Key::Tab, Modifiers::NONE),
        (Key::ArrowDown, Modifiers::NONE),
        (Key::Tab, Modifiers::SHIFT),
        (Key::ArrowUp, Modifiers::NONE),
    ] {
        for _ in 0..pains + 1 {
            h.key_press_modifiers(modifiers, step);
            h.run();
            let selected = h.state().view.selected.clone().expect("a note selected");
            assert_eq!(
                h.state().canvas().section_of(&selected),
                Some(Section::Pains),
                "{step:?} left the spotlit pains"
            );
        }
    }
    h.state_mut().view.selected = Some(faded.clone());
    key(&mut h, Key::V);
    assert_eq!(h.state().canvas().item(&faded).unwrap().votes(), 0);
}

#[test]
fn clear_all_votes_asks_first_and_one_undo_brings_them_back() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    let votes = |h: &Harness<'_, App>| -> u32 {
        h.state().canvas().all_items().map(|(_, i)| i.votes()).sum()
    };
    let before = votes(&h);
    assert!(before > 0, "the example has votes");
    key(&mut h, Key::F5);
    key(&mut h, Key::C);
    assert!(has_label(&h, "Clear all votes?"));
    click(&mut h, "Keep them");
    assert_eq!(votes(&h), before);
    key(&mut h, Key::C);
    click(&mut h, "Clear votes");
    assert_eq!(votes(&h), 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(votes(&h), before, "one undo step");
}

/// The top-voted list's first entry, wherever it is drawn: "1. <the most-voted note's text>".
fn top_entry(h: &Harness<'_, App>) -> String {
    let canvas = h.state().canvas();
    let (_, id, _) = fitcanvas_model::workshop::top_voted(canvas)[0].clone();
    format!("1. {} ·", canvas.item(id.as_str()).unwrap().text())
}

#[test]
fn the_audience_window_shows_the_top_voted_list_step_and_timer_as_presented() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    click(&mut h, "View");
    click(&mut h, "Audience window");
    let first = top_entry(&h);
    let entries = |h: &Harness<'_, App>| h.query_all_by_label_contains(&first).count();
    // The editor's fit panel may rank the votes; the room does not see them yet.
    let editor = entries(&h);
    h.state_mut().push(Command::Workshop(
        fitcanvas_app::WorkshopAction::ToggleTopVoted,
    ));
    h.run();
    assert_eq!(
        entries(&h),
        editor + 1,
        "the audience window shows the list too"
    );
    // Presenting, the presented screen and the audience window show the same list, step and
    // timer.
    key(&mut h, Key::F5);
    key(&mut h, Key::Num2);
    assert_eq!(entries(&h), 2);
    assert_eq!(h.query_all_by_label("Step 2 of 7: Pains").count(), 2);
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(30));
    h.run();
    assert_eq!(h.query_all_by_label("04:30").count(), 2);
    // The audience's copy is for looking: its entries are text, not links to click.
    let links = h
        .query_all(
            egui_kittest::kittest::By::new()
                .role(egui::accesskit::Role::Link)
                .label_contains(&first),
        )
        .count();
    assert_eq!(links, 1, "only the facilitator's list is clickable");
}

#[test]
fn the_editor_says_what_the_room_sees() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    assert!(h.query_by_label_contains("Room sees").is_none());
    click(&mut h, "View");
    click(&mut h, "Audience window");
    assert!(has_label(&h, "Room sees: All areas"));
    key(&mut h, Key::PageDown);
    assert!(has_label(&h, "Room sees: Step 1 of 7: Customer jobs"));
    key(&mut h, Key::F);
    assert!(has_label(
        &h,
        "Room sees: Step 1 of 7: Customer jobs · fit shown"
    ));
}

#[test]
fn f11_in_the_audience_window_asks_for_full_screen() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    press_alone(&mut h, Key::F11);
    assert!(
        !sent_fullscreen(&h, true),
        "the editor alone does nothing with F11"
    );
    click(&mut h, "View");
    click(&mut h, "Audience window");
    press_alone(&mut h, Key::F11);
    // Embedded in tests, the audience's picture is in the main window: that one is asked.
    assert!(sent_fullscreen(&h, true), "F11 asks for full screen");
    assert!(!presenting(&h), "and does not start presenting");
}

/// Whether a tooltip is on screen for the note `text` after the pointer rests on it.
fn tooltip_after_resting_on(h: &mut Harness<'_, App>, text: &str) -> bool {
    let rect = h.state().view.note_rects[&id_of(h, text)];
    h.hover_at(rect.center());
    // Well past egui's tooltip delay (each step is a quarter of a second).
    h.run_steps(8);
    let shown = h
        .query_by_label_contains(&format!("pain: {text}"))
        .is_some();
    h.remove_cursor();
    h.run();
    shown
}

#[test]
fn no_tooltips_pop_up_on_the_presented_screen() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    let note = "Produce arrives bruised or wilted";
    assert!(
        tooltip_after_resting_on(&mut h, note),
        "the editor shows a note's tooltip"
    );
    key(&mut h, Key::F5);
    key(&mut h, Key::Num2);
    assert!(
        !tooltip_after_resting_on(&mut h, note),
        "none while presenting"
    );
    // Leaving the presentation brings them back.
    key(&mut h, Key::F5);
    assert!(tooltip_after_resting_on(&mut h, note));
}

#[test]
fn stepping_back_from_the_fit_hides_it_again() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    let score = format!("Fit {:.0}%", fit(&h).unwrap());
    key(&mut h, Key::Num6);
    key(&mut h, Key::ArrowRight);
    assert!(has_label(&h, "Step 7 of 7: Fit"));
    assert!(has_label(&h, &score));
    key(&mut h, Key::ArrowLeft);
    assert!(has_label(&h, "Step 6 of 7: Gain creators"));
    assert!(!has_label(&h, &score), "the fit is hidden again");
    assert!(!h.state().presentation.style(1080.0).links);
    // F still reveals it by hand on an area.
    key(&mut h, Key::F);
    assert!(has_label(&h, &score));
}

/// Every line segment drawn in the last frame, with its stroke.
fn segments(h: &Harness<'_, App>) -> Vec<egui::epaint::Stroke> {
    fn walk(shape: &egui::Shape, out: &mut Vec<egui::epaint::Stroke>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::LineSegment { stroke, .. } => out.push(*stroke),
            // Link lines are paths round the notes in their way.
            egui::Shape::Path(path) => {
                if let egui::epaint::ColorMode::Solid(color) = path.stroke.color {
                    out.push(egui::epaint::Stroke::new(path.stroke.width, color));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn link_lines_at_the_fit_are_thick_and_at_full_strength() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::Num6);
    key(&mut h, Key::ArrowRight);
    assert!(has_label(&h, "Step 7 of 7: Fit"));
    let link = fitcanvas_picture::palette::Palette::projector_light().link;
    let link = egui::Color32::from_rgb(link.0, link.1, link.2);
    let lines: Vec<_> = segments(&h)
        .into_iter()
        .filter(|s| s.color == link)
        .collect();
    let links: usize = h
        .state()
        .canvas()
        .all_items()
        .map(|(_, i)| i.addresses().len())
        .sum();
    assert_eq!(lines.len(), links, "every link drawn, none faded");
    for line in &lines {
        assert!(line.width >= 3.0, "a link line {} px wide", line.width);
    }
}

#[test]
fn a_spotlight_fills_the_screen_with_no_empty_band() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    for digit in SPOTLIGHT_KEYS {
        key(&mut h, digit);
        // The notes in view (the spotlit area's and the dimmed ones round it) reach across
        // the screen: no side of it is left blank.
        let shown = h
            .state()
            .view
            .note_rects
            .values()
            .fold(egui::Rect::NOTHING, |all, r| all.union(*r));
        assert!(
            shown.width() >= 0.9 * FULL_HD.0,
            "after {digit:?} the notes span only {shown:?}"
        );
    }
}

#[test]
fn the_timer_asks_for_one_tone_at_one_minute_and_again_after_a_reset() {
    let setup = Setup::new();
    let mut h = example(&setup, FULL_HD);
    key(&mut h, Key::F5);
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(3 * 60 + 59));
    h.run();
    assert_eq!(setup.tones(), 0, "not before the last minute");
    for _ in 0..5 {
        setup.advance(Duration::from_secs(2));
        h.run();
    }
    assert_eq!(
        setup.tones(),
        1,
        "once, not on every frame of the last minute"
    );
    setup.advance(Duration::from_secs(61));
    h.run();
    assert!(has_label(&h, "Time's up −00:10"));
    assert_eq!(setup.tones(), 1, "no tone when time is up");
    h.key_press_modifiers(Modifiers::SHIFT, Key::T);
    h.run();
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(4 * 60 + 1));
    h.run();
    assert_eq!(setup.tones(), 2, "again after a reset");

    // Turned off in the timer window (and remembered), the last minute is silent.
    click(&mut h, "Set timer…");
    click(&mut h, "Tone at one minute left");
    assert!(!fitcanvas_app::Settings::load(&setup.path("config")).timer_tone);
    h.key_press_modifiers(Modifiers::SHIFT, Key::T);
    h.run();
    key(&mut h, Key::T);
    setup.advance(Duration::from_secs(4 * 60 + 1));
    h.run();
    assert_eq!(setup.tones(), 2);
    // In the corner and in the timer window; the corner still turns amber.
    assert_eq!(h.query_all_by_label("00:59").count(), 2);
}
