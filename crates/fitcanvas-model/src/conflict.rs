//! What a three-way merge could not settle, kept in the canvas so the merged file still loads:
//! a field changed two ways, something deleted on one side and changed on the other, one id
//! naming different things on each side, or a section reordered two ways.
//!
//! The canvas holds *ours* for every conflict and each conflict carries what *theirs* would put
//! there instead; the one exception is a thing deleted on one side and changed on the other,
//! which the canvas keeps in its changed form, so no edit is ever only in a conflict. Settling
//! a conflict ([`Canvas::resolve_conflict`]) either keeps ours (the canvas stays as it is, the
//! conflict goes) or applies theirs. Once none remain the
//! canvas saves without the `conflicts` field, byte for byte as if it had never had one.

use std::sync::Arc;

use serde_json::Value;

use crate::canvas::{Canvas, Item, ItemId};
use crate::evidence::{Interview, IsoDate, Learning, Status, TestCard, TestState};
use crate::section::{Kind, Section};

/// One side of a merge. *Ours* is the file being merged into (git's `%A`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeSide {
    Ours,
    Theirs,
}

impl MergeSide {
    pub fn key(self) -> &'static str {
        match self {
            MergeSide::Ours => "ours",
            MergeSide::Theirs => "theirs",
        }
    }

    pub fn from_key(key: &str) -> Option<MergeSide> {
        match key {
            "ours" => Some(MergeSide::Ours),
            "theirs" => Some(MergeSide::Theirs),
            _ => None,
        }
    }

    pub fn other(self) -> MergeSide {
        match self {
            MergeSide::Ours => MergeSide::Theirs,
            MergeSide::Theirs => MergeSide::Ours,
        }
    }
}

/// What a field conflict is about: the canvas itself, or the note, interview or test card
/// with this id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    Canvas,
    Note(ItemId),
    Interview(ItemId),
    Test(ItemId),
}

impl Owner {
    /// The id of the note, interview or test card; `None` for the canvas.
    pub fn id(&self) -> Option<&ItemId> {
        match self {
            Owner::Canvas => None,
            Owner::Note(id) | Owner::Interview(id) | Owner::Test(id) => Some(id),
        }
    }
}

/// A field that can change two ways. Each is spelled as its key in the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Canvas fields.
    Title,
    Customer,
    /// The canvas's notes or an interview's notes.
    Notes,
    /// Note fields.
    Text,
    Weight,
    Kind,
    Status,
    Votes,
    /// Interview fields.
    Date,
    Person,
    Role,
    /// Test card fields.
    Hypothesis,
    Test,
    Metric,
    Criteria,
    State,
    Learning,
    /// A field this build does not know, by its key.
    Unknown(String),
}

impl Field {
    /// The key in the file.
    pub fn key(&self) -> &str {
        match self {
            Field::Title => "title",
            Field::Customer => "customer",
            Field::Notes => "notes",
            Field::Text => "text",
            Field::Weight => "weight",
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Votes => "votes",
            Field::Date => "date",
            Field::Person => "person",
            Field::Role => "role",
            Field::Hypothesis => "hypothesis",
            Field::Test => "test",
            Field::Metric => "metric",
            Field::Criteria => "criteria",
            Field::State => "state",
            Field::Learning => "learning",
            Field::Unknown(key) => key,
        }
    }

    /// The fields a conflict may name for this kind of owner, by key. A key known to the
    /// format at that level but not listed (an id, links, evidence) never conflicts as a field.
    pub fn known(owner: &Owner) -> &'static [Field] {
        match owner {
            Owner::Canvas => &[Field::Title, Field::Customer, Field::Notes],
            Owner::Note(_) => &[
                Field::Text,
                Field::Weight,
                Field::Kind,
                Field::Status,
                Field::Votes,
            ],
            Owner::Interview(_) => &[Field::Date, Field::Person, Field::Role, Field::Notes],
            Owner::Test(_) => &[
                Field::Hypothesis,
                Field::Test,
                Field::Metric,
                Field::Criteria,
                Field::State,
                Field::Learning,
            ],
        }
    }
}

