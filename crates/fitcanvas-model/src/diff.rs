//! What changed between two versions of a canvas: notes added, removed and edited (matched by
//! id, including their votes and evidence), notes moved to another place in their area, links
//! added and removed, interviews and test cards added, removed and changed, and the fit before
//! and after. Every change names the note's id and section (so an editor "Compare with…" view
//! can point at the note) and its text (so people can tell which note it is); [`words`] says
//! the rest in the words both the command line and the editor use.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::canvas::{Canvas, Item, ItemId};
use crate::evidence::{Evidence, Interview, Status, TestCard, TestState};
use crate::fit;
use crate::section::{Kind, Section};

/// A value before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

impl<T: PartialEq> Change<T> {
    fn of(before: T, after: T) -> Option<Change<T>> {
        (before != after).then_some(Change { before, after })
    }
}

/// A note as it is in one of the two canvases.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSnapshot {
    pub id: ItemId,
    pub section: Section,
    pub text: String,
    /// `None` for value-map notes, which have no weight.
    pub weight: Option<u8>,
    pub kind: Option<Kind>,
}

impl NoteSnapshot {
    fn of(section: Section, item: &Item) -> NoteSnapshot {
        NoteSnapshot {
            id: item.id().clone(),
            section,
            text: item.text().to_owned(),
            weight: section.is_customer().then_some(item.weight()),
            kind: item.kind(),
        }
    }
}

/// A note present in both canvases whose content differs. Fields that did not change are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteEdit {
    pub id: ItemId,
    /// The section it is in now.
    pub section: Section,
    /// Its text now: what people know it by.
    pub name: String,
    /// Set when the note moved to another section.
    pub section_change: Option<Change<Section>>,
    /// Set when the note moved within its section, past notes that stayed in order: its place
    /// there (from 1) before and after. Notes that only shifted because others came or went
    /// are not moved.
    pub place: Option<Change<usize>>,
    pub text: Option<Change<String>>,
    pub weight: Option<Change<Option<u8>>>,
    pub kind: Option<Change<Option<Kind>>>,
    pub status: Option<Change<Status>>,
    pub votes: Option<Change<u32>>,
    /// Evidence entries only in the new note, and only in the old one (an edited entry is
    /// both: its old form removed, its new form added).
    pub evidence_added: Vec<Evidence>,
    pub evidence_removed: Vec<Evidence>,
}

impl NoteEdit {
    fn is_empty(&self) -> bool {
        self.section_change.is_none()
            && self.place.is_none()
            && self.text.is_none()
            && self.weight.is_none()
            && self.kind.is_none()
            && self.status.is_none()
            && self.votes.is_none()
            && self.evidence_added.is_empty()
            && self.evidence_removed.is_empty()
    }
}

/// A test card in both canvases that differs; `state` is set when its state changed.
#[derive(Debug, Clone, PartialEq)]
pub struct TestEdit {
    pub id: ItemId,
    pub state: Option<Change<TestState>>,
}

/// A link from a value-map note to the customer note it addresses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub from: ItemId,
    pub to: ItemId,
}

/// Everything that differs between two canvases.
#[derive(Debug, Clone, PartialEq)]
pub struct CanvasDiff {
    pub title: Option<Change<String>>,
    pub customer: Option<Change<String>>,
    /// In the order of the new canvas.
    pub added: Vec<NoteSnapshot>,
    /// In the order of the old canvas.
    pub removed: Vec<NoteSnapshot>,
    /// In the order of the new canvas.
    pub changed: Vec<NoteEdit>,
    /// Sorted by (from, to). Links of removed notes count as removed.
    pub links_added: Vec<Link>,
    pub links_removed: Vec<Link>,
    /// Interviews and test cards, matched by id, in the order of the canvas they are in.
    pub interviews_added: Vec<Interview>,
    pub interviews_removed: Vec<Interview>,
    /// Ids of interviews in both canvases whose date, person, role or notes differ.
    pub interviews_changed: Vec<ItemId>,
    pub tests_added: Vec<TestCard>,
    pub tests_removed: Vec<TestCard>,
    pub tests_changed: Vec<TestEdit>,
    /// The fit score (0–100) of each canvas, `None` when it has no customer notes.
    pub fit_before: Option<f64>,
    pub fit_after: Option<f64>,
}

