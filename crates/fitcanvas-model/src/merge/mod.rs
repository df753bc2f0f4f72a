//! Three-way merge of canvases: the changes two people made to copies of one canvas (the
//! base), put together. Notes, interviews and test cards are matched by id and merged field by
//! field; links, test items and evidence entries are merged as sets (evidence has no ids, so an
//! entry is matched by its whole content); what cannot be settled is recorded as a
//! [`Conflict`] in the result, which holds ours's side of each, so the result is always a valid
//! canvas.
//!
//! Order, in a section (and likewise in the interview log, the test cards, a note's links and
//! its evidence): the things that base and both sides all have keep the order of the side that
//! reordered them (ours's if both did, which for a section is an [`Conflict::Order`]). Anything
//! else goes right after the thing it follows on its own side; several at one spot come in
//! their side's order, the side whose first id sorts first leading, so the rule does not depend
//! on which side is ours.

mod both_added;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::canvas::{Canvas, Item, ItemId};
use crate::conflict::{
    Conflict, Entity, Field, FieldValue, MergeSide, Owner, Placed, drop_dangling_references,
};
use crate::evidence::{Evidence, EvidenceId, Interview, TestCard};
use crate::section::Section;

/// Merges `ours` and `theirs`, both changed from `base`. The result's
/// [`Canvas::conflicts`] lists what could not be settled (empty for a clean merge), after
/// any conflicts the inputs still carried. What both sides added under one id stays twice,
/// one of the two under a fresh id (see [`both_added`]).
pub fn merge(base: &Canvas, ours: &Canvas, theirs: &Canvas) -> Canvas {
    let (ours, theirs) = both_added::keep_both(base, ours, theirs);
    merge_matched(base, &ours, &theirs, false)
}

/// Merges two versions of a canvas without their common ancestor (what git's conflict markers
/// hold unless it was asked for the ancestor too; see [`crate::markers`]). Nothing can tell an
/// edit from the original, so every field the two hold differently is a conflict holding
/// ours; what only one holds is kept (it may have been added there or deleted on the other
/// side: keeping loses nothing); links, test items and evidence are the union of both; a
/// section the two order differently is an order conflict.
pub fn merge_two_way(ours: &Canvas, theirs: &Canvas) -> Canvas {
    merge_matched(&Canvas::new(), ours, theirs, true)
}

