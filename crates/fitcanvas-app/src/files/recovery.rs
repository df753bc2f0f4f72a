//! Recovery files: while there are unsaved changes the canvas is written every few seconds, so
//! a crash loses at most those seconds. Each window has files of its own
//! (`recovery-<id>.json` with `recovery-<id>.origin`), and holds a lock on `recovery-<id>.lock`
//! for as long as it runs: two windows never share a file, and at start only files whose lock
//! nobody holds — left by a window that is gone — are offered for restoring. A clean save or an
//! explicit discard removes a window's files.
//!
//! While the canvas is shared live, the engine's state goes beside them too
//! (`recovery-<id>.live`, see `fitcanvas_live::kept`, and `recovery-<id>.livesession`, where the
//! session connects), so offline edits made before a crash merge once the window reconnects.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::format;

/// How long after a change the recovery file is written.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// The file an older build wrote, one for every window; still offered when found.
const LEGACY: &str = "recovery.json";

/// This window's recovery files.
#[derive(Debug)]
pub struct Recovery {
    dir: PathBuf,
    id: String,
    /// Held while the window runs; the lock goes with it, also when the process dies.
    lock: Option<File>,
}

/// What a window that is gone left behind.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub canvas: Canvas,
    /// The file that canvas was opened from or saved to, if any.
    pub path: Option<PathBuf>,
    /// Its live state (`.live` and `.livesession`), when it was shared live.
    pub live: Option<[PathBuf; 2]>,
    /// The files it was read from, removed once the user has answered.
    files: Vec<PathBuf>,
}

/// The live state kept beside the recovery canvas `canvas_file`: the engine's state and where
/// the session connects.
pub fn live_files(canvas_file: &Path) -> [PathBuf; 2] {
    [
        fitcanvas_live::kept::path_beside(canvas_file),
        canvas_file.with_extension("livesession"),
    ]
}

impl Recovery {
    /// This window's recovery files in `dir`, under a new id, locked as this window's.
    pub fn new(dir: impl Into<PathBuf>) -> Recovery {
        use std::sync::atomic::{AtomicU64, Ordering};
        static WINDOWS: AtomicU64 = AtomicU64::new(0);
        let dir = dir.into();
        let id = format!(
            "{}-{}",
            std::process::id(),
            WINDOWS.fetch_add(1, Ordering::Relaxed)
        );
        let mut recovery = Recovery {
            dir,
            id,
            lock: None,
        };
        recovery.lock = recovery.take_lock();
        recovery
    }

    fn take_lock(&self) -> Option<File> {
        fs::create_dir_all(&self.dir).ok()?;
        let file = File::create(self.file("lock")).ok()?;
        file.try_lock().ok()?;
        Some(file)
    }

    fn file(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("recovery-{}.{ext}", self.id))
    }

    /// Where this window's canvas is written.
    pub fn canvas_file(&self) -> PathBuf {
        self.file("json")
    }

    pub fn write(&self, canvas: &Canvas, origin: Option<&Path>) -> Result<(), String> {
        fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let origin = origin.map(|p| p.to_string_lossy().into_owned());
        format::write_atomically(&self.file("origin"), origin.unwrap_or_default().as_bytes())
            .map_err(|e| e.to_string())?;
        format::write_atomically(&self.canvas_file(), &format::to_vec(canvas))
            .map_err(|e| e.to_string())
    }

    /// Removes this window's canvas and origin files (nothing to recover any more), and its
    /// live state with them.
    pub fn discard(&self) {
        let _ = fs::remove_file(self.canvas_file());
        let _ = fs::remove_file(self.file("origin"));
        for file in live_files(&self.canvas_file()) {
            let _ = fs::remove_file(file);
        }
    }

    /// Recovery files left by windows that are gone: those whose lock nobody holds.
    pub fn orphans(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mine = self.canvas_file();
        let paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        // A window that died with nothing unsaved left only its lock file: tidy it away.
        for lock in paths
            .iter()
            .filter(|p| is_stale_lock(p, &self.file("lock")))
        {
            let _ = fs::remove_file(lock);
        }
        let mut found: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| *p != mine && is_recovery_canvas(p) && !owned_by_a_live_window(p))
            .collect();
        // Newest first: the last work is the one most likely wanted.
        found.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).and_then(|m| m.modified()).ok()));
        found
    }

    /// The newest canvas a window that is gone left, if there is one that loads.
    pub fn read(&self) -> Option<Recovered> {
        self.orphans().into_iter().find_map(|file| {
            let canvas = format::load_file(&file).ok()?;
            let origin = file.with_extension("origin");
            let legacy_origin = self.dir.join("recovery-origin.txt");
            let path = fs::read_to_string(&origin)
                .or_else(|_| fs::read_to_string(&legacy_origin))
                .ok()
                .filter(|s| !s.trim().is_empty())
                .map(PathBuf::from);
            let live = live_files(&file);
            let mut files = vec![file.clone(), origin, file.with_extension("lock")];
            files.extend(live.clone());
            Some(Recovered {
                canvas,
                path,
                live: live.iter().all(|f| f.exists()).then_some(live),
                files,
            })
        })
    }

    /// Removes what a window that is gone left, once the user has answered for it.
    pub fn forget(&self, recovered: &Recovered) {
        for file in &recovered.files {
            let _ = fs::remove_file(file);
        }
    }
}

