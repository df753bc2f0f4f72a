//! Property tests of the core: valid canvases (unknown fields included, evidence, interviews and
//! test cards too) survive a save and a load unchanged, no input makes loading panic, and every
//! sequence of model operations keeps the canvas valid with a fit score inside 0–100.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use fitcanvas_model::Canvas;
use fitcanvas_model::Edit;
use fitcanvas_model::EditError;
use fitcanvas_model::History;
use fitcanvas_model::Item;
use fitcanvas_model::ItemId;
use fitcanvas_model::Kind;
use fitcanvas_model::MergeKey;
use fitcanvas_model::Section;
use fitcanvas_model::evidence::{
    Evidence, Interview, IsoDate, Learning, Source, Stance, Status, TestState,
};
use fitcanvas_model::format;
use fitcanvas_model::score;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value, json};

const TOP_KEYS: [&str; 13] = [
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
    "interviews",
    "tests",
];
const ITEM_KEYS: [&str; 8] = [
    "id",
    "text",
    "weight",
    "kind",
    "addresses",
    "status",
    "votes",
    "evidence",
];
const EVIDENCE_KEYS: [&str; 6] = ["source", "date", "who", "quote", "stance", "interview"];
const INTERVIEW_KEYS: [&str; 5] = ["id", "date", "person", "role", "notes"];
const TEST_KEYS: [&str; 8] = [
    "id",
    "hypothesis",
    "test",
    "metric",
    "criteria",
    "items",
    "state",
    "learning",
];
const LEARNING_KEYS: [&str; 3] = ["observed", "learned", "decision"];

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

/// A real day, or one of the ways of writing "no date".
fn date() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => (1000u32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| Some(json!(format!("{y:04}-{m:02}-{d:02}")))),
        1 => Just(Some(json!(""))),
        1 => Just(Some(Value::Null)),
        2 => Just(None),
    ]
}

/// Optional text: absent, `null` or a string.
fn opt_text() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        text().prop_map(|t| Some(json!(t))),
    ]
}

/// Puts each `Some` field into `fields`.
fn put(fields: &mut Map<String, Value>, entries: &[(&str, &Option<Value>)]) {
    for (key, value) in entries {
        if let Some(v) = value {
            fields.insert((*key).to_owned(), v.clone());
        }
    }
}

#[derive(Debug, Clone)]
struct EvidencePlan {
    source: Index,
    supports: bool,
    date: Option<Value>,
    who: Option<Value>,
    quote: Option<Value>,
    /// Which interview to cite, if the canvas has any.
    interview: Option<Index>,
    extra: Map<String, Value>,
}

fn evidence_plan() -> impl Strategy<Value = EvidencePlan> {
    (
        any::<Index>(),
        any::<bool>(),
        date(),
        opt_text(),
        opt_text(),
        prop::option::of(any::<Index>()),
        extra_fields(&EVIDENCE_KEYS),
    )
        .prop_map(
            |(source, supports, date, who, quote, interview, extra)| EvidencePlan {
                source,
                supports,
                date,
                who,
                quote,
                interview,
                extra,
            },
        )
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
    status: Option<Index>,
    votes: Option<u32>,
    evidence: Option<Vec<EvidencePlan>>,
    extra: Map<String, Value>,
}

fn item_plan() -> impl Strategy<Value = ItemPlan> {
    (
        (text(), text()),
        prop::option::of(1u8..=5),
        prop::option::of(any::<Index>()),
        prop::option::of(prop::collection::vec(any::<Index>(), 0..3)),
        prop::option::of(any::<Index>()),
        prop::option::of(any::<u32>()),
        prop::option::weighted(0.3, prop::collection::vec(evidence_plan(), 0..3)),
        extra_fields(&ITEM_KEYS),
    )
        .prop_map(
            |((id, text), weight, kind, links, status, votes, evidence, extra)| ItemPlan {
                id,
                text,
                weight,
                kind,
                links,
                status,
                votes,
                evidence,
                extra,
            },
        )
}

#[derive(Debug, Clone)]
struct InterviewPlan {
    id: String,
    date: Option<Value>,
    texts: [Option<Value>; 3],
    extra: Map<String, Value>,
}

