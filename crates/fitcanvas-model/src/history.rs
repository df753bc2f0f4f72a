//! Undo and redo as a history of edits. Each step keeps the inverse edits of what one person
//! did here, so undo applies them to the canvas as it is now: once other people edit the same
//! canvas (their edits are applied to it directly, never recorded here), undo takes back only
//! this person's own edits and leaves theirs in place. Typing into one field is one step: edits
//! that carry the same [`MergeKey`] in a row share a step.

use serde::{Deserialize, Serialize};

use crate::canvas::{Canvas, EditError, ItemId};
use crate::edit::{Applied, Edit};
use crate::evidence::EvidenceId;

/// The one field a run of typing goes into, so the run becomes one undo step. A key names
/// exactly one field, which is why the first edit's inverse of a run undoes all of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeKey {
    NoteText(ItemId),
    Title,
    Customer,
    CanvasNotes,
    Evidence {
        note: ItemId,
        entry: EvidenceId,
        field: EvidenceField,
    },
    Interview {
        id: ItemId,
        field: InterviewField,
    },
    Test {
        id: ItemId,
        field: TestField,
    },
}

/// The typed fields of an evidence entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceField {
    Date,
    Who,
    Quote,
}

/// The typed fields of an interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewField {
    Date,
    Person,
    Role,
    Notes,
}

/// The typed fields of a test card and its learning card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestField {
    Hypothesis,
    Test,
    Metric,
    Criteria,
    Observed,
    Learned,
    Decision,
}

/// One undo step: the edits that take it back, in the order to apply them.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    inverses: Vec<Edit>,
    key: Option<MergeKey>,
}

