//! The editor driven as a person would: by labels, clicks and key presses, on the real app
//! state, with the accessibility check on. Settings, recovery and file dialogs are redirected
//! to temporary folders and scripts, and time is a test clock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::{App, Modal, Screen};
use fitcanvas_model::Canvas;
use fitcanvas_model::ItemId;
use fitcanvas_model::format;
use fitcanvas_model::score;
use fitcanvas_model::section::Section;

mod support;

use support::*;

#[test]
fn add_notes_in_all_six_areas_with_plus_and_keyboard() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    for section in Section::ALL {
        click(&mut h, &format!("Add {}", section.singular()));
        type_and_enter(&mut h, &format!("First {}", section.key()));
        // Enter starts the next note in the same area.
        type_and_enter(&mut h, &format!("Second {}", section.key()));
        h.key_press(Key::Escape);
        h.run();
        assert_eq!(
            texts(&h, section),
            [
                format!("First {}", section.key()),
                format!("Second {}", section.key())
            ]
        );
    }
    assert!(h.state().view.entry.is_none(), "Esc ends typing");
    // Ctrl+2 starts a pain from the keyboard alone.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    type_and_enter(&mut h, "Third pains");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(texts(&h, Section::Pains).len(), 3);
    assert!(h.state().doc.is_dirty());
    assert!(h.state().title().starts_with('●'));
}

#[test]
fn edit_weight_kind_reorder_delete_and_undo_redo() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add pain");
    for t in ["Slow", "Costly", "Risky"] {
        type_and_enter(&mut h, t);
    }
    h.key_press(Key::Escape);
    h.run();

    // Edit in place: select, Enter, type, Enter.
    click_note(&mut h, "Slow");
    h.key_press(Key::Enter);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_and_enter(&mut h, "Very slow");
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Costly", "Risky"]);

    // Weight by inspector and by digit key; kind by radio button.
    click(&mut h, "Weight 5");
    let id = id_of(&h, "Very slow");
    assert_eq!(h.state().canvas().item(&id).unwrap().weight(), 5);
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(h.state().canvas().item(&id).unwrap().weight(), 2);
    click(&mut h, "Risk");
    assert_eq!(
        h.state().canvas().item(&id).unwrap().kind(),
        Some(fitcanvas_model::Kind::Risk)
    );

    // Reorder with Alt+Down, then back with the inspector.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Costly", "Very slow", "Risky"]);
    click(&mut h, "Move earlier");
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Costly", "Risky"]);

    // Arrow keys and Tab move the selection.
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Costly").as_str())
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Risky").as_str())
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Costly").as_str())
    );

    // Delete removes it; undo brings it back, redo removes it again.
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Risky"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Costly", "Risky"]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Risky"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Very slow", "Risky"]);
    // Backspace on a selected note deletes too.
    click_note(&mut h, "Risky");
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Very slow"]);
    // Undo everything back to the blank canvas through the Edit menu.
    while h.state().doc.can_undo() {
        click(&mut h, "Edit");
        h.get_by_label_contains("Undo").click();
        h.run();
    }
    assert!(h.state().canvas().is_empty());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn editing_in_place_shows_the_whole_text_and_keeps_a_note_one_paragraph() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add job");
    type_and_enter(&mut h, "Plan the week");
    h.key_press(Key::Escape);
    h.run();
    let id = id_of(&h, "Plan the week");
    let note = h.state().view.note_rects[&id];
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().view.entry.is_some(),
        "Enter edits the selected note"
    );
    h.key_press(Key::End);
    let long = " around the children's school runs, the farmers' market, two late shifts at the \
                hospital, a parents' evening on Thursday and the long drive to see grandparents";
    h.event(egui::Event::Text(long.to_owned()));
    h.run();
    // The field wraps the text and grows past the note's bottom edge instead of scrolling it
    // out of sight.
    let field = h.get_by_role_and_label(Role::TextInput, "Note text").rect();
    assert!(field.height() > note.height(), "{field:?} vs {note:?}");
    assert!(
        (field.top() - note.top()).abs() < 8.0,
        "it sits on the note"
    );
    // Line breaks pasted into a note become spaces; Tab commits like a click elsewhere.
    h.event(egui::Event::Paste("\nand Sundays".to_owned()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(h.state().view.entry.is_none());
    assert_eq!(
        texts(&h, Section::Jobs),
        [format!("Plan the week{long} and Sundays")]
    );
}

#[test]
fn f6_moves_the_keyboard_to_the_side_panel_and_back() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    click_note(&mut h, "Late deliveries");
    h.key_press(Key::F6);
    h.run();
    assert!(h.get_by_label("Title").is_focused());
    // Tab now walks the side panel's controls instead of the notes.
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("Customer").is_focused());
    assert_eq!(h.state().view.selected, Some(id_of(&h, "Late deliveries")));
    // F6 again gives the keyboard back to the canvas, where Tab moves the selection.
    h.key_press(Key::F6);
    h.run();
    assert!(!h.get_by_label("Customer").is_focused());
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().view.selected, Some(id_of(&h, "Wrong produce")));
}

