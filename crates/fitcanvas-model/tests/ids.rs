//! New ids never clash without coordination: every editing session draws its own suffix, so
//! people adding notes to copies of one canvas (git branches, mailed files) never hand out the
//! same id, while the ids already in a file stay as they are.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::collections::HashSet;

use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use fitcanvas_model::Section;
use fitcanvas_model::format;
use fitcanvas_model::ids;

/// A canvas as an older build saved it: plain numbered ids.
fn old_file() -> Canvas {
    format::from_slice(
        br#"{"format": "fitcanvas", "version": 1,
            "jobs": [{"id": "job-1", "text": "Eat at night"}],
            "pains": [{"id": "pain-1", "text": "Canteen closed"},
                      {"id": "pain-6", "text": "Vending food"}],
            "interviews": [{"id": "interview-1", "person": "Ana"}]}"#,
    )
    .unwrap()
}

#[test]
fn ids_of_new_notes_never_collide_across_10000_independent_additions() {
    let base = old_file();
    let mut seen = HashSet::new();
    for _ in 0..10_000 {
        // Each addition is a session of its own on its own copy, as on ten thousand desktops:
        // all of them in one area, so every one gets the same number and only the suffix
        // tells them apart.
        let mut copy = base.clone();
        copy.set_id_suffix(&ids::random_suffix());
        let id = copy.add_item(Section::Pains, "A new pain");
        assert!(id.as_str().starts_with("pain-7."), "{id}");
        assert!(
            !base.id_in_use(id.as_str()),
            "{id} was already on the canvas"
        );
        assert!(seen.insert(id.clone()), "{id} was handed out twice");
    }
}

#[test]
fn a_session_numbers_its_own_ids_in_order_and_old_ids_stay() {
    let mut canvas = old_file();
    canvas.set_id_suffix("k3x9f2ab");
    let first = canvas.add_item(Section::Pains, "One");
    let second = canvas.add_item(Section::Pains, "Two");
    let interview = canvas.add_interview(None, "Ben", "cook");
    assert_eq!(first.as_str(), "pain-7.k3x9f2ab");
    assert_eq!(second.as_str(), "pain-8.k3x9f2ab");
    assert_eq!(interview.as_str(), "interview-2.k3x9f2ab");
    let saved = format::from_slice(&format::to_vec(&canvas)).unwrap();
    for id in ["job-1", "pain-1", "pain-6", "interview-1"] {
        assert!(saved.id_in_use(id), "{id} was renamed");
    }
}

#[test]
fn putting_a_whole_canvas_back_keeps_the_sessions_suffix() {
    // Reloading the file or taking a merge puts a whole canvas back: the ids made after it
    // must still be this session's.
    let mut canvas = old_file();
    canvas.set_id_suffix("k3x9f2ab");
    let mut from_disk = old_file();
    from_disk.set_title("Changed elsewhere");
    canvas
        .apply(Edit::PutBack {
            canvas: Box::new(from_disk),
        })
        .unwrap();
    assert_eq!(canvas.title(), "Changed elsewhere");
    assert_eq!(canvas.id_suffix(), "k3x9f2ab");
    assert_eq!(canvas.next_id(Section::Gains).as_str(), "gain-1.k3x9f2ab");
}
