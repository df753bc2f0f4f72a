//! Evidence behind the canvas: statuses, evidence entries, interviews and test cards — their
//! operations, their place in the file format, and the clear errors for bad ones.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use fitcanvas_model::Canvas;
use fitcanvas_model::Evidence;
use fitcanvas_model::IsoDate;
use fitcanvas_model::Learning;
use fitcanvas_model::Section;
use fitcanvas_model::Source;
use fitcanvas_model::Stance;
use fitcanvas_model::Status;
use fitcanvas_model::TestState;
use fitcanvas_model::format;
use fitcanvas_model::risk::riskiest_assumptions;
use fitcanvas_model::score;

fn message_for(json: &str) -> String {
    match format::from_slice(json.as_bytes()) {
        Ok(_) => panic!("expected an error for {json}"),
        Err(e) => e.to_string(),
    }
}

fn with(extra: &str) -> String {
    format!(
        r#"{{"format": "fitcanvas", "version": 1,
            "pains": [{{"id": "p", "text": "Invoices get lost"}}],
            "pain_relievers": [{{"id": "r", "text": "Inbox capture", "addresses": ["p"]}}],
            {extra}}}"#
    )
}

/// A canvas that uses every evidence feature, built through the model's operations.
fn researched() -> Canvas {
    let mut c = Canvas::new();
    let pain = c.add_item(Section::Pains, "Invoices get lost in email");
    let reliever = c.add_item(Section::PainRelievers, "Inbox capture");
    c.link(reliever.as_str(), pain.as_str()).unwrap();
    let interview = c.add_interview(IsoDate::parse("2026-03-02"), "Dana K.", "Bookkeeper");
    let mut logged = c.interview(interview.as_str()).unwrap().clone();
    logged.notes = "Keeps a folder called LOST".into();
    c.set_interview(logged).unwrap();
    let mut said = Evidence::new(Source::Interview, Stance::Supports, "I lose one a week");
    said.interview = Some(interview.clone());
    said.who = "Dana K.".into();
    said.date = IsoDate::parse("2026-03-02");
    c.add_evidence(pain.as_str(), said).unwrap();
    c.add_evidence(
        pain.as_str(),
        Evidence::new(
            Source::SupportTicket,
            Stance::Supports,
            "Ticket #4411: missing invoice",
        ),
    )
    .unwrap();
    c.add_evidence(
        reliever.as_str(),
        Evidence::new(
            Source::Survey,
            Stance::Contradicts,
            "Only 2 of 40 forward invoices",
        ),
    )
    .unwrap();
    c.set_votes(pain.as_str(), 4).unwrap();
    let test = c
        .add_test("Bookkeepers lose invoices weekly", &[pain.as_str()])
        .unwrap();
    let mut card = c.test(test.as_str()).unwrap().clone();
    card.test = "Count lost invoices with 10 bookkeepers for a month".into();
    card.metric = "lost invoices per week".into();
    card.criteria = "at least 1 per week for 6 of 10".into();
    c.set_test(card).unwrap();
    c.finish_test(
        test.as_str(),
        Learning::new(
            "8 of 10 lost at least one a week",
            "The pain is real",
            "Build capture first",
        ),
        Some(Status::Validated),
    )
    .unwrap();
    c
}

#[test]
fn evidence_survives_save_and_load_exactly() {
    let canvas = researched();
    let text = format::to_string(&canvas);
    let loaded = format::from_slice(text.as_bytes()).unwrap();
    assert_eq!(loaded, canvas);
    assert_eq!(format::to_string(&loaded), text);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["pains"][0]["status"], "validated");
    assert_eq!(value["pains"][0]["votes"], 4);
    assert_eq!(value["pains"][0]["evidence"][0]["interview"], "interview-1");
    assert_eq!(value["pains"][0]["evidence"][1]["source"], "support_ticket");
    assert_eq!(value["interviews"][0]["role"], "Bookkeeper");
    assert_eq!(value["tests"][0]["state"], "done");
    assert_eq!(
        value["tests"][0]["learning"]["decision"],
        "Build capture first"
    );
    assert_eq!(value["tests"][0]["items"], serde_json::json!(["pain-1"]));
}

