//! Every keystroke lands: keys typed faster than frames are drawn, so that one frame carries
//! several (Enter and the next note's text, Ctrl+2 and the first letters, ten V presses), are
//! each handled in the order they were typed, and what was typed is what the file holds. Esc
//! keeps the text, and closing without saving leaves nothing behind.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::time::Duration;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::{App, Command, Modal, Pending};
use fitcanvas_model::score;
use fitcanvas_model::section::Section;

mod support;

use support::*;

/// A blank canvas in a harness that lets a burst of keys play out.
fn new_canvas(setup: &Setup) -> Harness<'static, App> {
    let mut h = setup.harness_with_steps((1280.0, 720.0), 200);
    click(&mut h, "New blank canvas");
    h
}

fn press(key: Key, modifiers: Modifiers) -> [Event; 2] {
    let event = |pressed| Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    };
    [event(true), event(false)]
}

/// What a keyboard sends for `text`, typed: for each character its key (where there is one)
/// and the character itself.
fn typed(text: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for c in text.chars() {
        let name = c.to_ascii_uppercase().to_string();
        let key = Key::from_name(&name).filter(|_| c.is_ascii_alphanumeric());
        let shift = if c.is_ascii_uppercase() {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        if let Some(key) = key {
            events.push(press(key, shift)[0].clone());
        }
        events.push(Event::Text(c.to_string()));
        if let Some(key) = key {
            events.push(press(key, shift)[1].clone());
        }
    }
    events
}

/// Puts all of `events` into the next frame, as a busy machine delivers them, and runs.
fn one_frame(h: &mut Harness<'_, App>, events: Vec<Event>) {
    h.input_mut().events.extend(events);
    h.run();
}

fn saved_texts(setup: &Setup, h: &mut Harness<'_, App>, section: Section) -> Vec<String> {
    let path = setup.path("typed.json");
    h.state_mut().push(Command::SaveTo(path.clone()));
    h.run();
    texts_in_file(&path, section)
}

#[test]
fn text_enter_and_text_in_one_frame_make_two_whole_notes() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    // Ctrl+2, two notes and Esc, all in one frame.
    let mut events = press(Key::Num2, Modifiers::COMMAND).to_vec();
    events.extend(typed("Fast one alpha"));
    events.extend(press(Key::Enter, Modifiers::NONE));
    events.extend(typed("Fast two bravo"));
    events.extend(press(Key::Enter, Modifiers::NONE));
    events.extend(typed("vt"));
    events.extend(press(Key::Escape, Modifiers::NONE));
    one_frame(&mut h, events);
    assert_eq!(
        saved_texts(&setup, &mut h, Section::Pains),
        ["Fast one alpha", "Fast two bravo", "vt"]
    );
    // The letters went into the notes: no vote, no timer.
    assert!(h.state().canvas().all_items().all(|(_, i)| i.votes() == 0));
    assert!(!h.state().presentation.timer.is_running());
    assert!(h.state().view.entry.is_none());
}

#[test]
fn letters_typed_right_after_ctrl_digit_go_into_the_new_note() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    let mut events = press(Key::Num1, Modifiers::COMMAND).to_vec();
    events.extend(typed("Order"));
    events.extend(press(Key::Num3, Modifiers::COMMAND));
    events.extend(typed("Calm"));
    events.extend(press(Key::Enter, Modifiers::NONE));
    one_frame(&mut h, events);
    assert_eq!(texts(&h, Section::Jobs), ["Order"]);
    assert_eq!(saved_texts(&setup, &mut h, Section::Gains), ["Calm"]);
}

#[test]
fn ten_v_presses_in_one_frame_are_ten_votes_while_presenting() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add pain");
    type_and_enter(&mut h, "Slow");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Slow");
    h.key_press(Key::F5);
    h.run();
    let events = (0..10).flat_map(|_| typed("v")).collect();
    one_frame(&mut h, events);
    let id = id_of(&h, "Slow");
    assert_eq!(h.state().canvas().item(&id).unwrap().votes(), 10);
    // Shift+V takes them back one by one; undo takes back one press.
    let events = (0..3)
        .flat_map(|_| {
            let [down, up] = press(Key::V, Modifiers::SHIFT);
            [down, Event::Text("V".into()), up]
        })
        .collect();
    one_frame(&mut h, events);
    assert_eq!(h.state().canvas().item(&id).unwrap().votes(), 7);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().canvas().item(&id).unwrap().votes(), 8);
    // In the editor a V is only a letter: it votes nowhere.
    h.key_press(Key::F5);
    h.run();
    one_frame(&mut h, typed("v"));
    assert_eq!(h.state().canvas().item(&id).unwrap().votes(), 8);
}

