//! What the canvas rests on: each note's status (assumption → validated or invalidated), the
//! evidence behind it, the interviews that evidence came from, and the test and learning cards
//! used to check assumptions. Plain data; the canvas's operations keep it consistent.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::canvas::ItemId;

/// How far a note has been checked against what customers actually say and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Believed, not yet checked. Every note starts here.
    #[default]
    Assumption,
    /// A test of it is under way.
    Testing,
    /// Evidence backs it.
    Validated,
    /// Evidence contradicts it.
    Invalidated,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Assumption,
        Status::Testing,
        Status::Validated,
        Status::Invalidated,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Assumption => "assumption",
            Status::Testing => "testing",
            Status::Validated => "validated",
            Status::Invalidated => "invalidated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Assumption => "Assumption",
            Status::Testing => "Testing",
            Status::Validated => "Validated",
            Status::Invalidated => "Invalidated",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a piece of evidence came from. Triangulation counts distinct sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Interview,
    Observation,
    Survey,
    Analytics,
    SupportTicket,
    SalesConversation,
    Experiment,
    Other,
}

impl Source {
    pub const ALL: [Source; 8] = [
        Source::Interview,
        Source::Observation,
        Source::Survey,
        Source::Analytics,
        Source::SupportTicket,
        Source::SalesConversation,
        Source::Experiment,
        Source::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Source::Interview => "interview",
            Source::Observation => "observation",
            Source::Survey => "survey",
            Source::Analytics => "analytics",
            Source::SupportTicket => "support_ticket",
            Source::SalesConversation => "sales_conversation",
            Source::Experiment => "experiment",
            Source::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Interview => "Interview",
            Source::Observation => "Observation",
            Source::Survey => "Survey",
            Source::Analytics => "Analytics",
            Source::SupportTicket => "Support ticket",
            Source::SalesConversation => "Sales conversation",
            Source::Experiment => "Experiment",
            Source::Other => "Other",
        }
    }

    pub fn from_key(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether a piece of evidence backs the note or speaks against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Supports,
    Contradicts,
}

