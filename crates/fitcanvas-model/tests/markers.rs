//! git's conflict markers: any file built of shared lines and marked places reads back into
//! exactly the versions it was built from, and canvases git itself merged line by line (with
//! and without the ancestor) come apart and merge as canvases.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::path::Path;
use std::process::Command;

use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::conflict::{Conflict, Field, FieldValue};
use fitcanvas_model::format::{self, LoadError};
use fitcanvas_model::markers::{self, Sides};
use proptest::prelude::*;

/// A line of a file: anything without a newline, sometimes looking like a marker of another
/// length or in the middle of a line.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z {}\":,]{0,12}",
        Just("  \"text\": \"<<<<<<< HEAD\",".to_owned()),
        Just("<<<<<<".to_owned()),
        Just("==========".to_owned()),
        Just(">>>>>>>>>> other".to_owned()),
    ]
}

fn lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(line(), 0..4)
}

/// One stretch of a file: lines both versions share, or a place where they differ (with the
/// ancestor's lines when `Some`).
#[derive(Debug, Clone)]
enum Part {
    Shared(Vec<String>),
    Place {
        ours: Vec<String>,
        base: Option<Vec<String>>,
        theirs: Vec<String>,
    },
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        lines().prop_map(Part::Shared),
        (lines(), prop::option::of(lines()), lines())
            .prop_map(|(ours, base, theirs)| Part::Place { ours, base, theirs }),
    ]
}

fn joined(lines: &[String], eol: &str) -> String {
    lines.iter().map(|l| format!("{l}{eol}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn a_marked_file_reads_back_into_the_versions_it_was_built_from(
        parts in prop::collection::vec(part(), 1..6),
        crlf in any::<bool>(),
        longer in 0usize..3,
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let size = 7 + longer;
        let mark = |c: &str| c.repeat(size);
        // The reference: what each version holds, put together directly.
        let (mut file, mut ours, mut base, mut theirs) =
            (String::new(), String::new(), Some(String::new()), String::new());
        let mut places = 0;
        for part in &parts {
            match part {
                Part::Shared(l) => {
                    let text = joined(l, eol);
                    file += &text;
                    ours += &text;
                    theirs += &text;
                    if let Some(b) = &mut base {
                        *b += &text;
                    }
                }
                Part::Place { ours: o, base: b, theirs: t } => {
                    places += 1;
                    file += &format!("{} HEAD{eol}{}", mark("<"), joined(o, eol));
                    ours += &joined(o, eol);
                    match (b, &mut base) {
                        (Some(b), Some(all)) => {
                            file += &format!("{} base{eol}{}", mark("|"), joined(b, eol));
                            *all += &joined(b, eol);
                        }
                        (Some(b), None) => {
                            file += &format!("{} base{eol}{}", mark("|"), joined(b, eol));
                        }
                        (None, _) => base = None,
                    }
                    file += &format!("{}{eol}{}{} feature{eol}", mark("="), joined(t, eol), mark(">"));
                    theirs += &joined(t, eol);
                }
            }
        }
        let read = markers::read(file.as_bytes());
        if places == 0 {
            // Lines that only look like markers (another length, mid-line) are text.
            prop_assert!(read.is_none(), "{:?}", read);
            return Ok(());
        }
        let sides = read.unwrap().unwrap();
        prop_assert_eq!(String::from_utf8(sides.ours).unwrap(), ours);
        prop_assert_eq!(String::from_utf8(sides.theirs).unwrap(), theirs);
        prop_assert_eq!(sides.base.map(|b| String::from_utf8(b).unwrap()), base);
        prop_assert_eq!(sides.places, places);
    }
}

fn base() -> Canvas {
    let mut c = Canvas::new();
    c.set_title("Lunch planner");
    c.add_item(Section::Jobs, "Eat at night");
    c.add_item(Section::Pains, "Canteen closed");
    c.add_item(Section::Pains, "Vending food");
    c.add_item(Section::PainRelievers, "Ward fridge");
    c.link("reliever-1", "pain-1").unwrap();
    c
}

/// What `git merge-file` makes of two edits of the base canvas, saved in canonical form: the
/// file git leaves when it merges a canvas as text.
fn git_merged(ours: &Canvas, theirs: &Canvas, diff3: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    format::save_file(&path("ours.json"), ours).unwrap();
    format::save_file(&path("base.json"), &base()).unwrap();
    format::save_file(&path("theirs.json"), theirs).unwrap();
    let arg = |p: &Path| p.to_str().unwrap().to_owned();
    let mut git = Command::new("git");
    git.args([
        "merge-file",
        "-p",
        "-L",
        "HEAD",
        "-L",
        "base",
        "-L",
        "colleague",
    ]);
    if diff3 {
        git.arg("--diff3");
    }
    let out = git
        .args([
            arg(&path("ours.json")),
            arg(&path("base.json")),
            arg(&path("theirs.json")),
        ])
        .output()
        .expect("run git merge-file");
    assert!(
        out.status.code().is_some_and(|c| c > 0),
        "git found no conflict"
    );
    out.stdout
}

/// Ours rewords the closed canteen and adds a gain; theirs rewords it too and adds a job.
fn two_edits() -> (Canvas, Canvas) {
    let (mut ours, mut theirs) = (base(), base());
    ours.set_text("pain-1", "Canteen shuts at 8").unwrap();
    ours.add_item(Section::Gains, "Hot food");
    theirs.set_text("pain-1", "No hot food at night").unwrap();
    theirs.set_weight("pain-2", 5).unwrap();
    (ours, theirs)
}

fn text_conflict(merged: &Canvas) -> Option<(Option<FieldValue>, FieldValue, FieldValue)> {
    merged.conflicts().iter().find_map(|c| match c {
        Conflict::Field {
            field: Field::Text,
            base,
            ours,
            theirs,
            ..
        } => Some((base.clone(), ours.clone(), theirs.clone())),
        _ => None,
    })
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.to_owned())
}