#[test]
fn up_and_down_follow_the_rows_as_drawn_in_the_circle() {
    let setup = Setup::new();
    let mut h = setup.harness((1920.0, 1080.0));
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    let selected = |h: &Harness<'_, App>| h.state().view.selected.clone().unwrap();
    let rect = |h: &Harness<'_, App>, id: &ItemId| h.state().view.note_rects[id];
    click_note(&mut h, "Build a seasonal menu around what is available");
    let start = selected(&h);
    // Down goes to the note drawn below, in the same column of the picture.
    h.key_press(Key::ArrowDown);
    h.run();
    let below = selected(&h);
    let (a, b) = (rect(&h, &start), rect(&h, &below));
    assert_ne!(below, start);
    assert!(b.top() >= a.bottom() - 0.5, "{b:?} is below {a:?}");
    assert!(
        b.left() < a.right() && a.left() < b.right(),
        "{b:?} under {a:?}"
    );
    // Up comes back.
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), start);
    // Right goes to the next note in the area's order.
    h.key_press(Key::ArrowRight);
    h.run();
    let jobs = h.state().canvas().items(Section::Jobs);
    let at = jobs.iter().position(|i| *i.id() == start).unwrap();
    assert_eq!(&selected(&h), jobs[at + 1].id());
}

#[test]
fn typing_in_the_inspector_is_one_undo_step() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add job");
    type_and_enter(&mut h, "Cook");
    h.key_press(Key::Escape);
    h.run();
    click_note(&mut h, "Cook");
    h.get_by_label("Text").focus();
    h.run();
    h.key_press(Key::End);
    for c in [" ", "d", "i", "n", "n", "e", "r"] {
        h.event(egui::Event::Text(c.to_owned()));
        h.run();
    }
    assert_eq!(texts(&h, Section::Jobs), ["Cook dinner"]);
    h.get_by_role_and_label(Role::Button, "Cook dinner").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Jobs), ["Cook"]);
}

#[test]
fn pasting_lines_makes_one_note_each_as_one_step() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Add gain");
    h.event(egui::Event::Paste("Calm\nCheap\n\nQuick\n".to_owned()));
    h.run();
    assert_eq!(texts(&h, Section::Gains), ["Calm", "Cheap", "Quick"]);
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(texts(&h, Section::Gains).is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    // With a note selected and no field open, a paste adds to that note's area.
    click_note(&mut h, "Cheap");
    h.event(egui::Event::Paste("Fresh\nLocal".to_owned()));
    h.run();
    assert_eq!(
        texts(&h, Section::Gains),
        ["Calm", "Cheap", "Quick", "Fresh", "Local"]
    );
}

fn fit_setup(setup: &Setup) -> Harness<'static, App> {
    let mut h = new_canvas(setup);
    click(&mut h, "Add pain");
    type_and_enter(&mut h, "Late deliveries");
    type_and_enter(&mut h, "Wrong produce");
    h.key_press(Key::Escape);
    click(&mut h, "Add pain reliever");
    type_and_enter(&mut h, "Tracked vans");
    h.key_press(Key::Escape);
    h.run();
    h
}

#[test]
fn link_and_unlink_with_checkboxes_and_by_dragging() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    assert_eq!(fit(&h), Some(0.0));
    assert!(
        h.query_by_label("Tracked vans · addresses nothing")
            .is_some()
    );

    click_note(&mut h, "Tracked vans");
    h.get_by_role_and_label(Role::CheckBox, "Late deliveries")
        .click();
    h.run();
    assert_eq!(fit(&h), Some(50.0));
    h.get_by_role_and_label(Role::CheckBox, "Late deliveries")
        .click();
    h.run();
    assert_eq!(fit(&h), Some(0.0));

    // Drag the reliever onto the second pain: linked.
    let from = h
        .get_by_role_and_label(Role::Button, "Tracked vans")
        .rect()
        .center();
    let to = h
        .get_by_role_and_label(Role::Button, "Wrong produce")
        .rect()
        .center();
    h.drag_at(from);
    h.step();
    h.hover_at(from + egui::vec2(10.0, 5.0));
    h.step();
    h.hover_at(to);
    h.step();
    h.drop_at(to);
    h.run();
    assert_eq!(fit(&h), Some(50.0));
    let reliever = id_of(&h, "Tracked vans");
    let pain = id_of(&h, "Wrong produce");
    assert_eq!(
        h.state().canvas().item(&reliever).unwrap().addresses()[0],
        pain
    );

    // The fit panel lists the unaddressed pain; clicking it selects that note.
    click(&mut h, "Late deliveries · weight 3");
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Late deliveries").as_str())
    );
    // Undo and redo the link.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(fit(&h), Some(0.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(fit(&h), Some(50.0));
    // Deleting the pain removes its link.
    click_note(&mut h, "Wrong produce");
    h.key_press(Key::Delete);
    h.run();
    assert!(
        h.state()
            .canvas()
            .item(&reliever)
            .unwrap()
            .addresses()
            .is_empty()
    );
    assert_eq!(fit(&h), Some(0.0));
}

