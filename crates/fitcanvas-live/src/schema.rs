//! The shared canvas as a Yjs document: how a [`Canvas`] is written into a `Y.Doc` and read
//! back. `docs/design/live.md` is the contract, for Fitcanvas and for any other Yjs client.
//!
//! Reading ([`hydrate`]) always gives a valid canvas, whatever a foreign client wrote: what
//! does not fit the schema is left out (a note without a known section, a link to a note that
//! is gone, a second record with an id a note already has), never an error.
//!
//! Writing goes target by target: after an edit is applied to the canvas, each note, list or
//! text it touched is made to read back as it now is, with the smallest Yjs change (text by
//! common prefix and suffix, votes as this desktop's own counter, order as fractional keys).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map as JsonMap, Value};
use yrs::block::ClientID;
use yrs::{
    Any, Doc, GetString, Map, MapPrelim, MapRef, OffsetKind, Options, Out, ReadTxn, Text,
    TextPrelim, TextRef, TransactionMut,
};

use crate::order;
use fitcanvas_model::canvas::{
    Canvas, CanvasParts, Item, ItemId, ItemParts, MAX_WEIGHT, MIN_WEIGHT,
};
use fitcanvas_model::edit::{Edit, Target};
use fitcanvas_model::evidence::{Evidence, EvidenceId, Interview, Status, TestCard};
use fitcanvas_model::section::{Kind, Section};

/// Names of the document's root types.
pub const NOTES: &str = "notes";
pub const INTERVIEWS: &str = "interviews";
pub const TESTS: &str = "tests";
pub const TITLE: &str = "title";
pub const CUSTOMER: &str = "customer";
pub const CANVAS_NOTES: &str = "canvasNotes";
pub const META: &str = "meta";
/// `meta.schema`: the version of this mapping.
pub const SCHEMA_VERSION: f64 = 1.0;

/// The root types of a shared canvas's document.
#[derive(Clone)]
pub struct Roots {
    pub notes: MapRef,
    pub interviews: MapRef,
    pub tests: MapRef,
    pub title: TextRef,
    pub customer: TextRef,
    pub canvas_notes: TextRef,
    pub meta: MapRef,
}

impl Roots {
    /// The roots of `doc`. Call outside any transaction.
    pub fn of(doc: &Doc) -> Roots {
        Roots {
            notes: doc.get_or_insert_map(NOTES),
            interviews: doc.get_or_insert_map(INTERVIEWS),
            tests: doc.get_or_insert_map(TESTS),
            title: doc.get_or_insert_text(TITLE),
            customer: doc.get_or_insert_text(CUSTOMER),
            canvas_notes: doc.get_or_insert_text(CANVAS_NOTES),
            meta: doc.get_or_insert_map(META),
        }
    }
}

/// A document for client `client`, counting text positions in UTF-16 units as Yjs does in
/// JavaScript, so a position means the same character in every client.
pub fn new_doc(client: u64) -> Doc {
    let mut options = Options::with_client_id(ClientID::new(client & ((1 << 53) - 1)));
    options.offset_kind = OffsetKind::Utf16;
    Doc::with_options(options)
}

// ---------------------------------------------------------------------------------------------
// Reading