impl Drop for Recovery {
    fn drop(&mut self) {
        // A window closing cleanly has nothing to recover: its lock file goes too. (A crash
        // leaves it, unlocked, beside the canvas it was protecting.)
        if self.lock.take().is_some() && !self.canvas_file().exists() {
            let _ = fs::remove_file(self.file("lock"));
        }
    }
}

/// A lock file no running window holds and no canvas file goes with.
fn is_stale_lock(path: &Path, mine: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("recovery-") && n.ends_with(".lock"));
    named
        && path != mine
        && !path.with_extension("json").exists()
        && !owned_by_a_live_window(&path.with_extension("json"))
}

fn is_recovery_canvas(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name == LEGACY || (name.starts_with("recovery-") && name.ends_with(".json"))
}

/// Does a running window hold the lock of this recovery file? A file without a lock file was
/// written by an older build, whose window is gone by the time anyone asks.
fn owned_by_a_live_window(canvas: &Path) -> bool {
    let Ok(lock) = File::open(canvas.with_extension("lock")) else {
        return false;
    };
    match lock.try_lock() {
        // Taken at once: nobody holds it. Dropping the file releases it again.
        Ok(()) => false,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fitcanvas_model::section::Section;

    fn canvas(text: &str) -> Canvas {
        let mut canvas = Canvas::new();
        canvas.add_item(Section::Gains, text);
        canvas
    }

    #[test]
    fn a_window_that_is_gone_leaves_its_canvas_for_the_next_until_answered() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        {
            let gone = Recovery::new(&data);
            gone.write(&canvas("Calm evenings"), Some(Path::new("/x/y.json")))
                .unwrap();
        }
        let next = Recovery::new(&data);
        let got = next.read().unwrap();
        assert_eq!(got.canvas, canvas("Calm evenings"));
        assert_eq!(got.path, Some(PathBuf::from("/x/y.json")));
        assert!(got.live.is_none(), "it was not live");
        next.forget(&got);
        assert!(next.read().is_none());
        assert!(fs::read_dir(&data).unwrap().next().unwrap().is_ok());
    }

    #[test]
    fn two_live_windows_have_two_files_and_neither_is_offered_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = Recovery::new(&data);
        let second = Recovery::new(&data);
        assert_ne!(first.canvas_file(), second.canvas_file());
        first.write(&canvas("First"), None).unwrap();
        second.write(&canvas("Second"), None).unwrap();
        // Both alive: a third window finds nothing to restore.
        let third = Recovery::new(&data);
        assert!(third.read().is_none());
        // One saving cleanly removes its own file only.
        first.discard();
        assert!(!first.canvas_file().exists() && second.canvas_file().exists());
        // Once the second is gone (a crash: its file stays), its work is offered.
        drop(second);
        assert_eq!(third.read().unwrap().canvas, canvas("Second"));
    }

    #[test]
    fn a_lock_left_by_a_window_that_died_with_nothing_unsaved_is_tidied_away() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join("recovery-999999-0.lock");
        fs::write(&stale, "").unwrap();
        let live = Recovery::new(dir.path());
        let other = Recovery::new(dir.path());
        assert!(live.read().is_none());
        assert!(!stale.exists(), "the dead window's lock is gone");
        assert!(other.file("lock").exists(), "a live window's lock stays");
    }

    #[test]
    fn live_state_beside_a_recovery_file_is_offered_with_it_and_goes_with_it() {
        let dir = tempfile::tempdir().unwrap();
        {
            let gone = Recovery::new(dir.path());
            gone.write(&canvas("Shared"), None).unwrap();
            for file in live_files(&gone.canvas_file()) {
                fs::write(file, "kept").unwrap();
            }
        }
        let next = Recovery::new(dir.path());
        let got = next.read().unwrap();
        let live = got.live.clone().unwrap();
        assert_eq!(live[0].extension().unwrap(), "live");
        next.forget(&got);
        assert!(live.iter().all(|f| !f.exists()));
        // A window's own live state goes when its recovery file is discarded.
        next.write(&canvas("Mine"), None).unwrap();
        let mine = live_files(&next.canvas_file());
        for file in &mine {
            fs::write(file, "kept").unwrap();
        }
        next.discard();
        assert!(mine.iter().all(|f| !f.exists()));
    }

    #[test]
    fn an_older_builds_single_file_is_still_offered() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LEGACY), format::to_vec(&canvas("Old"))).unwrap();
        let rec = Recovery::new(dir.path());
        let got = rec.read().unwrap();
        assert_eq!(got.canvas, canvas("Old"));
        rec.forget(&got);
        assert!(!dir.path().join(LEGACY).exists());
    }
}