#[test]
fn status_in_the_inspector_moves_the_validated_fit_and_what_to_test_next() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    click_note(&mut h, "Tracked vans");
    h.get_by_role_and_label(Role::CheckBox, "Late deliveries")
        .click();
    h.run();
    let validated = |h: &Harness<'_, App>| score(h.state().canvas()).validated_fit;
    assert_eq!(fit(&h), Some(50.0));
    assert_eq!(validated(&h), Some(0.0));
    assert!(h.query_by_label("Validated fit: 0%").is_some());
    // Both the reliever and the pain it relieves carry 50 fit points, untested.
    assert!(
        h.query_by_label("Late deliveries · 50 fit points")
            .is_some()
    );
    assert!(h.query_by_label("Tracked vans · 50 fit points").is_some());

    click_note(&mut h, "Late deliveries");
    h.get_by_role_and_label(Role::RadioButton, "Validated")
        .click();
    h.run();
    let pain = id_of(&h, "Late deliveries");
    assert_eq!(
        h.state().canvas().item(&pain).unwrap().status(),
        fitcanvas_model::Status::Validated
    );
    assert_eq!(validated(&h), Some(50.0));
    assert!(h.query_by_label("Validated fit: 50%").is_some());
    // Settled: no longer something to test next.
    assert!(
        h.query_by_label("Late deliveries · 50 fit points")
            .is_none()
    );

    // The list selects the note it names; undo takes the status back.
    click(&mut h, "Tracked vans · 50 fit points");
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Tracked vans").as_str())
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(validated(&h), Some(0.0));
}

#[test]
fn drag_within_an_area_reorders() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    let from = h
        .get_by_role_and_label(Role::Button, "Wrong produce")
        .rect()
        .center();
    let to = h
        .get_by_role_and_label(Role::Button, "Late deliveries")
        .rect()
        .center();
    h.drag_at(from);
    h.step();
    h.hover_at(from + egui::vec2(0.0, -10.0));
    h.step();
    h.hover_at(to);
    h.step();
    h.drop_at(to);
    h.run();
    assert_eq!(
        texts(&h, Section::Pains),
        ["Wrong produce", "Late deliveries"]
    );
}

#[test]
fn save_to_a_folder_and_reopen() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    let file = setup.path("mine.json");
    setup.dialogs.push(Some(file.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().title(), "mine.json — Fitcanvas");
    let saved = format::load_file(&file).unwrap();
    assert_eq!(&saved, h.state().canvas());

    // A second Save goes straight to the same file.
    click_note(&mut h, "Late deliveries");
    click(&mut h, "Weight 5");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        format::load_file(&file).unwrap().items(Section::Pains)[0].weight(),
        5
    );

    // Reopen in a fresh window from the recent files on the start screen.
    let mut h2 = setup.harness((1280.0, 720.0));
    let folder = file
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    click(&mut h2, &format!("mine.json — {folder}"));
    assert_eq!(h2.state().canvas(), &format::load_file(&file).unwrap());
    assert_eq!(h2.state().doc.path(), Some(file.as_path()));
}

#[test]
fn a_bad_file_leaves_the_open_canvas_untouched() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    let before = h.state().canvas().clone();
    let bad = setup.path("bad.json");
    std::fs::write(
        &bad,
        "{ \"format\": \"fitcanvas\", \"version\": 1, \"jobs\": [ {\"id\": 3} ] }",
    )
    .unwrap();
    setup.dialogs.push(Some(bad.clone()));
    // The canvas has unsaved changes: opening asks first; "Don't save" lets it go ahead.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    click(&mut h, "Don't save");
    let message = match &h.state().modal {
        Some(Modal::Message { text, .. }) => text.clone(),
        other => panic!("expected an error message, got {other:?}"),
    };
    let expected = format::load_file(&bad).unwrap_err().to_string();
    assert_eq!(message, expected);
    assert!(
        h.query_all_by_label(&expected).count() >= 1,
        "the message is shown in the window"
    );
    click(&mut h, "OK");
    assert_eq!(h.state().canvas(), &before);
    assert_eq!(h.state().screen, Screen::Canvas);
}

#[test]
fn unsaved_changes_prompt_cancel_save_and_dont_save() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    // Cancel keeps everything.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.query_by_label("Save changes?").is_some());
    click(&mut h, "Cancel");
    assert_eq!(h.state().canvas().len(), 3);
    // Save asks for a name (no native dialog here: the app's own file browser, where a whole
    // path can be typed too), then goes on to New.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    click(&mut h, "Save");
    assert!(matches!(h.state().modal, Some(Modal::Browse(_))));
    let file = setup.path("typed.json");
    h.get_by_label("File name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(file.display().to_string()));
    h.run();
    click(&mut h, "Save");
    assert_eq!(format::load_file(&file).unwrap().len(), 3);
    // Once saved, the New that was waiting goes ahead.
    assert!(!h.state().doc.is_dirty());
    assert!(h.state().canvas().is_empty());
    assert_eq!(h.state().doc.path(), None);
    // Closing the window with changes asks too.
    click(&mut h, "Add job");
    type_and_enter(&mut h, "Unsaved job");
    h.key_press(Key::Escape);
    h.run();
    close_window(&mut h);
    h.run();
    assert_eq!(
        h.state().modal,
        Some(Modal::Unsaved(fitcanvas_app::Pending::Close))
    );
    click(&mut h, "Cancel");
    assert_eq!(texts(&h, Section::Jobs), ["Unsaved job"]);
    // Don't save on New discards.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    click(&mut h, "Don't save");
    assert!(h.state().canvas().is_empty());
}

