//! Copy, cut, paste and duplicate of notes, between this canvas and any other (another
//! window, or another Fitcanvas on the desktop) through the clipboard. What is copied is the
//! selected note with its weight, kind and status (see [`crate::note_copy`]); pasting adds
//! notes through one batch edit, so one Ctrl+Z takes a paste back. Text copied from elsewhere
//! pastes as one note per line into the selected note's area.

use crate::canvas::ItemId;
use crate::note_copy::CopiedNotes;

use super::{App, Command};

impl App {
    /// Puts the selected note on the clipboard; `cut` then deletes it (one undo step).
    pub(super) fn copy_selected(&mut self, cut: bool) {
        let Some(id) = self.selected_note().cloned() else {
            return;
        };
        let copied = CopiedNotes::of(self.doc.canvas(), std::slice::from_ref(&id));
        match self
            .services
            .clipboard
            .put(&copied.to_html(), &copied.plain_text())
        {
            Ok(()) => {
                self.status = if cut { "Cut 1 note" } else { "Copied 1 note" }.to_owned();
                if cut {
                    self.apply(&self.services.ctx.clone(), Command::Remove { id });
                }
            }
            Err(e) => self.status = format!("Could not use the clipboard: {e}"),
        }
    }

    /// Pastes what the clipboard holds: Fitcanvas notes if it holds the ones whose plain text
    /// was pasted, else each line of `text` as a note in area `into`, or the selected note's.
    pub(super) fn paste_text(&mut self, text: String, into: Option<crate::Section>) {
        let ours = self
            .services
            .clipboard
            .html()
            .and_then(|html| CopiedNotes::from_html(&html))
            .filter(|c| !c.is_empty() && same_text(&c.plain_text(), &text));
        match ours {
            Some(copied) => self.paste_notes(&copied, self.selected_note().cloned()),
            None => {
                let selected_area = self
                    .selected_note()
                    .and_then(|id| self.doc.canvas().section_of(id));
                let Some(section) = into.or(selected_area) else {
                    self.status =
                        "Select a note first: pasted text goes into that note's area".to_owned();
                    return;
                };
                let lines = text.lines().map(str::to_owned).collect();
                let ctx = self.services.ctx.clone();
                self.apply(&ctx, Command::Paste { section, lines });
            }
        }
    }

    /// A copy of the selected note right after it, leaving the clipboard as it is.
    pub(super) fn duplicate_selected(&mut self) {
        let Some(id) = self.selected_note().cloned() else {
            return;
        };
        let copied = CopiedNotes::of(self.doc.canvas(), std::slice::from_ref(&id));
        self.paste_notes(&copied, Some(id));
    }

    fn paste_notes(&mut self, copied: &CopiedNotes, after: Option<ItemId>) {
        let (edit, ids) = copied.paste_edits(self.doc.canvas(), after.as_ref());
        if self.edit(edit, None) {
            self.status = match ids.len() {
                1 => "Pasted 1 note".to_owned(),
                n => format!("Pasted {n} notes"),
            };
            self.view.selected = ids.last().cloned();
            self.view.scroll_to_selected = true;
        }
    }
}

/// Clipboards may turn line ends into CRLF and trim the end.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("\r\n", "\n").trim_end().to_owned();
    norm(a) == norm(b)
}
