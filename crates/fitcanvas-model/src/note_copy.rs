//! Notes copied out of a canvas, to paste into the same canvas or another: their texts,
//! weights, kinds and statuses, and the links between them (a link to a note that was not
//! copied stays behind). On the clipboard they travel as HTML that carries the notes as JSON
//! in a `data-fitcanvas-notes` attribute, with plain text (one note per line) beside it, so
//! another Fitcanvas gets the notes whole and a text editor or a mail gets their words.
//! Pasting is one [`Edit::Batch`]: one undo step, fresh ids, never a clash.

use serde::{Deserialize, Serialize};

use crate::canvas::{Canvas, ItemId};
use crate::edit::Edit;
use crate::evidence::Status;
use crate::section::{Kind, Section};

/// The most notes one paste takes: a clipboard is not a file, and a stray megabyte of JSON must
/// not freeze the editor.
pub const MAX_NOTES: usize = 1000;

/// One copied note. `addresses` are positions in the copied list, not ids, so they still mean
/// the same notes once pasting gives them new ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedNote {
    pub section: Section,
    pub text: String,
    pub weight: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<usize>,
}

/// Several copied notes, in canvas order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CopiedNotes {
    pub notes: Vec<CopiedNote>,
}

const ATTRIBUTE: &str = "data-fitcanvas-notes";

