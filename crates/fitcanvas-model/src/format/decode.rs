//! Reading format v1: bytes → JSON → a validated [`Canvas`], with every problem reported at its
//! JSON path. Fields this build does not know are moved into the model's `extra` maps untouched.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use super::conflicts::decode_conflicts;
use super::decode_evidence::{decode_interviews, decode_tests, take_note_evidence};
use super::{FORMAT_NAME, FORMAT_VERSION, LoadError};
use crate::canvas::{Canvas, Item, ItemId, MAX_WEIGHT, MIN_WEIGHT};
use crate::section::{Kind, Section};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses and validates a canvas from the bytes of a file.
pub fn from_slice(bytes: &[u8]) -> Result<Canvas, LoadError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_and_column(&bytes[..e.valid_up_to()]);
        LoadError::InvalidUtf8 { line, column }
    })?;
    let value = super::strict_json::parse(text).map_err(|e| match e.duplicate {
        Some(key) => LoadError::DuplicateKey {
            key,
            line: e.error.line(),
            column: e.error.column(),
        },
        // Not JSON because git left both versions in it: say so, not where the JSON broke.
        None => match crate::markers::read(bytes) {
            Some(Ok(sides)) => LoadError::ConflictMarkers {
                line: sides.first_line,
            },
            Some(Err(
                crate::markers::MarkerError::Unclosed { line }
                | crate::markers::MarkerError::Stray { line },
            )) => LoadError::ConflictMarkers { line },
            None => syntax_error(e.error),
        },
    })?;
    from_value(value)
}

/// Validates a canvas already parsed as JSON.
pub fn from_value(value: Value) -> Result<Canvas, LoadError> {
    let Value::Object(mut top) = value else {
        return Err(LoadError::NotAnObject {
            found: describe(&value),
        });
    };
    check_header(&mut top)?;

    let mut canvas = Canvas {
        title: take_text(&mut top, "title", "title")?,
        customer: take_text(&mut top, "customer", "customer")?,
        notes: take_text(&mut top, "notes", "notes")?,
        ..Canvas::default()
    };
    for section in Section::ALL {
        canvas.sections[section.index()] = match top.remove(section.key()) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| decode_item(section, i, v).map(std::sync::Arc::new))
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(LoadError::invalid(
                    section.key(),
                    format!("must be a list of notes, found {}", describe(&other)),
                ));
            }
        };
    }
    if let Some(interviews) = top.remove("interviews") {
        canvas.interviews = decode_interviews(interviews)?;
    }
    if let Some(tests) = top.remove("tests") {
        canvas.tests = decode_tests(tests)?;
    }
    let conflicts = top.remove("conflicts");
    canvas.extra = top;
    check_references(&canvas)?;
    // Conflicts refer to the notes, so they are read once those are known to be sound.
    if let Some(conflicts) = conflicts {
        canvas.conflicts = decode_conflicts(conflicts, &canvas)?;
        canvas.prune_conflicts();
    }
    Ok(canvas)
}

fn check_header(top: &mut Map<String, Value>) -> Result<(), LoadError> {
    match top.remove("format") {
        Some(Value::String(name)) if name == FORMAT_NAME => {}
        None => return Err(LoadError::NotFitcanvas { found: None }),
        Some(other) => {
            return Err(LoadError::NotFitcanvas {
                found: Some(other.to_string()),
            });
        }
    }
    match top.remove("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v == FORMAT_VERSION => Ok(()),
            Some(v) if v > FORMAT_VERSION => Err(LoadError::NewerVersion { found: v }),
            _ => Err(LoadError::invalid(
                "version",
                format!("must be {FORMAT_VERSION}, found {n}"),
            )),
        },
        None => Err(LoadError::invalid(
            "version",
            format!(
                "is missing; a version {FORMAT_VERSION} file has \"version\": {FORMAT_VERSION}"
            ),
        )),
        Some(other) => Err(LoadError::invalid(
            "version",
            format!(
                "must be the number {FORMAT_VERSION}, found {}",
                describe(&other)
            ),
        )),
    }
}