/// The merge of three canvases whose ids each name one thing; with `two_way`, `base` is empty
/// and stands for an ancestor nobody knows.
fn merge_matched(base: &Canvas, ours: &Canvas, theirs: &Canvas, two_way: bool) -> Canvas {
    let mut m = Merger {
        two_way,
        ..Merger::default()
    };
    let mut out = Canvas {
        title: m.pick(
            &Owner::Canvas,
            Field::Title,
            &base.title,
            &ours.title,
            &theirs.title,
            FieldValue::Text,
        ),
        customer: m.pick(
            &Owner::Canvas,
            Field::Customer,
            &base.customer,
            &ours.customer,
            &theirs.customer,
            FieldValue::Text,
        ),
        notes: m.pick(
            &Owner::Canvas,
            Field::Notes,
            &base.notes,
            &ours.notes,
            &theirs.notes,
            FieldValue::Text,
        ),
        extra: m.extra(&Owner::Canvas, &base.extra, &ours.extra, &theirs.extra),
        ..Canvas::default()
    };

    let sides = [base, ours, theirs];
    let index = sides.map(Index::of);
    let mut ids: Vec<&ItemId> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for canvas in sides {
        for id in all_ids(canvas) {
            if seen.insert(id.as_str()) {
                ids.push(id);
            }
        }
    }
    let mut outcomes: HashMap<ItemId, Outcome> = HashMap::with_capacity(ids.len());
    for id in ids {
        let [b, o, t] = [0, 1, 2].map(|i| index[i].get(id.as_str()));
        let outcome = m.entity(id, b, o, t, ours, theirs);
        outcomes.insert(id.clone(), outcome);
    }

    // Each list is ordered over everything that either way of settling the conflicts could put
    // in it, so a conflict can say where theirs's version goes.
    let mut placements: HashMap<ItemId, Vec<ItemId>> = HashMap::new();
    for section in Section::ALL {
        let list = List::Section(section);
        let seq = |c: &Canvas| {
            c.items(section)
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        let (order, mut reordered) = m.order_list(
            list,
            [m.order_base(seq(base), seq(theirs)), seq(ours), seq(theirs)],
            &outcomes,
            &mut placements,
        );
        if m.two_way {
            reordered = two_way_reordering(&seq(ours), &seq(theirs));
        }
        out.sections[section.index()] = order
            .into_iter()
            .filter_map(|id| match outcomes.get(&id).and_then(|o| o.kept.as_ref()) {
                Some(Entity::Note { section: s, note }) if *s == section => {
                    Some(Arc::new(note.clone()))
                }
                _ => None,
            })
            .collect();
        if let Some((ours, theirs)) = reordered {
            m.conflicts.push(Conflict::Order {
                section,
                ours,
                theirs,
            });
        }
    }
    out.interviews = m.kept_in(
        List::Interviews,
        [base, ours, theirs].map(|c| c.interviews.iter().map(|i| i.id.clone()).collect()),
        &outcomes,
        &mut placements,
        |e| match e {
            Entity::Interview(i) => Some(i.clone()),
            _ => None,
        },
    );
    out.tests = m.kept_in(
        List::Tests,
        [base, ours, theirs].map(|c| c.tests.iter().map(|t| t.id.clone()).collect()),
        &outcomes,
        &mut placements,
        |e| match e {
            Entity::Test(t) => Some(t.clone()),
            _ => None,
        },
    );

    // The entity conflicts, in the order their ids were first seen, after the field conflicts.
    let mut entity_conflicts: Vec<(usize, Conflict)> = Vec::new();
    for (id, outcome) in &outcomes {
        let conflict = match (outcome.pending, &outcome.alt) {
            (Pending::DeletedBy(by), _) => Conflict::Deleted { id: id.clone(), by },
            (Pending::Clash, Some(theirs)) => Conflict::Clash {
                theirs: Placed {
                    entity: theirs.clone(),
                    after: placements.get(id).cloned().unwrap_or_default(),
                },
            },
            _ => continue,
        };
        entity_conflicts.push((outcome.first_seen, conflict));
    }
    entity_conflicts.sort_by_key(|(seen, _)| *seen);

    drop_dangling_references(&mut out);

    // Conflicts the inputs carried merge like evidence; the new ones follow.
    let keys = |c: &Canvas| occurrence_keys(c.conflicts.iter().map(|c| format!("{c:?}")));
    let (kb, ko, kt) = (keys(base), keys(ours), keys(theirs));
    let mut earlier: HashMap<String, Conflict> = HashMap::new();
    for (canvas, keys) in [(ours, &ko), (theirs, &kt)] {
        for (key, conflict) in keys.iter().zip(&canvas.conflicts) {
            earlier
                .entry(key.clone())
                .or_insert_with(|| conflict.clone());
        }
    }
    let member = set_rule(&kb, &ko, &kt);
    let (kept, _) = merge_order(&kb, &ko, &kt, |k| member(k));
    out.conflicts = kept
        .into_iter()
        .filter_map(|k| earlier.remove(&k))
        .collect();
    out.conflicts.append(&mut m.conflicts);
    out.conflicts
        .extend(entity_conflicts.into_iter().map(|(_, c)| c));
    out.prune_conflicts();
    out
}

/// Which list a thing lives in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Section(Section),
    Interviews,
    Tests,
}

fn list_of(e: &Entity) -> List {
    match e {
        Entity::Note { section, .. } => List::Section(*section),
        Entity::Interview(_) => List::Interviews,
        Entity::Test(_) => List::Tests,
    }
}

