//! Benchmarks of the core on generated canvases of 100, 1,000 and 10,000 notes: loading (with
//! a raw `serde_json` parse of the same bytes beside it, the floor loading is measured against),
//! saving, and scoring. Figures and targets are in BENCHMARKS.md.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fitcanvas::{Canvas, Section, format, score};
use serde_json::{Value, json};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// A canvas of `n` notes spread evenly over the six sections, every value-map note addressing
/// two notes of the section it serves, with texts of a realistic length. Built as JSON because
/// the model's `add_item` looks for a free id among all notes, which is quadratic in bulk.
fn generated(n: usize) -> Canvas {
    let mut sections: [Vec<Value>; 6] = Default::default();
    for i in 0..n {
        let section = Section::ALL[i % 6];
        let number = i / 6 + 1;
        let id = format!("{}-{number}", section.id_prefix());
        let text = format!(
            "{} number {number}: a note of about the length people write",
            section.singular()
        );
        let note = match section.addresses() {
            None => json!({
                "id": id,
                "text": text,
                "weight": (i % 5) + 1,
                "kind": section.kinds()[i % section.kinds().len()].key(),
            }),
            Some(target) => {
                // Two neighbouring notes of the served section, wrapping round, so links spread
                // over the whole section.
                let served = n / 6 + usize::from(target.index() < n % 6);
                let addresses: Vec<String> = [number - 1, number]
                    .into_iter()
                    .map(|k| format!("{}-{}", target.id_prefix(), k % served + 1))
                    .collect();
                json!({ "id": id, "text": text, "addresses": addresses })
            }
        };
        sections[section.index()].push(note);
    }
    let mut doc = json!({
        "format": "fitcanvas",
        "version": 1,
        "title": "Generated canvas",
        "customer": "Benchmark customers",
        "notes": "",
    });
    for section in Section::ALL {
        doc[section.key()] = Value::Array(std::mem::take(&mut sections[section.index()]));
    }
    let canvas = format::from_value(doc).expect("the generated canvas is valid");
    assert_eq!(canvas.len(), n);
    canvas
}

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
