//! The canvas model: notes in six ordered sections, their links, and the operations that
//! change them. Every operation keeps the canvas valid (unique ids, weights 1–5, kinds that fit
//! their section, links only from a value-map note to a note of the section it serves), so
//! anything built through this API saves and loads back unchanged.

use std::fmt;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::edit::Edit;
use crate::evidence::{
    Evidence, EvidenceId, Interview, IsoDate, Learning, Status, TestCard, TestState,
};
use crate::section::{Kind, Section};

/// Lowest and highest importance a customer note can carry.
pub const MIN_WEIGHT: u8 = 1;
pub const MAX_WEIGHT: u8 = 5;
/// The weight of a new note, and of one whose file entry omits `weight`.
pub const DEFAULT_WEIGHT: u8 = 3;

/// A note's id: unique across the whole canvas and stable across edits, so links and diffs
/// can refer to it.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct ItemId(String);

impl TryFrom<String> for ItemId {
    type Error = &'static str;
    fn try_from(id: String) -> Result<ItemId, &'static str> {
        ItemId::new(id).ok_or("an id must not be empty")
    }
}

impl From<ItemId> for String {
    fn from(id: ItemId) -> String {
        id.0
    }
}

impl ItemId {
    /// An id from any non-empty string. Returns `None` for an empty one, which the format forbids.
    pub fn new(id: impl Into<String>) -> Option<ItemId> {
        let id = id.into();
        (!id.is_empty()).then_some(ItemId(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An id reads as the text it is, so `Option<ItemId>` gives `Option<&str>` with `as_deref`.
impl std::ops::Deref for ItemId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ItemId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ItemId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl std::borrow::Borrow<str> for ItemId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// One note on the canvas.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub(crate) id: ItemId,
    pub(crate) text: String,
    /// Importance (job), severity (pain) or relevance (gain), 1–5. Only customer notes use it.
    pub(crate) weight: u8,
    /// `Some` exactly for customer notes.
    pub(crate) kind: Option<Kind>,
    /// Ids of the customer notes a value-map note serves. Always empty for customer notes.
    pub(crate) addresses: Vec<ItemId>,
    /// How far the note has been checked against reality.
    pub(crate) status: Status,
    /// What customers said and did that bears on the note.
    pub(crate) evidence: Vec<Evidence>,
    /// Dots a workshop room put on the note.
    pub(crate) votes: u32,
    /// Fields this build does not know, kept so they are written back unchanged.
    pub(crate) extra: Map<String, Value>,
}

impl Item {
    pub(crate) fn new(section: Section, id: ItemId, text: String) -> Item {
        Item {
            id,
            text,
            weight: DEFAULT_WEIGHT,
            kind: section.default_kind(),
            addresses: Vec::new(),
            status: Status::Assumption,
            evidence: Vec::new(),
            votes: 0,
            extra: Map::new(),
        }
    }

    pub fn id(&self) -> &ItemId {
        &self.id
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn weight(&self) -> u8 {
        self.weight
    }

    pub fn kind(&self) -> Option<Kind> {
        self.kind
    }

    /// The kind's three-letter tag, as drawn on the note (only customer notes have a kind).
    pub fn kind_tag(&self) -> Option<&'static str> {
        self.kind.map(Kind::short)
    }

    pub fn addresses(&self) -> &[ItemId] {
        &self.addresses
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// Backed by supporting evidence from at least two different kinds of source.
    pub fn is_triangulated(&self) -> bool {
        crate::evidence::is_triangulated(&self.evidence)
    }

    pub fn votes(&self) -> u32 {
        self.votes
    }

    /// Fields of this note that this build does not know, as read from the file.
    pub fn extra_fields(&self) -> &Map<String, Value> {
        &self.extra
    }
}

/// Why an edit was refused. The canvas is unchanged whenever one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no note with id \"{0}\"")]
    NoSuchItem(ItemId),
    #[error("weight must be from {MIN_WEIGHT} to {MAX_WEIGHT}, not {0}")]
    WeightOutOfRange(u8),
    #[error("a {section} note can't have kind {kind}", section = .section.singular())]
    WrongKind { section: Section, kind: Kind },
    #[error("{section} notes have no {what}", section = .section.title())]
    NotCustomerItem {
        section: Section,
        what: &'static str,
    },
    #[error("a {from} can't address a {to}", from = .from.singular(), to = .to.singular())]
    WrongLinkTarget { from: Section, to: Section },
    #[error("position {index} is past the end of {section} ({len} notes)", section = .section.title())]
    IndexOutOfRange {
        section: Section,
        index: usize,
        len: usize,
    },
    #[error("there is no interview with id \"{0}\"")]
    NoSuchInterview(ItemId),
    #[error("there is no test card with id \"{0}\"")]
    NoSuchTest(ItemId),
    #[error("note \"{id}\" has no evidence entry {index}")]
    NoSuchEvidence { id: ItemId, index: usize },
    #[error("note \"{id}\" has no evidence entry with id {entry}", entry = .entry.0)]
    NoSuchEntry { id: ItemId, entry: EvidenceId },
    #[error("note \"{id}\" already has an evidence entry with id {entry}", entry = .entry.0)]
    EntryTaken { id: ItemId, entry: EvidenceId },
    #[error("the id \"{0}\" is already in use")]
    IdTaken(ItemId),
    #[error("the conflict can't be settled that way: {0}")]
    Unresolvable(String),
}

/// A Value Proposition Canvas.
#[derive(Debug, Clone, Default)]
pub struct Canvas {
    pub(crate) title: String,
    pub(crate) customer: String,
    pub(crate) notes: String,
    /// Notes are shared between a canvas and its copies (the undo history keeps one per step)
    /// until one of them changes a note: a step costs a pointer per note, not a note.
    pub(crate) sections: [Vec<Arc<Item>>; 6],
    /// The interview log. Interview ids share the canvas's one id space with notes.
    pub(crate) interviews: Vec<Interview>,
    /// Test and learning cards. Their ids share the canvas's id space too.
    pub(crate) tests: Vec<TestCard>,
    /// Top-level fields this build does not know, written back unchanged.
    pub(crate) extra: Map<String, Value>,
    /// What a three-way merge could not settle (see [`crate::conflict`]); empty for a canvas
    /// that was never merged with conflicts.
    pub(crate) conflicts: Vec<crate::conflict::Conflict>,
    /// The highest number removed this session per id prefix ("pain" → 5), so a note added
    /// after `pain-5` was deleted becomes `pain-6`, not a second `pain-5` that a comparison
    /// would take for the deleted note, changed. Not part of the canvas's content or file.
    pub(crate) retired: std::collections::BTreeMap<String, u64>,
    /// Appended to every new id (`pain-7.k3x9f2ab`), so two people adding notes to copies of
    /// the canvas never pick the same id (see [`crate::ids`]); empty for plain numbers. A
    /// property of the editing session, not of the content or the file.
    pub(crate) id_suffix: String,
}

/// The content of a canvas, for a layer that keeps canvases in another form and builds them
/// back (the live Yjs document). That layer checks what the file reader checks: ids unique
/// across notes, interviews and tests; customer notes with weights 1–5 and kinds of their
/// section; links only to notes of the section served; citations only of logged interviews;
/// test cards naming only notes of the canvas.
#[derive(Debug, Clone, Default)]
pub struct CanvasParts {
    pub title: String,
    pub customer: String,
    pub notes: String,
    pub sections: [Vec<Arc<Item>>; 6],
    pub interviews: Vec<Interview>,
    pub tests: Vec<TestCard>,
    /// Top-level fields this build does not know, written back unchanged.
    pub extra: Map<String, Value>,
}

/// A note's content besides its id and text, for [`Item::from_parts`].
#[derive(Debug, Clone, Default)]
pub struct ItemParts {
    /// Customer notes only: 1–5.
    pub weight: Option<u8>,
    /// Customer notes only: a kind of the note's section.
    pub kind: Option<Kind>,
    /// Value-map notes only: ids of notes of the section served.
    pub addresses: Vec<ItemId>,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    pub votes: u32,
    pub extra: Map<String, Value>,
}

impl Item {
    /// A note of `section` from its parts; what does not belong to the section (a weight or
    /// kind on a value-map note, links on a customer note) is left out.
    pub fn from_parts(section: Section, id: ItemId, text: String, parts: ItemParts) -> Item {
        let mut item = Item::new(section, id, text);
        if section.is_customer() {
            if let Some(weight) = parts
                .weight
                .filter(|w| (MIN_WEIGHT..=MAX_WEIGHT).contains(w))
            {
                item.weight = weight;
            }
            item.kind = parts.kind.or(section.default_kind());
        } else {
            item.addresses = parts.addresses;
        }
        item.status = parts.status;
        item.evidence = parts.evidence;
        item.votes = parts.votes;
        item.extra = parts.extra;
        item
    }
}

impl Canvas {
    /// A canvas from its parts (see [`CanvasParts`] for what the caller has checked).
    pub fn from_parts(parts: CanvasParts) -> Canvas {
        Canvas {
            title: parts.title,
            customer: parts.customer,
            notes: parts.notes,
            sections: parts.sections,
            interviews: parts.interviews,
            tests: parts.tests,
            extra: parts.extra,
            ..Canvas::default()
        }
    }
}

/// Two canvases are equal when their content is: which ids were retired is bookkeeping.
impl PartialEq for Canvas {
    fn eq(&self, other: &Canvas) -> bool {
        self.title == other.title
            && self.customer == other.customer
            && self.notes == other.notes
            && self.sections == other.sections
            && self.interviews == other.interviews
            && self.tests == other.tests
            && self.extra == other.extra
            && self.conflicts == other.conflicts
    }
}

impl Canvas {
    /// An empty canvas.
    pub fn new() -> Canvas {
        Canvas::default()
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The customer segment the profile describes.
    pub fn customer(&self) -> &str {
        &self.customer
    }

    pub fn notes(&self) -> &str {
        &self.notes
    }

    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }

    pub fn set_customer(&mut self, customer: impl Into<String>) {
        self.customer = customer.into();
    }

    pub fn set_notes(&mut self, notes: impl Into<String>) {
        self.notes = notes.into();
    }

    /// Top-level fields this build does not know, as read from the file.
    pub fn extra_fields(&self) -> &Map<String, Value> {
        &self.extra
    }

    /// The notes of one section, in order.
    pub fn items(&self, section: Section) -> &[Arc<Item>] {
        &self.sections[section.index()]
    }

    /// Every note with its section, in file order.
    pub fn all_items(&self) -> impl Iterator<Item = (Section, &Item)> {
        Section::ALL
            .into_iter()
            .flat_map(move |s| self.items(s).iter().map(move |item| (s, &**item)))
    }

    /// Total number of notes on the canvas.
    pub fn len(&self) -> usize {
        self.sections.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(Vec::is_empty)
    }

    /// Where the note with this id sits: its section and position.
    pub fn locate(&self, id: &str) -> Option<(Section, usize)> {
        Section::ALL.into_iter().find_map(|s| {
            self.items(s)
                .iter()
                .position(|item| item.id.as_str() == id)
                .map(|i| (s, i))
        })
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.locate(id).map(|(s, i)| &*self.sections[s.index()][i])
    }

    /// The note with this id together with its section, found in one pass.
    pub fn item_in_section(&self, id: &str) -> Option<(Section, &Item)> {
        self.locate(id)
            .map(|(s, i)| (s, &*self.sections[s.index()][i]))
    }

    /// The section of the note with this id.
    pub fn section_of(&self, id: &str) -> Option<Section> {
        self.locate(id).map(|(s, _)| s)
    }

    /// The value-map notes that address the customer note `id`, in canvas order.
    pub fn addressed_by(&self, id: &str) -> Vec<&Item> {
        Section::VALUE_MAP
            .into_iter()
            .flat_map(|s| self.items(s))
            .filter(|item| item.addresses.iter().any(|a| a.as_str() == id))
            .map(|item| &**item)
            .collect()
    }

    /// Is the customer note `id` addressed by at least one value-map note?
    pub fn is_addressed(&self, id: &str) -> bool {
        Section::VALUE_MAP
            .into_iter()
            .flat_map(|s| self.items(s))
            .any(|item| item.addresses.iter().any(|a| a.as_str() == id))
    }

    /// A fresh id for a new note in `section`, such as `pain-4` (`pain-4.k3x9f2ab` with an
    /// [id suffix](Canvas::set_id_suffix)): one more than the highest number already used with
    /// that prefix, so ids read well and are never reused while the canvas holds a higher one.
    pub fn next_id(&self, section: Section) -> ItemId {
        self.next_id_with_prefix(section.id_prefix())
    }

    /// `n` fresh ids for new notes in `section`, in order, for adding several in one edit.
    pub fn next_ids(&self, section: Section, n: usize) -> Vec<ItemId> {
        let prefix = section.id_prefix();
        let mut taken: std::collections::HashSet<String> =
            self.all_ids().map(str::to_owned).collect();
        let first = self.next_id(section);
        let mut number = first
            .strip_prefix(&format!("{prefix}-"))
            .and_then(|n| n.split('.').next()?.parse::<u64>().ok())
            .unwrap_or(1);
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let id = if self.id_suffix.is_empty() {
                format!("{prefix}-{number}")
            } else {
                format!("{prefix}-{number}.{}", self.id_suffix)
            };
            number = number.wrapping_add(1);
            if taken.insert(id.clone()) {
                out.push(ItemId(id));
            }
        }
        out
    }

    /// Makes every new id end in `.suffix` (see [`crate::ids`]); empty for none.
    /// [`crate::edit::Edit::PutBack`] keeps it: it belongs to the session, not the content.
    pub fn set_id_suffix(&mut self, suffix: &str) {
        self.id_suffix = suffix.to_owned();
    }

    /// What new ids end in (after a dot); empty for plain numbers.
    pub fn id_suffix(&self) -> &str {
        &self.id_suffix
    }

    fn next_id_with_prefix(&self, prefix: &str) -> ItemId {
        if !self.id_suffix.is_empty() {
            return self.next_suffixed_id(prefix);
        }
        let prefix = format!("{prefix}-");
        let retired = self
            .retired
            .get(prefix.trim_end_matches('-'))
            .copied()
            .unwrap_or(0);
        let highest = self
            .all_ids()
            .filter_map(|id| id.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
            .max(retired);
        if let Some(next) = highest.checked_add(1) {
            return ItemId(format!("{prefix}{next}"));
        }
        // A file used the largest number there is: take the first free one instead.
        let taken: std::collections::HashSet<&str> = self.all_ids().collect();
        (1..)
            .map(|n: u64| format!("{prefix}{n}"))
            .find(|id| !taken.contains(id.as_str()))
            .map(ItemId)
            .unwrap_or_else(|| ItemId(format!("{prefix}{highest}-1")))
    }

    /// `prefix-N.suffix`, N one more than any number used with the prefix, with or without a
    /// suffix, so ids still read in the order they were made.
    fn next_suffixed_id(&self, prefix: &str) -> ItemId {
        let dashed = format!("{prefix}-");
        let number = |id: &str| -> Option<u64> {
            let rest = id.strip_prefix(&dashed)?;
            rest.split('.').next()?.parse().ok()
        };
        let highest = self
            .all_ids()
            .filter_map(number)
            .max()
            .unwrap_or(0)
            .max(self.retired.get(prefix).copied().unwrap_or(0));
        let taken: std::collections::HashSet<&str> = self.all_ids().collect();
        (highest.saturating_add(1)..)
            .map(|n| format!("{dashed}{n}.{}", self.id_suffix))
            .find(|id| !taken.contains(id.as_str()))
            .map(ItemId)
            .unwrap_or_else(|| ItemId(format!("{dashed}{}", self.id_suffix)))
    }

    /// Remembers a removed id's number, so the next id with its prefix is higher.
    pub(crate) fn retire(&mut self, id: &str) {
        if let Some((prefix, number)) = id.rsplit_once('-')
            && let Some(Ok(number)) = number.split('.').next().map(str::parse::<u64>)
        {
            let highest = self.retired.entry(prefix.to_owned()).or_default();
            *highest = (*highest).max(number);
        }
    }

    /// Every id in the canvas's one id space: notes, interviews and test cards.
    fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.all_items()
            .map(|(_, item)| item.id.as_str())
            .chain(self.interviews.iter().map(|i| i.id.as_str()))
            .chain(self.tests.iter().map(|t| t.id.as_str()))
    }

    /// Is `id` taken by a note, an interview or a test card?
    pub fn id_in_use(&self, id: &str) -> bool {
        self.all_ids().any(|taken| taken == id)
    }

    // The operations below are shorthands for the typed edits of [`crate::edit`]: each builds
    // one [`Edit`] and applies it, so there is one implementation of every change.

    /// Adds a note at the end of `section` and returns its new id.
    pub fn add_item(&mut self, section: Section, text: impl Into<String>) -> ItemId {
        let index = self.items(section).len();
        let id = self.next_id(section);
        // A fresh id at the end of a section is always accepted.
        let _ = self.apply(Edit::AddNote {
            section,
            index,
            id: id.clone(),
            text: text.into(),
        });
        id
    }

    /// Inserts a note at `index` in `section` (0 = first; `len` = last) and returns its id.
    pub fn insert_item(
        &mut self,
        section: Section,
        index: usize,
        text: impl Into<String>,
    ) -> Result<ItemId, EditError> {
        let id = self.next_id(section);
        self.apply(Edit::AddNote {
            section,
            index,
            id: id.clone(),
            text: text.into(),
        })?;
        Ok(id)
    }

    pub fn set_text(&mut self, id: &str, text: impl Into<String>) -> Result<(), EditError> {
        let id = self.existing(id)?;
        self.apply(Edit::SetText {
            id,
            text: text.into(),
        })
        .map(drop)
    }

    pub fn set_weight(&mut self, id: &str, weight: u8) -> Result<(), EditError> {
        let id = self.existing(id)?;
        self.apply(Edit::SetWeight { id, weight }).map(drop)
    }

    pub fn set_kind(&mut self, id: &str, kind: Kind) -> Result<(), EditError> {
        let id = self.existing(id)?;
        self.apply(Edit::SetKind { id, kind }).map(drop)
    }

    /// Removes a note and every link to it. Returns the section, position and note removed.
    pub fn remove_item(&mut self, id: &str) -> Result<(Section, usize, Item), EditError> {
        let id = self.existing(id)?;
        match self.apply(Edit::RemoveNote { id: id.clone() })?.inverse {
            Edit::RestoreNote {
                section,
                index,
                note,
                ..
            } => Ok((section, index, *note)),
            _ => Err(EditError::NoSuchItem(id)),
        }
    }

    /// Moves a note to position `to` within its own section.
    pub fn move_item(&mut self, id: &str, to: usize) -> Result<(), EditError> {
        let (section, _) = self.locate(id).ok_or_else(|| no_such(id))?;
        let len = self.items(section).len();
        if to >= len {
            return Err(EditError::IndexOutOfRange {
                section,
                index: to,
                len,
            });
        }
        let id = self.existing(id)?;
        self.apply(Edit::MoveNote { id, to }).map(drop)
    }

    /// Moves a note up (negative) or down (positive) within its section, stopping at either end.
    /// Returns whether it moved.
    pub fn shift_item(&mut self, id: &str, by: isize) -> Result<bool, EditError> {
        let (_, from) = self.locate(id).ok_or_else(|| no_such(id))?;
        let id = self.existing(id)?;
        let to = from.saturating_add_signed(by);
        Ok(self.apply(Edit::MoveNote { id, to })?.changed())
    }

    /// Records that value-map note `from` addresses customer note `to`. Linking twice is a no-op.
    pub fn link(&mut self, from: &str, to: &str) -> Result<(), EditError> {
        let (from, to) = (self.existing(from)?, self.existing(to)?);
        self.apply(Edit::Link { from, to, at: None }).map(drop)
    }

    /// Removes the link from `from` to `to`, if there is one. Returns whether there was.
    pub fn unlink(&mut self, from: &str, to: &str) -> Result<bool, EditError> {
        let (to, from) = (self.existing(to)?, self.existing(from)?);
        Ok(self.apply(Edit::Unlink { from, to })?.changed())
    }

    /// Links or unlinks, as `linked` says.
    pub fn set_link(&mut self, from: &str, to: &str, linked: bool) -> Result<(), EditError> {
        if linked {
            self.link(from, to)
        } else {
            self.unlink(from, to).map(|_| ())
        }
    }

    pub fn set_status(&mut self, id: &str, status: Status) -> Result<(), EditError> {
        let id = self.existing(id)?;
        self.apply(Edit::SetStatus { id, status }).map(drop)
    }

    /// Sets the dot-vote count of a note.
    pub fn set_votes(&mut self, id: &str, votes: u32) -> Result<(), EditError> {
        let item = self.item(id).ok_or_else(|| no_such(id))?;
        let by = i64::from(votes) - i64::from(item.votes);
        let id = item.id.clone();
        self.apply(Edit::AddVotes { id, by }).map(drop)
    }

    /// Adds evidence to a note. A cited interview must exist. Returns its position.
    pub fn add_evidence(&mut self, id: &str, evidence: Evidence) -> Result<usize, EditError> {
        let item = self.item(id).ok_or_else(|| no_such(id))?;
        let (note, index) = (item.id.clone(), item.evidence.len());
        self.apply(Edit::AddEvidence {
            note,
            index,
            evidence: Evidence {
                id: EvidenceId::default(),
                ..evidence
            },
        })?;
        Ok(index)
    }

    /// Replaces entry `index` of a note's evidence.
    pub fn set_evidence(
        &mut self,
        id: &str,
        index: usize,
        evidence: Evidence,
    ) -> Result<(), EditError> {
        let (note, entry) = self.entry_at(id, index)?;
        self.apply(Edit::SetEvidence {
            note,
            evidence: Evidence {
                id: entry,
                ..evidence
            },
        })
        .map(drop)
    }

    pub fn remove_evidence(&mut self, id: &str, index: usize) -> Result<Evidence, EditError> {
        let (note, entry) = self.entry_at(id, index)?;
        match self.apply(Edit::RemoveEvidence { note, entry })?.inverse {
            Edit::AddEvidence { evidence, .. } => Ok(evidence),
            _ => Err(no_such(id)),
        }
    }

    /// The note's id and the id of its evidence entry at `index`.
    fn entry_at(&self, id: &str, index: usize) -> Result<(ItemId, EvidenceId), EditError> {
        let item = self.item(id).ok_or_else(|| no_such(id))?;
        let entry = item
            .evidence
            .get(index)
            .ok_or_else(|| EditError::NoSuchEvidence {
                id: item.id.clone(),
                index,
            })?;
        Ok((item.id.clone(), entry.id))
    }

    pub(crate) fn check_citation(&self, evidence: &Evidence) -> Result<(), EditError> {
        match &evidence.interview {
            Some(iv) if self.interview(iv.as_str()).is_none() => {
                Err(EditError::NoSuchInterview(iv.clone()))
            }
            _ => Ok(()),
        }
    }

    pub fn interviews(&self) -> &[Interview] {
        &self.interviews
    }

    pub fn interview(&self, id: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.id.as_str() == id)
    }

    /// A fresh id for a new interview.
    pub fn next_interview_id(&self) -> ItemId {
        self.next_id_with_prefix("interview")
    }

    /// A fresh id for a new test card.
    pub fn next_test_id(&self) -> ItemId {
        self.next_id_with_prefix("test")
    }

    /// Logs a new interview and returns its id.
    pub fn add_interview(
        &mut self,
        date: Option<IsoDate>,
        person: impl Into<String>,
        role: impl Into<String>,
    ) -> ItemId {
        let id = self.next_interview_id();
        let index = self.interviews.len();
        // A fresh id is always accepted.
        let _ = self.apply(Edit::AddInterview {
            index,
            interview: Interview {
                id: id.clone(),
                date,
                person: person.into(),
                role: role.into(),
                notes: String::new(),
                extra: Map::new(),
            },
        });
        id
    }

    /// Sets the date, person, role and notes of the interview with the same id.
    pub fn set_interview(&mut self, interview: Interview) -> Result<(), EditError> {
        self.apply(Edit::SetInterview { interview }).map(drop)
    }

    /// Removes an interview; evidence that cited it stays, without the citation.
    pub fn remove_interview(&mut self, id: &str) -> Result<Interview, EditError> {
        let id = self
            .interview(id)
            .map(|i| i.id.clone())
            .ok_or_else(|| EditError::NoSuchInterview(ItemId(id.to_owned())))?;
        match self
            .apply(Edit::RemoveInterview { id: id.clone() })?
            .inverse
        {
            Edit::RestoreInterview { interview, .. } => Ok(interview),
            _ => Err(EditError::NoSuchInterview(id)),
        }
    }

    /// The notes whose evidence cites interview `id`, with how many entries each.
    pub fn informed_by(&self, interview: &str) -> Vec<(&Item, usize)> {
        self.all_items()
            .filter_map(|(_, item)| {
                let n = item
                    .evidence
                    .iter()
                    .filter(|e| {
                        e.interview
                            .as_ref()
                            .is_some_and(|i| i.as_str() == interview)
                    })
                    .count();
                (n > 0).then_some((item, n))
            })
            .collect()
    }

    pub fn tests(&self) -> &[TestCard] {
        &self.tests
    }

    pub fn test(&self, id: &str) -> Option<&TestCard> {
        self.tests.iter().find(|t| t.id.as_str() == id)
    }

    /// A new planned test card for the given notes, not yet on the canvas.
    pub fn new_test_card(
        &self,
        hypothesis: impl Into<String>,
        items: &[&str],
    ) -> Result<TestCard, EditError> {
        Ok(TestCard {
            id: self.next_test_id(),
            hypothesis: hypothesis.into(),
            test: String::new(),
            metric: String::new(),
            criteria: String::new(),
            items: self.note_ids(items)?,
            state: TestState::Planned,
            learning: None,
            extra: Map::new(),
        })
    }

    /// Adds a planned test card for the given notes and returns its id.
    pub fn add_test(
        &mut self,
        hypothesis: impl Into<String>,
        items: &[&str],
    ) -> Result<ItemId, EditError> {
        let card = self.new_test_card(hypothesis, items)?;
        let id = card.id.clone();
        let index = self.tests.len();
        self.apply(Edit::AddTest { index, card })?;
        Ok(id)
    }

    /// Sets the texts, state and learning of the test card with the same id.
    pub fn set_test(&mut self, card: TestCard) -> Result<(), EditError> {
        self.apply(Edit::SetTest { card }).map(drop)
    }

    pub fn set_test_items(&mut self, id: &str, items: &[&str]) -> Result<(), EditError> {
        let id = self
            .test(id)
            .map(|t| t.id.clone())
            .ok_or_else(|| EditError::NoSuchTest(ItemId(id.to_owned())))?;
        let items = self.note_ids(items)?;
        self.apply(Edit::SetTestItems { id, items }).map(drop)
    }

    pub fn remove_test(&mut self, id: &str) -> Result<TestCard, EditError> {
        let id = self
            .test(id)
            .map(|t| t.id.clone())
            .ok_or_else(|| EditError::NoSuchTest(ItemId(id.to_owned())))?;
        match self.apply(Edit::RemoveTest { id: id.clone() })?.inverse {
            Edit::AddTest { card, .. } => Ok(card),
            _ => Err(EditError::NoSuchTest(id)),
        }
    }

    /// The edit that marks a test done with what it taught and, optionally, sets the status
    /// of every note it tested (validated when the criteria were met, invalidated when not),
    /// as one step.
    pub fn finish_test_edit(
        &self,
        id: &str,
        learning: Learning,
        set_status: Option<Status>,
    ) -> Result<Edit, EditError> {
        let card = self
            .test(id)
            .ok_or_else(|| EditError::NoSuchTest(ItemId(id.to_owned())))?;
        let mut edits = vec![Edit::SetTest {
            card: TestCard {
                state: TestState::Done,
                learning: Some(learning),
                ..card.clone()
            },
        }];
        if let Some(status) = set_status {
            edits.extend(card.items.iter().map(|note| Edit::SetStatus {
                id: note.clone(),
                status,
            }));
        }
        Ok(Edit::Batch { edits })
    }

    /// Marks a test done; see [`Canvas::finish_test_edit`].
    pub fn finish_test(
        &mut self,
        id: &str,
        learning: Learning,
        set_status: Option<Status>,
    ) -> Result<(), EditError> {
        let edit = self.finish_test_edit(id, learning, set_status)?;
        self.apply(edit).map(drop)
    }

    /// The ids of existing notes, deduplicated, in the order given.
    pub(crate) fn note_ids(&self, ids: &[&str]) -> Result<Vec<ItemId>, EditError> {
        let mut out: Vec<ItemId> = Vec::with_capacity(ids.len());
        for id in ids {
            let item = self.item(id).ok_or_else(|| no_such(id))?;
            if !out.contains(&item.id) {
                out.push(item.id.clone());
            }
        }
        Ok(out)
    }

    /// The id of an existing note, as an [`ItemId`].
    fn existing(&self, id: &str) -> Result<ItemId, EditError> {
        self.item(id)
            .map(|i| i.id.clone())
            .ok_or_else(|| no_such(id))
    }
}

fn no_such(id: &str) -> EditError {
    EditError::NoSuchItem(ItemId(id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Canvas, ItemId, ItemId, ItemId) {
        let mut c = Canvas::new();
        let pain = c.add_item(Section::Pains, "Invoices get lost");
        let reliever = c.add_item(Section::PainRelievers, "Automatic inbox capture");
        let job = c.add_item(Section::Jobs, "Pay suppliers on time");
        c.link(reliever.as_str(), pain.as_str()).unwrap();
        (c, pain, reliever, job)
    }

    #[test]
    fn new_items_get_unique_readable_ids_and_section_defaults() {
        let mut c = Canvas::new();
        let a = c.add_item(Section::Pains, "a");
        let b = c.add_item(Section::Pains, "b");
        let g = c.add_item(Section::GainCreators, "g");
        assert_eq!(a.as_str(), "pain-1");
        assert_eq!(b.as_str(), "pain-2");
        assert_eq!(g.as_str(), "creator-1");
        let item = c.item("pain-2").unwrap();
        assert_eq!(item.weight(), DEFAULT_WEIGHT);
        assert_eq!(item.kind(), Some(Kind::Obstacle));
        assert_eq!(c.item("creator-1").unwrap().kind(), None);
        // A removed id's number is not handed out again while a higher one exists.
        c.remove_item("pain-1").unwrap();
        assert_eq!(c.add_item(Section::Pains, "c").as_str(), "pain-3");
    }

    #[test]
    fn new_ids_stay_unique_when_a_file_used_the_largest_number() {
        let json = format!(
            r#"{{"format": "fitcanvas", "version": 1, "jobs": [{{"id": "job-{}", "text": "x"}}]}}"#,
            u64::MAX
        );
        let mut c = crate::format::from_slice(json.as_bytes()).unwrap();
        let a = c.add_item(Section::Jobs, "a");
        let b = c.add_item(Section::Jobs, "b");
        assert_eq!((a.as_str(), b.as_str()), ("job-1", "job-2"));
        assert!(crate::format::from_slice(&crate::format::to_vec(&c)).is_ok());
    }

    #[test]
    fn item_in_section_finds_note_and_section_together() {
        let (c, pain, reliever, _) = sample();
        let (section, item) = c.item_in_section(pain.as_str()).unwrap();
        assert_eq!(
            (section, item.text()),
            (Section::Pains, "Invoices get lost")
        );
        assert_eq!(
            c.item_in_section(reliever.as_str()).unwrap().0,
            Section::PainRelievers
        );
        assert!(c.item_in_section("nope").is_none());
    }

    #[test]
    fn remove_takes_its_links_with_it() {
        let (mut c, pain, reliever, _) = sample();
        assert!(c.is_addressed(pain.as_str()));
        let (section, index, removed) = c.remove_item(pain.as_str()).unwrap();
        assert_eq!(
            (section, index, removed.text()),
            (Section::Pains, 0, "Invoices get lost")
        );
        assert!(c.item(reliever.as_str()).unwrap().addresses().is_empty());
    }

    #[test]
    fn links_only_go_from_value_map_to_the_matching_customer_section() {
        let (mut c, pain, reliever, job) = sample();
        assert_eq!(
            c.link(reliever.as_str(), job.as_str()),
            Err(EditError::WrongLinkTarget {
                from: Section::PainRelievers,
                to: Section::Jobs
            })
        );
        assert!(c.link(pain.as_str(), reliever.as_str()).is_err());
        assert!(c.link(reliever.as_str(), "nope").is_err());
        // Linking twice keeps one link.
        c.link(reliever.as_str(), pain.as_str()).unwrap();
        assert_eq!(c.item(reliever.as_str()).unwrap().addresses().len(), 1);
        assert_eq!(c.unlink(reliever.as_str(), pain.as_str()), Ok(true));
        assert_eq!(c.unlink(reliever.as_str(), pain.as_str()), Ok(false));
        assert!(!c.is_addressed(pain.as_str()));
    }

    #[test]
    fn weight_and_kind_are_checked() {
        let (mut c, pain, reliever, job) = sample();
        assert_eq!(
            c.set_weight(pain.as_str(), 0),
            Err(EditError::WeightOutOfRange(0))
        );
        assert_eq!(
            c.set_weight(pain.as_str(), 6),
            Err(EditError::WeightOutOfRange(6))
        );
        assert!(c.set_weight(reliever.as_str(), 2).is_err());
        c.set_weight(pain.as_str(), 5).unwrap();
        assert_eq!(c.item(pain.as_str()).unwrap().weight(), 5);
        assert!(c.set_kind(job.as_str(), Kind::Risk).is_err());
        c.set_kind(job.as_str(), Kind::Emotional).unwrap();
        assert_eq!(c.item(job.as_str()).unwrap().kind(), Some(Kind::Emotional));
        assert!(c.set_kind(reliever.as_str(), Kind::Risk).is_err());
    }

    #[test]
    fn items_move_within_their_section() {
        let mut c = Canvas::new();
        let ids: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .map(|t| c.add_item(Section::Gains, t))
            .collect();
        c.move_item(ids[0].as_str(), 2).unwrap();
        let texts = |c: &Canvas| {
            c.items(Section::Gains)
                .iter()
                .map(|i| i.text().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&c), ["b", "c", "a"]);
        assert_eq!(c.shift_item(ids[0].as_str(), -1), Ok(true));
        assert_eq!(texts(&c), ["b", "a", "c"]);
        assert_eq!(c.shift_item(ids[1].as_str(), -1), Ok(false));
        assert_eq!(c.shift_item(ids[2].as_str(), 5), Ok(false));
        assert!(c.move_item(ids[0].as_str(), 3).is_err());
        let x = c.insert_item(Section::Gains, 1, "x").unwrap();
        assert_eq!(c.locate(x.as_str()), Some((Section::Gains, 1)));
        assert!(c.insert_item(Section::Gains, 9, "y").is_err());
    }
}
