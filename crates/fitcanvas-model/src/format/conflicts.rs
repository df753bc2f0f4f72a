//! The optional top-level `conflicts` field of format v1: what a three-way merge could not
//! settle (see `crate::conflict` and docs/FORMAT.md, "Conflicts"). Written only while
//! conflicts remain; read after the rest of the canvas, since each names things in it. A
//! conflict that names nothing on the canvas any more is dropped, as there is nothing left to
//! settle; one that is malformed is refused like any other bad field.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::LoadError;
use super::decode::{NotePath, decode_kind, decode_note, describe, show};
use super::decode_evidence::{decode_interview, decode_test, list, object, one_of};
use super::encode::{InterviewEntry, ItemEntry, LearningEntry, TestEntry};
use crate::canvas::{Canvas, ItemId, MAX_WEIGHT, MIN_WEIGHT};
use crate::conflict::{Conflict, Entity, Field, FieldValue, MergeSide, Owner, Placed};
use crate::evidence::{IsoDate, Learning, Status, TestState};
use crate::section::Section;

/// Keys the format knows at each level that are not fields a conflict can name.
const TOP_KEYS: [&str; 11] = [
    "format",
    "version",
    "jobs",
    "pains",
    "gains",
    "products",
    "pain_relievers",
    "gain_creators",
    "interviews",
    "tests",
    "conflicts",
];
const NOTE_KEYS: [&str; 3] = ["id", "addresses", "evidence"];
const ID_KEY: [&str; 1] = ["id"];
const TEST_KEYS: [&str; 2] = ["id", "items"];

pub(super) struct ConflictEntry<'a>(pub &'a Conflict);

impl Serialize for ConflictEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self.0 {
            Conflict::Field {
                owner,
                field,
                base,
                ours,
                theirs,
            } => {
                map.serialize_entry("conflict", "field")?;
                if let Some(id) = owner.id() {
                    map.serialize_entry("of", id.as_str())?;
                }
                map.serialize_entry("field", field.key())?;
                for (key, value) in [
                    ("base", base.as_ref()),
                    ("ours", Some(ours)),
                    ("theirs", Some(theirs)),
                ] {
                    // An unknown field absent on a side is left out there.
                    match value {
                        None | Some(FieldValue::Unknown(None)) => {}
                        Some(value) => map.serialize_entry(key, &ValueEntry(value))?,
                    }
                }
            }
            Conflict::Deleted { id, by } => {
                map.serialize_entry("conflict", "deleted")?;
                map.serialize_entry("id", id.as_str())?;
                map.serialize_entry("deleted_by", by.key())?;
            }
            Conflict::Clash { theirs } => {
                map.serialize_entry("conflict", "clash")?;
                map.serialize_entry("theirs", &PlacedEntry(theirs))?;
            }
            Conflict::Order {
                section,
                ours,
                theirs,
            } => {
                map.serialize_entry("conflict", "order")?;
                map.serialize_entry("section", section.key())?;
                map.serialize_entry("ours", &ids(ours))?;
                map.serialize_entry("theirs", &ids(theirs))?;
            }
        }
        map.end()
    }
}

fn ids(list: &[ItemId]) -> Vec<&str> {
    list.iter().map(ItemId::as_str).collect()
}

struct PlacedEntry<'a>(&'a Placed);

impl Serialize for PlacedEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.0.entity {
            Entity::Note { section, note } => {
                map.serialize_entry("section", section.key())?;
                map.serialize_entry(
                    "note",
                    &ItemEntry {
                        section: *section,
                        item: note,
                    },
                )?;
            }
            Entity::Interview(i) => map.serialize_entry("interview", &InterviewEntry(i))?,
            Entity::Test(t) => map.serialize_entry("test", &TestEntry(t))?,
        }
        map.serialize_entry("after", &ids(&self.0.after))?;
        map.end()
    }
}

struct ValueEntry<'a>(&'a FieldValue);

