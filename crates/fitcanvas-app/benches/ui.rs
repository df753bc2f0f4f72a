//! One full editor frame, headless (`egui::Context::run_ui`, no GPU), on canvases of 60, 300 and
//! 1,500 notes with links, at 1920×1080 with a note selected. Target: under 4 ms per frame for
//! 300 notes in release. Figures are in BENCHMARKS.md under "Editor".

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fitcanvas_app::{App, AppConfig, Command, Document, Screen, ScriptedDialogs};
use fitcanvas_model::Section;
use support::generated;

use fitcanvas_testkit::canvases as support;

const SIZES: [usize; 3] = [60, 300, 1_500];

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App) {
    let mut output = ctx.run_ui(input(), |ui| app.show(ui));
    // Nothing uploads textures here; a delta dropped unapplied would panic.
    output.textures_delta.clear();
}

fn bench_ui(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("ui_frame");
    for n in SIZES {
        let ctx = egui::Context::default();
        let mut app = App::new(
            &ctx,
            AppConfig {
                config_dir: dir.path().join("config"),
                data_dir: dir.path().join("data"),
                dialogs: Box::new(ScriptedDialogs::default()),
                clock: Box::new(Instant::now),
                clipboard: Box::new(fitcanvas_app::MemoryClipboard::default()),
                tone: Box::new(fitcanvas_app::Silence),
            },
        );
        let canvas = generated(n);
        let selected = canvas.items(Section::PainRelievers)[0].id().clone();
        app.doc = Document::opened(canvas, None);
        app.screen = Screen::Canvas;
        app.push(Command::Select(Some(selected)));
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| frame(&ctx, &mut app));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_ui);
criterion_main!(benches);