fn interview_plan() -> impl Strategy<Value = InterviewPlan> {
    (
        text(),
        date(),
        [opt_text(), opt_text(), opt_text()],
        extra_fields(&INTERVIEW_KEYS),
    )
        .prop_map(|(id, date, texts, extra)| InterviewPlan {
            id,
            date,
            texts,
            extra,
        })
}

/// The learning card's three texts and its unknown fields.
type LearningPlan = ([Option<Value>; 3], Map<String, Value>);

#[derive(Debug, Clone)]
struct TestPlan {
    id: String,
    texts: [Option<Value>; 4],
    /// Which notes it tests; left out when `None`.
    items: Option<Vec<Index>>,
    state: Option<Index>,
    learning: Option<LearningPlan>,
    extra: Map<String, Value>,
}

fn test_plan() -> impl Strategy<Value = TestPlan> {
    (
        text(),
        [opt_text(), opt_text(), opt_text(), opt_text()],
        prop::option::of(prop::collection::vec(any::<Index>(), 0..3)),
        prop::option::of(any::<Index>()),
        prop::option::of((
            [opt_text(), opt_text(), opt_text()],
            extra_fields(&LEARNING_KEYS),
        )),
        extra_fields(&TEST_KEYS),
    )
        .prop_map(|(id, texts, items, state, learning, extra)| TestPlan {
            id,
            texts,
            items,
            state,
            learning,
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
    interviews: Option<Vec<InterviewPlan>>,
    tests: Option<Vec<TestPlan>>,
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
        prop::option::weighted(0.3, prop::collection::vec(interview_plan(), 0..3)),
        prop::option::weighted(0.3, prop::collection::vec(test_plan(), 0..3)),
        extra_fields(&TOP_KEYS),
    )
        .prop_map(
            |(title, customer, notes, sections, interviews, tests, extra)| CanvasPlan {
                title,
                customer,
                notes,
                sections,
                interviews,
                tests,
                extra,
            },
        )
}

/// Picks distinct entries of `from` in the order first drawn.
fn distinct<'a>(picks: &[Index], from: &'a [String]) -> Vec<&'a String> {
    let mut chosen: Vec<&String> = Vec::new();
    if !from.is_empty() {
        for pick in picks {
            let id = pick.get(from);
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
    }
    chosen
}

