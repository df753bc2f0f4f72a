//! Export speed on a 300-note canvas: each format end to end (drawing, text layout, rendering,
//! encoding), as `fitcanvas export` does it minus the file write.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use criterion::{Criterion, criterion_group, criterion_main};
use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_picture::export::{self, Format, Options, Paper};

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
    let lines = Options {
        links: export::Links::Lines,
        ..Options::default()
    };
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
        // Links drawn as lines: the drawing routes all 150 of them.
        ("svg_lines", Format::Svg, lines),
        ("png_3840_lines", Format::Png, lines),
        ("pdf_a4_lines", Format::Pdf, lines),
    ];
    for (name, format, options) in cases {
        group.bench_function(name, |b| {
            b.iter(|| export::render(&canvas, format, &options).map(|bytes| bytes.len()))
        });
    }
    group.finish();

    // Where a 3840 px PNG spends its time.
    let mut stages = c.benchmark_group("png_3840_stages");
    stages.sample_size(10);
    let measurer = export::Measurer::new();
    let palette = fitcanvas_picture::palette::Palette::light();
    stages.bench_function("drawing_and_svg", |b| {
        b.iter(|| {
            let d = export::Drawing::build(&canvas, &palette, &measurer, export::PICTURE_ASPECT);
            export::svg::to_svg(&d, d.width, d.height).len()
        })
    });
    let d = export::Drawing::build(&canvas, &palette, &measurer, export::PICTURE_ASPECT);
    let svg = export::svg::to_svg(&d, d.width, d.height);
    stages.bench_function("parse_and_shape", |b| {
        b.iter(|| export::render::parse(&svg).map(|t| t.size().width()))
    });
    if let Ok(tree) = export::render::parse(&svg) {
        stages.bench_function("rasterize", |b| {
            b.iter(|| {
                let mut pixmap = resvg::tiny_skia::Pixmap::new(3840, 2400)?;
                let scale = 3840.0 / tree.size().width();
                resvg::render(
                    &tree,
                    resvg::tiny_skia::Transform::from_scale(scale, scale),
                    &mut pixmap.as_mut(),
                );
                Some(pixmap.width())
            })
        });
    }
    stages.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
