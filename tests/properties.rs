//! Property tests of the core: valid canvases (unknown fields included) survive a save and a
//! load unchanged, no input makes loading panic, and every sequence of model operations keeps
//! the canvas valid with a fit score inside 0–100.

use fitcanvas::format;
use fitcanvas::{Canvas, EditError, Kind, Section, score};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value, json};

const TOP_KEYS: [&str; 11] = [
    "format",
    "version",
    "title",
    "customer",
    "notes",
    "jobs",
    "pains",
    "gains",
    "products",
    "pain_relievers",
    "gain_creators",
];
const ITEM_KEYS: [&str; 5] = ["id", "text", "weight", "kind", "addresses"];

/// Any Unicode text, control characters and astral planes included: `any::<String>()` keeps
/// to printable characters, which would miss the escapes the encoder has to write.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

/// Any JSON value the format can hold in an unknown field. NaN and infinities have no JSON
/// spelling, so only finite floats.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown fields: names that are no key the format knows at that level.
fn extra_fields(known: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    let name = prop_oneof![
        "[a-z_]{1,10}".prop_map(String::from),
        text().prop_map(|t| format!("x-{t}")),
    ]
    .prop_filter("not a known key", move |n| !known.contains(&n.as_str()));
    prop::collection::btree_map(name, json_value(), 0..3).prop_map(|m| m.into_iter().collect())
}

/// The random choices behind one note; [`build_canvas`] turns them into JSON.
#[derive(Debug, Clone)]
struct ItemPlan {
    id: String,
    text: String,
    /// `None` leaves the field out, so the default (3 or the section's kind) applies.
    weight: Option<u8>,
    kind: Option<Index>,
    /// Value-map notes only: which notes of the addressed section to link to.
    links: Option<Vec<Index>>,
    extra: Map<String, Value>,
}

fn item_plan() -> impl Strategy<Value = ItemPlan> {
    (
        text(),
        text(),
        prop::option::of(1u8..=5),
        prop::option::of(any::<Index>()),
        prop::option::of(prop::collection::vec(any::<Index>(), 0..3)),
        extra_fields(&ITEM_KEYS),
    )
        .prop_map(|(id, text, weight, kind, links, extra)| ItemPlan {
            id,
            text,
            weight,
            kind,
            links,
            extra,
        })
}

#[derive(Debug, Clone)]
struct CanvasPlan {
    title: Option<String>,
    customer: Option<String>,
    notes: Option<String>,
    /// `None` leaves the section's array out of the file.
    sections: [Option<Vec<ItemPlan>>; 6],
    extra: Map<String, Value>,
}

fn canvas_plan() -> impl Strategy<Value = CanvasPlan> {
    let section = || prop::option::weighted(0.85, prop::collection::vec(item_plan(), 0..5));
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
        [
            section(),
            section(),
            section(),
            section(),
            section(),
            section(),
        ],
        extra_fields(&TOP_KEYS),
    )
        .prop_map(|(title, customer, notes, sections, extra)| CanvasPlan {
            title,
            customer,
            notes,
            sections,
            extra,
        })
}

/// A valid format v1 document. Ids get a running number so they are unique however the random
/// part collides (and non-empty).
fn build_canvas(plan: &CanvasPlan) -> Value {
    let mut ids: [Vec<String>; 6] = Default::default();
    let mut n = 0;
    for section in Section::ALL {
        for item in plan.sections[section.index()].iter().flatten() {
            n += 1;
            ids[section.index()].push(format!("{}#{n}", item.id));
        }
    }
    let mut top = Map::new();
    top.insert("format".into(), json!("fitcanvas"));
    top.insert("version".into(), json!(1));
    for (key, value) in [
        ("title", &plan.title),
        ("customer", &plan.customer),
        ("notes", &plan.notes),
    ] {
        if let Some(v) = value {
            top.insert(key.into(), json!(v));
        }
    }
    for section in Section::ALL {
        let Some(items) = &plan.sections[section.index()] else {
            continue;
        };
        let mut list = Vec::new();
        for (item, id) in items.iter().zip(&ids[section.index()]) {
            let mut fields = Map::new();
            fields.insert("id".into(), json!(id));
            fields.insert("text".into(), json!(item.text));
            if section.is_customer() {
                if let Some(w) = item.weight {
                    fields.insert("weight".into(), json!(w));
                }
                if let Some(k) = &item.kind {
                    fields.insert("kind".into(), json!(k.get(section.kinds()).key()));
                }
            } else if let Some(links) = &item.links {
                let targets = &ids[section.addresses().unwrap().index()];
                let mut chosen: Vec<&String> = Vec::new();
                if !targets.is_empty() {
                    for pick in links {
                        let target = pick.get(targets);
                        if !chosen.contains(&target) {
                            chosen.push(target);
                        }
                    }
                }
                fields.insert("addresses".into(), json!(chosen));
            }
            fields.extend(item.extra.clone());
            list.push(Value::Object(fields));
        }
        top.insert(section.key().into(), Value::Array(list));
    }
    top.extend(plan.extra.clone());
    Value::Object(top)
}