/// A valid format v1 document. Ids get a running number so they are unique however the random
/// part collides (and non-empty).
fn build_canvas(plan: &CanvasPlan) -> Value {
    let mut n = 0;
    let mut unique = |id: &str| {
        n += 1;
        format!("{id}#{n}")
    };
    let mut ids: [Vec<String>; 6] = Default::default();
    for section in Section::ALL {
        for item in plan.sections[section.index()].iter().flatten() {
            ids[section.index()].push(unique(&item.id));
        }
    }
    let interviews = plan.interviews.as_deref().unwrap_or_default();
    let interview_ids: Vec<String> = interviews.iter().map(|i| unique(&i.id)).collect();
    let tests = plan.tests.as_deref().unwrap_or_default();
    let test_ids: Vec<String> = tests.iter().map(|t| unique(&t.id)).collect();
    let note_ids: Vec<String> = ids.concat();

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
                fields.insert("addresses".into(), json!(distinct(links, targets)));
            }
            if let Some(s) = &item.status {
                fields.insert("status".into(), json!(s.get(&Status::ALL).key()));
            }
            if let Some(v) = item.votes {
                fields.insert("votes".into(), json!(v));
            }
            if let Some(evidence) = &item.evidence {
                let entries: Vec<Value> = evidence
                    .iter()
                    .map(|e| {
                        let mut f = Map::new();
                        f.insert("source".into(), json!(e.source.get(&Source::ALL).key()));
                        let stance = if e.supports {
                            Stance::Supports
                        } else {
                            Stance::Contradicts
                        };
                        f.insert("stance".into(), json!(stance.key()));
                        put(
                            &mut f,
                            &[("date", &e.date), ("who", &e.who), ("quote", &e.quote)],
                        );
                        if let Some(pick) = &e.interview
                            && !interview_ids.is_empty()
                        {
                            f.insert("interview".into(), json!(pick.get(&interview_ids)));
                        }
                        f.extend(e.extra.clone());
                        Value::Object(f)
                    })
                    .collect();
                fields.insert("evidence".into(), Value::Array(entries));
            }
            fields.extend(item.extra.clone());
            list.push(Value::Object(fields));
        }
        top.insert(section.key().into(), Value::Array(list));
    }
    if plan.interviews.is_some() {
        let list: Vec<Value> = interviews
            .iter()
            .zip(&interview_ids)
            .map(|(i, id)| {
                let mut f = Map::new();
                f.insert("id".into(), json!(id));
                let [person, role, notes] = &i.texts;
                put(
                    &mut f,
                    &[
                        ("date", &i.date),
                        ("person", person),
                        ("role", role),
                        ("notes", notes),
                    ],
                );
                f.extend(i.extra.clone());
                Value::Object(f)
            })
            .collect();
        top.insert("interviews".into(), Value::Array(list));
    }
    if plan.tests.is_some() {
        let list: Vec<Value> = tests
            .iter()
            .zip(&test_ids)
            .map(|(t, id)| {
                let mut f = Map::new();
                f.insert("id".into(), json!(id));
                let [hypothesis, test, metric, criteria] = &t.texts;
                put(
                    &mut f,
                    &[
                        ("hypothesis", hypothesis),
                        ("test", test),
                        ("metric", metric),
                        ("criteria", criteria),
                    ],
                );
                if let Some(items) = &t.items {
                    f.insert("items".into(), json!(distinct(items, &note_ids)));
                }
                if let Some(state) = &t.state {
                    f.insert("state".into(), json!(state.get(&TestState::ALL).key()));
                }
                if let Some(([observed, learned, decision], extra)) = &t.learning {
                    let mut l = Map::new();
                    put(
                        &mut l,
                        &[
                            ("observed", observed),
                            ("learned", learned),
                            ("decision", decision),
                        ],
                    );
                    l.extend(extra.clone());
                    f.insert("learning".into(), Value::Object(l));
                }
                f.extend(t.extra.clone());
                Value::Object(f)
            })
            .collect();
        top.insert("tests".into(), Value::Array(list));
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

/// Every field of `doc` is in `saved` where it was: unknown fields exactly, known fields as
/// read (a `null` text as `""`, fields at their default possibly left out).
fn assert_kept(doc: &Value, saved: &Value, at: &str) -> Result<(), TestCaseError> {
    let known = |k: &str| {
        [
            &TOP_KEYS[..],
            &ITEM_KEYS,
            &EVIDENCE_KEYS,
            &INTERVIEW_KEYS,
            &TEST_KEYS,
            &LEARNING_KEYS,
        ]
        .iter()
        .any(|keys| keys.contains(&k))
    };
    let is_default = |v: &Value| {
        matches!(v, Value::Null) || v == "" || v == "assumption" || v == 0 || v == &json!([])
    };
    match (doc, saved) {
        (Value::Object(d), Value::Object(s)) => {
            for (k, v) in d {
                let here = format!("{at}.{k}");
                match s.get(k) {
                    Some(sv) if known(k) => assert_kept(v, sv, &here)?,
                    Some(sv) => prop_assert_eq!(v, sv, "{} changed", here),
                    None => prop_assert!(known(k) && is_default(v), "{} was dropped", here),
                }
            }
        }
        (Value::Array(d), Value::Array(s)) => {
            prop_assert_eq!(d.len(), s.len(), "{} changed length", at);
            for (i, (dv, sv)) in d.iter().zip(s).enumerate() {
                assert_kept(dv, sv, &format!("{at}[{i}]"))?;
            }
        }
        (Value::Null, Value::String(s)) => prop_assert_eq!(s, "", "{}", at),
        (d, s) => prop_assert_eq!(d, s, "{} changed", at),
    }
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
    // Mostly changes that keep the text UTF-8 and often JSON, so that more cases get past the
    // parser into validation; random bytes alone are covered by `any_bytes_load_or_fail_cleanly`.
    let json_bytes = prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(b"{}[]\",:0123456789-truenulfas \n\\".to_vec()),
            1 => any::<u8>(),
        ],
        0..8,
    );
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), 1u8..128).prop_map(|(at, mask)| Mutation::Flip(at, mask)),
        2 => (any::<Index>(), any::<Index>(), json_bytes)
            .prop_map(|(a, b, bytes)| Mutation::Splice(a, b, bytes)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(a, b, to)| Mutation::Duplicate(a, b, to)),
        4 => (
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
    /// With `true`, a customer note and a kind of its section.
    SetKind(Pick, Index, bool),
    Remove(Pick),
    Move(Pick, usize),
    Shift(Pick, isize),
    /// With `true`, the target comes from the section the source addresses, so links mostly
    /// succeed; with `false`, from anywhere, so most are refused.
    Link(Pick, Pick, bool),
    Unlink(Pick, Pick),
    SetHeader(Index, String),
    SetStatus(Pick, Index),
    SetVotes(Pick, u32),
    /// Evidence citing an interview picked among those logged, when the last field is set.
    AddEvidence(Pick, Index, bool, String, Option<Pick>),
    RemoveEvidence(Pick, usize),
    AddInterview(Option<(u32, u32, u32)>, String),
    RemoveInterview(Pick),
    AddTest(String, Vec<Pick>),
    SetTestItems(Pick, Vec<Pick>),
    RemoveTest(Pick),
    FinishTest(Pick, Option<Index>),
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
        2 => (any::<Index>(), 0usize..5, text()).prop_map(|(s, i, t)| Op::Insert(s, i, t)),
        1 => (pick(), text()).prop_map(|(p, t)| Op::SetText(p, t)),
        2 => (pick(), 0u8..7).prop_map(|(p, w)| Op::SetWeight(p, w)),
        2 => (pick(), any::<Index>(), any::<bool>()).prop_map(|(p, k, smart)| Op::SetKind(p, k, smart)),
        1 => pick().prop_map(Op::Remove),
        1 => (pick(), 0usize..5).prop_map(|(p, to)| Op::Move(p, to)),
        1 => (pick(), -4isize..=4).prop_map(|(p, by)| Op::Shift(p, by)),
        4 => (pick(), pick(), any::<bool>()).prop_map(|(a, b, smart)| Op::Link(a, b, smart)),
        1 => (pick(), pick()).prop_map(|(a, b)| Op::Unlink(a, b)),
        1 => (any::<Index>(), text()).prop_map(|(which, t)| Op::SetHeader(which, t)),
        1 => (pick(), any::<Index>()).prop_map(|(p, s)| Op::SetStatus(p, s)),
        1 => (pick(), any::<u32>()).prop_map(|(p, v)| Op::SetVotes(p, v)),
        2 => (pick(), any::<Index>(), any::<bool>(), text(), prop::option::of(pick()))
            .prop_map(|(p, s, supports, q, iv)| Op::AddEvidence(p, s, supports, q, iv)),
        1 => (pick(), 0usize..2).prop_map(|(p, i)| Op::RemoveEvidence(p, i)),
        1 => (prop::option::of((1000u32..=9999, 1u32..=12, 1u32..=31)), text())
            .prop_map(|(d, person)| Op::AddInterview(d, person)),
        1 => pick().prop_map(Op::RemoveInterview),
        1 => (text(), prop::collection::vec(pick(), 0..3)).prop_map(|(h, ps)| Op::AddTest(h, ps)),
        1 => (pick(), prop::collection::vec(pick(), 0..3)).prop_map(|(t, ps)| Op::SetTestItems(t, ps)),
        1 => pick().prop_map(Op::RemoveTest),
        1 => (pick(), prop::option::of(any::<Index>())).prop_map(|(t, s)| Op::FinishTest(t, s)),
    ]
}