/// A note, interview or test card as one side has it.
#[derive(Clone, Copy)]
enum Ent<'a> {
    Note(Section, &'a Item),
    Interview(&'a Interview),
    Test(&'a TestCard),
}

impl Ent<'_> {
    fn owned(self) -> Entity {
        match self {
            Ent::Note(section, note) => Entity::Note {
                section,
                note: note.clone(),
            },
            Ent::Interview(i) => Entity::Interview(i.clone()),
            Ent::Test(t) => Entity::Test(t.clone()),
        }
    }

    fn of(e: &Entity) -> Ent<'_> {
        match e {
            Entity::Note { section, note } => Ent::Note(*section, note),
            Entity::Interview(i) => Ent::Interview(i),
            Entity::Test(t) => Ent::Test(t),
        }
    }

    /// Whether both are notes of one section, both interviews or both test cards.
    fn same_place(self, other: Ent<'_>) -> bool {
        match (self, other) {
            (Ent::Note(s, _), Ent::Note(t, _)) => s == t,
            (Ent::Interview(_), Ent::Interview(_)) | (Ent::Test(_), Ent::Test(_)) => true,
            _ => false,
        }
    }

    /// This one without links, test items or evidence.
    fn emptied(self) -> Entity {
        let mut e = self.owned();
        match &mut e {
            Entity::Note { note, .. } => {
                note.addresses.clear();
                note.evidence.clear();
            }
            Entity::Test(t) => t.items.clear(),
            Entity::Interview(_) => {}
        }
        e
    }

    fn same(self, other: Ent<'_>) -> bool {
        match (self, other) {
            (Ent::Note(s, a), Ent::Note(t, b)) => s == t && a == b,
            (Ent::Interview(a), Ent::Interview(b)) => a == b,
            (Ent::Test(a), Ent::Test(b)) => a == b,
            _ => false,
        }
    }

    /// This one (a base version) with the references dropped that name nothing in `canvas`:
    /// what deleting those things there did to it without anyone editing it.
    fn without_references_missing_from(self, canvas: &Canvas) -> Entity {
        let mut e = self.owned();
        match &mut e {
            Entity::Note { note, .. } => {
                note.addresses
                    .retain(|a| canvas.locate(a.as_str()).is_some());
                for entry in &mut note.evidence {
                    if entry
                        .interview
                        .as_ref()
                        .is_some_and(|i| canvas.interview(i.as_str()).is_none())
                    {
                        entry.interview = None;
                    }
                }
            }
            Entity::Test(t) => t.items.retain(|i| canvas.locate(i.as_str()).is_some()),
            Entity::Interview(_) => {}
        }
        e
    }
}

fn same_entity(a: &Entity, b: Ent<'_>) -> bool {
    match (a, b) {
        (Entity::Note { section, note }, Ent::Note(s, n)) => *section == s && note == n,
        (Entity::Interview(a), Ent::Interview(b)) => a == b,
        (Entity::Test(a), Ent::Test(b)) => a == b,
        _ => false,
    }
}

/// Every id of a canvas, in file order.
fn all_ids(canvas: &Canvas) -> impl Iterator<Item = &ItemId> {
    canvas
        .all_items()
        .map(|(_, item)| &item.id)
        .chain(canvas.interviews.iter().map(|i| &i.id))
        .chain(canvas.tests.iter().map(|t| &t.id))
}

/// A canvas's things by id.
struct Index<'a>(HashMap<&'a str, Ent<'a>>);

impl<'a> Index<'a> {
    fn of(canvas: &'a Canvas) -> Index<'a> {
        let mut map = HashMap::new();
        for (section, item) in canvas.all_items() {
            map.insert(item.id.as_str(), Ent::Note(section, item));
        }
        for i in &canvas.interviews {
            map.insert(i.id.as_str(), Ent::Interview(i));
        }
        for t in &canvas.tests {
            map.insert(t.id.as_str(), Ent::Test(t));
        }
        Index(map)
    }

    fn get(&self, id: &str) -> Option<Ent<'a>> {
        self.0.get(id).copied()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    DeletedBy(MergeSide),
    Clash,
}

/// What becomes of one id: what the merged canvas holds (`kept`, ours's side of any
/// conflict) and theirs's version where settling the conflict the other way would differ.
struct Outcome {
    kept: Option<Entity>,
    alt: Option<Entity>,
    pending: Pending,
    /// For a stable order of conflicts.
    first_seen: usize,
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    seen: usize,
    /// No ancestor (see [`merge_two_way`]): values that differ conflict, sets are unions.
    two_way: bool,
}

impl Merger {
    /// The three-way rule for one value: a side that left it as it was takes the other's.
    /// Two-way, different values are a conflict.
    fn pick<T: PartialEq + Clone>(
        &mut self,
        owner: &Owner,
        field: Field,
        base: &T,
        ours: &T,
        theirs: &T,
        wrap: fn(T) -> FieldValue,
    ) -> T {
        if self.two_way {
            if ours != theirs {
                // The file writes an unknown field's missing base as absent, which reads back
                // as "absent in the base": the same thing said the way it reads back.
                let base = matches!(field, Field::Unknown(_)).then_some(FieldValue::Unknown(None));
                self.conflicts.push(Conflict::Field {
                    owner: owner.clone(),
                    field,
                    base,
                    ours: wrap(ours.clone()),
                    theirs: wrap(theirs.clone()),
                });
            }
            return ours.clone();
        }
        if ours == base {
            theirs.clone()
        } else if theirs == base || ours == theirs {
            ours.clone()
        } else {
            self.conflicts.push(Conflict::Field {
                owner: owner.clone(),
                field,
                base: Some(wrap(base.clone())),
                ours: wrap(ours.clone()),
                theirs: wrap(theirs.clone()),
            });
            ours.clone()
        }
    }