#[test]
fn recovery_after_a_simulated_crash() {
    let setup = Setup::new();
    {
        let mut h = fit_setup(&setup);
        // Nothing is written before the delay…
        assert!(setup.recovery_files().is_empty());
        setup.advance(Duration::from_secs(4));
        h.run();
        assert_eq!(setup.recovery_files().len(), 1);
        // …and the harness is dropped without saving: a crash.
    }
    let mut h = setup.harness((1280.0, 720.0));
    assert_eq!(h.state().modal, Some(Modal::Recover));
    click(&mut h, "Restore");
    assert_eq!(
        texts(&h, Section::Pains),
        ["Late deliveries", "Wrong produce"]
    );
    assert!(h.state().doc.is_dirty(), "restored work is still unsaved");
    // A clean save removes the recovery file.
    let file = setup.path("saved.json");
    setup.dialogs.push(Some(file));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(setup.recovery_files().is_empty());
    let h2 = setup.harness((1280.0, 720.0));
    assert_eq!(h2.state().modal, None);
}

#[test]
fn saving_over_a_read_only_file_leaves_it_and_asks_where_to_save_a_copy() {
    use std::os::unix::fs::PermissionsExt;
    let setup = Setup::new();
    let file = setup.path("locked.json");
    let mut canvas = Canvas::new();
    canvas.set_title("Locked");
    format::save_file(&file, &canvas).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().open_at_start(&file);
    h.run();
    click(&mut h, "Add job");
    type_and_enter(&mut h, "Keep this");
    h.key_press(Key::Escape);
    h.run();
    let copy = setup.path("copy.json");
    setup.dialogs.push(Some(copy.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the read-only file is untouched"
    );
    assert_eq!(texts_in_file(&copy, Section::Jobs), ["Keep this"]);
    assert_eq!(h.state().doc.path(), Some(copy.as_path()));
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn two_windows_keep_their_own_recovery_and_a_new_one_offers_neither() {
    let setup = Setup::new();
    let mut first = fit_setup(&setup);
    let mut second = setup.harness((1280.0, 720.0));
    click(&mut second, "New blank canvas");
    click(&mut second, "Add gain");
    type_and_enter(&mut second, "Quiet nights");
    setup.advance(Duration::from_secs(4));
    first.run();
    second.run();
    assert_eq!(setup.recovery_files().len(), 2, "one file per window");
    // A window started beside two live ones has nothing to restore.
    let third = setup.harness((1280.0, 720.0));
    assert_eq!(third.state().modal, None);
    // One window saving removes its own file, not the other's.
    let saved = setup.path("first.json");
    first
        .state_mut()
        .push(fitcanvas_app::Command::SaveTo(saved));
    first.run();
    assert_eq!(setup.recovery_files().len(), 1);
    // The second crashes: the next window offers its work.
    drop(second);
    let mut fourth = setup.harness((1280.0, 720.0));
    assert_eq!(fourth.state().modal, Some(Modal::Recover));
    click(&mut fourth, "Restore");
    assert_eq!(texts(&fourth, Section::Gains), ["Quiet nights"]);
    drop(third);
}

#[test]
fn recovery_survives_a_file_opened_before_the_prompt_is_answered() {
    let setup = Setup::new();
    {
        let mut h = fit_setup(&setup);
        setup.advance(Duration::from_secs(4));
        h.run();
    }
    // Next start, with a file on the command line: it opens under the prompt.
    let file = setup.path("other.json");
    let mut other = Canvas::new();
    other.set_title("Other canvas");
    format::save_file(&file, &other).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().open_at_start(&file);
    h.run();
    assert_eq!(h.state().modal, Some(Modal::Recover));
    assert_eq!(
        setup.recovery_files().len(),
        1,
        "opening a file must not throw away the unanswered recovery"
    );
    let summary = h.state().recovery_summary().unwrap();
    assert!(summary.contains("3 notes") && summary.contains("replaces other.json"));
    assert!(h.query_by_label_contains("replaces other.json").is_some());
    click(&mut h, "Restore");
    assert_eq!(
        texts(&h, Section::Pains),
        ["Late deliveries", "Wrong produce"]
    );
    assert!(h.state().doc.is_dirty());
    // The file given on the command line is untouched.
    assert_eq!(format::load_file(&file).unwrap(), other);
}

#[test]
fn the_side_panel_hides_to_give_the_canvas_room_and_zoom_is_remembered() {
    let setup = Setup::new();
    let mut h = setup.harness((1280.0, 720.0));
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    // Larger type or larger notes: what the reader gains either way is room.
    let width = |h: &Harness<'_, App>| -> f32 {
        let canvas = h.state().canvas();
        [Section::Jobs, Section::Pains, Section::Gains]
            .into_iter()
            .flat_map(|s| canvas.items(s))
            .map(|item| h.state().view.note_rects[item.id()].area())
            .sum()
    };
    let before = width(&h);
    assert!(h.query_by_label_contains("Fit score").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert!(h.query_by_label_contains("Fit score").is_none());
    assert!(
        width(&h) > before * 1.1,
        "notes grow into the room: {before} to {}",
        width(&h)
    );
    assert!(!fitcanvas_app::Settings::load(&setup.path("config")).show_side_panel);
    click(&mut h, "View");
    h.get_by_label_contains("Side panel").click();
    h.run();
    assert!(h.query_by_label_contains("Fit score").is_some());

    // The interface size from the View menu is saved once it settles, without closing the
    // window.
    click(&mut h, "View");
    click(&mut h, "Interface size");
    h.get_by_label_contains("Larger interface").click();
    h.run();
    assert!(h.ctx.zoom_factor() > 1.0);
    setup.advance(Duration::from_secs(2));
    h.run();
    let saved = fitcanvas_app::Settings::load(&setup.path("config"));
    assert!(saved.zoom > 1.0);
    let h2 = setup.harness((1280.0, 720.0));
    assert!(
        h2.ctx.zoom_factor() > 1.0,
        "the next start opens at that zoom"
    );
}

#[test]
fn examples_open_from_the_start_screen_and_settings_persist() {
    let setup = Setup::new();
    let mut h = setup.harness((1920.0, 1080.0));
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    assert!(h.state().canvas().len() > 20);
    assert!(!h.state().doc.is_dirty());
    click(&mut h, "View");
    click(&mut h, "Dark theme");
    let s = std::fs::read_to_string(setup.path("config/settings.json")).unwrap();
    assert!(s.contains("dark"));
    let h2 = setup.harness((1280.0, 720.0));
    assert_eq!(h2.state().settings.theme, fitcanvas_app::ThemeChoice::Dark);
    // The canvas title is edited in the side panel, as one undo step.
    h.get_by_label("Title").focus();
    h.run();
    h.key_press(Key::End);
    h.event(egui::Event::Text("!".to_owned()));
    h.run();
    h.event(egui::Event::Text("!".to_owned()));
    h.run();
    assert!(h.state().canvas().title().ends_with("!!"));
    h.state_mut().push(fitcanvas_app::Command::Undo);
    h.run();
    assert!(!h.state().canvas().title().ends_with('!'));
    // Help lists the shortcuts.
    click(&mut h, "Help");
    click(&mut h, "Keyboard shortcuts");
    assert!(
        h.query_by_label("Alt+Up or Alt+Left / Alt+Down or Alt+Right")
            .is_some()
    );
}

#[test]
fn idle_frames_request_no_repaint() {
    let setup = Setup::new();
    let mut h = setup.harness((1280.0, 720.0));
    click(&mut h, "Example: NightBite — night-shift meals");
    let steps = h.run();
    assert_eq!(steps, 1, "an idle frame asks for no further frames");
    assert!(
        h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay > Duration::from_secs(60)
    );
}

/// Snapshot images of what people see. Rendered by wgpu (lavapipe in CI: `WGPU_BACKEND=vulkan`);
/// written with `UPDATE_SNAPSHOTS=1` under `tests/snapshots/`.
mod snapshots {
    use super::*;
    use fitcanvas_app::Command;
    use fitcanvas_app::ThemeChoice;

    fn shot(size: (f32, f32), theme: ThemeChoice, example: Option<usize>, name: &str) {
        let setup = Setup::new();
        let mut h = setup.harness(size);
        h.state_mut().push(Command::SetTheme(theme));
        if let Some(i) = example {
            h.state_mut().push(Command::OpenExample(i));
        }
        h.run();
        if example.is_some() {
            // A selected note shows the inspector, its links and the selection outline.
            let id = h.state().canvas().items(Section::PainRelievers)[0]
                .id()
                .clone();
            h.state_mut().push(Command::Select(Some(id)));
            h.run();
        }
        h.snapshot(name);
    }

    #[test]
    fn start_screen_light() {
        shot(
            (1280.0, 720.0),
            ThemeChoice::Light,
            None,
            "start_screen_light",
        );
    }

    #[test]
    fn start_screen_dark() {
        shot(
            (1280.0, 720.0),
            ThemeChoice::Dark,
            None,
            "start_screen_dark",
        );
    }

    #[test]
    fn example_1280x720_light() {
        shot(
            (1280.0, 720.0),
            ThemeChoice::Light,
            Some(0),
            "example_1280x720_light",
        );
    }

    #[test]
    fn example_1280x720_dark() {
        shot(
            (1280.0, 720.0),
            ThemeChoice::Dark,
            Some(0),
            "example_1280x720_dark",
        );
    }

    #[test]
    fn example_1920x1080_light() {
        shot(
            (1920.0, 1080.0),
            ThemeChoice::Light,
            Some(0),
            "example_1920x1080_light",
        );
    }

    #[test]
    fn example_1920x1080_dark() {
        shot(
            (1920.0, 1080.0),
            ThemeChoice::Dark,
            Some(0),
            "example_1920x1080_dark",
        );
    }
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens_and_appears_in_open_recent() {
    let setup = Setup::new();
    let file = setup.path("dropped.json");
    let mut canvas = Canvas::new();
    canvas.add_item(Section::Jobs, "Dropped job");
    format::save_file(&file, &canvas).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    h.run();
    assert_eq!(texts(&h, Section::Jobs), ["Dropped job"]);
    assert_eq!(h.state().title(), "dropped.json — Fitcanvas");
    // Start over from a blank canvas, then reopen it from File → Open Recent.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert!(h.state().canvas().is_empty());
    click(&mut h, "File");
    click(&mut h, "Open Recent");
    // Named with its folder; the full path is the tooltip.
    let recent = std::fs::canonicalize(&file).unwrap();
    let folder = recent
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    let name = recent.file_name().unwrap().to_string_lossy();
    click(&mut h, &format!("{name} — {folder}"));
    assert_eq!(texts(&h, Section::Jobs), ["Dropped job"]);
}

/// File → Export…: choose the format in the export window, then the file.
fn export_through_the_menu(h: &mut Harness<'_, App>, format: &str) {
    click(h, "File");
    click(h, "Export…");
    click(h, format);
    click(h, &format!("Export {format}…"));
    finish_export(h);
}

#[test]
fn export_each_format_through_the_menu() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    let before = h.state().canvas().clone();
    let cases: [(&str, &str, &str, &[u8]); 4] = [
        ("SVG", "picture", "picture.svg", b"<"),
        ("PNG", "picture.json", "picture.png", b"\x89PNG\r\n\x1a\n"),
        ("PDF", "print", "print.pdf", b"%PDF"),
        ("Markdown", "outline.md", "outline.md", b"# "),
    ];
    for (format, chosen, written, magic) in cases {
        setup.dialogs.push(Some(setup.path(chosen)));
        export_through_the_menu(&mut h, format);
        let file = setup.path(written);
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(bytes.starts_with(magic), "{format} starts with its magic");
        if format == "SVG" {
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.starts_with("<svg") || text.starts_with("<?xml"));
        }
        assert_eq!(h.state().modal, None);
        assert!(
            h.query_by_label_contains(&format!("Exported {format} to"))
                .is_some(),
            "success is reported in the status line"
        );
        assert_eq!(h.state().canvas(), &before, "exporting changes nothing");
    }
    // The PNG is 3840 pixels wide by default.
    let png = std::fs::read(setup.path("picture.png")).unwrap();
    assert_eq!(
        u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
        3840
    );
}

#[test]
fn export_to_a_typed_path_when_no_dialog_can_be_shown() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    // No scripted answer: no dialog available, so the app's own browser, which takes a path.
    export_through_the_menu(&mut h, "PDF");
    assert!(matches!(h.state().modal, Some(Modal::Browse(_))));
    let file = setup.path("typed.pdf");
    h.get_by_label("File name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(file.display().to_string()));
    h.run();
    click(&mut h, "Export");
    finish_export(&mut h);
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
}

/// An export is written beside the window from a copy of the canvas as it was when it began:
/// an edit made meanwhile is not in the file, and a second export waits for the first.
#[test]
fn an_export_writes_the_canvas_as_it_was_and_one_at_a_time() {
    use fitcanvas_app::Command;
    use fitcanvas_model::edit::Edit;
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    h.state_mut().export_choice.format = fitcanvas_picture::export::Format::Svg;
    let pain = id_of(&h, "Late deliveries");
    let (first, second) = (setup.path("first.svg"), setup.path("second.svg"));
    // In one frame: the export starts, the note is renamed, a second export is asked for.
    h.state_mut().push(Command::ExportTo(first.clone()));
    h.state_mut().push(Command::edit(Edit::SetText {
        id: pain,
        text: "Deliveries after noon".into(),
    }));
    h.state_mut().push(Command::ExportTo(second.clone()));
    h.step();
    assert!(
        h.state().status.starts_with("Still writing"),
        "{}",
        h.state().status
    );
    finish_export(&mut h);
    let svg = std::fs::read_to_string(&first).unwrap();
    assert!(svg.contains("Late deliveries") && !svg.contains("Deliveries after noon"));
    assert!(
        !second.exists(),
        "the second export was not started over the first"
    );
    assert!(
        h.state().status.starts_with("Exported SVG to"),
        "{}",
        h.state().status
    );
    assert_eq!(
        h.state()
            .canvas()
            .item(id_of(&h, "Deliveries after noon").as_str())
            .unwrap()
            .text(),
        "Deliveries after noon"
    );
}

/// The export's file name starts as the canvas's with the format's extension in place of
/// `.json` or `.fitcanvas.json`: "plan.png", never "plan.json.png".
#[test]
fn an_export_is_named_after_the_canvas_file() {
    for (file, wanted) in [
        ("plan.json", "plan.pdf"),
        ("plan.fitcanvas.json", "plan.pdf"),
    ] {
        let setup = Setup::new();
        let path = setup.path(file);
        format::save_file(&path, &Canvas::new()).unwrap();
        let mut h = setup.harness((1280.0, 720.0));
        h.state_mut()
            .push(fitcanvas_app::Command::OpenPath(path.clone()));
        h.run();
        // No scripted answer: the app's own browser, whose name field shows the suggestion.
        export_through_the_menu(&mut h, "PDF");
        assert!(matches!(h.state().modal, Some(Modal::Browse(_))));
        let name = h.get_by_label("File name").value();
        assert_eq!(name.as_deref(), Some(wanted), "for {file}");
    }
}

#[test]
fn a_failed_export_shows_the_message_and_changes_nothing() {
    let setup = Setup::new();
    let mut h = fit_setup(&setup);
    let before = h.state().canvas().clone();
    let file = setup.path("no such folder/out.png");
    setup.dialogs.push(Some(file.clone()));
    export_through_the_menu(&mut h, "PNG");
    let text = match &h.state().modal {
        Some(Modal::Message { title, text }) => {
            assert_eq!(title, "Could not export");
            text.clone()
        }
        other => panic!("expected a message, got {other:?}"),
    };
    assert!(!text.is_empty());
    assert!(
        h.query_all_by_label(&text).count() >= 1,
        "shown in the window"
    );
    assert!(h.state().status.starts_with("Export failed"));
    click(&mut h, "OK");
    assert!(!file.exists());
    assert_eq!(h.state().canvas(), &before);
}

/// The open canvas ("after") and an older version of it ("before"), saved in the test folder:
/// "Wrong produce" is new, "Cold food" is gone, "Late deliveries" was "Late delivery", and the
/// reliever's link to it is new.
fn compare_setup(setup: &Setup) -> (Harness<'static, App>, PathBuf) {
    let mut now = Canvas::new();
    let late = now.add_item(Section::Pains, "Late deliveries");
    let vans = now.add_item(Section::PainRelievers, "Tracked vans");
    let cold = now.add_item(Section::Pains, "Cold food");
    let bruised = now.add_item(Section::Pains, "Bruised produce");
    now.set_weight(bruised.as_str(), 1).unwrap();
    let mut older = now.clone();
    older.set_text(late.as_str(), "Late delivery").unwrap();
    older.link(vans.as_str(), bruised.as_str()).unwrap();
    now.add_item(Section::Pains, "Wrong produce");
    now.remove_item(cold.as_str()).unwrap();
    now.link(vans.as_str(), late.as_str()).unwrap();
    open_with_older(setup, &now, &older)
}

/// `now` and `older` saved in the test folder, and the editor with `now` open; the older
/// file's path.
fn open_with_older(
    setup: &Setup,
    now: &Canvas,
    older: &Canvas,
) -> (Harness<'static, App>, PathBuf) {
    let (now_file, older_file) = (setup.path("now.json"), setup.path("older.json"));
    format::save_file(&now_file, now).unwrap();
    format::save_file(&older_file, older).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut()
        .push(fitcanvas_app::Command::OpenPath(now_file));
    h.run();
    assert_eq!(h.state().canvas(), now);
    (h, older_file)
}

#[test]
fn compare_with_an_older_version_lists_and_marks_the_changes() {
    let setup = Setup::new();
    let (mut h, older) = compare_setup(&setup);
    let before = h.state().canvas().clone();
    setup.dialogs.push(Some(older));
    click(&mut h, "File");
    click(&mut h, "Compare with…");
    assert!(h.state().comparison.is_some());
    assert!(
        h.query_by_label("Before: older.json (the file chosen)")
            .is_some()
    );
    assert!(h.query_by_label("After: the open canvas").is_some());
    for entry in [
        "New pain: Wrong produce",
        "Changed pain: Late deliveries — text “Late delivery” → “Late deliveries”",
        "Gone pain: Cold food",
        "Link added: Tracked vans → Late deliveries",
        "Link removed: Tracked vans → Bruised produce",
        "Fit: 14% → 43%",
    ] {
        assert!(h.query_by_label(entry).is_some(), "lists {entry:?}");
    }
    assert_eq!(h.state().canvas(), &before, "comparing changes nothing");

    // Each entry selects its note; a gone note is only a greyed label.
    click(&mut h, "New pain: Wrong produce");
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Wrong produce").as_str())
    );
    click(
        &mut h,
        "Changed pain: Late deliveries — text “Late delivery” → “Late deliveries”",
    );
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Late deliveries").as_str())
    );
    assert!(
        h.query_by_role_and_label(Role::Label, "Gone pain: Cold food")
            .is_some()
    );
    click(&mut h, "Link removed: Tracked vans → Bruised produce");
    assert_eq!(
        h.state().view.selected.as_deref(),
        Some(id_of(&h, "Tracked vans").as_str())
    );

    // Editing the canvas updates the comparison: deleting the new note drops its entry.
    click_note(&mut h, "Wrong produce");
    h.key_press(Key::Delete);
    h.run();
    assert!(h.query_by_label("New pain: Wrong produce").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label("New pain: Wrong produce").is_some());

    // Votes and the interview log are compared too; a new interview's entry opens it.
    click_note(&mut h, "Tracked vans");
    click(&mut h, "Add vote");
    assert!(
        h.query_by_label("Changed pain reliever: Tracked vans — votes 0 → 1")
            .is_some()
    );
    h.state_mut().push(fitcanvas_app::Command::AddInterview {
        date: fitcanvas_model::IsoDate::parse("2026-03-09"),
    });
    h.run();
    h.state_mut().push(fitcanvas_app::Command::ShowTab(
        fitcanvas_app::SideTab::Note,
    ));
    h.run();
    click(&mut h, "New interview: 2026-03-09");
    assert_eq!(h.state().view.side.tab, fitcanvas_app::SideTab::Interviews);
    h.state_mut().push(fitcanvas_app::Command::ShowTab(
        fitcanvas_app::SideTab::Note,
    ));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.query_by_label("New interview: 2026-03-09").is_none());
    assert!(h.query_by_label_contains("votes 0 → 1").is_none());

    // Close comparison ends it; Esc does too (once nothing is selected).
    click(&mut h, "Close comparison");
    assert!(h.state().comparison.is_none());
    assert!(h.query_by_label("Gone pain: Cold food").is_none());
    setup.dialogs.push(Some(setup.path("older.json")));
    click(&mut h, "File");
    click(&mut h, "Compare with…");
    assert!(h.state().comparison.is_some());
    h.state_mut().push(fitcanvas_app::Command::Select(None));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().comparison.is_none());
    assert_eq!(h.state().canvas(), &before);
}

