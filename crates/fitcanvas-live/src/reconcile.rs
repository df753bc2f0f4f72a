//! Remote changes as typed edits: the edits that turn the canvas on screen into the canvas the
//! shared document now holds. Applying them with [`Canvas::apply`] (not through the undo
//! history) keeps every change on the core's one path, and keeps undo to one's own edits.

use fitcanvas_model::canvas::{Canvas, Item};
use fitcanvas_model::edit::Edit;
use fitcanvas_model::section::Section;

/// Edits that take `current` to `target`, in the order they are to be applied. Each was
/// checked against a copy as it went, so all of them apply; applied in order to `current`
/// they give a canvas equal to `target`.
pub fn edits_toward(current: &Canvas, target: &Canvas) -> Vec<Edit> {
    let mut plan = Plan {
        scratch: current.clone(),
        edits: Vec::new(),
    };
    plan.remove_gone(target);
    plan.interviews(target);
    plan.add_notes(target);
    plan.order_notes(target);
    for (_, item) in target.all_items() {
        plan.note_fields(item);
    }
    plan.tests(target);
    plan.texts(target);
    plan.edits
}

struct Plan {
    scratch: Canvas,
    edits: Vec<Edit>,
}

impl Plan {
    fn push(&mut self, edit: Edit) {
        if let Ok(applied) = self.scratch.apply(edit.clone())
            && applied.changed()
        {
            self.edits.push(edit);
        }
    }

    fn remove_gone(&mut self, target: &Canvas) {
        let gone: Vec<_> = self
            .scratch
            .all_items()
            .filter(|(s, item)| target.section_of(item.id()) != Some(*s))
            .map(|(_, item)| item.id().clone())
            .collect();
        for id in gone {
            self.push(Edit::RemoveNote { id });
        }
        let gone: Vec<_> = self
            .scratch
            .tests()
            .iter()
            .filter(|t| !target.tests().iter().any(|u| u.id() == t.id()))
            .map(|t| t.id().clone())
            .collect();
        for id in gone {
            self.push(Edit::RemoveTest { id });
        }
        let gone: Vec<_> = self
            .scratch
            .interviews()
            .iter()
            .filter(|i| !target.interviews().iter().any(|u| u.id() == i.id()))
            .map(|i| i.id().clone())
            .collect();
        for id in gone {
            self.push(Edit::RemoveInterview { id });
        }
    }

    /// Interviews come before notes: a note's evidence may cite one. There is no edit that
    /// moves an interview, so one out of place is taken out and put back (the citations it
    /// loses come back with the notes' evidence below).
    fn interviews(&mut self, target: &Canvas) {
        for (index, interview) in target.interviews().iter().enumerate() {
            let here = self.scratch.interviews().get(index).map(|i| i.id().clone());
            if here.as_ref() != Some(interview.id()) {
                if self
                    .scratch
                    .interviews()
                    .iter()
                    .any(|i| i.id() == interview.id())
                {
                    self.push(Edit::RemoveInterview {
                        id: interview.id().clone(),
                    });
                }
                self.push(Edit::AddInterview {
                    index,
                    interview: interview.clone(),
                });
            }
            if self.scratch.interviews().get(index) != Some(interview) {
                self.push(Edit::SetInterview {
                    interview: interview.clone(),
                });
            }
        }
    }

    /// New notes come back whole (evidence, votes, unknown fields and all). Customer sections
    /// come first in [`Section::ALL`], so the links of a new value-map note find their notes.
    fn add_notes(&mut self, target: &Canvas) {
        for section in Section::ALL {
            for (index, item) in target.items(section).iter().enumerate() {
                if self.scratch.item(item.id()).is_none() {
                    self.push(Edit::RestoreNote {
                        section,
                        index,
                        note: Box::new(Item::clone(item)),
                        linked_from: Vec::new(),
                        tested_by: Vec::new(),
                    });
                }
            }
        }
    }

    fn order_notes(&mut self, target: &Canvas) {
        for section in Section::ALL {
            for (to, item) in target.items(section).iter().enumerate() {
                let here = self.scratch.items(section).get(to).map(|i| i.id().clone());
                if here.as_ref() != Some(item.id()) {
                    self.push(Edit::MoveNote {
                        id: item.id().clone(),
                        to,
                    });
                }
            }
        }
    }