#[test]
fn presenting_n_type_enter_n_puts_no_stray_letter_in_a_note() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::Num2);
    h.run();
    let mut events = typed("n");
    events.extend(typed("Alpha"));
    events.extend(press(Key::Enter, Modifiers::NONE));
    events.extend(press(Key::Escape, Modifiers::NONE));
    events.extend(typed("n"));
    events.extend(typed("Bravo"));
    events.extend(press(Key::Enter, Modifiers::NONE));
    one_frame(&mut h, events);
    assert_eq!(texts(&h, Section::Pains), ["Alpha", "Bravo"]);
    assert!(
        h.state().presentation.active,
        "Esc ended the typing, not the show"
    );
}

#[test]
fn esc_keeps_a_new_note_and_an_edit_and_undo_takes_each_back() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add gain");
    h.event(Event::Text("Calm evenings".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(texts(&h, Section::Gains), ["Calm evenings"]);
    assert!(h.state().view.entry.is_none());
    // Editing an existing note: Esc keeps the new text too.
    click_note(&mut h, "Calm evenings");
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(Event::Text("Quiet evenings".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(texts(&h, Section::Gains), ["Quiet evenings"]);
    // An empty new note is dropped, not added.
    click(&mut h, "Add gain");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(texts(&h, Section::Gains), ["Quiet evenings"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Gains), ["Calm evenings"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(texts(&h, Section::Gains).is_empty());
}

/// A field already taking keys, and the last letters arriving in the same frame as the key
/// that ends the note: as a real window delivers a fast typist's keys (egui sees that key
/// before any widget runs).
#[test]
fn the_last_letters_in_the_frame_of_esc_enter_tab_or_ctrl_s_are_kept() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    let enders: [(Key, Modifiers); 4] = [
        (Key::Escape, Modifiers::NONE),
        (Key::Enter, Modifiers::NONE),
        (Key::Tab, Modifiers::NONE),
        (Key::S, Modifiers::COMMAND),
    ];
    let mut want = Vec::new();
    for (n, (key, modifiers)) in enders.into_iter().enumerate() {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
        h.run();
        h.event(Event::Text(format!("Pain {n} about the data ")));
        h.run();
        // The last letters and the ending key, in one frame of raw input.
        let mut events = typed("plan");
        events.extend(press(key, modifiers));
        one_frame(&mut h, events);
        h.key_press(Key::Escape);
        h.run();
        want.push(format!("Pain {n} about the data plan"));
        assert_eq!(texts(&h, Section::Pains), want, "ended by {key:?}");
    }
    // Editing an existing note in place: Esc in the frame of its last letters.
    click_note(&mut h, "Pain 0 about the data plan");
    h.key_press(Key::F2);
    h.run();
    let mut events = typed(" XYZ");
    events.extend(press(Key::Escape, Modifiers::NONE));
    one_frame(&mut h, events);
    assert_eq!(
        saved_texts(&setup, &mut h, Section::Pains)[0],
        "Pain 0 about the data plan XYZ"
    );
}

/// Keys typed while no field takes them (after a click on a label) do what they do on the
/// canvas, or nothing: never turn up in the next field clicked.
#[test]
fn keys_typed_with_no_field_focused_never_reach_a_field_clicked_later() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    // The label beside the field, not the field it names.
    h.get_all_by_value("Title").next().unwrap().click();
    h.run();
    assert!(h.ctx.memory(|m| m.focused()).is_none());
    h.input_mut()
        .events
        .extend(typed("STRAYTEXT typed after clicking a label"));
    h.step();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title")
        .click();
    h.run();
    h.event(Event::Text("Plan".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().canvas().title(), "Plan");
}

/// Enter on a note being edited keeps it and stops, as the key table says; on a new note it
/// keeps it and starts the next.
#[test]
fn enter_keeps_an_edited_note_and_stops_but_starts_the_next_new_one() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    type_and_enter(&mut h, "Calm evenings");
    let next = h
        .state()
        .view
        .entry
        .clone()
        .expect("Enter started the next note");
    assert_eq!(
        (next.section, next.editing, next.text.as_str()),
        (Section::Gains, None, "")
    );
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Calm evenings");
    h.key_press(Key::Enter);
    h.run();
    h.event(Event::Text(" at home".into()));
    h.run();
    // The inspector shows what is typed in place, while it is typed.
    let shown = h.get_by_label("Text").value();
    assert_eq!(shown.as_deref(), Some("Calm evenings at home"));
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().view.entry.is_none(),
        "Enter on an edited note stops"
    );
    assert_eq!(texts(&h, Section::Gains), ["Calm evenings at home"]);
    assert!(
        fitcanvas_app::markdown_table()
            .contains("keep the note (and, for a new note, start the next)")
    );
}

/// Undo and redo select the notes they changed, so one sees what came back.
#[test]
fn undo_and_redo_select_what_they_changed() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    type_and_enter(&mut h, "Late deliveries");
    type_and_enter(&mut h, "Cold food");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Late deliveries");
    h.key_press(Key::Delete);
    h.run();
    click_note(&mut h, "Cold food");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let late = support::id_of(&h, "Late deliveries");
    assert_eq!(
        h.state().view.selected.as_ref(),
        Some(&late),
        "undo brings it back selected"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    type_and_enter(&mut h, "Order");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Cold food");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    let order = support::id_of(&h, "Order");
    assert_eq!(
        h.state().view.selected.as_ref(),
        Some(&order),
        "redo selects the note it added"
    );
}

#[test]
fn dont_save_closes_at_once_and_leaves_no_recovery_file() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add job");
    type_and_enter(&mut h, "Unsaved job");
    setup.advance(Duration::from_secs(4));
    h.run();
    assert_eq!(
        setup.recovery_files().len(),
        1,
        "autosave wrote the recovery file"
    );
    // Quit while still typing: the text is kept, so the prompt asks about it.
    h.event(Event::Text("Half".into()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    close_window(&mut h);
    h.run();
    assert_eq!(h.state().modal, Some(Modal::Unsaved(Pending::Close)));
    assert_eq!(texts(&h, Section::Jobs), ["Unsaved job", "Half"]);
    h.get_by_label("Don't save").click();
    let mut closing = false;
    for _ in 0..3 {
        h.step();
        closing |= h
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    assert!(
        closing,
        "the window is told to close, without waiting for a key"
    );
    assert!(setup.recovery_files().is_empty());
    // Nothing writes it again while the window goes.
    setup.advance(Duration::from_secs(10));
    h.run();
    assert!(setup.recovery_files().is_empty());
    assert!(h.state().modal.is_none());
}

#[test]
fn leaving_a_presentation_while_typing_keeps_the_note() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::Num3);
    h.run();
    h.key_press(Key::N);
    h.run();
    h.event(Event::Text("Loved by chefs".into()));
    h.run();
    // F5 works while typing and ends the presentation; the note is not lost with its field.
    h.key_press(Key::F5);
    h.run();
    assert!(!h.state().presentation.active);
    assert_eq!(texts(&h, Section::Gains), ["Loved by chefs"]);
    assert!(score(h.state().canvas()).fit.is_some());
}

#[test]
fn the_readme_key_table_is_the_action_tables() {
    let readme =
        std::fs::read_to_string(fitcanvas_testkit::at_root("README.md")).expect("README.md");
    let start = readme
        .find("<!-- keys -->")
        .expect("README marks its key table");
    let end = readme
        .find("<!-- /keys -->")
        .expect("README ends its key table");
    let table = readme[start + "<!-- keys -->".len()..end].trim();
    if table != fitcanvas_app::markdown_table().trim() {
        eprintln!("{}", fitcanvas_app::markdown_table());
    }
    assert_eq!(
        table,
        fitcanvas_app::markdown_table().trim(),
        "README's key table differs from the action table: paste fitcanvas_app::markdown_table()"
    );
}