    /// The order a list is merged against. Two-way there is none: theirs's stands in, so ours's
    /// order is kept and each side's own things go after what they follow there.
    fn order_base(&self, base: Vec<ItemId>, theirs: Vec<ItemId>) -> Vec<ItemId> {
        if self.two_way { theirs } else { base }
    }

    /// Unknown fields, key by key; a field absent on a side is `None` there.
    fn extra(
        &mut self,
        owner: &Owner,
        base: &Map<String, Value>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let keys: std::collections::BTreeSet<&String> = base
            .keys()
            .chain(ours.keys())
            .chain(theirs.keys())
            .collect();
        let mut out = Map::new();
        for key in keys {
            let [b, o, t] = [base, ours, theirs].map(|m| m.get(key).cloned());
            if let Some(v) = self.pick(
                owner,
                Field::Unknown(key.clone()),
                &b,
                &o,
                &t,
                FieldValue::Unknown,
            ) {
                out.insert(key.clone(), v);
            }
        }
        out
    }

    fn entity(
        &mut self,
        id: &ItemId,
        b: Option<Ent<'_>>,
        o: Option<Ent<'_>>,
        t: Option<Ent<'_>>,
        ours: &Canvas,
        theirs: &Canvas,
    ) -> Outcome {
        self.seen += 1;
        let first_seen = self.seen;
        let outcome = |kept: Option<Ent<'_>>, alt: Option<Ent<'_>>, pending| Outcome {
            kept: kept.map(Ent::owned),
            alt: alt.map(Ent::owned),
            pending,
            first_seen,
        };
        match (b, o, t) {
            (Some(b), Some(o), Some(t)) => {
                if o.same(b) {
                    outcome(Some(t), None, Pending::None)
                } else if t.same(b) || o.same(t) {
                    outcome(Some(o), None, Pending::None)
                } else {
                    match self.fields(id, b, o, t) {
                        Some(merged) => Outcome {
                            kept: Some(merged),
                            alt: None,
                            pending: Pending::None,
                            first_seen,
                        },
                        None => outcome(Some(o), Some(t), Pending::Clash),
                    }
                }
            }
            (Some(b), Some(o), None) => {
                if same_entity(&b.without_references_missing_from(ours), o) {
                    outcome(None, None, Pending::None)
                } else {
                    outcome(Some(o), None, Pending::DeletedBy(MergeSide::Theirs))
                }
            }
            (Some(b), None, Some(t)) => {
                if same_entity(&b.without_references_missing_from(theirs), t) {
                    outcome(None, None, Pending::None)
                } else {
                    outcome(Some(t), None, Pending::DeletedBy(MergeSide::Ours))
                }
            }
            (None, Some(o), Some(t)) if !o.same(t) => {
                // Two-way, one id is one thing: merged field by field against a stand-in
                // ancestor without links, test items or evidence, so those are unions.
                let twin = self.two_way.then(|| o.emptied());
                match twin.as_ref().filter(|_| o.same_place(t)) {
                    Some(twin) => match self.fields(id, Ent::of(twin), o, t) {
                        Some(merged) => Outcome {
                            kept: Some(merged),
                            alt: None,
                            pending: Pending::None,
                            first_seen,
                        },
                        None => outcome(Some(o), Some(t), Pending::Clash),
                    },
                    None => outcome(Some(o), Some(t), Pending::Clash),
                }
            }
            (_, Some(o), _) => outcome(Some(o), None, Pending::None),
            (_, None, t) => outcome(t, None, Pending::None),
        }
    }

