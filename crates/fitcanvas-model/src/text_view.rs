//! A canvas as plain text for line-based tools: a line per note (id, weight and kind or links,
//! status, votes, text) with its evidence indented below, then the interview log, the test
//! cards and any merge conflicts. `fitcanvas show` prints it, and git's diff driver (textconv)
//! diffs it, so `git diff` and `git log -p` of a canvas read as a list of notes that changed
//! rather than as JSON. Every text stays on its line (newlines shown as `\n`), so a change to a
//! note is a change to its line.

use std::fmt::Write;

use serde_json::{Map, Value};

use crate::canvas::Canvas;
use crate::conflict::Conflict;
use crate::evidence::Status;
use crate::section::Section;

/// The whole canvas as text, ending in a newline.
pub fn render(canvas: &Canvas) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_canvas(canvas, &mut out);
    out
}

fn one_line(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn write_extra(out: &mut String, indent: &str, extra: &Map<String, Value>) -> std::fmt::Result {
    for (key, value) in extra {
        writeln!(out, "{indent}{}: {value}", one_line(key))?;
    }
    Ok(())
}

fn write_canvas(c: &Canvas, out: &mut String) -> std::fmt::Result {
    writeln!(out, "Title: {}", one_line(c.title()))?;
    writeln!(out, "Customer: {}", one_line(c.customer()))?;
    if !c.notes().is_empty() {
        writeln!(out, "Notes: {}", one_line(c.notes()))?;
    }
    let report = crate::fit::score(c);
    match report.fit {
        Some(fit) => writeln!(out, "Fit: {fit:.0}%")?,
        None => writeln!(out, "Fit: undefined (no customer notes)")?,
    }
    write_extra(out, "", c.extra_fields())?;
    for section in Section::ALL {
        writeln!(out, "\n{} ({})", section.title(), c.items(section).len())?;
        for item in c.items(section) {
            let mut tags = Vec::new();
            if section.is_customer() {
                tags.push(format!("weight {}", item.weight()));
                if let Some(kind) = item.kind() {
                    tags.push(kind.key().to_owned());
                }
            }
            if item.status() != Status::Assumption {
                tags.push(item.status().key().to_owned());
            }
            if item.votes() > 0 {
                tags.push(format!("{} votes", item.votes()));
            }
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", tags.join(", "))
            };
            let links = if item.addresses().is_empty() {
                String::new()
            } else {
                let ids: Vec<&str> = item.addresses().iter().map(|a| a.as_str()).collect();
                format!(" -> {}", ids.join(", "))
            };
            writeln!(
                out,
                "  {}{tags}{links}: {}",
                item.id(),
                one_line(item.text())
            )?;
            for e in item.evidence() {
                let sign = match e.stance {
                    crate::evidence::Stance::Supports => '+',
                    crate::evidence::Stance::Contradicts => '-',
                };
                let date = e.date.as_ref().map_or(String::new(), |d| format!(" {d}"));
                let who = if e.who.is_empty() {
                    String::new()
                } else {
                    format!(" {}", one_line(&e.who))
                };
                let cites = e
                    .interview
                    .as_ref()
                    .map_or(String::new(), |i| format!(" ({i})"));
                writeln!(
                    out,
                    "      {sign} {}{date}{who}: {}{cites}",
                    e.source.key(),
                    one_line(&e.quote)
                )?;
            }
            write_extra(out, "      ", item.extra_fields())?;
        }
    }
    if !c.interviews().is_empty() {
        writeln!(out, "\nInterviews ({})", c.interviews().len())?;
        for i in c.interviews() {
            let date = i.date.as_ref().map_or("undated", |d| d.as_str());
            writeln!(
                out,
                "  {} {date}: {} ({})",
                i.id(),
                one_line(&i.person),
                one_line(&i.role)
            )?;
            if !i.notes.is_empty() {
                writeln!(out, "      {}", one_line(&i.notes))?;
            }
        }
    }
    if !c.tests().is_empty() {
        writeln!(out, "\nTest cards ({})", c.tests().len())?;
        for t in c.tests() {
            let items: Vec<&str> = t.items().iter().map(|i| i.as_str()).collect();
            writeln!(
                out,
                "  {} [{}] -> {}: {}",
                t.id(),
                t.state.key(),
                items.join(", "),
                one_line(&t.hypothesis)
            )?;
            for (label, text) in [
                ("test", &t.test),
                ("metric", &t.metric),
                ("criteria", &t.criteria),
            ] {
                if !text.is_empty() {
                    writeln!(out, "      {label}: {}", one_line(text))?;
                }
            }
            if let Some(l) = &t.learning {
                writeln!(
                    out,
                    "      learning: {} / {} / {}",
                    one_line(&l.observed),
                    one_line(&l.learned),
                    one_line(&l.decision)
                )?;
            }
        }
    }
    if !c.conflicts().is_empty() {
        writeln!(out, "\nConflicts ({})", c.conflicts().len())?;
        for conflict in c.conflicts() {
            writeln!(out, "  {}", describe(conflict))?;
        }
    }
    Ok(())
}

/// One line saying what a conflict is about and what each side has.
pub fn describe(conflict: &Conflict) -> String {
    use crate::conflict::{Entity, FieldValue, Owner};
    let value = |v: &FieldValue| match v {
        FieldValue::Text(t) => format!("{:?}", one_line(t)),
        FieldValue::Weight(w) => w.to_string(),
        FieldValue::Kind(k) => k.key().to_owned(),
        FieldValue::Status(s) => s.key().to_owned(),
        FieldValue::Votes(v) => v.to_string(),
        FieldValue::Date(d) => d.as_ref().map_or("no date".to_owned(), |d| d.to_string()),
        FieldValue::State(s) => s.key().to_owned(),
        FieldValue::Learning(l) => l.as_ref().map_or("no learning card".to_owned(), |l| {
            format!("{:?}", one_line(&l.learned))
        }),
        FieldValue::Unknown(v) => v.as_ref().map_or("absent".to_owned(), |v| v.to_string()),
    };
    let entity = |e: &Entity| match e {
        Entity::Note { section, note } => format!(
            "{} {} {:?}",
            section.singular(),
            note.id(),
            one_line(note.text())
        ),
        Entity::Interview(i) => format!("interview {} {:?}", i.id(), one_line(&i.person)),
        Entity::Test(t) => format!("test card {} {:?}", t.id(), one_line(&t.hypothesis)),
    };
    match conflict {
        Conflict::Field {
            owner,
            field,
            ours,
            theirs,
            ..
        } => {
            let of = match owner {
                Owner::Canvas => "the canvas".to_owned(),
                Owner::Note(id) | Owner::Interview(id) | Owner::Test(id) => id.to_string(),
            };
            format!(
                "{} of {of}: ours {}, theirs {}",
                field.key(),
                value(ours),
                value(theirs)
            )
        }
        Conflict::Deleted { id, by } => format!(
            "{id}: deleted in {}, changed in {} (kept, changed, for now)",
            by.key(),
            by.other().key()
        ),
        Conflict::Clash { theirs } => format!(
            "{}: ours has something else under this id; theirs has {}",
            theirs.entity.id(),
            entity(&theirs.entity)
        ),
        Conflict::Order { section, .. } => {
            format!(
                "order of {}: reordered differently on each side (ours kept)",
                section.title()
            )
        }
    }
}
