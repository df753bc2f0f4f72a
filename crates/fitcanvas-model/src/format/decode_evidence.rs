//! Reading the optional evidence fields of format v1: note status, votes and evidence entries,
//! and the top-level interview log and test cards. Absent fields mean "none yet", so files
//! written before these existed load as they always did.

use serde_json::{Map, Value};

use super::LoadError;
use super::decode::{describe, show};
use crate::canvas::ItemId;
use crate::evidence::{
    Evidence, EvidenceId, Interview, IsoDate, Learning, Source, Stance, Status, TestCard, TestState,
};

/// Reads the evidence-related fields of a note from its remaining fields.
pub(super) struct NoteEvidence {
    pub status: Status,
    pub votes: u32,
    pub evidence: Vec<Evidence>,
}

pub(super) fn take_note_evidence(
    fields: &mut Map<String, Value>,
    at: &str,
) -> Result<NoteEvidence, LoadError> {
    let status = match fields.remove("status") {
        None => Status::Assumption,
        Some(v) => {
            let allowed = Status::ALL.map(Status::key).join(", ");
            one_of(
                &format!("{at}.status"),
                &v,
                Status::from_key,
                "status",
                &allowed,
            )?
        }
    };
    let votes = match fields.remove("votes") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                LoadError::invalid(
                    format!("{at}.votes"),
                    format!(
                        "must be a whole number of votes, 0 or more, found {}",
                        show(&v)
                    ),
                )
            })?,
    };
    let evidence = match fields.remove("evidence") {
        None => Vec::new(),
        Some(v) => list(&format!("{at}.evidence"), v, "evidence entries")?
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                // Entries are numbered in file order: ids for edits to name them by.
                decode_evidence(&format!("{at}.evidence[{i}]"), e).map(|mut entry| {
                    entry.id = EvidenceId(i as u64 + 1);
                    entry
                })
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(NoteEvidence {
        status,
        votes,
        evidence,
    })
}

fn decode_evidence(at: &str, value: Value) -> Result<Evidence, LoadError> {
    let mut f = object(at, value, "an evidence entry")?;
    let source = match f.remove("source") {
        None => return Err(LoadError::invalid(at, "has no \"source\"")),
        Some(v) => {
            let allowed = Source::ALL.map(Source::key).join(", ");
            one_of(
                &format!("{at}.source"),
                &v,
                Source::from_key,
                "source",
                &allowed,
            )?
        }
    };
    let stance = match f.remove("stance") {
        None => return Err(LoadError::invalid(at, "has no \"stance\"")),
        Some(v) => one_of(
            &format!("{at}.stance"),
            &v,
            Stance::from_key,
            "stance",
            "supports, contradicts",
        )?,
    };
    let interview =
        match f.remove("interview") {
            None | Some(Value::Null) => None,
            Some(Value::String(id)) => Some(ItemId::new(id).ok_or_else(|| {
                LoadError::invalid(format!("{at}.interview"), "must not be empty")
            })?),
            Some(other) => {
                return Err(LoadError::invalid(
                    format!("{at}.interview"),
                    format!("must be an interview id (text), found {}", describe(&other)),
                ));
            }
        };
    Ok(Evidence {
        id: EvidenceId::default(),
        source,
        date: date(&mut f, at)?,
        who: text(&mut f, at, "who")?,
        quote: text(&mut f, at, "quote")?,
        stance,
        interview,
        extra: f,
    })
}

pub(super) fn decode_interviews(value: Value) -> Result<Vec<Interview>, LoadError> {
    list("interviews", value, "interviews")?
        .into_iter()
        .enumerate()
        .map(|(i, v)| decode_interview(&format!("interviews[{i}]"), v))
        .collect()
}

/// Reads one interview; `at` says where it is, for messages.
pub(super) fn decode_interview(at: &str, value: Value) -> Result<Interview, LoadError> {
    let mut f = object(at, value, "an interview")?;
    Ok(Interview {
        id: id(&mut f, at)?,
        date: date(&mut f, at)?,
        person: text(&mut f, at, "person")?,
        role: text(&mut f, at, "role")?,
        notes: text(&mut f, at, "notes")?,
        extra: f,
    })
}

