//! Moves in a diff: for any reordering of an area, with notes deleted and added besides, the
//! notes reported as moved are as few as can be (checked against a plain quadratic count of
//! the longest run in order), the others keep their order, and each move gives the note's
//! places before and after.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::diff::diff;
use proptest::prelude::*;

/// The length of the longest strictly increasing run in `values`, the slow and obvious way.
fn longest_run(values: &[usize]) -> usize {
    let mut best = vec![1; values.len()];
    for i in 0..values.len() {
        for j in 0..i {
            if values[j] < values[i] {
                best[i] = best[i].max(best[j] + 1);
            }
        }
    }
    best.into_iter().max().unwrap_or(0)
}

/// An area of `n` notes, reordered, some deleted and some added.
fn edit() -> impl Strategy<Value = (usize, Vec<usize>, Vec<bool>, Vec<usize>)> {
    (1usize..12).prop_flat_map(|n| {
        (
            Just(n),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            prop::collection::vec(prop::bool::weighted(0.2), n),
            prop::collection::vec(0usize..12, 0..3),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn the_fewest_notes_are_reported_moved_and_the_rest_keep_their_order(
        (n, order, deleted, added) in edit(),
    ) {
        let mut old = Canvas::new();
        let ids: Vec<_> = (0..n).map(|i| old.add_item(Section::Pains, format!("note {i}"))).collect();
        let mut new = old.clone();
        let kept: Vec<usize> = order.iter().copied().filter(|i| !deleted[*i]).collect();
        for (i, gone) in deleted.iter().enumerate() {
            if *gone {
                new.remove_item(&ids[i]).unwrap();
            }
        }
        for (place, i) in kept.iter().enumerate() {
            new.move_item(&ids[*i], place).unwrap();
        }
        for (k, at) in added.iter().enumerate() {
            let len = new.items(Section::Pains).len();
            new.insert_item(Section::Pains, (*at).min(len), format!("added {k}")).unwrap();
        }

        let d = diff(&old, &new);
        let place = |c: &Canvas, i: usize| {
            c.items(Section::Pains).iter().position(|it| it.id() == &ids[i]).map(|p| p + 1)
        };
        let moved: Vec<usize> = kept
            .iter()
            .copied()
            .filter(|i| d.changed.iter().any(|e| e.id == ids[*i] && e.place.is_some()))
            .collect();
        // As few as can be: everything but a longest run that kept its order.
        prop_assert_eq!(moved.len(), kept.len() - longest_run(&kept));
        // The rest kept their order.
        let stayed: Vec<usize> = kept.iter().copied().filter(|i| !moved.contains(i)).collect();
        prop_assert!(stayed.windows(2).all(|w| w[0] < w[1]), "{:?}", stayed);
        // Each move says where the note was and is.
        for e in d.changed.iter().filter(|e| e.place.is_some()) {
            let i = ids.iter().position(|id| *id == e.id).unwrap();
            let p = e.place.as_ref().unwrap();
            prop_assert_eq!((Some(p.before), Some(p.after)), (place(&old, i), place(&new, i)));
        }
    }
}