impl Serialize for ValueEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            FieldValue::Text(t) => serializer.serialize_str(t),
            FieldValue::Weight(w) => serializer.serialize_u8(*w),
            FieldValue::Kind(k) => serializer.serialize_str(k.key()),
            FieldValue::Status(s) => serializer.serialize_str(s.key()),
            FieldValue::Votes(v) => serializer.serialize_u32(*v),
            FieldValue::Date(Some(d)) => serializer.serialize_str(d.as_str()),
            FieldValue::State(s) => serializer.serialize_str(s.key()),
            FieldValue::Learning(Some(l)) => LearningEntry(l).serialize(serializer),
            FieldValue::Unknown(Some(v)) => v.serialize(serializer),
            FieldValue::Date(None) | FieldValue::Learning(None) | FieldValue::Unknown(None) => {
                serializer.serialize_none()
            }
        }
    }
}

/// Reads the `conflicts` list of a canvas whose other fields are already read and checked.
pub(super) fn decode_conflicts(value: Value, canvas: &Canvas) -> Result<Vec<Conflict>, LoadError> {
    let mut out = Vec::new();
    for (i, entry) in list("conflicts", value, "conflicts")?
        .into_iter()
        .enumerate()
    {
        if let Some(conflict) = decode_conflict(i, entry, canvas)? {
            out.push(conflict);
        }
    }
    Ok(out)
}

/// One conflict, or `None` when it names a note, interview or test card that is not there.
fn decode_conflict(
    index: usize,
    value: Value,
    canvas: &Canvas,
) -> Result<Option<Conflict>, LoadError> {
    let at = format!("conflicts[{index}]");
    let mut f = object(&at, value, "a conflict")?;
    let kind = match f.remove("conflict") {
        Some(Value::String(s)) => s,
        None => return Err(LoadError::invalid(&at, "has no \"conflict\"")),
        Some(other) => {
            return Err(LoadError::invalid(
                format!("{at}.conflict"),
                format!("must be text, found {}", describe(&other)),
            ));
        }
    };
    let conflict = match kind.as_str() {
        "field" => decode_field(&at, &mut f, canvas)?,
        "deleted" => {
            let id = required_id(&at, &mut f, "id")?;
            let by = match f.remove("deleted_by") {
                None => return Err(LoadError::invalid(&at, "has no \"deleted_by\"")),
                Some(v) => one_of(
                    &format!("{at}.deleted_by"),
                    &v,
                    MergeSide::from_key,
                    "side",
                    "ours, theirs",
                )?,
            };
            Some(Conflict::Deleted { id, by })
        }
        "clash" => Some(Conflict::Clash {
            theirs: decode_placed(index, &at, &mut f)?,
        }),
        "order" => {
            let section = decode_section(&format!("{at}.section"), f.remove("section"))?;
            Some(Conflict::Order {
                section,
                ours: id_list(&format!("{at}.ours"), f.remove("ours"))?,
                theirs: id_list(&format!("{at}.theirs"), f.remove("theirs"))?,
            })
        }
        other => {
            return Err(LoadError::invalid(
                format!("{at}.conflict"),
                format!(
                    "unknown conflict \"{}\"; use one of field, deleted, clash, order",
                    other.chars().take(40).collect::<String>()
                ),
            ));
        }
    };
    // A conflict is settled by hand from what it says; a key this build does not understand
    // could change that, so it is refused rather than dropped on the next save.
    if let Some(key) = f.keys().next() {
        return Err(LoadError::invalid(
            format!("{at}.{key}"),
            format!("is not a field of a \"{kind}\" conflict"),
        ));
    }
    Ok(conflict.filter(|c| c.applies_to(canvas)))
}

