//! The editor's side of merging: a canvas that comes with merge conflicts opens with its
//! Conflicts list, each conflict settles with one click (and comes back with undo), and once
//! none remain the saved file has no `conflicts` field. And the open file changed by another
//! program: reloaded when nothing here is unsaved, otherwise never overwritten unasked, with
//! Merge keeping both sides' changes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

mod support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

use egui_kittest::Harness;
use fitcanvas_app::{App, Command, Modal};
use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::format;
use fitcanvas_model::merge::merge;
use support::{Setup, click, run_until};

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
    assert_eq!(
        h.state().title(),
        "merged.json — 2 unresolved conflicts — Fitcanvas"
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
    assert_eq!(h.state().title(), "● merged.json — Fitcanvas");
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
fn a_settled_conflict_keeps_its_row_while_the_pointer_is_on_the_list() {
    let setup = Setup::new();
    let (mut h, _) = open_conflicted(&setup);
    let delete_it = |h: &Harness<'_, App>| h.get_by_label("Delete it").rect();
    let before = delete_it(&h);
    click(&mut h, "Keep theirs");
    assert!(h.query_by_label("Conflicts (1)").is_some());
    // The next entry's buttons stay where they were, not under the pointer.
    assert!(h.query_by_label("✓ Settled: kept theirs").is_some());
    assert_eq!(delete_it(&h), before);
    // Once the pointer leaves the list, the rows close up.
    h.event(egui::Event::PointerMoved(egui::pos2(200.0, 400.0)));
    h.run();
    assert!(h.query_by_label("✓ Settled: kept theirs").is_none());
    assert!(delete_it(&h).top() < before.top());
    // Undo brings the conflict back in its place, and no settled row with it.
    click(&mut h, "Delete it");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label("Conflicts (1)").is_some());
    assert!(h.query_by_label_contains("✓ Settled").is_none());
}

#[test]
fn exporting_a_canvas_with_conflicts_marks_it_a_draft_and_says_so() {
    let setup = Setup::new();
    let (mut h, _) = open_conflicted(&setup);
    click(&mut h, "File");
    click(&mut h, "Export…");
    click(&mut h, "SVG");
    let file = setup.path("merged.svg");
    setup.dialogs.push(Some(file.clone()));
    click(&mut h, "Export SVG…");
    support::finish_export(&mut h);
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.contains("Draft: 2 unresolved conflicts"));
    assert!(
        h.state()
            .status
            .contains("marked “Draft: 2 unresolved conflicts”"),
        "{}",
        h.state().status
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

/// A canvas file another program changes while the editor has it open.
fn open_shared(setup: &Setup) -> (Harness<'static, App>, PathBuf, Canvas) {
    let mut canvas = Canvas::new();
    canvas.set_title("Shared");
    canvas.add_item(Section::Pains, "Late deliveries");
    canvas.add_item(Section::Jobs, "Eat well on a budget");
    let file = setup.path("shared.json");
    format::save_file(&file, &canvas).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().push(Command::OpenPath(file.clone()));
    h.run();
    assert_eq!(h.state().canvas(), &canvas);
    (h, file, canvas)
}

/// What a colleague's copy of the canvas saves over the file: a new gain.
fn colleague_adds_a_gain(file: &std::path::Path, opened: &Canvas) -> Canvas {
    let mut theirs = opened.clone();
    theirs.add_item(Section::Gains, "Fresh food every day");
    format::save_file(file, &theirs).unwrap();
    theirs
}

fn type_a_pain(h: &mut Harness<'_, App>, text: &str) {
    h.state_mut().push(Command::AddNote {
        section: Section::Pains,
        text: text.to_owned(),
    });
    h.run();
}

#[test]
fn a_file_changed_on_disk_with_nothing_unsaved_is_reloaded_and_undo_brings_the_old_one_back() {
    let setup = Setup::new();
    let (mut h, file, opened) = open_shared(&setup);
    let theirs = colleague_adds_a_gain(&file, &opened);
    assert!(run_until(&mut h, |app| app.canvas() == &theirs));
    assert!(
        h.state().status.contains("changed on disk"),
        "{}",
        h.state().status
    );
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().canvas(), &opened);
    assert!(
        h.state().doc.is_dirty(),
        "the open version now differs from the file"
    );
}

