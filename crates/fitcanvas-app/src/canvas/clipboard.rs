//! The system clipboard for notes. egui's own clipboard holds only plain text, so notes copied
//! here are put there as HTML carrying the notes (see [`fitcanvas_model::note_copy`]) with plain text
//! beside it, through `arboard` (the crate egui's window layer uses too). Pasting reads the
//! HTML back; when it is not ours, or not what was just pasted, the pasted text is used.
//! Tests and the benchmark use [`MemoryClipboard`], which two windows can share.

use std::sync::{Arc, Mutex};

/// Where copied notes go.
pub trait NoteClipboard {
    /// Puts HTML with a plain-text alternative on the clipboard.
    fn put(&mut self, html: &str, text: &str) -> Result<(), String>;
    /// The clipboard's HTML, if it has any.
    fn html(&mut self) -> Option<String>;
    /// The clipboard's plain text, if it has any.
    fn text(&mut self) -> Option<String>;
}

/// The desktop's clipboard. Opened on first use: a machine without one (a headless CI box)
/// gets a clear message when copying, never a failure at start.
#[derive(Default)]
pub struct SystemClipboard {
    board: Option<arboard::Clipboard>,
}

impl SystemClipboard {
    fn board(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.board.is_none() {
            self.board = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        self.board.as_mut().ok_or_else(|| "no clipboard".to_owned())
    }
}

impl NoteClipboard for SystemClipboard {
    fn put(&mut self, html: &str, text: &str) -> Result<(), String> {
        self.board()?
            .set()
            .html(html, Some(text))
            .map_err(|e| e.to_string())
    }

    fn html(&mut self) -> Option<String> {
        self.board().ok()?.get().html().ok()
    }

    fn text(&mut self) -> Option<String> {
        self.board().ok()?.get_text().ok()
    }
}

/// A clipboard in memory, shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct MemoryClipboard {
    pub content: Arc<Mutex<Option<(String, String)>>>,
}

impl MemoryClipboard {
    /// The plain text on it, as a paste would bring it.
    pub fn text(&self) -> Option<String> {
        self.content.lock().ok()?.as_ref().map(|(_, t)| t.clone())
    }
}

impl NoteClipboard for MemoryClipboard {
    fn put(&mut self, html: &str, text: &str) -> Result<(), String> {
        let mut content = self.content.lock().map_err(|e| e.to_string())?;
        *content = Some((html.to_owned(), text.to_owned()));
        Ok(())
    }

    fn html(&mut self) -> Option<String> {
        self.content.lock().ok()?.as_ref().map(|(h, _)| h.clone())
    }

    fn text(&mut self) -> Option<String> {
        MemoryClipboard::text(self)
    }
}
