//! Presence: who is in a shared canvas and where, as each desktop's Yjs awareness state says
//! it: a name, a colour, and the note selected or being typed in (docs/design/live.md).

use serde::{Deserialize, Serialize};

use fitcanvas_model::canvas::ItemId;

/// One person's presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    /// The note selected or being typed in.
    #[serde(default)]
    pub note: Option<ItemId>,
}

impl Presence {
    /// The awareness state to send.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// A peer's awareness state; `None` when it is not a Fitcanvas presence (another kind of
    /// Yjs client, or a state being cleared).
    pub fn parse(json: &str) -> Option<Presence> {
        let mut presence: Presence = serde_json::from_str(json).ok()?;
        let valid_colour = presence.colour.len() == 7
            && presence.colour.starts_with('#')
            && presence.colour[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !valid_colour {
            presence.colour = "#888888".into();
        }
        presence.name.truncate(
            presence
                .name
                .char_indices()
                .nth(40)
                .map_or(presence.name.len(), |(i, _)| i),
        );
        Some(presence)
    }

    /// The colour as red, green, blue.
    pub fn rgb(&self) -> [u8; 3] {
        let channel = |i: usize| {
            self.colour
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0x88)
        };
        [channel(1), channel(3), channel(5)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_reads_back_and_odd_states_are_tamed() {
        let me = Presence {
            name: "Ada".into(),
            colour: "#1a2b3c".into(),
            note: ItemId::new("pain-1"),
        };
        assert_eq!(Presence::parse(&me.to_json()), Some(me.clone()));
        assert_eq!(me.rgb(), [0x1a, 0x2b, 0x3c]);
        let odd = Presence::parse(r#"{"name":"x","colour":"red"}"#).unwrap();
        assert_eq!((odd.colour.as_str(), odd.note), ("#888888", None));
        assert_eq!(Presence::parse(r#"{"user":{"name":"js"}}"#), None);
    }
}