#[test]
fn with_unsaved_changes_the_watcher_asks_and_merge_keeps_both_sides() {
    let setup = Setup::new();
    let (mut h, file, opened) = open_shared(&setup);
    type_a_pain(&mut h, "Food arrives cold");
    colleague_adds_a_gain(&file, &opened);
    assert!(run_until(&mut h, asking));
    assert!(h.query_by_label("The file changed on disk").is_some());
    h.snapshot("outside_change_prompt");
    // Nothing was lost or written while asking.
    assert_eq!(
        support::texts_in_file(&file, Section::Pains),
        ["Late deliveries"]
    );
    click(&mut h, "Merge");
    assert_eq!(pains(&h), ["Late deliveries", "Food arrives cold"]);
    assert_eq!(support::texts(&h, Section::Gains), ["Fresh food every day"]);
    assert!(h.state().doc.is_dirty());
    assert!(h.state().canvas().conflicts().is_empty());
    // Saving now writes both, and asks nothing more.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("The file changed on disk").is_none());
    assert_eq!(
        support::texts_in_file(&file, Section::Pains),
        ["Late deliveries", "Food arrives cold"]
    );
    assert_eq!(
        support::texts_in_file(&file, Section::Gains),
        ["Fresh food every day"]
    );
}

fn asking(app: &App) -> bool {
    matches!(app.modal, Some(Modal::OutsideChange))
}

/// Types a pain, lets the colleague change the file, and presses Ctrl+S at once, before any
/// word from the watcher: the save itself must look first and ask.
fn unsaved_pain_then_save_over_their_change(
    h: &mut Harness<'_, App>,
    file: &std::path::Path,
    opened: &Canvas,
) -> Canvas {
    type_a_pain(h, "Food arrives cold");
    let theirs = colleague_adds_a_gain(file, opened);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(asking(h.state()));
    theirs
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first_and_reload_takes_theirs() {
    let setup = Setup::new();
    let (mut h, file, opened) = open_shared(&setup);
    let theirs = unsaved_pain_then_save_over_their_change(&mut h, &file, &opened);
    assert_eq!(
        format::load_file(&file).unwrap(),
        theirs,
        "the file was overwritten"
    );
    click(&mut h, "Reload from disk");
    assert_eq!(h.state().canvas(), &theirs);
    assert!(!h.state().doc.is_dirty());
    // Undo brings the unsaved pain back; nothing typed is lost.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(pains(&h), ["Late deliveries", "Food arrives cold"]);
}

#[test]
fn keep_mine_saves_this_version_elsewhere_and_leaves_theirs_alone() {
    let setup = Setup::new();
    let (mut h, file, opened) = open_shared(&setup);
    let theirs = unsaved_pain_then_save_over_their_change(&mut h, &file, &opened);
    let copy = setup.path("mine.json");
    setup.dialogs.push(Some(copy.clone()));
    click(&mut h, "Keep mine (save as…)");
    h.run();
    assert_eq!(format::load_file(&file).unwrap(), theirs);
    assert_eq!(
        support::texts_in_file(&copy, Section::Pains),
        ["Late deliveries", "Food arrives cold"]
    );
    assert_eq!(h.state().doc.path(), Some(copy.as_path()));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn merge_lists_what_both_changed_as_a_conflict() {
    let setup = Setup::new();
    let (mut h, file, opened) = open_shared(&setup);
    let late = support::id_of(&h, "Late deliveries");
    h.state_mut()
        .push(Command::edit(fitcanvas_model::edit::Edit::SetText {
            id: late.clone(),
            text: "Deliveries after 8 pm".to_owned(),
        }));
    h.run();
    let mut theirs = opened.clone();
    theirs
        .set_text(late.as_str(), "Deliveries missed in lectures")
        .unwrap();
    format::save_file(&file, &theirs).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    click(&mut h, "Merge");
    assert_eq!(pains(&h), ["Deliveries after 8 pm"]);
    assert!(h.query_by_label("Conflicts (1)").is_some());
    click(&mut h, "Keep theirs");
    assert_eq!(pains(&h), ["Deliveries missed in lectures"]);
    assert!(!h.state().doc.is_dirty(), "theirs is what the file holds");
}