    /// Field-by-field merge of one thing changed on both sides. `None` when it cannot be done
    /// that way: the sides made it different kinds of thing, or moved a note two ways.
    fn fields(&mut self, id: &ItemId, b: Ent<'_>, o: Ent<'_>, t: Ent<'_>) -> Option<Entity> {
        // Field conflicts are kept only if the whole thing merges field by field.
        let before = self.conflicts.len();
        let merged = match (b, o, t) {
            (Ent::Note(bs, b), Ent::Note(os, o), Ent::Note(ts, t)) => {
                let section = if os == bs {
                    ts
                } else if ts == bs || os == ts {
                    os
                } else {
                    return None;
                };
                Some(Entity::Note {
                    section,
                    note: self.note(id, section, (bs, b), (os, o), (ts, t)),
                })
            }
            (Ent::Interview(b), Ent::Interview(o), Ent::Interview(t)) => {
                let owner = Owner::Interview(id.clone());
                Some(Entity::Interview(Interview {
                    id: id.clone(),
                    date: self.pick(
                        &owner,
                        Field::Date,
                        &b.date,
                        &o.date,
                        &t.date,
                        FieldValue::Date,
                    ),
                    person: self.pick(
                        &owner,
                        Field::Person,
                        &b.person,
                        &o.person,
                        &t.person,
                        FieldValue::Text,
                    ),
                    role: self.pick(
                        &owner,
                        Field::Role,
                        &b.role,
                        &o.role,
                        &t.role,
                        FieldValue::Text,
                    ),
                    notes: self.pick(
                        &owner,
                        Field::Notes,
                        &b.notes,
                        &o.notes,
                        &t.notes,
                        FieldValue::Text,
                    ),
                    extra: self.extra(&owner, &b.extra, &o.extra, &t.extra),
                }))
            }
            (Ent::Test(b), Ent::Test(o), Ent::Test(t)) => {
                let owner = Owner::Test(id.clone());
                let text = |m: &mut Merger, field, f: fn(&TestCard) -> &String| {
                    m.pick(&owner, field, f(b), f(o), f(t), FieldValue::Text)
                };
                Some(Entity::Test(TestCard {
                    id: id.clone(),
                    hypothesis: text(self, Field::Hypothesis, |c| &c.hypothesis),
                    test: text(self, Field::Test, |c| &c.test),
                    metric: text(self, Field::Metric, |c| &c.metric),
                    criteria: text(self, Field::Criteria, |c| &c.criteria),
                    items: merge_set(&b.items, &o.items, &t.items),
                    state: self.pick(
                        &owner,
                        Field::State,
                        &b.state,
                        &o.state,
                        &t.state,
                        FieldValue::State,
                    ),
                    learning: self.pick(
                        &owner,
                        Field::Learning,
                        &b.learning,
                        &o.learning,
                        &t.learning,
                        FieldValue::Learning,
                    ),
                    extra: self.extra(&owner, &b.extra, &o.extra, &t.extra),
                }))
            }
            _ => None,
        };
        if merged.is_none() {
            self.conflicts.truncate(before);
        }
        merged
    }

    fn note(
        &mut self,
        id: &ItemId,
        section: Section,
        (bs, b): (Section, &Item),
        (os, o): (Section, &Item),
        (_, t): (Section, &Item),
    ) -> Item {
        let owner = Owner::Note(id.clone());
        let mut item = Item::new(section, id.clone(), String::new());
        item.text = self.pick(
            &owner,
            Field::Text,
            &b.text,
            &o.text,
            &t.text,
            FieldValue::Text,
        );
        if section.is_customer() {
            // A note one side moved takes that side's kind and weight, which fit where it went.
            if section != bs {
                let mover = if os == section { o } else { t };
                item.weight = mover.weight;
                item.kind = mover
                    .kind
                    .filter(|k| k.section() == section)
                    .or(section.default_kind());
            } else {
                item.weight = self.pick(
                    &owner,
                    Field::Weight,
                    &b.weight,
                    &o.weight,
                    &t.weight,
                    FieldValue::Weight,
                );
                let kind = |i: &Item| {
                    i.kind
                        .filter(|k| k.section() == section)
                        .or(section.default_kind())
                };
                let (kb, ko, kt) = (kind(b), kind(o), kind(t));
                item.kind = match (kb, ko, kt) {
                    (Some(kb), Some(ko), Some(kt)) => {
                        Some(self.pick(&owner, Field::Kind, &kb, &ko, &kt, FieldValue::Kind))
                    }
                    _ => section.default_kind(),
                };
            }
        } else {
            item.addresses = merge_set(&b.addresses, &o.addresses, &t.addresses);
        }
        item.status = self.pick(
            &owner,
            Field::Status,
            &b.status,
            &o.status,
            &t.status,
            FieldValue::Status,
        );
        item.votes = self.pick(
            &owner,
            Field::Votes,
            &b.votes,
            &o.votes,
            &t.votes,
            FieldValue::Votes,
        );
        item.evidence = merge_evidence(&b.evidence, &o.evidence, &t.evidence);
        item.extra = self.extra(&owner, &b.extra, &o.extra, &t.extra);
        item
    }

