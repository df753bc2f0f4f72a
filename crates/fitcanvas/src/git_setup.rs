//! `fitcanvas git-setup`: teaches the git repository around the current folder about canvases.
//! Its own config (`git config --local`, never the user's global one) gets a merge driver that
//! runs `fitcanvas merge %O %A %B` and a diff driver whose textconv is `fitcanvas show`, and
//! `.gitattributes` at the top of the work tree gets a line per pattern selecting both. Running
//! it again changes nothing: config values are set, not added, and a line already in
//! `.gitattributes` is not added twice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The driver name used in `.gitattributes` and the config keys.
pub const DRIVER: &str = "fitcanvas";
/// The program name the drivers run; git finds it on `PATH`.
const PROGRAM: &str = "fitcanvas";

/// The config entries, as `git config` keys and values.
pub fn config_entries() -> [(String, String); 3] {
    [
        (
            format!("merge.{DRIVER}.name"),
            "Fitcanvas three-way merge of canvases".to_owned(),
        ),
        (
            format!("merge.{DRIVER}.driver"),
            format!("{PROGRAM} merge %O %A %B"),
        ),
        (format!("diff.{DRIVER}.textconv"), format!("{PROGRAM} show")),
    ]
}

/// The `.gitattributes` line for one pattern.
pub fn attributes_line(pattern: &str) -> String {
    format!("{pattern} merge={DRIVER} diff={DRIVER}")
}

/// Runs the setup in the current folder's repository. Exit status 0 done, 1 not.
pub fn run(patterns: &[String], out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(top) => PathBuf::from(top.trim_end_matches(['\n', '\r'])),
        Err(e) => {
            writeln!(
                err,
                "git-setup must run inside a git repository work tree: {e}"
            )?;
            return Ok(1);
        }
    };
    for (key, value) in config_entries() {
        if let Err(e) = git(&["config", "--local", &key, &value]) {
            writeln!(err, "could not set {key}: {e}")?;
            return Ok(1);
        }
        writeln!(out, "git config {key} \"{value}\"")?;
    }
    let attributes = top.join(".gitattributes");
    match add_lines(&attributes, patterns) {
        Ok(added) if added.is_empty() => {
            writeln!(out, "{} already has the lines", attributes.display())?
        }
        Ok(added) => {
            for line in added {
                writeln!(out, "added to {}: {line}", attributes.display())?;
            }
        }
        Err(e) => {
            writeln!(err, "could not update {}: {e}", attributes.display())?;
            return Ok(1);
        }
    }
    if !on_path(PROGRAM) {
        writeln!(
            err,
            "note: git runs `{PROGRAM}` from PATH, and none is there; install it (cargo install --path .) or add its folder to PATH"
        )?;
    }
    Ok(0)
}

/// Appends the line for each pattern that the file does not already have. Returns those added.
fn add_lines(path: &Path, patterns: &[String]) -> Result<Vec<String>, String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e.to_string()),
    };
    // Whitespace between a pattern and its attributes does not matter to git.
    let normalise = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let have: Vec<String> = existing.lines().map(normalise).collect();
    let mut added = Vec::new();
    for pattern in patterns {
        let line = attributes_line(pattern);
        if !have.contains(&normalise(&line)) && !added.contains(&line) {
            added.push(line);
        }
    }
    if added.is_empty() {
        return Ok(added);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &added {
        text.push_str(line);
        text.push('\n');
    }
    fitcanvas_model::format::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(added)
}

/// Runs git with `args` in the current folder and returns what it printed.
fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(program);
            candidate.is_file() || candidate.with_extension("exe").is_file()
        })
    })
}
