//! Comparing two canvases: every kind of change, in the library and through `fitcanvas diff`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use fitcanvas_model::Canvas;
use fitcanvas_model::Kind;
use fitcanvas_model::Section;
use fitcanvas_model::Status;
use fitcanvas_model::diff::{Change, diff};
use fitcanvas_model::format;
use serde_json::Value;

fn fitcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .args(args)
        .output()
        .expect("run the fitcanvas binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An old canvas and a new one with one change of every kind.
fn pair() -> (Canvas, Canvas) {
    let mut old = Canvas::new();
    old.set_title("Invoices");
    let job = old.add_item(Section::Jobs, "Pay suppliers on time"); // job-1
    let pain = old.add_item(Section::Pains, "Invoices get lost"); // pain-1
    let pain2 = old.add_item(Section::Pains, "Late fees"); // pain-2
    let gain = old.add_item(Section::Gains, "Fewer evenings on admin"); // gain-1
    let reliever = old.add_item(Section::PainRelievers, "Inbox capture"); // reliever-1
    let product = old.add_item(Section::Products, "Mobile app"); // product-1
    old.link(reliever.as_str(), pain.as_str()).unwrap();
    old.link(product.as_str(), job.as_str()).unwrap();

    let mut new = old.clone();
    new.set_title("Invoices, after the client's review");
    new.set_text(job.as_str(), "Pay every supplier on time")
        .unwrap();
    new.set_weight(pain.as_str(), 5).unwrap();
    new.set_kind(pain2.as_str(), Kind::Risk).unwrap();
    new.set_status(gain.as_str(), Status::Validated).unwrap();
    new.remove_item(product.as_str()).unwrap(); // removes its link to job-1 too
    let added = new.add_item(Section::GainCreators, "Weekly summary"); // creator-1
    new.link(added.as_str(), gain.as_str()).unwrap();
    new.unlink(reliever.as_str(), pain.as_str()).unwrap();
    new.link(reliever.as_str(), pain2.as_str()).unwrap();
    (old, new)
}

#[test]
fn every_kind_of_change_is_reported_with_its_id_and_section() {
    let (old, new) = pair();
    let d = diff(&old, &new);
    assert!(!d.is_empty());
    assert_eq!(
        d.title.as_ref().map(|c| c.after.as_str()),
        Some("Invoices, after the client's review")
    );
    assert_eq!(d.customer, None);

    assert_eq!(d.added.len(), 1);
    assert_eq!(
        (d.added[0].id.as_str(), d.added[0].section),
        ("creator-1", Section::GainCreators)
    );
    assert_eq!(d.added[0].weight, None);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(
        (d.removed[0].id.as_str(), d.removed[0].section),
        ("product-1", Section::Products)
    );

    let edit = |id: &str| d.changed.iter().find(|e| e.id.as_str() == id).unwrap();
    assert_eq!(d.changed.len(), 4);
    let job = edit("job-1");
    assert_eq!(job.section, Section::Jobs);
    assert_eq!(
        job.text,
        Some(Change {
            before: "Pay suppliers on time".to_owned(),
            after: "Pay every supplier on time".to_owned()
        })
    );
    assert_eq!((job.weight.clone(), job.kind.clone()), (None, None));
    assert_eq!(
        edit("pain-1").weight,
        Some(Change {
            before: Some(3),
            after: Some(5)
        })
    );
    assert_eq!(
        edit("pain-2").kind,
        Some(Change {
            before: Some(Kind::Obstacle),
            after: Some(Kind::Risk)
        })
    );
    assert_eq!(
        edit("gain-1").status,
        Some(Change {
            before: Status::Assumption,
            after: Status::Validated
        })
    );

    let links = |list: &[fitcanvas_model::diff::Link]| -> Vec<(String, String)> {
        list.iter()
            .map(|l| (l.from.to_string(), l.to.to_string()))
            .collect()
    };
    assert_eq!(
        links(&d.links_added),
        [
            ("creator-1".into(), "gain-1".into()),
            ("reliever-1".into(), "pain-2".into())
        ]
    );
    assert_eq!(
        links(&d.links_removed),
        [
            ("product-1".into(), "job-1".into()),
            ("reliever-1".into(), "pain-1".into())
        ]
    );
    // Before: jobs 1, pains 3/6 (pain-1 of 3+3) → (1 + 0.5 + 0) / 3 = 50%.
    // After: jobs 0, pains 3/8 (pain-2 of 5+3), gains 1 → (0 + 0.375 + 1) / 3 ≈ 45.8%.
    assert_eq!(d.fit_before, Some(50.0));
    assert!((d.fit_after.unwrap() - 137.5 / 3.0).abs() < 1e-9);
}

#[test]
fn a_note_moved_to_another_section_is_a_change_not_an_add_and_remove() {
    let old: Canvas = format::from_slice(
        br#"{"format":"fitcanvas","version":1,"pains":[{"id":"n","text":"Slow","kind":"obstacle"}]}"#,
    )
    .unwrap();
    let new: Canvas = format::from_slice(
        br#"{"format":"fitcanvas","version":1,"gains":[{"id":"n","text":"Slow","kind":"desired"}]}"#,
    )
    .unwrap();
    let d = diff(&old, &new);
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert_eq!(d.changed.len(), 1);
    assert_eq!(d.changed[0].section, Section::Gains);
    assert_eq!(
        d.changed[0].section_change,
        Some(Change {
            before: Section::Pains,
            after: Section::Gains
        })
    );
    assert!(d.changed[0].kind.is_some());
}

fn write_pair(dir: &Path) -> (String, String) {
    let (old, new) = pair();
    let (a, b) = (dir.join("old.json"), dir.join("new.json"));
    format::save_file(&a, &old).unwrap();
    format::save_file(&b, &new).unwrap();
    (
        a.to_string_lossy().into_owned(),
        b.to_string_lossy().into_owned(),
    )
}

#[test]
fn diff_command_reports_changes_for_people_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = write_pair(dir.path());
    let out = fitcanvas(&["diff", &a, &b]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for expected in [
        "Added notes (1):",
        "+ Gain creators: \"Weekly summary\"",
        "- Products & services: \"Mobile app\"",
        "~ Customer jobs: \"Pay every supplier on time\"",
        "~ Pains: \"Invoices get lost\"\n      weight: 3 -> 5",
        "text: \"Pay suppliers on time\" -> \"Pay every supplier on time\"",
        "weight: 3 -> 5",
        "kind: obstacle -> risk",
        "status: assumption -> validated",
        "Links added (2):",
        "Links removed (2):",
        "- Pain relievers: \"Inbox capture\" -> Pains: \"Invoices get lost\"",
        "Fit: 50% -> 46% (-4)",
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} missing from:\n{report}"
        );
    }
    assert!(out.stderr.is_empty());
    // People know notes by what they say: no id is printed where a text tells them apart.
    for id in ["job-1", "pain-1", "creator-1", "reliever-1"] {
        assert!(!report.contains(id), "{id} in:\n{report}");
    }
}

