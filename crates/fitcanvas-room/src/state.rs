//! The room's state, apart from any network or window: who joined, the inbox of submitted
//! notes, the area open for writing, and the vote round with its rules. Everything it gives
//! the canvas comes out as the core's typed edits ([`Edit`]), for the app to apply through its
//! undo history; it never changes a canvas itself. Time is passed in, as in `workshop`.

use std::collections::{BTreeMap, HashMap, VecDeque};

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::section::Section;

use crate::limits::{
    MAX_BUDGET, MAX_DEVICES, MAX_INBOX, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_OUTCOMES_PER_DEVICE,
    MAX_PENDING_PER_DEVICE, MAX_SHARED,
};
use crate::protocol::{Outcome, Refusal, RoundView, SubmittedView, WritingView, YouMsg};

/// The key a page keeps in its storage to be the same device after a reconnect: 16 to 64
/// characters of `A–Z a–z 0–9 _ -`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeviceKey(String);

impl DeviceKey {
    pub fn parse(key: &str) -> Option<DeviceKey> {
        let ok = (16..=64).contains(&key.len())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        ok.then(|| DeviceKey(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Participant text made fit for the canvas: control characters (and the invisible marks
/// that reorder text) become spaces or go, runs of spaces become one, and it is cut to `max`
/// characters.
pub fn sanitize(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut space = false;
    for c in text.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || c.is_whitespace() || bidi || c == '\u{FEFF}' {
            // Newlines and tabs separate words; other control characters vanish.
            if c.is_whitespace() || c == '\n' || c == '\t' {
                space = true;
            }
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out.chars().take(max).collect::<String>().trim().to_owned()
}

/// A note a participant sent, waiting in the inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub id: u64,
    pub device: DeviceKey,
    pub section: Section,
    pub text: String,
}

/// The area open for writing, and whether submissions are shown to the room before the
/// facilitator takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writing {
    pub section: Section,
    pub private: bool,
}

/// A vote round's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundRules {
    /// Dots each device may place.
    pub budget: u32,
    /// At most one of a device's dots on any one note.
    pub one_per_note: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Round {
    number: u64,
    rules: RoundRules,
}

/// One device that joined.
#[derive(Debug, Clone)]
pub struct Device {
    pub name: Option<String>,
    /// Joined as the n-th device: "Participant n" while it has no name.
    pub number: u32,
    /// Open sockets (a phone may have the page open twice).
    pub connections: u32,
    removed: bool,
    /// Its dots in the open round.
    votes: BTreeMap<ItemId, u32>,
    outcomes: VecDeque<SubmittedView>,
}

impl Device {
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => format!("Participant {}", self.number),
        }
    }
}

/// How a submission merged into a note.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// The note already says it: nothing to change.
    Unchanged,
    /// The note's text with the submission's added.
    Edit(Box<Edit>),
}

/// A summary of the open round for the facilitator: how many devices have placed dots, and
/// how many dots in all — never on which notes, until it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundProgress {
    pub number: u64,
    pub rules: RoundRules,
    pub voters: usize,
    pub dots: u32,
}

/// The whole room.
#[derive(Debug, Clone)]
pub struct RoomState {
    devices: HashMap<DeviceKey, Device>,
    inbox: Vec<Submission>,
    writing: Option<Writing>,
    round: Option<Round>,
    rounds: u64,
    joining: bool,
    next_submission: u64,
    joined: u32,
    max_devices: usize,
}

impl Default for RoomState {
    fn default() -> RoomState {
        RoomState::new(MAX_DEVICES)
    }
}

impl RoomState {
    pub fn new(max_devices: usize) -> RoomState {
        RoomState {
            devices: HashMap::new(),
            inbox: Vec::new(),
            writing: None,
            round: None,
            rounds: 0,
            joining: true,
            next_submission: 1,
            joined: 0,
            max_devices,
        }
    }

