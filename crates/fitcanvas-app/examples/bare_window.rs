//! A bare eframe window, built with the same crates, features and profile as Fitcanvas: the
//! yardstick `scripts/startup-bench.sh` measures the editor's start-up against.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A bench yardstick, not user-facing.

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window");
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare")
            .with_inner_size([1280.0, 760.0]),
        ..Default::default()
    };
    eframe::run_native("Bare", options, Box::new(|_| Ok(Box::new(Bare))))
}