/// Compares `old` with `new`.
pub fn diff(old: &Canvas, new: &Canvas) -> CanvasDiff {
    let old_notes: HashMap<&str, (Section, &Item)> = old
        .all_items()
        .map(|(s, i)| (i.id().as_str(), (s, i)))
        .collect();
    let new_ids: BTreeSet<&str> = new.all_items().map(|(_, i)| i.id().as_str()).collect();
    let moved = reordered(old, new);

    let mut added = Vec::new();
    let mut changed = Vec::new();
    for (section, item) in new.all_items() {
        match old_notes.get(item.id().as_str()) {
            None => added.push(NoteSnapshot::of(section, item)),
            Some(&(old_section, old_item)) => {
                let before = NoteSnapshot::of(old_section, old_item);
                let after = NoteSnapshot::of(section, item);
                let (evidence_removed, evidence_added) =
                    unmatched(old_item.evidence(), item.evidence());
                let edit = NoteEdit {
                    id: item.id().clone(),
                    section,
                    name: item.text().to_owned(),
                    section_change: Change::of(old_section, section),
                    place: moved.get(item.id().as_str()).cloned(),
                    text: Change::of(before.text, after.text),
                    weight: Change::of(before.weight, after.weight),
                    kind: Change::of(before.kind, after.kind),
                    status: Change::of(old_item.status(), item.status()),
                    votes: Change::of(old_item.votes(), item.votes()),
                    evidence_added,
                    evidence_removed,
                };
                if !edit.is_empty() {
                    changed.push(edit);
                }
            }
        }
    }
    let removed = old
        .all_items()
        .filter(|(_, i)| !new_ids.contains(i.id().as_str()))
        .map(|(s, i)| NoteSnapshot::of(s, i))
        .collect();

    let (old_links, new_links) = (links(old), links(new));
    let (interviews_added, interviews_removed, interviews_changed) =
        by_id(old.interviews(), new.interviews(), Interview::id);
    let (tests_added, tests_removed, tests_changed) = by_id(old.tests(), new.tests(), TestCard::id);
    let tests_changed = tests_changed
        .into_iter()
        .map(|id| TestEdit {
            state: old
                .test(id.as_str())
                .zip(new.test(id.as_str()))
                .and_then(|(o, n)| Change::of(o.state, n.state)),
            id,
        })
        .collect();
    CanvasDiff {
        title: Change::of(old.title().to_owned(), new.title().to_owned()),
        customer: Change::of(old.customer().to_owned(), new.customer().to_owned()),
        added,
        removed,
        changed,
        links_added: new_links.difference(&old_links).cloned().collect(),
        links_removed: old_links.difference(&new_links).cloned().collect(),
        interviews_added,
        interviews_removed,
        interviews_changed,
        tests_added,
        tests_removed,
        tests_changed,
        fit_before: fit::score(old).fit,
        fit_after: fit::score(new).fit,
    }
}

/// The notes that moved within their section, with their places (from 1) before and after.
/// Of the notes a section has in both canvases, the longest run that kept its order stayed
/// put; the others moved. So adding or deleting a note moves nothing, and dragging one note
/// moves that note only.
fn reordered<'a>(old: &'a Canvas, new: &Canvas) -> HashMap<&'a str, Change<usize>> {
    let mut moved = HashMap::new();
    for section in Section::ALL {
        let place_before: HashMap<&str, usize> = old
            .items(section)
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id().as_str(), i + 1))
            .collect();
        // The notes of the section in both, in the new order, with their old places.
        let both: Vec<(&str, usize, usize)> = new
            .items(section)
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let id = item.id().as_str();
                place_before.get(id).map(|before| (id, *before, i + 1))
            })
            .collect();
        let olds: Vec<usize> = both.iter().map(|(_, before, _)| *before).collect();
        let stayed = longest_increasing(&olds);
        for (k, (id, before, after)) in both.iter().enumerate() {
            if !stayed.contains(&k) {
                // The old canvas's id, which outlives this function's borrow of the new one.
                if let Some(item) = old.item(id) {
                    moved.insert(
                        item.id().as_str(),
                        Change {
                            before: *before,
                            after: *after,
                        },
                    );
                }
            }
        }
    }
    moved
}