/// Saves, loads the result back, and checks nothing changed and the save is canonical.
fn assert_round_trip(canvas: &Canvas) -> Result<(), TestCaseError> {
    let bytes = format::to_vec(canvas);
    prop_assert_eq!(&format::to_vec(canvas), &bytes, "saving twice differs");
    let loaded = match format::from_slice(&bytes) {
        Ok(c) => c,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "a saved canvas does not load: {e}"
            )));
        }
    };
    prop_assert_eq!(&loaded, canvas);
    prop_assert_eq!(
        format::to_vec(&loaded),
        bytes,
        "a reloaded canvas saves differently"
    );
    Ok(())
}

fn assert_fit_in_range(canvas: &Canvas) -> Result<(), TestCaseError> {
    let report = score(canvas);
    let has_customer_notes = Section::CUSTOMER
        .into_iter()
        .any(|s| !canvas.items(s).is_empty());
    prop_assert_eq!(report.fit.is_some(), has_customer_notes);
    if let Some(fit) = report.fit {
        prop_assert!((0.0..=100.0).contains(&fit), "fit {fit}");
    }
    for coverage in [report.jobs, report.pains, report.gains]
        .into_iter()
        .flatten()
    {
        prop_assert!((0.0..=1.0).contains(&coverage), "coverage {coverage}");
    }
    Ok(())
}

/// Damage done to the bytes of a valid file, to get past the JSON parser into validation.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    /// Replaces a stretch of the file with other bytes.
    Splice(Index, Index, Vec<u8>),
    /// Copies a stretch of the file elsewhere, which moves keys and values into odd places.
    Duplicate(Index, Index, Index),
    /// Replaces one field of the document (top level or in a note) with another JSON value,
    /// or removes it: a well-formed file that is wrong for the format.
    SetField(Index, Index, Option<Value>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1u8..).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        (
            any::<Index>(),
            any::<Index>(),
            prop::collection::vec(any::<u8>(), 0..8)
        )
            .prop_map(|(a, b, bytes)| Mutation::Splice(a, b, bytes)),
        (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(a, b, to)| Mutation::Duplicate(a, b, to)),
        (
            any::<Index>(),
            any::<Index>(),
            prop::option::of(prop_oneof![
                json_value(),
                (0u64..8).prop_map(Value::from),
                "[a-z_]{0,12}".prop_map(Value::from),
            ])
        )
            .prop_map(|(a, b, v)| Mutation::SetField(a, b, v)),
    ]
}

fn span(a: &Index, b: &Index, len: usize) -> std::ops::Range<usize> {
    let (a, b) = (a.index(len + 1), b.index(len + 1));
    a.min(b)..a.max(b)
}