fn all_kinds() -> Vec<Kind> {
    Section::ALL
        .into_iter()
        .flat_map(|s| s.kinds().iter().copied())
        .collect()
}

fn resolve(canvas: &Canvas, pick: &Pick, among: Option<Section>) -> String {
    resolve_where(canvas, pick, |s, _| among.is_none_or(|a| a == s))
}

/// Picks among the notes that `fits`, so that more operations succeed.
fn resolve_where(canvas: &Canvas, pick: &Pick, fits: impl Fn(Section, &Item) -> bool) -> String {
    let ids: Vec<String> = canvas
        .all_items()
        .filter(|(s, item)| fits(*s, item))
        .map(|(_, item)| item.id().to_string())
        .collect();
    resolve_in(&ids, pick)
}

fn resolve_in(ids: &[String], pick: &Pick) -> String {
    match pick {
        Pick::Existing(i) if !ids.is_empty() => i.get(ids).clone(),
        Pick::Existing(_) => "no-such-id".to_owned(),
        // An id nothing has: the model never makes one with a space in it.
        Pick::Missing(t) => format!("missing {t}"),
    }
}

fn interview_id(canvas: &Canvas, pick: &Pick) -> String {
    let ids: Vec<String> = canvas
        .interviews()
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    resolve_in(&ids, pick)
}