/// The indices of a longest strictly increasing run (not necessarily contiguous) of `values`,
/// found in O(n log n) (patience sorting).
fn longest_increasing(values: &[usize]) -> BTreeSet<usize> {
    // tails[k]: the index of the smallest value ending a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < *v);
        previous[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut run = BTreeSet::new();
    let mut next = tails.last().copied();
    while let Some(i) = next {
        run.insert(i);
        next = previous[i];
    }
    run
}

/// The entries of `old` with no equal entry in `new`, and those of `new` with none in `old`:
/// equal entries pair off one for one, so a duplicated quote counts as added.
fn unmatched(old: &[Evidence], new: &[Evidence]) -> (Vec<Evidence>, Vec<Evidence>) {
    let mut unpaired: Vec<&Evidence> = new.iter().collect();
    let mut removed = Vec::new();
    for entry in old {
        match unpaired.iter().position(|e| *e == entry) {
            Some(i) => {
                unpaired.remove(i);
            }
            None => removed.push(entry.clone()),
        }
    }
    (removed, unpaired.into_iter().cloned().collect())
}

/// Records matched by id: those only in `new` (in its order), those only in `old` (in its
/// order), and the ids of those in both that differ (in `new`'s order).
fn by_id<T: Clone + PartialEq>(
    old: &[T],
    new: &[T],
    id: fn(&T) -> &ItemId,
) -> (Vec<T>, Vec<T>, Vec<ItemId>) {
    let old_by_id: HashMap<&ItemId, &T> = old.iter().map(|t| (id(t), t)).collect();
    let new_ids: BTreeSet<&ItemId> = new.iter().map(id).collect();
    let added = new
        .iter()
        .filter(|t| !old_by_id.contains_key(id(t)))
        .cloned()
        .collect();
    let removed = old
        .iter()
        .filter(|t| !new_ids.contains(id(t)))
        .cloned()
        .collect();
    let changed = new
        .iter()
        .filter(|t| old_by_id.get(id(t)).is_some_and(|o| *o != *t))
        .map(|t| id(t).clone())
        .collect();
    (added, removed, changed)
}

fn links(canvas: &Canvas) -> BTreeSet<Link> {
    Section::VALUE_MAP
        .into_iter()
        .flat_map(|s| canvas.items(s))
        .flat_map(|item| {
            item.addresses().iter().map(|to| Link {
                from: item.id().clone(),
                to: to.clone(),
            })
        })
        .collect()
}

impl CanvasDiff {
    /// Whether the canvases differ in anything this diff looks at. The fit follows from the
    /// notes and links, so it is not checked separately.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.customer.is_none()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.links_added.is_empty()
            && self.links_removed.is_empty()
            && self.interviews_added.is_empty()
            && self.interviews_removed.is_empty()
            && self.interviews_changed.is_empty()
            && self.tests_added.is_empty()
            && self.tests_removed.is_empty()
            && self.tests_changed.is_empty()
    }

    /// The diff as one JSON object (shape documented in docs/guide/exports.md, "The JSON diff").
    pub fn to_json(&self) -> Value {
        fn change<T, F: Fn(&T) -> Value>(c: &Option<Change<T>>, f: F) -> Value {
            match c {
                Some(c) => json!({ "before": f(&c.before), "after": f(&c.after) }),
                None => Value::Null,
            }
        }
        let kind = |k: &Option<Kind>| json!(k.map(Kind::key));
        let note = |n: &NoteSnapshot| {
            json!({
                "id": n.id.as_str(),
                "section": n.section.key(),
                "text": n.text,
                "weight": n.weight,
                "kind": n.kind.map(Kind::key),
            })
        };
        let link = |l: &Link| json!({ "from": l.from.as_str(), "to": l.to.as_str() });
        let edits: Vec<Value> = self
            .changed
            .iter()
            .map(|e| {
                json!({
                    "id": e.id.as_str(),
                    "section": e.section.key(),
                    "name": e.name,
                    "moved": change(&e.section_change, |s: &Section| json!(s.key())),
                    "place": change(&e.place, |p: &usize| json!(p)),
                    "text": change(&e.text, |t: &String| json!(t)),
                    "weight": change(&e.weight, |w: &Option<u8>| json!(w)),
                    "kind": change(&e.kind, kind),
                    "status": change(&e.status, |s: &Status| json!(s.key())),
                    "votes": change(&e.votes, |v: &u32| json!(v)),
                    "evidence": {
                        "added": e.evidence_added.iter().map(evidence_json).collect::<Vec<_>>(),
                        "removed": e.evidence_removed.iter().map(evidence_json).collect::<Vec<_>>(),
                    },
                })
            })
            .collect();
        json!({
            "identical": self.is_empty(),
            "title": change(&self.title, |t: &String| json!(t)),
            "customer": change(&self.customer, |t: &String| json!(t)),
            "notes": {
                "added": self.added.iter().map(note).collect::<Vec<_>>(),
                "removed": self.removed.iter().map(note).collect::<Vec<_>>(),
                "changed": edits,
            },
            "links": {
                "added": self.links_added.iter().map(link).collect::<Vec<_>>(),
                "removed": self.links_removed.iter().map(link).collect::<Vec<_>>(),
            },
            "interviews": {
                "added": self.interviews_added.iter().map(interview_json).collect::<Vec<_>>(),
                "removed": self.interviews_removed.iter().map(interview_json).collect::<Vec<_>>(),
                "changed": self.interviews_changed.iter().map(ItemId::as_str).collect::<Vec<_>>(),
            },
            "tests": {
                "added": self.tests_added.iter().map(test_json).collect::<Vec<_>>(),
                "removed": self.tests_removed.iter().map(test_json).collect::<Vec<_>>(),
                "changed": self.tests_changed.iter().map(|t| json!({
                    "id": t.id.as_str(),
                    "state": change(&t.state, |s: &TestState| json!(s.key())),
                })).collect::<Vec<_>>(),
            },
            "fit": { "before": self.fit_before, "after": self.fit_after },
        })
    }
}