/// The value of a field on one side of a conflict, typed as the model holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    Weight(u8),
    Kind(Kind),
    Status(Status),
    Votes(u32),
    Date(Option<IsoDate>),
    State(TestState),
    Learning(Option<Learning>),
    /// An unknown field's value; `None` when the field is absent on that side.
    Unknown(Option<Value>),
}

/// A note, interview or test card that is not on the canvas (theirs's version of a conflict),
/// with where it would go.
#[derive(Debug, Clone, PartialEq)]
pub enum Entity {
    Note { section: Section, note: Item },
    Interview(Interview),
    Test(TestCard),
}

impl Entity {
    pub fn id(&self) -> &ItemId {
        match self {
            Entity::Note { note, .. } => note.id(),
            Entity::Interview(i) => i.id(),
            Entity::Test(t) => t.id(),
        }
    }
}

/// Theirs's version of something, and where it goes if it is kept: right after the first of
/// `after` (ids in its list, nearest first) still there, or first in its list if none is.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub entity: Entity,
    pub after: Vec<ItemId>,
}

/// One thing a merge could not settle. The canvas holds ours; the conflict says what theirs is.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// A field changed two ways. `base` is `None` when the owner is new on both sides.
    Field {
        owner: Owner,
        field: Field,
        base: Option<FieldValue>,
        ours: FieldValue,
        theirs: FieldValue,
    },
    /// One side deleted the note, interview or test card `id`, the other changed it. The canvas
    /// holds the changed version, so no edit is hidden in a conflict; keeping the side that
    /// deleted it deletes it (with the links to it).
    Deleted { id: ItemId, by: MergeSide },
    /// The two sides hold different things under one id (both added it, or both changed it in
    /// ways that cannot be merged field by field, such as moving a note to two sections). The
    /// canvas holds ours's; keeping theirs replaces it with theirs's.
    Clash { theirs: Placed },
    /// Both sides reordered the notes of a section, differently. The canvas holds ours's order;
    /// each list names the notes that both sides and the base have, in that side's order.
    Order {
        section: Section,
        ours: Vec<ItemId>,
        theirs: Vec<ItemId>,
    },
}

impl Conflict {
    /// The id of the note, interview or test card it concerns; `None` for canvas fields and
    /// section order.
    pub fn id(&self) -> Option<&ItemId> {
        match self {
            Conflict::Field { owner, .. } => owner.id(),
            Conflict::Deleted { id, .. } => Some(id),
            Conflict::Clash { theirs } => Some(theirs.entity.id()),
            Conflict::Order { .. } => None,
        }
    }

    /// Whether the conflict still refers to what is on the canvas. One that does not (the note
    /// was deleted since, say) has nothing left to settle; loading and resolving drop it.
    pub fn applies_to(&self, canvas: &Canvas) -> bool {
        match self {
            Conflict::Field {
                owner,
                field,
                ours,
                theirs,
                ..
            } => {
                let kind_fits = |id: &ItemId| match canvas.item_in_section(id.as_str()) {
                    // Weight and kind exist only on customer notes, and a kind in one section.
                    Some((section, _)) => {
                        let fits = |v: &FieldValue| match v {
                            FieldValue::Kind(k) => k.section() == section,
                            _ => true,
                        };
                        (section.is_customer() || !matches!(field, Field::Weight | Field::Kind))
                            && fits(ours)
                            && fits(theirs)
                    }
                    None => false,
                };
                match owner {
                    Owner::Canvas => true,
                    Owner::Note(id) => kind_fits(id),
                    Owner::Interview(id) => canvas.interview(id.as_str()).is_some(),
                    Owner::Test(id) => canvas.test(id.as_str()).is_some(),
                }
            }
            Conflict::Deleted { id, .. } => has_id(canvas, id.as_str()),
            Conflict::Clash { theirs } => has_id(canvas, theirs.entity.id().as_str()),
            Conflict::Order { .. } => true,
        }
    }
}