#[test]
fn compare_names_moves_evidence_with_its_date_and_source_interviews_and_test_cards() {
    use fitcanvas_model::{Evidence, IsoDate, Source, Stance, TestState};
    let setup = Setup::new();
    let mut older = Canvas::new();
    for text in ["Late deliveries", "Cold food", "Bruised produce"] {
        older.add_item(Section::Pains, text);
    }
    let visit = older.add_interview(IsoDate::parse("2026-03-04"), "Ana", "Chef");
    let late = older.items(Section::Pains)[0].id().clone();
    let card = older
        .add_test("We believe chefs hate late vans", &[late.as_str()])
        .unwrap();
    let mut now = older.clone();
    let bruised = now.items(Section::Pains)[2].id().clone();
    now.move_item(&bruised, 0).unwrap();
    let mut entry = Evidence::new(Source::Observation, Stance::Supports, "Van came at 11");
    entry.date = IsoDate::parse("2026-03-05");
    entry.who = "Kitchen porter".to_owned();
    now.add_evidence(&late, entry).unwrap();
    let mut ana = now.interview(&visit).unwrap().clone();
    ana.notes = "Orders twice a week".to_owned();
    now.set_interview(ana).unwrap();
    let mut running = now.test(&card).unwrap().clone();
    running.state = TestState::Running;
    now.set_test(running).unwrap();
    let (mut h, older_file) = open_with_older(&setup, &now, &older);
    setup.dialogs.push(Some(older_file));
    click(&mut h, "File");
    click(&mut h, "Compare with…");
    for entry in [
        "Changed pain: Bruised produce — moved up from 3rd to 1st of 3",
        "Changed pain: Late deliveries — evidence +1",
        "Evidence added: supports, observation, 2026-03-05, Kitchen porter — “Van came at 11”",
        "Changed interview: 2026-03-04 · Ana",
        "Changed test card: “We believe chefs hate late vans” — Planned → Running",
    ] {
        assert!(h.query_by_label(entry).is_some(), "lists {entry:?}");
    }
    // The notes that only shifted are not said to have moved.
    assert!(
        h.query_by_label_contains("Changed pain: Cold food")
            .is_none()
    );
}

