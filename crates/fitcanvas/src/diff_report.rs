//! `fitcanvas diff OLD NEW`: what changed between two versions of a canvas, for people (a
//! consultant reading what the client changed) or as one JSON object. People know notes by
//! what they say, so every note is named by its area and its text, never by its id alone;
//! moves within an area and each evidence entry's source and date are told too.

use std::io::Write;
use std::path::Path;

use fitcanvas_model::canvas::{Canvas, ItemId};
use fitcanvas_model::diff::{self, CanvasDiff, words};
use fitcanvas_model::evidence::{Interview, TestCard};
use fitcanvas_model::format;
use fitcanvas_model::section::Section;

use crate::cli::{EXIT_DIFFERENT, EXIT_OK, EXIT_TROUBLE};

/// Compares the files; exit status 0 the same, 1 they differ, 2 a file could not be read.
pub fn compare(
    old_path: &Path,
    new_path: &Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let (old, new) = match (format::load_file(old_path), format::load_file(new_path)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for e in [old.err(), new.err()].into_iter().flatten() {
                writeln!(err, "{e}")?;
            }
            return Ok(EXIT_TROUBLE);
        }
    };
    let d = diff::diff(&old, &new);
    if json {
        let line = serde_json::to_string(&d.to_json()).map_err(std::io::Error::other)?;
        writeln!(out, "{line}")?;
    } else {
        write_diff(&d, &old, &new, out)?;
    }
    Ok(if d.is_empty() {
        EXIT_OK
    } else {
        EXIT_DIFFERENT
    })
}

/// A note as people know it: its area and its text ("Pains: \"Late fees\""), with its id only
/// where another note of that area in `canvas` says the same.
fn name(canvas: &Canvas, section: Section, id: &ItemId, text: &str) -> String {
    let said = if text.trim().is_empty() {
        "(a note without text)".to_owned()
    } else {
        format!("{text:?}")
    };
    let twins = canvas
        .items(section)
        .iter()
        .filter(|i| i.text() == text)
        .count();
    if twins > 1 {
        format!("{}: {said} ({id})", section.title())
    } else {
        format!("{}: {said}", section.title())
    }
}

/// The diff for people: one block per kind of change.
fn write_diff(
    d: &CanvasDiff,
    old: &Canvas,
    new: &Canvas,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if d.is_empty() {
        writeln!(out, "No differences.")?;
    }
    if let Some(c) = &d.title {
        writeln!(out, "Title: {:?} -> {:?}", c.before, c.after)?;
    }
    if let Some(c) = &d.customer {
        writeln!(out, "Customer: {:?} -> {:?}", c.before, c.after)?;
    }
    let describe = |canvas: &Canvas, n: &diff::NoteSnapshot| {
        let mut extra = Vec::new();
        if let Some(w) = n.weight {
            extra.push(format!("weight {w}"));
        }
        if let Some(k) = n.kind {
            extra.push(k.label().to_lowercase());
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" ({})", extra.join(", "))
        };
        format!("{}{extra}", name(canvas, n.section, &n.id, &n.text))
    };
    if !d.added.is_empty() {
        writeln!(out, "Added notes ({}):", d.added.len())?;
        for n in &d.added {
            writeln!(out, "  + {}", describe(new, n))?;
        }
    }
    if !d.removed.is_empty() {
        writeln!(out, "Removed notes ({}):", d.removed.len())?;
        for n in &d.removed {
            writeln!(out, "  - {}", describe(old, n))?;
        }
    }
    if !d.changed.is_empty() {
        writeln!(out, "Changed notes ({}):", d.changed.len())?;
        for e in &d.changed {
            writeln!(out, "  ~ {}", name(new, e.section, &e.id, &e.name))?;
            write_note_edit(e, new, out)?;
        }
    }
    // A link's ends are named from whichever canvas still has the note.
    let end = |id: &ItemId| match new.item_in_section(id.as_str()) {
        Some((s, i)) => name(new, s, id, i.text()),
        None => old
            .item_in_section(id.as_str())
            .map_or_else(|| id.to_string(), |(s, i)| name(old, s, id, i.text())),
    };
    for (label, sign, list) in [
        ("Links added", '+', &d.links_added),
        ("Links removed", '-', &d.links_removed),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "{label} ({}):", list.len())?;
        for l in list {
            writeln!(out, "  {sign} {} -> {}", end(&l.from), end(&l.to))?;
        }
    }
    write_log_diff(d, new, out)?;
    let pct = |f: Option<f64>| f.map_or("undefined".to_owned(), |f| format!("{f:.0}%"));
    match (d.fit_before, d.fit_after) {
        (Some(a), Some(b)) if (a - b).abs() >= 0.5 => writeln!(
            out,
            "Fit: {} -> {} ({:+.0})",
            pct(d.fit_before),
            pct(d.fit_after),
            b - a
        )?,
        (a, b) if a == b => writeln!(out, "Fit: {} (unchanged)", pct(a))?,
        _ => writeln!(out, "Fit: {} -> {}", pct(d.fit_before), pct(d.fit_after))?,
    }
    Ok(())
}

