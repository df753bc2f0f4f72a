//! Benchmarks of live co-editing on a generated 300-note canvas: the initial sync (the sharing
//! desktop writes its canvas into a document, the joining one merges the state and reads the
//! canvas back) and an edit reaching a peer (one typed character written as a Yjs update,
//! merged by the peer and turned back into edits on its canvas), in one process: the network
//! hop itself is left out. Figures are in BENCHMARKS.md under "Live".

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a bench is a failure report.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use fitcanvas::Edit;
use fitcanvas::live::Replica;
use support::generated;

mod support;

fn initial_sync(c: &mut Criterion) {
    let canvas = generated(300);
    c.bench_function("live/initial_sync_300", |b| {
        b.iter(|| {
            let first = Replica::share(&canvas, 1);
            let joined = Replica::restore(2, &first.state()).unwrap();
            joined.canvas()
        });
    });
}

fn edit_to_peer(c: &mut Criterion) {
    let canvas = generated(300);
    let mut mine = Replica::share(&canvas, 1);
    let mut peer = Replica::restore(2, &mine.state()).unwrap();
    let mut my_canvas = canvas.clone();
    let mut peer_canvas = peer.canvas();
    let id = my_canvas.all_items().nth(150).unwrap().1.id().clone();
    let mut n = 0usize;
    c.bench_function("live/edit_to_peer_300", |b| {
        b.iter(|| {
            n += 1;
            let text = format!("{}{}", my_canvas.item(&id).unwrap().text(), n % 10);
            let edit = Edit::SetText {
                id: id.clone(),
                text,
            };
            let applied = my_canvas.apply(edit.clone()).unwrap();
            let update = mine.local(&edit, &applied, &my_canvas);
            peer.apply_update(&update).unwrap();
            for edit in peer.catch_up(&peer_canvas) {
                peer_canvas.apply(edit).unwrap();
            }
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = initial_sync, edit_to_peer
}
criterion_main!(benches);
