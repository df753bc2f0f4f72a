//! Writing format v1 in its canonical form: pretty-printed UTF-8 JSON, known keys in a fixed
//! order, unknown keys after them in sorted order, and a final newline. The same canvas always
//! gives the same bytes, so saves diff cleanly in version control.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::canvas::{Canvas, Item};
use crate::evidence::{Evidence, Interview, Status, TestCard};
use crate::section::Section;

use super::conflicts::ConflictEntry;

/// The canonical bytes of a canvas file.
pub fn to_vec(canvas: &Canvas) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + canvas.len() * 96);
    // Serializing our own types to a Vec cannot fail: every key is a string and no Serialize
    // impl here returns an error.
    if let Err(e) = CanvasFile(canvas).serialize(&mut serde_json::Serializer::pretty(&mut out)) {
        unreachable!("serializing a canvas to memory failed: {e}");
    }
    out.push(b'\n');
    out
}

/// The canonical text of a canvas file.
pub fn to_string(canvas: &Canvas) -> String {
    // The serializer writes only valid UTF-8.
    String::from_utf8_lossy(&to_vec(canvas)).into_owned()
}

struct CanvasFile<'a>(&'a Canvas);

impl Serialize for CanvasFile<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", FORMAT_NAME)?;
        map.serialize_entry("version", &FORMAT_VERSION)?;
        map.serialize_entry("title", &c.title)?;
        map.serialize_entry("customer", &c.customer)?;
        map.serialize_entry("notes", &c.notes)?;
        for section in Section::ALL {
            let items: Vec<ItemEntry> = c
                .items(section)
                .iter()
                .map(|item| ItemEntry { section, item })
                .collect();
            map.serialize_entry(section.key(), &items)?;
        }
        // Optional sections are written only when used, so canvases without them keep the
        // exact bytes they had before these fields existed.
        if !c.interviews.is_empty() {
            let list: Vec<_> = c.interviews.iter().map(InterviewEntry).collect();
            map.serialize_entry("interviews", &list)?;
        }
        if !c.tests.is_empty() {
            let list: Vec<_> = c.tests.iter().map(TestEntry).collect();
            map.serialize_entry("tests", &list)?;
        }
        // Written only while a merge's conflicts remain: once settled, the field goes.
        if !c.conflicts.is_empty() {
            let list: Vec<_> = c.conflicts.iter().map(ConflictEntry).collect();
            map.serialize_entry("conflicts", &list)?;
        }
        for (key, value) in &c.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) struct ItemEntry<'a> {
    pub section: Section,
    pub item: &'a Item,
}

impl Serialize for ItemEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = self.item;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", item.id.as_str())?;
        map.serialize_entry("text", &item.text)?;
        if self.section.is_customer() {
            map.serialize_entry("weight", &item.weight)?;
            if let Some(kind) = item.kind {
                map.serialize_entry("kind", kind.key())?;
            }
        } else {
            let ids: Vec<&str> = item.addresses.iter().map(|a| a.as_str()).collect();
            map.serialize_entry("addresses", &ids)?;
        }
        if item.status != Status::Assumption {
            map.serialize_entry("status", item.status.key())?;
        }
        if item.votes > 0 {
            map.serialize_entry("votes", &item.votes)?;
        }
        if !item.evidence.is_empty() {
            let list: Vec<_> = item.evidence.iter().map(EvidenceEntry).collect();
            map.serialize_entry("evidence", &list)?;
        }
        for (key, value) in &item.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

struct EvidenceEntry<'a>(&'a Evidence);

impl Serialize for EvidenceEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("source", e.source.key())?;
        if let Some(date) = &e.date {
            map.serialize_entry("date", date.as_str())?;
        }
        map.serialize_entry("who", &e.who)?;
        map.serialize_entry("quote", &e.quote)?;
        map.serialize_entry("stance", e.stance.key())?;
        if let Some(interview) = &e.interview {
            map.serialize_entry("interview", interview.as_str())?;
        }
        for (key, value) in &e.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) struct InterviewEntry<'a>(pub &'a Interview);

impl Serialize for InterviewEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", i.id().as_str())?;
        if let Some(date) = &i.date {
            map.serialize_entry("date", date.as_str())?;
        }
        map.serialize_entry("person", &i.person)?;
        map.serialize_entry("role", &i.role)?;
        map.serialize_entry("notes", &i.notes)?;
        for (key, value) in &i.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) struct TestEntry<'a>(pub &'a TestCard);

impl Serialize for TestEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", t.id().as_str())?;
        map.serialize_entry("hypothesis", &t.hypothesis)?;
        map.serialize_entry("test", &t.test)?;
        map.serialize_entry("metric", &t.metric)?;
        map.serialize_entry("criteria", &t.criteria)?;
        let items: Vec<&str> = t.items().iter().map(|i| i.as_str()).collect();
        map.serialize_entry("items", &items)?;
        map.serialize_entry("state", t.state.key())?;
        if let Some(learning) = &t.learning {
            map.serialize_entry("learning", &LearningEntry(learning))?;
        }
        for (key, value) in &t.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

pub(super) struct LearningEntry<'a>(pub &'a crate::evidence::Learning);

impl Serialize for LearningEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let l = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("observed", &l.observed)?;
        map.serialize_entry("learned", &l.learned)?;
        map.serialize_entry("decision", &l.decision)?;
        for (key, value) in &l.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