fn decode_field(
    at: &str,
    f: &mut Map<String, Value>,
    canvas: &Canvas,
) -> Result<Option<Conflict>, LoadError> {
    let owner = match f.remove("of") {
        None | Some(Value::Null) => Owner::Canvas,
        Some(Value::String(id)) => {
            let Some(id) = ItemId::new(id) else {
                return Err(LoadError::invalid(format!("{at}.of"), "must not be empty"));
            };
            if canvas.locate(id.as_str()).is_some() {
                Owner::Note(id)
            } else if canvas.interview(id.as_str()).is_some() {
                Owner::Interview(id)
            } else if canvas.test(id.as_str()).is_some() {
                Owner::Test(id)
            } else {
                // What it was about is gone: read the rest for errors, then drop it.
                f.clear();
                return Ok(None);
            }
        }
        Some(other) => {
            return Err(LoadError::invalid(
                format!("{at}.of"),
                format!("must be an id (text), found {}", describe(&other)),
            ));
        }
    };
    let key = match f.remove("field") {
        Some(Value::String(s)) => s,
        None => return Err(LoadError::invalid(at, "has no \"field\"")),
        Some(other) => {
            return Err(LoadError::invalid(
                format!("{at}.field"),
                format!("must be text, found {}", describe(&other)),
            ));
        }
    };
    let field = match Field::known(&owner).iter().find(|k| k.key() == key) {
        Some(known) => known.clone(),
        None => {
            let reserved: &[&str] = match owner {
                Owner::Canvas => &TOP_KEYS,
                Owner::Note(_) => &NOTE_KEYS,
                Owner::Interview(_) => &ID_KEY,
                Owner::Test(_) => &TEST_KEYS,
            };
            // Any other key is an unknown field's, the empty one too (JSON allows it, so a
            // file may hold it and two sides may change it).
            if reserved.contains(&key.as_str()) {
                return Err(LoadError::invalid(
                    format!("{at}.field"),
                    format!("\"{key}\" is not a field a conflict can name there"),
                ));
            }
            Field::Unknown(key)
        }
    };
    let section = match &owner {
        Owner::Note(id) => canvas.section_of(id.as_str()),
        _ => None,
    };
    let mut side = |name: &str| -> Result<Option<FieldValue>, LoadError> {
        let path = format!("{at}.{name}");
        match (f.remove(name), &field) {
            (None, Field::Unknown(_)) => Ok(Some(FieldValue::Unknown(None))),
            (None, _) => Ok(None),
            (Some(v), field) => decode_value(&path, field, section, v).map(Some),
        }
    };
    let base = side("base")?;
    let (Some(ours), Some(theirs)) = (side("ours")?, side("theirs")?) else {
        return Err(LoadError::invalid(at, "needs both \"ours\" and \"theirs\""));
    };
    Ok(Some(Conflict::Field {
        owner,
        field,
        base,
        ours,
        theirs,
    }))
}

fn decode_value(
    at: &str,
    field: &Field,
    section: Option<Section>,
    v: Value,
) -> Result<FieldValue, LoadError> {
    let text = |v: Value| match v {
        Value::String(s) => Ok(s),
        other => Err(LoadError::invalid(
            at,
            format!("must be text, found {}", describe(&other)),
        )),
    };
    Ok(match field {
        Field::Title
        | Field::Customer
        | Field::Notes
        | Field::Text
        | Field::Person
        | Field::Role
        | Field::Hypothesis
        | Field::Test
        | Field::Metric
        | Field::Criteria => FieldValue::Text(text(v)?),
        Field::Weight => {
            let w = v
                .as_u64()
                .filter(|w| (u64::from(MIN_WEIGHT)..=u64::from(MAX_WEIGHT)).contains(w))
                .ok_or_else(|| {
                    LoadError::invalid(
                        at,
                        format!(
                            "must be a whole number from {MIN_WEIGHT} to {MAX_WEIGHT}, found {}",
                            show(&v)
                        ),
                    )
                })?;
            FieldValue::Weight(w as u8)
        }
        // A kind of another section is read (the note may have moved since the merge) and
        // the conflict then dropped as no longer fitting.
        Field::Kind => match v.as_str().and_then(|key| {
            Section::CUSTOMER
                .into_iter()
                .find_map(|s| crate::section::Kind::from_key(s, key))
        }) {
            Some(kind) => FieldValue::Kind(kind),
            None => FieldValue::Kind(decode_kind(section.unwrap_or(Section::Jobs), at, &v)?),
        },
        Field::Status => {
            let allowed = Status::ALL.map(Status::key).join(", ");
            FieldValue::Status(one_of(at, &v, Status::from_key, "status", &allowed)?)
        }
        Field::Votes => FieldValue::Votes(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    LoadError::invalid(
                        at,
                        format!(
                            "must be a whole number of votes, 0 or more, found {}",
                            show(&v)
                        ),
                    )
                })?,
        ),
        Field::Date => FieldValue::Date(match &v {
            Value::Null => None,
            Value::String(s) if s.is_empty() => None,
            other => Some(other.as_str().and_then(IsoDate::parse).ok_or_else(|| {
                LoadError::invalid(
                    at,
                    format!("must be a date written YYYY-MM-DD, found {}", show(other)),
                )
            })?),
        }),
        Field::State => FieldValue::State(one_of(
            at,
            &v,
            TestState::from_key,
            "state",
            "planned, running, done",
        )?),
        Field::Learning => FieldValue::Learning(match v {
            Value::Null => None,
            v => {
                let mut l = object(at, v, "a learning card")?;
                let mut text = |key: &str| match l.remove(key) {
                    None | Some(Value::Null) => Ok(String::new()),
                    Some(Value::String(s)) => Ok(s),
                    Some(other) => Err(LoadError::invalid(
                        format!("{at}.{key}"),
                        format!("must be text, found {}", describe(&other)),
                    )),
                };
                let (observed, learned, decision) =
                    (text("observed")?, text("learned")?, text("decision")?);
                Some(Learning {
                    observed,
                    learned,
                    decision,
                    extra: l,
                })
            }
        }),
        Field::Unknown(_) => FieldValue::Unknown(Some(v)),
    })
}

