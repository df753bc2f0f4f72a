//! The open file turned into something that does not load while the editor has it open: git's
//! conflict markers (a merge git could not finish) or a truncated file (a sync tool mid-copy).
//! With or without unsaved edits, the editor says what it found and never writes over the file
//! until the user chooses; the copy it keeps holds the file byte for byte; and the versions the
//! markers hold merge into the canvas. Opening a file with markers offers the merge too.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

mod support;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::{App, Command, Modal};
use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::format;
use support::{Setup, click, run_until, texts};

/// The canvas both versions start from.
fn opened() -> Canvas {
    let mut canvas = Canvas::new();
    canvas.set_title("Shared");
    canvas.add_item(Section::Pains, "Late deliveries");
    canvas.add_item(Section::Jobs, "Eat well on a budget");
    canvas
}

/// Ours adds a gain; theirs rewords the pain.
fn versions() -> (Canvas, Canvas) {
    let (mut ours, mut theirs) = (opened(), opened());
    ours.add_item(Section::Gains, "Fresh food every day");
    theirs.set_text("pain-1", "Deliveries after 8 pm").unwrap();
    (ours, theirs)
}

/// What git leaves when it merges the two as text: the lines both files share, and one
/// place holding ours, the ancestor's lines (with `diff3`) and theirs.
fn conflict_markers(ours: &Canvas, theirs: &Canvas, diff3: bool) -> Vec<u8> {
    let texts = [ours, &opened(), theirs].map(format::to_string);
    let lines: Vec<Vec<&str>> = texts.iter().map(|t| t.lines().collect()).collect();
    let shared_start = (0..)
        .take_while(|&i| {
            lines.iter().all(|l| i < l.len()) && lines.iter().all(|l| l[i] == lines[0][i])
        })
        .count();
    let shared_end = (0..)
        .take_while(|&i| {
            lines.iter().all(|l| i < l.len() - shared_start)
                && lines
                    .iter()
                    .all(|l| l[l.len() - 1 - i] == lines[0][lines[0].len() - 1 - i])
        })
        .count();
    let middle = |l: &Vec<&str>| l[shared_start..l.len() - shared_end].join("\n");
    let [o, b, t] = [&lines[0], &lines[1], &lines[2]].map(middle);
    let mut out = lines[0][..shared_start].join("\n");
    out.push_str(&format!("\n<<<<<<< HEAD\n{o}\n"));
    if diff3 {
        out.push_str(&format!("||||||| base\n{b}\n"));
    }
    out.push_str(&format!("=======\n{t}\n>>>>>>> colleague\n"));
    out.push_str(&lines[0][lines[0].len() - shared_end..].join("\n"));
    out.push('\n');
    out.into_bytes()
}

/// The editor with the shared canvas open from a file, and that file.
fn open_shared(setup: &Setup) -> (Harness<'static, App>, PathBuf) {
    let file = setup.path("shared.json");
    format::save_file(&file, &opened()).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().push(Command::OpenPath(file.clone()));
    h.run();
    assert_eq!(h.state().canvas(), &opened());
    (h, file)
}

fn asking(app: &App) -> bool {
    matches!(app.modal, Some(Modal::BrokenOnDisk(_)))
}

fn type_a_pain(h: &mut Harness<'_, App>) {
    h.state_mut().push(Command::AddNote {
        section: Section::Pains,
        text: "Food arrives cold".to_owned(),
    });
    h.run();
    assert!(h.state().doc.is_dirty());
}

fn save(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
}

