//! Export speed on a 300-note canvas: each format end to end (drawing, text layout, rendering,
//! encoding), as `fitcanvas export` does it minus the file write.

use criterion::{Criterion, criterion_group, criterion_main};
use fitcanvas::export::{self, Format, Options, Paper};
use fitcanvas::{Canvas, Section};

fn canvas_with(notes: usize) -> Canvas {
    let mut canvas = Canvas::new();
    canvas.set_title("Benchmark canvas with three hundred notes");
    canvas.set_customer("Everyone who waits for an export");
    let mut customer = Vec::new();
    for i in 0..notes {
        let section = Section::ALL[i % 6];
        let id = canvas.add_item(
            section,
            format!("Note {i}: a typical sticky note of about eight words"),
        );
        if section.is_customer() {
            customer.push((section, id));
        } else if let Some((_, target)) = customer
            .iter()
            .rev()
            .find(|(s, _)| section.addresses() == Some(*s))
        {
            let _ = canvas.link(id.as_str(), target.as_str());
        }
    }
    canvas
}

fn bench(c: &mut Criterion) {
    let canvas = canvas_with(300);
    let mut group = c.benchmark_group("export_300_notes");
    group.sample_size(10);
    let cases = [
        ("svg", Format::Svg, Options::default()),
        ("png_3840", Format::Png, Options::default()),
        ("pdf_a4", Format::Pdf, Options::default()),
        (
            "pdf_a3",
            Format::Pdf,
            Options {
                paper: Paper::A3,
                ..Options::default()
            },
        ),
        ("markdown", Format::Markdown, Options::default()),
    ];
    for (name, format, options) in cases {
        group.bench_function(name, |b| {
            b.iter(|| export::render(&canvas, format, &options).map(|bytes| bytes.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
