//! The editing tools people expect of a desktop app, driven as a person would: copy, cut,
//! paste and duplicate of notes (within a canvas, and between two windows through the
//! clipboard), Alt+K and Alt+S for kind and status, Find, the right-click menus, Print and
//! Help → About.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

mod support;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use fitcanvas_app::{App, Command};
use fitcanvas_model::Kind;
use fitcanvas_model::Section;
use fitcanvas_model::Status;
use fitcanvas_model::edit::Edit;
use support::{Setup, click, click_note, finish_export, new_canvas, texts};

/// A canvas with a pain (weight 5, an obstacle, validated) and a reliever that addresses it.
fn with_a_pain(setup: &Setup) -> Harness<'static, App> {
    let mut h = new_canvas(setup);
    for (section, text) in [
        (Section::Pains, "Late deliveries"),
        (Section::PainRelievers, "Tracked vans"),
    ] {
        add(&mut h, section, text);
    }
    let pain = support::id_of(&h, "Late deliveries");
    let vans = support::id_of(&h, "Tracked vans");
    for edit in [
        Edit::SetWeight {
            id: pain.clone(),
            weight: 5,
        },
        Edit::SetKind {
            id: pain.clone(),
            kind: Kind::Obstacle,
        },
        Edit::SetStatus {
            id: pain.clone(),
            status: Status::Validated,
        },
        Edit::Link {
            from: vans,
            to: pain,
            at: None,
        },
    ] {
        h.state_mut().push(Command::edit(edit));
    }
    h.run();
    h
}

fn add(h: &mut Harness<'_, App>, section: Section, text: &str) {
    h.state_mut().push(Command::AddNote {
        section,
        text: text.to_owned(),
    });
    h.run();
}

fn fields(h: &Harness<'_, App>, index: usize) -> (String, u8, Option<Kind>, Status) {
    let item = &h.state().canvas().items(Section::Pains)[index];
    (
        item.text().to_owned(),
        item.weight(),
        item.kind(),
        item.status(),
    )
}

/// What the window does with Ctrl+C, Ctrl+X and Ctrl+V: egui hands them over as these events.
fn send(h: &mut Harness<'_, App>, event: Event) {
    h.event(event);
    h.run();
}

#[test]
fn a_copied_note_pastes_with_its_weight_kind_and_status_and_one_undo_takes_it_back() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    click_note(&mut h, "Late deliveries");
    send(&mut h, Event::Copy);
    assert_eq!(setup.clipboard.text().as_deref(), Some("Late deliveries"));
    send(&mut h, Event::Paste("Late deliveries".to_owned()));
    assert_eq!(h.state().canvas().items(Section::Pains).len(), 2);
    assert_eq!(fields(&h, 1), fields(&h, 0));
    let copy = h.state().canvas().items(Section::Pains)[1].id().clone();
    assert_eq!(
        h.state().view.selected.as_ref(),
        Some(&copy),
        "the paste is selected"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(texts(&h, Section::Pains), ["Late deliveries"]);
}

#[test]
fn notes_copied_in_one_window_paste_whole_into_another() {
    let setup = Setup::new();
    let mut first = with_a_pain(&setup);
    click_note(&mut first, "Late deliveries");
    send(&mut first, Event::Copy);
    let mut second = new_canvas(&setup);
    // Nothing selected there: copied notes know their own area.
    send(&mut second, Event::Paste("Late deliveries".to_owned()));
    assert_eq!(fields(&second, 0), fields(&first, 0));
}

#[test]
fn text_copied_from_elsewhere_pastes_as_a_note_per_line_into_the_selected_area() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    click_note(&mut h, "Late deliveries");
    send(&mut h, Event::Copy);
    // The clipboard now holds text from another program, not the copied note.
    send(
        &mut h,
        Event::Paste("Cold food\r\nWrong items\n".to_owned()),
    );
    assert_eq!(
        texts(&h, Section::Pains),
        ["Late deliveries", "Cold food", "Wrong items"]
    );
    assert_eq!(h.state().status, "Pasted 2 notes");
}

#[test]
fn cut_takes_the_note_out_and_paste_puts_it_back_whole() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    let before = fields(&h, 0);
    click_note(&mut h, "Late deliveries");
    send(&mut h, Event::Cut);
    assert!(texts(&h, Section::Pains).is_empty());
    send(&mut h, Event::Paste(setup.clipboard.text().unwrap()));
    assert_eq!(fields(&h, 0), before);
}

