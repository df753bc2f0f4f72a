//! The exercise timer's short tone at one minute left, where the machine can play sound: a
//! soft 880 Hz note of a third of a second, through the default audio output (rodio). When
//! there is no output device, or it cannot be opened, there is no tone and nothing else
//! happens: the timer's amber colour still warns. When the tone is due is decided by the pure
//! [`fitcanvas_model::workshop::LastMinute`]; this module only sounds it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long the tone lasts.
const TONE: Duration = Duration::from_millis(350);

/// Where the tone goes: the machine's speakers, or (in tests) a counter.
pub trait ToneOut {
    /// Sounds the tone, without waiting for it.
    fn play(&self);
}

/// No tone at all: for benchmarks, and anywhere sound is not wanted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silence;

impl ToneOut for Silence {
    fn play(&self) {}
}

/// The machine's default audio output. Each tone plays on a short-lived thread of its own:
/// opening an audio device can take a while (or hang on a sound server that does not answer),
/// and the window must never wait for it.
#[derive(Debug, Default, Clone)]
pub struct Speakers {
    state: Arc<SpeakerState>,
}

#[derive(Debug, Default)]
struct SpeakerState {
    /// A tone is playing (or its device still opening): another is not started meanwhile, so
    /// a stuck device holds one thread at most.
    playing: AtomicBool,
    /// No device could be opened: not tried again this session (each try may print the sound
    /// system's own complaints).
    unavailable: AtomicBool,
}

/// Clears `playing` when the tone's thread ends, however it ends.
struct Playing(Arc<SpeakerState>);

impl Drop for Playing {
    fn drop(&mut self) {
        self.0.playing.store(false, Ordering::SeqCst);
    }
}

impl ToneOut for Speakers {
    fn play(&self) {
        let state = &self.state;
        if state.unavailable.load(Ordering::SeqCst) || state.playing.swap(true, Ordering::SeqCst) {
            return;
        }
        let playing = Playing(state.clone());
        // No thread to be had means no tone: the closure, and `playing` with it, is dropped,
        // which clears the flag for the next one.
        let _ = std::thread::Builder::new()
            .name("fitcanvas-tone".into())
            .spawn(move || {
                if !sound() {
                    playing.0.unavailable.store(true, Ordering::SeqCst);
                }
                drop(playing);
            });
    }
}

/// Plays the tone on the default output and waits for it to end; false when there is no
/// output to play it on.
fn sound() -> bool {
    use rodio::Source;
    let Ok(mut sink) = rodio::DeviceSinkBuilder::open_default_sink() else {
        return false;
    };
    // Dropped on purpose once the tone is over: rodio would say so on stderr.
    sink.log_on_drop(false);
    let fade = Duration::from_millis(40);
    let tone = rodio::source::SineWave::new(880.0)
        .take_duration(TONE)
        .fade_in(fade)
        .amplify(0.25);
    sink.mixer().add(tone);
    std::thread::sleep(TONE + Duration::from_millis(100));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand (`cargo test --lib tone -- --ignored`): sounds the tone where there is an audio
    /// output, and on a machine without one ends quietly. Either way the caller never waits,
    /// and the next tone is not blocked. Ignored in the suite: a test run should not beep.
    #[test]
    #[ignore]
    fn a_tone_plays_or_is_skipped_without_holding_anything() {
        let speakers = Speakers::default();
        speakers.play();
        speakers.play();
        for _ in 0..200 {
            if !speakers.state.playing.load(Ordering::SeqCst) {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(!speakers.state.playing.load(Ordering::SeqCst));
        eprintln!(
            "audio output: {}",
            if speakers.state.unavailable.load(Ordering::SeqCst) {
                "none (skipped)"
            } else {
                "played"
            }
        );
    }
}