/// An evidence entry as the file format spells it.
fn evidence_json(e: &Evidence) -> Value {
    json!({
        "source": e.source.key(),
        "date": e.date.as_ref().map(|d| d.as_str()),
        "who": e.who,
        "quote": e.quote,
        "stance": e.stance.key(),
        "interview": e.interview.as_ref().map(ItemId::as_str),
    })
}

fn interview_json(i: &Interview) -> Value {
    json!({
        "id": i.id().as_str(),
        "date": i.date.as_ref().map(|d| d.as_str()),
        "person": i.person,
        "role": i.role,
    })
}

fn test_json(t: &TestCard) -> Value {
    json!({ "id": t.id().as_str(), "hypothesis": t.hypothesis, "state": t.state.key() })
}

/// The changes in words, the same on the command line and in the editor's comparison.
pub mod words {
    use super::Change;
    use crate::evidence::Evidence;

    /// 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, … 21st.
    pub fn ordinal(n: usize) -> String {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{n}{suffix}")
    }

    /// "moved up from 3rd to 1st of 4": a note's new place in an area of `of` notes.
    pub fn place(place: &Change<usize>, of: usize) -> String {
        let way = if place.after < place.before {
            "up"
        } else {
            "down"
        };
        format!(
            "moved {way} from {} to {} of {of}",
            ordinal(place.before),
            ordinal(place.after)
        )
    }

    /// "contradicts, survey, 2026-03-04, Ana": an evidence entry's stance, source, date and
    /// who, without its quote (each place quotes it its own way).
    pub fn evidence(e: &Evidence) -> String {
        let mut parts = vec![e.stance.key().to_owned(), e.source.label().to_lowercase()];
        if let Some(date) = &e.date {
            parts.push(date.as_str().to_owned());
        }
        if !e.who.trim().is_empty() {
            parts.push(e.who.trim().to_owned());
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_places_read_as_words() {
        let names: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .map(words::ordinal)
            .into();
        assert_eq!(
            names,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
        let up = Change {
            before: 3,
            after: 1,
        };
        assert_eq!(words::place(&up, 4), "moved up from 3rd to 1st of 4");
    }

    #[test]
    fn a_longest_run_in_order_is_found() {
        let run = |v: &[usize]| longest_increasing(v).into_iter().collect::<Vec<_>>();
        assert_eq!(run(&[]), Vec::<usize>::new());
        assert_eq!(run(&[1, 2, 3]), [0, 1, 2]);
        assert_eq!(run(&[3, 1, 2]), [1, 2]);
        assert_eq!(run(&[2, 3, 4, 1]), [0, 1, 2]);
        assert_eq!(run(&[5, 1, 4, 2, 3]).len(), 3);
    }

    #[test]
    fn a_canvas_equals_itself() {
        let mut c = Canvas::new();
        let p = c.add_item(Section::Pains, "p");
        let r = c.add_item(Section::PainRelievers, "r");
        c.link(r.as_str(), p.as_str()).unwrap();
        let d = diff(&c, &c);
        assert!(d.is_empty());
        assert_eq!(d.fit_before, d.fit_after);
        assert_eq!(d.to_json()["identical"], json!(true));
    }
}