/// Where a note sits, such as `pains[2]`, or `conflicts[0].theirs.note` for theirs's version
/// of a note in a conflict. Formatted only for an error message: building the path eagerly for
/// every note was a large share of the time a big canvas takes to load.
#[derive(Clone, Copy)]
pub(super) enum NotePath {
    InSection(Section, usize),
    InConflict(usize),
}

impl fmt::Display for NotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotePath::InSection(section, index) => write!(f, "{}[{index}]", section.key()),
            NotePath::InConflict(index) => write!(f, "conflicts[{index}].theirs.note"),
        }
    }
}

fn decode_item(section: Section, index: usize, value: Value) -> Result<Item, LoadError> {
    decode_note(section, NotePath::InSection(section, index), value)
}

/// Reads one note of `section`; `at` says where it is, for messages.
pub(super) fn decode_note(section: Section, at: NotePath, value: Value) -> Result<Item, LoadError> {
    let Value::Object(fields) = value else {
        return Err(LoadError::invalid(
            at.to_string(),
            format!("must be a note (a JSON object), found {}", describe(&value)),
        ));
    };
    // One pass sorts out the known fields; removing them from the map one by one cost more.
    let (mut id, mut text, mut weight, mut kind, mut addresses) = (None, None, None, None, None);
    let mut rest = Map::new();
    for (key, value) in fields {
        let slot = match key.as_str() {
            "id" => &mut id,
            "text" => &mut text,
            "weight" => &mut weight,
            "kind" => &mut kind,
            "addresses" => &mut addresses,
            _ => {
                rest.insert(key, value);
                continue;
            }
        };
        *slot = Some(value);
    }
    let id = match id {
        Some(Value::String(id)) => ItemId::new(id)
            .ok_or_else(|| LoadError::invalid(format!("{at}.id"), "must not be empty"))?,
        None => return Err(LoadError::invalid(at.to_string(), "has no \"id\"")),
        Some(other) => {
            return Err(LoadError::invalid(
                format!("{at}.id"),
                format!("must be text, found {}", describe(&other)),
            ));
        }
    };
    let text = match text {
        Some(Value::String(text)) => text,
        None => return Err(LoadError::invalid(at.to_string(), "has no \"text\"")),
        Some(other) => {
            return Err(LoadError::invalid(
                format!("{at}.text"),
                format!("must be text, found {}", describe(&other)),
            ));
        }
    };
    let mut item = Item::new(section, id, text);

    if section.is_customer() {
        if let Some(weight) = weight {
            item.weight = decode_weight(at, &weight)?;
        }
        if let Some(kind) = kind {
            item.kind = Some(decode_kind(section, at, &kind)?);
        }
        if addresses.is_some() {
            return Err(LoadError::invalid(
                format!("{at}.addresses"),
                format!(
                    "a {} can't address other notes; only products & services, pain relievers and gain creators do",
                    section.singular()
                ),
            ));
        }
    } else {
        for (customer_only, present) in [("weight", weight.is_some()), ("kind", kind.is_some())] {
            if present {
                return Err(LoadError::invalid(
                    format!("{at}.{customer_only}"),
                    format!(
                        "a {} has no {customer_only}; only jobs, pains and gains do",
                        section.singular()
                    ),
                ));
            }
        }
        if let Some(addresses) = addresses {
            item.addresses = decode_addresses(at, addresses)?;
        }
    }
    // Most notes have none of these; skipping the call then saves formatting the path.
    if ["status", "votes", "evidence"]
        .iter()
        .any(|key| rest.contains_key(*key))
    {
        let evidence = take_note_evidence(&mut rest, &at.to_string())?;
        item.status = evidence.status;
        item.votes = evidence.votes;
        item.evidence = evidence.evidence;
    }
    item.extra = rest;
    Ok(item)
}

