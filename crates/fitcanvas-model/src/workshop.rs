//! The logic of running a canvas exercise with a room, apart from any window: the order the
//! facilitator walks through the areas, the exercise timer, and the dot-vote ranking.
//!
//! Time is passed in (seconds on any monotonic clock, such as egui's `input.time`) rather than
//! read here, so the timer is exact under test and never needs the app to sleep or poll.

use crate::canvas::{Canvas, ItemId};
use crate::section::Section;

/// One stop of the walk-through: an area to spotlight, or the fit reveal at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Area(Section),
    Fit,
}

impl Step {
    /// The usual order: the customer first (jobs, pains, gains), then what we offer for them
    /// (products & services, pain relievers, gain creators), then how well the two fit.
    pub const ORDER: [Step; 7] = [
        Step::Area(Section::Jobs),
        Step::Area(Section::Pains),
        Step::Area(Section::Gains),
        Step::Area(Section::Products),
        Step::Area(Section::PainRelievers),
        Step::Area(Section::GainCreators),
        Step::Fit,
    ];

    /// What the screen calls this step.
    pub fn name(self) -> &'static str {
        match self {
            Step::Area(section) => section.title(),
            Step::Fit => "Fit",
        }
    }

    /// The step the number key `n` picks (1–6 the areas in walk-through order), if any.
    pub fn for_number_key(n: u8) -> Option<Step> {
        match n {
            1..=6 => Some(Step::ORDER[usize::from(n - 1)]),
            _ => None,
        }
    }

    fn position(self) -> usize {
        Step::ORDER.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The next step, or `None` past the last one.
    pub fn next(self) -> Option<Step> {
        Step::ORDER.get(self.position() + 1).copied()
    }

    /// The previous step, or `None` before the first one.
    pub fn previous(self) -> Option<Step> {
        self.position().checked_sub(1).map(|i| Step::ORDER[i])
    }
}

/// Where the walk-through stands: everything shown, or one step in focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Walkthrough {
    pub current: Option<Step>,
}

impl Walkthrough {
    /// Forward (Right, PageDown): from "show all" to the first step, then step by step; stays on
    /// the last step.
    pub fn forward(&mut self) {
        self.current = match self.current {
            None => Some(Step::ORDER[0]),
            Some(step) => Some(step.next().unwrap_or(step)),
        };
    }

    /// Back (Left, PageUp): step by step to the first, then back to "show all".
    pub fn back(&mut self) {
        self.current = self.current.and_then(Step::previous);
    }

    /// Shows every area again (the 0 key).
    pub fn show_all(&mut self) {
        self.current = None;
    }

    /// What the screen says about where the room is.
    pub fn caption(&self) -> String {
        match self.current {
            None => "All areas".to_owned(),
            Some(step) => {
                let n = step.position() + 1;
                format!("Step {n} of {}: {}", Step::ORDER.len(), step.name())
            }
        }
    }

    /// Is `section` dimmed right now? Everything is lit with no step in focus, and at the fit
    /// step the whole canvas is in view.
    pub fn dims(&self, section: Section) -> bool {
        matches!(self.current, Some(Step::Area(focus)) if focus != section)
    }
}

/// A countdown for a timed exercise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timer {
    /// Length of the exercise in seconds.
    duration: f64,
    /// Seconds that ran before the current run started (sum of earlier runs).
    banked: f64,
    /// Clock reading when the current run started, while running.
    running_since: Option<f64>,
}

impl Timer {
    /// A stopped timer set to `minutes`.
    pub fn new(minutes: f64) -> Timer {
        Timer {
            duration: (minutes.max(0.0) * 60.0).min(24.0 * 3600.0),
            banked: 0.0,
            running_since: None,
        }
    }

    pub fn duration_secs(&self) -> f64 {
        self.duration
    }