/// Why a conflict could not be settled the way asked. The canvas is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no conflict {0}")]
    NoSuchConflict(usize),
    #[error("theirs's value no longer fits: {0}")]
    DoesNotFit(String),
}

fn has_id(canvas: &Canvas, id: &str) -> bool {
    canvas.locate(id).is_some() || canvas.interview(id).is_some() || canvas.test(id).is_some()
}

impl Canvas {
    /// What a merge left to settle, in the order it was recorded.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// "3 unresolved conflicts" (or "1 unresolved conflict"); `None` when there are none.
    pub fn unresolved_conflicts(&self) -> Option<String> {
        match self.conflicts.len() {
            0 => None,
            1 => Some("1 unresolved conflict".to_owned()),
            n => Some(format!("{n} unresolved conflicts")),
        }
    }

    /// "Draft: 3 unresolved conflicts" while a merge has left conflicts to settle: what every
    /// picture and page made of the canvas says on it, so an unsettled merge never passes for
    /// a finished canvas.
    pub fn draft_mark(&self) -> Option<String> {
        self.unresolved_conflicts().map(|n| format!("Draft: {n}"))
    }

    /// Settles conflict `index`: `Ours` keeps the canvas as it is (also the way to accept an
    /// edit made by hand), `Theirs` applies theirs's side; for [`Conflict::Deleted`], keeping the
    /// side that deleted the thing deletes it. Conflicts that no longer apply
    /// afterwards (a field conflict of a note theirs deleted, say) go too. Returns the conflict.
    pub fn resolve_conflict(
        &mut self,
        index: usize,
        keep: MergeSide,
    ) -> Result<Conflict, ResolveError> {
        let conflict = self
            .conflicts
            .get(index)
            .cloned()
            .ok_or(ResolveError::NoSuchConflict(index))?;
        match (&conflict, keep) {
            // Keeping the side that deleted it deletes it, whichever side that is.
            (Conflict::Deleted { id, by }, keep) if *by == keep => {
                self.remove_anything(id.as_str())
                    .map_err(|e| ResolveError::DoesNotFit(e.to_string()))?;
            }
            (Conflict::Deleted { .. }, _) | (_, MergeSide::Ours) => {}
            (_, MergeSide::Theirs) => {
                let mut next = self.clone();
                next.apply_theirs(&conflict)?;
                *self = next;
            }
        }
        self.conflicts.remove(index);
        self.prune_conflicts();
        Ok(conflict)
    }

    /// Drops the conflicts that no longer refer to what is on the canvas.
    pub(crate) fn prune_conflicts(&mut self) {
        let conflicts = std::mem::take(&mut self.conflicts);
        self.conflicts = conflicts
            .into_iter()
            .filter(|c| c.applies_to(self))
            .collect();
    }

