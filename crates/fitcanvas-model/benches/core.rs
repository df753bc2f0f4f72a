//! Benchmarks of the core on generated canvases of 100, 1,000 and 10,000 notes: loading (with
//! a raw `serde_json` parse of the same bytes beside it, the floor loading is measured against),
//! saving, and scoring. Figures and targets are in BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fitcanvas_model::Edit;
use fitcanvas_model::History;
use fitcanvas_model::Section;
use fitcanvas_model::format;
use fitcanvas_model::score;
use serde_json::Value;
use support::generated;

use fitcanvas_testkit::canvases as support;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for n in SIZES {
        let bytes = format::to_vec(&generated(n));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("fitcanvas", n), &bytes, |b, bytes| {
            b.iter(|| format::from_slice(bytes).unwrap());
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", n),
            &bytes,
            |b, bytes| b.iter(|| serde_json::from_slice::<Value>(bytes).unwrap()),
        );
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let mut group = c.benchmark_group("save");
    for n in SIZES {
        let canvas = generated(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &canvas, |b, canvas| {
            b.iter(|| format::to_vec(canvas));
        });
    }
    group.finish();
}

fn fit(c: &mut Criterion) {
    let mut group = c.benchmark_group("score");
    for n in SIZES {
        let canvas = generated(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &canvas, |b, canvas| {
            b.iter(|| score(canvas));
        });
    }
    group.finish();
}

/// One typed edit and its undo through the history, on 1,500 notes: the path every change in
/// the editor (and later the room and the sync layer) takes.
fn edit_and_undo(c: &mut Criterion) {
    let mut canvas = generated(1_500);
    let id = canvas.items(Section::Pains)[100].id().clone();
    let mut history = History::new();
    let mut n = 0u64;
    c.bench_function("edit_and_undo/1500", |b| {
        b.iter(|| {
            n += 1;
            let edit = Edit::SetText {
                id: id.clone(),
                text: format!("Edited {n}"),
            };
            history.apply(&mut canvas, edit, None).unwrap();
            history.undo(&mut canvas).unwrap();
        });
    });
    let vote = Edit::AddVotes { id, by: 1 };
    c.bench_function("vote_and_undo/1500", |b| {
        b.iter(|| {
            history.apply(&mut canvas, vote.clone(), None).unwrap();
            history.undo(&mut canvas).unwrap();
        });
    });
}

fn config() -> Criterion {
    // Short runs: the machine has two cores shared with builds; the spread stays small anyway.
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = load, save, fit, edit_and_undo
}
criterion_main!(benches);