    /// Sets a new length and resets the countdown.
    pub fn set_minutes(&mut self, minutes: f64) {
        *self = Timer::new(minutes);
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn start(&mut self, now: f64) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    pub fn pause(&mut self, now: f64) {
        if let Some(since) = self.running_since.take() {
            self.banked += (now - since).max(0.0);
        }
    }

    /// Back to the full length, stopped.
    pub fn reset(&mut self) {
        self.banked = 0.0;
        self.running_since = None;
    }

    fn elapsed(&self, now: f64) -> f64 {
        self.banked
            + self
                .running_since
                .map_or(0.0, |since| (now - since).max(0.0))
    }

    /// Seconds left, never below zero.
    pub fn remaining(&self, now: f64) -> f64 {
        (self.duration - self.elapsed(now)).max(0.0)
    }

    /// Has the time run out? Only a timer that was started can run out.
    pub fn is_up(&self, now: f64) -> bool {
        self.elapsed(now) > 0.0 && self.remaining(now) <= 0.0
    }

    /// Seconds past the end, while a started timer runs on after its time is up.
    pub fn overtime(&self, now: f64) -> f64 {
        (self.elapsed(now) - self.duration).max(0.0)
    }

    /// The last minute of a started countdown: the room is warned before zero.
    pub fn is_warning(&self, now: f64) -> bool {
        let left = self.remaining(now);
        self.elapsed(now) > 0.0 && left > 0.0 && left <= 60.0
    }

    /// "Time's up", with the overtime counted once there is some: "Time's up −00:35".
    pub fn up_display(&self, now: f64) -> String {
        let over = self.overtime(now).floor() as u64;
        if over == 0 {
            "Time's up".to_owned()
        } else {
            format!("Time's up −{:02}:{:02}", over / 60, over % 60)
        }
    }

    /// `mm:ss` of the time left, rounded up so "00:00" appears only when time is up.
    pub fn display(&self, now: f64) -> String {
        let secs = self.remaining(now).ceil() as u64;
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }

    /// Seconds until the shown time next changes, for scheduling the next repaint while running
    /// (so an idle app is not redrawn every frame).
    pub fn next_tick_in(&self, now: f64) -> Option<f64> {
        if !self.is_running() {
            return None;
        }
        if self.is_up(now) {
            // The overtime counts up in whole seconds.
            let over = self.overtime(now);
            return Some(1.0 - (over - over.floor()));
        }
        let remaining = self.remaining(now);
        let fraction = remaining - remaining.floor();
        Some(if fraction > 0.0 { fraction } else { 1.0 })
    }
}

impl Default for Timer {
    fn default() -> Timer {
        Timer::new(5.0)
    }
}

/// When the one-minute tone is due: once, on the first look at a timer in its last minute,
/// and not again on the frames after, nor while it stays paused there. A timer out of its
/// last minute (reset, set anew, or not started) arms it again; one whose time is up does
/// not, so the tone never sounds after "Time's up".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastMinute {
    armed: bool,
}

impl Default for LastMinute {
    fn default() -> LastMinute {
        LastMinute { armed: true }
    }
}

impl LastMinute {
    /// Looks at `timer` at time `now` (each frame); true exactly when the tone should sound.
    pub fn due(&mut self, timer: &Timer, now: f64) -> bool {
        if timer.is_warning(now) {
            return std::mem::replace(&mut self.armed, false);
        }
        if !timer.is_up(now) {
            self.armed = true;
        }
        false
    }
}