fn decode_weight(at: NotePath, weight: &Value) -> Result<u8, LoadError> {
    let in_range = weight
        .as_u64()
        .filter(|w| (u64::from(MIN_WEIGHT)..=u64::from(MAX_WEIGHT)).contains(w));
    match in_range {
        Some(w) => Ok(w as u8),
        None => Err(LoadError::invalid(
            format!("{at}.weight"),
            format!(
                "must be a whole number from {MIN_WEIGHT} to {MAX_WEIGHT}, found {}",
                show(weight)
            ),
        )),
    }
}

pub(super) fn decode_kind(
    section: Section,
    at: impl fmt::Display,
    kind: &Value,
) -> Result<Kind, LoadError> {
    let allowed = || {
        section
            .kinds()
            .iter()
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found = kind.as_str().ok_or_else(|| {
        LoadError::invalid(
            format!("{at}.kind"),
            format!(
                "must be text (one of {}), found {}",
                allowed(),
                describe(kind)
            ),
        )
    })?;
    Kind::from_key(section, found).ok_or_else(|| {
        LoadError::invalid(
            format!("{at}.kind"),
            format!(
                "unknown kind \"{found}\" for a {}; use one of {}",
                section.singular(),
                allowed()
            ),
        )
    })
}

fn decode_addresses(at: NotePath, addresses: Value) -> Result<Vec<ItemId>, LoadError> {
    let Value::Array(list) = addresses else {
        return Err(LoadError::invalid(
            format!("{at}.addresses"),
            format!("must be a list of note ids, found {}", describe(&addresses)),
        ));
    };
    list.into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(id) => ItemId::new(id).ok_or_else(|| {
                LoadError::invalid(format!("{at}.addresses[{i}]"), "must not be empty")
            }),
            other => Err(LoadError::invalid(
                format!("{at}.addresses[{i}]"),
                format!("must be a note id (text), found {}", describe(&other)),
            )),
        })
        .collect()
}

/// What an id in the canvas's one id space names.
#[derive(Clone, Copy, PartialEq)]
enum Named {
    Note(Section, usize),
    Interview(usize),
    Test(usize),
}

impl Named {
    /// Its JSON path, for messages.
    fn path(self) -> String {
        match self {
            Named::Note(s, i) => format!("{}[{i}]", s.key()),
            Named::Interview(i) => format!("interviews[{i}]"),
            Named::Test(i) => format!("tests[{i}]"),
        }
    }
}

