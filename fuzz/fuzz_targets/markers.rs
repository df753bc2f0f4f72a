//! Fuzz target: any bytes handed to the conflict-marker reader split into versions or say why
//! not, never a panic; the versions, when they are canvases, merge (three-way or two-way) into
//! a canvas that saves and loads back equal; and the loader never takes a file with complete
//! markers for a canvas.

#![no_main]

use fitcanvas_model::format;
use fitcanvas_model::markers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(Ok(sides)) = markers::read(bytes) else {
        return;
    };
    assert!(sides.places > 0 && sides.first_line > 0);
    assert!(
        format::from_slice(bytes).is_err(),
        "a file with conflict markers loaded as a canvas"
    );
    let Ok(merged) = markers::merge_sides(&sides) else {
        return;
    };
    let saved = format::to_vec(&merged.canvas);
    let reloaded = format::from_slice(&saved)
        .unwrap_or_else(|e| panic!("a merge of marked versions saves as an invalid file: {e}"));
    assert_eq!(reloaded, merged.canvas, "a merge of marked versions loads back different");
});
