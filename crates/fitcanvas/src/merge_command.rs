//! `fitcanvas merge BASE OURS THEIRS`: the three-way merge of canvas files, by hand or as git's
//! merge driver. It reads all three inputs before writing anything, so an unreadable input
//! leaves every file as it was.
//!
//! As git's driver (`--git-path %P`), whatever it does must leave git something true: the
//! messages name the real file rather than git's `.merge_file_XXXXXX` copies, and when the
//! three versions are not all canvases (a `package.json` a broad pattern sent here, a canvas
//! committed with conflict markers) or the result cannot be written, the versions are merged
//! line by line by `git merge-file`, exactly as git would have merged them without a driver —
//! never left as ours alone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::format::{self, FileError};

use crate::cli::{EXIT_CONFLICTS, EXIT_OK, EXIT_TROUBLE};

/// The files of one merge.
pub struct Files<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    /// Where the result goes: OURS unless `-o` named another file.
    pub target: &'a Path,
    /// Run by git for the file at this path (git's `%P`).
    pub git_path: Option<&'a Path>,
}

impl Files<'_> {
    /// What messages call `which` input: its own path, or as git's driver, the real file's
    /// name and the side.
    fn label(&self, which: &str, path: &Path) -> PathBuf {
        match self.git_path {
            Some(real) => PathBuf::from(format!("{} ({which})", real.display())),
            None => path.to_path_buf(),
        }
    }

    /// The name of the result in messages.
    fn name(&self) -> &Path {
        self.git_path.unwrap_or(self.target)
    }

    fn load(&self, which: &str, path: &Path) -> Result<Canvas, FileError> {
        format::load_file(path).map_err(|e| e.error.in_file(&self.label(which, path)))
    }
}

/// Merges the three files. Exit status: 0 merged cleanly, 1 conflicts recorded (or, as git's
/// driver, left as conflict markers), 2 nothing could be written.
pub fn run(files: &Files<'_>, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    // git hands the driver an empty ancestor when both sides added the file.
    let base = match format::read_limited(files.base) {
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(Canvas::new()),
        Ok(bytes) => {
            format::from_slice(&bytes).map_err(|e| e.in_file(&files.label("base", files.base)))
        }
        Err(e) => Err(e.in_file(&files.label("base", files.base))),
    };
    let (ours, theirs) = (
        files.load("ours", files.ours),
        files.load("theirs", files.theirs),
    );
    let (base, ours, theirs) = match (base, ours, theirs) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            let errors = [b.err(), o.err(), t.err()];
            if files.git_path.is_some() {
                for e in errors.into_iter().flatten() {
                    writeln!(err, "{e}")?;
                }
                writeln!(
                    err,
                    "{}: not a canvas on every side, so it is merged line by line as git would",
                    files.name().display()
                )?;
                return line_merge(files, err);
            }
            for e in errors.into_iter().flatten() {
                writeln!(err, "{e}")?;
            }
            writeln!(err, "nothing was written")?;
            return Ok(EXIT_TROUBLE);
        }
    };
    let merged = fitcanvas_model::merge::merge(&base, &ours, &theirs);
    if let Err(e) = format::save_file(files.target, &merged) {
        writeln!(err, "{}: {e}", files.name().display())?;
        if files.git_path.is_some() {
            return line_merge(files, err);
        }
        return Ok(EXIT_TROUBLE);
    }
    let conflicts = merged.conflicts();
    if conflicts.is_empty() {
        writeln!(out, "merged cleanly into {}", files.name().display())?;
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "{}: {} conflict{} recorded (open it in Fitcanvas to settle them):",
        files.name().display(),
        conflicts.len(),
        if conflicts.len() == 1 { "" } else { "s" }
    )?;
    for conflict in conflicts {
        writeln!(out, "  {}", fitcanvas_model::text_view::describe(conflict))?;
    }
    Ok(EXIT_CONFLICTS)
}

/// git's own line merge of the three files into the target: 0 merged cleanly, 1 conflicts
/// (left as markers), 2 it could not run.
fn line_merge(files: &Files<'_>, err: &mut dyn Write) -> std::io::Result<u8> {
    let mut git = Command::new("git");
    git.args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"]);
    let to_target = files.target != files.ours;
    if to_target {
        git.arg("-p");
    }
    let run = git
        .arg(files.ours)
        .arg(files.base)
        .arg(files.theirs)
        .output();
    let output = match run {
        Ok(output) => output,
        Err(e) => {
            writeln!(
                err,
                "{}: could not run git merge-file: {}",
                files.name().display(),
                format::plain(&e)
            )?;
            return Ok(EXIT_TROUBLE);
        }
    };
    err.write_all(&output.stderr)?;
    // git merge-file exits with the number of conflicts, or a negative number (255) if it
    // could not merge at all.
    let status = match output.status.code() {
        Some(0) => EXIT_OK,
        Some(1..=127) => EXIT_CONFLICTS,
        _ => return Ok(EXIT_TROUBLE),
    };
    if to_target && let Err(e) = format::write_atomically(files.target, &output.stdout) {
        writeln!(err, "{e}")?;
        return Ok(EXIT_TROUBLE);
    }
    Ok(status)
}