/// Ids unique across the canvas (notes, interviews and tests); every link to an existing note
/// of the right section, once; every citation of an interview or a note to one that exists.
fn check_references(canvas: &Canvas) -> Result<(), LoadError> {
    let mut seen: HashMap<&str, Named> =
        HashMap::with_capacity(canvas.len() + canvas.interviews.len() + canvas.tests.len());
    let ids = Section::ALL
        .into_iter()
        .flat_map(|s| {
            canvas
                .items(s)
                .iter()
                .enumerate()
                .map(move |(i, item)| (item.id.as_str(), Named::Note(s, i)))
        })
        .chain(
            canvas
                .interviews
                .iter()
                .enumerate()
                .map(|(i, iv)| (iv.id().as_str(), Named::Interview(i))),
        )
        .chain(
            canvas
                .tests
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id().as_str(), Named::Test(i))),
        );
    for (id, named) in ids {
        if let Some(first) = seen.insert(id, named) {
            return Err(LoadError::invalid(
                format!("{}.id", named.path()),
                format!(
                    "duplicate id \"{id}\": {} has it too; ids must be unique across the canvas",
                    first.path()
                ),
            ));
        }
    }
    for section in Section::VALUE_MAP {
        let Some(target) = section.addresses() else {
            continue;
        };
        for (i, item) in canvas.items(section).iter().enumerate() {
            for (k, link) in item.addresses.iter().enumerate() {
                let at = || format!("{}[{i}].addresses[{k}]", section.key());
                match seen.get(link.as_str()) {
                    None => {
                        return Err(LoadError::invalid(
                            at(),
                            format!("links to \"{link}\", but no note has that id"),
                        ));
                    }
                    Some(Named::Note(s, _)) if *s == target => {}
                    Some(Named::Note(s, j)) => {
                        return Err(LoadError::invalid(
                            at(),
                            format!(
                                "links to \"{link}\", which is {}[{j}]; a {} can only address {}",
                                s.key(),
                                section.singular(),
                                target.title().to_lowercase()
                            ),
                        ));
                    }
                    Some(other) => {
                        return Err(LoadError::invalid(
                            at(),
                            format!("links to \"{link}\", which is {}, not a note", other.path()),
                        ));
                    }
                }
                if item.addresses[..k].contains(link) {
                    return Err(LoadError::invalid(
                        at(),
                        format!("\"{link}\" is listed twice"),
                    ));
                }
            }
        }
    }
    for section in Section::ALL {
        for (i, item) in canvas.items(section).iter().enumerate() {
            for (k, entry) in item.evidence.iter().enumerate() {
                let Some(cited) = &entry.interview else {
                    continue;
                };
                if !matches!(seen.get(cited.as_str()), Some(Named::Interview(_))) {
                    return Err(LoadError::invalid(
                        format!("{}[{i}].evidence[{k}].interview", section.key()),
                        format!(
                            "cites interview \"{cited}\", but the interview log has no such id"
                        ),
                    ));
                }
            }
        }
    }
    for (i, test) in canvas.tests.iter().enumerate() {
        for (k, note) in test.items().iter().enumerate() {
            let at = || format!("tests[{i}].items[{k}]");
            match seen.get(note.as_str()) {
                Some(Named::Note(..)) => {}
                None => {
                    return Err(LoadError::invalid(
                        at(),
                        format!("tests \"{note}\", but no note has that id"),
                    ));
                }
                Some(other) => {
                    return Err(LoadError::invalid(
                        at(),
                        format!("tests \"{note}\", which is {}, not a note", other.path()),
                    ));
                }
            }
            if test.items()[..k].contains(note) {
                return Err(LoadError::invalid(
                    at(),
                    format!("\"{note}\" is listed twice"),
                ));
            }
        }
    }
    Ok(())
}

fn take_text(top: &mut Map<String, Value>, key: &str, at: &str) -> Result<String, LoadError> {
    match top.remove(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(LoadError::invalid(
            at,
            format!("must be text, found {}", describe(&other)),
        )),
    }
}

fn syntax_error(e: serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    if e.is_eof() {
        return LoadError::Truncated { line, column };
    }
    // serde_json appends " at line L column C"; we say where in our own words.
    let full = e.to_string();
    let raw = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    let message = plain_syntax_message(raw).unwrap_or(raw).to_owned();
    LoadError::Syntax {
        line,
        column,
        message,
    }
}

/// serde_json's terse phrases, said so that someone editing a file by hand knows what to fix.
fn plain_syntax_message(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "expected ident" => "unexpected word; text must be in double quotes",
        "expected value" => {
            "expected a value (text in double quotes, a number, true, false, null, a list or an object)"
        }
        "trailing comma" => "a comma before a closing bracket",
        "key must be a string" => "a key must be text in double quotes",
        "expected `,` or `}`" => "expected a comma or a closing } (is a comma missing?)",
        "expected `,` or `]`" => "expected a comma or a closing ] (is a comma missing?)",
        "trailing characters" => "more text after the end of the canvas object",
        _ => return None,
    })
}

fn line_and_column(valid_prefix: &[u8]) -> (usize, usize) {
    let line = valid_prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid_prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    // The prefix is valid UTF-8, so counting chars gives the column a text editor shows.
    let column = String::from_utf8_lossy(&valid_prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// "a number", "a list", … for messages about a value of the wrong type.
pub(super) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The value itself when short, else its type.
pub(super) fn show(value: &Value) -> String {
    match value {
        Value::Number(_) | Value::Bool(_) | Value::Null => value.to_string(),
        Value::String(s) if s.chars().count() <= 20 => format!("\"{s}\""),
        other => describe(other).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_and_column(b""), (1, 1));
        assert_eq!(line_and_column("ab\n\u{e9}x".as_bytes()), (2, 3));
    }
}