    /// A socket of `device` opened. A known device always gets back in (its votes and
    /// submissions are kept) unless it was removed; a new one needs joining open and room.
    pub fn connect(&mut self, device: &DeviceKey, name: Option<&str>) -> Result<(), Refusal> {
        let name = name
            .map(|n| sanitize(n, MAX_NAME_CHARS))
            .filter(|n| !n.is_empty());
        if let Some(known) = self.devices.get_mut(device) {
            if known.removed {
                return Err(Refusal::Removed);
            }
            known.connections += 1;
            if name.is_some() {
                known.name = name;
            }
            return Ok(());
        }
        if !self.joining {
            return Err(Refusal::JoiningClosed);
        }
        if self.devices.len() >= self.max_devices {
            return Err(Refusal::RoomFull);
        }
        self.joined += 1;
        self.devices.insert(
            device.clone(),
            Device {
                name,
                number: self.joined,
                connections: 1,
                removed: false,
                votes: BTreeMap::new(),
                outcomes: VecDeque::new(),
            },
        );
        Ok(())
    }

    /// A socket of `device` closed.
    pub fn disconnect(&mut self, device: &DeviceKey) {
        if let Some(d) = self.devices.get_mut(device) {
            d.connections = d.connections.saturating_sub(1);
        }
    }

    fn device(&mut self, device: &DeviceKey) -> Result<&mut Device, Refusal> {
        match self.devices.get_mut(device) {
            Some(d) if !d.removed => Ok(d),
            Some(_) => Err(Refusal::Removed),
            None => Err(Refusal::HelloFirst),
        }
    }

    pub fn set_name(&mut self, device: &DeviceKey, name: &str) -> Result<(), Refusal> {
        let name = sanitize(name, MAX_NAME_CHARS);
        self.device(device)?.name = (!name.is_empty()).then_some(name);
        Ok(())
    }

    /// A note sent for `section`: into the inbox, if that area is open for writing.
    pub fn submit(
        &mut self,
        device: &DeviceKey,
        section: Section,
        text: &str,
    ) -> Result<u64, Refusal> {
        self.device(device)?;
        if self.writing.map(|w| w.section) != Some(section) {
            return Err(Refusal::WritingClosed);
        }
        let text = sanitize(text, MAX_NOTE_CHARS);
        if text.is_empty() {
            return Err(Refusal::EmptyText);
        }
        let pending = self.inbox.iter().filter(|s| &s.device == device).count();
        if pending >= MAX_PENDING_PER_DEVICE || self.inbox.len() >= MAX_INBOX {
            return Err(Refusal::InboxFull);
        }
        let id = self.next_submission;
        self.next_submission += 1;
        self.inbox.push(Submission {
            id,
            device: device.clone(),
            section,
            text: text.clone(),
        });
        self.record(device, text, section);
        Ok(id)
    }

    fn record(&mut self, device: &DeviceKey, text: String, area: Section) {
        if let Some(d) = self.devices.get_mut(device) {
            d.outcomes.push_back(SubmittedView {
                text,
                area,
                outcome: Outcome::Waiting,
                note: None,
            });
            while d.outcomes.len() > MAX_OUTCOMES_PER_DEVICE {
                d.outcomes.pop_front();
            }
        }
    }

    /// Sets `device`'s dots on `note` in the open round to `count`, within the round's rules.
    /// `note` must be on `canvas`.
    pub fn vote(
        &mut self,
        device: &DeviceKey,
        note: &str,
        count: u32,
        canvas: &Canvas,
    ) -> Result<(), Refusal> {
        let rules = self.round.as_ref().map(|r| r.rules);
        let d = self.device(device)?;
        let rules = rules.ok_or(Refusal::NoRound)?;
        let Some(item) = canvas.item(note) else {
            return Err(Refusal::UnknownNote);
        };
        if rules.one_per_note && count > 1 {
            return Err(Refusal::OnePerNote);
        }
        let others: u32 = d
            .votes
            .iter()
            .filter(|(id, _)| id.as_str() != note)
            .map(|(_, n)| *n)
            .sum();
        if others.saturating_add(count) > rules.budget {
            return Err(Refusal::OverBudget);
        }
        if count == 0 {
            d.votes.remove(item.id());
        } else {
            d.votes.insert(item.id().clone(), count);
        }
        Ok(())
    }