#[test]
fn duplicate_puts_a_copy_right_after_the_note_and_leaves_the_clipboard_alone() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    add(&mut h, Section::Pains, "Prices");
    click_note(&mut h, "Late deliveries");
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(
        texts(&h, Section::Pains),
        ["Late deliveries", "Late deliveries", "Prices"]
    );
    assert_eq!(fields(&h, 1), fields(&h, 0));
    assert_eq!(setup.clipboard.text(), None);
}

#[test]
fn alt_k_and_alt_s_step_through_kinds_and_statuses() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    click_note(&mut h, "Late deliveries");
    h.key_press_modifiers(Modifiers::ALT, Key::K);
    h.run();
    assert_eq!(fields(&h, 0).2, Some(Kind::Risk), "obstacle → risk");
    h.key_press_modifiers(Modifiers::ALT, Key::K);
    h.run();
    assert_eq!(
        fields(&h, 0).2,
        Some(Kind::UndesiredOutcome),
        "round to the first"
    );
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(fields(&h, 0).3, Status::Invalidated);
    h.key_press_modifiers(Modifiers::ALT, Key::S);
    h.run();
    assert_eq!(fields(&h, 0).3, Status::Assumption);
}

#[test]
fn find_steps_through_notes_matching_by_text_or_evidence_and_esc_closes_it() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    add(&mut h, Section::Gains, "On-time delivery window");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(Event::Text("DELIVER".to_owned()));
    h.run();
    assert!(h.query_by_label("1 of 2").is_some());
    let late = support::id_of(&h, "Late deliveries");
    let window = support::id_of(&h, "On-time delivery window");
    assert_eq!(h.state().view.selected.as_ref(), Some(&late));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view.selected.as_ref(), Some(&window));
    assert!(h.query_by_label("2 of 2").is_some());
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().view.selected.as_ref(), Some(&late));
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().view.find.is_none());
    assert_eq!(
        texts(&h, Section::Pains),
        ["Late deliveries"],
        "typing went to Find only"
    );
}

#[test]
fn the_right_click_menu_of_a_note_sets_its_status_and_duplicates_it() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    h.get_by_role_and_label(Role::Button, "Late deliveries")
        .click_secondary();
    h.run();
    // The menu's entries, not the side panel's controls of the same name.
    h.get_by_role_and_label(Role::Button, "Status").click();
    h.run();
    let in_menu = h
        .get_all_by_role_and_label(Role::RadioButton, "Testing")
        .last()
        .unwrap();
    in_menu.click();
    h.run();
    assert_eq!(fields(&h, 0).3, Status::Testing);
    h.get_by_role_and_label(Role::Button, "Late deliveries")
        .click_secondary();
    h.run();
    // An entry with a shortcut is labelled with its key too.
    h.get_by_label_contains("Duplicate").click();
    h.run();
    assert_eq!(texts(&h, Section::Pains).len(), 2);
    assert_eq!(fields(&h, 1).3, Status::Testing);
}

#[test]
fn paste_into_an_area_from_its_menu_goes_into_that_area_whatever_is_selected() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    // Copy the pain reliever; it stays selected.
    click_note(&mut h, "Tracked vans");
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run();
    h.get_by_label("Gain creators area").click_secondary();
    h.run();
    h.get_by_label_contains("Paste into Gain creators").click();
    h.run();
    assert_eq!(texts(&h, Section::GainCreators), ["Tracked vans"]);
    assert_eq!(
        texts(&h, Section::PainRelievers),
        ["Tracked vans"],
        "nothing went to the selected note's area"
    );
    // Plain text pastes there too, one note a line.
    h.state_mut().view.selected = Some(support::id_of(&h, "Late deliveries"));
    let mut elsewhere = setup.clipboard.clone();
    fitcanvas_app::NoteClipboard::put(&mut elsewhere, "", "Weekly summary\nFresh menus").unwrap();
    h.get_by_label("Products & services area").click_secondary();
    h.run();
    h.get_by_label_contains("Paste into Products").click();
    h.run();
    assert_eq!(
        texts(&h, Section::Products),
        ["Weekly summary", "Fresh menus"]
    );
    assert_eq!(texts(&h, Section::Pains), ["Late deliveries"]);
}