#[test]
fn a_canvas_git_merged_with_the_ancestor_merges_three_way() {
    let (ours, theirs) = two_edits();
    let file = git_merged(&ours, &theirs, true);
    let error = format::from_slice(&file).unwrap_err();
    assert!(
        matches!(error, LoadError::ConflictMarkers { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("conflict markers"), "{error}");

    let sides: Sides = markers::read(&file).unwrap().unwrap();
    assert!(sides.base.is_some());
    assert_eq!(
        (&*sides.ours_label, &*sides.theirs_label),
        ("HEAD", "colleague")
    );
    let merged = markers::merge_sides(&sides).unwrap();
    assert!(merged.three_way);
    let merged = merged.canvas;
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(merged.item("pain-2").unwrap().weight(), 5);
    assert_eq!(merged.items(Section::Gains).len(), 1);
    assert_eq!(merged.item("reliever-1").unwrap().addresses().len(), 1);
    assert_eq!(
        text_conflict(&merged),
        Some((
            Some(text("Canteen closed")),
            text("Canteen shuts at 8"),
            text("No hot food at night")
        )),
        "{:?}",
        merged.conflicts()
    );
    assert_eq!(merged.conflicts().len(), 1, "{:?}", merged.conflicts());
}

#[test]
fn a_canvas_git_merged_without_the_ancestor_merges_two_way_with_conflicts_recorded() {
    let (ours, theirs) = two_edits();
    let file = git_merged(&ours, &theirs, false);
    let sides = markers::read(&file).unwrap().unwrap();
    assert_eq!(sides.base, None);
    let merged = markers::merge_sides(&sides).unwrap();
    assert!(!merged.three_way);
    let merged = merged.canvas;
    // What git merged cleanly is in both versions; what it could not is a conflict.
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(
        text_conflict(&merged),
        Some((
            None,
            text("Canteen shuts at 8"),
            text("No hot food at night")
        ))
    );
    assert!(
        merged
            .all_items()
            .any(|(s, i)| s == Section::Gains && i.text() == "Hot food")
    );
    assert_eq!(
        format::from_slice(&format::to_vec(&merged)).unwrap(),
        merged
    );
}

#[test]
fn a_side_that_is_no_canvas_is_named() {
    let file = b"<<<<<<< HEAD\n{\"format\": \"fitcanvas\", \"version\": 1}\n=======\n{ broken\n>>>>>>> colleague\n";
    let sides = markers::read(file).unwrap().unwrap();
    let error = markers::merge_sides(&sides).unwrap_err().to_string();
    assert!(
        error.starts_with("their side (colleague) is not a canvas"),
        "{error}"
    );
}