#[test]
fn diff_command_json_is_one_object_with_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = write_pair(dir.path());
    let out = fitcanvas(&["diff", "--json", &a, &b]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["identical"], false);
    assert_eq!(v["notes"]["added"][0]["id"], "creator-1");
    assert_eq!(v["notes"]["added"][0]["section"], "gain_creators");
    assert_eq!(v["notes"]["removed"][0]["section"], "products");
    let changed = v["notes"]["changed"].as_array().unwrap();
    let pain1 = changed.iter().find(|c| c["id"] == "pain-1").unwrap();
    assert_eq!(pain1["weight"]["before"], 3);
    assert_eq!(pain1["weight"]["after"], 5);
    assert_eq!(pain1["text"], Value::Null);
    assert_eq!(v["links"]["added"].as_array().unwrap().len(), 2);
    assert_eq!(v["links"]["removed"][1]["from"], "reliever-1");
    assert_eq!(v["fit"]["before"], 50.0);
    assert_eq!(v["title"]["before"], "Invoices");
}

#[test]
fn identical_files_exit_0_and_say_so() {
    let example =
        fitcanvas_testkit::workspace_root().join("assets/examples/night-shift-meals.json");
    let e = example.to_string_lossy();
    let out = fitcanvas(&["diff", &e, &e]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("No differences."));
    let out = fitcanvas(&["diff", "--json", &e, &e]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["identical"], true);
    assert_eq!(v["fit"]["before"], v["fit"]["after"]);
}

