//! Preferences kept between sessions (window size, theme, recent files, zoom), as JSON in the
//! platform's config folder. A missing or unreadable file means defaults, never an error.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::shell::theme::ThemeChoice;

/// How many recent files the File menu and start screen list.
pub const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub zoom: f32,
    /// The window's size when not maximized (a maximized window keeps the size it goes back
    /// to), in logical pixels.
    pub window: Option<[f32; 2]>,
    /// The window was maximized when last seen: the next start opens it maximized.
    pub maximized: bool,
    pub show_links: bool,
    /// Whether the inspector and fit panel are shown beside the canvas; hiding them gives a
    /// laptop screen's width to the canvas.
    pub show_side_panel: bool,
    /// The workshop timer's length, as last set.
    pub timer_minutes: f64,
    /// A short tone when the timer reaches its last minute, where the machine can play one.
    pub timer_tone: bool,
    /// File → Print… hands the canvas's PDF to this program (CUPS's `lp` unless set), with
    /// the PDF's path as its one argument.
    pub print_command: String,
    /// Live co-editing: the name and colour (`#rrggbb`) others see, as last given.
    pub live_name: String,
    pub live_colour: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: ThemeChoice::Light,
            recent: Vec::new(),
            zoom: 1.0,
            window: None,
            maximized: false,
            show_links: true,
            show_side_panel: true,
            timer_minutes: 5.0,
            timer_tone: true,
            print_command: "lp".to_owned(),
            live_name: String::new(),
            live_colour: String::new(),
        }
    }
}

impl Settings {
    pub fn file(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    pub fn load(dir: &Path) -> Settings {
        std::fs::read(Settings::file(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings; failing to is not worth interrupting anyone, so it is reported only.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        fitcanvas_model::format::write_atomically(&Settings::file(dir), &bytes)
            .map_err(|e| e.to_string())
    }

    /// Puts `path` first in the recent list.
    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_recent_files_stay_unique() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let mut s = Settings {
            theme: ThemeChoice::Dark,
            ..Settings::default()
        };
        s.add_recent(Path::new("/a.json"));
        s.add_recent(Path::new("/b.json"));
        s.add_recent(Path::new("/a.json"));
        assert_eq!(
            s.recent,
            [PathBuf::from("/a.json"), PathBuf::from("/b.json")]
        );
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
    }
}
