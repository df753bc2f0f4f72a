//! Typed edits: every change to a canvas as data. [`Canvas::apply`] carries one out, keeps the
//! canvas valid, and answers with what it touched and the edit that undoes it, so undo, redo,
//! the editor, the command line and (later) the room and the sync layer all change a canvas
//! the same way. Edits name notes, evidence entries, interviews and test cards by id, never by
//! position alone, so an edit still means the same thing after other edits landed before it;
//! where a position matters (where a note goes back) it is clamped to what is there.
//!
//! Intent is kept: a vote is "one more", not "set 4", so two votes cast in one frame, or by two
//! people, are two votes.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::canvas::{Canvas, EditError, Item, ItemId, MAX_WEIGHT, MIN_WEIGHT};
use crate::conflict::MergeSide;
use crate::evidence::{Evidence, EvidenceId, Interview, Status, TestCard};
use crate::section::{Kind, Section};

/// One change to a canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// A new note with this (unused) id at `index` of `section`.
    AddNote {
        section: Section,
        index: usize,
        id: ItemId,
        text: String,
    },
    /// Removes a note, the links to it and its place in test cards.
    RemoveNote {
        id: ItemId,
    },
    /// Puts a removed note back where it was, with the links to it and its test cards.
    RestoreNote {
        section: Section,
        index: usize,
        note: Box<Item>,
        linked_from: Vec<Reference>,
        tested_by: Vec<Reference>,
    },
    SetText {
        id: ItemId,
        text: String,
    },
    SetWeight {
        id: ItemId,
        weight: u8,
    },
    SetKind {
        id: ItemId,
        kind: Kind,
    },
    SetStatus {
        id: ItemId,
        status: Status,
    },
    /// Adds `by` dot votes (negative: removes them); the count never goes below zero.
    AddVotes {
        id: ItemId,
        by: i64,
    },
    /// Moves a note to position `to` of its own section (clamped to the last).
    MoveNote {
        id: ItemId,
        to: usize,
    },
    /// Value-map note `from` addresses customer note `to`, at position `at` of its list of
    /// addressed notes (the end when `None`).
    Link {
        from: ItemId,
        to: ItemId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<usize>,
    },
    Unlink {
        from: ItemId,
        to: ItemId,
    },
    SetTitle {
        text: String,
    },
    SetCustomer {
        text: String,
    },
    /// The canvas's free-text notes.
    SetCanvasNotes {
        text: String,
    },
    /// Evidence for a note at `index` of its list (clamped). An entry whose id is 0 gets the
    /// note's next free id.
    AddEvidence {
        note: ItemId,
        index: usize,
        evidence: Evidence,
    },
    /// Replaces the entry with the same id.
    SetEvidence {
        note: ItemId,
        evidence: Evidence,
    },
    RemoveEvidence {
        note: ItemId,
        entry: EvidenceId,
    },
    AddInterview {
        index: usize,
        interview: Interview,
    },
    /// Date, person, role and notes of the interview with the same id.
    SetInterview {
        interview: Interview,
    },
    /// Removes an interview; evidence that cited it stays, without the citation.
    RemoveInterview {
        id: ItemId,
    },
    /// Puts a removed interview back, citing it again from the entries that did.
    RestoreInterview {
        index: usize,
        interview: Interview,
        cited_by: Vec<Citation>,
    },
    AddTest {
        index: usize,
        card: TestCard,
    },
    /// Texts, state and learning of the test card with the same id (not its tested notes).
    SetTest {
        card: TestCard,
    },
    SetTestItems {
        id: ItemId,
        items: Vec<ItemId>,
    },
    RemoveTest {
        id: ItemId,
    },
    /// Settles merge conflict `index` (see [`Canvas::resolve_conflict`]) by keeping one side.
    ResolveConflict {
        index: usize,
        keep: MergeSide,
    },
    /// Puts the whole canvas back as `canvas`: the inverse of [`Edit::ResolveConflict`], which
    /// can touch any part of the canvas (theirs's side of a clash replaces a note and what
    /// refers to it). Rare, so carrying the canvas costs nothing that matters. It travels as
    /// the canvas file's JSON.
    PutBack {
        #[serde(with = "canvas_as_file")]
        canvas: Box<Canvas>,
    },
    /// Several edits as one: all of them, or (when one is refused) none.
    Batch {
        edits: Vec<Edit>,
    },
}