#[test]
fn diff_of_an_invalid_file_exits_2_with_the_core_message() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = write_pair(dir.path());
    let bad = dir.path().join("bad.json");
    fs::write(
        &bad,
        "{\"format\":\"fitcanvas\",\"version\":1,\"jobs\":[{\"id\":\"\"}]}",
    )
    .unwrap();
    let core_message = format::load_file(&bad).unwrap_err().to_string();
    let out = fitcanvas(&["diff", &a, &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim(), core_message);
    assert!(out.stdout.is_empty());
    let missing = dir.path().join("missing.json");
    let out = fitcanvas(&["diff", "--json", &missing.to_string_lossy(), &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("missing.json"));
}

/// An old canvas and a new one that differ only in the evidence behind them: a note's votes
/// and evidence, an interview added, one changed and one removed, a test card added, one
/// finished and one removed.
fn evidence_pair() -> (Canvas, Canvas) {
    use fitcanvas_model::Evidence;
    use fitcanvas_model::IsoDate;
    use fitcanvas_model::Learning;
    use fitcanvas_model::Source;
    use fitcanvas_model::Stance;
    let mut old = Canvas::new();
    let pain = old.add_item(Section::Pains, "Invoices get lost");
    let gain = old.add_item(Section::Gains, "Fewer evenings on admin");
    let kept = old.add_item(Section::Jobs, "Pay suppliers on time");
    let date = IsoDate::parse("2026-03-04");
    let visit = old.add_interview(date.clone(), "Ana", "Bookkeeper");
    let call = old.add_interview(date, "Ben", "Owner");
    old.add_evidence(
        pain.as_str(),
        Evidence::new(Source::Interview, Stance::Supports, "Lost two last month"),
    )
    .unwrap();
    let running = old
        .add_test("We believe invoices get lost", &[pain.as_str()])
        .unwrap();
    let dropped = old
        .add_test("We believe evenings matter", &[gain.as_str()])
        .unwrap();

    let mut new = old.clone();
    new.set_votes(pain.as_str(), 3).unwrap();
    new.remove_evidence(pain.as_str(), 0).unwrap();
    let mut survey = Evidence::new(Source::Survey, Stance::Contradicts, "Only 1 in 20 lose any");
    survey.date = IsoDate::parse("2026-03-04");
    survey.who = "Ana".to_owned();
    new.add_evidence(pain.as_str(), survey).unwrap();
    let mut changed = new.interview(visit.as_str()).unwrap().clone();
    changed.notes = "Keeps a paper tray".to_owned();
    new.set_interview(changed).unwrap();
    // Removed first: the one added next must not take its id.
    new.remove_interview(call.as_str()).unwrap();
    new.add_interview(IsoDate::parse("2026-03-09"), "Cleo", "Accountant");
    new.finish_test(
        running.as_str(),
        Learning::new("Few lose any", "Not a big pain", "Drop it"),
        None,
    )
    .unwrap();
    new.remove_test(dropped.as_str()).unwrap();
    new.add_test("We believe suppliers chase late payers", &[kept.as_str()])
        .unwrap();
    (old, new)
}

#[test]
fn evidence_votes_interviews_and_test_cards_are_compared_too() {
    let (old, new) = evidence_pair();
    let d = diff(&old, &new);
    assert!(!d.is_empty());
    assert_eq!(d.changed.len(), 1, "only the pain changed: {:?}", d.changed);
    let pain = &d.changed[0];
    assert_eq!(
        pain.votes,
        Some(Change {
            before: 0,
            after: 3
        })
    );
    assert_eq!(pain.evidence_removed.len(), 1);
    assert_eq!(pain.evidence_removed[0].quote, "Lost two last month");
    assert_eq!(pain.evidence_added.len(), 1);
    assert_eq!(pain.evidence_added[0].quote, "Only 1 in 20 lose any");
    assert_eq!(pain.text, None);
    // Interviews and cards matched by id.
    assert_eq!(d.interviews_added.len(), 1);
    assert_eq!(d.interviews_added[0].person, "Cleo");
    assert_eq!(d.interviews_removed[0].person, "Ben");
    assert_eq!(d.interviews_changed.len(), 1);
    assert_eq!(d.interviews_changed[0].as_str(), "interview-1");
    assert_eq!(d.tests_added.len(), 1);
    assert_eq!(d.tests_removed.len(), 1);
    assert_eq!(d.tests_changed.len(), 1);
    let finished = &d.tests_changed[0];
    assert_eq!(
        finished
            .state
            .as_ref()
            .map(|c| (c.before.key(), c.after.key())),
        Some(("planned", "done"))
    );
    // The fit does not depend on any of it.
    assert_eq!(d.fit_before, d.fit_after);
    // An identical copy still compares equal.
    assert!(diff(&new, &new.clone()).is_empty());
}

#[test]
fn diff_command_shows_evidence_changes_for_people_and_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = evidence_pair();
    let (a, b) = (dir.path().join("old.json"), dir.path().join("new.json"));
    format::save_file(&a, &old).unwrap();
    format::save_file(&b, &new).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = fitcanvas(&["diff", a, b]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    for line in [
        "      votes: 0 -> 3",
        "      evidence + contradicts, survey, 2026-03-04, Ana: \"Only 1 in 20 lose any\"",
        "      evidence - supports, interview: \"Lost two last month\"",
        "Interviews added (1):",
        "  + 2026-03-09 \"Cleo\"",
        "Interviews removed (1):",
        "Interviews changed (1):",
        "  ~ 2026-03-04 \"Ana\"",
        "Test cards added (1):",
        "  + \"We believe suppliers chase late payers\" (planned)",
        "Test cards removed (1):",
        "  ~ \"We believe invoices get lost\"  state: planned -> done",
    ] {
        assert!(stdout.lines().any(|l| l == line), "{line:?} in:\n{stdout}");
    }
    let out = fitcanvas(&["diff", "--json", a, b]);
    let v: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let pain = &v["notes"]["changed"][0];
    assert_eq!(pain["votes"]["after"], 3);
    assert_eq!(pain["evidence"]["added"][0]["source"], "survey");
    assert_eq!(pain["evidence"]["added"][0]["stance"], "contradicts");
    assert_eq!(
        pain["evidence"]["removed"][0]["quote"],
        "Lost two last month"
    );
    assert_eq!(v["interviews"]["added"][0]["person"], "Cleo");
    assert_eq!(v["interviews"]["changed"][0], "interview-1");
    assert_eq!(v["tests"]["changed"][0]["state"]["after"], "done");
    assert_eq!(v["tests"]["removed"][0]["id"], "test-2");
}

#[test]
fn a_note_added_after_the_last_one_was_deleted_is_new_not_the_deleted_one_changed() {
    let mut old = Canvas::new();
    old.add_item(Section::Pains, "Invoices get lost");
    let last = old.add_item(Section::Pains, "Late fees");
    let mut new = old.clone();
    new.remove_item(last.as_str()).unwrap();
    let added = new.add_item(Section::Pains, "Suppliers chase payments");
    assert_ne!(added, last, "a deleted note's id is not handed out again");
    let d = diff(&old, &new);
    assert!(d.changed.is_empty(), "{:?}", d.changed);
    assert_eq!(d.removed[0].text, "Late fees");
    assert_eq!(d.added[0].text, "Suppliers chase payments");
    // Which ids were retired is bookkeeping, not content: deleting a note just added leaves
    // a canvas equal to the one before.
    let mut c = old.clone();
    let temp = c.add_item(Section::Gains, "Temporary");
    c.remove_item(temp.as_str()).unwrap();
    assert_eq!(c, old);
}

#[test]
fn diff_names_notes_by_text_and_area_and_reports_moves_past_the_notes_that_stayed() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = Canvas::new();
    for text in [
        "Late fees",
        "Invoices get lost",
        "Chasing payers",
        "Paper receipts",
    ] {
        old.add_item(Section::Pains, text);
    }
    // Two notes saying the same: their ids tell them apart.
    old.add_item(Section::Gains, "Less admin");
    old.add_item(Section::Gains, "Less admin");
    let mut new = old.clone();
    let id = |c: &Canvas, text: &str| {
        c.all_items()
            .find(|(_, i)| i.text() == text)
            .map(|(_, i)| i.id().clone())
            .unwrap()
    };
    // Chasing payers dragged to the top; Invoices get lost deleted, one added at the end:
    // the others shift, but only the one dragged moved.
    new.move_item(&id(&new, "Chasing payers"), 0).unwrap();
    new.remove_item(&id(&new, "Invoices get lost")).unwrap();
    new.add_item(Section::Pains, "Bank fees");
    let twin = new.items(Section::Gains)[1].id().clone();
    new.set_weight(&twin, 5).unwrap();
    let (a, b) = (dir.path().join("old.json"), dir.path().join("new.json"));
    format::save_file(&a, &old).unwrap();
    format::save_file(&b, &new).unwrap();
    let out = fitcanvas(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    let report = text(&out.stdout);
    for expected in [
        "  ~ Pains: \"Chasing payers\"\n      moved up from 3rd to 1st of 4\n",
        "  - Pains: \"Invoices get lost\" (weight 3, obstacle)\n",
        "  + Pains: \"Bank fees\" (weight 3, obstacle)\n",
        &format!("  ~ Gains: \"Less admin\" ({twin})\n      weight: 3 -> 5\n"),
    ] {
        assert!(
            report.contains(expected),
            "{expected:?} missing from:\n{report}"
        );
    }
    assert_eq!(report.matches(" moved ").count(), 1, "{report}");
    let d = diff(&old, &new);
    let moved: Vec<&str> = d
        .changed
        .iter()
        .filter(|e| e.place.is_some())
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(moved, ["Chasing payers"]);
    let json = fitcanvas(&["diff", "--json", a.to_str().unwrap(), b.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&text(&json.stdout)).unwrap();
    let chasing = &v["notes"]["changed"][0];
    assert_eq!(chasing["name"], "Chasing payers");
    assert_eq!(chasing["place"]["before"], 3);
    assert_eq!(chasing["place"]["after"], 1);
}
