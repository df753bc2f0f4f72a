//! Writing format v1 in its canonical form: pretty-printed UTF-8 JSON, known keys in a fixed
//! order, unknown keys after them in sorted order, and a final newline. The same canvas always
//! gives the same bytes, so saves diff cleanly in version control.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{FORMAT_NAME, FORMAT_VERSION};
use crate::canvas::{Canvas, Item};
use crate::section::Section;

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
        for (key, value) in &c.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

struct ItemEntry<'a> {
    section: Section,
    item: &'a Item,
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
        for (key, value) in &item.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
