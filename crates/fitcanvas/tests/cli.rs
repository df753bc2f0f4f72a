//! The `fitcanvas` command line, run as a user runs it: the real binary, real files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn fitcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .args(args)
        .output()
        .expect("run the fitcanvas binary")
}

fn example(name: &str) -> String {
    fitcanvas_testkit::workspace_root()
        .join("assets/examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

const MESSY: &str = r#"{"version":1,"format":"fitcanvas","jobs":[{"text":"Ship it","id":"j1"}],"x-custom":{"keep":"me"}}"#;
const BAD: &str =
    r#"{"format":"fitcanvas","version":1,"pains":[{"id":"p","text":"x","weight":0}]}"#;

#[test]
fn check_passes_every_bundled_example() {
    let files = [
        example("freelance-invoicing.json"),
        example("night-shift-meals.json"),
        example("farm-to-restaurant.json"),
    ];
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = fitcanvas(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 3);
    assert!(out.stderr.is_empty());
}

#[test]
fn check_names_each_bad_file_on_its_own_line_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", BAD);
    let empty = write(dir.path(), "empty.json", "");
    let good = example("night-shift-meals.json");
    let out = fitcanvas(&["check", &bad, &good, &empty]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{bad}: pains[0].weight: must be a whole number from 1 to 5, found 0"),
            format!("{empty}: the file is empty"),
        ]
    );
}

#[test]
fn score_json_is_exactly_one_object_with_the_documented_keys() {
    let out = fitcanvas(&["score", "--json", &example("farm-to-restaurant.json")]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "fit",
        "jobs",
        "pains",
        "gains",
        "unaddressed",
        "unused",
        "validated_fit",
        "validated_jobs",
        "validated_pains",
        "validated_gains",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert!((value["fit"].as_f64().unwrap() - 82.222_222_222).abs() < 1e-6);
    assert_eq!(value["jobs"], 0.8);
    assert_eq!(
        value["unaddressed"],
        serde_json::json!(["job-4", "gain-3", "pain-5"])
    );
    assert_eq!(value["unused"], serde_json::json!([]));
}

#[test]
fn score_json_of_an_empty_canvas_has_null_fit() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "blank.json",
        r#"{"format":"fitcanvas","version":1}"#,
    );
    let out = fitcanvas(&["score", "--json", &file]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["fit"], serde_json::Value::Null);
    assert_eq!(value["pains"], serde_json::Value::Null);
}

#[test]
fn score_for_people_shows_fit_bars_and_what_is_left() {
    let out = fitcanvas(&["score", &example("freelance-invoicing.json")]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Fit: 81%"), "{stdout}");
    assert!(stdout.contains("Pains"), "{stdout}");
    assert!(
        stdout.contains("[4] gain  Tax money set aside automatically  (gain-5)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Referral discount programme  (creator-4)"),
        "{stdout}"
    );
}

#[test]
fn score_of_a_bad_file_says_why_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", BAD);
    let out = fitcanvas(&["score", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("pains[0].weight"));
    assert!(out.stdout.is_empty());
}

#[test]
fn fmt_check_names_files_that_would_change_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let messy = write(dir.path(), "messy.json", MESSY);
    let clean = example("night-shift-meals.json");
    let out = fitcanvas(&["fmt", "--check", &messy, &clean]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).trim(), messy);
    assert_eq!(fs::read_to_string(&messy).unwrap(), MESSY);

    let out = fitcanvas(&["fmt", "--check", &clean]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fmt_rewrites_canonically_and_keeps_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let messy = write(dir.path(), "messy.json", MESSY);
    let out = fitcanvas(&["fmt", &messy]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = fs::read_to_string(&messy).unwrap();
    assert!(
        after.starts_with("{\n  \"format\": \"fitcanvas\",\n  \"version\": 1,"),
        "{after}"
    );
    assert!(
        after.contains("\"x-custom\": {\n    \"keep\": \"me\"\n  }"),
        "{after}"
    );
    assert!(after.ends_with("}\n"));
    // Formatting again changes nothing.
    assert_eq!(
        fitcanvas(&["fmt", "--check", &messy]).status.code(),
        Some(0)
    );
}

#[test]
fn fmt_leaves_a_bad_file_untouched_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", BAD);
    let out = fitcanvas(&["fmt", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("left unchanged"));
    assert_eq!(fs::read_to_string(&bad).unwrap(), BAD);
}

#[test]
fn help_and_version_work() {
    let out = fitcanvas(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for sub in ["check", "score", "fmt"] {
        assert!(help.contains(sub), "{help}");
    }
    let out = fitcanvas(&["--version"]);
    assert_eq!(
        text(&out.stdout).trim(),
        format!("fitcanvas {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_subcommand_options_are_usage_errors() {
    let out = fitcanvas(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("FILE"));
}

#[test]
fn check_fails_on_unresolved_merge_conflicts_and_says_how_many() {
    use fitcanvas_model::{Canvas, Section};
    let dir = tempfile::tempdir().unwrap();
    let mut base = Canvas::new();
    let pain = base.add_item(Section::Pains, "Slow");
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.set_text(&pain, "Very slow").unwrap();
    theirs.set_text(&pain, "Too slow").unwrap();
    ours.set_title("Ours");
    theirs.set_title("Theirs");
    let merged = fitcanvas_model::merge::merge(&base, &ours, &theirs);
    let path = dir.path().join("merged.json");
    fitcanvas_model::format::save_file(&path, &merged).unwrap();
    let fine = example("night-shift-meals.json");
    let out = fitcanvas(&["check", &fine, &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("merged.json: 2 unresolved conflicts from a merge"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("night-shift-meals.json: ok"));
    assert!(!text(&out.stdout).contains("merged.json"));
}