fn test_id(canvas: &Canvas, pick: &Pick) -> String {
    let ids: Vec<String> = canvas.tests().iter().map(|t| t.id().to_string()).collect();
    resolve_in(&ids, pick)
}

fn note_ids(canvas: &Canvas, picks: &[Pick]) -> Vec<String> {
    picks.iter().map(|p| resolve(canvas, p, None)).collect()
}

/// The two ends of a link. With `smart`, the target comes from the section the source
/// addresses, so links mostly succeed; without, from anywhere, so most are refused.
fn link_ends(canvas: &Canvas, from: &Pick, to: &Pick, smart: bool) -> (String, String) {
    let from = if smart {
        resolve_where(canvas, from, |s, _| !s.is_customer())
    } else {
        resolve(canvas, from, None)
    };
    let target = smart
        .then(|| canvas.section_of(&from).and_then(Section::addresses))
        .flatten();
    let to = resolve(canvas, to, target);
    (from, to)
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
        Op::SetKind(p, k, smart) => {
            let id = if *smart {
                resolve_where(canvas, p, |s, _| s.is_customer())
            } else {
                resolve(canvas, p, None)
            };
            let kinds = match canvas.section_of(&id) {
                Some(s) if *smart && s.is_customer() => s.kinds().to_vec(),
                _ => all_kinds(),
            };
            canvas.set_kind(&id, *k.get(&kinds))?;
        }
        Op::Remove(p) => {
            canvas.remove_item(&resolve(canvas, p, None))?;
        }
        Op::Move(p, to) => canvas.move_item(&resolve(canvas, p, None), *to)?,
        Op::Shift(p, by) => {
            canvas.shift_item(&resolve(canvas, p, None), *by)?;
        }
        Op::Link(from, to, smart) => {
            let (from, to) = link_ends(canvas, from, to, *smart);
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
        Op::SetStatus(p, st) => {
            canvas.set_status(&resolve(canvas, p, None), *st.get(&Status::ALL))?
        }
        Op::SetVotes(p, v) => canvas.set_votes(&resolve(canvas, p, None), *v)?,
        Op::AddEvidence(p, source, supports, quote, interview) => {
            let stance = if *supports {
                Stance::Supports
            } else {
                Stance::Contradicts
            };
            let mut evidence = Evidence::new(*source.get(&Source::ALL), stance, quote.clone());
            evidence.interview = interview
                .as_ref()
                .and_then(|iv| fitcanvas_model::ItemId::new(interview_id(canvas, iv)));
            canvas.add_evidence(&resolve(canvas, p, None), evidence)?;
        }
        Op::RemoveEvidence(p, i) => {
            let id = resolve_where(canvas, p, |_, item| !item.evidence().is_empty());
            canvas.remove_evidence(&id, *i)?;
        }
        Op::AddInterview(date, person) => {
            // Days past the month's end are not dates: those interviews get none.
            let date = date.and_then(|(y, m, d)| IsoDate::parse(&format!("{y:04}-{m:02}-{d:02}")));
            canvas.add_interview(date, person.clone(), "role");
        }
        Op::RemoveInterview(p) => {
            canvas.remove_interview(&interview_id(canvas, p))?;
        }
        Op::AddTest(hypothesis, picks) => {
            let ids = note_ids(canvas, picks);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            canvas.add_test(hypothesis.clone(), &ids)?;
        }
        Op::SetTestItems(t, picks) => {
            let ids = note_ids(canvas, picks);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            canvas.set_test_items(&test_id(canvas, t), &ids)?;
        }
        Op::RemoveTest(t) => {
            canvas.remove_test(&test_id(canvas, t))?;
        }
        Op::FinishTest(t, status) => {
            let learning = Learning::new("observed", "learned", "decided");
            let status = status.as_ref().map(|s| *s.get(&Status::ALL));
            canvas.finish_test(&test_id(canvas, t), learning, status)?;
        }
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
        prop_assert_eq!(canvas.interviews().len(), plan.interviews.as_ref().map_or(0, Vec::len));
        prop_assert_eq!(canvas.tests().len(), plan.tests.as_ref().map_or(0, Vec::len));
        // ...survive the save, and are written where they were.
        assert_round_trip(&canvas)?;
        let saved: Value = serde_json::from_slice(&format::to_vec(&canvas)).unwrap();
        assert_kept(&doc, &saved, "")?;
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
    fn model_operations_keep_the_canvas_valid(
        start in prop::option::weighted(0.5, canvas_plan()),
        ops in prop::collection::vec(op(), 0..60),
    ) {
        // From an empty canvas, or from one read from a file, with ids the model did not make.
        let mut canvas = match &start {
            None => Canvas::new(),
            Some(plan) => format::from_value(build_canvas(plan)).unwrap(),
        };
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

/// The typed edit an operation stands for, worked out against the canvas as it is now; `None`
/// when it names nothing that could be edited.
fn edit_for(canvas: &Canvas, op: &Op) -> Option<Edit> {
    let id = |p: &Pick| ItemId::new(resolve(canvas, p, None));
    Some(match op {
        Op::Add(s, t) | Op::Insert(s, _, t) => {
            let section = *s.get(&Section::ALL);
            let index = match op {
                Op::Insert(_, i, _) => *i,
                _ => canvas.items(section).len(),
            };
            Edit::AddNote {
                section,
                index,
                id: canvas.next_id(section),
                text: t.clone(),
            }
        }
        Op::SetText(p, t) => Edit::SetText {
            id: id(p)?,
            text: t.clone(),
        },
        Op::SetWeight(p, w) => Edit::SetWeight {
            id: id(p)?,
            weight: *w,
        },
        Op::SetKind(p, k, _) => Edit::SetKind {
            id: id(p)?,
            kind: *k.get(&all_kinds()),
        },
        Op::Remove(p) => Edit::RemoveNote { id: id(p)? },
        Op::Move(p, to) => Edit::MoveNote {
            id: id(p)?,
            to: *to,
        },
        Op::Shift(p, by) => Edit::AddVotes {
            id: id(p)?,
            by: *by as i64,
        },
        Op::Link(from, to, smart) => {
            let (from, to) = link_ends(canvas, from, to, *smart);
            Edit::Link {
                from: ItemId::new(from)?,
                to: ItemId::new(to)?,
                at: None,
            }
        }
        Op::Unlink(from, to) => Edit::Unlink {
            from: id(from)?,
            to: id(to)?,
        },
        Op::SetHeader(which, t) => match which.index(3) {
            0 => Edit::SetTitle { text: t.clone() },
            1 => Edit::SetCustomer { text: t.clone() },
            _ => Edit::SetCanvasNotes { text: t.clone() },
        },
        Op::SetStatus(p, st) => Edit::SetStatus {
            id: id(p)?,
            status: *st.get(&Status::ALL),
        },
        Op::SetVotes(p, v) => Edit::AddVotes {
            id: id(p)?,
            by: i64::from(*v % 7) - 3,
        },
        Op::AddEvidence(p, source, supports, quote, interview) => {
            let stance = if *supports {
                Stance::Supports
            } else {
                Stance::Contradicts
            };
            let mut evidence = Evidence::new(*source.get(&Source::ALL), stance, quote.clone());
            evidence.interview = interview
                .as_ref()
                .and_then(|iv| ItemId::new(interview_id(canvas, iv)));
            Edit::AddEvidence {
                note: id(p)?,
                index: 0,
                evidence,
            }
        }
        Op::RemoveEvidence(p, i) => {
            let note = resolve_where(canvas, p, |_, item| !item.evidence().is_empty());
            let entry = canvas.item(&note)?.evidence().get(*i)?.id();
            Edit::RemoveEvidence {
                note: ItemId::new(note)?,
                entry,
            }
        }
        Op::AddInterview(_, person) => {
            let mut interview = Interview::new(canvas.next_interview_id());
            interview.person = person.clone();
            Edit::AddInterview {
                index: 0,
                interview,
            }
        }
        Op::RemoveInterview(p) => Edit::RemoveInterview {
            id: ItemId::new(interview_id(canvas, p))?,
        },
        Op::AddTest(hypothesis, picks) => {
            let ids = note_ids(canvas, picks);
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            Edit::AddTest {
                index: 0,
                card: canvas.new_test_card(hypothesis.clone(), &ids).ok()?,
            }
        }
        Op::SetTestItems(t, picks) => Edit::SetTestItems {
            id: ItemId::new(test_id(canvas, t))?,
            items: note_ids(canvas, picks)
                .into_iter()
                .filter_map(ItemId::new)
                .collect(),
        },
        Op::RemoveTest(t) => Edit::RemoveTest {
            id: ItemId::new(test_id(canvas, t))?,
        },
        Op::FinishTest(t, status) => {
            let learning = Learning::new("observed", "learned", "decided");
            let status = status.as_ref().map(|s| *s.get(&Status::ALL));
            canvas
                .finish_test_edit(&test_id(canvas, t), learning, status)
                .ok()?
        }
    })
}

/// Typing: text edits of one field in a row share an undo step.
fn merge_key(edit: &Edit) -> Option<MergeKey> {
    match edit {
        Edit::SetText { id, .. } => Some(MergeKey::NoteText(id.clone())),
        Edit::SetTitle { .. } => Some(MergeKey::Title),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn undo_all_gives_back_the_start_and_redo_all_the_end(
        start in prop::option::weighted(0.5, canvas_plan()),
        ops in prop::collection::vec(op(), 0..40),
    ) {
        let mut canvas = match &start {
            None => Canvas::new(),
            Some(plan) => format::from_value(build_canvas(plan)).unwrap(),
        };
        let first = canvas.clone();
        let mut history = History::new();
        for op in &ops {
            let Some(edit) = edit_for(&canvas, op) else { continue };
            let before = canvas.clone();
            let key = merge_key(&edit);
            if let Err(e) = history.apply(&mut canvas, edit.clone(), key) {
                prop_assert_eq!(&canvas, &before, "refused {:?} ({}) but changed the canvas", edit, e);
            }
            assert_round_trip(&canvas)?;
        }
        let end = canvas.clone();
        let steps = history.undo_len();
        for _ in 0..steps {
            prop_assert!(history.undo(&mut canvas).unwrap().is_some());
            assert_round_trip(&canvas)?;
        }
        prop_assert!(!history.can_undo());
        prop_assert_eq!(&canvas, &first);
        for _ in 0..steps {
            prop_assert!(history.redo(&mut canvas).unwrap().is_some());
            assert_round_trip(&canvas)?;
        }
        prop_assert_eq!(&canvas, &end);
    }

    #[test]
    fn every_edit_survives_a_trip_through_json(
        ops in prop::collection::vec(op(), 0..30),
    ) {
        // The room and the sync layer send edits as JSON: what arrives is what was sent.
        let mut canvas = Canvas::new();
        for op in &ops {
            let Some(edit) = edit_for(&canvas, op) else { continue };
            let json = serde_json::to_string(&edit).unwrap();
            let back: Edit = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &edit);
            let _ = canvas.apply(edit);
        }
    }
}