/// The undo and redo stacks of one person's edits.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The step typing may still merge into; cleared by anything that ends a run.
    open_key: Option<MergeKey>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies a local edit and records it. A refused or no-op edit leaves the history as it
    /// was. With `key`, it merges into the previous step when that had the same key.
    pub fn apply(
        &mut self,
        canvas: &mut Canvas,
        edit: Edit,
        key: Option<MergeKey>,
    ) -> Result<Applied, EditError> {
        let applied = canvas.apply(edit)?;
        if !applied.changed() {
            return Ok(applied);
        }
        let merges = key.is_some() && key == self.open_key && !self.undo.is_empty();
        if !merges {
            self.undo.push(Step {
                inverses: vec![applied.inverse.clone()],
                key: key.clone(),
            });
        }
        // Typing on: the step's first inverse already restores the field as it was before
        // the run, so later inverses of the same field add nothing.
        self.open_key = key;
        self.redo.clear();
        Ok(applied)
    }

    /// Ends a run of typing, so the next edit starts a new step.
    pub fn break_merging(&mut self) {
        self.open_key = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps undo can take back.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Takes back the last step. `Ok(None)` when there is nothing to undo; an error when the
    /// step no longer applies (someone else removed what it changed): the step is dropped and
    /// the canvas is unchanged.
    pub fn undo(&mut self, canvas: &mut Canvas) -> Result<Option<Applied>, EditError> {
        self.open_key = None;
        step_across(&mut self.undo, &mut self.redo, canvas)
    }

    /// Does again the last step undone; as [`History::undo`] otherwise.
    pub fn redo(&mut self, canvas: &mut Canvas) -> Result<Option<Applied>, EditError> {
        self.open_key = None;
        step_across(&mut self.redo, &mut self.undo, canvas)
    }

    /// Forgets everything (a different canvas was opened).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}

/// Replays the top step of `from` and puts what takes it back on `to`.
fn step_across(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    canvas: &mut Canvas,
) -> Result<Option<Applied>, EditError> {
    let Some(step) = from.pop() else {
        return Ok(None);
    };
    let applied = replay(canvas, step.inverses)?;
    to.push(Step {
        inverses: vec![applied.inverse.clone()],
        key: step.key,
    });
    Ok(Some(applied))
}

/// Applies a step's edits as one, all or nothing.
fn replay(canvas: &mut Canvas, mut edits: Vec<Edit>) -> Result<Applied, EditError> {
    let edit = match edits.len() {
        1 => edits.remove(0),
        _ => Edit::Batch { edits },
    };
    canvas.apply(edit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::section::Section;

    fn text(canvas: &Canvas, id: &ItemId) -> String {
        canvas
            .item(id.as_str())
            .map(|i| i.text().to_owned())
            .unwrap_or_default()
    }

    #[test]
    fn typing_into_one_field_is_one_step_and_another_field_starts_a_new_one() {
        let mut canvas = Canvas::new();
        let mut history = History::new();
        let id = canvas.next_id(Section::Jobs);
        history
            .apply(
                &mut canvas,
                Edit::AddNote {
                    section: Section::Jobs,
                    index: 0,
                    id: id.clone(),
                    text: String::new(),
                },
                None,
            )
            .unwrap();
        for typed in ["O", "Or", "Ord"] {
            let edit = Edit::SetText {
                id: id.clone(),
                text: typed.into(),
            };
            history
                .apply(&mut canvas, edit, Some(MergeKey::NoteText(id.clone())))
                .unwrap();
        }
        // The title is another field: its typing is a step of its own.
        let title = Edit::SetTitle { text: "T".into() };
        history
            .apply(&mut canvas, title, Some(MergeKey::Title))
            .unwrap();
        assert_eq!(history.undo_len(), 3);
        history.undo(&mut canvas).unwrap();
        assert_eq!(canvas.title(), "");
        assert_eq!(text(&canvas, &id), "Ord");
        history.undo(&mut canvas).unwrap();
        assert_eq!(text(&canvas, &id), "");
        history.redo(&mut canvas).unwrap();
        assert_eq!(text(&canvas, &id), "Ord");
    }

    #[test]
    fn a_note_whose_id_is_title_does_not_merge_with_typing_in_the_title() {
        let mut canvas = crate::format::from_slice(
            br#"{"format": "fitcanvas", "version": 1, "jobs": [{"id": "title", "text": "a"}]}"#,
        )
        .unwrap();
        let mut history = History::new();
        let id = ItemId::new("title").unwrap();
        let edit = Edit::SetText {
            id: id.clone(),
            text: "ab".into(),
        };
        history
            .apply(&mut canvas, edit, Some(MergeKey::NoteText(id.clone())))
            .unwrap();
        let edit = Edit::SetTitle { text: "x".into() };
        history
            .apply(&mut canvas, edit, Some(MergeKey::Title))
            .unwrap();
        assert_eq!(history.undo_len(), 2);
    }

    #[test]
    fn undo_takes_back_only_this_persons_edit_after_someone_else_edited() {
        let mut canvas = Canvas::new();
        let mine = canvas.add_item(Section::Pains, "Mine");
        let theirs = canvas.add_item(Section::Pains, "Theirs");
        let mut history = History::new();
        let edit = Edit::SetWeight {
            id: mine.clone(),
            weight: 5,
        };
        history.apply(&mut canvas, edit, None).unwrap();
        // A peer's edits arrive and are applied without entering this history.
        canvas
            .apply(Edit::SetWeight {
                id: theirs.clone(),
                weight: 1,
            })
            .unwrap();
        canvas
            .apply(Edit::AddVotes {
                id: mine.clone(),
                by: 2,
            })
            .unwrap();
        history.undo(&mut canvas).unwrap();
        let weight = |id: &ItemId| canvas.item(id.as_str()).unwrap().weight();
        assert_eq!((weight(&mine), weight(&theirs)), (3, 1));
        assert_eq!(canvas.item(mine.as_str()).unwrap().votes(), 2);
    }

    #[test]
    fn a_step_that_no_longer_applies_is_refused_and_changes_nothing() {
        let mut canvas = Canvas::new();
        let id = canvas.add_item(Section::Gains, "Quick");
        let mut history = History::new();
        let edit = Edit::SetText {
            id: id.clone(),
            text: "Quicker".into(),
        };
        history.apply(&mut canvas, edit, None).unwrap();
        canvas.apply(Edit::RemoveNote { id }).unwrap();
        let before = canvas.clone();
        assert!(history.undo(&mut canvas).is_err());
        assert_eq!(canvas, before);
        assert!(!history.can_undo());
    }
}
