//! The editor's side of merging: a canvas that comes with merge conflicts opens with its
//! Conflicts list, each conflict settles with one click (and comes back with undo), and once
//! none remain the saved file has no `conflicts` field.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

mod support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

use egui_kittest::Harness;
use fitcanvas::app::{App, Command};
use fitcanvas::merge::merge;
use fitcanvas::{Canvas, Section, format};
use support::{Setup, click};

/// A merged canvas with two conflicts: the late pain's text changed two ways, and the cold
/// pain deleted by ours and reworded by theirs.
fn conflicted() -> Canvas {
    let mut base = Canvas::new();
    base.set_title("Campus crate");
    let late = base.add_item(Section::Pains, "Late deliveries");
    let cold = base.add_item(Section::Pains, "Cold food");
    base.add_item(Section::Jobs, "Eat well on a budget");
    let mut ours = base.clone();
    ours.set_text(late.as_str(), "Deliveries after 8 pm")
        .unwrap();
    ours.remove_item(cold.as_str()).unwrap();
    let mut theirs = base.clone();
    theirs
        .set_text(late.as_str(), "Deliveries missed in lectures")
        .unwrap();
    theirs.set_text(cold.as_str(), "Food arrives cold").unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts().len(), 2, "{:?}", merged.conflicts());
    merged
}

/// The editor with the conflicted canvas opened from a file, and that file.
fn open_conflicted(setup: &Setup) -> (Harness<'static, App>, PathBuf) {
    let file = setup.path("merged.json");
    format::save_file(&file, &conflicted()).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().push(Command::OpenPath(file.clone()));
    h.run();
    (h, file)
}

fn pains(h: &Harness<'_, App>) -> Vec<String> {
    support::texts(h, Section::Pains)
}

#[test]
fn the_conflicts_list_settles_each_conflict_undoably_and_saving_drops_the_field() {
    let setup = Setup::new();
    let (mut h, file) = open_conflicted(&setup);
    assert!(h.query_by_label("Conflicts (2)").is_some());
    assert!(
        h.state().status.contains("2 merge conflicts"),
        "{}",
        h.state().status
    );
    // The canvas shows ours, and the changed note that ours deleted, until a side is chosen.
    assert_eq!(pains(&h), ["Deliveries after 8 pm", "Food arrives cold"]);
    assert!(h.query_by_label("Ours: “Deliveries after 8 pm”").is_some());
    assert!(
        h.query_by_label("Theirs: “Deliveries missed in lectures”")
            .is_some()
    );
    h.snapshot("conflicts_list");

    click(&mut h, "Keep theirs");
    assert_eq!(
        pains(&h),
        ["Deliveries missed in lectures", "Food arrives cold"]
    );
    assert!(h.query_by_label("Conflicts (1)").is_some());

    // Undo brings the conflict back with ours's text; redo settles it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(pains(&h), ["Deliveries after 8 pm", "Food arrives cold"]);
    assert!(h.query_by_label("Conflicts (2)").is_some());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        pains(&h),
        ["Deliveries missed in lectures", "Food arrives cold"]
    );

    // Ours deleted the cold pain: deleting it is keeping ours.
    click(&mut h, "Delete it");
    assert_eq!(pains(&h), ["Deliveries missed in lectures"]);
    assert!(h.query_by_label_contains("Conflicts (").is_none());
    assert!(h.state().status.contains("settled"), "{}", h.state().status);

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(!saved.contains("conflicts"), "{saved}");
    assert_eq!(
        support::texts_in_file(&file, Section::Pains),
        ["Deliveries missed in lectures"]
    );
}

#[test]
fn edit_goes_to_the_note_and_keeping_ours_keeps_the_hand_made_text() {
    let setup = Setup::new();
    let (mut h, _) = open_conflicted(&setup);
    let late = support::id_of(&h, "Deliveries after 8 pm");
    h.get_all_by_label("Edit by hand").next().unwrap().click();
    h.run();
    assert_eq!(h.state().view.selected.as_ref(), Some(&late));
    // Typing replaces the selected text of the note being edited.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(
        "Deliveries after 8 pm or in lectures".to_owned(),
    ));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    click(&mut h, "Keep ours");
    assert_eq!(
        pains(&h),
        ["Deliveries after 8 pm or in lectures", "Food arrives cold"]
    );
    assert!(h.query_by_label("Conflicts (1)").is_some());
}