fn pains(h: &Harness<'_, App>) -> Vec<String> {
    texts(h, Section::Pains)
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn conflict_markers_while_open_are_asked_about_at_once_and_merging_takes_both_versions() {
    let setup = Setup::new();
    let (mut h, file) = open_shared(&setup);
    let (ours, theirs) = versions();
    let marked = conflict_markers(&ours, &theirs, true);
    std::fs::write(&file, &marked).unwrap();
    assert!(run_until(&mut h, asking), "{}", h.state().status);
    assert!(
        h.query_by_label("“shared.json” holds a git conflict")
            .is_some()
    );
    h.snapshot("conflict_markers_prompt");
    // Nothing is written while asking, nor by a save meanwhile.
    save(&mut h);
    assert_eq!(bytes(&file), marked);

    click(&mut h, "Merge the two versions");
    // Three-way (git left the ancestor): ours's gain and theirs's wording, nothing to settle.
    assert_eq!(pains(&h), ["Deliveries after 8 pm"]);
    assert_eq!(texts(&h, Section::Gains), ["Fresh food every day"]);
    assert!(h.state().canvas().conflicts().is_empty());
    assert!(
        h.state().status.contains("three-way"),
        "{}",
        h.state().status
    );
    // The file still holds the markers: the canvas is unsaved until saved.
    assert!(h.state().doc.is_dirty());
    assert!(h.state().title().starts_with('●'), "{}", h.state().title());
    assert_eq!(bytes(&file), marked);
    save(&mut h);
    assert!(!asking(h.state()));
    assert_eq!(&format::load_file(&file).unwrap(), h.state().canvas());
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn markers_without_the_ancestor_merge_two_way_with_unsaved_edits_on_top() {
    let setup = Setup::new();
    let (mut h, file) = open_shared(&setup);
    type_a_pain(&mut h);
    let (ours, theirs) = versions();
    let marked = conflict_markers(&ours, &theirs, false);
    std::fs::write(&file, &marked).unwrap();
    save(&mut h);
    assert!(asking(h.state()));
    assert_eq!(bytes(&file), marked, "the file was written over");
    click(&mut h, "Merge the two versions");
    // Two-way: the wording both versions hold differently is a conflict holding ours's;
    // ours's gain and the pain typed here are both there.
    assert_eq!(pains(&h), ["Late deliveries", "Food arrives cold"]);
    assert_eq!(texts(&h, Section::Gains), ["Fresh food every day"]);
    assert_eq!(h.state().canvas().conflicts().len(), 1);
    assert!(h.query_by_label("Conflicts (1)").is_some());
    click(&mut h, "Keep theirs");
    assert_eq!(pains(&h), ["Deliveries after 8 pm", "Food arrives cold"]);
    // Undo takes the merge back as one step, with the typed pain still there.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(pains(&h), ["Late deliveries", "Food arrives cold"]);
    assert!(texts(&h, Section::Gains).is_empty());
    assert_eq!(bytes(&file), marked);
}

#[test]
fn keeping_the_marked_file_beside_keeps_it_byte_for_byte_then_saves() {
    let setup = Setup::new();
    let (mut h, file) = open_shared(&setup);
    type_a_pain(&mut h);
    let (ours, theirs) = versions();
    let marked = conflict_markers(&ours, &theirs, true);
    std::fs::write(&file, &marked).unwrap();
    save(&mut h);
    assert!(asking(h.state()));
    click(&mut h, "Keep it as shared.json.conflicted, then save");
    assert_eq!(bytes(&setup.path("shared.json.conflicted")), marked);
    assert_eq!(
        support::texts_in_file(&file, Section::Pains),
        ["Late deliveries", "Food arrives cold"]
    );
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.state().status.contains("shared.json.conflicted"),
        "{}",
        h.state().status
    );
}

/// The first half of the file, as a copy cut off midway leaves it.
fn truncate(file: &Path) -> Vec<u8> {
    let whole = bytes(file);
    let half = whole[..whole.len() / 2].to_vec();
    std::fs::write(file, &half).unwrap();
    half
}

#[test]
fn a_truncated_file_is_never_saved_over_until_the_user_chooses() {
    let setup = Setup::new();
    let (mut h, file) = open_shared(&setup);
    let mut theirs = opened();
    theirs.add_item(Section::Gains, "Cheap food");
    format::save_file(&file, &theirs).unwrap();
    assert!(run_until(&mut h, |app| app.canvas() == &theirs));
    let cut = truncate(&file);
    // The watcher only says so: a sync tool may still be writing it.
    assert!(
        run_until(&mut h, |app| app.status.contains("does not load")),
        "{}",
        h.state().status
    );
    assert!(!asking(h.state()));
    // Saving asks, with nothing unsaved here too.
    assert!(!h.state().doc.is_dirty());
    save(&mut h);
    assert!(asking(h.state()));
    assert!(h.query_by_label("“shared.json” no longer loads").is_some());
    assert!(h.query_by_label_contains("it looks cut off").is_some());
    assert!(h.query_by_label("Merge the two versions").is_none());
    assert_eq!(bytes(&file), cut);
    click(&mut h, "Not now");
    assert_eq!(bytes(&file), cut);
    // The next save asks again; Save as… writes elsewhere and leaves the file alone.
    save(&mut h);
    assert!(asking(h.state()));
    let elsewhere = setup.path("mine.json");
    setup.dialogs.push(Some(elsewhere.clone()));
    click(&mut h, "Save as…");
    h.run();
    assert_eq!(bytes(&file), cut);
    assert_eq!(&format::load_file(&elsewhere).unwrap(), &theirs);
}

#[test]
fn a_truncated_file_with_unsaved_edits_is_kept_beside_before_the_save() {
    let setup = Setup::new();
    let (mut h, file) = open_shared(&setup);
    type_a_pain(&mut h);
    let cut = truncate(&file);
    save(&mut h);
    assert!(asking(h.state()));
    assert_eq!(bytes(&file), cut);
    click(&mut h, "Keep it as shared.json.broken, then save");
    assert_eq!(bytes(&setup.path("shared.json.broken")), cut);
    assert_eq!(
        support::texts_in_file(&file, Section::Pains),
        ["Late deliveries", "Food arrives cold"]
    );
    // Once more: the name is taken, so the next copy gets another.
    let cut = truncate(&file);
    type_a_pain(&mut h);
    save(&mut h);
    click(&mut h, "Keep it as shared.json.broken, then save");
    assert_eq!(bytes(&setup.path("shared.json.broken-2")), cut);
}

#[test]
fn opening_a_file_with_conflict_markers_offers_to_merge_its_versions() {
    let setup = Setup::new();
    let file = setup.path("marked.json");
    let (ours, theirs) = versions();
    let marked = conflict_markers(&ours, &theirs, false);
    std::fs::write(&file, &marked).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().push(Command::OpenPath(file.clone()));
    h.run();
    assert!(asking(h.state()));
    assert!(
        h.query_by_label("“marked.json” holds a git conflict")
            .is_some()
    );
    assert!(h.query_by_label_contains("Keep it as").is_none());
    click(&mut h, "Merge the two versions");
    assert_eq!(h.state().doc.path(), Some(file.as_path()));
    assert_eq!(texts(&h, Section::Gains), ["Fresh food every day"]);
    assert_eq!(h.state().canvas().conflicts().len(), 1);
    assert!(h.state().doc.is_dirty());
    assert_eq!(bytes(&file), marked, "opening wrote the file");
    save(&mut h);
    assert!(
        !asking(h.state()),
        "its own markers are not asked about again"
    );
    assert_eq!(&format::load_file(&file).unwrap(), h.state().canvas());

    // Cancel leaves a marked file closed and as it was.
    std::fs::write(&file, &marked).unwrap();
    let mut h = setup.harness((1280.0, 720.0));
    h.state_mut().push(Command::OpenPath(file.clone()));
    h.run();
    click(&mut h, "Cancel");
    assert_eq!(h.state().doc.path(), None);
    assert_eq!(bytes(&file), marked);
}