    /// What a list of the canvas other than a section holds once merged, in order: the
    /// things kept in it (`take` picks its kind out of a kept thing). `[base, ours, theirs]`
    /// are the ids each side's list holds.
    fn kept_in<T>(
        &mut self,
        list: List,
        [base, ours, theirs]: [Vec<ItemId>; 3],
        outcomes: &HashMap<ItemId, Outcome>,
        placements: &mut HashMap<ItemId, Vec<ItemId>>,
        take: fn(&Entity) -> Option<T>,
    ) -> Vec<T> {
        let base = self.order_base(base, theirs.clone());
        let (order, _) = self.order_list(list, [base, ours, theirs], outcomes, placements);
        order
            .into_iter()
            .filter_map(|id| {
                outcomes
                    .get(&id)
                    .and_then(|o| o.kept.as_ref())
                    .and_then(take)
            })
            .collect()
    }

    /// Orders one list over everything that could end up in it, and records where each thing
    /// that is only theirs's side of a conflict would go. Returns the order and, when both
    /// sides reordered the shared things differently, ours's and theirs's order of them.
    #[allow(clippy::type_complexity)]
    fn order_list(
        &mut self,
        list: List,
        [base, ours, theirs]: [Vec<ItemId>; 3],
        outcomes: &HashMap<ItemId, Outcome>,
        placements: &mut HashMap<ItemId, Vec<ItemId>>,
    ) -> (Vec<ItemId>, Option<(Vec<ItemId>, Vec<ItemId>)>) {
        let in_list = |e: &Option<Entity>| e.as_ref().is_some_and(|e| list_of(e) == list);
        let kept = |id: &ItemId| outcomes.get(id).is_some_and(|o| in_list(&o.kept));
        let member = |id: &ItemId| {
            outcomes
                .get(id)
                .is_some_and(|o| in_list(&o.kept) || in_list(&o.alt))
        };
        let (order, reordered) = merge_order(&base, &ours, &theirs, member);
        // Theirs's version, where it is not what the canvas holds in this list, is placed
        // after the things before it, up to the first that no conflict can take away.
        for (i, id) in order.iter().enumerate() {
            let Some(outcome) = outcomes.get(id) else {
                continue;
            };
            if !in_list(&outcome.alt) || (kept(id) && outcome.pending != Pending::Clash) {
                continue;
            }
            let mut after = Vec::new();
            for before in order[..i].iter().rev() {
                after.push(before.clone());
                if kept(before)
                    && outcomes
                        .get(before)
                        .is_some_and(|o| o.pending == Pending::None)
                {
                    break;
                }
            }
            placements.insert(id.clone(), after);
        }
        (order, reordered)
    }
}

/// Two-way, a section's order conflicts when the notes both sides hold come in different orders.
#[allow(clippy::type_complexity)]
fn two_way_reordering(ours: &[ItemId], theirs: &[ItemId]) -> Option<(Vec<ItemId>, Vec<ItemId>)> {
    let (in_o, in_t): (HashSet<&ItemId>, HashSet<&ItemId>) =
        (ours.iter().collect(), theirs.iter().collect());
    let os: Vec<ItemId> = ours.iter().filter(|i| in_t.contains(i)).cloned().collect();
    let ts: Vec<ItemId> = theirs
        .iter()
        .filter(|i| in_o.contains(i))
        .cloned()
        .collect();
    (os != ts).then_some((os, ts))
}

/// A key per entry: the entry itself and which occurrence of it this is, so two equal entries
/// in one list stay two.
fn occurrence_keys(entries: impl Iterator<Item = String>) -> Vec<String> {
    let mut count: HashMap<String, usize> = HashMap::new();
    entries
        .map(|e| {
            let n = count.entry(e.clone()).or_default();
            *n += 1;
            format!("{e}#{n}")
        })
        .collect()
}

/// Present in the result: kept by both sides if the base had it, added by either if not.
fn set_rule<'a, K: Eq + Hash>(
    base: &'a [K],
    ours: &'a [K],
    theirs: &'a [K],
) -> impl Fn(&K) -> bool + 'a {
    let [b, o, t] = [base, ours, theirs].map(|l| l.iter().collect::<HashSet<&K>>());
    move |k| {
        if b.contains(k) {
            o.contains(k) && t.contains(k)
        } else {
            o.contains(k) || t.contains(k)
        }
    }
}