#[test]
fn compare_with_a_bad_file_shows_the_message_and_changes_nothing() {
    let setup = Setup::new();
    let (mut h, _) = compare_setup(&setup);
    let before = h.state().canvas().clone();
    let bad = setup.path("bad.json");
    std::fs::write(
        &bad,
        "{ \"format\": \"fitcanvas\", \"version\": 1, \"jobs\": 7 }",
    )
    .unwrap();
    setup.dialogs.push(Some(bad.clone()));
    click(&mut h, "File");
    click(&mut h, "Compare with…");
    let expected = format::load_file(&bad).unwrap_err().to_string();
    assert_eq!(
        h.state().modal,
        Some(Modal::Message {
            title: "Could not compare".to_owned(),
            text: expected.clone()
        })
    );
    assert!(h.query_all_by_label(&expected).count() >= 1);
    click(&mut h, "OK");
    assert!(h.state().comparison.is_none());
    assert_eq!(h.state().canvas(), &before);
    assert!(!h.state().doc.is_dirty());
}

/// A note of a full canvas lists fifty others to link with. Those scrolled out of the side
/// panel are not laid out each frame, but scrolling brings every one into view to be ticked.
#[test]
fn a_long_list_of_links_scrolls_and_every_box_still_ticks() {
    let setup = Setup::new();
    let pains: Vec<String> = (1..=50)
        .map(|n| format!(r#"{{"id": "pain-{n}", "text": "Pain number {n} of the long list"}}"#))
        .collect();
    let json = format!(
        r#"{{"format": "fitcanvas", "version": 1, "title": "Long", "pains": [{}],
            "pain_relievers": [{{"id": "reliever-1", "text": "The reliever"}}]}}"#,
        pains.join(",")
    );
    let file = setup.path("long.json");
    std::fs::write(&file, json).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut()
        .push(fitcanvas_app::Command::OpenPath(file.clone()));
    h.run();
    click_note(&mut h, "The reliever");
    let last = "Pain number 50 of the long list";
    // Wholly in view: above the status bar at the window's foot.
    let shown = |h: &Harness<'_, App>| {
        h.query_by_role_and_label(Role::CheckBox, last)
            .is_some_and(|b| b.rect().is_positive() && b.rect().max.y < 680.0)
    };
    assert!(!shown(&h), "the last box starts out of view");
    assert!(
        h.query_by_role_and_label(Role::CheckBox, "Pain number 1 of the long list")
            .is_some()
    );
    // Scroll the side panel down until the last box shows.
    let over = h.get_by_label("Addresses (Pains)").rect().center();
    h.event(egui::Event::PointerMoved(over));
    for _ in 0..40 {
        if shown(&h) {
            break;
        }
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run_steps(4);
    }
    // The wheel scrolls smoothly: let it come to rest before clicking.
    h.run_steps(20);
    assert!(shown(&h), "scrolling brings the last box into view");
    h.get_by_role_and_label(Role::CheckBox, last).click();
    h.run();
    let reliever = h.state().canvas().item("reliever-1").unwrap().clone();
    let linked: Vec<&str> = reliever.addresses().iter().map(ItemId::as_str).collect();
    assert_eq!(linked, ["pain-50"]);
}