/// Where a note was referred to: by note or card `from`, at position `at` of its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub from: ItemId,
    pub at: usize,
}

/// An evidence entry that cited an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub note: ItemId,
    pub entry: EvidenceId,
}

/// What an edit changed, so views and caches know what to look at again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Note(ItemId),
    /// Title, customer segment or the canvas's notes.
    Canvas,
    Interview(ItemId),
    Test(ItemId),
}

/// The answer to an applied edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// Applying this puts the canvas back as it was.
    pub inverse: Edit,
    /// What changed; empty when the edit changed nothing (setting a text to itself, say).
    pub touched: Vec<Target>,
}

impl Applied {
    /// Did the edit change the canvas?
    pub fn changed(&self) -> bool {
        !self.touched.is_empty()
    }

    fn nothing() -> Applied {
        Applied {
            inverse: Edit::Batch { edits: Vec::new() },
            touched: Vec::new(),
        }
    }

    fn one(inverse: Edit, target: Target) -> Applied {
        Applied {
            inverse,
            touched: vec![target],
        }
    }
}

impl Canvas {
    /// Carries out one edit. When it is refused the canvas is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        use Edit as E;
        match edit {
            E::Batch { edits } => self.apply_batch(edits),
            E::AddNote {
                section,
                index,
                id,
                text,
            } => {
                self.check_free(&id)?;
                let len = self.items(section).len();
                if index > len {
                    return Err(EditError::IndexOutOfRange {
                        section,
                        index,
                        len,
                    });
                }
                let item = Item::new(section, id.clone(), text);
                self.sections[section.index()].insert(index, Arc::new(item));
                Ok(Applied::one(
                    E::RemoveNote { id: id.clone() },
                    Target::Note(id),
                ))
            }
            E::RemoveNote { id } => self.remove_note(id),
            E::RestoreNote {
                section,
                index,
                note,
                linked_from,
                tested_by,
            } => self.restore_note(section, index, *note, linked_from, tested_by),
            E::SetText { id, text } => self.set_note_field(id, |item| {
                let old = std::mem::replace(&mut item.text, text);
                (old != item.text).then(|| E::SetText {
                    id: item.id.clone(),
                    text: old,
                })
            }),
            E::SetWeight { id, weight } => {
                if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&weight) {
                    return Err(EditError::WeightOutOfRange(weight));
                }
                self.check_customer(&id, "weight")?;
                self.set_note_field(id, |item| {
                    let old = std::mem::replace(&mut item.weight, weight);
                    (old != weight).then(|| E::SetWeight {
                        id: item.id.clone(),
                        weight: old,
                    })
                })
            }
            E::SetKind { id, kind } => {
                let section = self.section_of(id.as_str()).ok_or_else(|| no_such(&id))?;
                if kind.section() != section {
                    return Err(EditError::WrongKind { section, kind });
                }
                self.set_note_field(id, |item| {
                    let old = item.kind.replace(kind);
                    (old != Some(kind)).then(|| E::SetKind {
                        id: item.id.clone(),
                        kind: old.unwrap_or(kind),
                    })
                })
            }
            E::SetStatus { id, status } => self.set_note_field(id, |item| {
                let old = std::mem::replace(&mut item.status, status);
                (old != status).then(|| E::SetStatus {
                    id: item.id.clone(),
                    status: old,
                })
            }),
            E::AddVotes { id, by } => self.set_note_field(id, |item| {
                let old = item.votes;
                let new = (i64::from(old).saturating_add(by)).clamp(0, i64::from(u32::MAX));
                item.votes = u32::try_from(new).unwrap_or(u32::MAX);
                (item.votes != old).then(|| E::AddVotes {
                    id: item.id.clone(),
                    by: i64::from(old) - i64::from(item.votes),
                })
            }),
            E::MoveNote { id, to } => {
                let (section, from) = self.locate(id.as_str()).ok_or_else(|| no_such(&id))?;
                let list = &mut self.sections[section.index()];
                let to = to.min(list.len().saturating_sub(1));
                if to == from {
                    return Ok(Applied::nothing());
                }
                let item = list.remove(from);
                list.insert(to, item);
                Ok(Applied::one(
                    E::MoveNote {
                        id: id.clone(),
                        to: from,
                    },
                    Target::Note(id),
                ))
            }
            E::Link { from, to, at } => self.add_link(from, to, at),
            E::Unlink { from, to } => {
                if self.locate(to.as_str()).is_none() {
                    return Err(no_such(&to));
                }
                self.set_note_field(from, |item| {
                    let at = item.addresses.iter().position(|a| *a == to)?;
                    item.addresses.remove(at);
                    Some(E::Link {
                        from: item.id.clone(),
                        to: to.clone(),
                        at: Some(at),
                    })
                })
            }
            E::SetTitle { text } => Ok(replace_text(&mut self.title, text, |text| E::SetTitle {
                text,
            })),
            E::SetCustomer { text } => Ok(replace_text(&mut self.customer, text, |text| {
                E::SetCustomer { text }
            })),
            E::SetCanvasNotes { text } => Ok(replace_text(&mut self.notes, text, |text| {
                E::SetCanvasNotes { text }
            })),
            E::AddEvidence {
                note,
                index,
                evidence,
            } => self.add_evidence_entry(note, index, evidence),
            E::SetEvidence { note, evidence } => {
                self.check_citation(&evidence)?;
                let entry = evidence.id;
                self.set_note_field(note.clone(), |item| {
                    let slot = item.evidence.iter_mut().find(|e| e.id == entry)?;
                    if *slot == evidence {
                        return None;
                    }
                    let old = std::mem::replace(slot, evidence);
                    Some(E::SetEvidence {
                        note: item.id.clone(),
                        evidence: old,
                    })
                })
                .and_then(|applied| self.evidence_found(&note, entry, applied))
            }
            E::RemoveEvidence { note, entry } => {
                let applied = self.set_note_field(note.clone(), |item| {
                    let index = item.evidence.iter().position(|e| e.id == entry)?;
                    let evidence = item.evidence.remove(index);
                    Some(E::AddEvidence {
                        note: item.id.clone(),
                        index,
                        evidence,
                    })
                })?;
                self.evidence_found(&note, entry, applied)
            }
            E::AddInterview { index, interview } => {
                self.check_free(&interview.id)?;
                let id = interview.id.clone();
                let index = index.min(self.interviews.len());
                self.interviews.insert(index, interview);
                Ok(Applied::one(
                    E::RemoveInterview { id: id.clone() },
                    Target::Interview(id),
                ))
            }
            E::SetInterview { interview } => {
                let id = interview.id.clone();
                let slot = self
                    .interviews
                    .iter_mut()
                    .find(|i| i.id == id)
                    .ok_or_else(|| EditError::NoSuchInterview(id.clone()))?;
                if *slot == interview {
                    return Ok(Applied::nothing());
                }
                let old = std::mem::replace(slot, interview);
                Ok(Applied::one(
                    E::SetInterview { interview: old },
                    Target::Interview(id),
                ))
            }
            E::RemoveInterview { id } => self.remove_interview_entry(id),
            E::RestoreInterview {
                index,
                interview,
                cited_by,
            } => {
                self.check_free(&interview.id)?;
                let id = interview.id.clone();
                let index = index.min(self.interviews.len());
                self.interviews.insert(index, interview);
                let mut touched = vec![Target::Interview(id.clone())];
                for Citation { note, entry } in cited_by {
                    let Some((section, at)) = self.locate(note.as_str()) else {
                        continue;
                    };
                    let item = Arc::make_mut(&mut self.sections[section.index()][at]);
                    if let Some(e) = item.evidence.iter_mut().find(|e| e.id == entry) {
                        e.interview = Some(id.clone());
                        touched.push(Target::Note(note));
                    }
                }
                Ok(Applied {
                    inverse: E::RemoveInterview { id },
                    touched,
                })
            }
            E::AddTest { index, card } => {
                self.check_free(&card.id)?;
                let items: Vec<&str> = card.items.iter().map(ItemId::as_str).collect();
                let items = self.note_ids(&items)?;
                let id = card.id.clone();
                let index = index.min(self.tests.len());
                self.tests.insert(index, TestCard { items, ..card });
                Ok(Applied::one(
                    E::RemoveTest { id: id.clone() },
                    Target::Test(id),
                ))
            }
            E::SetTest { card } => {
                let id = card.id.clone();
                let slot = self.test_slot(&id)?;
                // The tested notes are not the card's to set here: they change with
                // SetTestItems, and a removed note leaves them on its own.
                let card = TestCard {
                    items: slot.items.clone(),
                    ..card
                };
                if *slot == card {
                    return Ok(Applied::nothing());
                }
                let old = std::mem::replace(slot, card);
                Ok(Applied::one(E::SetTest { card: old }, Target::Test(id)))
            }
            E::SetTestItems { id, items } => {
                let items: Vec<&str> = items.iter().map(ItemId::as_str).collect();
                let items = self.note_ids(&items)?;
                let slot = self.test_slot(&id)?;
                if slot.items == items {
                    return Ok(Applied::nothing());
                }
                let old = std::mem::replace(&mut slot.items, items);
                Ok(Applied::one(
                    E::SetTestItems {
                        id: id.clone(),
                        items: old,
                    },
                    Target::Test(id),
                ))
            }
            E::ResolveConflict { index, keep } => {
                let before = self.clone();
                let settled = self
                    .resolve_conflict(index, keep)
                    .map_err(|e| EditError::Unresolvable(e.to_string()))?;
                let mut touched = vec![Target::Canvas];
                if let Some(id) = settled.id() {
                    touched.push(match (before.interview(id), before.test(id)) {
                        (Some(_), _) => Target::Interview(id.clone()),
                        (_, Some(_)) => Target::Test(id.clone()),
                        _ => Target::Note(id.clone()),
                    });
                }
                Ok(Applied {
                    inverse: E::PutBack {
                        canvas: Box::new(before),
                    },
                    touched,
                })
            }
            E::PutBack { canvas } => {
                let before = std::mem::replace(self, *canvas);
                // New ids keep this session's suffix, whatever canvas is put back.
                self.id_suffix.clone_from(&before.id_suffix);
                // Ids retired before stay retired, so a number given out is never reused.
                for (prefix, highest) in &before.retired {
                    let kept = self.retired.entry(prefix.clone()).or_default();
                    *kept = (*kept).max(*highest);
                }
                if *self == before {
                    return Ok(Applied::nothing());
                }
                Ok(Applied {
                    inverse: E::PutBack {
                        canvas: Box::new(before),
                    },
                    touched: vec![Target::Canvas],
                })
            }
            E::RemoveTest { id } => {
                let index = self
                    .tests
                    .iter()
                    .position(|t| t.id == id)
                    .ok_or_else(|| EditError::NoSuchTest(id.clone()))?;
                self.retire(id.as_str());
                let card = self.tests.remove(index);
                Ok(Applied::one(E::AddTest { index, card }, Target::Test(id)))
            }
        }
    }

    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Applied, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        let mut touched = Vec::new();
        for edit in edits {
            match self.apply(edit) {
                Ok(applied) if applied.changed() => {
                    inverses.push(applied.inverse);
                    touched.extend(applied.touched);
                }
                Ok(_) => {}
                Err(error) => {
                    // All or nothing: take back what this batch did so far.
                    for inverse in inverses.into_iter().rev() {
                        let _ = self.apply(inverse);
                    }
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(Applied {
            inverse: Edit::Batch { edits: inverses },
            touched,
        })
    }

    /// Changes one note through `change`, which answers the inverse edit, or `None` when it
    /// changed nothing.
    fn set_note_field(
        &mut self,
        id: ItemId,
        change: impl FnOnce(&mut Item) -> Option<Edit>,
    ) -> Result<Applied, EditError> {
        let (section, index) = self.locate(id.as_str()).ok_or_else(|| no_such(&id))?;
        // Only a note that changes is copied out of the undo history's shared copy.
        let probe = &self.sections[section.index()][index];
        let mut item = Item::clone(probe);
        match change(&mut item) {
            Some(inverse) => {
                self.sections[section.index()][index] = Arc::new(item);
                Ok(Applied::one(inverse, Target::Note(id)))
            }
            None => Ok(Applied::nothing()),
        }
    }

    /// An edit of an evidence entry that did nothing because the entry is not there is refused.
    fn evidence_found(
        &self,
        note: &ItemId,
        entry: EvidenceId,
        applied: Applied,
    ) -> Result<Applied, EditError> {
        let exists = self
            .item(note.as_str())
            .is_some_and(|item| item.evidence.iter().any(|e| e.id == entry));
        if applied.changed() || exists {
            Ok(applied)
        } else {
            Err(EditError::NoSuchEntry {
                id: note.clone(),
                entry,
            })
        }
    }

    fn check_free(&self, id: &ItemId) -> Result<(), EditError> {
        if self.id_in_use(id.as_str()) {
            return Err(EditError::IdTaken(id.clone()));
        }
        Ok(())
    }

    fn check_customer(&self, id: &ItemId, what: &'static str) -> Result<(), EditError> {
        let section = self.section_of(id.as_str()).ok_or_else(|| no_such(id))?;
        if !section.is_customer() {
            return Err(EditError::NotCustomerItem { section, what });
        }
        Ok(())
    }

    fn test_slot(&mut self, id: &ItemId) -> Result<&mut TestCard, EditError> {
        self.tests
            .iter_mut()
            .find(|t| t.id == *id)
            .ok_or_else(|| EditError::NoSuchTest(id.clone()))
    }

    fn remove_note(&mut self, id: ItemId) -> Result<Applied, EditError> {
        let (section, index) = self.locate(id.as_str()).ok_or_else(|| no_such(&id))?;
        let note = Arc::unwrap_or_clone(self.sections[section.index()].remove(index));
        self.retire(id.as_str());
        let mut touched = vec![Target::Note(id.clone())];
        let mut linked_from = Vec::new();
        if let Some(by) = section.addressed_by() {
            for other in &mut self.sections[by.index()] {
                if let Some(at) = other.addresses.iter().position(|a| *a == id) {
                    let other = Arc::make_mut(other);
                    other.addresses.remove(at);
                    linked_from.push(Reference {
                        from: other.id.clone(),
                        at,
                    });
                    touched.push(Target::Note(other.id.clone()));
                }
            }
        }
        let mut tested_by = Vec::new();
        for test in &mut self.tests {
            if let Some(at) = test.items.iter().position(|t| *t == id) {
                test.items.remove(at);
                tested_by.push(Reference {
                    from: test.id.clone(),
                    at,
                });
                touched.push(Target::Test(test.id.clone()));
            }
        }
        Ok(Applied {
            inverse: Edit::RestoreNote {
                section,
                index,
                note: Box::new(note),
                linked_from,
                tested_by,
            },
            touched,
        })
    }

    fn restore_note(
        &mut self,
        section: Section,
        index: usize,
        mut note: Item,
        linked_from: Vec<Reference>,
        tested_by: Vec<Reference>,
    ) -> Result<Applied, EditError> {
        self.check_free(&note.id)?;
        match (section.is_customer(), note.kind) {
            (true, Some(kind)) if kind.section() != section => {
                return Err(EditError::WrongKind { section, kind });
            }
            (true, None) => note.kind = section.default_kind(),
            (false, _) => note.kind = None,
            (true, Some(_)) => {}
        }
        if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&note.weight) {
            return Err(EditError::WeightOutOfRange(note.weight));
        }
        // Links to notes that are gone meanwhile cannot come back.
        let serves = section.addresses();
        note.addresses
            .retain(|to| serves.is_some() && self.section_of(to.as_str()) == serves);
        let id = note.id.clone();
        let index = index.min(self.items(section).len());
        self.sections[section.index()].insert(index, Arc::new(note));
        let mut touched = vec![Target::Note(id.clone())];
        for Reference { from, at } in linked_from {
            let Some((from_section, i)) = self.locate(from.as_str()) else {
                continue;
            };
            if from_section.addresses() != Some(section) {
                continue;
            }
            let other = Arc::make_mut(&mut self.sections[from_section.index()][i]);
            if !other.addresses.contains(&id) {
                let at = at.min(other.addresses.len());
                other.addresses.insert(at, id.clone());
                touched.push(Target::Note(from));
            }
        }
        for Reference { from, at } in tested_by {
            if let Some(test) = self.tests.iter_mut().find(|t| t.id == from)
                && !test.items.contains(&id)
            {
                let at = at.min(test.items.len());
                test.items.insert(at, id.clone());
                touched.push(Target::Test(from));
            }
        }
        Ok(Applied {
            inverse: Edit::RemoveNote { id },
            touched,
        })
    }

    fn add_link(
        &mut self,
        from: ItemId,
        to: ItemId,
        at: Option<usize>,
    ) -> Result<Applied, EditError> {
        let to_section = self.section_of(to.as_str()).ok_or_else(|| no_such(&to))?;
        let from_section = self
            .section_of(from.as_str())
            .ok_or_else(|| no_such(&from))?;
        if from_section.addresses() != Some(to_section) {
            return Err(EditError::WrongLinkTarget {
                from: from_section,
                to: to_section,
            });
        }
        self.set_note_field(from, |item| {
            if item.addresses.contains(&to) {
                return None;
            }
            let at = at.unwrap_or(usize::MAX).min(item.addresses.len());
            item.addresses.insert(at, to.clone());
            Some(Edit::Unlink {
                from: item.id.clone(),
                to,
            })
        })
    }

    fn add_evidence_entry(
        &mut self,
        note: ItemId,
        index: usize,
        mut evidence: Evidence,
    ) -> Result<Applied, EditError> {
        self.check_citation(&evidence)?;
        let item = self.item(note.as_str()).ok_or_else(|| no_such(&note))?;
        if evidence.id == EvidenceId::default() {
            evidence.id = next_entry_id(item);
        } else if item.evidence.iter().any(|e| e.id == evidence.id) {
            return Err(EditError::EntryTaken {
                id: note,
                entry: evidence.id,
            });
        }
        let entry = evidence.id;
        self.set_note_field(note, |item| {
            let index = index.min(item.evidence.len());
            item.evidence.insert(index, evidence);
            Some(Edit::RemoveEvidence {
                note: item.id.clone(),
                entry,
            })
        })
    }

    fn remove_interview_entry(&mut self, id: ItemId) -> Result<Applied, EditError> {
        let index = self
            .interviews
            .iter()
            .position(|i| i.id == id)
            .ok_or_else(|| EditError::NoSuchInterview(id.clone()))?;
        let mut cited_by = Vec::new();
        let mut touched = vec![Target::Interview(id.clone())];
        let cites = |e: &Evidence| e.interview.as_ref() == Some(&id);
        for list in &mut self.sections {
            for item in list.iter_mut().filter(|i| i.evidence.iter().any(cites)) {
                let item = Arc::make_mut(item);
                for entry in item.evidence.iter_mut().filter(|e| cites(e)) {
                    entry.interview = None;
                    cited_by.push(Citation {
                        note: item.id.clone(),
                        entry: entry.id,
                    });
                }
                touched.push(Target::Note(item.id.clone()));
            }
        }
        self.retire(id.as_str());
        let interview = self.interviews.remove(index);
        Ok(Applied {
            inverse: Edit::RestoreInterview {
                index,
                interview,
                cited_by,
            },
            touched,
        })
    }
}