fn merge_set<K: Ord + Hash + Clone>(base: &[K], ours: &[K], theirs: &[K]) -> Vec<K> {
    let member = set_rule(base, ours, theirs);
    merge_order(base, ours, theirs, member).0
}

/// Evidence entries matched by content: one added the same on both sides is one entry; one
/// edited on a side is its old form removed and its new form added.
fn merge_evidence(base: &[Evidence], ours: &[Evidence], theirs: &[Evidence]) -> Vec<Evidence> {
    // By content: an entry's id only numbers it within its note, in whichever file it came from.
    let content = |e: &Evidence| {
        let mut e = e.clone();
        e.id = EvidenceId::default();
        format!("{e:?}")
    };
    let keys = |list: &[Evidence]| occurrence_keys(list.iter().map(content));
    let (kb, ko, kt) = (keys(base), keys(ours), keys(theirs));
    let mut entries: HashMap<&String, &Evidence> = HashMap::new();
    for (keys, list) in [(&kb, base), (&ko, ours), (&kt, theirs)] {
        for (k, e) in keys.iter().zip(list) {
            entries.entry(k).or_insert(e);
        }
    }
    let member = set_rule(&kb, &ko, &kt);
    let (order, _) = merge_order(&kb, &ko, &kt, member);
    // Numbered afresh, so edits can name each entry of the merged note.
    order
        .iter()
        .filter_map(|k| entries.get(k).map(|e| (*e).clone()))
        .zip(1..)
        .map(|(mut e, n)| {
            e.id = EvidenceId(n);
            e
        })
        .collect()
}