    pub fn writing(&self) -> Option<Writing> {
        self.writing
    }

    /// Opens `section` for writing (closing any other), or closes writing with `None`.
    pub fn set_writing(&mut self, writing: Option<Writing>) {
        self.writing = writing;
    }

    pub fn joining(&self) -> bool {
        self.joining
    }

    pub fn set_joining(&mut self, open: bool) {
        self.joining = open;
    }

    /// Starts a vote round; a round already open is ended without its votes (use
    /// [`RoomState::end_round`] to keep them).
    pub fn start_round(&mut self, rules: RoundRules) {
        self.rounds += 1;
        let rules = RoundRules {
            budget: rules.budget.clamp(1, MAX_BUDGET),
            ..rules
        };
        self.round = Some(Round {
            number: self.rounds,
            rules,
        });
        for d in self.devices.values_mut() {
            d.votes.clear();
        }
    }

    pub fn round(&self) -> Option<RoundProgress> {
        let round = self.round.as_ref()?;
        let voting = self.devices.values().filter(|d| !d.votes.is_empty());
        Some(RoundProgress {
            number: round.number,
            rules: round.rules,
            voters: voting.clone().count(),
            dots: voting.flat_map(|d| d.votes.values()).sum(),
        })
    }

    /// Ends the open round: every device's dots, added up per note still on `canvas`, as one
    /// batch of [`Edit::AddVotes`] (one undo step), or `None` if no dots were placed.
    pub fn end_round(&mut self, canvas: &Canvas) -> Option<Edit> {
        self.round.take()?;
        let mut totals: BTreeMap<ItemId, u32> = BTreeMap::new();
        for d in self.devices.values_mut() {
            for (id, n) in std::mem::take(&mut d.votes) {
                *totals.entry(id).or_default() += n;
            }
        }
        // Notes in canvas order, so the batch reads like the canvas.
        let edits: Vec<Edit> = canvas
            .all_items()
            .filter_map(|(_, item)| {
                let by = *totals.get(item.id())?;
                Some(Edit::AddVotes {
                    id: item.id().clone(),
                    by: i64::from(by),
                })
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch { edits })
    }

    pub fn inbox(&self) -> &[Submission] {
        &self.inbox
    }

    /// The edit that puts submission `id` on `canvas` as a new note at the end of its area,
    /// and the new note's id. Nothing changes here until [`RoomState::resolve`] is told it was
    /// applied.
    pub fn accept_edit(&self, id: u64, canvas: &Canvas) -> Option<(Edit, ItemId)> {
        let s = self.inbox.iter().find(|s| s.id == id)?;
        let note = canvas.next_id(s.section);
        let edit = Edit::AddNote {
            section: s.section,
            index: canvas.items(s.section).len(),
            id: note.clone(),
            text: s.text.clone(),
        };
        Some((edit, note))
    }

    /// Every submission in the inbox as new notes: one batch (one undo step), in the order
    /// they came. Returns the edit and the submissions it covers, each with its new note's id.
    pub fn accept_all_edit(&self, canvas: &Canvas) -> Option<(Edit, Vec<(u64, ItemId)>)> {
        if self.inbox.is_empty() {
            return None;
        }
        let mut edits = Vec::new();
        for section in Section::ALL {
            let mine: Vec<&Submission> =
                self.inbox.iter().filter(|s| s.section == section).collect();
            let ids = canvas.next_ids(section, mine.len());
            let start = canvas.items(section).len();
            for (i, (s, id)) in mine.iter().zip(ids).enumerate() {
                edits.push((
                    s.id,
                    Edit::AddNote {
                        section,
                        index: start + i,
                        id,
                        text: s.text.clone(),
                    },
                ));
            }
        }
        edits.sort_by_key(|(id, _)| *id);
        // Each area's notes are still added in their own order, so indices stay right.
        let ids = edits
            .iter()
            .filter_map(|(sub, e)| match e {
                Edit::AddNote { id, .. } => Some((*sub, id.clone())),
                _ => None,
            })
            .collect();
        let mut by_area: Vec<Edit> = edits.into_iter().map(|(_, e)| e).collect();
        by_area.sort_by_key(|e| match e {
            Edit::AddNote { section, index, .. } => (section.index(), *index),
            _ => (usize::MAX, 0),
        });
        Some((Edit::Batch { edits: by_area }, ids))
    }

    /// How submission `id` merges into note `into` (a duplicate): its text is added to the
    /// note's after " / ", unless the note already says it (ignoring case).
    pub fn merge_edit(&self, id: u64, into: &str, canvas: &Canvas) -> Option<Merge> {
        let s = self.inbox.iter().find(|s| s.id == id)?;
        let note = canvas.item(into)?;
        if note.text().to_lowercase().contains(&s.text.to_lowercase()) {
            return Some(Merge::Unchanged);
        }
        Some(Merge::Edit(Box::new(Edit::SetText {
            id: note.id().clone(),
            text: format!("{} / {}", note.text(), s.text),
        })))
    }

    /// Takes submission `id` out of the inbox with this outcome (accepted, merged or rejected),
    /// and tells its writer; `note` is the canvas note it became or was merged into.
    pub fn resolve(
        &mut self,
        id: u64,
        outcome: Outcome,
        note: Option<&ItemId>,
    ) -> Option<Submission> {
        let at = self.inbox.iter().position(|s| s.id == id)?;
        let s = self.inbox.remove(at);
        if let Some(d) = self.devices.get_mut(&s.device)
            && let Some(mine) =
                d.outcomes.iter_mut().rev().find(|o| {
                    o.outcome == Outcome::Waiting && o.text == s.text && o.area == s.section
                })
        {
            mine.outcome = outcome;
            mine.note = note.map(|id| id.as_str().to_owned());
        }
        Some(s)
    }

    /// Removes a device: its waiting notes and its dots go, and it cannot join again.
    pub fn remove_device(&mut self, device: &DeviceKey) {
        if let Some(d) = self.devices.get_mut(device) {
            d.removed = true;
            d.votes.clear();
        }
        self.inbox.retain(|s| &s.device != device);
    }

    pub fn is_removed(&self, device: &DeviceKey) -> bool {
        self.devices.get(device).is_some_and(|d| d.removed)
    }

    /// Devices with a socket open now.
    pub fn connected(&self) -> usize {
        self.devices
            .values()
            .filter(|d| !d.removed && d.connections > 0)
            .count()
    }

    /// The devices that joined and were not removed, in the order they joined.
    pub fn devices(&self) -> Vec<(DeviceKey, &Device)> {
        let mut all: Vec<(DeviceKey, &Device)> = self
            .devices
            .iter()
            .filter(|(_, d)| !d.removed)
            .map(|(k, d)| (k.clone(), d))
            .collect();
        all.sort_by_key(|(_, d)| d.number);
        all
    }

    /// The label of the device that sent submission `s`.
    pub fn label_of(&self, device: &DeviceKey) -> String {
        self.devices
            .get(device)
            .map(Device::label)
            .unwrap_or_default()
    }

    /// What `device`'s page is told about itself and the room, with its submissions' outcomes
    /// checked against `canvas` (the one the room sees).
    pub fn you(&self, device: &DeviceKey, canvas: &Canvas) -> YouMsg {
        let Some(d) = self.devices.get(device) else {
            return YouMsg::default();
        };
        let votes: BTreeMap<String, u32> = d
            .votes
            .iter()
            .map(|(id, n)| (id.as_str().to_owned(), *n))
            .collect();
        let used: u32 = votes.values().sum();
        let shared = match self.writing {
            Some(w) if !w.private => {
                let mut newest: Vec<String> = self
                    .inbox
                    .iter()
                    .rev()
                    .filter(|s| s.section == w.section)
                    .take(MAX_SHARED)
                    .map(|s| s.text.clone())
                    .collect();
                newest.reverse();
                newest
            }
            _ => Vec::new(),
        };
        YouMsg {
            name: d.name.clone(),
            label: d.label(),
            writing: self.writing.map(|w| WritingView {
                area: w.section,
                title: w.section.title(),
                private: w.private,
            }),
            round: self.round.as_ref().map(|r| RoundView {
                number: r.number,
                budget: r.rules.budget,
                one_per_note: r.rules.one_per_note,
                left: r.rules.budget.saturating_sub(used),
            }),
            votes,
            submitted: d.outcomes.iter().map(|o| as_on(o, canvas)).collect(),
            shared,
        }
    }
}

/// A submission's outcome as it stands on `canvas`: an accepted note is there while its note
/// is, a merged one while its note still says it; otherwise it was taken off again.
fn as_on(submitted: &SubmittedView, canvas: &Canvas) -> SubmittedView {
    let note = submitted.note.as_deref().and_then(|id| canvas.item(id));
    let holds = match submitted.outcome {
        Outcome::Accepted => note.is_some(),
        Outcome::Merged => note.is_some_and(|n| {
            n.text()
                .to_lowercase()
                .contains(&submitted.text.to_lowercase())
        }),
        _ => true,
    };
    let mut shown = submitted.clone();
    if !holds {
        shown.outcome = Outcome::Removed;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u32) -> DeviceKey {
        DeviceKey::parse(&format!("device-key-{n:08}")).unwrap()
    }

    fn canvas() -> Canvas {
        let mut c = Canvas::new();
        c.add_item(Section::Pains, "Slow checkout");
        c.add_item(Section::Pains, "Hidden fees");
        c.add_item(Section::Gains, "Fast delivery");
        c
    }

    fn id(c: &Canvas, s: Section, i: usize) -> String {
        c.items(s)[i].id().as_str().to_owned()
    }

    #[test]
    fn device_keys_are_checked() {
        assert!(DeviceKey::parse("short").is_none());
        assert!(DeviceKey::parse("has spaces in it here").is_none());
        assert!(DeviceKey::parse("<script>alert(1)</script>").is_none());
        assert!(DeviceKey::parse("abcdefghijklmnop_-09").is_some());
    }

    #[test]
    fn participant_text_loses_control_characters_and_is_cut() {
        assert_eq!(
            sanitize("  a\u{0}b\r\nc\td\u{202E}e\u{7}  ", 100),
            "ab c de"
        );
        assert_eq!(sanitize("<b>x</b>", 100), "<b>x</b>", "markup stays text");
        assert_eq!(sanitize(&"é".repeat(500), 280).chars().count(), 280);
        assert_eq!(sanitize("\u{1}\u{2}", 10), "");
    }

    #[test]
    fn joining_can_close_and_known_devices_come_back() {
        let mut room = RoomState::new(2);
        room.connect(&key(1), Some("Ana")).unwrap();
        room.connect(&key(2), None).unwrap();
        assert_eq!(room.connect(&key(3), None), Err(Refusal::RoomFull));
        room.disconnect(&key(1));
        assert_eq!(room.connected(), 1);
        room.set_joining(false);
        room.connect(&key(1), None).unwrap();
        assert_eq!(room.you(&key(1), &canvas()).name.as_deref(), Some("Ana"));
        assert_eq!(room.you(&key(2), &canvas()).label, "Participant 2");
        room.remove_device(&key(2));
        assert_eq!(room.connect(&key(2), None), Err(Refusal::Removed));
        assert_eq!(room.devices().len(), 1);
    }

    #[test]
    fn notes_go_only_into_the_open_area_and_wait_in_the_inbox() {
        let c = canvas();
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        assert_eq!(
            room.submit(&key(1), Section::Pains, "x"),
            Err(Refusal::WritingClosed)
        );
        room.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }));
        assert_eq!(
            room.submit(&key(1), Section::Gains, "x"),
            Err(Refusal::WritingClosed)
        );
        assert_eq!(
            room.submit(&key(1), Section::Pains, " \u{7} "),
            Err(Refusal::EmptyText)
        );
        let a = room
            .submit(&key(1), Section::Pains, "Queues\nat lunch")
            .unwrap();
        assert_eq!(room.inbox()[0].text, "Queues at lunch");
        assert!(room.you(&key(2), &c).shared.is_empty());
        let (edit, note) = room.accept_edit(a, &c).unwrap();
        assert!(
            matches!(&edit, Edit::AddNote { section: Section::Pains, index: 2, text, id, .. } if text == "Queues at lunch" && *id == note)
        );
        let mut accepted = c.clone();
        accepted.apply(edit).unwrap();
        room.resolve(a, Outcome::Accepted, Some(&note)).unwrap();
        assert!(room.inbox().is_empty());
        let mine = &room.you(&key(1), &accepted).submitted[0];
        assert_eq!(mine.outcome, Outcome::Accepted);
        assert_eq!(mine.note.as_deref(), Some(note.as_str()));
        for _ in 0..MAX_PENDING_PER_DEVICE {
            room.submit(&key(1), Section::Pains, "more").unwrap();
        }
        assert_eq!(
            room.submit(&key(1), Section::Pains, "more"),
            Err(Refusal::InboxFull)
        );
    }

    #[test]
    fn live_writing_shows_the_waiting_notes_to_everyone() {
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        room.connect(&key(2), None).unwrap();
        room.set_writing(Some(Writing {
            section: Section::Jobs,
            private: false,
        }));
        room.submit(&key(1), Section::Jobs, "Plan the week")
            .unwrap();
        assert_eq!(
            room.you(&key(2), &canvas()).shared,
            vec!["Plan the week".to_owned()]
        );
    }

    #[test]
    fn accept_all_is_one_batch_in_each_areas_order() {
        let mut c = canvas();
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        for (s, t) in [
            (Section::Pains, "p1"),
            (Section::Gains, "g1"),
            (Section::Pains, "p2"),
        ] {
            room.set_writing(Some(Writing {
                section: s,
                private: true,
            }));
            room.submit(&key(1), s, t).unwrap();
        }
        let (edit, ids) = room.accept_all_edit(&c).unwrap();
        let subs: Vec<u64> = ids.iter().map(|(sub, _)| *sub).collect();
        assert_eq!(subs, vec![1, 2, 3]);
        c.apply(edit).unwrap();
        let texts: Vec<&str> = c.items(Section::Pains).iter().map(|i| i.text()).collect();
        assert_eq!(texts, ["Slow checkout", "Hidden fees", "p1", "p2"]);
        assert_eq!(c.items(Section::Gains)[1].text(), "g1");
    }

    #[test]
    fn merging_adds_the_text_unless_the_note_says_it() {
        let c = canvas();
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        room.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }));
        let same = room
            .submit(&key(1), Section::Pains, "slow CHECKOUT")
            .unwrap();
        let other = room
            .submit(&key(1), Section::Pains, "too slow to pay")
            .unwrap();
        let into = id(&c, Section::Pains, 0);
        assert_eq!(room.merge_edit(same, &into, &c), Some(Merge::Unchanged));
        let Some(Merge::Edit(edit)) = room.merge_edit(other, &into, &c) else {
            panic!("expected a text edit");
        };
        let Edit::SetText { text, .. } = *edit else {
            panic!("expected a text edit");
        };
        assert_eq!(text, "Slow checkout / too slow to pay");
        assert_eq!(room.merge_edit(other, "nope", &c), None);
    }

    #[test]
    fn a_round_keeps_the_budget_and_one_dot_per_note_and_reveals_as_one_batch() {
        let mut c = canvas();
        let (a, b, g) = (
            id(&c, Section::Pains, 0),
            id(&c, Section::Pains, 1),
            id(&c, Section::Gains, 0),
        );
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        room.connect(&key(2), None).unwrap();
        assert_eq!(room.vote(&key(1), &a, 1, &c), Err(Refusal::NoRound));
        room.start_round(RoundRules {
            budget: 3,
            one_per_note: false,
        });
        room.vote(&key(1), &a, 2, &c).unwrap();
        room.vote(&key(1), &b, 1, &c).unwrap();
        assert_eq!(room.vote(&key(1), &g, 1, &c), Err(Refusal::OverBudget));
        // Changing one's mind: dots move from one note to another.
        room.vote(&key(1), &a, 0, &c).unwrap();
        room.vote(&key(1), &g, 2, &c).unwrap();
        assert_eq!(room.you(&key(1), &c).round.unwrap().left, 0);
        assert_eq!(room.vote(&key(2), "gone", 1, &c), Err(Refusal::UnknownNote));
        room.vote(&key(2), &g, 1, &c).unwrap();
        let p = room.round().unwrap();
        assert_eq!((p.voters, p.dots), (2, 4));
        // Hidden until the end: the canvas has no dots yet.
        assert_eq!(c.item(&g).unwrap().votes(), 0);
        let edit = room.end_round(&c).unwrap();
        let Edit::Batch { edits } = &edit else {
            panic!("one batch")
        };
        assert_eq!(edits.len(), 2);
        c.apply(edit).unwrap();
        assert_eq!(c.item(&b).unwrap().votes(), 1);
        assert_eq!(c.item(&g).unwrap().votes(), 3);
        assert!(room.round().is_none());
        assert_eq!(room.end_round(&c), None);

        room.start_round(RoundRules {
            budget: 2,
            one_per_note: true,
        });
        assert_eq!(room.vote(&key(1), &a, 2, &c), Err(Refusal::OnePerNote));
        room.vote(&key(1), &a, 1, &c).unwrap();
        room.remove_device(&key(1));
        assert_eq!(
            room.end_round(&c),
            None,
            "a removed device's dots go with it"
        );
    }

    #[test]
    fn an_outcome_follows_the_canvas_when_the_note_is_undone_and_redone() {
        let before = canvas();
        let mut room = RoomState::default();
        room.connect(&key(1), None).unwrap();
        room.set_writing(Some(Writing {
            section: Section::Pains,
            private: true,
        }));
        let new = room.submit(&key(1), Section::Pains, "No receipts").unwrap();
        let dup = room.submit(&key(1), Section::Pains, "too slow").unwrap();
        let (edit, note) = room.accept_edit(new, &before).unwrap();
        let mut after = before.clone();
        after.apply(edit).unwrap();
        room.resolve(new, Outcome::Accepted, Some(&note));
        let into = after.items(Section::Pains)[0].id().clone();
        let Some(Merge::Edit(merge)) = room.merge_edit(dup, into.as_str(), &after) else {
            panic!("expected a text edit");
        };
        let mut merged = after.clone();
        merged.apply(*merge).unwrap();
        room.resolve(dup, Outcome::Merged, Some(&into));
        let outcomes = |c: &Canvas| -> Vec<Outcome> {
            room.you(&key(1), c)
                .submitted
                .iter()
                .map(|s| s.outcome)
                .collect()
        };
        assert_eq!(outcomes(&merged), [Outcome::Accepted, Outcome::Merged]);
        // The merge undone: the note is there but no longer says it.
        assert_eq!(outcomes(&after), [Outcome::Accepted, Outcome::Removed]);
        // Both undone: neither is on the canvas.
        assert_eq!(outcomes(&before), [Outcome::Removed, Outcome::Removed]);
        // Redone: the truth again.
        assert_eq!(outcomes(&merged), [Outcome::Accepted, Outcome::Merged]);
    }
}