impl Stance {
    pub fn key(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
        }
    }

    pub fn from_key(key: &str) -> Option<Stance> {
        [Stance::Supports, Stance::Contradicts]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// A calendar date written `YYYY-MM-DD` (ISO 8601), checked to be a real day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IsoDate(String);

impl TryFrom<String> for IsoDate {
    type Error = String;
    fn try_from(text: String) -> Result<IsoDate, String> {
        IsoDate::parse(&text).ok_or_else(|| format!("{text:?} is not a YYYY-MM-DD date"))
    }
}

impl From<IsoDate> for String {
    fn from(date: IsoDate) -> String {
        date.0
    }
}

impl IsoDate {
    /// The date, if `text` is exactly `YYYY-MM-DD` and names a day that exists.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let well_formed = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        (well_formed && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok())
            .then(|| IsoDate(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which of a note's evidence entries this is: unique among that note's entries and stable
/// while the canvas is open, so an edit names its entry even after others were added or
/// removed before it. Numbered on load (the file keeps entries in order and needs no ids); 0
/// means "not yet numbered" and is replaced when the entry is added to a note.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct EvidenceId(pub u64);

/// One thing a customer said or did that bears on a note.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    /// Bookkeeping, not content: two entries that say the same are equal whatever their ids.
    pub(crate) id: EvidenceId,
    pub source: Source,
    pub date: Option<IsoDate>,
    /// Who it came from, or where (a person, a dashboard, a ticket number).
    pub who: String,
    /// The quote or observation itself.
    pub quote: String,
    pub stance: Stance,
    /// The interview it was recorded in, if any: the id of one of the canvas's interviews.
    pub interview: Option<ItemId>,
    pub(crate) extra: Map<String, Value>,
}

impl PartialEq for Evidence {
    fn eq(&self, other: &Evidence) -> bool {
        self.source == other.source
            && self.date == other.date
            && self.who == other.who
            && self.quote == other.quote
            && self.stance == other.stance
            && self.interview == other.interview
            && self.extra == other.extra
    }
}

impl Eq for Evidence {}

impl Evidence {
    pub fn new(source: Source, stance: Stance, quote: impl Into<String>) -> Evidence {
        Evidence {
            id: EvidenceId::default(),
            source,
            date: None,
            who: String::new(),
            quote: quote.into(),
            stance,
            interview: None,
            extra: Map::new(),
        }
    }

    /// The entry's id among its note's evidence.
    /// The same entry under another id (ids are bookkeeping: a new entry gets its id where it
    /// is added).
    pub fn with_id(mut self, id: EvidenceId) -> Evidence {
        self.id = id;
        self
    }

    /// Fields of this entry that this build does not know, as read from the file.
    pub fn extra_fields(&self) -> &Map<String, Value> {
        &self.extra
    }

    pub fn id(&self) -> EvidenceId {
        self.id
    }
}

/// True when at least two supporting entries from two different kinds of source back a note:
/// a finding checked from more than one angle.
pub fn is_triangulated(evidence: &[Evidence]) -> bool {
    let mut first_source = None;
    for entry in evidence.iter().filter(|e| e.stance == Stance::Supports) {
        match first_source {
            None => first_source = Some(entry.source),
            Some(source) if source != entry.source => return true,
            Some(_) => {}
        }
    }
    false
}

/// A conversation with a customer, logged on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interview {
    pub(crate) id: ItemId,
    pub date: Option<IsoDate>,
    pub person: String,
    pub role: String,
    pub notes: String,
    pub(crate) extra: Map<String, Value>,
}

impl Interview {
    /// A blank interview with this id (see [`crate::Canvas::next_interview_id`]).
    pub fn new(id: ItemId) -> Interview {
        Interview {
            id,
            date: None,
            person: String::new(),
            role: String::new(),
            notes: String::new(),
            extra: Map::new(),
        }
    }

    pub fn id(&self) -> &ItemId {
        &self.id
    }
}

/// Where a test card stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TestState {
    #[default]
    Planned,
    Running,
    Done,
}

impl TestState {
    pub const ALL: [TestState; 3] = [TestState::Planned, TestState::Running, TestState::Done];

    pub fn key(self) -> &'static str {
        match self {
            TestState::Planned => "planned",
            TestState::Running => "running",
            TestState::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TestState::Planned => "Planned",
            TestState::Running => "Running",
            TestState::Done => "Done",
        }
    }

    pub fn from_key(key: &str) -> Option<TestState> {
        TestState::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// What a finished test taught: the learning card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Learning {
    /// "We observed…"
    pub observed: String,
    /// "From that we learned…"
    pub learned: String,
    /// "Therefore, we will…"
    pub decision: String,
    pub(crate) extra: Map<String, Value>,
}

impl Learning {
    pub fn new(
        observed: impl Into<String>,
        learned: impl Into<String>,
        decision: impl Into<String>,
    ) -> Learning {
        Learning {
            observed: observed.into(),
            learned: learned.into(),
            decision: decision.into(),
            extra: Map::new(),
        }
    }
}

/// A test card: how an assumption will be checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestCard {
    pub(crate) id: ItemId,
    /// "We believe that…"
    pub hypothesis: String,
    /// "To verify that, we will…"
    pub test: String,
    /// "And measure…"
    pub metric: String,
    /// "We are right if…"
    pub criteria: String,
    /// The notes this test checks.
    pub(crate) items: Vec<ItemId>,
    pub state: TestState,
    pub learning: Option<Learning>,
    pub(crate) extra: Map<String, Value>,
}

impl TestCard {
    pub fn id(&self) -> &ItemId {
        &self.id
    }

    pub fn items(&self) -> &[ItemId] {
        &self.items
    }

    /// The tested notes of a card that is not (yet) in a canvas, for a layer building one
    /// (a canvas hands out its cards read-only; edits change them there).
    pub fn items_mut(&mut self) -> &mut Vec<ItemId> {
        &mut self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(source: Source, stance: Stance) -> Evidence {
        Evidence::new(source, stance, "q")
    }

    #[test]
    fn triangulation_needs_two_supporting_sources_of_different_kinds() {
        use Source::*;
        use Stance::*;
        assert!(!is_triangulated(&[]));
        assert!(!is_triangulated(&[entry(Interview, Supports)]));
        assert!(!is_triangulated(&[
            entry(Interview, Supports),
            entry(Interview, Supports)
        ]));
        assert!(!is_triangulated(&[
            entry(Interview, Supports),
            entry(Survey, Contradicts)
        ]));
        assert!(is_triangulated(&[
            entry(Interview, Supports),
            entry(Interview, Supports),
            entry(Analytics, Supports),
        ]));
        assert!(is_triangulated(&[
            entry(Survey, Contradicts),
            entry(Observation, Supports),
            entry(SupportTicket, Supports),
        ]));
    }

    #[test]
    fn dates_must_be_real_iso_days() {
        assert!(IsoDate::parse("2026-02-28").is_some());
        assert!(IsoDate::parse("2024-02-29").is_some());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-05",
            "26-01-05",
            "2026/01/05",
            "",
            "2026-01-05T10:00",
        ] {
            assert!(IsoDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn keys_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
        }
        for s in Source::ALL {
            assert_eq!(Source::from_key(s.key()), Some(s));
        }
        for s in TestState::ALL {
            assert_eq!(TestState::from_key(s.key()), Some(s));
        }
        assert_eq!(Stance::from_key("contradicts"), Some(Stance::Contradicts));
        assert_eq!(Status::default(), Status::Assumption);
    }
}
