//! What the UI tests share: an app with its settings, recovery and file dialogs redirected to
//! a temporary folder and scripts, a test clock, and the few gestures every test makes.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use fitcanvas_app::{App, AppConfig, MemoryClipboard, Screen, ScriptedDialogs};
use fitcanvas_model::ItemId;
use fitcanvas_model::score;
use fitcanvas_model::section::Section;

pub struct Setup {
    pub dir: tempfile::TempDir,
    pub dialogs: ScriptedDialogs,
    pub clock: Arc<Mutex<Instant>>,
    /// The clipboard every window of this setup shares, as windows on one desktop do.
    pub clipboard: MemoryClipboard,
    /// How many times the timer's tone was asked for: no sound in tests.
    pub tones: Arc<std::sync::atomic::AtomicUsize>,
}

/// The timer's tone in tests: counted, never played.
struct CountedTone(Arc<std::sync::atomic::AtomicUsize>);

impl fitcanvas_app::ToneOut for CountedTone {
    fn play(&self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Setup {
    pub fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().unwrap(),
            dialogs: ScriptedDialogs::default(),
            clock: Arc::new(Mutex::new(Instant::now())),
            clipboard: MemoryClipboard::default(),
            tones: Arc::default(),
        }
    }

    /// How many tones the app has asked for so far.
    pub fn tones(&self) -> usize {
        self.tones.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn harness(&self, size: (f32, f32)) -> Harness<'static, App> {
        // Room for an export's own request for a frame, which comes from its thread whenever
        // the export ends, on top of the frames a click settles in.
        self.harness_with_steps(size, 8)
    }

    /// A harness whose `run` may take up to `max_steps` frames: a burst of keys delivered in
    /// one frame is handled over as many frames as it has keys that change their routing.
    pub fn harness_with_steps(&self, size: (f32, f32), max_steps: u64) -> Harness<'static, App> {
        let config_dir = self.path("config");
        let data_dir = self.path("data");
        let dialogs = self.dialogs.clone();
        let clock = self.clock.clone();
        let clipboard = self.clipboard.clone();
        let tones = self.tones.clone();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(size.0, size.1))
            .with_max_steps(max_steps)
            .build_eframe(move |cc| {
                App::new(
                    &cc.egui_ctx,
                    AppConfig {
                        config_dir,
                        data_dir,
                        dialogs: Box::new(dialogs),
                        clock: Box::new(move || *clock.lock().unwrap()),
                        clipboard: Box::new(clipboard),
                        tone: Box::new(CountedTone(tones)),
                    },
                )
            });
        harness.run();
        harness
    }

    /// The recovery canvases in the data folder, one per window that has unsaved work.
    pub fn recovery_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.path("data"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn advance(&self, by: Duration) {
        *self.clock.lock().unwrap() += by;
    }
}

pub fn fit(harness: &Harness<'_, App>) -> Option<f64> {
    score(harness.state().canvas()).fit
}

pub fn texts(harness: &Harness<'_, App>, section: Section) -> Vec<String> {
    harness
        .state()
        .canvas()
        .items(section)
        .iter()
        .map(|i| i.text().to_owned())
        .collect()
}

/// The texts of one area's notes as saved in the file at `path`.
pub fn texts_in_file(path: &std::path::Path, section: Section) -> Vec<String> {
    fitcanvas_model::format::load_file(path)
        .unwrap()
        .items(section)
        .iter()
        .map(|i| i.text().to_owned())
        .collect()
}

pub fn id_of(harness: &Harness<'_, App>, text: &str) -> ItemId {
    harness
        .state()
        .canvas()
        .all_items()
        .find(|(_, i)| i.text() == text)
        .map(|(_, i)| i.id().clone())
        .unwrap_or_else(|| panic!("no note {text:?}"))
}

pub fn type_and_enter(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

pub fn click_note(harness: &mut Harness<'_, App>, text: &str) {
    harness.get_by_role_and_label(Role::Button, text).click();
    harness.run();
}

/// The window's close button (or the window manager closing it).
pub fn close_window(harness: &mut Harness<'_, App>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

pub fn new_canvas(setup: &Setup) -> Harness<'static, App> {
    let mut h = setup.harness((1280.0, 720.0));
    click(&mut h, "New blank canvas");
    assert_eq!(h.state().screen, Screen::Canvas);
    h
}

/// Lets the export under way finish (it is written beside the window) and the window say how
/// it went.
pub fn finish_export(harness: &mut Harness<'_, App>) {
    for _ in 0..1000 {
        if !harness.state().exporting() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
        // A frame at a time: the job's own request for a frame comes in as it ends.
        harness.step();
    }
    assert!(!harness.state().exporting(), "the export finished");
    harness.run();
}

/// Opens the room on loopback (View → Room), as the facilitator would.
pub fn open_room(harness: &mut Harness<'_, App>) {
    harness.state_mut().room.loopback = true;
    harness.state_mut().push(fitcanvas_app::Command::Room(
        fitcanvas_app::RoomCommand::Open,
    ));
    harness.run();
    assert!(
        harness.state().room.is_open(),
        "{}",
        harness.state().room.status
    );
}

/// Opens the room on loopback with its window closed, as while presenting with the code shown
/// on the canvas.
pub fn open_room_window_closed(harness: &mut Harness<'_, App>) {
    open_room(harness);
    harness.state_mut().push(fitcanvas_app::Command::Room(
        fitcanvas_app::RoomCommand::ShowWindow(false),
    ));
    harness.run();
}

/// Where the open room's QR code is drawn.
pub fn join_code_rect(harness: &Harness<'_, App>) -> egui::Rect {
    let url = harness.state().room.url().expect("the room is open");
    harness
        .get_by_label(&format!("QR code to join the room: {url}"))
        .rect()
}

/// Runs frames until `done` holds, for up to ten seconds: the operating system tells the
/// watcher about the file on its own thread. Waiting, not timing: it stops as soon as it holds.
pub fn run_until(h: &mut Harness<'_, App>, done: impl Fn(&App) -> bool) -> bool {
    for _ in 0..200 {
        h.run();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}