fn decode_placed(index: usize, at: &str, f: &mut Map<String, Value>) -> Result<Placed, LoadError> {
    let at = format!("{at}.theirs");
    let Some(value) = f.remove("theirs") else {
        return Err(LoadError::invalid(
            at.trim_end_matches(".theirs"),
            "has no \"theirs\"",
        ));
    };
    let mut p = object(&at, value, "theirs's version and where it goes")?;
    let entity = if let Some(note) = p.remove("note") {
        let section = decode_section(&format!("{at}.section"), p.remove("section"))?;
        Entity::Note {
            section,
            note: decode_note(section, NotePath::InConflict(index), note)?,
        }
    } else if let Some(iv) = p.remove("interview") {
        Entity::Interview(decode_interview(&format!("{at}.interview"), iv)?)
    } else if let Some(t) = p.remove("test") {
        Entity::Test(decode_test(&format!("{at}.test"), t)?)
    } else {
        return Err(LoadError::invalid(
            &at,
            "needs a \"note\", an \"interview\" or a \"test\"",
        ));
    };
    let after = match p.remove("after") {
        None => Vec::new(),
        v => id_list(&format!("{at}.after"), v)?,
    };
    if let Some(key) = p.keys().next() {
        return Err(LoadError::invalid(
            format!("{at}.{key}"),
            "is not a field here",
        ));
    }
    Ok(Placed { entity, after })
}

fn decode_section(at: &str, value: Option<Value>) -> Result<Section, LoadError> {
    let allowed = Section::ALL.map(Section::key).join(", ");
    match value {
        None => Err(LoadError::invalid(
            at,
            format!("is missing; use one of {allowed}"),
        )),
        Some(v) => one_of(at, &v, Section::from_key, "section", &allowed),
    }
}

fn required_id(at: &str, f: &mut Map<String, Value>, key: &str) -> Result<ItemId, LoadError> {
    match f.remove(key) {
        Some(Value::String(s)) => ItemId::new(s)
            .ok_or_else(|| LoadError::invalid(format!("{at}.{key}"), "must not be empty")),
        None => Err(LoadError::invalid(at, format!("has no \"{key}\""))),
        Some(other) => Err(LoadError::invalid(
            format!("{at}.{key}"),
            format!("must be an id (text), found {}", describe(&other)),
        )),
    }
}

fn id_list(at: &str, value: Option<Value>) -> Result<Vec<ItemId>, LoadError> {
    let Some(value) = value else {
        return Err(LoadError::invalid(at, "is missing"));
    };
    list(at, value, "ids")?
        .into_iter()
        .enumerate()
        .map(|(k, v)| match v {
            Value::String(s) => ItemId::new(s)
                .ok_or_else(|| LoadError::invalid(format!("{at}[{k}]"), "must not be empty")),
            other => Err(LoadError::invalid(
                format!("{at}[{k}]"),
                format!("must be an id (text), found {}", describe(&other)),
            )),
        })
        .collect()
}
