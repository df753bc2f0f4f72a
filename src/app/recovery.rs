//! The recovery file: while there are unsaved changes the canvas is written here every few
//! seconds, so a crash loses at most those seconds. A clean save or an explicit discard
//! removes it; finding it at start means the last session ended without either.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::canvas::Canvas;
use crate::format;

/// How long after a change the recovery file is written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// Where the recovery file lives.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
}

/// What a previous session left behind.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub canvas: Canvas,
    /// The file that canvas was opened from or saved to, if any.
    pub path: Option<PathBuf>,
}

impl Recovery {
    pub fn new(dir: impl Into<PathBuf>) -> Recovery {
        Recovery { dir: dir.into() }
    }

    pub fn canvas_file(&self) -> PathBuf {
        self.dir.join("recovery.json")
    }

    fn origin_file(&self) -> PathBuf {
        self.dir.join("recovery-origin.txt")
    }

    pub fn write(&self, canvas: &Canvas, origin: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let origin = origin.map(|p| p.to_string_lossy().into_owned());
        format::write_atomically(&self.origin_file(), origin.unwrap_or_default().as_bytes())
            .map_err(|e| e.to_string())?;
        format::write_atomically(&self.canvas_file(), &format::to_vec(canvas))
            .map_err(|e| e.to_string())
    }

    pub fn exists(&self) -> bool {
        self.canvas_file().is_file()
    }

    /// The canvas a previous session left, if there is one that loads.
    pub fn read(&self) -> Option<Recovered> {
        let canvas = format::load_file(&self.canvas_file()).ok()?;
        let path = std::fs::read_to_string(self.origin_file())
            .ok()
            .filter(|s| !s.trim().is_empty())
            .map(PathBuf::from);
        Some(Recovered { canvas, path })
    }

    pub fn discard(&self) {
        let _ = std::fs::remove_file(self.canvas_file());
        let _ = std::fs::remove_file(self.origin_file());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::section::Section;

    #[test]
    fn written_canvas_is_read_back_until_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let rec = Recovery::new(dir.path().join("data"));
        assert!(rec.read().is_none());
        let mut canvas = Canvas::new();
        canvas.add_item(Section::Gains, "Calm evenings");
        rec.write(&canvas, Some(Path::new("/x/y.json"))).unwrap();
        let got = rec.read().unwrap();
        assert_eq!(got.canvas, canvas);
        assert_eq!(got.path, Some(PathBuf::from("/x/y.json")));
        rec.discard();
        assert!(!rec.exists() && rec.read().is_none());
    }
}