impl CopiedNotes {
    /// The notes with these ids, in canvas order; ids not on the canvas are left out.
    pub fn of(canvas: &Canvas, ids: &[ItemId]) -> CopiedNotes {
        let picked: Vec<(Section, &crate::canvas::Item)> = canvas
            .all_items()
            .filter(|(_, item)| ids.contains(item.id()))
            .collect();
        let position = |id: &ItemId| picked.iter().position(|(_, i)| i.id() == id);
        let notes = picked
            .iter()
            .map(|(section, item)| CopiedNote {
                section: *section,
                text: item.text().to_owned(),
                weight: item.weight(),
                kind: item.kind(),
                status: item.status(),
                addresses: item.addresses().iter().filter_map(position).collect(),
            })
            .collect();
        CopiedNotes { notes }
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// One note per line, line breaks inside a note turned into spaces.
    pub fn plain_text(&self) -> String {
        self.notes
            .iter()
            .map(|n| n.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A list of the notes for other programs, carrying the notes themselves for Fitcanvas.
    pub fn to_html(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let mut html = format!("<ul {ATTRIBUTE}=\"{}\">", escape(&json));
        for note in &self.notes {
            html.push_str("<li>");
            html.push_str(&escape(&note.text));
            html.push_str("</li>");
        }
        html.push_str("</ul>");
        html
    }

    /// The notes carried by HTML from [`CopiedNotes::to_html`]; `None` for any other HTML, or
    /// notes that do not make sense (a link to a position past the end, too many notes).
    pub fn from_html(html: &str) -> Option<CopiedNotes> {
        let start = html.find(&format!("{ATTRIBUTE}=\""))? + ATTRIBUTE.len() + 2;
        let len = html[start..].find('"')?;
        let json = unescape(&html[start..start + len]);
        let copied: CopiedNotes = serde_json::from_str(&json).ok()?;
        let n = copied.notes.len();
        let sound = n <= MAX_NOTES
            && copied
                .notes
                .iter()
                .all(|note| note.addresses.iter().all(|&a| a < n));
        sound.then_some(copied)
    }

    /// The edit that adds the notes to `canvas`: into area `into` when one is named (a paste
    /// into an area's empty space), else each into its own area; at the end of the area, or,
    /// for the area of `after`, right after that note (a duplicate sits beside its original).
    /// Weights and kinds that do not fit the area are dropped, links that do not fit (a
    /// reliever to a gain) too. Returns the edit and the new ids, in order.
    pub fn paste_edits(
        &self,
        canvas: &Canvas,
        into: Option<Section>,
        after: Option<&ItemId>,
    ) -> (Edit, Vec<ItemId>) {
        let area_of = |note: &CopiedNote| into.unwrap_or(note.section);
        let mut next_index = Section::ALL.map(|s| canvas.items(s).len());
        if let Some((section, index)) = after.and_then(|id| canvas.locate(id)) {
            next_index[section.index()] = index + 1;
        }
        let mut fresh = Section::ALL.map(|s| {
            let wanted = self.notes.iter().filter(|n| area_of(n) == s).count();
            canvas.next_ids(s, wanted).into_iter()
        });
        let mut ids = Vec::with_capacity(self.notes.len());
        let mut edits = Vec::new();
        for note in &self.notes {
            let s = area_of(note);
            let Some(id) = fresh[s.index()].next() else {
                continue;
            };
            edits.push(Edit::AddNote {
                section: s,
                index: next_index[s.index()],
                id: id.clone(),
                text: note.text.clone(),
            });
            next_index[s.index()] += 1;
            if s.is_customer() {
                let weight = note
                    .weight
                    .clamp(crate::canvas::MIN_WEIGHT, crate::canvas::MAX_WEIGHT);
                edits.push(Edit::SetWeight {
                    id: id.clone(),
                    weight,
                });
                if let Some(kind) = note.kind.filter(|k| k.section() == s) {
                    edits.push(Edit::SetKind {
                        id: id.clone(),
                        kind,
                    });
                }
            }
            if note.status != Status::default() {
                edits.push(Edit::SetStatus {
                    id: id.clone(),
                    status: note.status,
                });
            }
            ids.push(id);
        }
        for (note, from) in self.notes.iter().zip(&ids) {
            for &to in &note.addresses {
                let (Some(target), Some(to_id)) = (self.notes.get(to), ids.get(to)) else {
                    continue;
                };
                if area_of(note).addresses() == Some(area_of(target)) {
                    edits.push(Edit::Link {
                        from: from.clone(),
                        to: to_id.clone(),
                        at: None,
                    });
                }
            }
        }
        (Edit::Batch { edits }, ids)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Canvas, ItemId, ItemId, ItemId) {
        let mut c = Canvas::new();
        let pain = c.add_item(Section::Pains, "Late \"deliveries\" & <cold> food");
        c.set_weight(pain.as_str(), 5).unwrap();
        c.set_kind(pain.as_str(), Kind::Obstacle).unwrap();
        c.set_status(pain.as_str(), Status::Validated).unwrap();
        let other = c.add_item(Section::Pains, "Prices");
        let vans = c.add_item(Section::PainRelievers, "Tracked vans");
        c.link(vans.as_str(), pain.as_str()).unwrap();
        c.link(vans.as_str(), other.as_str()).unwrap();
        (c, pain, other, vans)
    }

    #[test]
    fn copied_notes_survive_the_html_they_travel_in() {
        let (c, pain, _, vans) = sample();
        let copied = CopiedNotes::of(&c, &[vans.clone(), pain.clone()]);
        assert_eq!(copied.notes.len(), 2);
        let html = copied.to_html();
        assert!(!html.contains("<cold>"), "{html}");
        assert_eq!(CopiedNotes::from_html(&html), Some(copied.clone()));
        assert_eq!(
            copied.plain_text(),
            "Late \"deliveries\" & <cold> food\nTracked vans"
        );
        assert_eq!(CopiedNotes::from_html("<p>some page</p>"), None);
    }

    #[test]
    fn pasting_adds_the_notes_with_their_fields_and_only_the_links_between_them() {
        let (c, pain, _, vans) = sample();
        let copied = CopiedNotes::of(&c, &[pain.clone(), vans.clone()]);
        let mut other = Canvas::new();
        other.add_item(Section::Pains, "Existing");
        let (edit, ids) = copied.paste_edits(&other, None, None);
        other.apply(edit).unwrap();
        let new_pain = other.item(ids[0].as_str()).unwrap();
        assert_eq!(new_pain.text(), "Late \"deliveries\" & <cold> food");
        assert_eq!(
            (new_pain.weight(), new_pain.kind(), new_pain.status()),
            (5, Some(Kind::Obstacle), Status::Validated)
        );
        assert_eq!(other.locate(ids[0].as_str()), Some((Section::Pains, 1)));
        let new_vans = other.item(ids[1].as_str()).unwrap();
        assert_eq!(
            new_vans.addresses(),
            &[ids[0].clone()],
            "the uncopied pain stays behind"
        );
    }

    #[test]
    fn a_duplicate_goes_right_after_its_original_with_a_fresh_id() {
        let (mut c, pain, other, _) = sample();
        let copied = CopiedNotes::of(&c, std::slice::from_ref(&pain));
        let (edit, ids) = copied.paste_edits(&c, None, Some(&pain));
        c.apply(edit).unwrap();
        assert_ne!(ids[0], pain);
        let order: Vec<&str> = c
            .items(Section::Pains)
            .iter()
            .map(|i| i.id().as_str())
            .collect();
        assert_eq!(order, [pain.as_str(), ids[0].as_str(), other.as_str()]);
    }

    #[test]
    fn pasting_into_a_named_area_puts_every_note_there_and_drops_what_does_not_fit() {
        let (c, pain, _, vans) = sample();
        let copied = CopiedNotes::of(&c, &[pain.clone(), vans.clone()]);
        let mut other = Canvas::new();
        other.add_item(Section::GainCreators, "Existing");
        let (edit, ids) = copied.paste_edits(&other, Some(Section::GainCreators), None);
        other.apply(edit).unwrap();
        let texts: Vec<&str> = other
            .items(Section::GainCreators)
            .iter()
            .map(|i| i.text())
            .collect();
        assert_eq!(
            texts,
            [
                "Existing",
                "Late \"deliveries\" & <cold> food",
                "Tracked vans"
            ]
        );
        assert!(other.items(Section::Pains).is_empty());
        assert!(other.items(Section::PainRelievers).is_empty());
        // A gain creator serves gains: the copied link to a pain no longer fits.
        assert!(other.item(ids[1].as_str()).unwrap().addresses().is_empty());
        assert_eq!(
            other.item(ids[0].as_str()).unwrap().status(),
            Status::Validated
        );
    }

    #[test]
    fn unsound_clipboard_data_is_refused() {
        let bad = CopiedNotes {
            notes: vec![CopiedNote {
                section: Section::PainRelievers,
                text: "x".into(),
                weight: 3,
                kind: None,
                status: Status::Assumption,
                addresses: vec![7],
            }],
        };
        assert_eq!(CopiedNotes::from_html(&bad.to_html()), None);
        assert_eq!(
            CopiedNotes::from_html("<ul data-fitcanvas-notes=\"{nope"),
            None
        );
    }
}
