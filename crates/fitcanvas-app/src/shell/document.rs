//! The open canvas as a document: the canvas, where it lives on disk, whether it has unsaved
//! changes, its undo history and its revision. Every change goes through [`Document::apply`],
//! [`Document::undo`] or [`Document::redo`], which bump the revision that autosave, the title's
//! mark and the caches of derived figures follow. No egui here, so it is unit-tested directly.

use std::path::{Path, PathBuf};

use fitcanvas_model::canvas::{Canvas, EditError};
use fitcanvas_model::edit::{Applied, Edit};
use fitcanvas_model::history::{History, MergeKey};

/// A canvas being edited.
#[derive(Debug, Clone, Default)]
pub struct Document {
    canvas: Canvas,
    path: Option<PathBuf>,
    /// The canvas as last saved or loaded; "dirty" means the canvas differs from it, so undoing
    /// back to the saved state clears the unsaved mark.
    saved: Canvas,
    history: History,
    /// Counts changes to the canvas since the document was made; never goes back.
    revision: u64,
    /// Tells documents apart, so what was worked out for one is never taken for another's.
    serial: u64,
    dirty: bool,
    /// The file on disk holds something else than a canvas (git's conflict markers taken up
    /// by merging the versions they hold): unsaved whatever the canvas, until saved.
    disk_differs: bool,
    /// What this session's new ids end in (see `fitcanvas_model::ids`): drawn at random for
    /// each document, so notes added here never take the id of a note someone else added to
    /// another copy of the file. Live co-editing uses the desktop's own suffix meanwhile.
    own_suffix: String,
}

impl Document {
    /// A new, blank, never-saved document.
    pub fn new() -> Document {
        Document::opened(Canvas::new(), None)
    }

    /// A document for a canvas just read from `path` (or from a bundled example, with no path).
    pub fn opened(canvas: Canvas, path: Option<PathBuf>) -> Document {
        Document {
            saved: canvas.clone(),
            ..Document::with_canvas(canvas, path)
        }
    }

    /// The canvas under `path`, with this session's id suffix; nothing saved yet.
    fn with_canvas(mut canvas: Canvas, path: Option<PathBuf>) -> Document {
        let own_suffix = fitcanvas_model::ids::random_suffix();
        canvas.set_id_suffix(&own_suffix);
        Document {
            canvas,
            path,
            serial: next_serial(),
            own_suffix,
            ..Document::default()
        }
    }