#[test]
fn a_canvas_without_evidence_writes_none_of_the_new_fields() {
    let mut c = Canvas::new();
    c.add_item(Section::Jobs, "j");
    let text = format::to_string(&c);
    for key in ["status", "votes", "evidence", "interviews", "tests"] {
        assert!(!text.contains(&format!("\"{key}\"")), "{key} in {text}");
    }
}

#[test]
fn unknown_fields_inside_evidence_interviews_and_tests_are_kept() {
    let json = with(
        r#""interviews": [{"id": "i1", "person": "Ana", "recording": "ana.m4a"}],
           "tests": [{"id": "t1", "items": ["p"], "budget": 200, "learning": {"observed": "x", "mood": "good"}}]"#,
    )
    .replace(
        r#""text": "Invoices get lost"}"#,
        r#""text": "Invoices get lost", "evidence": [{"source": "other", "stance": "supports", "weight": "strong"}]}"#,
    );
    let canvas = format::from_slice(json.as_bytes()).unwrap();
    let value: serde_json::Value = serde_json::from_str(&format::to_string(&canvas)).unwrap();
    assert_eq!(value["interviews"][0]["recording"], "ana.m4a");
    assert_eq!(value["tests"][0]["budget"], 200);
    assert_eq!(value["tests"][0]["learning"]["mood"], "good");
    assert_eq!(value["pains"][0]["evidence"][0]["weight"], "strong");
}