/// The lines under a changed note: each thing about it that changed.
fn write_note_edit(e: &diff::NoteEdit, new: &Canvas, out: &mut dyn Write) -> std::io::Result<()> {
    if let Some(c) = &e.section_change {
        writeln!(
            out,
            "      moved from {} to {}",
            c.before.title(),
            c.after.title()
        )?;
    }
    if let Some(c) = &e.place {
        let of = new.items(e.section).len();
        writeln!(out, "      {}", words::place(c, of))?;
    }
    if let Some(c) = &e.text {
        writeln!(out, "      text: {:?} -> {:?}", c.before, c.after)?;
    }
    if let Some(c) = &e.weight {
        let w = |w: Option<u8>| w.map_or("none".to_owned(), |w| w.to_string());
        writeln!(out, "      weight: {} -> {}", w(c.before), w(c.after))?;
    }
    if let Some(c) = &e.kind {
        let k = |k: Option<fitcanvas_model::section::Kind>| k.map_or("none", |k| k.key());
        writeln!(out, "      kind: {} -> {}", k(c.before), k(c.after))?;
    }
    if let Some(c) = &e.status {
        writeln!(out, "      status: {} -> {}", c.before.key(), c.after.key())?;
    }
    if let Some(c) = &e.votes {
        writeln!(out, "      votes: {} -> {}", c.before, c.after)?;
    }
    for (sign, entries) in [('+', &e.evidence_added), ('-', &e.evidence_removed)] {
        for entry in entries {
            writeln!(
                out,
                "      evidence {sign} {}: {:?}",
                words::evidence(entry),
                entry.quote
            )?;
        }
    }
    Ok(())
}

/// Interviews and test cards added, removed and changed, for people: an interview by its date
/// and person, a test card by its hypothesis.
fn write_log_diff(d: &CanvasDiff, new: &Canvas, out: &mut dyn Write) -> std::io::Result<()> {
    let interview = |i: &Interview| {
        let date = i.date.as_ref().map_or("undated", |d| d.as_str());
        format!("{date} {:?}", i.person)
    };
    write_lists(
        out,
        [
            ("Interviews added", '+', &d.interviews_added),
            ("Interviews removed", '-', &d.interviews_removed),
        ],
        interview,
    )?;
    if !d.interviews_changed.is_empty() {
        writeln!(out, "Interviews changed ({}):", d.interviews_changed.len())?;
        for id in &d.interviews_changed {
            let said = new
                .interview(id.as_str())
                .map_or_else(|| id.to_string(), interview);
            writeln!(out, "  ~ {said}")?;
        }
    }
    let card = |t: &TestCard| format!("{:?} ({})", t.hypothesis, t.state.key());
    write_lists(
        out,
        [
            ("Test cards added", '+', &d.tests_added),
            ("Test cards removed", '-', &d.tests_removed),
        ],
        card,
    )?;
    if !d.tests_changed.is_empty() {
        writeln!(out, "Test cards changed ({}):", d.tests_changed.len())?;
        for t in &d.tests_changed {
            let hypothesis = new
                .test(t.id.as_str())
                .map_or_else(|| t.id.to_string(), |c| format!("{:?}", c.hypothesis));
            match &t.state {
                Some(c) => writeln!(
                    out,
                    "  ~ {hypothesis}  state: {} -> {}",
                    c.before.key(),
                    c.after.key()
                )?,
                None => writeln!(out, "  ~ {hypothesis}")?,
            }
        }
    }
    Ok(())
}

/// Lists under their headings ("Interviews added (2):"), a line each, the empty ones left out.
fn write_lists<T>(
    out: &mut dyn Write,
    lists: [(&str, char, &Vec<T>); 2],
    describe: impl Fn(&T) -> String,
) -> std::io::Result<()> {
    for (label, sign, list) in lists {
        if !list.is_empty() {
            writeln!(out, "{label} ({}):", list.len())?;
            for item in list {
                writeln!(out, "  {sign} {}", describe(item))?;
            }
        }
    }
    Ok(())
}
