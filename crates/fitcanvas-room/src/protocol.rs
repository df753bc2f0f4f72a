//! The messages between the participant's page and the room, as JSON over one WebSocket.
//! Every message is an object with a `type`; docs/design/room.md documents each field.
//! Parsing is strict (unknown types and fields are refused), so a page and an app of
//! different versions fail loudly rather than half-understand each other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::section::Section;
use fitcanvas_model::workshop::{Step, Timer, Walkthrough};

/// What a page sends.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// The first message on every socket: the device key the page keeps in its storage (so a
    /// reconnect gets its votes and submissions back) and an optional display name.
    Hello {
        device: String,
        #[serde(default)]
        name: Option<String>,
    },
    /// Sets or clears (empty) the display name.
    Name { name: String },
    /// A note for the area open for writing.
    Note { area: Section, text: String },
    /// This device's dots on one note in the open round: the count it should have now.
    Vote { note: String, count: u32 },
    /// Keeps an idle socket open.
    Ping,
}

/// Why something a page asked for was not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Not JSON, not a known message, or binary.
    BadMessage,
    TooLarge,
    RateLimited,
    /// Anything other than hello before hello, or a malformed device key.
    HelloFirst,
    JoiningClosed,
    RoomFull,
    Removed,
    WritingClosed,
    EmptyText,
    InboxFull,
    NoRound,
    OverBudget,
    OnePerNote,
    UnknownNote,
}

impl Refusal {
    /// What the page shows.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::BadMessage => "That message was not understood.",
            Refusal::TooLarge => "That message is too large.",
            Refusal::RateLimited => "Slow down a little, please.",
            Refusal::HelloFirst => "The page must say hello first.",
            Refusal::JoiningClosed => "The facilitator has closed joining.",
            Refusal::RoomFull => "The room is full.",
            Refusal::Removed => "The facilitator removed this device.",
            Refusal::WritingClosed => "Writing is not open for that area right now.",
            Refusal::EmptyText => "Write something first.",
            Refusal::InboxFull => "Wait until the facilitator has gone through your notes.",
            Refusal::NoRound => "No vote round is open.",
            Refusal::OverBudget => "You have no dots left.",
            Refusal::OnePerNote => "One dot per note in this round.",
            Refusal::UnknownNote => "That note is no longer on the canvas.",
        }
    }
}

/// What the room sends. `View` is the same for every page and is serialized once per change;
/// `You` is each device's own.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    View(ViewMsg),
    You(YouMsg),
    Error {
        code: Refusal,
        message: String,
    },
    /// The join address changed: the page's path from now on (for reconnecting).
    Moved {
        path: String,
    },
    /// The room closed this socket for good (removed, room closed); the page does not retry.
    Bye {
        reason: String,
    },
    Pong,
}

/// The canvas as every page sees it: read-only, with the step the room is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewMsg {
    /// "Step 2 of 7: Pains", or "All areas".
    pub step: String,
    /// The spotlit area, drawn large on the page.
    pub spot: Option<Section>,
    pub title: String,
    pub areas: Vec<AreaView>,
    pub timer: TimerView,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaView {
    pub area: Section,
    pub title: &'static str,
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteView {
    pub id: String,
    pub text: String,
    /// Dots on the canvas (a running round's hidden dots are not counted until it ends).
    pub votes: u32,
}

/// The shared timer: the page counts down by itself while `running`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimerView {
    pub total: f64,
    pub remaining: f64,
    pub running: bool,
}

impl TimerView {
    pub fn new(timer: &Timer, now: f64) -> TimerView {
        TimerView {
            total: timer.duration_secs(),
            // Whole tenths: a republished view that only ticked is the same view.
            remaining: (timer.remaining(now) * 10.0).round() / 10.0,
            running: timer.is_running(),
        }
    }
}

impl ViewMsg {
    pub fn new(canvas: &Canvas, walkthrough: &Walkthrough, timer: TimerView) -> ViewMsg {
        let spot = match walkthrough.current {
            Some(Step::Area(section)) => Some(section),
            _ => None,
        };
        ViewMsg {
            step: walkthrough.caption(),
            spot,
            title: canvas.title().to_owned(),
            areas: Section::ALL
                .iter()
                .map(|&area| AreaView {
                    area,
                    title: area.title(),
                    notes: canvas
                        .items(area)
                        .iter()
                        .map(|item| NoteView {
                            id: item.id().as_str().to_owned(),
                            text: item.text().to_owned(),
                            votes: item.votes(),
                        })
                        .collect(),
                })
                .collect(),
            timer,
        }
    }
}

/// One device's own view of the room.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct YouMsg {
    pub name: Option<String>,
    /// "Participant 3": how the facilitator's list calls an anonymous device.
    pub label: String,
    pub writing: Option<WritingView>,
    pub round: Option<RoundView>,
    /// This device's dots in the open round, by note id.
    pub votes: BTreeMap<String, u32>,
    /// This device's latest submissions and what became of them, oldest first.
    pub submitted: Vec<SubmittedView>,
    /// In live writing, everyone's notes waiting in the inbox for the open area.
    pub shared: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WritingView {
    pub area: Section,
    pub title: &'static str,
    /// Submissions are seen only by their writer until the facilitator accepts them.
    pub private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoundView {
    pub number: u64,
    pub budget: u32,
    pub one_per_note: bool,
    /// Dots left for this device.
    pub left: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubmittedView {
    pub text: String,
    pub area: Section,
    pub outcome: Outcome,
    /// The canvas note it became or was merged into, once accepted or merged.
    pub note: Option<String>,
}

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Waiting,
    Accepted,
    Merged,
    Rejected,
    /// It was accepted or merged, but the canvas no longer holds it: the facilitator undid it,
    /// or deleted the note. Worked out from the canvas each time, so a redo brings it back.
    Removed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_messages_parse_strictly() {
        let hello: ClientMsg = serde_json::from_str(r#"{"type":"hello","device":"abc"}"#).unwrap();
        assert_eq!(
            hello,
            ClientMsg::Hello {
                device: "abc".into(),
                name: None
            }
        );
        let note: ClientMsg =
            serde_json::from_str(r#"{"type":"note","area":"pain_relievers","text":"x"}"#).unwrap();
        assert!(matches!(
            note,
            ClientMsg::Note {
                area: Section::PainRelievers,
                ..
            }
        ));
        for bad in [
            r#"{"type":"note","area":"pains","text":"x","html":"<b>"}"#,
            r#"{"type":"shout"}"#,
            r#"{"type":"vote","note":"j1","count":-1}"#,
            r#"[1,2]"#,
            "not json",
        ] {
            assert!(serde_json::from_str::<ClientMsg>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_view_lists_every_area_and_the_spotlit_one() {
        let mut canvas = Canvas::new();
        canvas.add_item(Section::Pains, "Slow checkout");
        let mut walk = Walkthrough::default();
        walk.forward();
        walk.forward();
        let view = ViewMsg::new(&canvas, &walk, TimerView::new(&Timer::new(5.0), 0.0));
        assert_eq!(view.spot, Some(Section::Pains));
        assert_eq!(view.areas.len(), 6);
        assert_eq!(view.areas[1].notes[0].text, "Slow checkout");
        let json = serde_json::to_string(&ServerMsg::View(view)).unwrap();
        assert!(json.starts_with(r#"{"type":"view","#), "{json}");
        assert!(json.contains(r#""remaining":300.0"#), "{json}");
    }
}
