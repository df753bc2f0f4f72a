//! The open canvas as a document: the canvas, where it lives on disk, whether it has unsaved
//! changes, and its undo history. No egui here, so it is unit-tested directly.

use std::path::{Path, PathBuf};

use crate::canvas::{Canvas, EditError};

/// A canvas being edited.
#[derive(Debug, Clone, Default)]
pub struct Document {
    canvas: Canvas,
    path: Option<PathBuf>,
    /// The canvas as last saved or loaded; "dirty" means the canvas differs from it, so undoing
    /// back to the saved state clears the unsaved mark.
    saved: Canvas,
    undo: Vec<Canvas>,
    redo: Vec<Canvas>,
    /// The key of the last edit, so a run of edits with the same key (typing into one note)
    /// becomes one undo step.
    last_key: Option<String>,
}

impl Document {
    /// A new, blank, never-saved document.
    pub fn new() -> Document {
        Document::default()
    }

    /// A document for a canvas just read from `path` (or from a bundled example, with no path).
    pub fn opened(canvas: Canvas, path: Option<PathBuf>) -> Document {
        Document {
            saved: canvas.clone(),
            canvas,
            path,
            ..Document::default()
        }
    }

    /// A document restored from a recovery file: it starts with unsaved changes.
    pub fn recovered(canvas: Canvas, path: Option<PathBuf>) -> Document {
        let saved = match &path {
            Some(p) => crate::format::load_file(p).unwrap_or_default(),
            None => Canvas::new(),
        };
        Document {
            canvas,
            path,
            saved,
            ..Document::default()
        }
    }

    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.canvas != self.saved
    }

    /// The name shown in the window title.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None if !self.canvas.title().is_empty() => self.canvas.title().to_owned(),
            None => "Untitled".to_owned(),
        }
    }

    /// Applies one edit through the model. A failed or no-op edit leaves history untouched.
    /// Edits with the same `key` in a row share one undo step.
    pub fn edit<T>(
        &mut self,
        key: Option<&str>,
        f: impl FnOnce(&mut Canvas) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let before = self.canvas.clone();
        let result = f(&mut self.canvas);
        if result.is_err() {
            self.canvas = before;
            return result;
        }
        if self.canvas == before {
            return result;
        }
        let coalesce = key.is_some() && key.map(str::to_owned) == self.last_key;
        if !coalesce {
            self.undo.push(before);
        }
        self.last_key = key.map(str::to_owned);
        self.redo.clear();
        result
    }

    /// Ends a run of coalesced edits, so the next edit starts a new undo step.
    pub fn break_coalescing(&mut self) {
        self.last_key = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        self.last_key = None;
        match self.undo.pop() {
            Some(previous) => {
                self.redo
                    .push(std::mem::replace(&mut self.canvas, previous));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        self.last_key = None;
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.canvas, next));
                true
            }
            None => false,
        }
    }

    /// Records a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved = self.canvas.clone();
        self.last_key = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::section::Section;

    #[test]
    fn an_undo_step_shares_every_note_the_edit_did_not_touch() {
        let mut canvas = Canvas::new();
        let ids: Vec<_> = (0..50)
            .map(|i| canvas.add_item(Section::Pains, format!("Pain {i}")))
            .collect();
        let mut doc = Document::opened(canvas, None);
        doc.edit(None, |c| c.set_weight(ids[7].as_str(), 5))
            .unwrap();
        let before = doc.undo.last().unwrap();
        let (old, now) = (
            before.items(Section::Pains),
            doc.canvas().items(Section::Pains),
        );
        let shared = old
            .iter()
            .zip(now)
            .filter(|(a, b)| std::sync::Arc::ptr_eq(a, b))
            .count();
        // Only the edited note was copied; the step holds pointers to the other 49.
        assert_eq!(shared, 49);
        assert!(!std::sync::Arc::ptr_eq(&old[7], &now[7]));
        assert_eq!(old[7].weight(), 3);
        assert!(doc.undo());
        assert_eq!(doc.canvas().items(Section::Pains)[7].weight(), 3);
    }

    #[test]
    fn edits_undo_and_redo_and_track_dirty() {
        let mut doc = Document::new();
        assert!(!doc.is_dirty());
        let id = doc
            .edit(None, |c| Ok(c.add_item(Section::Pains, "Slow")))
            .unwrap();
        assert!(doc.is_dirty());
        doc.edit(None, |c| c.set_weight(id.as_str(), 4)).unwrap();
        assert!(doc.undo());
        assert_eq!(doc.canvas().item(id.as_str()).unwrap().weight(), 3);
        assert!(doc.undo());
        assert!(!doc.is_dirty(), "back at the saved state");
        assert!(!doc.undo());
        assert!(doc.redo() && doc.redo());
        assert_eq!(doc.canvas().item(id.as_str()).unwrap().weight(), 4);
        assert!(!doc.redo());
    }

    #[test]
    fn typing_into_one_note_is_one_step_and_failures_change_nothing() {
        let mut doc = Document::new();
        let id = doc
            .edit(None, |c| Ok(c.add_item(Section::Jobs, "")))
            .unwrap();
        for text in ["O", "Or", "Ord"] {
            doc.edit(Some(id.as_str()), |c| c.set_text(id.as_str(), text))
                .unwrap();
        }
        assert!(doc.undo());
        assert_eq!(doc.canvas().item(id.as_str()).unwrap().text(), "");
        assert!(doc.edit(None, |c| c.set_weight("nope", 2)).is_err());
        assert!(
            doc.can_undo() && doc.can_redo(),
            "a failed edit keeps the redo history"
        );
        doc.mark_saved(PathBuf::from("/tmp/x.json"));
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "x.json");
    }
}