fn mutate(doc: &Value, mutation: &Mutation) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(doc).unwrap();
    match mutation {
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        Mutation::Flip(at, mask) => {
            let i = at.index(bytes.len());
            bytes[i] ^= mask;
        }
        Mutation::Splice(a, b, with) => {
            let range = span(a, b, bytes.len());
            bytes.splice(range, with.iter().copied());
        }
        Mutation::Duplicate(a, b, to) => {
            let range = span(a, b, bytes.len());
            let chunk = bytes[range].to_vec();
            let at = to.index(bytes.len() + 1);
            bytes.splice(at..at, chunk);
        }
        Mutation::SetField(target, key, value) => {
            let mut doc = doc.clone();
            let top = doc.as_object_mut().unwrap();
            // Aim at a note's field when there are notes, so item validation is reached too.
            let count = |top: &Map<String, Value>, s: Section| {
                top.get(s.key())
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len)
            };
            let total: usize = Section::ALL.into_iter().map(|s| count(top, s)).sum();
            let (fields, keys): (&mut Map<String, Value>, &[&str]) = if total == 0 {
                (top, &TOP_KEYS)
            } else {
                let mut n = target.index(total);
                let section = Section::ALL
                    .into_iter()
                    .find(|&s| {
                        let len = count(top, s);
                        len > n || {
                            n -= len;
                            false
                        }
                    })
                    .unwrap();
                let item = &mut top[section.key()][n];
                (item.as_object_mut().unwrap(), &ITEM_KEYS)
            };
            let key = key.get(keys).to_string();
            match value {
                Some(v) => fields.insert(key, v.clone()),
                None => fields.remove(&key),
            };
            bytes = serde_json::to_vec_pretty(&doc).unwrap();
        }
    }
    bytes
}

/// Whatever loading says, it must not panic; and anything it accepts must be a canvas that
/// saves and loads back unchanged.
fn check_load(bytes: &[u8]) -> Result<(), TestCaseError> {
    match format::from_slice(bytes) {
        Ok(canvas) => assert_round_trip(&canvas),
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            Ok(())
        }
    }
}

/// One call of the model's editing API, with random arguments: ids are drawn from the notes
/// present when the operation runs, or are unknown.
#[derive(Debug, Clone)]
enum Op {
    Add(Index, String),
    Insert(Index, usize, String),
    SetText(Pick, String),
    SetWeight(Pick, u8),
    SetKind(Pick, Index),
    Remove(Pick),
    Move(Pick, usize),
    Shift(Pick, isize),
    /// With `true`, the target comes from the section the source addresses, so links mostly
    /// succeed; with `false`, from anywhere, so most are refused.
    Link(Pick, Pick, bool),
    Unlink(Pick, Pick),
    SetHeader(Index, String),
}

/// A note id: an existing one by position, or one no note has.
#[derive(Debug, Clone)]
enum Pick {
    Existing(Index),
    Missing(String),
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        9 => any::<Index>().prop_map(Pick::Existing),
        1 => text().prop_map(Pick::Missing),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<Index>(), text()).prop_map(|(s, t)| Op::Add(s, t)),
        2 => (any::<Index>(), 0usize..8, text()).prop_map(|(s, i, t)| Op::Insert(s, i, t)),
        1 => (pick(), text()).prop_map(|(p, t)| Op::SetText(p, t)),
        2 => (pick(), 0u8..8).prop_map(|(p, w)| Op::SetWeight(p, w)),
        2 => (pick(), any::<Index>()).prop_map(|(p, k)| Op::SetKind(p, k)),
        1 => pick().prop_map(Op::Remove),
        1 => (pick(), 0usize..8).prop_map(|(p, to)| Op::Move(p, to)),
        1 => (pick(), -4isize..=4).prop_map(|(p, by)| Op::Shift(p, by)),
        4 => (pick(), pick(), any::<bool>()).prop_map(|(a, b, smart)| Op::Link(a, b, smart)),
        1 => (pick(), pick()).prop_map(|(a, b)| Op::Unlink(a, b)),
        1 => (any::<Index>(), text()).prop_map(|(which, t)| Op::SetHeader(which, t)),
    ]
}

fn all_kinds() -> Vec<Kind> {
    Section::ALL
        .into_iter()
        .flat_map(|s| s.kinds().iter().copied())
        .collect()
}

fn resolve(canvas: &Canvas, pick: &Pick, among: Option<Section>) -> String {
    let ids: Vec<String> = canvas
        .all_items()
        .filter(|(s, _)| among.is_none_or(|a| a == *s))
        .map(|(_, item)| item.id().to_string())
        .collect();
    match pick {
        Pick::Existing(i) if !ids.is_empty() => i.get(&ids).clone(),
        Pick::Existing(_) => "no-such-note".to_owned(),
        // An id no note has: the model never makes one with a space in it.
        Pick::Missing(t) => format!("missing {t}"),
    }
}

