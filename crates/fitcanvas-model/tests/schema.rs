//! `docs/fitcanvas.schema.json` agrees with the loader: it accepts every bundled example and the
//! example in `docs/FORMAT.md`, keeps unknown fields legal, and rejects documents the loader
//! refuses for reasons a schema can express.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::path::{Path, PathBuf};

use boon::{Compiler, SchemaIndex, Schemas};
use fitcanvas_model::format;
use serde_json::{Value, json};

fn root() -> PathBuf {
    fitcanvas_testkit::workspace_root()
}

fn schema() -> (Schemas, SchemaIndex) {
    let mut schemas = Schemas::new();
    let mut compiler = Compiler::new();
    // Dates must be real days, as the loader insists.
    compiler.enable_format_assertions();
    let path = root().join("docs/fitcanvas.schema.json");
    // Compiling also checks the schema against the draft 2020-12 meta-schema.
    let index = compiler
        .compile(path.to_str().unwrap(), &mut schemas)
        .unwrap_or_else(|e| panic!("{e:#}"));
    (schemas, index)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// A valid canvas with one note in each section, unknown fields at every level, and evidence.
fn valid() -> Value {
    json!({
        "format": "fitcanvas",
        "version": 1,
        "title": "Lunch planner",
        "customer": null,
        "jobs": [{ "id": "job-1", "text": "Plan lunches", "weight": 5, "kind": "functional", "x-color": "red" }],
        "pains": [{ "id": "pain-1", "text": "No time", "kind": "risk", "status": "validated", "votes": 2,
            "evidence": [{ "source": "interview", "date": "2026-03-04", "who": "Ana", "quote": "Never",
                "stance": "supports", "interview": "interview-1", "x-tag": 1 }] }],
        "gains": [{ "id": "gain-1", "text": "Eat well" }],
        "products": [{ "id": "product-1", "text": "App", "addresses": ["job-1"] }],
        "pain_relievers": [{ "id": "reliever-1", "text": "Two-minute plan", "addresses": ["pain-1"] }],
        "gain_creators": null,
        "interviews": [{ "id": "interview-1", "date": "", "person": "Ana", "x-rec": true }],
        "tests": [{ "id": "test-1", "hypothesis": "People plan", "items": ["pain-1"], "state": "done",
            "learning": { "observed": "Yes", "learned": "They do", "decision": "Go" } }],
        "x-editor": { "zoom": 1.5 }
    })
}

fn with(mut doc: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc.pointer_mut(parent).unwrap();
    match (value, target) {
        (Some(v), Value::Object(map)) => {
            map.insert(key.to_owned(), v);
        }
        (None, Value::Object(map)) => {
            map.remove(key);
        }
        (_, other) => panic!("{pointer}: {other} is not an object"),
    }
    doc
}

#[test]
fn the_schema_accepts_every_bundled_example() {
    let (schemas, index) = schema();
    let mut count = 0;
    for entry in std::fs::read_dir(root().join("assets/examples")).unwrap() {
        let path = entry.unwrap().path();
        let doc = read_json(&path);
        if let Err(e) = schemas.validate(&doc, index) {
            panic!("{}: {e:#}", path.display());
        }
        count += 1;
    }
    assert!(count >= 3);
}

#[test]
fn the_example_in_format_md_is_valid_and_canonical() {
    let spec = std::fs::read_to_string(root().join("docs/FORMAT.md")).unwrap();
    let after = &spec[spec
        .find("## Complete example")
        .expect("a complete example section")..];
    let start = after.find("```json\n").unwrap() + "```json\n".len();
    let text = &after[start..start + after[start..].find("```").unwrap()];

    let canvas = format::from_slice(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        format::to_string(&canvas),
        text,
        "the example is in canonical form"
    );
    let (schemas, index) = schema();
    let doc: Value = serde_json::from_str(text).unwrap();
    if let Err(e) = schemas.validate(&doc, index) {
        panic!("{e:#}");
    }
}

#[test]
fn the_schema_accepts_unknown_fields_nulls_and_missing_optional_fields() {
    let (schemas, index) = schema();
    let minimal = json!({ "format": "fitcanvas", "version": 1 });
    for doc in [valid(), minimal] {
        format::from_value(doc.clone()).unwrap_or_else(|e| panic!("the loader refuses it: {e}"));
        if let Err(e) = schemas.validate(&doc, index) {
            panic!("{doc}: {e:#}");
        }
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let (schemas, index) = schema();
    let cases = [
        ("weight 6", "/jobs/0/weight", Some(json!(6))),
        ("weight 0", "/jobs/0/weight", Some(json!(0))),
        ("fractional weight", "/jobs/0/weight", Some(json!(2.5))),
        ("unknown kind", "/pains/0/kind", Some(json!("financial"))),
        (
            "kind of another section",
            "/jobs/0/kind",
            Some(json!("risk")),
        ),
        ("missing format", "/format", None),
        ("another format", "/format", Some(json!("miro"))),
        ("missing version", "/version", None),
        ("newer version", "/version", Some(json!(2))),
        ("empty id", "/gains/0/id", Some(json!(""))),
        ("missing text", "/gains/0/text", None),
        ("weight on a product", "/products/0/weight", Some(json!(3))),
        (
            "kind on a pain reliever",
            "/pain_relievers/0/kind",
            Some(json!("risk")),
        ),
        ("addresses on a pain", "/pains/0/addresses", Some(json!([]))),
        (
            "a link twice",
            "/products/0/addresses",
            Some(json!(["job-1", "job-1"])),
        ),
        ("section not a list", "/gains", Some(json!({}))),
        ("title not text", "/title", Some(json!(7))),
        ("unknown status", "/pains/0/status", Some(json!("proven"))),
        ("negative votes", "/pains/0/votes", Some(json!(-1))),
        (
            "evidence without stance",
            "/pains/0/evidence/0/stance",
            None,
        ),
        (
            "unknown source",
            "/pains/0/evidence/0/source",
            Some(json!("rumour")),
        ),
        (
            "no such day",
            "/pains/0/evidence/0/date",
            Some(json!("2026-02-30")),
        ),
        (
            "unknown test state",
            "/tests/0/state",
            Some(json!("abandoned")),
        ),
        ("interview without id", "/interviews/0/id", None),
    ];
    for (what, pointer, value) in cases {
        let doc = with(valid(), pointer, value);
        assert!(
            format::from_value(doc.clone()).is_err(),
            "{what}: the loader accepts it, so the schema should too"
        );
        assert!(
            schemas.validate(&doc, index).is_err(),
            "{what}: the schema accepts {doc}"
        );
    }
}

#[test]
fn cross_reference_rules_are_beyond_the_schema() {
    // Documented in FORMAT.md: the loader refuses these, a schema cannot.
    let (schemas, index) = schema();
    for (what, pointer, value) in [
        ("duplicate id", "/gains/0/id", json!("job-1")),
        (
            "link to a missing note",
            "/products/0/addresses",
            json!(["job-9"]),
        ),
        (
            "link to the wrong section",
            "/products/0/addresses",
            json!(["pain-1"]),
        ),
    ] {
        let doc = with(valid(), pointer, Some(value));
        assert!(format::from_value(doc.clone()).is_err(), "{what}");
        assert!(schemas.validate(&doc, index).is_ok(), "{what}");
    }
}

/// A merged canvas holding one conflict of each kind.
fn with_conflicts() -> Value {
    use fitcanvas_model::Section;
    let mut base = fitcanvas_model::Canvas::new();
    base.add_item(Section::Pains, "Closed at night");
    base.add_item(Section::Pains, "Cold food");
    base.add_item(Section::Pains, "Queues");
    base.add_item(Section::Pains, "Prices");
    base.add_item(Section::Pains, "Noise");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.set_text("pain-1", "ours").unwrap();
    theirs.set_text("pain-1", "theirs").unwrap();
    ours.set_votes("pain-2", 2).unwrap();
    theirs.remove_item("pain-2").unwrap();
    ours.move_item("pain-3", 0).unwrap();
    theirs.move_item("pain-1", 2).unwrap();
    ours.set_title("Ours");
    theirs.set_title("Theirs");
    // One note moved (by hand, in the file) to two different areas: a clash.
    let moved = |canvas: &fitcanvas_model::Canvas, to: &str| {
        let mut doc: Value = serde_json::from_str(&format::to_string(canvas)).unwrap();
        let pains = doc["pains"].as_array_mut().unwrap();
        let at = pains.iter().position(|n| n["id"] == "pain-5").unwrap();
        let mut note = pains.remove(at);
        note.as_object_mut().unwrap().remove("kind");
        doc[to].as_array_mut().unwrap().push(note);
        format::from_value(doc).unwrap()
    };
    let (ours, theirs) = (moved(&ours, "gains"), moved(&theirs, "jobs"));
    let merged = fitcanvas_model::merge::merge(&base, &ours, &theirs);
    let kinds: Vec<&str> = merged
        .conflicts()
        .iter()
        .map(|c| match c {
            fitcanvas_model::conflict::Conflict::Field { .. } => "field",
            fitcanvas_model::conflict::Conflict::Deleted { .. } => "deleted",
            fitcanvas_model::conflict::Conflict::Clash { .. } => "clash",
            fitcanvas_model::conflict::Conflict::Order { .. } => "order",
        })
        .collect();
    for kind in ["field", "deleted", "clash", "order"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    serde_json::from_str(&format::to_string(&merged)).unwrap()
}

#[test]
fn the_schema_accepts_the_conflicts_a_merge_writes_and_rejects_what_the_loader_rejects() {
    let (schemas, index) = schema();
    let doc = with_conflicts();
    if let Err(e) = schemas.validate(&doc, index) {
        panic!("{doc}: {e:#}");
    }
    for (what, pointer, value) in [
        (
            "unknown conflict",
            "/conflicts/0/conflict",
            Some(json!("maybe")),
        ),
        ("an unknown key", "/conflicts/0/x-note", Some(json!(1))),
        ("no field", "/conflicts/0/field", None),
        ("not a list", "/conflicts", Some(json!({}))),
    ] {
        let doc = with(with_conflicts(), pointer, value);
        assert!(
            format::from_value(doc.clone()).is_err(),
            "{what}: the loader accepts it"
        );
        assert!(
            schemas.validate(&doc, index).is_err(),
            "{what}: the schema accepts {doc}"
        );
    }
}