fn string(out: Option<Out>) -> Option<String> {
    match out? {
        Out::Any(Any::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

fn number(out: Option<Out>) -> Option<f64> {
    match out? {
        Out::Any(Any::Number(n)) => n.as_f64(),
        _ => None,
    }
}

fn map(out: Option<Out>) -> Option<MapRef> {
    match out? {
        Out::YMap(m) => Some(m),
        _ => None,
    }
}

/// A text field: a `Y.Text`, or (from a client that wrote a plain value) a string.
fn text_of<T: ReadTxn>(out: Option<Out>, txn: &T) -> String {
    match out {
        Some(Out::YText(t)) => t.get_string(txn),
        Some(Out::Any(Any::String(s))) => s.to_string(),
        _ => String::new(),
    }
}

fn any_to_json(any: &Any) -> Option<Value> {
    let mut text = String::new();
    any.to_json(&mut text);
    serde_json::from_str(&text).ok()
}

fn json_to_any(value: &Value) -> Any {
    Any::from_json(&value.to_string()).unwrap_or(Any::Null)
}

/// A record (evidence entry, interview, test card) as stored: its serde form without the id
/// (the key in its map is the id), plus `order`.
fn record<T: Serialize>(value: &T, order: &str) -> Any {
    let Ok(Value::Object(mut object)) = serde_json::to_value(value) else {
        return Any::Null;
    };
    object.remove("id");
    object.insert("order".into(), Value::String(order.to_owned()));
    json_to_any(&Value::Object(object))
}

/// A stored record read back with the id `id`, and its order key. `None` when it does not
/// have the fields the schema requires.
fn decode_record<T: DeserializeOwned>(any: &Any, id: Value) -> Option<(String, T)> {
    let mut value = any_to_json(any)?;
    let object = value.as_object_mut()?;
    let order = match object.remove("order") {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    object.insert("id".into(), id);
    object
        .entry("extra")
        .or_insert_with(|| Value::Object(JsonMap::new()));
    if let Some(Value::Object(learning)) = object.get_mut("learning") {
        learning
            .entry("extra")
            .or_insert_with(|| Value::Object(JsonMap::new()));
    }
    if let Some(Value::Array(items)) = object.get_mut("items") {
        items.retain(|i| i.as_str().is_some_and(|s| !s.is_empty()));
    }
    let parsed = serde_json::from_value(value).ok()?;
    Some((order, parsed))
}

fn by_order<T>(mut list: Vec<(String, String, T)>) -> Vec<T> {
    list.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    list.into_iter().map(|(_, _, t)| t).collect()
}

/// The canvas the document holds: always valid (unique ids, weights 1–5, kinds that fit their
/// section, links only to notes of the section served, citations only of logged interviews).
pub fn hydrate<T: ReadTxn>(txn: &T, roots: &Roots) -> Canvas {
    let mut canvas = CanvasParts {
        title: roots.title.get_string(txn),
        customer: roots.customer.get_string(txn),
        notes: roots.canvas_notes.get_string(txn),
        ..CanvasParts::default()
    };
    canvas.extra = string(roots.meta.get(txn, "extra"))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();

    // Notes first: they own the id space.
    let mut sections: HashMap<String, (Section, MapRef)> = HashMap::new();
    for (id, value) in roots.notes.iter(txn) {
        let Some(note) = map(Some(value)) else {
            continue;
        };
        let Some(section) = string(note.get(txn, "section")).and_then(|s| Section::from_key(&s))
        else {
            continue;
        };
        if !id.is_empty() {
            sections.insert(id.to_owned(), (section, note));
        }
    }

    let mut interviews = Vec::new();
    for (id, value) in roots.interviews.iter(txn) {
        if id.is_empty() || sections.contains_key(id) {
            continue;
        }
        let Out::Any(any) = value else { continue };
        if let Some((order, interview)) = decode_record::<Interview>(&any, Value::from(id)) {
            interviews.push((order, id.to_owned(), interview));
        }
    }
    canvas.interviews = by_order(interviews);
    let logged: HashSet<&str> = canvas.interviews.iter().map(|i| i.id().as_str()).collect();

    let mut lists: [Vec<(String, String, Arc<Item>)>; 6] = Default::default();
    for (id, (section, note)) in &sections {
        let Some(item_id) = ItemId::new(id.clone()) else {
            continue;
        };
        let item = read_note(txn, note, *section, item_id, &sections, &logged);
        let order = string(note.get(txn, "order")).unwrap_or_default();
        lists[section.index()].push((order, id.clone(), Arc::new(item)));
    }
    for (slot, list) in canvas.sections.iter_mut().zip(lists) {
        *slot = by_order(list);
    }

    let mut tests = Vec::new();
    for (id, value) in roots.tests.iter(txn) {
        if id.is_empty() || sections.contains_key(id) || logged.contains(id) {
            continue;
        }
        let Out::Any(any) = value else { continue };
        if let Some((order, mut card)) = decode_record::<TestCard>(&any, Value::from(id)) {
            let mut seen = HashSet::new();
            card.items_mut()
                .retain(|i| sections.contains_key(i.as_str()) && seen.insert(i.clone()));
            tests.push((order, id.to_owned(), card));
        }
    }
    canvas.tests = by_order(tests);
    Canvas::from_parts(canvas)
}

fn read_note<T: ReadTxn>(
    txn: &T,
    note: &MapRef,
    section: Section,
    id: ItemId,
    sections: &HashMap<String, (Section, MapRef)>,
    logged: &HashSet<&str>,
) -> Item {
    let mut item = ItemParts::default();
    if section.is_customer() {
        item.weight = number(note.get(txn, "weight"))
            .map(f64::round)
            .filter(|w| (f64::from(MIN_WEIGHT)..=f64::from(MAX_WEIGHT)).contains(w))
            .and_then(|w| u8::try_from(w as i64).ok());
        item.kind = string(note.get(txn, "kind"))
            .and_then(|k| Kind::from_key(section, &k))
            .or(section.default_kind());
    }
    item.status = string(note.get(txn, "status"))
        .and_then(|s| Status::from_key(&s))
        .unwrap_or_default();
    if let Some(votes) = map(note.get(txn, "votes")) {
        item.votes = votes_total(txn, &votes);
    }
    if let (Some(serves), Some(links)) = (section.addresses(), map(note.get(txn, "addresses"))) {
        let mut addresses = Vec::new();
        for (to, value) in links.iter(txn) {
            let serves_it = sections.get(to).is_some_and(|(s, _)| *s == serves);
            if let (true, Some(to_id)) = (serves_it, ItemId::new(to)) {
                let order = string(Some(value)).unwrap_or_default();
                addresses.push((order, to.to_owned(), to_id));
            }
        }
        item.addresses = by_order(addresses);
    }
    if let Some(entries) = map(note.get(txn, "evidence")) {
        let mut evidence = Vec::new();
        for (key, value) in entries.iter(txn) {
            let Some(number) = key.parse::<u64>().ok().filter(|n| *n > 0) else {
                continue;
            };
            let Out::Any(any) = value else { continue };
            if let Some((order, mut entry)) = decode_record::<Evidence>(&any, Value::from(number)) {
                if entry
                    .interview
                    .as_ref()
                    .is_some_and(|i| !logged.contains(i.as_str()))
                {
                    entry.interview = None;
                }
                evidence.push((order, key.to_owned(), entry));
            }
        }
        item.evidence = by_order(evidence);
    }
    item.extra = string(note.get(txn, "extra"))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    Item::from_parts(section, id, text_of(note.get(txn, "text"), txn), item)
}

/// The sum of every client's vote counter, never below zero.
fn votes_total<T: ReadTxn>(txn: &T, votes: &MapRef) -> u32 {
    let sum = raw_votes(txn, votes);
    sum.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn raw_votes<T: ReadTxn>(txn: &T, votes: &MapRef) -> f64 {
    votes
        .iter(txn)
        .filter_map(|(_, v)| number(Some(v)))
        .filter(|n| n.is_finite())
        .sum()
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The ids the document holds now, before a write. A canvas shows less than its document: a
/// link, a tested note or a citation whose note or interview has not arrived yet is left out
/// of the canvas, and writing the canvas back must not delete it, or an edit made before the
/// rest arrived would be lost.
struct Known {
    notes: HashSet<String>,
    interviews: HashSet<String>,
}

impl Known {
    fn of(txn: &TransactionMut, roots: &Roots) -> Known {
        Known {
            notes: roots.notes.keys(txn).map(str::to_owned).collect(),
            interviews: roots.interviews.keys(txn).map(str::to_owned).collect(),
        }
    }
}

/// Writes the whole of `canvas` into the document (the first desktop to share does this).
pub fn write_all(txn: &mut TransactionMut, roots: &Roots, canvas: &Canvas, client: u64) {
    let known = Known::of(txn, roots);
    for (_, item) in canvas.all_items() {
        write_note(txn, roots, canvas, item.id(), client, &known);
    }
    write_interviews(txn, roots, canvas);
    write_tests(txn, roots, canvas, &known);
    let stale: Vec<String> = roots
        .notes
        .keys(txn)
        .filter(|id| canvas.item(id).is_none())
        .map(str::to_owned)
        .collect();
    for id in stale {
        roots.notes.remove(txn, &id);
    }
    for section in Section::ALL {
        write_order(txn, roots, canvas, section);
    }
    write_texts(txn, roots, canvas);
    if number(roots.meta.get(txn, "schema")) != Some(SCHEMA_VERSION) {
        roots.meta.insert(txn, "schema", SCHEMA_VERSION);
    }
    if !canvas.extra_fields().is_empty() {
        let extra = Value::Object(canvas.extra_fields().clone()).to_string();
        set_string(txn, &roots.meta, "extra", &extra);
    }
}

/// Writes what `edit`, just applied to `canvas` and answered with `touched`, changed.
pub fn write_edit(
    txn: &mut TransactionMut,
    roots: &Roots,
    canvas: &Canvas,
    edit: &Edit,
    touched: &[Target],
    client: u64,
) {
    if rewrites_everything(edit) {
        // Settling a merge conflict or putting an earlier canvas back can change any part of
        // it: the whole canvas is written, which changes only what differs.
        write_all(txn, roots, canvas, client);
        return;
    }
    let known = Known::of(txn, roots);
    let (mut interviews, mut tests) = (false, false);
    let mut removed = Vec::new();
    for target in touched {
        match target {
            Target::Note(id) if canvas.item(id).is_none() => removed.push(id),
            Target::Note(id) => write_note(txn, roots, canvas, id, client, &known),
            Target::Canvas => write_texts(txn, roots, canvas),
            Target::Interview(_) => interviews = true,
            Target::Test(_) => tests = true,
        }
    }
    if interviews {
        write_interviews(txn, roots, canvas);
    }
    if tests {
        write_tests(txn, roots, canvas, &known);
    }
    // Removed notes go last: the links to them and their places in test cards were taken
    // out above while the document still knew them as notes.
    for id in removed {
        roots.notes.remove(txn, id);
    }
    let mut sections = Vec::new();
    reordered(edit, canvas, &mut sections);
    sections.sort_by_key(|s| s.index());
    sections.dedup();
    for section in sections {
        write_order(txn, roots, canvas, section);
    }
}

/// Whether `edit` (or one in its batch) replaces the canvas wholesale.
fn rewrites_everything(edit: &Edit) -> bool {
    match edit {
        Edit::ResolveConflict { .. } | Edit::PutBack { .. } => true,
        Edit::Batch { edits } => edits.iter().any(rewrites_everything),
        _ => false,
    }
}

/// The sections whose order `edit` may have changed. Every edit is named, so a new kind of
/// edit does not compile until someone decides what it does to the shared document.
fn reordered(edit: &Edit, canvas: &Canvas, out: &mut Vec<Section>) {
    use Edit as E;
    match edit {
        E::AddNote { section, .. } | E::RestoreNote { section, .. } => out.push(*section),
        E::MoveNote { id, .. } => out.extend(canvas.section_of(id)),
        E::Batch { edits } => {
            for edit in edits {
                reordered(edit, canvas, out);
            }
        }
        // Written whole by `write_all`, order included.
        E::ResolveConflict { .. } | E::PutBack { .. } => out.extend(Section::ALL),
        // A removal leaves the others' keys in order; the rest change no note's place (the
        // touched notes, lists and texts are written from `touched`).
        E::RemoveNote { .. }
        | E::SetText { .. }
        | E::SetWeight { .. }
        | E::SetKind { .. }
        | E::SetStatus { .. }
        | E::AddVotes { .. }
        | E::Link { .. }
        | E::Unlink { .. }
        | E::SetTitle { .. }
        | E::SetCustomer { .. }
        | E::SetCanvasNotes { .. }
        | E::AddEvidence { .. }
        | E::SetEvidence { .. }
        | E::RemoveEvidence { .. }
        | E::AddInterview { .. }
        | E::SetInterview { .. }
        | E::RemoveInterview { .. }
        | E::RestoreInterview { .. }
        | E::AddTest { .. }
        | E::SetTest { .. }
        | E::SetTestItems { .. }
        | E::RemoveTest { .. } => {}
    }
}

fn set_string(txn: &mut TransactionMut, map: &MapRef, key: &str, value: &str) {
    if string(map.get(txn, key)).as_deref() != Some(value) {
        map.insert(txn, key, value);
    }
}

fn set_number(txn: &mut TransactionMut, map: &MapRef, key: &str, value: f64) {
    if number(map.get(txn, key)) != Some(value) {
        map.insert(txn, key, value);
    }
}

fn child_map(txn: &mut TransactionMut, parent: &MapRef, key: &str) -> MapRef {
    match map(parent.get(txn, key)) {
        Some(m) => m,
        None => parent.insert(txn, key, MapPrelim::default()),
    }
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// Turns `text` into `new` with one delete and one insert: what lies between the common
/// prefix and the common suffix. Typing a letter is a one-letter insert, so two people typing
/// in one note merge letter by letter.
pub fn edit_text(txn: &mut TransactionMut, text: &TextRef, new: &str) {
    let old = text.get_string(txn);
    if old == new {
        return;
    }
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix: usize = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let removed = &old_rest[..old_rest.len() - suffix];
    let inserted = &new_rest[..new_rest.len() - suffix];
    let at = utf16_len(&old[..prefix]);
    if !removed.is_empty() {
        text.remove_range(txn, at, utf16_len(removed));
    }
    if !inserted.is_empty() {
        text.insert(txn, at, inserted);
    }
}

fn write_texts(txn: &mut TransactionMut, roots: &Roots, canvas: &Canvas) {
    edit_text(txn, &roots.title, canvas.title());
    edit_text(txn, &roots.customer, canvas.customer());
    edit_text(txn, &roots.canvas_notes, canvas.notes());
}

/// Makes the note `id` read back as `canvas` has it (or removes it when the canvas has none).
fn write_note(
    txn: &mut TransactionMut,
    roots: &Roots,
    canvas: &Canvas,
    id: &ItemId,
    client: u64,
    known: &Known,
) {
    let Some((section, item)) = canvas.item_in_section(id) else {
        return;
    };
    let note = child_map(txn, &roots.notes, id);
    set_string(txn, &note, "section", section.key());
    let text = match note.get(txn, "text") {
        Some(Out::YText(t)) => t,
        _ => note.insert(txn, "text", TextPrelim::new("")),
    };
    edit_text(txn, &text, item.text());
    if section.is_customer() {
        set_number(txn, &note, "weight", f64::from(item.weight()));
        if let Some(kind) = item.kind() {
            set_string(txn, &note, "kind", kind.key());
        }
    }
    set_string(txn, &note, "status", item.status().key());
    write_votes(txn, &note, item.votes(), client);
    // Every note gets its links map, customer notes too (always empty): one shape for all.
    write_addresses(txn, &note, item.addresses(), known);
    write_evidence(txn, &note, item.evidence(), known);
    if !item.extra_fields().is_empty() {
        let extra = Value::Object(item.extra_fields().clone()).to_string();
        set_string(txn, &note, "extra", &extra);
    }
}

/// Votes are a counter per client: a desktop changes only its own, so votes cast at the same
/// moment on two desktops add up.
fn write_votes(txn: &mut TransactionMut, note: &MapRef, votes: u32, client: u64) {
    let counters = child_map(txn, note, "votes");
    if votes_total(txn, &counters) == votes {
        return;
    }
    let key = client.to_string();
    let own = number(counters.get(txn, &key)).unwrap_or(0.0);
    let raw = raw_votes(txn, &counters);
    counters.insert(txn, key, own + (f64::from(votes) - raw));
}

/// Links are a map from the served note's id to an order key: two desktops linking at the
/// same moment both keep their link.
fn write_addresses(txn: &mut TransactionMut, note: &MapRef, addresses: &[ItemId], known: &Known) {
    let links = child_map(txn, note, "addresses");
    let wanted: HashSet<&str> = addresses.iter().map(ItemId::as_str).collect();
    // A link to a note the document does not hold (yet) was never shown: it stays.
    let stale: Vec<String> = links
        .keys(txn)
        .filter(|k| !wanted.contains(k) && known.notes.contains(*k))
        .map(str::to_owned)
        .collect();
    for key in stale {
        links.remove(txn, &key);
    }
    let keys: Vec<Option<String>> = addresses
        .iter()
        .map(|a| string(links.get(txn, a)))
        .collect();
    let list: Vec<(Option<&str>, &str)> = keys
        .iter()
        .zip(addresses)
        .map(|(k, a)| (k.as_deref(), a.as_str()))
        .collect();
    for (i, key) in order::rekey(&list) {
        links.insert(txn, addresses[i].as_str(), key);
    }
}

fn write_evidence(txn: &mut TransactionMut, note: &MapRef, evidence: &[Evidence], known: &Known) {
    // Made with the note even when empty: two desktops making it later at the same moment
    // would each make their own, and one desktop's entries would be lost with its map.
    let entries = child_map(txn, note, "evidence");
    let kept: Vec<(String, Value, Evidence)> = evidence
        .iter()
        .map(|e| {
            let key = e.id().0.to_string();
            let mut e = e.clone();
            // A citation of an interview that has not arrived yet was never shown: it stays.
            if e.interview.is_none()
                && let Some(Out::Any(any)) = entries.get(txn, &key)
                && let Some((_, stored)) = decode_record::<Evidence>(&any, Value::from(e.id().0))
                && stored
                    .interview
                    .as_ref()
                    .is_some_and(|i| !known.interviews.contains(i.as_str()))
            {
                e.interview = stored.interview;
            }
            (key, Value::from(e.id().0), e)
        })
        .collect();
    let keyed: Vec<(String, Value, &Evidence)> = kept
        .iter()
        .map(|(k, v, e)| (k.clone(), v.clone(), e))
        .collect();
    write_records(txn, &entries, &keyed);
}

fn write_interviews(txn: &mut TransactionMut, roots: &Roots, canvas: &Canvas) {
    let keyed: Vec<(String, Value, &Interview)> = canvas
        .interviews()
        .iter()
        .map(|i| (i.id().to_string(), Value::from(i.id().as_str()), i))
        .collect();
    write_records(txn, &roots.interviews, &keyed);
}

fn write_tests(txn: &mut TransactionMut, roots: &Roots, canvas: &Canvas, known: &Known) {
    let kept: Vec<(String, Value, TestCard)> = canvas
        .tests()
        .iter()
        .map(|t| {
            let id = Value::from(t.id().as_str());
            let mut card = t.clone();
            // Tested notes that have not arrived yet were never shown: they stay.
            if let Some(Out::Any(any)) = roots.tests.get(txn, t.id().as_str())
                && let Some((_, stored)) = decode_record::<TestCard>(&any, id.clone())
            {
                card.items_mut().extend(
                    stored
                        .items()
                        .iter()
                        .filter(|i| !known.notes.contains(i.as_str()) && !t.items().contains(i))
                        .cloned(),
                );
            }
            (t.id().to_string(), id, card)
        })
        .collect();
    let keyed: Vec<(String, Value, &TestCard)> = kept
        .iter()
        .map(|(k, v, t)| (k.clone(), v.clone(), t))
        .collect();
    write_records(txn, &roots.tests, &keyed);
}

/// Makes the map of records `map` hold `list` (key, id as its field reads, record), in order.
/// A record is written whole when it changed: two desktops changing one record at the same
/// moment keep one of the two versions; different records merge.
fn write_records<T>(txn: &mut TransactionMut, map: &MapRef, list: &[(String, Value, &T)])
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    let wanted: HashSet<&str> = list.iter().map(|(k, _, _)| k.as_str()).collect();
    let stale: Vec<String> = map
        .keys(txn)
        .filter(|k| !wanted.contains(k))
        .map(str::to_owned)
        .collect();
    for key in stale {
        map.remove(txn, &key);
    }
    let stored: Vec<Option<(String, T)>> = list
        .iter()
        .map(|(key, id, _)| match map.get(txn, key) {
            Some(Out::Any(any)) => decode_record(&any, id.clone()),
            _ => None,
        })
        .collect();
    let orders: Vec<(Option<&str>, &str)> = stored
        .iter()
        .zip(list)
        .map(|(s, (key, _, _))| (s.as_ref().map(|(o, _)| o.as_str()), key.as_str()))
        .collect();
    let mut new_orders: Vec<Option<String>> = vec![None; list.len()];
    for (i, key) in order::rekey(&orders) {
        new_orders[i] = Some(key);
    }
    for (i, (key, _, value)) in list.iter().enumerate() {
        let (old_order, same) = match &stored[i] {
            Some((order, old)) => (order.clone(), old == *value),
            None => (String::new(), false),
        };
        if same && new_orders[i].is_none() {
            continue;
        }
        let order = new_orders[i].clone().unwrap_or(old_order);
        map.insert(txn, key.as_str(), record(*value, &order));
    }
}

/// Gives the notes of `section` order keys that sort as `canvas` has them, rewriting as few
/// keys as it can (one for a moved note), so a concurrent move elsewhere keeps its place.
fn write_order(txn: &mut TransactionMut, roots: &Roots, canvas: &Canvas, section: Section) {
    let items = canvas.items(section);
    let notes: Vec<Option<MapRef>> = items
        .iter()
        .map(|i| map(roots.notes.get(txn, i.id())))
        .collect();
    let keys: Vec<Option<String>> = notes
        .iter()
        .map(|n| n.as_ref().and_then(|n| string(n.get(txn, "order"))))
        .collect();
    let list: Vec<(Option<&str>, &str)> = keys
        .iter()
        .zip(items)
        .map(|(k, i)| (k.as_deref(), i.id().as_str()))
        .collect();
    for (i, key) in order::rekey(&list) {
        if let Some(note) = &notes[i] {
            note.insert(txn, "order", key);
        }
    }
}

/// The evidence id an entry from `client` gets when it has none yet.
pub fn entry_id(item: &Item, client: u64) -> EvidenceId {
    fitcanvas_model::ids::next_entry(item, client)
}