/// A maximized window reopens maximized, and unmaximized at the size it had before.
#[test]
fn the_window_remembers_being_maximized_and_its_size_apart() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    let window = |h: &mut Harness<'static, App>, size: egui::Vec2, maximized: bool| {
        let viewport = h
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default();
        viewport.inner_rect = Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size));
        viewport.maximized = Some(maximized);
        h.run();
        setup.advance(std::time::Duration::from_secs(2));
        h.run();
        fitcanvas_app::Settings::load(&setup.path("config"))
    };
    let saved = window(&mut h, egui::vec2(1100.0, 700.0), false);
    assert_eq!(
        (saved.window, saved.maximized),
        (Some([1100.0, 700.0]), false)
    );
    let saved = window(&mut h, egui::vec2(1920.0, 1050.0), true);
    assert_eq!(
        (saved.window, saved.maximized),
        (Some([1100.0, 700.0]), true),
        "maximized, the size it goes back to is kept"
    );
    let saved = window(&mut h, egui::vec2(1100.0, 700.0), false);
    assert!(!saved.maximized);
}

#[test]
fn print_hands_the_pdf_to_the_print_command_or_says_there_is_none() {
    let setup = Setup::new();
    let printed = setup.path("printed.pdf");
    let script = setup.path("fake-lp");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncp \"$1\" '{}'\n", printed.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(setup.path("config")).unwrap();
    std::fs::write(
        setup.path("config/settings.json"),
        serde_json::json!({ "print_command": script }).to_string(),
    )
    .unwrap();
    let mut h = with_a_pain(&setup);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.state().status.contains("Sent"), "{}", h.state().status);
    // The print command runs on its own; wait for it to finish, as a print queue would.
    for _ in 0..100 {
        if std::fs::metadata(&printed).is_ok_and(|m| m.len() > 0) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pdf = std::fs::read(&printed).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");

    h.state_mut().settings.print_command = "no-such-print-command".to_owned();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.query_by_label("No print command").is_some());
}

#[test]
fn help_about_shows_the_version_the_canvas_authors_and_the_fonts_licences() {
    let setup = Setup::new();
    let mut h = new_canvas(&setup);
    click(&mut h, "Help");
    click(&mut h, "About Fitcanvas");
    assert!(
        h.query_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("SIL Open Font License 1.1")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Droid Sans Fallback: Apache License 2.0")
            .is_some()
    );
    // The canvas is Strategyzer's, credited with a link to their page.
    assert!(
        h.query_by_label_contains("The Value Proposition Canvas is by Strategyzer")
            .is_some()
    );
    assert!(h.query_by_label("strategyzer.com").is_some());
    // The product's description, not a crate's.
    assert!(
        h.query_by_label_contains("A native desktop app for the Value Proposition Canvas")
            .is_some()
    );
}

#[test]
fn the_side_panel_keeps_one_width_across_its_tabs() {
    let setup = Setup::new();
    let mut h = setup.harness((1280.0, 720.0));
    click(&mut h, "Example: FieldFresh — farm to restaurant");
    // The panel's left edge, where its first tab starts.
    let width = |h: &Harness<'_, App>| h.get_by_role_and_label(Role::Tab, "Note").rect().left();
    let mut widths = Vec::new();
    for tab in ["Interviews", "Tests", "Note"] {
        h.get_by_role_and_label(Role::Tab, tab).click();
        h.run();
        widths.push(width(&h));
    }
    // And with a note selected, whose inspector has the most controls.
    click_note(&mut h, "Reliable morning delivery");
    widths.push(width(&h));
    assert!(
        widths.iter().all(|w| (w - widths[0]).abs() < 0.5),
        "{widths:?}"
    );
}

#[test]
fn the_export_window_keeps_its_place_as_the_format_changes_and_offers_us_letter() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    click(&mut h, "File");
    click(&mut h, "Export…");
    let cancel = |h: &Harness<'_, App>| h.get_by_label("Cancel").rect();
    let at_first = cancel(&h);
    for format in ["SVG", "PDF", "Markdown", "PNG"] {
        click(&mut h, format);
        assert_eq!(cancel(&h), at_first, "Cancel moved with {format}");
    }
    click(&mut h, "PDF");
    click(&mut h, "US Letter");
    let file = setup.path("letter.pdf");
    setup.dialogs.push(Some(file.clone()));
    click(&mut h, "Export PDF…");
    finish_export(&mut h);
    let pdf = std::fs::read(&file).unwrap();
    // Landscape US Letter: 792 × 612 points.
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox[0 0 792 612]"), "not US Letter");
}