/// The order rule of this module (see its documentation) for one list of keys, over the keys
/// `member` accepts. Returns the order and, if both sides reordered the keys all three share,
/// ours's and theirs's order of those (the result follows ours's).
#[allow(clippy::type_complexity)]
fn merge_order<K: Ord + Hash + Clone>(
    base: &[K],
    ours: &[K],
    theirs: &[K],
    member: impl Fn(&K) -> bool,
) -> (Vec<K>, Option<(Vec<K>, Vec<K>)>) {
    let in_o: HashSet<&K> = ours.iter().collect();
    let in_t: HashSet<&K> = theirs.iter().collect();
    let base_rank: HashMap<&K, usize> = base.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let shared: HashSet<&K> = base
        .iter()
        .filter(|k| in_o.contains(k) && in_t.contains(k) && member(k))
        .collect();
    let only_shared = |list: &[K]| {
        list.iter()
            .filter(|k| shared.contains(k))
            .cloned()
            .collect::<Vec<K>>()
    };
    let (bs, os, ts) = (only_shared(base), only_shared(ours), only_shared(theirs));
    let (skeleton, reordered) = if os == bs {
        (ts, None)
    } else if ts == bs || os == ts {
        (os, None)
    } else {
        (os.clone(), Some((os, ts)))
    };

    // The shared key each key follows on one side, if any, found in one pass per side.
    let anchors = |list: &[K]| -> HashMap<K, Option<K>> {
        let mut last: Option<&K> = None;
        let mut map = HashMap::with_capacity(list.len());
        for k in list {
            map.insert(k.clone(), last.cloned());
            if shared.contains(k) {
                last = Some(k);
            }
        }
        map
    };
    let (ours_anchor, theirs_anchor) = (anchors(ours), anchors(theirs));
    let anchor_in = |map: &HashMap<K, Option<K>>, k: &K| map.get(k).cloned().flatten();
    struct Spot<K> {
        both: Vec<K>,
        ours: Vec<K>,
        theirs: Vec<K>,
    }
    impl<K> Default for Spot<K> {
        fn default() -> Self {
            Spot {
                both: Vec::new(),
                ours: Vec::new(),
                theirs: Vec::new(),
            }
        }
    }
    let mut spots: HashMap<Option<K>, Spot<K>> = HashMap::new();
    for k in ours.iter().filter(|k| !shared.contains(k) && member(k)) {
        if in_t.contains(k) {
            // Both sides have it: after the later of its two places in the base's order, a
            // choice that does not depend on which side is ours.
            let (a, b) = (anchor_in(&ours_anchor, k), anchor_in(&theirs_anchor, k));
            let rank = |a: &Option<K>| a.as_ref().and_then(|a| base_rank.get(a)).copied();
            let anchor = if rank(&a) >= rank(&b) { a } else { b };
            spots.entry(anchor).or_default().both.push(k.clone());
        } else {
            spots
                .entry(anchor_in(&ours_anchor, k))
                .or_default()
                .ours
                .push(k.clone());
        }
    }
    for k in theirs
        .iter()
        .filter(|k| !shared.contains(k) && !in_o.contains(k) && member(k))
    {
        spots
            .entry(anchor_in(&theirs_anchor, k))
            .or_default()
            .theirs
            .push(k.clone());
    }
    let mut out = Vec::with_capacity(
        skeleton.len()
            + spots
                .values()
                .map(|s| s.both.len() + s.ours.len() + s.theirs.len())
                .sum::<usize>(),
    );
    let emit = |out: &mut Vec<K>, spot: Option<Spot<K>>| {
        let Some(mut spot) = spot else { return };
        // Things both sides have, in the order both give them if they agree.
        let both: HashSet<&K> = spot.both.iter().collect();
        let theirs_order: Vec<&K> = theirs.iter().filter(|k| both.contains(k)).collect();
        if !spot.both.iter().eq(theirs_order) {
            spot.both.sort();
        }
        out.append(&mut spot.both);
        let ours_first = match (spot.ours.first(), spot.theirs.first()) {
            (Some(o), Some(t)) => o <= t,
            _ => true,
        };
        let (mut first, mut second) = if ours_first {
            (spot.ours, spot.theirs)
        } else {
            (spot.theirs, spot.ours)
        };
        out.append(&mut first);
        out.append(&mut second);
    };
    emit(&mut out, spots.remove(&None));
    for k in skeleton {
        let spot = spots.remove(&Some(k.clone()));
        out.push(k);
        emit(&mut out, spot);
    }
    (out, reordered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn order(b: &[&str], o: &[&str], t: &[&str]) -> (Vec<String>, bool) {
        let (b, o, t) = (ids(b), ids(o), ids(t));
        let member = set_rule(&b, &o, &t);
        let (out, conflict) = merge_order(&b, &o, &t, member);
        (out, conflict.is_some())
    }

    #[test]
    fn additions_go_after_what_they_follow_on_their_side() {
        assert_eq!(
            order(&["a", "b"], &["a", "x", "b"], &["a", "b", "y"]),
            (ids(&["a", "x", "b", "y"]), false)
        );
        assert_eq!(
            order(&["a", "b"], &["x", "a", "b"], &["a", "b"]),
            (ids(&["x", "a", "b"]), false)
        );
        // Two additions at one spot: the same order whichever side is ours.
        assert_eq!(
            order(&["a"], &["a", "y"], &["a", "x"]),
            order(&["a"], &["a", "x"], &["a", "y"])
        );
    }

    #[test]
    fn one_sides_reordering_is_taken_and_two_are_a_conflict() {
        assert_eq!(
            order(&["a", "b", "c"], &["a", "b", "c"], &["c", "a", "b"]),
            (ids(&["c", "a", "b"]), false)
        );
        assert_eq!(
            order(&["a", "b", "c"], &["b", "a", "c"], &["c", "a", "b"]),
            (ids(&["b", "a", "c"]), true)
        );
        // Removing is not reordering.
        assert_eq!(
            order(&["a", "b", "c"], &["a", "c"], &["c", "b", "a"]),
            (ids(&["c", "a"]), false)
        );
    }
}
