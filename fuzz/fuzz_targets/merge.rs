//! Fuzz target: three canvases (the input split at 0xFF bytes, which UTF-8 text never holds)
//! that the loader accepts merge without a panic into a canvas that saves and loads back equal,
//! settles either way into one that loads, and a side that changed nothing takes the other;
//! the two-way merge (no ancestor) of the sides likewise saves and loads back equal.

#![no_main]

use fitcanvas_model::conflict::MergeSide;
use fitcanvas_model::format;
use fitcanvas_model::merge::{merge, merge_two_way};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut parts = bytes.splitn(3, |b| *b == 0xFF);
    let (Some(b), Some(o), Some(t)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let (Ok(base), Ok(ours), Ok(theirs)) =
        (format::from_slice(b), format::from_slice(o), format::from_slice(t))
    else {
        return;
    };
    let merged = merge(&base, &ours, &theirs);
    let saved = format::to_vec(&merged);
    let reloaded = format::from_slice(&saved)
        .unwrap_or_else(|e| panic!("a merge result saves as an invalid file: {e}"));
    assert_eq!(reloaded, merged, "a merge result loads back different");
    for keep in [MergeSide::Ours, MergeSide::Theirs] {
        let mut settled = merged.clone();
        while !settled.conflicts().is_empty() {
            // A conflict theirs's value no longer fits is dropped by keeping ours.
            if settled.resolve_conflict(0, keep).is_err() {
                settled.resolve_conflict(0, MergeSide::Ours).expect("keeping ours always works");
            }
        }
        format::from_slice(&format::to_vec(&settled))
            .unwrap_or_else(|e| panic!("a settled merge saves as an invalid file: {e}"));
    }
    let two_way = merge_two_way(&ours, &theirs);
    let reloaded = format::from_slice(&format::to_vec(&two_way))
        .unwrap_or_else(|e| panic!("a two-way merge result saves as an invalid file: {e}"));
    assert_eq!(reloaded, two_way, "a two-way merge result loads back different");
    assert_eq!(merge_two_way(&ours, &ours), ours, "merge_two_way(X, X) is not X");
    assert_eq!(merge(&base, &ours, &base), ours, "merge(B, X, B) is not X");
    assert_eq!(merge(&base, &base, &theirs), theirs, "merge(B, B, Y) is not Y");
});