/// The export window's Links row: lines chosen there are drawn in the file, and the choice is
/// kept for the next export.
#[test]
fn links_chosen_in_the_export_window_are_drawn_as_lines_and_remembered() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    click(&mut h, "File");
    click(&mut h, "Export…");
    click(&mut h, "SVG");
    click(&mut h, "Lines");
    let file = setup.path("lines.svg");
    setup.dialogs.push(Some(file.clone()));
    click(&mut h, "Export SVG…");
    finish_export(&mut h);
    let svg = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        svg.matches(r#"<g class="link""#).count(),
        1,
        "one line, one link"
    );
    assert!(!svg.contains("→"), "no markers with lines");
    assert_eq!(
        h.state().export_choice.links,
        fitcanvas_picture::export::Links::Lines
    );
    // Markers again: the file has none of the lines.
    click(&mut h, "File");
    click(&mut h, "Export…");
    click(&mut h, "Markers");
    let file = setup.path("markers.svg");
    setup.dialogs.push(Some(file.clone()));
    click(&mut h, "Export SVG…");
    finish_export(&mut h);
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(!svg.contains(r#"class="link""#) && svg.contains("→"));
}

#[test]
fn several_notes_ctrl_clicked_copy_with_the_link_between_them_and_delete_as_one_step() {
    let setup = Setup::new();
    let mut first = with_a_pain(&setup);
    add(&mut first, Section::Gains, "Cheap");
    click_note(&mut first, "Late deliveries");
    first
        .get_by_role_and_label(Role::Button, "Tracked vans")
        .click_modifiers(Modifiers::COMMAND);
    first.run();
    assert_eq!(first.state().selection().len(), 2);
    send(&mut first, Event::Copy);
    assert_eq!(
        setup.clipboard.text().as_deref(),
        Some("Late deliveries\nTracked vans")
    );

    // In another window both arrive, the reliever still addressing the pain.
    let mut second = new_canvas(&setup);
    send(&mut second, Event::Paste(setup.clipboard.text().unwrap()));
    let canvas = second.state().canvas();
    let pain = canvas.items(Section::Pains)[0].id().clone();
    let vans = &canvas.items(Section::PainRelievers)[0];
    assert_eq!(vans.text(), "Tracked vans");
    assert_eq!(vans.addresses(), &[pain]);
    assert_eq!(fields(&second, 0), fields(&first, 0));

    // Delete takes both; one undo brings both back.
    first.key_press(Key::Delete);
    first.run();
    assert!(texts(&first, Section::Pains).is_empty());
    assert!(texts(&first, Section::PainRelievers).is_empty());
    assert_eq!(texts(&first, Section::Gains), ["Cheap"]);
    first.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    first.run();
    assert_eq!(texts(&first, Section::Pains), ["Late deliveries"]);
    assert_eq!(texts(&first, Section::PainRelievers), ["Tracked vans"]);
}

/// A folder tree for the file browser: a canvas at the top, a sub-folder with another, and a
/// file that is not a canvas.
fn folder_tree(setup: &Setup) -> std::path::PathBuf {
    let top = setup.path("work");
    std::fs::create_dir_all(top.join("clients")).unwrap();
    let mut plan = fitcanvas_model::Canvas::new();
    plan.set_title("Plan");
    plan.add_item(Section::Pains, "Late deliveries");
    fitcanvas_model::format::save_file(&top.join("plan.fitcanvas.json"), &plan).unwrap();
    let mut acme = fitcanvas_model::Canvas::new();
    acme.add_item(Section::Gains, "Acme gain");
    fitcanvas_model::format::save_file(&top.join("clients/acme.json"), &acme).unwrap();
    std::fs::write(top.join("notes.txt"), "not a canvas").unwrap();
    top
}

/// The editor with the tree's top canvas open, so the browser starts in its folder.
fn open_in_folder_tree(setup: &Setup) -> (Harness<'static, App>, std::path::PathBuf) {
    let top = folder_tree(setup);
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut()
        .push(Command::OpenPath(top.join("plan.fitcanvas.json")));
    h.run();
    (h, top)
}

#[test]
fn without_a_native_dialog_the_file_browser_opens_folders_and_files() {
    let setup = Setup::new();
    let (mut h, top) = open_in_folder_tree(&setup);
    // No scripted answer: no native dialog, so the app's own browser, in this canvas's folder.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.query_by_label("Open a canvas").is_some());
    assert!(h.query_by_label("plan.fitcanvas.json").is_some());
    // Other files are there to be seen, greyed: only canvases can be chosen.
    assert!(disabled(&h, "notes.txt"), "notes.txt can be chosen");
    assert!(!disabled(&h, "plan.fitcanvas.json"));
    click(&mut h, "📁 clients");
    click(&mut h, "acme.json");
    click(&mut h, "Open");
    assert_eq!(
        h.state().doc.path(),
        Some(top.join("clients/acme.json").as_path())
    );
    assert_eq!(texts(&h, Section::Gains), ["Acme gain"]);
}

#[test]
fn saving_in_the_file_browser_adds_the_extension_and_asks_before_replacing() {
    let setup = Setup::new();
    let (mut h, top) = open_in_folder_tree(&setup);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.query_by_label("Save the canvas").is_some());
    // The name of the open file is offered; saving over it asks first.
    click(&mut h, "Save");
    assert!(
        h.query_by_label("“plan.fitcanvas.json” already exists. Replace it?")
            .is_some()
    );
    click(&mut h, "Keep it");
    // A name typed without an extension gets the canvas extension.
    h.get_by_label("File name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("campuscrate".to_owned()));
    h.run();
    click(&mut h, "Save");
    let saved = top.join("campuscrate.fitcanvas.json");
    assert_eq!(h.state().doc.path(), Some(saved.as_path()));
    assert_eq!(
        support::texts_in_file(&saved, Section::Pains),
        ["Late deliveries"]
    );
}

#[test]
fn cancelling_the_file_browser_saves_nothing_and_keeps_the_work() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("Save the canvas").is_some());
    click(&mut h, "Cancel");
    assert!(h.state().modal.is_none());
    assert!(h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path(), None);
    assert_eq!(texts(&h, Section::Pains), ["Late deliveries"]);
}

