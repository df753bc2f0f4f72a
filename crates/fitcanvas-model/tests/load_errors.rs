//! Every kind of bad input gets one clear message that says what is wrong and where.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use fitcanvas_model::format::{self, LoadError};

fn error_for(bytes: &[u8]) -> LoadError {
    match format::from_slice(bytes) {
        Ok(canvas) => panic!("expected an error, loaded {canvas:?}"),
        Err(e) => e,
    }
}

fn message_for(json: &str) -> String {
    error_for(json.as_bytes()).to_string()
}

/// A valid file with `extra` spliced into the top-level object.
fn with(extra: &str) -> String {
    format!(r#"{{"format": "fitcanvas", "version": 1, {extra}}}"#)
}

#[test]
fn empty_file() {
    assert_eq!(message_for(""), "the file is empty");
    assert_eq!(message_for(" \n\t"), "the file is empty");
}

#[test]
fn not_json_names_line_and_column() {
    assert_eq!(
        message_for("{\n  \"format\": fitcanvas\n}"),
        "not valid JSON at line 2, column 14: unexpected word; text must be in double quotes"
    );
    assert_eq!(
        message_for("{\"format\": \"fitcanvas\",\n \"version\": 1,\n}"),
        "not valid JSON at line 3, column 1: a comma before a closing bracket"
    );
    assert!(message_for("hello").starts_with("not valid JSON at line 1, column 1"));
}

#[test]
fn truncated_json_says_it_looks_cut_off() {
    let msg =
        message_for("{\"format\": \"fitcanvas\", \"version\": 1, \"jobs\": [\n  {\"id\": \"a\"");
    assert_eq!(
        msg,
        "the file ends too early at line 2, column 12; it looks cut off"
    );
}

#[test]
fn json_that_is_not_an_object() {
    assert_eq!(
        message_for("[1, 2]"),
        "expected a JSON object at the top level, found a list"
    );
    assert_eq!(
        message_for("\"fitcanvas\""),
        "expected a JSON object at the top level, found text"
    );
}

#[test]
fn missing_or_wrong_format() {
    assert_eq!(
        message_for(r#"{"version": 1}"#),
        "not a Fitcanvas file: it needs \"format\": \"fitcanvas\" at the top level"
    );
    assert_eq!(
        message_for(r#"{"format": "miro", "version": 1}"#),
        "not a Fitcanvas file: it needs \"format\": \"fitcanvas\" at the top level, found \"miro\""
    );
}

#[test]
fn newer_version_says_which_this_build_reads() {
    let msg = message_for(r#"{"format": "fitcanvas", "version": 2}"#);
    assert_eq!(
        msg,
        "this file is Fitcanvas format version 2, but this build reads version 1; open it with a newer Fitcanvas"
    );
    assert_eq!(
        message_for(r#"{"format": "fitcanvas"}"#),
        "version: is missing; a version 1 file has \"version\": 1"
    );
    assert_eq!(
        message_for(r#"{"format": "fitcanvas", "version": "1"}"#),
        "version: must be the number 1, found text"
    );
    assert_eq!(
        message_for(r#"{"format": "fitcanvas", "version": 0}"#),
        "version: must be 1, found 0"
    );
}

#[test]
fn wrong_types_name_their_path() {
    assert_eq!(
        message_for(&with(r#""title": 5"#)),
        "title: must be text, found a number"
    );
    assert_eq!(
        message_for(&with(r#""pains": {"a": 1}"#)),
        "pains: must be a list of notes, found an object"
    );
    assert_eq!(
        message_for(&with(r#""gains": ["x"]"#)),
        "gains[0]: must be a note (a JSON object), found text"
    );
    assert_eq!(
        message_for(&with(r#""jobs": [{"id": 7, "text": "x"}]"#)),
        "jobs[0].id: must be text, found a number"
    );
    assert_eq!(
        message_for(&with(r#""jobs": [{"id": "", "text": "x"}]"#)),
        "jobs[0].id: must not be empty"
    );
    assert_eq!(
        message_for(&with(r#""jobs": [{"text": "x"}]"#)),
        "jobs[0]: has no \"id\""
    );
    assert_eq!(
        message_for(&with(r#""jobs": [{"id": "j"}]"#)),
        "jobs[0]: has no \"text\""
    );
    assert_eq!(
        message_for(&with(
            r#""products": [{"id": "p", "text": "x", "addresses": "j"}]"#
        )),
        "products[0].addresses: must be a list of note ids, found text"
    );
    assert_eq!(
        message_for(&with(
            r#""products": [{"id": "p", "text": "x", "addresses": [1]}]"#
        )),
        "products[0].addresses[0]: must be a note id (text), found a number"
    );
}

#[test]
fn weights_must_be_whole_numbers_from_1_to_5() {
    for (weight, shown) in [
        ("0", "0"),
        ("6", "6"),
        ("2.5", "2.5"),
        ("-1", "-1"),
        ("\"3\"", "\"3\""),
    ] {
        let json = with(&format!(
            r#""jobs": [{{"id": "a", "text": "x"}}, {{"id": "b", "text": "y", "weight": {weight}}}]"#
        ));
        assert_eq!(
            message_for(&json),
            format!("jobs[1].weight: must be a whole number from 1 to 5, found {shown}")
        );
    }
}

#[test]
fn unknown_kind_lists_the_allowed_ones() {
    let json = with(r#""pains": [{"id": "a", "text": "x", "kind": "annoyance"}]"#);
    assert_eq!(
        message_for(&json),
        "pains[0].kind: unknown kind \"annoyance\" for a pain; use one of undesired_outcome, obstacle, risk"
    );
    // A job kind on a gain is just as unknown there.
    let json = with(r#""gains": [{"id": "a", "text": "x", "kind": "functional"}]"#);
    assert!(
        message_for(&json).starts_with("gains[0].kind: unknown kind \"functional\" for a gain")
    );
}

#[test]
fn fields_in_the_wrong_half_of_the_canvas() {
    assert_eq!(
        message_for(&with(
            r#""jobs": [{"id": "a", "text": "x", "addresses": []}]"#
        )),
        "jobs[0].addresses: a job can't address other notes; only products & services, pain relievers and gain creators do"
    );
    assert_eq!(
        message_for(&with(
            r#""gain_creators": [{"id": "a", "text": "x", "weight": 2}]"#
        )),
        "gain_creators[0].weight: a gain creator has no weight; only jobs, pains and gains do"
    );
}

#[test]
fn duplicate_ids_across_sections() {
    let json = with(
        r#""jobs": [{"id": "a", "text": "x"}], "pain_relievers": [{"id": "b", "text": "y"}, {"id": "a", "text": "z"}]"#,
    );
    assert_eq!(
        message_for(&json),
        "pain_relievers[1].id: duplicate id \"a\": jobs[0] has it too; ids must be unique across the canvas"
    );
}

#[test]
fn link_to_a_missing_id() {
    let json = with(
        r#""pains": [{"id": "p", "text": "x"}], "pain_relievers": [{"id": "r1", "text": "y"}, {"id": "r2", "text": "z", "addresses": ["p", "ghost"]}]"#,
    );
    assert_eq!(
        message_for(&json),
        "pain_relievers[1].addresses[1]: links to \"ghost\", but no note has that id"
    );
}

#[test]
fn link_to_the_wrong_section() {
    let json = with(
        r#""jobs": [{"id": "j", "text": "x"}], "gain_creators": [{"id": "g", "text": "y", "addresses": ["j"]}]"#,
    );
    assert_eq!(
        message_for(&json),
        "gain_creators[0].addresses[0]: links to \"j\", which is jobs[0]; a gain creator can only address gains"
    );
}

#[test]
fn the_same_link_twice() {
    let json = with(
        r#""gains": [{"id": "g", "text": "x"}], "gain_creators": [{"id": "c", "text": "y", "addresses": ["g", "g"]}]"#,
    );
    assert_eq!(
        message_for(&json),
        "gain_creators[0].addresses[1]: \"g\" is listed twice"
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let mut bytes = b"{\"format\": \"fitcanvas\",\n \"title\": \"caf".to_vec();
    bytes.push(0xE9); // Latin-1 é, not UTF-8
    bytes.extend_from_slice(b"\"}");
    assert_eq!(
        error_for(&bytes).to_string(),
        "the file is not UTF-8 text: invalid byte at line 2, column 15 (save it as UTF-8)"
    );
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(with(r#""title": "BOM""#).as_bytes());
    let canvas = format::from_slice(&bytes).unwrap();
    assert_eq!(canvas.title(), "BOM");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let json = with(&format!(
        r#""x": {}{}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    assert!(matches!(
        error_for(json.as_bytes()),
        LoadError::Syntax { .. }
    ));
}

#[test]
fn a_key_twice_in_any_object_is_refused_with_its_name_and_line() {
    // Each kind of object, the repeated key on line 3 of its own text.
    let cases = [
        (
            "top level",
            "{\"format\": \"fitcanvas\", \"version\": 1,\n \"jobs\": [],\n \"jobs\": []}",
            "jobs",
        ),
        (
            "note",
            "{\"format\": \"fitcanvas\", \"version\": 1, \"pains\": [\n {\"id\": \"p\", \"text\": \"a\",\n  \"text\": \"b\"}]}",
            "text",
        ),
        (
            "evidence entry",
            "{\"format\": \"fitcanvas\", \"version\": 1, \"gains\": [{\"id\": \"g\", \"text\": \"\",\n \"evidence\": [{\"source\": \"survey\", \"stance\": \"supports\",\n  \"quote\": \"x\", \"quote\": \"y\"}]}]}",
            "quote",
        ),
        (
            "interview",
            "{\"format\": \"fitcanvas\", \"version\": 1,\n \"interviews\": [{\"id\": \"i\", \"person\": \"Ana\",\n \"person\": \"Ben\"}]}",
            "person",
        ),
        (
            "test card",
            "{\"format\": \"fitcanvas\", \"version\": 1,\n \"tests\": [{\"id\": \"t\",\n \"state\": \"done\", \"state\": \"planned\"}]}",
            "state",
        ),
        (
            "learning card",
            "{\"format\": \"fitcanvas\", \"version\": 1, \"tests\": [{\"id\": \"t\",\n \"learning\": {\"observed\": \"\",\n \"observed\": \"\"}}]}",
            "observed",
        ),
        (
            "unknown field's value",
            "{\"format\": \"fitcanvas\", \"version\": 1,\n \"x-theme\": {\"a\": 1,\n \"a\": 2}}",
            "a",
        ),
    ];
    for (what, json, key) in cases {
        match error_for(json.as_bytes()) {
            LoadError::DuplicateKey {
                key: found, line, ..
            } => {
                assert_eq!((found.as_str(), line), (key, 3), "{what}")
            }
            other => panic!("{what}: {other}"),
        }
    }
    assert_eq!(
        message_for("{\"format\": \"fitcanvas\", \"version\": 1,\n  \"jobs\": [], \"jobs\": []}"),
        "the key \"jobs\" appears twice in one object (line 2, column 20); keep one, as Fitcanvas will not guess which"
    );
    // The same key in different objects is fine.
    assert!(
        format::from_slice(
            br#"{"format": "fitcanvas", "version": 1, "x": {"a": 1}, "y": {"a": 1}}"#
        )
        .is_ok()
    );
}
