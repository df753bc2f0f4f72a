//! Benchmarks of the core on generated canvases of 100, 1,000 and 10,000 notes: loading (with
//! a raw `serde_json` parse of the same bytes beside it, the floor loading is measured against),
//! saving, and scoring. Figures and targets are in BENCHMARKS.md.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fitcanvas::{format, score};
use serde_json::Value;
use support::generated;

mod support;

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
    targets = load, save, fit
}
criterion_main!(benches);