/// The notes with votes, most votes first (ties in canvas order).
pub fn top_voted(canvas: &Canvas) -> Vec<(Section, ItemId, u32)> {
    let mut voted: Vec<(Section, ItemId, u32)> = canvas
        .all_items()
        .filter(|(_, item)| item.votes() > 0)
        .map(|(section, item)| (section, item.id().clone(), item.votes()))
        .collect();
    voted.sort_by_key(|(_, _, votes)| std::cmp::Reverse(*votes));
    voted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_minute_warns_and_time_past_the_end_is_counted() {
        let mut t = Timer::new(5.0);
        assert!(!t.is_warning(0.0), "a timer not started does not warn");
        t.start(0.0);
        assert!(!t.is_warning(239.0));
        assert!(t.is_warning(240.5));
        assert_eq!(t.display(250.0), "00:50");
        assert!(!t.is_warning(300.0), "at zero it is up, not a warning");
        assert!(t.is_up(300.0));
        assert_eq!(t.up_display(300.4), "Time's up");
        assert_eq!(t.up_display(335.2), "Time's up −00:35");
        assert_eq!(t.up_display(300.0 + 61.0), "Time's up −01:01");
        // Paused in overtime, it stays where it was.
        t.pause(335.2);
        assert_eq!(t.up_display(900.0), "Time's up −00:35");
        assert_eq!(t.next_tick_in(900.0), None);
    }

    #[test]
    fn the_one_minute_tone_is_due_once_per_run_down_and_again_after_a_reset() {
        let mut timer = Timer::new(5.0);
        let mut tone = LastMinute::default();
        // Frames every tenth of a second on a test clock, from `from` to `to` seconds.
        let mut tones = |timer: &Timer, from: f64, to: f64| -> usize {
            let mut n = 0;
            let mut t = from;
            while t <= to {
                n += usize::from(tone.due(timer, t));
                t += 0.1;
            }
            n
        };
        assert_eq!(
            tones(&timer, 0.0, 400.0),
            0,
            "a timer not started never sounds"
        );
        timer.start(0.0);
        assert_eq!(
            tones(&timer, 0.0, 239.9),
            0,
            "nothing before the last minute"
        );
        assert_eq!(
            tones(&timer, 240.0, 299.9),
            1,
            "once on crossing one minute"
        );
        assert_eq!(tones(&timer, 300.0, 400.0), 0, "not again when time is up");
        // Paused in the last minute: no repeat while it stays there, none on restarting.
        timer.reset();
        timer.start(1000.0);
        assert_eq!(tones(&timer, 1000.0, 1250.0), 1, "again after a reset");
        timer.pause(1250.0);
        assert_eq!(tones(&timer, 1250.0, 1400.0), 0);
        timer.start(1400.0);
        assert_eq!(tones(&timer, 1400.0, 1420.0), 0);
        // A new length starts over.
        timer.set_minutes(2.0);
        timer.start(2000.0);
        assert_eq!(tones(&timer, 2000.0, 2130.0), 1);
    }

    #[test]
    fn walkthrough_goes_customer_first_then_value_map_then_fit() {
        let mut w = Walkthrough::default();
        assert_eq!(w.caption(), "All areas");
        let mut names = Vec::new();
        for _ in 0..9 {
            w.forward();
            names.push(w.current.map(Step::name).unwrap_or_default());
        }
        assert_eq!(
            names,
            [
                "Customer jobs",
                "Pains",
                "Gains",
                "Products & services",
                "Pain relievers",
                "Gain creators",
                "Fit",
                "Fit",
                "Fit"
            ]
        );
        assert_eq!(w.caption(), "Step 7 of 7: Fit");
        for _ in 0..6 {
            w.back();
        }
        assert_eq!(w.current, Some(Step::Area(Section::Jobs)));
        w.back();
        assert_eq!(w.current, None);
        w.back();
        assert_eq!(w.current, None);
    }

    #[test]
    fn spotlight_dims_every_other_area() {
        let mut w = Walkthrough {
            current: Step::for_number_key(2),
        };
        assert_eq!(w.caption(), "Step 2 of 7: Pains");
        assert!(!w.dims(Section::Pains));
        assert!(w.dims(Section::Jobs) && w.dims(Section::GainCreators));
        w.current = Some(Step::Fit);
        assert!(Section::ALL.iter().all(|s| !w.dims(*s)));
        w.show_all();
        assert!(!w.dims(Section::Jobs));
        assert_eq!(Step::for_number_key(0), None);
        assert_eq!(Step::for_number_key(7), None);
        assert_eq!(
            Step::for_number_key(6),
            Some(Step::Area(Section::GainCreators))
        );
    }

    #[test]
    fn timer_counts_down_pauses_and_resets_on_a_given_clock() {
        let mut t = Timer::new(2.0);
        assert_eq!(t.display(100.0), "02:00");
        assert!(!t.is_up(100.0));
        t.start(100.0);
        assert_eq!(t.display(130.5), "01:30");
        t.pause(130.5);
        // Paused: the clock moves, the timer does not.
        assert_eq!(t.display(500.0), "01:30");
        assert_eq!(t.next_tick_in(500.0), None);
        t.start(600.0);
        assert!((t.next_tick_in(600.2).unwrap() - 0.3).abs() < 1e-9);
        assert!(!t.is_up(689.0));
        assert!(t.is_up(689.5));
        assert_eq!(t.display(1000.0), "00:00");
        t.reset();
        assert_eq!(t.display(1000.0), "02:00");
        assert!(!t.is_running() && !t.is_up(1000.0));
    }

    #[test]
    fn top_voted_ranks_by_votes_then_canvas_order() {
        let mut c = Canvas::new();
        let a = c.add_item(Section::Pains, "a");
        let b = c.add_item(Section::Gains, "b");
        let j = c.add_item(Section::Jobs, "j");
        c.add_item(Section::Jobs, "never voted");
        c.set_votes(a.as_str(), 2).unwrap();
        c.set_votes(b.as_str(), 5).unwrap();
        c.set_votes(j.as_str(), 2).unwrap();
        let ranked: Vec<_> = top_voted(&c)
            .into_iter()
            .map(|(_, id, n)| (id, n))
            .collect();
        assert_eq!(ranked, [(b, 5), (j, 2), (a, 2)]);
    }
}