    fn note_fields(&mut self, want: &Item) {
        let Some(have) = self.scratch.item(want.id()).cloned() else {
            return;
        };
        if have == *want {
            return;
        }
        let id = want.id().clone();
        if have.text() != want.text() {
            self.push(Edit::SetText {
                id: id.clone(),
                text: want.text().to_owned(),
            });
        }
        if have.weight() != want.weight() {
            self.push(Edit::SetWeight {
                id: id.clone(),
                weight: want.weight(),
            });
        }
        if let Some(kind) = want.kind()
            && have.kind() != Some(kind)
        {
            self.push(Edit::SetKind {
                id: id.clone(),
                kind,
            });
        }
        if have.status() != want.status() {
            self.push(Edit::SetStatus {
                id: id.clone(),
                status: want.status(),
            });
        }
        if have.votes() != want.votes() {
            self.push(Edit::AddVotes {
                id: id.clone(),
                by: i64::from(want.votes()) - i64::from(have.votes()),
            });
        }
        self.links(want);
        self.evidence(want);
    }

    fn links(&mut self, want: &Item) {
        let id = want.id().clone();
        let have = self.note(want).map(|i| i.addresses().to_vec());
        for to in have.unwrap_or_default() {
            if !want.addresses().contains(&to) {
                self.push(Edit::Unlink {
                    from: id.clone(),
                    to,
                });
            }
        }
        for (at, to) in want.addresses().iter().enumerate() {
            let here = self.note(want).and_then(|i| i.addresses().get(at).cloned());
            if here.as_ref() == Some(to) {
                continue;
            }
            self.push(Edit::Unlink {
                from: id.clone(),
                to: to.clone(),
            });
            self.push(Edit::Link {
                from: id.clone(),
                to: to.clone(),
                at: Some(at),
            });
        }
    }

    fn evidence(&mut self, want: &Item) {
        let note = want.id().clone();
        let have: Vec<_> = self
            .note(want)
            .map(|i| i.evidence().iter().map(|e| e.id()).collect())
            .unwrap_or_default();
        for entry in have {
            if !want.evidence().iter().any(|e| e.id() == entry) {
                self.push(Edit::RemoveEvidence {
                    note: note.clone(),
                    entry,
                });
            }
        }
        for (index, evidence) in want.evidence().iter().enumerate() {
            let here = self
                .note(want)
                .and_then(|i| i.evidence().get(index).cloned());
            match here {
                Some(e) if e.id() == evidence.id() => {
                    if e != *evidence {
                        self.push(Edit::SetEvidence {
                            note: note.clone(),
                            evidence: evidence.clone(),
                        });
                    }
                }
                _ => {
                    let elsewhere = self
                        .note(want)
                        .is_some_and(|i| i.evidence().iter().any(|e| e.id() == evidence.id()));
                    if elsewhere {
                        self.push(Edit::RemoveEvidence {
                            note: note.clone(),
                            entry: evidence.id(),
                        });
                    }
                    self.push(Edit::AddEvidence {
                        note: note.clone(),
                        index,
                        evidence: evidence.clone(),
                    });
                }
            }
        }
    }

    fn note(&self, want: &Item) -> Option<&Item> {
        self.scratch.item(want.id())
    }

    /// Test cards after the notes they test. Out of place: taken out and put back.
    fn tests(&mut self, target: &Canvas) {
        for (index, card) in target.tests().iter().enumerate() {
            let here = self.scratch.tests().get(index).map(|t| t.id().clone());
            if here.as_ref() != Some(card.id()) {
                if self.scratch.tests().iter().any(|t| t.id() == card.id()) {
                    self.push(Edit::RemoveTest {
                        id: card.id().clone(),
                    });
                }
                self.push(Edit::AddTest {
                    index,
                    card: card.clone(),
                });
            }
            if self.scratch.tests().get(index) != Some(card) {
                self.push(Edit::SetTest { card: card.clone() });
                self.push(Edit::SetTestItems {
                    id: card.id().clone(),
                    items: card.items().to_vec(),
                });
            }
        }
    }

    fn texts(&mut self, target: &Canvas) {
        self.push(Edit::SetTitle {
            text: target.title().to_owned(),
        });
        self.push(Edit::SetCustomer {
            text: target.customer().to_owned(),
        });
        self.push(Edit::SetCanvasNotes {
            text: target.notes().to_owned(),
        });
    }
}