    fn apply_theirs(&mut self, conflict: &Conflict) -> Result<(), ResolveError> {
        match conflict {
            Conflict::Field {
                owner,
                field,
                theirs,
                ..
            } => self.set_field(owner, field, theirs.clone()),
            // Settled in `resolve_conflict`, which knows the side kept.
            Conflict::Deleted { .. } => Ok(()),
            Conflict::Clash { theirs } => {
                let id = theirs.entity.id().as_str();
                let replaced_in_place = match (&theirs.entity, self.locate(id)) {
                    (Entity::Note { section, note }, Some((s, i))) if *section == s => {
                        self.sections[s.index()][i] = Arc::new(note.clone());
                        true
                    }
                    (Entity::Interview(new), _) => {
                        match self.interviews.iter_mut().find(|i| i.id.as_str() == id) {
                            Some(old) => {
                                *old = new.clone();
                                true
                            }
                            None => false,
                        }
                    }
                    (Entity::Test(new), _) => {
                        match self.tests.iter_mut().find(|t| t.id.as_str() == id) {
                            Some(old) => {
                                *old = new.clone();
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                };
                if !replaced_in_place {
                    // Ours's thing under this id goes without taking references with it: they
                    // name the id, which theirs's thing now carries.
                    if let Some((s, i)) = self.locate(id) {
                        self.sections[s.index()].remove(i);
                    }
                    self.interviews.retain(|i| i.id.as_str() != id);
                    self.tests.retain(|t| t.id.as_str() != id);
                    self.place(theirs);
                }
                drop_dangling_references(self);
                Ok(())
            }
            Conflict::Order {
                section, theirs, ..
            } => {
                apply_order(&mut self.sections[section.index()], theirs);
                Ok(())
            }
        }
    }

    fn set_field(
        &mut self,
        owner: &Owner,
        field: &Field,
        value: FieldValue,
    ) -> Result<(), ResolveError> {
        let misfit = || {
            ResolveError::DoesNotFit(format!(
                "{} of {}",
                field.key(),
                owner.id().map_or("the canvas", |id| id.as_str())
            ))
        };
        match owner {
            Owner::Canvas => {
                match (field, value) {
                    (Field::Title, FieldValue::Text(t)) => self.title = t,
                    (Field::Customer, FieldValue::Text(t)) => self.customer = t,
                    (Field::Notes, FieldValue::Text(t)) => self.notes = t,
                    (Field::Unknown(key), FieldValue::Unknown(v)) => {
                        set_extra(&mut self.extra, key, v)
                    }
                    _ => return Err(misfit()),
                }
                Ok(())
            }
            Owner::Note(id) => {
                let (section, index) = self.locate(id.as_str()).ok_or_else(misfit)?;
                let item = Arc::make_mut(&mut self.sections[section.index()][index]);
                match (field, value) {
                    (Field::Text, FieldValue::Text(t)) => item.text = t,
                    (Field::Weight, FieldValue::Weight(w))
                        if section.is_customer()
                            && (crate::canvas::MIN_WEIGHT..=crate::canvas::MAX_WEIGHT)
                                .contains(&w) =>
                    {
                        item.weight = w
                    }
                    (Field::Kind, FieldValue::Kind(k)) if k.section() == section => {
                        item.kind = Some(k)
                    }
                    (Field::Status, FieldValue::Status(s)) => item.status = s,
                    (Field::Votes, FieldValue::Votes(v)) => item.votes = v,
                    (Field::Unknown(key), FieldValue::Unknown(v)) => {
                        set_extra(&mut item.extra, key, v)
                    }
                    _ => return Err(misfit()),
                }
                Ok(())
            }
            Owner::Interview(id) => {
                let iv = self
                    .interviews
                    .iter_mut()
                    .find(|i| i.id == *id)
                    .ok_or_else(misfit)?;
                match (field, value) {
                    (Field::Date, FieldValue::Date(d)) => iv.date = d,
                    (Field::Person, FieldValue::Text(t)) => iv.person = t,
                    (Field::Role, FieldValue::Text(t)) => iv.role = t,
                    (Field::Notes, FieldValue::Text(t)) => iv.notes = t,
                    (Field::Unknown(key), FieldValue::Unknown(v)) => {
                        set_extra(&mut iv.extra, key, v)
                    }
                    _ => return Err(misfit()),
                }
                Ok(())
            }
            Owner::Test(id) => {
                let t = self
                    .tests
                    .iter_mut()
                    .find(|t| t.id == *id)
                    .ok_or_else(misfit)?;
                match (field, value) {
                    (Field::Hypothesis, FieldValue::Text(v)) => t.hypothesis = v,
                    (Field::Test, FieldValue::Text(v)) => t.test = v,
                    (Field::Metric, FieldValue::Text(v)) => t.metric = v,
                    (Field::Criteria, FieldValue::Text(v)) => t.criteria = v,
                    (Field::State, FieldValue::State(s)) => t.state = s,
                    (Field::Learning, FieldValue::Learning(l)) => t.learning = l,
                    (Field::Unknown(key), FieldValue::Unknown(v)) => {
                        set_extra(&mut t.extra, key, v)
                    }
                    _ => return Err(misfit()),
                }
                Ok(())
            }
        }
    }

    /// Removes the note, interview or test card `id`, and every reference to it.
    fn remove_anything(&mut self, id: &str) -> Result<(), crate::canvas::EditError> {
        if self.locate(id).is_some() {
            self.remove_item(id).map(|_| ())
        } else if self.interview(id).is_some() {
            self.remove_interview(id).map(|_| ())
        } else {
            self.remove_test(id).map(|_| ())
        }
    }

    /// Puts a note, interview or test card into its list after the first of its `after` ids
    /// still there.
    fn place(&mut self, placed: &Placed) {
        let after = |ids: &mut dyn Iterator<Item = &ItemId>| -> usize {
            let ids: Vec<&ItemId> = ids.collect();
            placed
                .after
                .iter()
                .find_map(|a| ids.iter().position(|id| *id == a).map(|p| p + 1))
                .unwrap_or(0)
        };
        match &placed.entity {
            Entity::Note { section, note } => {
                let list = &mut self.sections[section.index()];
                let at = after(&mut list.iter().map(|i| &i.id));
                list.insert(at, Arc::new(note.clone()));
            }
            Entity::Interview(iv) => {
                let at = after(&mut self.interviews.iter().map(|i| &i.id));
                self.interviews.insert(at, iv.clone());
            }
            Entity::Test(t) => {
                let at = after(&mut self.tests.iter().map(|t| &t.id));
                self.tests.insert(at, t.clone());
            }
        }
    }
}

fn set_extra(map: &mut serde_json::Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            map.insert(key.to_owned(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// Reorders a section so that the notes named in `order` come in that order; every other note
/// stays right after the named note it followed (or first, if it followed none).
pub(crate) fn apply_order(list: &mut [Arc<Item>], order: &[ItemId]) {
    let rank = |id: &ItemId| order.iter().position(|o| o == id);
    let mut anchor: Option<usize> = None;
    let mut keyed: Vec<(Option<usize>, usize)> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        if let Some(r) = rank(&item.id) {
            anchor = Some(r);
        }
        keyed.push((anchor, i));
    }
    // A stable sort keeps each note's followers in the order they had.
    keyed.sort_by_key(|(anchor, _)| *anchor);
    let reordered: Vec<Arc<Item>> = keyed.iter().map(|(_, i)| list[*i].clone()).collect();
    list.clone_from_slice(&reordered);
}

/// Removes every reference that names nothing fitting on the canvas: links to missing notes or
/// notes of the wrong section, test items that are no note, and citations of missing
/// interviews. A merge or a restored note can leave such references; the file format cannot.
pub(crate) fn drop_dangling_references(canvas: &mut Canvas) {
    use std::collections::{HashMap, HashSet};
    let sections: HashMap<ItemId, Section> = canvas
        .all_items()
        .map(|(s, item)| (item.id.clone(), s))
        .collect();
    let interviews: HashSet<ItemId> = canvas.interviews.iter().map(|i| i.id.clone()).collect();
    for section in Section::ALL {
        for item in &mut canvas.sections[section.index()] {
            let target = section.addresses();
            let mut seen = HashSet::new();
            let links_fit = item.addresses.iter().all(|a| {
                target.is_some() && sections.get(a) == target.as_ref() && seen.insert(a.clone())
            });
            let citations_fit = item
                .evidence
                .iter()
                .all(|e| e.interview.as_ref().is_none_or(|i| interviews.contains(i)));
            if links_fit && citations_fit {
                continue;
            }
            let item = Arc::make_mut(item);
            let mut seen = HashSet::new();
            item.addresses.retain(|a| {
                target.is_some() && sections.get(a) == target.as_ref() && seen.insert(a.clone())
            });
            for e in &mut item.evidence {
                if e.interview
                    .as_ref()
                    .is_some_and(|i| !interviews.contains(i))
                {
                    e.interview = None;
                }
            }
        }
    }
    for test in &mut canvas.tests {
        let mut seen = HashSet::new();
        test.items
            .retain(|i| sections.contains_key(i) && seen.insert(i.clone()));
    }
}
