//! JSON text into a `serde_json::Value`, refusing a key that appears twice in one object.
//! serde_json's own `Value` keeps the last occurrence and drops the first without a word, which
//! for a canvas (two `"jobs"` arrays left by a hand-resolved git conflict) is silent data loss.
//! The parsing is still serde_json's; only the building of objects is ours, through a seed that
//! remembers the repeated key so the error can name it.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// What went wrong: the JSON error (with its line and column), and the key if it was one
/// repeated in an object.
pub(super) struct StrictError {
    pub error: serde_json::Error,
    pub duplicate: Option<String>,
}

/// Parses one JSON document, refusing repeated keys.
pub(super) fn parse(text: &str) -> Result<Value, StrictError> {
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = ValueSeed {
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    result.map_err(|error| StrictError {
        error,
        duplicate: duplicate.into_inner(),
    })
}

#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    /// Set to the repeated key when one is found; the error itself carries only the position.
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // serde_json refuses numbers beyond the double range before this, so `v` is finite.
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(value) = seq.next_element_seed(self)? {
            list.push(value);
        }
        Ok(Value::Array(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // One lookup per key, as serde_json's own map building does.
            match out.entry(key) {
                Entry::Occupied(seen) => {
                    // Raised right after the key is read, so the error's line is the key's.
                    *self.duplicate.borrow_mut() = Some(seen.key().clone());
                    return Err(de::Error::custom("duplicate key"));
                }
                Entry::Vacant(slot) => {
                    slot.insert(map.next_value_seed(self)?);
                }
            }
        }
        Ok(Value::Object(out))
    }
}