pub(super) fn decode_tests(value: Value) -> Result<Vec<TestCard>, LoadError> {
    list("tests", value, "test cards")?
        .into_iter()
        .enumerate()
        .map(|(i, v)| decode_test(&format!("tests[{i}]"), v))
        .collect()
}

/// Reads one test card; `at` says where it is, for messages.
pub(super) fn decode_test(at: &str, v: Value) -> Result<TestCard, LoadError> {
    let mut f = object(at, v, "a test card")?;
    let id = id(&mut f, at)?;
    let items = match f.remove("items") {
        None => Vec::new(),
        Some(v) => list(&format!("{at}.items"), v, "note ids")?
            .into_iter()
            .enumerate()
            .map(|(k, v)| match v {
                Value::String(s) => ItemId::new(s).ok_or_else(|| {
                    LoadError::invalid(format!("{at}.items[{k}]"), "must not be empty")
                }),
                other => Err(LoadError::invalid(
                    format!("{at}.items[{k}]"),
                    format!("must be a note id (text), found {}", describe(&other)),
                )),
            })
            .collect::<Result<_, _>>()?,
    };
    let state = match f.remove("state") {
        None => TestState::Planned,
        Some(v) => one_of(
            &format!("{at}.state"),
            &v,
            TestState::from_key,
            "state",
            "planned, running, done",
        )?,
    };
    let learning = match f.remove("learning") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let at = format!("{at}.learning");
            let mut l = object(&at, v, "a learning card")?;
            Some(Learning {
                observed: text(&mut l, &at, "observed")?,
                learned: text(&mut l, &at, "learned")?,
                decision: text(&mut l, &at, "decision")?,
                extra: l,
            })
        }
    };
    Ok(TestCard {
        id,
        hypothesis: text(&mut f, at, "hypothesis")?,
        test: text(&mut f, at, "test")?,
        metric: text(&mut f, at, "metric")?,
        criteria: text(&mut f, at, "criteria")?,
        items,
        state,
        learning,
        extra: f,
    })
}

pub(super) fn object(at: &str, value: Value, what: &str) -> Result<Map<String, Value>, LoadError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(LoadError::invalid(
            at,
            format!("must be {what} (a JSON object), found {}", describe(&other)),
        )),
    }
}

pub(super) fn list(at: &str, value: Value, what: &str) -> Result<Vec<Value>, LoadError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(LoadError::invalid(
            at,
            format!("must be a list of {what}, found {}", describe(&other)),
        )),
    }
}

fn id(fields: &mut Map<String, Value>, at: &str) -> Result<ItemId, LoadError> {
    match fields.remove("id") {
        Some(Value::String(id)) => ItemId::new(id)
            .ok_or_else(|| LoadError::invalid(format!("{at}.id"), "must not be empty")),
        None => Err(LoadError::invalid(at, "has no \"id\"")),
        Some(other) => Err(LoadError::invalid(
            format!("{at}.id"),
            format!("must be text, found {}", describe(&other)),
        )),
    }
}

/// An optional text field; absent or null means empty.
pub(super) fn text(
    fields: &mut Map<String, Value>,
    at: &str,
    key: &str,
) -> Result<String, LoadError> {
    match fields.remove(key) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(LoadError::invalid(
            format!("{at}.{key}"),
            format!("must be text, found {}", describe(&other)),
        )),
    }
}

pub(super) fn date(
    fields: &mut Map<String, Value>,
    at: &str,
) -> Result<Option<IsoDate>, LoadError> {
    match fields.remove("date") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(IsoDate::parse)
            .map(Some)
            .ok_or_else(|| {
                LoadError::invalid(
                    format!("{at}.date"),
                    format!("must be a date written YYYY-MM-DD, found {}", show(&v)),
                )
            }),
    }
}

/// A value that must be one of a fixed set of spellings.
pub(super) fn one_of<T>(
    at: &str,
    value: &Value,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
    allowed: &str,
) -> Result<T, LoadError> {
    match value.as_str() {
        Some(s) => parse(s).ok_or_else(|| {
            LoadError::invalid(at, format!("unknown {what} \"{s}\"; use one of {allowed}"))
        }),
        None => Err(LoadError::invalid(
            at,
            format!("must be text (one of {allowed}), found {}", describe(value)),
        )),
    }
}
