//! `fitcanvas merge`, `show` and `git-setup` as a user runs them: the real binary on real files,
//! and a real git repository whose merges and diffs go through the drivers git-setup installs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A panic in a test or bench is a failure report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fitcanvas_model::Canvas;
use fitcanvas_model::Section;
use fitcanvas_model::conflict::Conflict;
use fitcanvas_model::format;

fn fitcanvas(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run the fitcanvas binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn base() -> Canvas {
    let mut c = Canvas::new();
    c.set_title("Lunch planner");
    c.add_item(Section::Jobs, "Eat at night");
    c.add_item(Section::Pains, "Canteen closed");
    c.add_item(Section::PainRelievers, "Ward fridge");
    c
}

fn save(path: &Path, canvas: &Canvas) {
    format::save_file(path, canvas).unwrap();
}

fn load(path: &Path) -> Canvas {
    format::load_file(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Base, ours and theirs files in a fresh folder; ours and theirs edit as the closures say.
fn three(
    ours: impl FnOnce(&mut Canvas),
    theirs: impl FnOnce(&mut Canvas),
) -> (tempfile::TempDir, [PathBuf; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let paths = ["base.json", "ours.json", "theirs.json"].map(|n| dir.path().join(n));
    let (mut o, mut t) = (base(), base());
    ours(&mut o);
    theirs(&mut t);
    save(&paths[0], &base());
    save(&paths[1], &o);
    save(&paths[2], &t);
    (dir, paths)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_clean_merge_writes_over_ours_and_exits_0() {
    let (dir, [b, o, t]) = three(
        |c| c.set_text("pain-1", "Canteen shuts at 8").unwrap(),
        |c| c.set_text("job-1", "Eat a proper meal").unwrap(),
    );
    let out = fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("merged cleanly"));
    let merged = load(&o);
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(merged.item("job-1").unwrap().text(), "Eat a proper meal");
    assert!(merged.conflicts().is_empty());
}

#[test]
fn with_o_the_result_goes_there_and_ours_is_left_alone() {
    let (dir, [b, o, t]) = three(
        |c| c.set_text("pain-1", "ours").unwrap(),
        |c| c.set_text("pain-1", "theirs").unwrap(),
    );
    let before = fs::read(&o).unwrap();
    let result = dir.path().join("merged.json");
    let out = fitcanvas(
        dir.path(),
        &["merge", s(&b), s(&o), s(&t), "-o", s(&result)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(fs::read(&o).unwrap(), before);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1 conflict recorded"), "{stdout}");
    assert!(stdout.contains("text of pain-1"), "{stdout}");
    let merged = load(&result);
    assert_eq!(merged.item("pain-1").unwrap().text(), "ours");
    assert!(matches!(merged.conflicts(), [Conflict::Field { .. }]));
}

#[test]
fn an_unreadable_input_exits_2_and_writes_nothing() {
    let (dir, [b, o, t]) = three(|_| {}, |c| c.set_title("Theirs"));
    let before = fs::read(&o).unwrap();
    let result = dir.path().join("merged.json");
    let missing = dir.path().join("missing.json");
    fs::write(&t, r#"{"format": "fitcanvas", "version": 1, "jobs": 7}"#).unwrap();
    for args in [
        vec!["merge", s(&b), s(&o), s(&t)],
        vec!["merge", s(&missing), s(&o), s(&b), "-o", s(&result)],
    ] {
        let out = fitcanvas(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(fs::read(&o).unwrap(), before);
        assert!(!result.exists());
    }
    assert!(text(&fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]).stderr).contains("jobs"));
}

#[test]
fn an_empty_base_means_both_sides_added_the_file() {
    let (dir, [b, o, t]) = three(|_| {}, |c| c.set_title("Lunch planner")); // same as ours
    fs::write(&b, "").unwrap();
    let out = fitcanvas(dir.path(), &["merge", s(&b), s(&o), s(&t)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(load(&o), base());
}

#[test]
fn show_prints_a_line_per_note_and_a_broken_file_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut c = base();
    c.link("reliever-1", "pain-1").unwrap();
    c.set_text("job-1", "Eat\nat night").unwrap();
    save(&path, &c);
    let out = fitcanvas(dir.path(), &["show", s(&path)]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("  job-1 [weight 3, functional]: Eat\\nat night\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  reliever-1 -> pain-1: Ward fridge\n"),
        "{stdout}"
    );

    fs::write(&path, "{ not json").unwrap();
    let out = fitcanvas(dir.path(), &["show", s(&path)]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "{ not json");
    assert!(!out.stderr.is_empty());
}

/// `PATH` with the folder of the fitcanvas binary under test first, as git runs `fitcanvas`.
fn path_with_fitcanvas() -> std::ffi::OsString {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_fitcanvas"));
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(bin.parent().unwrap().to_path_buf());
    std::env::join_paths(dirs.chain(std::env::split_paths(&rest))).unwrap()
}

/// Runs git in `dir` with no user or system config but its own.
fn git(dir: &Path, args: &[&str]) -> Output {
    let path = path_with_fitcanvas();
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("PATH", path)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// A repository set up with `fitcanvas git-setup`, holding `plan.json` (the base canvas).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_fitcanvas"));
    let setup = |repo: &Path| {
        let out = Command::new(&bin)
            .current_dir(repo)
            .arg("git-setup")
            .env("PATH", path_with_fitcanvas())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    };
    setup(repo);
    // Again: nothing is added twice.
    setup(repo);
    let attributes = fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.json merge=fitcanvas diff=fitcanvas\n");
    assert_eq!(
        git_ok(repo, &["config", "--local", "merge.fitcanvas.driver"]).trim(),
        "fitcanvas merge %O %A %B"
    );
    assert_eq!(
        git_ok(
            repo,
            &["config", "--local", "--get-all", "diff.fitcanvas.textconv"]
        )
        .trim(),
        "fitcanvas show"
    );
    save(&repo.join("plan.json"), &base());
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    dir
}

fn commit_edit(repo: &Path, message: &str, edit: impl FnOnce(&mut Canvas)) {
    let path = repo.join("plan.json");
    let mut c = load(&path);
    edit(&mut c);
    save(&path, &c);
    git_ok(repo, &["commit", "-q", "-am", message]);
}

#[test]
fn git_merges_edits_of_different_notes_into_one_valid_canvas() {
    let dir = repository();
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "colleague"]);
    commit_edit(repo, "pain", |c| {
        c.set_text("pain-1", "Canteen shuts at 8").unwrap()
    });
    commit_edit(repo, "a gain", |c| {
        c.add_item(Section::Gains, "Feel awake");
    });
    git_ok(repo, &["checkout", "-q", "main"]);
    commit_edit(repo, "job", |c| {
        c.set_text("job-1", "Eat a proper meal").unwrap()
    });
    git_ok(repo, &["merge", "-q", "--no-edit", "colleague"]);

    let merged = load(&repo.join("plan.json"));
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert_eq!(merged.item("job-1").unwrap().text(), "Eat a proper meal");
    assert_eq!(merged.item("gain-1").unwrap().text(), "Feel awake");
    assert!(merged.conflicts().is_empty());
    // The file is canonical: the same bytes a save gives.
    assert_eq!(
        fs::read(repo.join("plan.json")).unwrap(),
        format::to_vec(&merged)
    );

    // git's diff of a canvas is the plain-text view, a line per note.
    let log = git_ok(
        repo,
        &["log", "-p", "-1", "--format=", "HEAD^2", "--", "plan.json"],
    );
    assert!(
        log.contains("+  gain-1 [weight 3, expected]: Feel awake"),
        "{log}"
    );
    assert!(!log.contains("\"id\""), "{log}");
}

#[test]
fn conflicting_git_edits_end_with_conflicts_recorded_in_a_file_that_loads() {
    let dir = repository();
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "colleague"]);
    commit_edit(repo, "theirs", |c| {
        c.set_text("pain-1", "No hot food").unwrap()
    });
    git_ok(repo, &["checkout", "-q", "main"]);
    commit_edit(repo, "ours", |c| {
        c.set_text("pain-1", "Canteen shuts at 8").unwrap();
        c.set_title("Night lunch");
    });
    let out = git(repo, &["merge", "--no-edit", "colleague"]);
    assert!(!out.status.success(), "git reports the conflict");
    let status = git_ok(repo, &["status", "--porcelain"]);
    assert!(status.contains("UU plan.json"), "{status}");

    let merged = load(&repo.join("plan.json"));
    assert_eq!(merged.title(), "Night lunch");
    assert_eq!(merged.item("pain-1").unwrap().text(), "Canteen shuts at 8");
    assert!(
        matches!(merged.conflicts(), [Conflict::Field { .. }]),
        "{:?}",
        merged.conflicts()
    );
    // It loads, but is not finished: check says so until the conflict is settled.
    let check = fitcanvas(repo, &["check", "plan.json"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    assert!(text(&check.stderr).contains("1 unresolved conflict"));
}

#[test]
fn git_setup_keeps_other_attributes_adds_each_pattern_once_and_needs_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let setup = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fitcanvas"))
            .current_dir(repo)
            .arg("git-setup")
            .args(args)
            .env("PATH", path_with_fitcanvas())
            .env("HOME", repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", repo.parent().unwrap())
            .output()
            .unwrap()
    };
    let out = setup(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("inside a git repository"));
    assert!(!repo.join(".gitattributes").exists());

    git_ok(repo, &["init", "-q"]);
    fs::write(repo.join(".gitattributes"), "*.png binary").unwrap();
    for _ in 0..2 {
        let out = setup(&["plans/*.json", "*.canvas.json", "plans/*.json"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert_eq!(
        fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\nplans/*.json merge=fitcanvas diff=fitcanvas\n*.canvas.json merge=fitcanvas diff=fitcanvas\n"
    );
}