/// Runs one operation; `Err` carries the model's refusal.
fn apply(canvas: &mut Canvas, op: &Op) -> Result<(), EditError> {
    match op {
        Op::Add(s, t) => {
            canvas.add_item(*s.get(&Section::ALL), t.clone());
        }
        Op::Insert(s, i, t) => {
            canvas.insert_item(*s.get(&Section::ALL), *i, t.clone())?;
        }
        Op::SetText(p, t) => canvas.set_text(&resolve(canvas, p, None), t.clone())?,
        Op::SetWeight(p, w) => canvas.set_weight(&resolve(canvas, p, None), *w)?,
        Op::SetKind(p, k) => canvas.set_kind(&resolve(canvas, p, None), *k.get(&all_kinds()))?,
        Op::Remove(p) => {
            canvas.remove_item(&resolve(canvas, p, None))?;
        }
        Op::Move(p, to) => canvas.move_item(&resolve(canvas, p, None), *to)?,
        Op::Shift(p, by) => {
            canvas.shift_item(&resolve(canvas, p, None), *by)?;
        }
        Op::Link(from, to, smart) => {
            let from = resolve(canvas, from, None);
            let target = smart
                .then(|| canvas.section_of(&from).and_then(Section::addresses))
                .flatten();
            let to = resolve(canvas, to, target);
            canvas.link(&from, &to)?;
        }
        Op::Unlink(from, to) => {
            let from = resolve(canvas, from, None);
            let to = resolve(canvas, to, None);
            canvas.unlink(&from, &to)?;
        }
        Op::SetHeader(which, t) => match which.index(3) {
            0 => canvas.set_title(t.clone()),
            1 => canvas.set_customer(t.clone()),
            _ => canvas.set_notes(t.clone()),
        },
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_canvas_saves_and_loads_back_equal(plan in canvas_plan()) {
        let doc = build_canvas(&plan);
        let canvas = match format::from_value(doc.clone()) {
            Ok(c) => c,
            Err(e) => return Err(TestCaseError::fail(format!("valid document refused: {e}\n{doc:#}"))),
        };
        // Unknown fields reach the model as they were in the document...
        prop_assert_eq!(canvas.extra_fields(), &plan.extra);
        for section in Section::ALL {
            let planned = plan.sections[section.index()].as_deref().unwrap_or_default();
            let items = canvas.items(section);
            prop_assert_eq!(items.len(), planned.len());
            for (item, plan) in items.iter().zip(planned) {
                prop_assert_eq!(item.extra_fields(), &plan.extra);
                prop_assert_eq!(item.text(), plan.text.as_str());
                if section.is_customer() {
                    prop_assert_eq!(item.weight(), plan.weight.unwrap_or(3));
                }
            }
        }
        // ...and survive the save.
        assert_round_trip(&canvas)?;
    }

    #[test]
    fn mutated_files_load_or_fail_cleanly(plan in canvas_plan(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut doc = build_canvas(&plan);
        let mut bytes = serde_json::to_vec_pretty(&doc).unwrap();
        for m in &mutations {
            bytes = mutate(&doc, m);
            // Later mutations build on earlier ones while the text is still JSON.
            match serde_json::from_slice(&bytes) {
                Ok(v) => doc = v,
                Err(_) => break,
            }
        }
        check_load(&bytes)?;
    }

    #[test]
    fn model_operations_keep_the_canvas_valid(ops in prop::collection::vec(op(), 0..40)) {
        let mut canvas = Canvas::new();
        for op in &ops {
            let before = canvas.clone();
            if let Err(e) = apply(&mut canvas, op) {
                prop_assert_eq!(&canvas, &before, "refused {:?} ({}) but changed the canvas", op, e);
            }
            assert_round_trip(&canvas)?;
            assert_fit_in_range(&canvas)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        check_load(&bytes)?;
    }

    #[test]
    fn json_like_text_loads_or_fails_cleanly(text in r#"[{}\[\]",:0-9a-z \n\\-]{0,64}"#) {
        // Mostly-JSON characters get past the first byte far more often than random bytes.
        let with_header = format!(r#"{{"format":"fitcanvas","version":1,{text}"#);
        check_load(text.as_bytes())?;
        check_load(with_header.as_bytes())?;
    }
}