/// Whether the widget labelled `label` is greyed out (shown, not usable).
fn disabled(h: &Harness<'_, App>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn exporting_in_the_file_browser_shows_the_files_of_that_kind_and_greys_the_rest() {
    let setup = Setup::new();
    let (mut h, top) = open_in_folder_tree(&setup);
    for name in ["plan.png", "plan.pdf"] {
        std::fs::write(top.join(name), "an earlier export").unwrap();
    }
    let mut choice = h.state().export_choice;
    choice.format = fitcanvas_picture::export::Format::Pdf;
    h.state_mut().push(Command::Export(choice));
    h.run();
    assert!(h.query_by_label("Export to a file").is_some());
    // The PDF about to be replaced is there to pick; the canvas, the PNG and the rest are
    // shown greyed, and the folder is not called empty.
    assert!(!disabled(&h, "plan.pdf"));
    for other in ["plan.png", "plan.fitcanvas.json", "notes.txt"] {
        assert!(disabled(&h, other), "{other} can be chosen");
    }
    assert!(h.query_by_label_contains("No ").is_none());
    click(&mut h, "Show all files");
    assert!(!disabled(&h, "plan.png"));
}

#[test]
fn a_failure_at_start_does_not_speak_of_a_canvas_that_was_open() {
    let setup = Setup::new();
    let bad = setup.path("bad.json");
    std::fs::write(
        &bad,
        "{ \"format\": \"fitcanvas\", \"version\": 1, \"jobs\": 7 }",
    )
    .unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().open_at_start(&bad);
    h.run();
    assert!(h.query_by_label("Could not open the file").is_some());
    assert!(
        h.query_by_label("The canvas that was open is unchanged.")
            .is_none()
    );
    click(&mut h, "OK");
    // With a canvas open, the same failure does say it is unchanged.
    click(&mut h, "New blank canvas");
    h.state_mut().push(Command::OpenPath(bad));
    h.run();
    assert!(
        h.query_by_label("The canvas that was open is unchanged.")
            .is_some()
    );
}

#[test]
fn saved_goes_from_the_status_bar_once_there_are_unsaved_changes_again() {
    let setup = Setup::new();
    let mut h = with_a_pain(&setup);
    setup.dialogs.push(Some(setup.path("paydesk.json")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().status, "Saved paydesk.json");
    assert!(h.query_by_label("Saved paydesk.json").is_some());
    h.state_mut().push(Command::AddNote {
        section: Section::Gains,
        text: "Fresh food".to_owned(),
    });
    h.run();
    assert!(h.query_by_label("· unsaved changes").is_some());
    assert!(
        h.query_by_label("Saved paydesk.json").is_none(),
        "{}",
        h.state().status
    );
}