/// The id the next evidence entry of `item` gets: one more than the highest it holds.
pub(crate) fn next_entry_id(item: &Item) -> EvidenceId {
    let highest = item.evidence.iter().map(|e| e.id.0).max().unwrap_or(0);
    EvidenceId(highest.saturating_add(1))
}

fn replace_text(field: &mut String, text: String, inverse: impl FnOnce(String) -> Edit) -> Applied {
    if *field == text {
        return Applied::nothing();
    }
    let old = std::mem::replace(field, text);
    Applied::one(inverse(old), Target::Canvas)
}

fn no_such(id: &ItemId) -> EditError {
    EditError::NoSuchItem(id.clone())
}

/// A canvas inside an edit, written as the canvas file writes it, so an edit that carries one
/// reads back the same way a file does (and is checked like one).
mod canvas_as_file {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

    use crate::canvas::Canvas;

    pub fn serialize<S: Serializer>(canvas: &Canvas, out: S) -> Result<S::Ok, S::Error> {
        let value: serde_json::Value = serde_json::from_slice(&crate::format::to_vec(canvas))
            .map_err(serde::ser::Error::custom)?;
        value.serialize(out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Box<Canvas>, D::Error> {
        let value = serde_json::Value::deserialize(input)?;
        crate::format::from_value(value)
            .map(Box::new)
            .map_err(D::Error::custom)
    }
}
