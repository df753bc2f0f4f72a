//! `fitcanvas git-setup`: teaches the git repository around the current folder about canvases,
//! so that it can never lose anyone's work:
//! - its own config (`git config --local`, never the user's global one) gets a merge driver
//!   and a diff driver (textconv `fitcanvas show`) that run this very program by its absolute
//!   path, so git finds it whatever `PATH` holds when it merges. Should that file be gone by
//!   then, the driver says so and merges line by line with `git merge-file`, leaving git's
//!   conflict markers and the file marked conflicted: never ours alone, silently;
//! - `.gitattributes` at the top of the work tree gets a line per pattern selecting both. By
//!   default the patterns cover canvases only: `*.fitcanvas.json` (the ending new canvases get)
//!   and each canvas already in the work tree by its path, never every JSON file.
//!
//! Running it again changes nothing: config values are set, not added, and a line already in
//! `.gitattributes` is not added twice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The driver name used in `.gitattributes` and the config keys.
pub const DRIVER: &str = "fitcanvas";
/// The ending of new canvases' file names, always covered.
pub const CANVAS_PATTERN: &str = "*.fitcanvas.json";

/// `text` as one word for `sh`: in single quotes, a single quote written `'\''`.
pub fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The config entries, as `git config` keys and values, for the program at `program`.
///
/// The merge driver is a line of `sh` (git runs it through the shell, `%P` already quoted):
/// it runs the program if it is still there, and otherwise says so and leaves git's own line
/// merge, conflict markers included, failing so that git marks the file conflicted.
pub fn config_entries(program: &Path) -> [(String, String); 3] {
    let program = sh_quote(&program.to_string_lossy());
    let driver = format!(
        "f={program}; if [ -x \"$f\" ]; then exec \"$f\" merge --git-path %P %O %A %B; fi; \
         echo \"fitcanvas: $f is gone, so \"%P\" was merged line by line by git merge-file: \
         settle its conflict markers (or open it in Fitcanvas), and run fitcanvas git-setup \
         again\" >&2; git merge-file -L ours -L base -L theirs %A %O %B; exit 1"
    );
    [
        (
            format!("merge.{DRIVER}.name"),
            "Fitcanvas three-way merge of canvases".to_owned(),
        ),
        (format!("merge.{DRIVER}.driver"), driver),
        (format!("diff.{DRIVER}.textconv"), format!("{program} show")),
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
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(e) => {
            writeln!(
                err,
                "could not tell where this program is, which git must run: {}",
                fitcanvas_model::format::plain(&e)
            )?;
            return Ok(1);
        }
    };
    for (key, value) in config_entries(&program) {
        if let Err(e) = git(&["config", "--local", &key, &value]) {
            writeln!(err, "could not set {key}: {e}")?;
            return Ok(1);
        }
    }
    writeln!(
        out,
        "git merges and diffs canvases with {} (this program, by its full path)",
        program.display()
    )?;
    let patterns = if patterns.is_empty() {
        let mut found = vec![CANVAS_PATTERN.to_owned()];
        found.extend(canvases_in(&top).iter().map(|p| path_pattern(p)));
        found
    } else {
        patterns.to_vec()
    };
    let attributes = top.join(".gitattributes");
    match add_lines(&attributes, &patterns) {
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
    writeln!(
        out,
        "other JSON files merge as git merges them; a canvas named otherwise than \
         {CANVAS_PATTERN} added later needs git-setup again (or its pattern given)"
    )?;
    Ok(0)
}

/// The JSON files in the work tree (tracked, or new and not ignored) that are canvases and do
/// not end in `.fitcanvas.json`, relative to the top, in order.
fn canvases_in(top: &Path) -> Vec<String> {
    let Ok(listed) = git(&[
        "-C",
        &top.to_string_lossy(),
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
    ]) else {
        return Vec::new();
    };
    let mut found: Vec<String> = listed
        .split('\0')
        .filter(|p| p.ends_with(".json") && !p.ends_with(".fitcanvas.json"))
        .filter(|p| is_canvas(&top.join(p)))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Whether the file says it is a canvas: `"format": "fitcanvas"` at its top, or (a canvas
/// git left with conflict markers, which is not JSON) that line in its text.
fn is_canvas(path: &Path) -> bool {
    let Ok(bytes) = fitcanvas_model::format::read_limited(path) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(value) => value.get("format").and_then(|f| f.as_str()) == Some("fitcanvas"),
        Err(_) => String::from_utf8_lossy(&bytes).contains("\"format\": \"fitcanvas\""),
    }
}

/// A `.gitattributes` pattern matching exactly this path from the top: anchored with `/`, its
/// wildcard characters escaped, and in C-style quotes if it holds a space or a quote.
fn path_pattern(path: &str) -> String {
    let mut escaped = String::with_capacity(path.len() + 1);
    escaped.push('/');
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    if escaped.contains([' ', '\t', '"']) {
        format!("\"{}\"", escaped.replace('\\', r"\\").replace('"', "\\\""))
    } else {
        escaped
    }
}

/// Appends the line for each pattern that the file does not already have. Returns those added.
fn add_lines(path: &Path, patterns: &[String]) -> Result<Vec<String>, String> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(fitcanvas_model::format::plain(&e)),
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
        .map_err(|e| format!("could not run git: {}", fitcanvas_model::format::plain(&e)))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_and_attribute_patterns_are_quoted() {
        assert_eq!(
            sh_quote("/opt/fit canvas/it's"),
            r"'/opt/fit canvas/it'\''s'"
        );
        assert_eq!(path_pattern("plans/a.json"), "/plans/a.json");
        assert_eq!(path_pattern("plans/[v2]*.json"), r"/plans/\[v2]\*.json");
        assert_eq!(path_pattern("my plans/a.json"), "\"/my plans/a.json\"");
    }
}
