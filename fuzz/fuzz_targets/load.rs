//! Fuzz target: any bytes handed to the loader give a canvas or an error, never a panic, and a
//! canvas it accepts saves in canonical form and loads back equal.

#![no_main]

use fitcanvas_model::format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(canvas) = format::from_slice(bytes) else {
        return;
    };
    let saved = format::to_vec(&canvas);
    let reloaded = format::from_slice(&saved)
        .unwrap_or_else(|e| panic!("a canvas the loader accepted saves as an invalid file: {e}"));
    assert_eq!(reloaded, canvas, "the canonical save loads back different");
    assert_eq!(format::to_vec(&reloaded), saved, "saving is not stable");
});