#[test]
fn bad_values_are_named_by_their_json_path() {
    let cases = [
        (
            with(r#""interviews": [{"id": "i", "date": "2026-02-30"}]"#),
            "interviews[0].date: must be a date written YYYY-MM-DD, found \"2026-02-30\"",
        ),
        (
            with(r#""interviews": [{"id": "i", "date": "March 3"}]"#),
            "interviews[0].date: must be a date written YYYY-MM-DD, found \"March 3\"",
        ),
        (
            with(r#""tests": [{"id": "t", "state": "paused"}]"#),
            "tests[0].state: unknown state \"paused\"; use one of planned, running, done",
        ),
        (
            with(r#""tests": [{"id": "t", "items": ["ghost"]}]"#),
            "tests[0].items[0]: tests \"ghost\", but no note has that id",
        ),
        (
            with(r#""interviews": [{"id": "i"}], "tests": [{"id": "t", "items": ["i"]}]"#),
            "tests[0].items[0]: tests \"i\", which is interviews[0], not a note",
        ),
        (
            with(r#""interviews": [{"id": "p"}]"#),
            "interviews[0].id: duplicate id \"p\": pains[0] has it too; ids must be unique across the canvas",
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(message_for(&json), expected);
    }
}

#[test]
fn bad_note_fields_are_named_by_their_json_path() {
    let note = |fields: &str| {
        with("\"x\": 0").replace(
            r#""text": "Invoices get lost"}"#,
            &format!(r#""text": "Invoices get lost", {fields}}}"#),
        )
    };
    let cases = [
        (
            note(r#""status": "proven""#),
            "pains[0].status: unknown status \"proven\"; use one of assumption, testing, validated, invalidated",
        ),
        (
            note(r#""votes": -2"#),
            "pains[0].votes: must be a whole number of votes, 0 or more, found -2",
        ),
        (
            note(r#""evidence": [{"source": "gossip", "stance": "supports"}]"#),
            "pains[0].evidence[0].source: unknown source \"gossip\"; use one of interview, observation, survey, analytics, support_ticket, sales_conversation, experiment, other",
        ),
        (
            note(r#""evidence": [{"source": "survey", "stance": "maybe"}]"#),
            "pains[0].evidence[0].stance: unknown stance \"maybe\"; use one of supports, contradicts",
        ),
        (
            note(r#""evidence": [{"source": "survey"}]"#),
            "pains[0].evidence[0]: has no \"stance\"",
        ),
        (
            note(
                r#""evidence": [{"source": "survey", "stance": "supports", "date": "2026-13-01"}]"#,
            ),
            "pains[0].evidence[0].date: must be a date written YYYY-MM-DD, found \"2026-13-01\"",
        ),
        (
            note(
                r#""evidence": [{"source": "interview", "stance": "supports", "interview": "nobody"}]"#,
            ),
            "pains[0].evidence[0].interview: cites interview \"nobody\", but the interview log has no such id",
        ),
    ];
    for (json, expected) in cases {
        assert_eq!(message_for(&json), expected);
    }
}

#[test]
fn interviews_show_which_notes_they_informed_and_removal_keeps_the_evidence() {
    let mut c = researched();
    let informed = c.informed_by("interview-1");
    assert_eq!(informed.len(), 1);
    assert_eq!(informed[0].0.id().as_str(), "pain-1");
    c.remove_interview("interview-1").unwrap();
    let pain = c.item("pain-1").unwrap();
    assert_eq!(pain.evidence().len(), 2);
    assert_eq!(pain.evidence()[0].interview, None);
    // Still valid: saves and loads back.
    assert_eq!(format::from_slice(&format::to_vec(&c)).unwrap(), c);
}

#[test]
fn citing_a_missing_interview_is_refused() {
    let mut c = researched();
    let mut e = Evidence::new(Source::Interview, Stance::Supports, "q");
    e.interview = fitcanvas_model::ItemId::new("interview-9");
    assert!(c.add_evidence("pain-1", e).is_err());
    assert_eq!(c.item("pain-1").unwrap().evidence().len(), 2);
}

#[test]
fn triangulation_shows_on_the_note() {
    let c = researched();
    // An interview and a support ticket, both supporting.
    assert!(c.item("pain-1").unwrap().is_triangulated());
    assert!(!c.item("reliever-1").unwrap().is_triangulated());
}

#[test]
fn finishing_a_test_sets_the_status_of_what_it_tested_and_moves_validated_fit() {
    let mut c = Canvas::new();
    let pain = c.add_item(Section::Pains, "p");
    let reliever = c.add_item(Section::PainRelievers, "r");
    c.link(reliever.as_str(), pain.as_str()).unwrap();
    assert_eq!(score(&c).fit, Some(100.0));
    assert_eq!(score(&c).validated_fit, Some(0.0));
    let test = c.add_test("p is real", &[pain.as_str()]).unwrap();
    assert_eq!(c.test(test.as_str()).unwrap().state, TestState::Planned);
    c.finish_test(test.as_str(), Learning::default(), Some(Status::Validated))
        .unwrap();
    assert_eq!(c.item(pain.as_str()).unwrap().status(), Status::Validated);
    assert_eq!(score(&c).validated_fit, Some(100.0));
    // Removing a note takes it off the test cards that tested it.
    c.remove_item(pain.as_str()).unwrap();
    assert!(c.test(test.as_str()).unwrap().items().is_empty());
}

#[test]
fn interview_and_test_ids_share_the_canvas_id_space() {
    let mut c = Canvas::new();
    let a = c.add_interview(None, "A", "");
    let b = c.add_interview(None, "B", "");
    let t = c.add_test("h", &[]).unwrap();
    assert_eq!(
        (a.as_str(), b.as_str(), t.as_str()),
        ("interview-1", "interview-2", "test-1")
    );
    assert!(
        c.add_test("h", &["interview-1"]).is_err(),
        "tests test notes only"
    );
}

#[test]
fn riskiest_assumptions_leave_out_validated_notes() {
    let c = researched();
    let ids: Vec<_> = riskiest_assumptions(&c).into_iter().map(|r| r.id).collect();
    // pain-1 is validated; the reliever that carries it is still an assumption.
    assert_eq!(
        ids.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        ["reliever-1"]
    );
}