    /// A document restored from a recovery file: it starts with unsaved changes.
    pub fn recovered(canvas: Canvas, path: Option<PathBuf>) -> Document {
        let saved = match &path {
            Some(p) => fitcanvas_model::format::load_file(p).unwrap_or_default(),
            None => Canvas::new(),
        };
        let dirty = canvas != saved;
        Document {
            saved,
            dirty,
            ..Document::with_canvas(canvas, path)
        }
    }

    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Changes so far: anything derived from the canvas and kept is good while this is the same.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// This document and its revision: anything worked out from the canvas and kept under
    /// this key is good while the key is the same.
    pub fn version(&self) -> (u64, u64) {
        (self.serial, self.revision)
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

    /// Applies one edit of this person's and records it for undo. A refused or no-op edit
    /// leaves everything as it was. Edits with the same `key` in a row share one undo step.
    pub fn apply(&mut self, edit: Edit, key: Option<MergeKey>) -> Result<Applied, EditError> {
        let applied = self.history.apply(&mut self.canvas, edit, key)?;
        if applied.changed() {
            self.changed();
        }
        Ok(applied)
    }

    /// Applies an edit that came from someone else (a live peer): it changes the canvas like
    /// any edit but is not recorded for undo, so undo takes back only this person's own edits.
    /// A step of theirs that no longer applies after it is refused cleanly by the history.
    pub fn apply_remote(&mut self, edit: Edit) -> Result<Applied, EditError> {
        let applied = self.canvas.apply(edit)?;
        if applied.changed() {
            // Typing that goes on after a peer's edit starts a new undo step.
            self.history.break_merging();
            self.changed();
        }
        Ok(applied)
    }

    /// While live, new ids end in this desktop's suffix (see `fitcanvas_model::ids`).
    pub fn set_id_suffix(&mut self, suffix: &str) {
        self.canvas.set_id_suffix(suffix);
    }

    /// After a live session: new ids end in this document's own suffix again.
    pub fn use_own_id_suffix(&mut self) {
        self.canvas.set_id_suffix(&self.own_suffix);
    }

    /// Ends a run of typing, so the next edit starts a new undo step.
    pub fn break_merging(&mut self) {
        self.history.break_merging();
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Takes back the last step; `Ok(None)` when there is none.
    pub fn undo(&mut self) -> Result<Option<Applied>, EditError> {
        let applied = self.history.undo(&mut self.canvas)?;
        if applied.is_some() {
            self.changed();
        }
        Ok(applied)
    }

    /// Does the last undone step again; `Ok(None)` when there is none.
    pub fn redo(&mut self) -> Result<Option<Applied>, EditError> {
        let applied = self.history.redo(&mut self.canvas)?;
        if applied.is_some() {
            self.changed();
        }
        Ok(applied)
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = self.disk_differs || self.canvas != self.saved;
    }

    /// The canvas as last loaded or saved: what "unsaved changes" are measured against, and
    /// the base of a merge with a version changed elsewhere.
    pub fn base(&self) -> &Canvas {
        &self.saved
    }

    /// Takes `on_disk` as the file's content from now on (it changed outside the app): the
    /// canvas is unsaved while it differs from it.
    pub fn rebase(&mut self, on_disk: Canvas) {
        self.saved = on_disk;
        self.disk_differs = false;
        self.dirty = self.canvas != self.saved;
        self.revision += 1;
    }

    /// Takes `merged` as the base of later merges while the file on disk is not a canvas
    /// (it holds `merged`'s versions with git's conflict markers): the document stays unsaved
    /// until it is saved, so closing asks first and the markers are never left unseen.
    pub fn rebase_unsaved(&mut self, merged: Canvas) {
        self.saved = merged;
        self.disk_differs = true;
        self.dirty = true;
        self.revision += 1;
    }

    /// Records a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved = self.canvas.clone();
        self.disk_differs = false;
        self.dirty = false;
        self.history.break_merging();
    }
}

fn next_serial() -> u64 {
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::canvas::ItemId;
    use fitcanvas_model::section::Section;

    fn add(doc: &mut Document, section: Section, text: &str) -> ItemId {
        let id = doc.canvas().next_id(section);
        let index = doc.canvas().items(section).len();
        doc.apply(
            Edit::AddNote {
                section,
                index,
                id: id.clone(),
                text: text.into(),
            },
            None,
        )
        .unwrap();
        id
    }

    #[test]
    fn undo_takes_back_only_this_desktops_edits_while_a_peer_edits() {
        use fitcanvas_live::Replica;
        let mut doc = Document::new();
        let pain = add(&mut doc, Section::Pains, "Slow");
        let mut mine = Replica::share(doc.canvas(), 1);
        let mut peer = Replica::restore(2, &mine.state()).unwrap();
        let mut peer_canvas = peer.canvas();
        peer_canvas.set_id_suffix(&peer.id_suffix());
        doc.set_id_suffix(&mine.id_suffix());
        doc.break_merging();

        // This desktop edits the pain's text; the peer adds a gain and votes on the pain.
        let edit = Edit::SetText {
            id: pain.clone(),
            text: "Very slow".into(),
        };
        let applied = doc.apply(edit.clone(), None).unwrap();
        let update = mine.local(&edit, &applied, doc.canvas());
        peer.apply_update(&update).unwrap();
        for edit in peer.catch_up(&peer_canvas) {
            peer_canvas.apply(edit).unwrap();
        }
        let gain = peer_canvas.next_id(Section::Gains);
        let mut from_peer = Vec::new();
        for edit in [
            Edit::AddNote {
                section: Section::Gains,
                index: 0,
                id: gain.clone(),
                text: "Fast".into(),
            },
            Edit::AddVotes {
                id: pain.clone(),
                by: 2,
            },
        ] {
            let applied = peer_canvas.apply(edit.clone()).unwrap();
            from_peer.push(peer.local(&edit, &applied, &peer_canvas));
        }
        for update in from_peer {
            mine.apply_update(&update).unwrap();
        }
        for edit in mine.catch_up(doc.canvas()) {
            doc.apply_remote(edit).unwrap();
        }
        assert!(doc.canvas().item(&gain).is_some());

        doc.undo().unwrap();
        let canvas = doc.canvas();
        assert_eq!(canvas.item(&pain).unwrap().text(), "Slow");
        assert_eq!(canvas.item(&pain).unwrap().votes(), 2);
        assert!(
            canvas.item(&gain).is_some(),
            "undo took back the peer's note"
        );
    }

    #[test]
    fn each_document_gives_new_notes_ids_of_its_own_and_gets_them_back_after_live() {
        let mut file = Canvas::new();
        file.add_item(Section::Pains, "Slow");
        let mut mine = Document::opened(file.clone(), None);
        let mut theirs = Document::opened(file, None);
        let (a, b) = (
            add(&mut mine, Section::Pains, "Cold"),
            add(&mut theirs, Section::Pains, "Late"),
        );
        assert_ne!(a, b, "two copies of one file handed out the same id");
        assert!(a.as_str().starts_with("pain-2."), "{a}");
        let own = mine.canvas().id_suffix().to_owned();
        mine.set_id_suffix("live0001");
        assert!(
            add(&mut mine, Section::Gains, "Fast")
                .as_str()
                .ends_with(".live0001")
        );
        mine.use_own_id_suffix();
        assert_eq!(mine.canvas().id_suffix(), own);
    }

    #[test]
    fn an_undo_step_shares_every_note_the_edit_did_not_touch() {
        let mut canvas = Canvas::new();
        let ids: Vec<_> = (0..50)
            .map(|i| canvas.add_item(Section::Pains, format!("Pain {i}")))
            .collect();
        let before = canvas.clone();
        let mut doc = Document::opened(canvas, None);
        let edit = Edit::SetWeight {
            id: ids[7].clone(),
            weight: 5,
        };
        doc.apply(edit, None).unwrap();
        let (old, now) = (
            before.items(Section::Pains),
            doc.canvas().items(Section::Pains),
        );
        let shared = old
            .iter()
            .zip(now)
            .filter(|(a, b)| std::sync::Arc::ptr_eq(a, b))
            .count();
        // Only the edited note was copied: the saved copy and the open canvas share the rest.
        assert_eq!(shared, 49);
        assert!(doc.undo().unwrap().is_some());
        assert_eq!(doc.canvas().items(Section::Pains)[7].weight(), 3);
    }

    #[test]
    fn edits_undo_and_redo_and_track_dirty_and_the_revision() {
        let mut doc = Document::new();
        assert!(!doc.is_dirty());
        let id = add(&mut doc, Section::Pains, "Slow");
        assert!(doc.is_dirty());
        let edit = Edit::SetWeight {
            id: id.clone(),
            weight: 4,
        };
        doc.apply(edit, None).unwrap();
        assert_eq!(doc.revision(), 2);
        assert!(doc.undo().unwrap().is_some());
        assert_eq!(doc.canvas().item(&id).unwrap().weight(), 3);
        assert!(doc.undo().unwrap().is_some());
        assert!(!doc.is_dirty(), "back at the saved state");
        assert_eq!(
            doc.revision(),
            4,
            "undo is a change too: caches must look again"
        );
        assert!(doc.undo().unwrap().is_none());
        assert!(doc.redo().unwrap().is_some() && doc.redo().unwrap().is_some());
        assert_eq!(doc.canvas().item(&id).unwrap().weight(), 4);
        assert!(doc.redo().unwrap().is_none());
    }

    #[test]
    fn failures_and_no_ops_change_nothing() {
        let mut doc = Document::new();
        let id = add(&mut doc, Section::Jobs, "Order");
        assert!(doc.undo().unwrap().is_some());
        let revision = doc.revision();
        let bad = Edit::SetWeight {
            id: ItemId::new("nope").unwrap(),
            weight: 2,
        };
        assert!(doc.apply(bad, None).is_err());
        assert!(doc.can_redo(), "a failed edit keeps the redo history");
        assert_eq!(doc.revision(), revision);
        doc.redo().unwrap();
        let same = Edit::SetText {
            id,
            text: "Order".into(),
        };
        let revision = doc.revision();
        assert!(!doc.apply(same, None).unwrap().changed());
        assert_eq!(doc.revision(), revision);
        doc.mark_saved(PathBuf::from("/tmp/x.json"));
        assert!(!doc.is_dirty());
        assert_eq!(doc.display_name(), "x.json");
    }
}
