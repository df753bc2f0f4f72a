//! Copy, cut, paste and duplicate of notes, between this canvas and any other (another
//! window, or another Fitcanvas on the desktop) through the clipboard. What is copied is the
//! selected note with its weight, kind and status (see [`fitcanvas_model::note_copy`]); pasting adds
//! notes through one batch edit, so one Ctrl+Z takes a paste back. Text copied from elsewhere
//! pastes as one note per line into the selected note's area. "Paste into" on an area's
//! empty space puts everything into that area, whatever is selected.

use fitcanvas_model::canvas::ItemId;
use fitcanvas_model::note_copy::CopiedNotes;

use crate::{App, Command};

impl App {
    /// Puts the selected notes on the clipboard; `cut` then deletes them (one undo step).
    pub(crate) fn copy_selected(&mut self, cut: bool) {
        let ids = self.selection();
        if ids.is_empty() {
            return;
        }
        let copied = CopiedNotes::of(self.doc.canvas(), &ids);
        match self
            .services
            .clipboard
            .put(&copied.to_html(), &copied.plain_text())
        {
            Ok(()) => {
                let what = match ids.len() {
                    1 => "1 note".to_owned(),
                    n => format!("{n} notes"),
                };
                self.status = format!("{} {what}", if cut { "Cut" } else { "Copied" });
                if cut {
                    let edits = ids
                        .into_iter()
                        .map(|id| fitcanvas_model::edit::Edit::RemoveNote { id })
                        .collect();
                    if self.edit(fitcanvas_model::edit::Edit::Batch { edits }, None) {
                        self.view.selected = None;
                        self.view.also_selected.clear();
                    }
                }
            }
            Err(e) => self.status = format!("Could not use the clipboard: {e}"),
        }
    }

    /// Pastes what the clipboard holds: Fitcanvas notes if it holds the ones whose plain text
    /// was pasted, else each line of `text` as a note in area `into`, or the selected note's.
    pub(crate) fn paste_text(&mut self, text: String, into: Option<fitcanvas_model::Section>) {
        let ours = self
            .services
            .clipboard
            .html()
            .and_then(|html| CopiedNotes::from_html(&html))
            .filter(|c| !c.is_empty() && same_text(&c.plain_text(), &text));
        match ours {
            // Into the area the menu was opened on, at its end; with Ctrl+V, beside the
            // selected note and each other note into its own area.
            Some(copied) => match into {
                Some(section) => self.paste_notes(&copied, Some(section), None),
                None => self.paste_notes(&copied, None, self.selected_note().cloned()),
            },
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

    /// Copies of the selected notes (links among them kept), right after the selected one in
    /// its area, leaving the clipboard as it is.
    pub(crate) fn duplicate_selected(&mut self) {
        let ids = self.selection();
        let Some(first) = ids.first().cloned() else {
            return;
        };
        let copied = CopiedNotes::of(self.doc.canvas(), &ids);
        self.paste_notes(&copied, None, Some(first));
    }

    fn paste_notes(
        &mut self,
        copied: &CopiedNotes,
        into: Option<fitcanvas_model::Section>,
        after: Option<ItemId>,
    ) {
        let (edit, ids) = copied.paste_edits(self.doc.canvas(), into, after.as_ref());
        if self.edit(edit, None) {
            self.status = match ids.len() {
                1 => "Pasted 1 note".to_owned(),
                n => format!("Pasted {n} notes"),
            };
            // What was pasted is the selection, so it can be moved or copied on at once.
            self.view.selected = ids.first().cloned();
            self.view.also_selected = ids.iter().skip(1).cloned().collect();
            self.view.scroll_to_selected = true;
        }
    }
}

/// Clipboards may turn line ends into CRLF and trim the end.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replace("\r\n", "\n").trim_end().to_owned();
    norm(a) == norm(b)
}
